"""Hand-written articles for the web tests: every span is cut from the text as it is built,
so the offsets are right by construction. ``hostile()`` carries markup, scripts and a
``javascript:`` source in every field a page shows."""
from __future__ import annotations

from onrecord.model import Article, Entity, Span, Speaker, Statement


class Draft:
    """A text written piece by piece; ``add`` returns the span of the piece just written."""

    def __init__(self) -> None:
        self.text = ""
        self.statements: list[Statement] = []
        self.entities: dict[str, list[Span]] = {}

    def add(self, piece: str) -> Span:
        start = len(self.text)
        self.text += piece
        return Span(piece, start, len(self.text))

    def says(self, who: str | None, mention: str, cue: str, words: str, kind: str = "indirect",
             act: str = "speech", negated: bool = False) -> None:
        """One sentence: ``MENTION CUE that WORDS.`` or ``"WORDS," MENTION CUE.``"""
        if kind == "direct":
            self.add('"')
            body = self.add(words)
            self.add('," ')
            named = self.add(mention)
            self.add(" ")
            said = self.add(cue)
            self.add(". ")
        else:
            named = self.add(mention)
            self.add(" ")
            said = self.add(cue)
            self.add(" that ")
            body = self.add(words)
            self.add(". ")
        if who is not None:
            self.entities.setdefault(who, []).append(named)
        self.statements.append(Statement(
            id=f"s{len(self.statements) + 1}", kind=kind, text=body.text, start=body.start,
            end=body.end, cue=said, speaker=Speaker(who, named, None), confidence=0.9, act=act,
            negated=negated))

    def article(self, **meta: object) -> Article:
        entities = tuple(Entity(f"e{n}", name, "PERSON", tuple(spans))
                         for n, (name, spans) in enumerate(self.entities.items(), 1))
        return Article(text=self.text, statements=tuple(self.statements), entities=entities, **meta)


def harbour() -> Article:
    d = Draft()
    chrome = d.add("Share on Facebook\n\n")
    head = d.add("Harbour plan passes")
    d.add("\n\n")
    d.says("Ana Ruiz", "Mayor Ana Ruiz", "said", "the harbour would reopen in May")
    d.says("Ana Ruiz", "Ruiz", "told reporters", "We have waited long enough for this", kind="direct")
    d.says("Tomas Velde", "Councillor Tomas Velde", "warned", "the costs had been underestimated")
    a = d.article(title="Harbour plan passes", site="harbour.example", published="2024-03-05",
                  source="https://harbour.example/news/vote")
    return Article(**{**_fields(a), "boilerplate": (Span(chrome.text.strip(), 0, 17),),
                      "headings": (head,)})


def wind() -> Article:
    d = Draft()
    d.says("Lena Okafor", "Lena Okafor", "argued", "fishing crews would lose their grounds", kind="mixed")
    d.says("Ana Ruiz", "Ana Ruiz", "said", "The turbines bring jobs to the coast", kind="direct")
    return d.article(title="Wind farm approved", site="coast.example", published="2024-04-10",
                     source="http://coast.example/wind")


def budget() -> Article:
    d = Draft()
    d.says("Tomas Velde", "Tomas Velde", "said", "The budget is balanced at last", kind="direct")
    d.says("Tomas Velde", "Velde", "added", "taxes would not rise this year")
    return d.article(title="Budget balanced", site="harbour.example", published="2024-06-01",
                     source="javascript:alert(1)")


def undated() -> Article:
    d = Draft()
    d.says("Lena Okafor", "Okafor", "insisted", "the harbour vote was rushed")
    return d.article(title="Letters", source="letters.txt")


def minds() -> Article:
    """Speech, thought, evidence and a denial: what each source did."""
    d = Draft()
    d.says("Ana Ruiz", "Ana Ruiz", "said", "the ferry would run all winter")
    d.says("Ana Ruiz", "Ruiz", "believes", "the crossing will pay for itself", act="thought")
    d.says(None, "A survey of residents", "shows", "most want the ferry", act="evidence")
    d.says("Tomas Velde", "Tomas Velde", "did not say", "the fares would rise", negated=True)
    return d.article(title="Ferry all winter", site="harbour.example", published="2024-07-01")


HOSTILE_SCRIPT = "<script>document.title='pwned';window.pwned=1</script>"
HOSTILE_IMG = "<img src=x onerror=\"window.pwned=2;alert(2)\">"


def hostile() -> Article:
    """Markup in the text, a quote that closes the highlight early, a name with an image."""
    d = Draft()
    d.add(f"Before the quote {HOSTILE_SCRIPT} and {HOSTILE_IMG}.\n\n")
    d.says("<b>Mallory</b> <img src=x onerror=alert(3)>", "Mallory", "wrote",
           "it ends here</mark><script>window.pwned=3</script> or not", kind="direct")
    d.add('<a href="javascript:window.pwned=4">click me</a>')
    return d.article(title="<script>window.pwned=5</script>Hostile", site="<i>evil.example</i>",
                     published="2024-05-01", source="javascript:window.pwned=6",
                     authors=("<svg onload=alert(7)>",))


def all_articles() -> list[Article]:
    return [harbour(), wind(), budget(), undated()]


def _fields(article: Article) -> dict[str, object]:
    return {name: getattr(article, name) for name in Article.__dataclass_fields__}
