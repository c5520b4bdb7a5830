import pytest

from onrecord.errors import InputError
from onrecord.ingest.text import layout, read_text, split_lines

LEAD = "The council voted on Tuesday to widen the old bridge, after two years of delay and dispute."
MORE = "Engineers said the work would take eighteen months and close one lane at a time."
LAST = "The first contracts are expected to be signed before the end of the summer."


def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def chrome_of(text: str) -> list[str]:
    return [s.text for s in layout(text).boilerplate]


def headings_of(text: str) -> list[str]:
    return [s.text for s in layout(text).headings]


@pytest.mark.parametrize(
    "text, expected",
    [
        # rule 1: short widget lines, pictographs and symbols at the head and the tail
        (page("Log in", "Bridge to be widened", LEAD, MORE, "Thanks 👏", "More News"),
         ["Log in", "Thanks 👏", "More News"]),
        (page("Home | World | Cities", "Subscribe ✉", "Bridge to be widened", LEAD, "• • •"),
         ["Home | World | Cities", "Subscribe ✉", "• • •"]),
        (page("Bridge to be widened", LEAD, MORE, "© Valley Courier"), ["© Valley Courier"]),
        (page("News › Europe › Bridges", "Bridge vote | Valley Courier", LEAD), ["News › Europe › Bridges"]),
        # a headline that merely mentions a widget word is not chrome
        (page("Facebook fined over data leak", LEAD, MORE), []),
        (page("Google Pixel sales slump", LEAD, MORE), []),
        # rule 1 stops at the edges: a short widget-ish line in the body is kept
        (page("Bridge to be widened", LEAD, "Email trouble", MORE, LAST), []),
        # rule 2: widget-only lines anywhere
        (page("Bridge to be widened", LEAD, "Advertisement", MORE, "Share this article", LAST),
         ["Advertisement", "Share this article"]),
        (page("Bridge to be widened", LEAD, "Follow us on Twitter", MORE), ["Follow us on Twitter"]),
        # ... but never a quotation, and never a topic word
        (page("Bridge to be widened", LEAD, '"Thank you."', MORE), []),
        (page("Bridge to be widened", LEAD, "Privacy", MORE), []),
        # rule 3: the later copy of a repeated line
        (page("Bridge to be widened", "The old bridge at dawn. Photo: Valley Courier",
              "The old bridge at dawn. Photo: Valley Courier", LEAD),
         ["The old bridge at dawn. Photo: Valley Courier"]),
        # ... but not short labels that repeat by nature
        (page("Bridge to be widened", "Q:", LEAD, "Q:", MORE), []),
        # rule 4: the label glued to a block quote's opening mark
        (page("Bridge to be widened", LEAD, 'Quote"We waited long enough," the mayor said.'), ["Quote"]),
        (page("Bridge to be widened", LEAD, "Quote“We waited long enough,” she said."), ["Quote"]),
        (page("Bridge to be widened", LEAD, "Quotation«Enough,» he said, and left the room at once."),
         ["Quotation"]),
        (page("Bridge to be widened", LEAD, 'Quote "Spaced out," she said, and then said no more.'), []),
        (page("Bridge to be widened", LEAD, 'Quotes were read out by the clerk at the start.'), []),
        (page("Bridge to be widened", LEAD, 'He said Quote"this" twice, laughing at the camera.'), []),
    ],
)
def test_boilerplate(text: str, expected: list[str]) -> None:
    assert chrome_of(text) == expected


def test_repeat_marks_the_later_copy() -> None:
    caption = "Crowds on the bridge. Photo: Valley Courier"
    text = page("Bridge to be widened", caption, caption, LEAD)
    (span,) = layout(text).boilerplate
    assert span.start == text.rindex(caption)


