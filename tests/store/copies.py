"""Hand-written articles for the duplicate and quote tests: a wire story, a syndicated copy of
it (another headline and byline line, one word changed), a different story on the same
subject, and short articles quoting one sentence in different ways (``moscow``, ``kremlin``,
``paris``)."""
from __future__ import annotations

import dataclasses
import random

from onrecord.model import Article, Entity, Span, Speaker, Statement

BODY = (
    "The city council voted on Tuesday to reopen the old harbour to cargo ships after a decade "
    "of decline, ending a long fight over the future of the waterfront. The plan, which passed "
    "by nine votes to four, sets aside money for new cranes, a rail link to the industrial "
    "estate and the repair of the northern breakwater that storms damaged two winters ago.\n\n"
    '"We have waited long enough for this," Mayor Ana Ruiz told reporters outside the town hall. '
    "Ruiz said that the first ships could dock in May and that the port would bring hundreds of "
    "jobs back to the coast within three years.\n\n"
    "Opponents of the plan warned that the costs had been underestimated. Councillor Tomas Velde "
    "said the dredging alone would take most of the budget and that residents of the old town "
    "would pay for the noise and the traffic of lorries at night.\n\n"
    "The harbour closed to commercial traffic in 2014 when the last shipping line moved its "
    "routes south. Since then the quays have been used by fishing boats and a small marina, and "
    "several warehouses have been turned into flats and restaurants. Local business groups "
    "welcomed the vote and said they hoped the first contracts for the works would be signed "
    "before the end of the summer."
)

CHANGED = ("within three years", "within four years")


def _statements(text: str) -> tuple[tuple[Statement, ...], tuple[Entity, ...]]:
    if "Councillor Tomas Velde said the dredging" not in text:
        return (), ()

    def at(part: str, after: int = 0) -> Span:
        start = text.index(part, after)
        return Span.of(text, start, start + len(part))

    quote = at("We have waited long enough for this")
    ruiz, velde = at("Mayor Ana Ruiz"), at("Councillor Tomas Velde")
    reported = at("the first ships could dock in May")
    dredging = at("the dredging alone would take most of the budget")
    statements = (
        Statement("s1", "direct", quote.text, quote.start, quote.end, cue=at("told reporters"),
                  speaker=Speaker("Ana Ruiz", ruiz, "e1"), confidence=0.9),
        Statement("s2", "indirect", reported.text, reported.start, reported.end,
                  cue=at("said that the first"), speaker=Speaker("Ana Ruiz", at("Ruiz said"), "e1")),
        Statement("s3", "indirect", dredging.text, dredging.start, dredging.end,
                  cue=at("said the dredging"), speaker=Speaker("Tomas Velde", velde, "e2")),
    )
    entities = (Entity("e1", "Ana Ruiz", "PERSON", (ruiz,)), Entity("e2", "Tomas Velde", "PERSON", (velde,)))
    return statements, entities


def story(head: str, byline: str, body: str = BODY, **meta: object) -> Article:
    """A page: headline, byline line, then the body; the headline is marked as a heading."""
    text = f"{head}\n\n{byline}\n\n{body}"
    statements, entities = _statements(text)
    return Article(text=text, headings=(Span.of(text, 0, len(head)),), statements=statements,
                   entities=entities, **meta)


def wire() -> Article:
    return story("Council votes to reopen harbour", "By Jane Okoro, Coastal Press",
                 source="https://wire.example/harbour", site="wire.example", title="Council votes to reopen harbour",
                 published="2024-03-05")


def syndicated() -> Article:
    """The wire story on another site: its own headline and byline, one word changed."""
    return story("Harbour to reopen after council vote", "From wire reports",
                 BODY.replace(*CHANGED), source="https://daily.example/news/harbour-vote",
                 site="daily.example", title="Harbour to reopen after council vote", published="2024-03-06")


def other() -> Article:
    """Another story on the same subject, with the same people: not a copy."""
    text = (
        "Harbour works begin\n\nBy Jane Okoro\n\n"
        "Work on the old harbour began on Monday, three months after the city council approved "
        "the plan to bring cargo ships back to the waterfront. Cranes arrived by barge from the "
        "south and the first crews started clearing the northern breakwater, where the storms of "
        "two winters ago left a gap of almost forty metres.\n\n"
        "Mayor Ana Ruiz visited the site with members of the council and local business groups. "
        "Residents of the old town have formed an association to monitor noise at night, and its "
        "chair said that the council had not answered their letters about the lorries. The rail "
        "link to the industrial estate is due to open next spring, and the dredging of the main "
        "channel will start in the autumn once the fishing season is over."
    )
    return Article(text=text, source="https://wire.example/harbour-works", site="wire.example",
                   title="Harbour works begin", published="2024-06-10")


def prose(seed: int, words: int = 850) -> str:
    """About 5,000 characters of made-up prose, different for each seed, in paragraphs."""
    rng = random.Random(seed)
    vocabulary = BODY.replace(",", "").replace(".", "").replace('"', "").split()
    out = [rng.choice(vocabulary) for _ in range(words)]
    return "\n\n".join(" ".join(out[i:i + 60]) + "." for i in range(0, words, 60))


def reanalysed(article: Article) -> Article:
    """The same text with a different analysis (fewer statements)."""
    return dataclasses.replace(article, statements=article.statements[:2])


SENTENCE = "We will not accept this"


def quoting(text: str, words: str, who: str | None, mention: str | None, kind: str = "direct",
            **meta: object) -> Article:
    """An article whose one statement is ``words`` (as cut from ``text``), said by ``who``."""
    start = text.index(words)
    body = Span.of(text, start, start + len(words))
    named = None
    if mention is not None:
        at = text.index(mention)
        named = Span.of(text, at, at + len(mention))
    statement = Statement("s1", kind, body.text, body.start, body.end,
                          speaker=Speaker(who, named, "e1" if who else None), confidence=0.9)
    entities = (Entity("e1", who, "PERSON", (named,) if named else ()),) if who else ()
    return Article(text=text, statements=(statement,), entities=entities, **meta)


def moscow() -> Article:
    return quoting(f'"{SENTENCE}," Vladimir Putin told reporters in Moscow.', SENTENCE,
                   "Vladimir Putin", "Vladimir Putin", title="Putin warns", site="a.example",
                   published="2022-02-07", source="https://a.example/1")


def kremlin() -> Article:
    # typographic marks, other case, a trailing comma inside the marks, the surname only
    words = "we will NOT accept this,"
    return quoting(f"“{words}” Putin said on Monday, according to the Kremlin.", words,
                   "Putin", "Putin", title="Kremlin line", site="b.example", published="2022-02-09",
                   source="https://b.example/2")


def paris() -> Article:
    # the same words, said by someone else in a mixed statement
    text = f'Macron said that France "{SENTENCE}" either.'
    return quoting(text, f'France "{SENTENCE}" either', "Emmanuel Macron", "Macron", kind="mixed",
                   title="Paris too", site="c.example", published="2022-02-08")


__all__ = ["SENTENCE", "kremlin", "moscow", "paris", "quoting", "BODY", "CHANGED", "other", "prose", "reanalysed", "story", "syndicated", "wire"]
