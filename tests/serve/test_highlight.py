"""The highlighted article text: built from offsets, every segment escaped on its own."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from onrecord.serve.highlight import highlight, segments

from serve.corpus import harbour, hostile


def statement(sid: str, start: int, end: int, text: str, **extra) -> dict:
    return {"id": sid, "kind": "direct", "start": start, "end": end, "text": text[start:end],
            "speaker": {"name": extra.pop("name", "Ana")}, **extra}


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.labels: list[str] = []
        self.acts: list[str] = []
        self.in_label = self.in_act = False

    def handle_starttag(self, tag, attrs):
        self.in_label = "who" in (dict(attrs).get("class") or "")
        self.in_act = "act" in (dict(attrs).get("class") or "").split()

    def handle_endtag(self, tag):
        self.in_label = self.in_act = False

    def handle_data(self, data):
        (self.acts if self.in_act else self.labels if self.in_label else self.parts).append(data)


def visible(html: str) -> tuple[str, list[str]]:
    """The article text the HTML shows (speaker labels and acts apart) and the labels."""
    parser = Text()
    parser.feed(html)
    return "".join(parser.parts), parser.labels


def acts_shown(html: str) -> list[str]:
    """The acts shown after the speaker labels, in text order."""
    parser = Text()
    parser.feed(html)
    return parser.acts


def test_text_survives_highlighting_exactly():
    record = harbour().to_dict()
    html = highlight(record)
    text, labels = visible(html)
    assert text == record["text"]
    assert labels == ["Ana Ruiz", "Ana Ruiz", "Tomas Velde"]


def test_markup_in_the_text_is_escaped_piecewise():
    record = hostile().to_dict()
    html = str(highlight(record))
    assert "<script" not in html and "<img" not in html
    assert "&lt;/mark&gt;&lt;script&gt;window.pwned=3&lt;/script&gt;" in html
    assert html.count("<mark") == html.count("</mark>") == 1
    text, labels = visible(html)
    assert text == record["text"] and labels == ["<b>Mallory</b> <img src=x onerror=alert(3)>"]


def test_speaker_labels_link_to_stored_speakers():
    html = str(highlight(harbour().to_dict(), {"s1": 7, "s3": 9}))
    assert '<a class="who" href="/speakers/7">Ana Ruiz</a>' in html
    assert '<span class="who">Ana Ruiz</span>' in html                    # s2: no stored id given
    assert '<a class="who" href="/speakers/9">Tomas Velde</a>' in html


def test_each_statement_shows_its_stored_act_after_its_label():
    record = harbour().to_dict()
    html = str(highlight(record, acts={"s1": ("speech", False), "s2": ("thought", False), "s3": ("evidence", True)}))
    assert acts_shown(html) == ["speech", "thought", "negated evidence"]
    assert '<span class="who">Ana Ruiz</span><span class="act a-thought">thought</span>' in html
    assert '<span class="act a-evidence negated">negated evidence</span>' in html
    assert 'title="Tomas Velde · warned · indirect · negated evidence"' in html
    assert visible(html)[0] == record["text"]                 # the act is a label, never the text
    # without acts given (or for a statement not among them) nothing is added
    assert acts_shown(str(highlight(record))) == []
    assert acts_shown(str(highlight(record, acts={"s2": ("thought", False)}))) == ["thought"]


@pytest.mark.parametrize("start, end", [(-1, 3), (3, 2), (0, 999), ("0", 3), (2, 2), (None, 3)])
def test_impossible_offsets_are_ignored(start, end):
    text = "Ana said yes."
    record = {"text": text, "statements": [{"id": "s1", "kind": "direct", "start": start, "end": end}]}
    html = str(highlight(record))
    assert html == text.replace("&", "&amp;") and "<mark" not in html


def test_overlapping_statements_do_not_nest():
    text = "one two three four"
    record = {"text": text, "statements": [statement("a", 0, 13, text), statement("b", 4, 18, text, name="Bo")]}
    html = str(highlight(record))
    assert html.count("<mark") == 2 and html.count("</mark>") == 2
    assert visible(html)[0] == text
    assert [s.statement for s in segments(record)] == [0, 0, 1]


def test_a_statement_split_by_another_is_labelled_once():
    text = "aaa bbb ccc"
    inner = statement("in", 4, 7, text, name="Inner")
    outer = statement("out", 0, 11, text, name="Outer")
    html = str(highlight({"text": text, "statements": [inner, outer]}))
    # the inner statement is drawn on top; the outer one resumes around it, labelled once
    assert html.count(">Outer<") == 1 and html.count(">Inner<") == 1
    assert html.count('id="st-out"') == 1 and html.count("<mark") == 3
    assert visible(html)[0] == text


def test_empty_text():
    assert str(highlight({"text": "", "statements": []})) == ""
