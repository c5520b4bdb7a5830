"""Named entities of an article, with every mention, merged within the article.

People are merged by the rules of ``names`` ("Putin" joins "Vladimir Putin"; "Obama" stays
"Obama" when the article names both Barack and Michelle Obama); other entities by their text
without a leading "the". spaCy sometimes labels one name
differently in two places; the label seen most often for a name wins, and a bare surname
of a known person is that person.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc, Span as SpacySpan

from ..model import Entity, Span
from . import lexicon
from .attributes import ABBREVIATIONS, is_title
from .lexicon import lexicon_key
from .names import HONORIFICS, PARTICLES, person_names, same_person, word_before, words_of
from .doctext import text_of

TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP")


def label_of(span: SpacySpan) -> str:
    """spaCy's label, except that a title followed by a name is a person ("Councillor Marek
    Hale", "GOP Rep McCaul"), and so is a person's name after an owner ("Fox News’s Ed Henry"); "X v. Y" is a
    case, never a person; a name ending with a word of organisations' names ("Girl Scout") is none."""
    words = [t for t in span if not t.is_space]
    if any(_versus(t, before) for before, t in zip(words, words[1:-1])):
        return "LAW"                          # "Trump v. Trump", a case or a book: no one's name
    titles = [k for k, t in enumerate(words[:-1]) if is_title(t.lower_)]
    name = words[titles[-1] + 1:] if titles else []
    if name and all(t.pos_ == "PROPN" for t in name) and (len(name) > 1 or words[titles[-1]].lower_ in ABBREVIATIONS):
        return "PERSON"        # "GOP Rep McCaul"; but "General Assembly" is no General called Assembly
    owned = _after_owner(words)
    if len(owned) >= 2 and owned[0].lower_ in lexicon.first_names() and all(t.is_title for t in owned):
        return "PERSON"
    after_position = _after_position(words)
    if span.label_ == "ORG" and (_first_name_and_surname(words)
                                 or (after_position is not words and _first_name_and_surname(after_position))):
        return "PERSON"                       # "Ava DuVernay", "Steelers QB Mason Rudolph": organisations to the tagger
    if span.label_ == "ORG" and _person_after_organisation(span, words):
        return "PERSON"                       # "the Washington Post Trump said"
    if span.label_ == "PERSON" and len(words) > 1 and words[-1].lower_ in lexicon.organisation_words() \
            and words[0].lower_ not in lexicon.first_names():
        return "ORG"                          # "Girl Scout", not "Tony Hall": no one's name
    return span.label_


def _versus(tok, before) -> bool:
    """ "v." between two names is "versus", unless it is an initial after a first name
    ("Vladimir V. Putin")."""
    if tok.lower_ not in ("v.", "vs.", "v", "vs"):
        return False
    return not (tok.text[0].isupper() and before.lower_ in lexicon.first_names())


def _person_after_organisation(span: SpacySpan, words: list) -> bool:
    """An organisation's name run into a person's ("Fox News Ed Henry", "the Washington Post
    Trump"): after its last organisation word, a first name and surname, or a lone word
    that is a person's surname elsewhere in the article."""
    rest = _after_organisation(words)
    if rest is words or not all(t.pos_ == "PROPN" and t.is_title for t in rest) \
            or any(t.lower_ in lexicon.organisation_words() for t in rest):
        return False
    if len(rest) == 1:
        return any(e.label_ == "PERSON" and rest[0].text in {t.text for t in e[1:]} for e in span.doc.ents)
    return len(rest) <= 3 and rest[0].lower_ in lexicon.first_names()


def _first_name_and_surname(words: list) -> bool:
    """Two or three capitalised words opening with a first name and ending with no word of an
    organisation's name ("Ava DuVernay"; not "Stanley Cup" or "Victoria Park"), a possessive
    or a quotation mark the tagger swept in aside ("Ava DuVernay’s ‘13th’")."""
    words = [t for t in words if t.lower_ not in ("'s", "’s", "'") and not t.is_punct]
    return 2 <= len(words) <= 3 and words[0].lower_ in lexicon.first_names() and \
        all(t.text[:1].isupper() and t.is_alpha for t in words) and words[-1].lower_ not in lexicon.organisation_words()


