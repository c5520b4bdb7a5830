"""Every page kind of `onrecord serve` under load, one route after another, on a large store.

    python benchmarks/pages.py [--articles 10000] [--seconds 5] [--repeat 3] [--db store.db]

Builds (or reuses, with ``--db``) a store of generated articles shaped like a real one, no
NLP: speakers drawn from a long-tailed distribution (a few with thousands of statements, most
with a handful), a long article every few hundred with hundreds of statements, direct quotes
reported by many articles, topics, entities, amounts (claims) and events. Then starts the app
as `onrecord serve --workers N` does and loads each route in turn (`wrk` when installed, else
the httpx client of ``search.py``), ``--repeat`` times, and prints per route the median req/s,
p50, p99 and the response size. ``--routes`` keeps the routes whose name has one of the words.
"""
from __future__ import annotations

import argparse
import asyncio
import bisect
import itertools
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search import CUES, SITES, TOPICS, free_port, load, search_paths, start_server, wrk_load  # noqa: E402

FIRST = ["Ana", "Marek", "Lena", "Daniel", "Tomas", "Priya", "Jonas", "Maria", "Peter", "Olaf", "Ines", "Karl",
         "Sofia", "Ivan", "Mette", "Rui", "Elif", "Noah", "Yara", "Bram", "Greta", "Luca", "Nadia", "Oskar",
         "Hana", "Emil", "Zofia", "Tariq", "Alma", "Felix", "Leila", "Stefan", "Clara", "Viktor", "Anouk",
         "Milan", "Freya", "Dario", "Selma", "Aron"]
LAST = ["Ruiz", "Hale", "Okafor", "Brennock", "Velde", "Raman", "Berg", "Lopez", "Schmidt", "Brandt", "Novak",
        "Moreau", "Jansen", "Costa", "Lind", "Kowalski", "Haas", "Dubois", "Meyer", "Rossi", "Nielsen", "Horvat",
        "Weber", "Silva", "Eriksen", "Popescu", "Fischer", "Marin", "Holm", "Varga", "Keller", "Santos",
        "Wolf", "Bauer", "Larsen", "Kaya", "Petrov", "Ahmed", "Quinn", "Sato", "Moller", "Duarte", "Falk",
        "Ibsen", "Jovic", "Kerr", "Lund", "Mraz", "Ortiz", "Pace"]
NAMES = [f"{f} {l}" for f, l in itertools.product(FIRST, LAST)]            # 2,000 speakers
# Zipf weights: the first speaker says about a ninth of everything, the last a handful.
WEIGHTS = list(itertools.accumulate(1 / (k + 1) for k in range(len(NAMES))))
QUOTES = [f"we will not accept a {t} deal that leaves {w} behind" for t in TOPICS
          for w in ("families", "workers", "the north", "our towns", "young people", "pensioners",
                    "the islands", "small firms", "farmers", "the coast", "commuters", "students")]
EVENT_TYPES = ["meeting", "visit", "call", "talks"]
LONG_EVERY = 400                  # one article in this many is long: hundreds of statements
LONG_STATEMENTS = 300


def _span(start: int, words: str):
    from onrecord.model import Span

    return Span(words, start, start + len(words))


