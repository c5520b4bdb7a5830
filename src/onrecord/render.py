"""Readable terminal tables (rich) for articles and stored statements."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import Article


def _console() -> Console:
    return Console(soft_wrap=False)


def article_table(article: Article) -> None:
    console = _console()
    title = article.title or article.source or article.id[:12]
    table = Table(title=f"{escape(title)}  ({len(article.statements)} statements)", show_lines=True, expand=True)
    table.add_column("speaker", ratio=2)
    table.add_column("statement", ratio=6)
    for s in article.statements:
        said = " · ".join(x for x in (s.speaker.mention and f"“{s.speaker.mention.text}”", s.cue and s.cue.text) if x)
        words = " … ".join(p.text for p in s.parts) if s.parts else s.text    # a split quote's pieces
        table.add_row(f"[bold]{escape(s.speaker.name or '?')}[/bold]\n[dim]{escape(said)}[/dim]",
                      _quote(words, s.kind))
    console.print(table)


def statements_table(rows: list[dict]) -> None:
    console = _console()
    table = Table(title=f"{len(rows)} statements", show_lines=True, expand=True)
    table.add_column("speaker", style="bold", ratio=2)
    table.add_column("statement", ratio=7)
    table.add_column("where", ratio=2, no_wrap=True, overflow="ellipsis", style="dim")
    for row in rows:
        where = "\n".join(x for x in (row.get("published"), row.get("title") or row.get("source")) if x)
        table.add_row(escape(row.get("speaker_name") or "?"), _quote(row["text"], row["kind"]), escape(where))
    console.print(table)


def _quote(text: str, kind: str) -> str:
    text = escape(text)
    return f"“{text}”" if kind == "direct" else text