def _after_owner(tokens: list) -> list:
    """The tokens after the last possessive inside a span ("Ed Henry" of "Fox News’s Ed Henry")."""
    owner = [k for k, t in enumerate(tokens[:-1]) if t.lower_ in ("'s", "’s")]
    return tokens[owner[-1] + 1:] if owner else tokens


def _after_organisation(tokens: list) -> list:
    """The tokens after an organisation's name written before a person's with no possessive
    ("Trump" of "the Washington Post Trump", "Ed Henry" of "Fox News Ed Henry"): a name's
    word before its last that ends an organisation's name."""
    ends = [k for k, t in enumerate(tokens[:-1]) if t.lower_ in lexicon.organisation_words() and t.is_title]
    return tokens[ends[-1] + 1:] if ends else tokens


def clean_name(span: SpacySpan, label: str | None = None) -> tuple[int, int]:
    """Character bounds of an entity without a leading article or a trailing possessive,
    and a person's name without what is written around it: a title ("Councillor Marek
    Hale"), an owner ("Fox News’s Ed Henry"), words in lower case ("rang Taylor") and a
    headline's verb after it ("Obama Says")."""
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    if len(tokens) > 1 and _opening_imperative(tokens[0]):
        tokens = tokens[1:]                  # "Say Mexico demanded …": suppose Mexico did
    tokens = _without_possessive(tokens)     # "Questioning Vindman's judgment": two words, an epithet's
    if (label or span.label_) == "PERSON":
        tokens = _person_tokens(tokens)
    elif (label or span.label_) == "ORG":
        tokens = _organisation_tokens(tokens)
    tokens = _without_possessive(tokens)
    if not tokens:
        return span.start_char, span.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _without_possessive(tokens: list) -> list:
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def _person_tokens(tokens: list) -> list:
    """The tokens of a person's name within a tagged span (see ``clean_name``)."""
    tokens = _after_organisation(_after_owner(tokens))
    titles = [k for k, t in enumerate(tokens[:-1]) if is_title(t.lower_) or t.lower_ in lexicon.demonyms()
              or t.lower_.rstrip(".") in lexicon.gender_words()]
    tokens = tokens[titles[-1] + 1:] if titles else tokens
    tokens = _after_position(tokens)
    while len(tokens) > 1 and (not tokens[0].text[:1].isupper() or tokens[0].tag_ in ("VBG", "VBD", "VBZ")
                               or _opening_adjective(tokens[0]) or _opening_epithet(tokens)):
        tokens = tokens[1:]                  # "rang Taylor", "Hosting Cook", "Recent Samsung"
    while len(tokens) > 1 and not _hyphen_joined(tokens) and (
            tokens[-1].lemma_.lower() in lexicon.cues() or not tokens[-1].text[:1].isupper()):
        tokens = tokens[:-1]                 # "Obama Says", "Juan Manriquez of"
    return tokens


def _hyphen_joined(tokens: list) -> bool:
    """Whether the last token ends a name joined by a hyphen ("moon" of "Ban Ki-moon"), not a
    word made of the name ("Trump-backed")."""
    return len(tokens) >= 3 and tokens[-2].text in ("-", "‐") and not tokens[-2].whitespace_ \
        and not tokens[-3].whitespace_ and tokens[-3].text[:1].isupper() and tokens[-1].is_alpha \
        and tokens[-1].tag_ in ("NNP", "NN")


def _after_position(tokens: list) -> list:
    """The tokens after a position written in capitals before a first name and a surname
    ("Browns DL Sheldon Richardson", "Acme CEO Jane Porter"). Capitals before a surname alone
    are a first name's initials ("AJ Green")."""
    positions = [k for k, t in enumerate(tokens[:-2]) if in_capitals_as_position(t)
                 and tokens[k + 1].lower_ in lexicon.first_names()]
    return tokens[positions[-1] + 1:] if positions else tokens


def in_capitals_as_position(tok) -> bool:
    """A short word in capitals, as a position is written before a name ("DL", "QB", "CEO")."""
    return tok.is_upper and tok.is_alpha and 2 <= len(tok.text) <= 4