class Writer:
    """An article's text written piece by piece, with the offsets of what was written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, piece: str) -> int:
        at = self.size
        self.parts.append(piece)
        self.size += len(piece)
        return at

    def text(self) -> str:
        return "".join(self.parts)


def _statement(w: Writer, rng: random.Random, k: int, topic_ids: list[tuple[str, str]], amounts: list):
    """One statement of the article being written: direct (a shared quote) or reported."""
    from onrecord.model import Amount, Speaker, Statement

    who = NAMES[bisect.bisect_left(WEIGHTS, rng.random() * WEIGHTS[-1])]
    tid, topic = rng.choice(topic_ids)
    cue = rng.choice(CUES)
    if rng.random() < 0.3:
        words = rng.choice(QUOTES)
        at = w.add(f'"{words}," ')
        mention = _span(w.add(who), who)
        w.add(f" {cue}.\n\n")
        st = Statement(f"s{k}", "direct", words, at + 1, at + 1 + len(words), None,
                       Speaker(who, mention, resolution="name"), 0.9, (who,), topics=(tid,))
        return st, who
    sum_ = rng.randint(2, 90)
    words = f"the {topic} plan would cost {sum_} million and open in {rng.randint(2025, 2030)}"
    mention = _span(w.add(who), who)
    w.add(f" {cue} that ")
    at = w.add(words)
    w.add(".\n\n")
    if rng.random() < 0.25:
        money = f"{sum_} million"
        start = at + words.index(money)
        amounts.append(Amount(money, start, start + len(money), value=sum_ * 1e6, unit="euros",
                              statement=f"s{k}", about=None, claimed_by=who))
    return Statement(f"s{k}", "indirect", words, at, at + len(words), None,
                     Speaker(who, mention, resolution="name"), 0.9, (who,), topics=(tid,)), who


def article(n: int):
    """The ``n``th generated article: a few statements, or hundreds one time in LONG_EVERY."""
    from onrecord.model import Article, DateRef, Entity, Event, Span, Topic

    rng = random.Random(n)
    size = LONG_STATEMENTS + n % 7 * 30 if n % LONG_EVERY == 0 else rng.randint(3, 9)
    w = Writer()
    chosen = rng.sample(TOPICS, 2)
    w.add(f"Report {n} on the {chosen[0]} and the {chosen[1]}\n\n")
    topic_ids = [(f"t{i + 1}", t) for i, t in enumerate(chosen)]
    statements, amounts, said = [], [], {}
    for k in range(1, size + 1):
        st, who = _statement(w, rng, k, topic_ids, amounts)
        statements.append(st)
        said.setdefault(who, []).append(st.speaker.mention)
    events = []
    if n % 5 == 0:
        # The same few meetings reported by many articles, as a summit is.
        a, b = NAMES[n % 3], NAMES[3 + n % 4]
        day = f"2024-0{1 + n % 9}-15"
        sentence = f"{a} met {b} in Bergen on 15 {('January', 'February')[n % 2]} to discuss the {chosen[0]}."
        at = w.add(sentence + "\n\n")
        trig, place = at + len(a) + 1, at + sentence.index("Bergen")
        events.append(Event("v1", "meeting", sentence, at, at + len(sentence), Span("met", trig, trig + 3),
                            (a, b), Span("Bergen", place, place + 6), DateRef("15 January", 0, 1, day, "day")))
    text = w.text()
    topics = tuple(Topic(tid, t, t.title(), (Span(t, text.index(t), text.index(t) + len(t)),))
                   for tid, t in topic_ids)
    entities = tuple(Entity(f"e{i + 1}", who, "PERSON", tuple(spans)) for i, (who, spans) in enumerate(said.items()))
    day = f"20{20 + n % 5}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    return Article(text=text, source=f"https://{SITES[n % 3]}/{n}", title=f"Report {n}", published=day,
                   site=SITES[n % 3], statements=tuple(statements), entities=entities, amounts=tuple(amounts),
                   topics=topics, events=tuple(events))


def build_store(path: Path, articles: int) -> None:
    """The store at ``path``, written beside it first so that a build cut short is never reused."""
    from onrecord.store import Store

    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    with Store(partial) as store:
        store.save_many(article(n) for n in range(articles))
    partial.rename(path)


def targets(db: Path) -> dict[str, str]:
    """The busiest of each kind in the store: ids for the detail routes."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql: conn.execute(sql).fetchone()[0]           # noqa: E731
    found = {
        "speaker": one("SELECT speaker_id FROM statement_speakers GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1"),
        "article": one("SELECT article_id FROM statements GROUP BY article_id ORDER BY count(*) DESC LIMIT 1"),
        "quote": one("SELECT id FROM quotes ORDER BY statement_count DESC LIMIT 1"),
        "topic": one("SELECT key FROM topics ORDER BY statement_count DESC LIMIT 1"),
        "event": one("SELECT id FROM event_groups ORDER BY article_count DESC LIMIT 1"),
    }
    conn.close()
    return {k: quote(str(v), safe="") for k, v in found.items()}


def routes(t: dict[str, str]) -> dict[str, list[str]]:
    """Every route the app serves (pages and their JSON twins), each with the paths it is loaded with."""
    one = {
        "home": "/", "overview API": "/api/overview",
        "statements list": "/search", "statements API": "/api/statements",
        "articles list": "/articles", "articles API": "/api/articles",
        "article page (largest)": f"/articles/{t['article']}", "article API (largest)": f"/api/articles/{t['article']}",
        "speakers list": "/speakers", "speakers API": "/api/speakers",
        "speaker page (top)": f"/speakers/{t['speaker']}", "speaker API (top)": f"/api/speakers/{t['speaker']}",
        "quotes list": "/quotes", "quotes API": "/api/quotes",
        "quote page (top)": f"/quotes/{t['quote']}", "quote API (top)": f"/api/quotes/{t['quote']}",
        "topics list": "/topics", "topics API": "/api/topics",
        "topic page (top)": f"/topics/{t['topic']}", "topic API (top)": f"/api/topics/{t['topic']}",
        "events list": "/events", "events API": "/api/events",
        "event page (top)": f"/events/{t['event']}", "event API (top)": f"/api/events/{t['event']}",
        "claims page": "/claims", "claims API": "/api/claims",
        "digest (top speaker)": f"/digest?speaker={t['speaker']}",
        "digest API (largest article)": f"/api/digest?article={t['article']}",
        "docs page": "/docs",
    }
    out = {"search page": search_paths("/search"), "search API": search_paths("/api/statements")}
    out.update({name: [path] for name, path in one.items()})
    return out


