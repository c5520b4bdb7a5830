"""The long fuzz run: many generated inputs (``tests/fuzzcases.py``: parse chains thousands
deep, quotation runs, one-line dumps, NULs, stray bytes, bad JSON lines, HTML nested past any
page, WARC files cut anywhere, names that are not UTF-8) through ``onrecord ingest`` as a user
runs it, in a subprocess with a time limit. Prints inputs, articles stored, failures by
reason, crashes (an exit other than 0 or 1, or a traceback), hangs (the limit reached) and
the peak RSS of the run.

    PYTHONPATH=src .venv/bin/python benchmarks/fuzz.py --inputs 10000
    PYTHONPATH=src .venv/bin/python benchmarks/fuzz.py --inputs 500 --scale 3000 --workers 2
"""
from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from fuzzcases import write_cases  # noqa: E402


def reason_kind(reason: str) -> str:
    """A failure's reason without its particulars ("invalid JSON (…)" -> "invalid JSON")."""
    return reason.split(" (")[0].split(":")[0][:60]


def run(inputs: int, seed: int, scale: int, workers: int, limit: float, time_budget: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        write_cases(folder, inputs, seed=seed, scale=scale)
        db = Path(tmp, "fuzz.db")
        command = [sys.executable, "-m", "onrecord", "ingest", str(folder), "--db", str(db),
                   "--workers", str(workers), "--time-budget", str(time_budget)]
        started = time.monotonic()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
            hung, code, err = False, done.returncode, done.stderr
        except subprocess.TimeoutExpired as expired:
            hung, code, err = True, None, (expired.stderr or b"").decode("utf-8", "replace")
        seconds = time.monotonic() - started
        failures = Path(tmp, "fuzz-failures.jsonl")
        reasons = Counter(reason_kind(json.loads(line)["reason"]) for line in failures.read_text().splitlines()
                          if line.strip()) if failures.exists() else Counter()
        stored = 0
        if db.exists():
            with sqlite3.connect(db) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {"inputs": inputs, "stored articles": stored, "failed": sum(reasons.values()),
            "crashes": int(code not in (0, 1, None) or "Traceback" in err), "hangs": int(hung),
            "seconds": round(seconds, 1),
            "peak RSS MB (largest process)": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
            "failures by reason": dict(reasons.most_common())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=int, default=2000, help="how big the pathological inputs grow")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-budget", type=float, default=60.0, help="seconds per article")
    parser.add_argument("--limit", type=float, default=6 * 3600, help="seconds before the run counts as hung")
    args = parser.parse_args()
    result = run(args.inputs, args.seed, args.scale, args.workers, args.limit, args.time_budget)
    for key, value in result.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for reason, n in value.items():
                print(f"  {n:6,}  {reason}")
        else:
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
