"""The digest: sections by heading or topic, statements verbatim and linked, generated text
marked, in Markdown, HTML and JSON."""
from __future__ import annotations

import json

import pytest

from onrecord.digest import article_digest, collection_digest
from onrecord.digest_format import to_html, to_json, to_markdown, words
from onrecord.model import Amount, Article, Span, Speaker, Statement, Topic

TEXT = (
    "Harbour talks\n\n"
    "Mayor Ana Ruiz said the ferry deal was good for the town. "
    "\"We will sign the Ferry Accord next week,\" Ruiz said.\n\n"
    "Budget\n\n"
    "Treasurer Ben Holt said that the council had 40 million euros left. "
    "\"No cuts <b>now</b>,\" Holt said.\n"
)


def span(words: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def statement(sid: str, words: str, kind: str, who: str, topics: tuple[str, ...], confidence: float = 0.9) -> Statement:
    start, end = span(words)
    return Statement(sid, kind, words, start, end, Span.of(TEXT, *span("said", min(int(sid[1]), 4) - 1)),
                     Speaker(who), confidence, (who,), topics=topics)


def harbour(headings: bool = True) -> Article:
    topic_spans = {"t1": ("ferry deal", "Ferry Accord"), "t2": ("council",)}
    topics = tuple(Topic(tid, name, name.title(), tuple(Span.of(TEXT, *span(w)) for w in found))
                   for tid, found, name in (("t1", topic_spans["t1"], "ferry accord"), ("t2", topic_spans["t2"], "council")))
    statements = (
        statement("s1", "the ferry deal was good for the town", "indirect", "Ana Ruiz", ("t1",)),
        statement("s2", "We will sign the Ferry Accord next week,", "direct", "Ana Ruiz", ("t1",)),
        statement("s3", "the council had 40 million euros left", "indirect", "Ben Holt", ("t2",)),
        statement("s4", "No cuts <b>now</b>,", "direct", "Ben Holt", (), confidence=0.7),
        statement("s5", "No cuts <b>now</b>,", "direct", "Ben Holt", (), confidence=0.2),   # too unsure
    )
    heads = (Span.of(TEXT, *span("Harbour talks")), Span.of(TEXT, *span("Budget"))) if headings else ()
    amount = Amount("40 million euros", *span("40 million euros"), value=40e6, unit="euros", statement="s3",
                    about=Span.of(TEXT, *span("council")), claimed_by="Ben Holt")
    return Article(TEXT, source="https://news.example/harbour", title="Harbour talks", published="2024-03-01",
                   site="news.example", headings=heads, statements=statements, topics=topics, amounts=(amount,))


def test_an_article_with_headings_keeps_its_outline() -> None:
    digest = article_digest(harbour())
    assert [(s.title, s.generated) for s in digest.sections] == [("Harbour talks", False), ("Budget", False)]
    assert [[line.statement_id for line in s.lines] for s in digest.sections] == [["s1", "s2"], ["s3", "s4"]]
    assert digest.sections[0].topics == ("Ferry Accord",)


def test_without_headings_sections_follow_the_topics() -> None:
    digest = article_digest(harbour(headings=False))
    assert [(s.title, s.generated) for s in digest.sections] == [("Ferry Accord", True), ("Council", True)]
    # the topic-less quote goes on with the statement before it
    assert [line.statement_id for line in digest.sections[1].lines] == ["s3", "s4"]


def test_every_line_is_verbatim_and_linked() -> None:
    article = harbour()
    for section in article_digest(article).sections:
        for line in section.lines:
            assert article.text[line.start:line.end] == line.text
            assert line.link == f"https://news.example/harbour#{line.statement_id}"
    (s2,) = [l for s in article_digest(article).sections for l in s.lines if l.statement_id == "s2"]
    assert words(s2) == "“We will sign the Ferry Accord next week,”"


def test_markdown_marks_what_is_generated_and_keeps_quotes_verbatim() -> None:
    md = to_markdown(article_digest(harbour(headings=False)))
    assert md.startswith("# Harbour talks\n\n_[generated] 4 statement(s) from news.example, 2024-03-01 by")
    assert "## Ferry Accord _[generated]_" in md
    assert "“We will sign the Ferry Accord next week,”" in md
    assert "“No cuts \\<b\\>now\\</b\\>,”" in md                 # Markdown-escaped, not rendered
    assert "amount: 40 million euros _[generated] about council_" in md
    assert "(https://news.example/harbour#s3)" in md


def test_html_escapes_the_articles_words() -> None:
    page = to_html(article_digest(harbour()))
    assert "<b>now</b>" not in page and "&lt;b&gt;now&lt;/b&gt;" in page
    assert '<p class="generated">' in page and "<script" not in page


def test_json_flags_the_context_as_generated() -> None:
    data = json.loads(to_json(article_digest(harbour())))
    assert data["context"]["generated"] is True
    assert data["sections"][1]["lines"][0]["amounts"][0]["about"] == "council"


def test_a_collection_groups_by_topic_and_leaves_out_its_subject() -> None:
    article = harbour()
    items = [(article, [s for s in article.statements if s.speaker.name == "Ben Holt"])]
    digest = collection_digest("Ben Holt", items, subject="Ben Holt")
    assert [s.title for s in digest.sections] == ["Council", "Other statements"]
    assert digest.context == "2 statement(s) in 1 article(s), 2024-03-01; most about Council."


@pytest.mark.parametrize("source", ["javascript:alert(document.domain)//x", "data:text/html,<script>x</script>",
                                    "java\tscript:alert(1)"])
def test_a_hostile_source_is_never_a_link(source: str) -> None:
    import dataclasses

    article = dataclasses.replace(harbour(), source=source)
    digest = article_digest(article)
    assert all(line.link == "" for s in digest.sections for line in s.lines)
    page, md = to_html(digest), to_markdown(digest)
    assert "href=" not in page                  # the page links to nothing at all
    assert "](" not in md and "(s1)" in md


@pytest.mark.parametrize("source", ["https://news.example/a", "reports/a.txt", "C:\\news\\a.txt", "file:///n/a.txt"])
def test_urls_and_paths_are_links(source: str) -> None:
    import dataclasses

    digest = article_digest(dataclasses.replace(harbour(), source=source))
    assert digest.sections[0].lines[0].link == f"{source}#s1"


# -- what the sources did: speech leads ---------------------------------------------------------

MINDS = ("Ana Ruiz believes the ferry will pay. A survey shows most want the ferry. "
         "Ben Holt did not say the fares would rise. Ana Ruiz said the ferry would run all winter. "
         "Ben Holt said that the port was ready.")


def minded(sid: str, who: str | None, cue: str, words: str, confidence: float, act: str = "speech",
           negated: bool = False) -> Statement:
    start = MINDS.index(words)
    at = MINDS.rindex(cue, 0, start)
    return Statement(sid, "indirect", words, start, start + len(words), Span.of(MINDS, at, at + len(cue)),
                     Speaker(who), confidence, act=act, negated=negated)


def minds() -> Article:
    """In reading order: a thought, evidence, a denial, then two statements of speech; the
    denial and the thought are the surest, the speech the least sure."""
    return Article(MINDS, source="https://news.example/ferry", title="Ferry", published="2024-07-01", statements=(
        minded("s1", "Ana Ruiz", "believes", "the ferry will pay", 0.95, act="thought"),
        minded("s2", None, "shows", "most want the ferry", 0.9, act="evidence"),
        minded("s3", "Ben Holt", "did not say", "the fares would rise", 0.99, negated=True),
        minded("s4", "Ana Ruiz", "said", "the ferry would run all winter", 0.6),
        minded("s5", "Ben Holt", "said that", "the port was ready", 0.7),
    ))


def ids(digest) -> list[list[str]]:
    return [[line.statement_id for line in section.lines] for section in digest.sections]


def test_speech_leads_then_thought_evidence_and_what_was_not_said() -> None:
    assert ids(article_digest(minds())) == [["s4", "s5", "s1", "s2", "s3"]]      # speech in reading order
    article = minds()
    assert ids(collection_digest("Ferry", [(article, list(article.statements))])) == [["s4", "s5", "s1", "s2", "s3"]]


def test_a_full_section_picks_speech_before_surer_thoughts_and_denials() -> None:
    assert ids(article_digest(minds(), per_section=3)) == [["s4", "s5", "s1"]]
    article = minds()
    assert ids(collection_digest("Ferry", [(article, list(article.statements))], per_section=1)) == [["s5"]]


def test_every_format_shows_what_the_source_did() -> None:
    digest = article_digest(minds())
    md = to_markdown(digest)
    assert "- **Ana Ruiz** — believes _(thought)_: the ferry will pay" in md
    assert "- **unknown speaker** — shows _(evidence)_: most want the ferry" in md
    assert "- **Ben Holt** — did not say _(negated speech)_: the fares would rise" in md
    assert "- **Ana Ruiz** — said _(speech)_: the ferry would run all winter" in md
    page = to_html(digest)
    assert '<span class="act a-thought">thought</span>:' in page
    assert '<span class="act a-speech negated">negated speech</span>:' in page
    lines = json.loads(to_json(digest))["sections"][0]["lines"]
    assert [(l["act"], l["negated"]) for l in lines] == [("speech", False), ("speech", False), ("thought", False),
                                                          ("evidence", False), ("speech", True)]
