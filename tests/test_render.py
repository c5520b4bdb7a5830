"""The terminal tables of ``render``, on hand-written records: what each row shows."""
from __future__ import annotations

import pytest

from onrecord.render import article_table, statements_table

from store.kit import Quote, article


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")        # one line per row, whatever the terminal


def minded():
    return article(Quote("Olaf Scholz", "the sanctions were ready"),
                   Quote("Olaf Scholz", "the talks would fail", verb="believes", act="thought"),
                   Quote(None, "most voters backed the plan", mention="A poll", verb="shows", act="evidence"),
                   Quote("Olaf Scholz", "the talks had ended", verb="did not say", negated=True))


def lines_with(out: str, words: str) -> list[str]:
    """The lines of a table from the one holding ``words`` to the next row rule."""
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if words in line)
    return [line for line in lines[at - 1:at + 2] if "─" not in line and "━" not in line]


def test_the_extract_table_shows_each_statements_act(capsys: pytest.CaptureFixture[str]) -> None:
    article_table(minded())
    out = capsys.readouterr().out
    assert "4 statements" in out
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")] == ["speaker", "statement", "act"]
    for words, act in (("the sanctions were ready", "speech"), ("the talks would fail", "thought"),
                       ("most voters backed the plan", "evidence"), ("the talks had ended", "negated speech")):
        (row,) = [line for line in lines_with(out, words) if words in line]
        assert row.split("│")[3].strip() == act, out


def test_the_statements_table_has_an_act_column(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"speaker_name": "Olaf Scholz", "text": "the talks would fail", "kind": "indirect", "act": "thought",
             "negated": False, "published": "2022-02-01", "title": "Talks"},
            {"speaker_name": "Olaf Scholz", "text": "the talks had ended", "kind": "direct", "act": "speech",
             "negated": True, "published": None, "source": "a.txt"}]
    statements_table(rows)
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")] == ["speaker", "statement", "act", "where"]
    assert "│ thought " in lines_with(out, "the talks would fail")[0]
    assert "“the talks had ended”" in out and "│ negated speech " in out
