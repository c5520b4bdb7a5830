"""Hand-built articles with topics, events and claims (amounts with their subject and
claimant), for the store, API, CLI and web tests. Every span is cut from the text."""
from __future__ import annotations

from onrecord.model import Amount, Article, DateRef, Entity, Event, Span, Speaker, Statement, Topic

from store.kit import span


class Text:
    """An article's text and the spans of its parts, found in order of writing."""

    def __init__(self, *sentences: str) -> None:
        self.text = " ".join(sentences)

    def at(self, part: str, after: str | None = None) -> Span:
        return span(self.text, part, self.text.index(after) if after else 0)

    def statement(self, sid: str, who: str, words: str, cue: str = "said", topics: tuple[str, ...] = (),
                  kind: str = "indirect") -> Statement:
        body = self.at(words)
        before = self.text.rfind(".", 0, body.start) + 1
        named = self.at(who, self.text[before:body.start] or None) if who in self.text[before:body.end + 40] else None
        return Statement(sid, kind, body.text, body.start, body.end, cue=self.at(cue, words if kind == "direct" else None),
                         speaker=Speaker(who, named, None), confidence=0.9, speakers=(who,), topics=topics)

    def topic(self, tid: str, key: str, name: str, *mentions: str) -> Topic:
        return Topic(tid, key, name, tuple(self.at(m) for m in mentions))

    def sentence(self, first: str) -> tuple[str, int, int]:
        start = self.text.index(first)
        end = self.text.index(".", start) + 1
        return self.text[start:end], start, end

    def amount(self, words: str, statement: str | None, about: str, claimed_by: str | None,
               **number: object) -> Amount:
        s = self.at(words)
        return Amount(s.text, s.start, s.end, statement=statement, about=self.at(about, None), claimed_by=claimed_by,
                      **number)


def moscow_talks() -> Article:
    """Stoltenberg on NATO and Ukraine; Putin meets Macron in Moscow; Putin's 100,000 troops."""
    t = Text("Jens Stoltenberg said that NATO would not send troops to Ukraine.",
             "Vladimir Putin met Emmanuel Macron in Moscow on February 7.",
             "Vladimir Putin said that Russia had 100,000 troops near the border.")
    text, start, end = t.sentence("Vladimir Putin met")
    return Article(
        text=t.text, source="https://alpha.example/talks", title="Talks in Moscow", published="2022-02-07",
        site="alpha.example",
        statements=(t.statement("s1", "Jens Stoltenberg", "NATO would not send troops to Ukraine", topics=("t1", "t2")),
                    t.statement("s2", "Vladimir Putin", "Russia had 100,000 troops near the border", topics=("t3",))),
        entities=(Entity("e1", "Jens Stoltenberg", "PERSON", (t.at("Jens Stoltenberg"),)),
                  Entity("e2", "Vladimir Putin", "PERSON", (t.at("Vladimir Putin"),)),
                  Entity("e3", "Emmanuel Macron", "PERSON", (t.at("Emmanuel Macron"),))),
        topics=(t.topic("t1", "nato", "NATO", "NATO"), t.topic("t2", "ukraine", "Ukraine", "Ukraine"),
                t.topic("t3", "russia", "Russia", "Russia")),
        events=(Event("v1", "meeting", text, start, end, trigger=t.at("met"),
                      participants=("Vladimir Putin", "Emmanuel Macron"), place=t.at("Moscow"),
                      date=DateRef(*_cut(t, "February 7"), value="2022-02-07", resolution="day")),),
        amounts=(t.amount("100,000 troops", "s2", "Russia", "Vladimir Putin", value=100000.0, unit="troops"),),
        dates=(DateRef(*_cut(t, "February 7"), value="2022-02-07", resolution="day"),),
    )


