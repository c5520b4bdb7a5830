"""How each speaker was found, on the article page: the words as written, the name, how it
was found and the paragraph that names the person, linked to its place in the text."""
from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser

import pytest

from onrecord.model import Article, Span, Speaker, Statement
from onrecord.serve import create_app
from onrecord.serve.attribution import paragraph_number, speaker_lines
from onrecord.serve.highlight import highlight

from serve.conftest import fill
from serve.test_highlight import visible
from serve.test_pages import page, parse

EVIDENCE = ("title", "resolution", "antecedent", "confidence")


class Draft:
    """A text written piece by piece, each ``add`` giving the span of the piece just written."""

    def __init__(self) -> None:
        self.text = ""
        self.statements: list[Statement] = []

    def add(self, piece: str) -> Span:
        start = len(self.text)
        self.text += piece
        return Span(piece, start, len(self.text))

    def says(self, mention: str, words: str, **speaker: object) -> Statement:
        """``MENTION said that WORDS. `` with the speaker's evidence as given."""
        named = self.add(mention)
        self.add(" ")
        cue = self.add("said")
        self.add(" that ")
        body = self.add(words)
        self.add(". ")
        st = Statement(id=f"s{len(self.statements) + 1}", kind="indirect", text=body.text, start=body.start,
                       end=body.end, cue=cue, speaker=Speaker(mention=named, **speaker), confidence=0.8)
        self.statements.append(st)
        return st

    def article(self, title: str) -> Article:
        return Article(text=self.text, title=title, site="harbour.example", published="2024-03-05",
                       statements=tuple(self.statements))


def evidence_article() -> tuple[Article, Span]:
    """A pronoun resolved to a name three paragraphs down, a name as written, a source unnamed."""
    d = Draft()
    d.add("Harbour vote\n\n")
    d.add("Councillor Tomas Velde spoke first.\n\n")
    d.add("Mayor ")
    ruiz = d.add("Ana Ruiz")
    d.add(" arrived late.\n\n")
    d.says("She", "the harbour would reopen in May", name="Ana Ruiz", title="Mayor", resolution="pronoun",
           antecedent=ruiz, confidence=0.7)
    d.add("\n\n")
    d.says("Tomas Velde", "the costs had been underestimated", name="Tomas Velde", resolution="name",
           antecedent=None, confidence=0.95)
    d.add("\n\n")
    d.says("A source", "the vote was rushed")
    return d.article("Evidence of speakers"), ruiz


def hostile_article() -> tuple[Article, Span]:
    """Markup in the antecedent, the mention, the name, the title and the resolution."""
    d = Draft()
    d.add("The mayor ")
    named = d.add("<script>window.pwned=8</script></mark>Ana Ruiz")
    d.add(" arrived.\n\n")
    d.says("<i>She</i></mark><script>window.pwned=9</script>", "the harbour would reopen",
           name="<b>Ana Ruiz</b></mark>", title="<img src=x onerror=alert(9)>",
           resolution="pronoun</mark><script>window.pwned=10</script>", antecedent=named, confidence=0.5)
    d.says("</mark><script>window.pwned=11</script>", "nobody knows")
    return d.article("Hostile evidence"), named


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    db = fill(tmp_path_factory.mktemp("evidence") / "e.db", [evidence_article()[0], hostile_article()[0]])
    with TestClient(create_app(db, token="")) as c:
        yield c


def said_by(html: str) -> list[str]:
    """The evidence lines of the page, one per statement, as HTML."""
    section = re.search(r'<section class="said-by">(.*?)</section>', html, re.S)
    assert section, "no evidence section"
    return [re.sub(r"\s+", " ", li) for li in re.findall(r"<li>(.*?)</li>", section.group(1), re.S)]


def line_of(html: str, sid: str) -> str:
    found = [li for li in said_by(html) if f'href="#st-{sid}"' in li]
    assert len(found) == 1, said_by(html)
    return found[0]


# -- the paragraph helper -------------------------------------------------------------------

@pytest.mark.parametrize("text, at, expected", [
    ("one\n\ntwo\n\nthree", 0, 1),
    ("one\n\ntwo\n\nthree", 5, 2),
    ("one\n\ntwo\n\nthree", 12, 3),
    ("one\ntwo\nthree", 8, 1),                      # single line breaks do not end a paragraph
    ("\n\n\none\n \t\n\n two", 12, 2),              # blank runs and leading breaks are not paragraphs
    ("a\r\n\r\nb\r\n\r\nc", 10, 3),
])
def test_paragraph_number_counts_blank_line_paragraphs(text, at, expected):
    assert paragraph_number(text, at) == expected


# -- the page -------------------------------------------------------------------------------

def test_pronoun_shows_mention_name_how_and_paragraph(client):
    article, ruiz = evidence_article()
    html = page(client, f"/articles/{article.id}")
    line = line_of(html, "s1")
    assert ('as written: <em class="said-as">She</em> → <strong class="name">Ana Ruiz</strong> '
            '<small class="role">Mayor</small> (<span class="how">pronoun</span>), named in '
            f'<a class="named-in" href="#ref-{ruiz.start}">paragraph 3</a>') in line
    # the link lands on the words that name her, and only there
    assert html.count(f'id="ref-{ruiz.start}"') == 1
    assert f'<span class="antecedent" id="ref-{ruiz.start}">Ana Ruiz</span> arrived late.' in html