def _with_first_name(doc: Doc, ent: SpacySpan, start: int) -> int:
    """Where a person's name starts when the tagger left its first name out ("Debbie" of
    "Debbie Wasserman Schultz"): a capitalised first name right before, in the same phrase; or
    any capitalised name before a surname that opens with its particle ("Alwaleed" of
    "Alwaleed Bin Talal"), which no one is called alone."""
    if ent.start == 0 or start != ent.start_char:
        return start
    before = doc[ent.start - 1]
    particle = ent[0].lower_ in PARTICLES and len(ent) > 1 and not is_title(before.lower_) \
        and before.lower_.rstrip(".") not in HONORIFICS
    if before.pos_ == "PROPN" and before.is_title and before.head.i in range(ent.start, ent.end) \
            and (particle or _first_name_word(before)) and not before.ent_type_:
        return before.idx
    return start


def _first_name_word(tok) -> bool:
    """A capitalised proper noun that is a first name ("Debbie", "Ivanka")."""
    return tok.pos_ == "PROPN" and tok.is_title and tok.lower_ in lexicon.first_names()


def _opening_epithet(tokens: list) -> bool:
    """A word that opens a headline before a surname, is no first name, and is not seen with
    that surname again ("Derelict Obama and Clinton", then "Obama" and "President Obama"):
    an epithet capitalised by its place. A headline here is a line that ends with no full
    stop; a sentence of the body keeps its unknown first names ("Benali Abdelaziz said")."""
    if len(tokens) != 2 or not tokens[0].is_sent_start or tokens[0].lower_ in lexicon.first_names():
        return False
    text = text_of(tokens[0].doc)
    line_end = text.find("\n", tokens[0].idx)
    if text[tokens[0].idx:line_end if line_end >= 0 else len(text)].rstrip()[-1:] in (".", "!", "?", "”", '"'):
        return False
    first, surname = tokens
    again = [e for e in first.doc.ents if e.label_ == "PERSON" and e.start > surname.i
             and any(t.text == surname.text for t in e)]
    return bool(again) and not any(t.text == first.text for e in again for t in e)


def _opening_imperative(token) -> bool:
    """A verb of saying or thinking that opens its sentence in the base form ("Say",
    "Imagine"), which the tagger takes into the name after it."""
    return token.is_sent_start and token.tag_ in ("VB", "NNP") and token.lower_ in lexicon.cues() \
        and token.lower_ not in lexicon.first_names()


def _opening_adjective(token) -> bool:
    """An adjective or adverb capitalised only because it opens the sentence ("Recent",
    "Early"), which the tagger takes into the name after it; not a first name the tagger
    took for one ("Carly Fiorina threw …", "Carly" an adverb to it)."""
    return token.is_sent_start and token.tag_ in ("JJ", "JJS", "RB") and not (
        token.lower_ in lexicon.first_names() and token.i + 1 < len(token.doc)
        and token.doc[token.i + 1].pos_ == "PROPN" and token.doc[token.i + 1].is_title)


def is_description(token) -> bool:
    """A noun written before a firm's name to say what it is ("Developer Valve")."""
    return token.lower_ in lexicon.organisation_nouns()["descriptions"]


SURVEYS = frozenset({"poll", "survey"})
SURVEY_ADJECTIVES = frozenset({"new", "latest", "recent", "national", "online", "exit", "daily", "weekly"})


# Tags of a finite verb or a "why": no organisation's name holds one, a headline does.
HEADLINE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP", "WRB"})


def _organisation_tokens(tokens: list) -> list:
    """An organisation's name without the adjective opening its sentence ("Recent Samsung")
    and without the poll it made ("a Morning Consult Poll" is Morning Consult's); nothing when only a headline's adjective is left ("New Poll"). Other
    documents keep their word: "The Washington Post", "the Drudge Report" are names."""
    while len(tokens) > 1 and (_opening_adjective(tokens[0]) or is_description(tokens[0])):
        tokens = tokens[1:]             # "Recent Samsung smart TVs", "Developer Valve"
    verb = next((k for k, t in enumerate(tokens) if k and t.tag_ in HEADLINE_VERB_TAGS), None)
    if verb is not None:                # a headline swept in: "Shooting Survivors Explain Why …"
        tokens = tokens[:verb]
    if len(tokens) > 1 and tokens[-1].lower_ in SURVEYS:
        tokens = tokens[:-1]
        return [] if all(t.lower_ in SURVEY_ADJECTIVES for t in tokens) else tokens
    return tokens