def size_of(port: int, path: str) -> tuple[int, int]:
    """The status and body size of one GET of ``path``."""
    import httpx

    r = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=60)
    return r.status_code, len(r.content)


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()
    return float(number) * _UNITS[unit]


def measure(port: int, paths: list[str], seconds: float, concurrency: int, use_wrk: bool) -> tuple[float, float, float, int]:
    """req/s, p50 ms, p99 ms and the count of failed answers of one bounded run over ``paths``."""
    if use_wrk:
        out = wrk_load(port, seconds, concurrency, paths, threads=1)
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p50, p99 = (_ms(re.search(rf"^{p}%\s+(\S+)", out, re.M).group(1)) for p in ("50", "99"))
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors = re.search(r"Socket errors:.*timeout (\d+)", out)
        failed = (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0)
        return rate, p50, p99, failed
    lat = asyncio.run(load(port, seconds, concurrency, paths))
    q = statistics.quantiles(sorted(lat), n=100)
    return len(lat) / seconds, q[49] * 1000, q[98] * 1000, 0


def settle(port: int, quick_ms: float = 25, timeout: float = 60) -> None:
    """Wait until the server answers a small request quickly several times in a row: a slow
    route leaves requests of closed connections running, which must not be counted against
    the next route."""
    import httpx

    deadline = time.perf_counter() + timeout
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as http:
        while time.perf_counter() < deadline:
            times = []
            for _ in range(6):
                t0 = time.perf_counter()
                http.get("/api/overview")
                times.append((time.perf_counter() - t0) * 1000)
            if max(times) < quick_ms:
                return
            time.sleep(0.5)
    print("  (the server did not settle before the next route)", file=sys.stderr)


def run(port: int, args: argparse.Namespace, use_wrk: bool, table: dict[str, list[str]]) -> None:
    """Each route in turn, ``args.repeat`` times, one table line per route (medians)."""
    print(f"{'route':<30} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'bytes':>9}  ok")
    for name, paths in table.items():
        settle(port)
        status, size = size_of(port, paths[0])
        runs = []
        for _ in range(args.repeat):
            settle(port)
            runs.append(measure(port, paths, args.seconds, args.concurrency, use_wrk))
        rate, p50, p99 = (statistics.median(r[i] for r in runs) for i in range(3))
        failed = sum(r[3] for r in runs)
        ok = "yes" if rate >= 200 and p99 < 100 and not failed and status == 200 else "NO"
        print(f"{name:<30} {rate:>7.0f} {p50:>8.1f} {p99:>8.1f} {size:>9}  {ok}"
              + (f" ({failed} failed)" if failed else "") + (f" (status {status})" if status != 200 else ""),
              flush=True)
        print(f"  runs: {', '.join(f'{r[0]:.0f}/s p99 {r[2]:.0f} ms' for r in runs)}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--db", type=Path, help="keep the store here (built when absent, reused when present)")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per route; the table shows medians")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2, one a core)")
    parser.add_argument("--routes", help="comma-separated words: only routes whose name has one")
    parser.add_argument("--python-client", action="store_true", help="use the httpx client even if wrk is there")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "pages.db"
        if not db.exists():
            t0 = time.perf_counter()
            build_store(db, args.articles)
            print(f"store: {args.articles} articles built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        table = routes(targets(db))
        if args.routes:
            words = [w.strip() for w in args.routes.split(",") if w.strip()]
            table = {k: v for k, v in table.items() if any(w in k for w in words)}
        from onrecord.store import Store
        with Store(db) as store:          # (a store kept from an older onrecord is upgraded here)
            c = store.counts()
        print(f"store: {c['articles']} articles, {c['statements']} statements, {c['speakers']} speakers")
        generator = "wrk (1 thread)" if use_wrk else "httpx (asyncio, in this process)"
        print(f"load: {generator}, {args.concurrency} connections, {args.seconds:.0f} s a run, "
              f"{args.repeat} runs a route, {args.workers} server worker(s)")
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            run(port, args, use_wrk, table)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
