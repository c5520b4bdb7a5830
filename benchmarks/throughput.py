"""Throughput of the full onrecord pipeline against a bare spaCy parse of the same texts.

    python benchmarks/throughput.py [DIR_OR_FILES...] [--repeat N] [--limit N] [--workers 1]

Each side runs in its own fresh subprocess, so its peak RSS is its own and neither warms
caches for the other; the two alternate which goes first over ``--repeat`` rounds and the
table shows medians, which a noisy shared machine disturbs less than means.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/data/polnear/dev/text"
sys.path.insert(0, str(ROOT / "src"))      # measure this checkout, installed or not

# Analyzer._analyse_batch calls nlp.pipe(..., batch_size=64); the bare side uses the same
# number, but onrecord's 64 are paragraphs (of 8 articles) and bare's are whole articles.
SPACY_BATCH = 64
SIDES = ("onrecord", "bare")


def run_onrecord(paths: list[str]) -> dict:
    """Read + analyse, as `onrecord extract` does; only model loading is timed apart."""
    from onrecord.ingest import read_path
    from onrecord.nlp import Analyzer

    start = time.perf_counter()
    analyzer = Analyzer()
    loaded = time.perf_counter()
    # Reading is inside the timed part: it is part of what a user waits for.
    statements = sum(len(a.statements) for a in analyzer.analyse_many(read_path(p) for p in paths))
    done = time.perf_counter()
    return {"load_s": loaded - start, "run_s": done - loaded, "statements": statements}


def run_bare(paths: list[str]) -> dict:
    """The same model over the same extracted texts, every default pipe, nothing else."""
    from onrecord.ingest import read_path
    from onrecord.nlp.model_loader import load_model

    texts = [read_path(p).text for p in paths]   # untimed: the baseline is the parse alone
    start = time.perf_counter()
    nlp = load_model()
    loaded = time.perf_counter()
    # Docs are counted, not kept, so RSS is not inflated by holding every parse.
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=SPACY_BATCH))
    done = time.perf_counter()
    return {"load_s": loaded - start, "run_s": done - loaded, "tokens": tokens}


def child(side: str) -> None:
    """Entry point inside a subprocess: paths on stdin, one JSON result line on stdout."""
    paths = json.load(sys.stdin)
    result = (run_onrecord if side == "onrecord" else run_bare)(paths)
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps(result))


def spawn(side: str, paths: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", side], input=json.dumps(paths),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{side} run failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def collect(args: list[str], limit: int | None) -> tuple[list[str], int]:
    """Readable article files (and their total characters); unreadable ones are skipped."""
    from onrecord.errors import OnrecordError
    from onrecord.ingest import iter_inputs, read_path

    if not args:
        args = [str(ROOT / "examples")]
        if CORPUS.is_dir():
            args.append(str(CORPUS))
        else:
            print(f"note: {CORPUS} not found, using examples/ only", file=sys.stderr)
    paths, chars = [], 0
    for path in iter_inputs(args):
        if limit is not None and len(paths) >= limit:
            break
        try:
            chars += len(read_path(path).text)
        except OnrecordError as err:
            print(f"skipped {err}", file=sys.stderr)
            continue
        paths.append(str(path))
    return paths, chars


def measure(paths: list[str], repeat: int) -> dict[str, list[dict]]:
    """Alternate which side goes first each round, so drift in machine load hits both."""
    runs: dict[str, list[dict]] = {side: [] for side in SIDES}
    for n in range(repeat):
        for side in SIDES if n % 2 == 0 else SIDES[::-1]:
            result = spawn(side, paths)
            runs[side].append(result)
            print(f"round {n + 1}/{repeat} {side:8} {len(paths) / result['run_s']:7.2f} articles/s",
                  file=sys.stderr)
    return runs


def report(runs: dict[str, list[dict]], articles: int, chars: int) -> None:
    def median(side: str, value) -> float:
        return statistics.median(value(r) for r in runs[side])

    rows = [("articles/s", "{:10.2f}", lambda r: articles / r["run_s"]),
            ("s/article", "{:10.4f}", lambda r: r["run_s"] / articles),
            ("peak RSS MB", "{:10.0f}", lambda r: r["rss_mb"]),
            ("model load s", "{:10.2f}", lambda r: r["load_s"])]
    print(f"{articles} articles, {chars:,} chars, {len(runs['bare'])} round(s), medians")
    print(f"{'':14}{'onrecord':>10}{'bare':>10}")
    for label, fmt, value in rows:
        print(f"{label:14}" + "".join(fmt.format(median(side, value)) for side in SIDES))
    ratio = median("onrecord", rows[0][2]) / median("bare", rows[0][2])
    print(f"throughput ratio onrecord/bare: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="article files or directories (default: examples/ + corpus)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per side (default 3)")
    parser.add_argument("--limit", type=int, help="use at most this many articles")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes per side; only 1: Analyzer runs spaCy in one process")
    parser.add_argument("--child", choices=SIDES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    if args.workers != 1:
        parser.error("--workers: only 1 is supported (onrecord's Analyzer has no multi-process mode)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    paths, chars = collect(args.inputs, args.limit)
    if not paths:
        sys.exit("no readable articles")
    report(measure(paths, args.repeat), len(paths), chars)


if __name__ == "__main__":
    main()