def find_entities(doc: Doc, skip: Sequence[tuple[int, int]] = (),
                  headings: Sequence[tuple[int, int]] = (), quotes: Sequence[tuple[int, int]] = ()) -> list[Entity]:
    """Entities of the wanted types, in order of first mention, ids e1, e2, ..."""
    text = text_of(doc)
    mentions, who = _tagged_mentions(doc, skip)
    votes: dict[str, Counter] = defaultdict(Counter)
    for start, end, label in mentions:
        votes[lexicon_key(text[start:end])][label] += 1
    for key in who:               # a name with a "who" of its own is a person's, whatever the tagger guessed elsewhere
        votes[key] = Counter({"PERSON": 1})
    personal = _personal_spans(text, mentions, votes)
    # names are written as names in the writer's own body text, not in headings or quotations
    # ("Crooked Hillary Clinton" said someone)
    aside = sorted([*headings, *quotes])
    people = person_names(text, personal, lambda at: not any(a <= at < b for a, b in aside))
    mentions += _untagged_full_names(text, mentions, people)
    mentions += _untagged_surnames(doc, mentions, people)
    return _grouped(text, mentions, people, personal, votes)


def _tagged_mentions(doc: Doc, skip: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int, str]], set[str]]:
    """The tagger's entities of the wanted types as (start, end, type), cleaned and retyped
    by what is written beside them, and the keys of the names a relative "who" follows."""
    text = text_of(doc)
    mentions: list[tuple[int, int, str]] = []
    who: set[str] = set()
    for ent in doc.ents:
        label = label_of(ent)
        if label not in TYPES:
            continue
        start, end = clean_name(ent, label)
        if label == "PERSON":
            start = _with_first_name(doc, ent, start)
        if label in ("ORG", "GPE", "NORP") and word_before(text, start) in HONORIFICS:
            label = "PERSON"                  # "Mr. Trump" is a person, whatever the tagger says
        elif label in ("GPE", "LOC") and _who_after(ent):
            label = "PERSON"                  # "Rihanna, who was honored": no place is a "who"
        if end > start and not any(a <= start < b for a, b in skip):
            mentions.append((start, end, label))
            if label == "PERSON" and _who_after(ent):
                who.add(lexicon_key(text[start:end]))
    return mentions, who


def _personal_spans(text: str, mentions: list[tuple[int, int, str]], votes: dict[str, Counter]) -> list[tuple[int, int]]:
    """The mentions that are a person's: by the types voted for their name, or as a known
    person's surname or first name, in text order."""
    full_names = [k for k, v in votes.items() if len(k.split()) > 1 and v.most_common(1)[0][0] == "PERSON"]
    surnames = {words_of(k)[0][-1] for k in full_names}
    first_words = Counter(k.split()[0] for k in full_names)
    # … unless it opens an organisation's name too ("Ascom" of "Ascom Unite Connect")
    first_words.update({k.split()[0]: 2 for k, v in votes.items() if " " in k and v.most_common(1)[0][0] == "ORG"})
    # a known person's surname is that person however the tagger labels it: "Trump" is often an
    # ORG to it. Not an acronym ("SVP" beside a "Junge SVP" taken for a person); and the price:
    # "Bloomberg" the company, in an article that names Michael R. Bloomberg, is taken for him
    return [(s, e) for s, e, _ in mentions if votes[key := lexicon_key(text[s:e])].most_common(1)[0][0] == "PERSON"
            or (key in surnames and not text[s:e].isupper())
            # "Dale" after "Dale Ford", taken for an organisation: the first name of one person only
            or (" " not in key and set(votes[key]) == {"ORG"} and first_words[key] == 1 and key not in surnames)]


def _grouped(text: str, mentions: list[tuple[int, int, str]], people: dict[tuple[int, int], str],
             personal: list[tuple[int, int]], votes: dict[str, Counter]) -> list[Entity]:
    """One entity for each person (as ``people`` names them) and each other name."""
    is_personal = set(personal)
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    named: set[tuple[str, str]] = set()             # groups of a person, named as ``names`` says
    for start, end, _ in sorted(mentions):
        key = lexicon_key(text[start:end])
        if (start, end) in people:
            group = ("PERSON", people[(start, end)])
            named.add(group)
        else:                                       # a surname two people share is still a person's
            group = ("PERSON" if (start, end) in is_personal else votes[key].most_common(1)[0][0], key)
        groups.setdefault(group, []).append((start, end))
    out = []
    for n, ((label, person), spans) in enumerate(groups.items(), 1):
        name = person if (label, person) in named else max((text[s:e] for s, e in spans), key=len)
        out.append(Entity(f"e{n}", unmangled(name), label, tuple(Span.of(text, s, e) for s, e in spans)))
    return out


