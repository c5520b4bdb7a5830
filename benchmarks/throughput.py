"""Throughput of the full onrecord pipeline against a bare spaCy parse of the same texts.

    python benchmarks/throughput.py [DIR_OR_FILES...] [--repeat N] [--limit N] [--baseline SRC]

Each side runs in its own fresh subprocess, so its peak RSS is its own and neither warms
caches for the other; the sides rotate which goes first over ``--repeat`` rounds and the
table shows medians, which a noisy shared machine disturbs less than means. ``--baseline``
adds a third side: the pipeline of another checkout's ``src/`` (an earlier commit in a git
worktree, say), to see what a change costs.
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

# The bare parse gets as many articles at a time as the Analyzer takes (its batch_size, 8),
# so both hold the same amount of text in flight.
ARTICLES_PER_BATCH = 8


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
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=ARTICLES_PER_BATCH))
    done = time.perf_counter()
    return {"load_s": loaded - start, "run_s": done - loaded, "tokens": tokens}


def child(side: str) -> None:
    """Entry point inside a subprocess: paths on stdin, one JSON result line on stdout."""
    paths = json.load(sys.stdin)
    if side == "baseline":
        sys.path.insert(0, os.environ["ONRECORD_BASELINE_SRC"])     # before onrecord is imported
    result = (run_bare if side == "bare" else run_onrecord)(paths)
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps(result))


def spawn(side: str, paths: list[str], baseline: str | None) -> dict:
    env = dict(os.environ, ONRECORD_BASELINE_SRC=baseline or "")
    proc = subprocess.run([sys.executable, __file__, "--child", side], input=json.dumps(paths),
                          capture_output=True, text=True, env=env)
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


def measure(paths: list[str], repeat: int, sides: list[str], baseline: str | None) -> dict[str, list[dict]]:
    """Rotate which side goes first each round, so drift in machine load hits all."""
    runs: dict[str, list[dict]] = {side: [] for side in sides}
    for n in range(repeat):
        for side in sides[n % len(sides):] + sides[:n % len(sides)]:
            result = spawn(side, paths, baseline)
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
    print(f"{'':14}" + "".join(f"{side:>10}" for side in runs))
    for label, fmt, value in rows:
        print(f"{label:14}" + "".join(fmt.format(median(side, value)) for side in runs))
    for other in [s for s in runs if s != "onrecord"]:
        ratio = median("onrecord", rows[0][2]) / median(other, rows[0][2])
        print(f"throughput ratio onrecord/{other}: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="article files or directories (default: examples/ + corpus)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per side (default 3)")
    parser.add_argument("--limit", type=int, help="use at most this many articles")
    parser.add_argument("--baseline", metavar="SRC", help="also measure the pipeline in this src/ folder")
    parser.add_argument("--child", choices=("onrecord", "baseline", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    if args.baseline and not (Path(args.baseline) / "onrecord").is_dir():
        parser.error(f"--baseline: no onrecord package in {args.baseline}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    paths, chars = collect(args.inputs, args.limit)
    if not paths:
        sys.exit("no readable articles")
    sides = ["onrecord", "bare"] + (["baseline"] if args.baseline else [])
    baseline = str(Path(args.baseline).resolve()) if args.baseline else None
    report(measure(paths, args.repeat, sides, baseline), len(paths), chars)


if __name__ == "__main__":
    main()
