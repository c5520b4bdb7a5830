"""Throughput of the full onrecord pipeline against a bare spaCy parse of the same texts.

    python benchmarks/throughput.py [DIR_OR_FILES...] [--repeat N] [--limit N] [--baseline SRC]

Sides, each in its own fresh subprocess so that neither warms caches for the other:
  bare-1      the model as shipped, ``nlp.pipe`` over the extracted texts, one process
  bare-2      the same with ``n_process=2``
  onrecord-1  read + ``Analyzer.analyse_many`` (every extractor), one process
  onrecord-2  read + ``scale.analyse_parallel`` on 2 worker processes
  baseline-1  (with ``--baseline SRC``) onrecord-1 from another checkout's ``src/``

The sides rotate which goes first over ``--repeat`` rounds and the table shows medians,
which a noisy shared machine disturbs less than means. Only the parent's model loading is
left out of the clock; worker processes load theirs inside it (what a user waits for).
Peak memory is the largest sum of RSS over the side's process tree, sampled every 50 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/data/polnear/train/text"
sys.path.insert(0, str(ROOT / "src"))      # measure this checkout, installed or not

# The bare parse gets as many articles at a time as the Analyzer takes (its batch_size, 8),
# so both hold the same amount of text in flight.
ARTICLES_PER_BATCH = 8
SIDES = ("bare-1", "bare-2", "onrecord-1", "onrecord-2")


def run_onrecord(paths: list[str], workers: int) -> dict:
    """Read + analyse, as `onrecord extract` / `onrecord ingest --workers` do."""
    from onrecord.ingest import read_path
    from onrecord.nlp import Analyzer

    start = time.perf_counter()
    if workers == 1:
        analyzer = Analyzer()
        loaded = time.perf_counter()
        analysed = analyzer.analyse_many(read_path(p) for p in paths)
    else:
        from onrecord.scale import analyse_parallel
        loaded = start                        # the workers load the model on the clock
        analysed = analyse_parallel((read_path(p) for p in paths), workers)
    # Reading is inside the timed part: it is part of what a user waits for.
    statements = sum(len(a.statements) for a in analysed if not isinstance(a, tuple))
    done = time.perf_counter()
    return {"load_s": loaded - start, "run_s": done - loaded, "statements": statements}


def run_bare(paths: list[str], workers: int) -> dict:
    """The model as shipped over the same extracted texts, every default pipe, nothing else."""
    import spacy

    from onrecord.ingest import read_path
    from onrecord.nlp.model_loader import model_name

    texts = [read_path(p).text for p in paths]   # untimed: the baseline is the parse alone
    start = time.perf_counter()
    nlp = spacy.load(model_name())
    loaded = time.perf_counter()
    # Docs are counted, not kept, so memory is not inflated by holding every parse.
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=ARTICLES_PER_BATCH, n_process=workers))
    done = time.perf_counter()
    return {"load_s": loaded - start, "run_s": done - loaded, "tokens": tokens}


def child(side: str) -> None:
    """Entry point inside a subprocess: paths on stdin, one JSON result line on stdout."""
    paths = json.load(sys.stdin)
    kind, workers = side.rsplit("-", 1)
    if kind == "baseline":
        sys.path.insert(0, os.environ["ONRECORD_BASELINE_SRC"])     # before onrecord is imported
    result = (run_bare if kind == "bare" else run_onrecord)(paths, int(workers))
    print(json.dumps(result))


def tree_rss(pid: int) -> int:
    """Bytes resident in a process and all its descendants (0 once it is gone)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass                                  # ended between listing and reading
    return total


def spawn(side: str, paths: list[str], baseline: str | None) -> dict:
    env = dict(os.environ, ONRECORD_BASELINE_SRC=baseline or "")
    proc = subprocess.Popen([sys.executable, __file__, "--child", side], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    finished = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not finished.wait(0.05):
            peak = max(peak, tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate(json.dumps(paths))
    finished.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{side} run failed:\n{err}")
    result = json.loads(out.strip().splitlines()[-1])
    result["rss_mb"] = peak / 2**20
    return result


def collect(args: list[str], limit: int | None) -> tuple[list[str], int]:
    """Readable article files (and their total characters); unreadable ones are skipped."""
    from onrecord.errors import OnrecordError
    from onrecord.ingest import iter_inputs, read_path

    if not args:
        if CORPUS.is_dir():
            args = [str(CORPUS)]
        else:
            print(f"note: {CORPUS} not found, using examples/", file=sys.stderr)
            args = [str(ROOT / "examples")]
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
            print(f"round {n + 1}/{repeat} {side:10} {len(paths) / result['run_s']:7.2f} articles/s"
                  f" {result['rss_mb']:6.0f} MB", file=sys.stderr)
    return runs


def report(runs: dict[str, list[dict]], articles: int, chars: int) -> None:
    def median(side: str, value) -> float:
        return statistics.median(value(r) for r in runs[side])

    def speed(r: dict) -> float:
        return articles / r["run_s"]

    def ratio(side: str) -> str:
        kind, workers = side.rsplit("-", 1)
        if kind == "bare" or f"bare-{workers}" not in runs:
            return f"{'':>12}"
        return f"{median(side, speed) / median('bare-' + workers, speed):12.2f}"

    rounds = len(next(iter(runs.values())))
    print(f"{articles} articles, {chars:,} chars, {rounds} round(s), medians")
    print(f"{'':18}" + "".join(f"{side:>12}" for side in runs))
    rows = [("articles/s", "{:12.2f}", speed),
            ("s/article", "{:12.4f}", lambda r: r["run_s"] / articles),
            ("peak MB (tree)", "{:12.0f}", lambda r: r["rss_mb"]),
            ("model load s", "{:12.2f}", lambda r: r["load_s"])]
    for label, fmt, value in rows:
        print(f"{label:18}" + "".join(fmt.format(median(side, value)) for side in runs))
    print(f"{'ratio to bare-N':18}" + "".join(ratio(side) for side in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="article files or directories (default: PolNeAR train texts)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per side (default 3)")
    parser.add_argument("--limit", type=int, help="use at most this many articles")
    parser.add_argument("--baseline", metavar="SRC", help="also measure the pipeline in this src/ folder")
    parser.add_argument("--sides", default=",".join(SIDES),
                        help=f"comma-separated sides to run (default {','.join(SIDES)})")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    if args.baseline and not (Path(args.baseline) / "onrecord").is_dir():
        parser.error(f"--baseline: no onrecord package in {args.baseline}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sides = [s for s in args.sides.split(",") if s]
    if not set(sides) <= set(SIDES):
        parser.error(f"--sides: choose among {', '.join(SIDES)}")
    paths, chars = collect(args.inputs, args.limit)
    if not paths:
        sys.exit("no readable articles")
    sides += ["baseline-1"] if args.baseline else []
    baseline = str(Path(args.baseline).resolve()) if args.baseline else None
    report(measure(paths, args.repeat, sides, baseline), len(paths), chars)


if __name__ == "__main__":
    main()