def alliance() -> Article:
    """Scholz on the North Atlantic Alliance (NATO); Macron meets Putin (the same meeting);
    the outlet's own 'more than 130,000 soldiers' of Russia's."""
    t = Text("Olaf Scholz said that the North Atlantic Alliance would hold firm.",
             "Emmanuel Macron met Vladimir Putin in Moscow on Monday.",
             "Russia has massed more than 130,000 soldiers at the border.")
    text, start, end = t.sentence("Emmanuel Macron met")
    return Article(
        text=t.text, source="https://beta.example/alliance", title="Alliance holds", published="2022-02-08",
        site="beta.example",
        statements=(t.statement("s1", "Olaf Scholz", "the North Atlantic Alliance would hold firm", topics=("t1",)),),
        entities=(Entity("e1", "Olaf Scholz", "PERSON", (t.at("Olaf Scholz"),)),),
        topics=(t.topic("t1", "nato", "the North Atlantic Alliance", "North Atlantic Alliance"),
                t.topic("t2", "russia", "Russia", "Russia")),
        events=(Event("v1", "meeting", text, start, end, trigger=t.at("met"),
                      participants=("Emmanuel Macron", "Vladimir Putin"), place=t.at("Moscow"),
                      date=DateRef(*_cut(t, "Monday"), value="2022-02-07", resolution="day")),),
        amounts=(t.amount("more than 130,000 soldiers", None, "Russia", None, low=130000.0,
                          unit="soldiers", qualifier="more than"),),
    )


def kyiv_visit() -> Article:
    """Scholz will visit Kyiv (undated: an event of its own); his 250,000 troops of Ukraine's."""
    t = Text("Olaf Scholz will visit Kyiv next week.",
             "Olaf Scholz said that Ukraine had 250,000 troops.")
    text, start, end = t.sentence("Olaf Scholz will visit")
    return Article(
        text=t.text, source="https://gamma.example/kyiv", title="Scholz to visit Kyiv", published="2022-02-10",
        site="gamma.example",
        statements=(t.statement("s1", "Olaf Scholz", "Ukraine had 250,000 troops", topics=("t1",)),),
        entities=(Entity("e1", "Olaf Scholz", "PERSON", (t.at("Olaf Scholz"),)),),
        topics=(t.topic("t1", "ukraine", "Ukraine", "Ukraine"),),
        events=(Event("v1", "visit", text, start, end, trigger=t.at("will visit"), participants=("Olaf Scholz",),
                      place=t.at("Kyiv"), date=DateRef(*_cut(t, "next week")), status="planned"),),
        amounts=(t.amount("250,000 troops", "s1", "Ukraine", "Olaf Scholz", value=250000.0, unit="troops"),),
    )


def _cut(t: Text, part: str) -> tuple[str, int, int]:
    s = t.at(part)
    return s.text, s.start, s.end


def all_subjects() -> list[Article]:
    return [moscow_talks(), alliance(), kyiv_visit()]


def hostile_subjects() -> Article:
    """Markup in a topic name, an event's evidence and participants, and a claim's subject."""
    t = Text("<b>Eve</b> said that <script>alert(1)</script> had 5 <i>tanks</i>.",
             "<b>Eve</b> met <i>Mallory</i> in <script>x</script> on March 3.")
    text, start, end = t.sentence("<b>Eve</b> met")
    return Article(
        text=t.text, source="javascript:alert(1)", title="<script>alert(2)</script>", published="2022-03-03",
        site="<b>evil</b>",
        statements=(t.statement("s1", "<b>Eve</b>", "<script>alert(1)</script> had 5 <i>tanks</i>", topics=("t1",)),),
        topics=(t.topic("t1", "<script>alert(1)</script>", "<script>alert(1)</script>", "<script>alert(1)</script>"),),
        events=(Event("v1", "meeting", text, start, end, trigger=t.at("met", "<b>Eve</b> met"),
                      participants=("<b>Eve</b>", "<i>Mallory</i>"), place=t.at("<script>x</script>"),
                      date=DateRef(*_cut(t, "March 3"), value="2022-03-03", resolution="day")),),
        amounts=(t.amount("5 <i>tanks</i>", "s1", "<script>alert(1)</script>", "<b>Eve</b>", value=5.0,
                          unit="tanks"),
                 t.amount("5 <i>tanks</i>", None, "<script>alert(1)</script>", None, value=5.0, unit="tanks")),
    )