@pytest.mark.parametrize(
    "text, expected",
    [
        (page("Bridge to be widened", LEAD, "What the engineers say", MORE),
         ["Bridge to be widened", "What the engineers say"]),
        (page("Bridge to be widened", LEAD, 'Traffic and "the detour"', MORE),
         ["Bridge to be widened", 'Traffic and "the detour"']),
        # a caption between title and lead is kept apart from the lead
        (page("Bridge to be widened", "The bridge at dawn. Photo: Valley Courier", LEAD),
         ["Bridge to be widened", "The bridge at dawn. Photo: Valley Courier"]),
        # single-newline paragraphs
        ("Bridge to be widened\n\n" + LEAD + "\nCosts\n" + MORE + "\n", ["Bridge to be widened", "Costs"]),
        # not headings: a line introducing a quote, a sentence, a lowercase fragment,
        # a short line followed by another short line, a line at the very end
        (page("Bridge to be widened", LEAD, "The mayor said:", MORE), ["Bridge to be widened"]),
        (page("Bridge to be widened", LEAD, "Work begins soon.", MORE), ["Bridge to be widened"]),
        (page("Bridge to be widened", LEAD, "and then the vote", MORE), ["Bridge to be widened"]),
        (page("Bridge to be widened", LEAD, "Costs", "Delays", MORE), ["Bridge to be widened", "Delays"]),
        (page("Bridge to be widened", LEAD, MORE, "Valley Courier staff"), ["Bridge to be widened"]),
    ],
)
def test_headings(text: str, expected: list[str]) -> None:
    assert headings_of(text) == expected


def test_hard_wrapped_paragraph_has_no_headings() -> None:
    text = (
        "The council voted on Tuesday to widen\n"
        "the old bridge after two years of\n"
        "delay and dispute. Engineers said\n"
        "The work would take eighteen months and close one lane at a time.\n"
    )
    assert headings_of(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (page("Menu", "Bridge to be widened", LEAD), "Bridge to be widened"),
        (page('"We waited" - mayor on bridge vote', LEAD), '"We waited" - mayor on bridge vote'),
        (page(LEAD + " " + MORE, LAST), None),                      # opens with a paragraph
        ("Bridge to be widened\n" + LEAD + "\n", None),             # not standing alone
        (page("x" * 260, LEAD), None),                              # too long for a headline
    ],
)
def test_title(text: str, expected: str | None) -> None:
    assert layout(text).title == expected


def test_title_is_also_a_heading() -> None:
    text = page("Share on Facebook", "Bridge to be widened", LEAD)
    found = layout(text)
    assert found.title == "Bridge to be widened"
    assert [s.text for s in found.headings] == ["Bridge to be widened"]


def test_spans_point_into_the_unchanged_text_with_crlf() -> None:
    text = "Sign in\r\n\r\n  Bridge to be widened  \r\n\r\n" + LEAD + "\r\n\r\nShare\r\n"
    article = read_text(text, "crlf.txt")
    assert article.text == text
    for span in (*article.boilerplate, *article.headings):
        assert text[span.start:span.end] == span.text
        assert "\r" not in span.text and span.text == span.text.strip()
    assert [s.text for s in article.boilerplate] == ["Sign in", "Share"]
    assert article.title == "Bridge to be widened"


def test_split_lines_keeps_offsets() -> None:
    text = "a\r\n  b \rc\n"
    assert [(ln.text, ln.start, ln.end) for ln in split_lines(text)] == [
        ("a", 0, 1), ("b", 5, 6), ("c", 8, 9), ("", 10, 10),
    ]


def test_read_text_strips_only_a_byte_order_mark() -> None:
    article = read_text("\ufeffBridge to be widened\n\n" + LEAD, "x.txt")
    assert article.text.startswith("Bridge") and article.text.endswith("delay and dispute.")
    assert article.source == "x.txt"


@pytest.mark.parametrize("text", ["", "   \n\t", "\ufeff"])
def test_read_text_rejects_empty_input(text: str) -> None:
    with pytest.raises(InputError) as caught:
        read_text(text)
    assert caught.value.subject == "<text>"