def test_existing_marks_are_kept_around_the_anchor(client):
    article, _ = evidence_article()
    html = page(client, f"/articles/{article.id}")
    body = re.search(r'<div class="text"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert body.count("<mark ") == body.count("</mark>") == 3
    labelled = r'<mark class="st indirect" id="st-s1"[^>]*><a class="who" href="/speakers/\d+">Ana Ruiz</a>'
    assert re.search(labelled, body)
    assert '<span class="mention">She</span> <span class="cue">said</span>' in body
    text, labels = visible(body)
    assert text == article.text and labels == ["Ana Ruiz", "Tomas Velde", "unknown speaker"]


def test_name_as_written_is_just_the_name(client):
    article, _ = evidence_article()
    line = line_of(page(client, f"/articles/{article.id}"), "s2")
    assert '<span class="as-written"><strong class="name">Tomas Velde</strong></span>' in line
    assert "→" not in line and "as written" not in line and "paragraph" not in line


def test_unnamed_speaker_says_not_named(client):
    article, _ = evidence_article()
    html = page(client, f"/articles/{article.id}")
    line = line_of(html, "s3")
    assert 'as written: <em class="said-as">A source</em> — ' in line
    assert '<span class="not-named" title="the article does not say who">not named</span>' in line
    assert "→" not in line
    assert re.search(r'id="st-s3"[^>]*><span class="who">unknown speaker</span>', html)


def test_hostile_evidence_is_escaped(client):
    article, named = hostile_article()
    html = page(client, f"/articles/{article.id}")
    tags = parse(html)
    assert not [t for t, _ in tags.tags if t in ("script", "img", "b", "i", "iframe")]
    assert not any(name.startswith("on") for _, a in tags.tags for name in a)
    assert html.count("<mark ") == html.count("</mark>") == 2 + 3       # two statements, the legend's three
    first, second = line_of(html, "s1"), line_of(html, "s2")
    said_as = "&lt;i&gt;She&lt;/i&gt;&lt;/mark&gt;&lt;script&gt;window.pwned=9&lt;/script&gt;"
    assert f'<em class="said-as">{said_as}</em>' in first
    assert '<strong class="name">&lt;b&gt;Ana Ruiz&lt;/b&gt;&lt;/mark&gt;</strong>' in first
    assert "&lt;img src=x onerror=alert(9)&gt;" in first
    assert "pronoun&lt;/mark&gt;&lt;script&gt;window.pwned=10&lt;/script&gt;" in first
    assert f'href="#ref-{named.start}">paragraph 1</a>' in first
    assert "&lt;/mark&gt;&lt;script&gt;window.pwned=11&lt;/script&gt;</em> — " in second
    anchored = (f'<span class="antecedent" id="ref-{named.start}">'
                "&lt;script&gt;window.pwned=8&lt;/script&gt;&lt;/mark&gt;Ana Ruiz</span>")
    assert anchored in html


# -- records stored before the evidence fields ------------------------------------------------

def strip_evidence(db, article_id: str) -> dict:
    """The stored record rewritten as an old onrecord wrote it: no evidence keys at all."""
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        record = json.loads(row[0])
        for st in record["statements"]:
            for key in EVIDENCE:
                st["speaker"].pop(key, None)
        conn.execute("UPDATE articles SET record = ? WHERE id = ?", (json.dumps(record), article_id))
    conn.close()
    return record


def test_old_record_without_the_fields_renders_as_before(tmp_path):
    from fastapi.testclient import TestClient

    article, _ = evidence_article()
    db = fill(tmp_path / "old.db", [article])
    record = strip_evidence(db, article.id)
    assert speaker_lines(record) == []
    with TestClient(create_app(db, token="")) as old:
        html = page(old, f"/articles/{article.id}")
        assert old.get(f"/api/articles/{article.id}").status_code == 200
    assert 'class="said-by"' not in html and "not named" not in html and "as written" not in html
    assert 'id="ref-' not in html and 'class="antecedent' not in html
    assert html.count("<mark ") == html.count("</mark>") == 3 + 3
    assert re.search(r'id="st-s3"[^>]*><span class="who">unknown speaker</span>', html)
    assert '<span class="mention">She</span> <span class="cue">said</span>' in html
    body = re.search(r'<div class="text"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert visible(body) == (record["text"], ["Ana Ruiz", "Tomas Velde", "unknown speaker"])


def test_record_with_names_but_no_evidence_shows_no_lines():
    """Hand-made records (the other serve tests' corpus) carry the keys, all null: nothing to show."""
    from serve.corpus import harbour

    record = harbour().to_dict()
    assert all("resolution" in st["speaker"] for st in record["statements"])
    assert speaker_lines(record) == []
    assert 'id="ref-' not in str(highlight(record))


def test_antecedent_on_another_statements_mention_keeps_both_marks():
    text = "Ana Ruiz said yes. She said no."
    ana, she = {"text": "Ana Ruiz", "start": 0, "end": 8}, {"text": "She", "start": 19, "end": 22}
    record = {"text": text, "statements": [
        {"id": "a", "kind": "direct", "start": 14, "end": 17, "text": "yes",
         "speaker": {"name": "Ana Ruiz", "mention": ana, "resolution": "name", "antecedent": ana}},
        {"id": "b", "kind": "direct", "start": 28, "end": 30, "text": "no",
         "speaker": {"name": "Ana Ruiz", "mention": she, "resolution": "pronoun", "antecedent": ana}}]}
    html = str(highlight(record))
    assert html.startswith('<span class="antecedent mention" id="ref-0">Ana Ruiz</span> ')
    assert html.count('id="ref-') == 1 and html.count("<mark") == html.count("</mark>") == 2
    assert visible(html)[0] == text
    lines = speaker_lines(record)
    assert [line["form"] for line in lines] == ["name", "resolved"]
    assert (lines[1]["paragraph"], lines[1]["anchor"]) == (1, "ref-0")
