"""Search throughput of `onrecord serve` on loopback: requests/s and latency percentiles.

    python benchmarks/search.py [--statements 12000] [--seconds 10] [--concurrency 16]

Builds a store of generated articles (our own template sentences, no NLP, so it takes
seconds), starts the web app under uvicorn on 127.0.0.1 in a child process, then runs a
bounded load generator for a fixed number of seconds against the full-text search endpoint
with varied queries: `wrk` when it is installed (Debian's package; written in C, it leaves
the CPU to the server), else asyncio + httpx in this process. Prints requests/s and latency
percentiles.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SPEAKERS = ["Ana Ruiz", "Marek Hale", "Lena Okafor", "Daniel Brennock", "Tomas Velde", "Priya Raman",
            "Jonas Berg", "Maria Lopez", "Peter Schmidt", "Olaf Brandt"]
TOPICS = ["harbour", "ferry", "wind farm", "budget", "school", "bridge", "election", "housing",
          "fishing quota", "rail line", "hospital", "tax", "water supply", "police", "museum"]
CUES = ["said", "told reporters", "added", "stressed", "warned"]
SITES = ["ledger.example", "gazette.example", "courier.example"]


def article(n: int, per_article: int):
    """One generated article with ``per_article`` attributed statements and exact spans."""
    from onrecord.model import Article, Span, Speaker, Statement

    rng = random.Random(n)
    pieces, statements = [f"Report {n}\n\n"], []
    for k in range(per_article):
        who, topic, cue = rng.choice(SPEAKERS), rng.choice(TOPICS), rng.choice(CUES)
        words = f"the {topic} plan would cost {rng.randint(2, 90)} million and open in {rng.randint(2025, 2030)}"
        sentence = f"{who} {cue} that {words}.\n\n"
        start = sum(map(len, pieces)) + len(f"{who} {cue} that ")
        pieces.append(sentence)
        text = "".join(pieces)
        mention = Span.of(text, start - len(f"{who} {cue} that "), start - len(f" {cue} that "))
        statements.append(Statement(f"s{k + 1}", "indirect", words, start, start + len(words),
                                    None, Speaker(who, mention), 0.9, (who,)))
    text = "".join(pieces)
    day = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
    return Article(text=text, source=f"https://{SITES[n % 3]}/{n}", title=f"Report {n}", published=day,
                   site=SITES[n % 3], statements=tuple(statements))


def build_store(path: Path, statements: int, per_article: int = 6) -> None:
    from onrecord.store import Store

    with Store(path) as store:
        store.save_many(article(n, per_article) for n in range(-(-statements // per_article)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    """`onrecord serve`, as a user starts it, in a child process."""
    code = f"from onrecord.serve import run; run({str(db)!r}, '127.0.0.1', {port}, {workers})"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("the server did not start")


async def load(port: int, seconds: float, concurrency: int, paths: list[str] | None = None) -> list[float]:
    """Bounded load: ``concurrency`` clients, each looping until the time is up, each request
    one of ``paths`` at random (default: searches of the statements API with varied words)."""
    import httpx

    latencies: list[float] = []
    stop = time.perf_counter() + seconds
    targets = paths or search_paths()

    async def client(seed: int) -> None:
        rng = random.Random(seed)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                r = await http.get(rng.choice(targets))
                r.raise_for_status()
                latencies.append(time.perf_counter() - t0)
    await asyncio.gather(*(client(i) for i in range(concurrency)))
    return latencies


def search_paths(prefix: str = "/api/statements") -> list[str]:
    """Full-text searches with varied words, one topic word or two words."""
    from urllib.parse import quote

    queries = TOPICS + [f"{t} {w}" for t in TOPICS for w in ("plan", "million", "cost")]
    return [f"{prefix}?limit=20&q={quote(q)}" for q in queries]


WRK_SCRIPT = """
local paths = {%s}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def wrk_load(port: int, seconds: float, concurrency: int, paths: list[str] | None = None,
             threads: int = 2) -> str:
    """Run wrk (bounded by -d) over ``paths`` picked at random (default: ``search_paths``) and
    return its summary lines."""
    import shutil

    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths or search_paths())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(WRK_SCRIPT % quoted)
    try:
        done = subprocess.run([shutil.which("wrk") or "wrk", f"-t{threads}", f"-c{concurrency}",
                               f"-d{int(seconds)}s", "--latency", "-s", fh.name, f"http://127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=seconds + 30)
    finally:
        Path(fh.name).unlink()
    keep = ("Requests/sec", "50%", "90%", "99%", "Non-2xx", "Socket errors", "requests in")
    return "\n".join(line.strip() for line in done.stdout.splitlines() if line.strip().startswith(keep)
                     or any(k in line for k in keep[-1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=12000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2, one a core)")
    parser.add_argument("--python-client", action="store_true", help="use the httpx client even if wrk is there")
    args = parser.parse_args()
    import shutil
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        build_store(db, args.statements)
        print(f"store: {args.statements} statements built in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            if use_wrk:
                print(f"wrk, {args.concurrency} connections, {args.seconds:.0f} s, {args.workers} server worker(s):")
                print(wrk_load(port, args.seconds, args.concurrency))
                return
            lat = asyncio.run(load(port, args.seconds, args.concurrency))
        finally:
            server.terminate()
            server.wait(timeout=10)
    q = statistics.quantiles(sorted(lat), n=100)
    print(f"{len(lat)} requests in {args.seconds:.0f} s, {args.concurrency} clients: "
          f"{len(lat) / args.seconds:.0f} req/s; latency p50 {q[49] * 1000:.1f} ms, "
          f"p90 {q[89] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
