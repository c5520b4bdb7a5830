"""Readable terminal tables (rich) for articles, stored statements, topics, events and claims."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .labels import act_label
from .model import Article

if TYPE_CHECKING:
    from .claims import ClaimGroup
    from .store.rows import EventDetail, EventRow, StatementRow, TopicRow


def _console() -> Console:
    return Console(soft_wrap=False)


def article_table(article: Article) -> None:
    console = _console()
    title = article.title or article.source or article.id[:12]
    table = Table(title=f"{escape(title)}  ({len(article.statements)} statements)", show_lines=True, expand=True)
    table.add_column("speaker", ratio=2)
    table.add_column("statement", ratio=6)
    table.add_column("act", style="dim")
    for s in article.statements:
        said = " · ".join(x for x in (s.speaker.mention and f"“{s.speaker.mention.text}”", s.cue and s.cue.text) if x)
        table.add_row(f"[bold]{escape(s.speaker.name or '?')}[/bold]\n[dim]{escape(said)}[/dim]",
                      _quote(s.words, s.kind), act_label(s.act, s.negated))
    console.print(table)


def statements_table(rows: Sequence[StatementRow]) -> None:
    console = _console()
    table = Table(title=f"{len(rows)} statements", show_lines=True, expand=True)
    table.add_column("speaker", style="bold", ratio=2)
    table.add_column("statement", ratio=7)
    table.add_column("act", style="dim")
    table.add_column("where", ratio=2, no_wrap=True, overflow="ellipsis", style="dim")
    for row in rows:
        where = "\n".join(x for x in (row.get("published"), row.get("title") or row.get("source")) if x)
        table.add_row(escape(row.get("speaker_name") or "?"), _quote(row.get("words") or row["text"], row["kind"]),
                      act_label(row.get("act"), bool(row.get("negated"))), escape(where))
    console.print(table)


def _quote(text: str, kind: str) -> str:
    text = escape(text)
    return f"“{text}”" if kind == "direct" else text


def topics_table(rows: Sequence[TopicRow]) -> None:
    table = Table(title=f"{len(rows)} topics", expand=True)
    for name in ("topic", "key", "statements", "articles", "first seen", "last seen"):
        table.add_column(name, style="bold" if name == "topic" else ("dim" if name == "key" else None),
                         justify="right" if name in ("statements", "articles") else "left")
    for row in rows:
        table.add_row(escape(row["name"]), escape(row["key"]), str(row["statement_count"]),
                      str(row["article_count"]), (row["first_seen"] or "")[:10], (row["last_seen"] or "")[:10])
    _console().print(table)


def _event_facts(row: EventRow) -> list[str]:
    return [row["type"], escape(", ".join(row["participants"]) or "?"), escape(row.get("place") or ""),
            escape(row.get("date") or "undated"), row.get("status") or ""]


def events_table(rows: Sequence[EventRow]) -> None:
    table = Table(title=f"{len(rows)} events", expand=True, show_lines=True)
    for name, style in (("id", "dim"), ("type", None), ("who", "bold"), ("where", None), ("when", None),
                        ("status", "dim"), ("articles", None), ("evidence", None)):
        table.add_column(name, style=style, justify="right" if name in ("id", "articles") else "left",
                         ratio=5 if name == "evidence" else None)
    for row in rows:
        first: Mapping[str, Any] = row.get("first_report") or {}
        table.add_row(str(row["id"]), *_event_facts(row), str(row["article_count"]), escape(first.get("text") or ""))
    _console().print(table)


def event_table(found: EventDetail) -> None:
    console = _console()
    console.print(" · ".join(x for x in _event_facts(found) if x) + f"  (event {found['id']})", markup=False)
    table = Table(title=f"reported by {found['article_count']} article(s)", expand=True, show_lines=True)
    table.add_column("where", ratio=2, style="dim")
    table.add_column("evidence", ratio=6)
    for r in found["reports"]:
        where = "\n".join(x for x in (r.get("published"), r.get("site"), r.get("title") or r.get("source")) if x)
        table.add_row(escape(where), escape(r["text"]) + f"\n[dim]{escape(r['status'])}[/dim]")
    console.print(table)


def claims_tables(groups: "list[ClaimGroup]") -> None:
    """One table per quantity: who claims what about whom, where and when; a group whose
    claims cannot all be true is flagged."""
    console = _console()
    if not groups:
        console.print("No claims to compare.")
    for group in groups:
        flag = "[bold red]DISAGREE[/bold red] " if group.verdict == "disagree" else ""
        table = Table(title=f"{flag}{escape(group.quantity)}: {escape(group.verdict)}", expand=True, show_lines=True)
        for name, ratio in (("claimant or outlet", 2), ("about", 2), ("amount", 3), ("date", 1), ("site", 2)):
            table.add_column(name, ratio=ratio, style="bold" if name == "claimant or outlet" else None)
        for claim in group.claims:
            who = claim.claimant or f"unnamed speaker ({claim.outlet})"
            table.add_row(escape(who), escape(claim.about or "?"), escape(claim.text),
                          (claim.published or "")[:10], escape(claim.outlet))
        console.print(table)