def _who_after(ent: SpacySpan) -> bool:
    """Whether the name has a relative clause of its own that opens with "who". Not a place
    in a phrase about someone ("Ms. Rawlings, 59, of Ashton, Md., who watched …"): the
    parser hangs the clause on the nearest noun."""
    if ent.root.dep_ in ("pobj", "appos", "npadvmod"):
        return False
    return any(c.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ in ("nsubj", "nsubjpass") for w in c.children)
               for c in ent.root.children)


_MANGLED = ("Ã", "Â", "â€")        # how UTF-8 letters look when read as Latin-1 once or more


def unmangled(name: str) -> str:
    """A name whose UTF-8 letters were read as Latin-1, once or twice ("FranÃ\x83Â§ois"),
    as it was written ("François"); the mentions keep the text as it is."""
    for _ in range(3):
        name = unicodedata.normalize("NFC", name)        # "Ã" may be written as A and a tilde
        if not any(mark in name for mark in _MANGLED):
            break
        try:
            name = name.encode("latin-1").decode("utf-8")
        except UnicodeError:
            try:
                name = name.encode("cp1252").decode("utf-8")
            except UnicodeError:
                break
    return name


def _untagged_full_names(text: str, mentions, people: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """A person's full name written again where the recogniser missed it or took it for
    something else ("“…,” Teresa Nielsen Hayden explained" read as a work's title): a mention
    of that person (added to ``people``), not left to a surname that someone else shares."""
    tagged = sorted((s, e) for s, e, _ in mentions)
    out = []
    for name in {n for n in people.values() if " " in n}:
        for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            start, end = found.span()
            if not any(s < end and start < e for s, e in tagged):
                people[(start, end)] = name
                out.append((start, end, "PERSON"))
    return out


def _untagged_surnames(doc: Doc, mentions, people: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """Mentions of a person by a surname that the recogniser did not tag, where the surname is
    that of one person of the article only, or a one-word name tagged elsewhere ("Sanders’
    campaign" after "Trump and Sanders"), written the same as a noun (added to ``people``)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name in people.values():
        words = name.split()
        if len(words) > 1:
            owners[words[-1]].add(name)
    text = text_of(doc)
    single = {text[s:e] for s, e, label in mentions if label == "PERSON" and " " not in text[s:e]} - set(owners)
    tagged = {i for start, end, _ in mentions for i in range(start, end)}
    found = [t for t in _tokens_written(doc, {w for w, o in owners.items() if len(o) == 1} | single)
             if t.idx not in tagged and (t.text not in single or t.pos_ in ("PROPN", "NOUN"))]
    # a one-word name the article resolved where it was tagged ("Ban" of "Ban Ki-moon") is the
    # same person where it was not
    resolved = {text[s:e]: name for (s, e), name in people.items() if " " not in text[s:e]}
    out = []
    for tok in found:
        start, end = tok.idx, tok.idx + len(tok.text)
        first = _untagged_first_name(doc, tok, tagged)
        if first is not None:             # "Ivanka Trump", untagged, is not Donald Trump
            start = first.idx
            full = f"{first.text} {tok.text}"
            people[(start, end)] = next((n for n in owners.get(tok.text, ()) if same_person(
                lexicon_key(n), lexicon_key(full))), full)
        elif tok.text in owners:
            people[(start, end)] = next(iter(owners[tok.text]))
        elif tok.text in resolved:
            people[(start, end)] = resolved[tok.text]
        out.append((start, end, "PERSON"))
    return out


def _tokens_written(doc: Doc, words: set[str]) -> list:
    """The tokens that are one of ``words``, in text order: found in the text, not by walking
    every token (which costs more than the rest of the search)."""
    if not words:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?!\w)")
    spans = (doc.char_span(*m.span()) for m in pattern.finditer(text_of(doc)))
    return [span[0] for span in spans if span is not None and len(span) == 1 and span[0].text in words]


def _untagged_first_name(doc: Doc, surname, tagged: set[int]):
    """The first name written right before a surname the recogniser left untagged, when it is
    one ("Ivanka" of "Ivanka Trump"): then the two are a name of their own."""
    if surname.i == 0:
        return None
    first = doc[surname.i - 1]
    return first if _first_name_word(first) and first.idx not in tagged and first.whitespace_ == " " else None
