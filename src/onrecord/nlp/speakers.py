"""Who made a statement: from the words at the statement to a person or organisation.

Resolution uses only what the article itself says about people, and gives no name when the
evidence does not single one person out (a wrong name is worse than none):
- names: a surname is the full name seen in the article ("Putin" -> "Vladimir Putin"), as
  ``names`` decides; an apposition names the person it stands beside ("the deputy director,
  Eva-Marie Persson");
- titles and descriptors ("the Russian leader", "the Democratic nominee") go to the one
  person the article gave that role and those words, in appositions ("X, the president of
  Y"), premodifiers ("Russian President Vladimir Putin") and respectively-constructions;
- pronouns go to the clearly most salient referent that agrees with them (``salience``): "she"
  never to a man, "I" only inside the speaker's own quotation, never simply to the last
  speaker; relative pronouns to the noun they hang on; "both" to the last pair of speakers;
- a passive cue's subject is not its speaker: its agent is ("was accused by a woman"), or no
  one ("was told");
- a seat of government stands for its country ("Moscow denies" -> Russia).

Each answer is a ``Resolution``: the names, how they were found, the mention that names the
person (its antecedent) and how sure it is.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import Entity
from . import lexicon
from .antecedents import (SUBJECT_DEPS, clause_before, participle_before, plural_verb, relative_antecedent,
                          unnamed_subject_before, untagged_name_before)
from .attributes import conjuncts, learn_attributes, learn_premodifiers, learn_transcript_labels, roles_in
from .doctext import is_dateline, text_of
from .documents import (GROUP_HEADS, body_name, group_before, groups_named, is_document, maker, noun_phrase,
                        organisation_by_noun, spoken_for)
from .entities import SURVEY_ADJECTIVES, SURVEYS, is_description
from .mention_words import (descriptive_words, descriptor_title, first_names_joined, in_embedded_clause,
                            minor_mention, one_word_genders, owner_of, party_member, plural_of, salient_role,
                            several_without_and, speaking, title_of, with_shared_surname)
from .names import first_name_gender, gender_said
from .pairs import both_before, is_the_two, pair_before
from .resolution import NOBODY, SURENESS, Resolution, as_found
from .salience import Mention, MentionIndex

SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")
SELF_PRONOUNS = frozenset({"i", "me", "we", "us"})       # the quotation's own speaker
GENDERED = {"he": "m", "she": "f"}                     # subject pronouns that chain
INDEFINITES = frozenset({"a", "an", "one", "another", "some", "any", "several"})
RELATIVES = frozenset({"who", "that", "which", "whom"})

EVENTS = frozenset({"convention", "conference", "summit", "debate", "caucus", "caucuses", "primary", "rally"})

# How well a person of unknown gender fits "he" or "she": possible, but the names the tagger
# gets wrong (a city taken for a person) are often of this kind.
UNKNOWN_GENDER_FIT = 0.35
ALONE_BONUS = 0.15      # more sureness for a pronoun that no one else could be


@dataclass
class Profile:
    """What the article says about one named speaker."""
    name: str
    type: str
    entity: str | None             # None for a name the entity recogniser missed
    roles: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)   # its mentions, in order
    words: set[str] = field(default_factory=set)            # words written about it ("democratic")
    genders: set[str] = field(default_factory=set)          # what the article says: "m", "f"
    kinds: set[str] = field(default_factory=set)            # what an organisation is called: "bank"
    prior: str | None = None                                # a weak guess when it says nothing

    @property
    def first_at(self) -> int:
        """Where the article first mentions it."""
        return self.spans[0][0]

    @property
    def gender(self) -> str | None:
        """The article's word on the person's gender, else a prior: the first name's, or that
        of everyone bearing a surname that stands alone."""
        if len(self.genders) == 1:
            return next(iter(self.genders))
        return None if self.genders else (self.prior or first_name_gender(lexicon.lexicon_key(self.name)))


class SpeakerResolver:
    """Resolves speaker mentions of one article, in reading order."""

    def __init__(self, doc: Doc, entities: list[Entity], quotes: Sequence[tuple[int, int]] = ()):
        self.doc = doc
        self.text = text_of(doc)
        self.quotes = sorted(quotes)
        self.quote_starts = [a for a, _ in self.quotes]
        self.profiles: dict[str, Profile] = {}
        self.at_char: dict[int, Profile] = {}               # token start -> profile it names
        self.history: list[tuple[int, tuple[str, ...]]] = []
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        # a quotation is one step of the text however many sentences it holds: its speaker is
        # as near after a long quotation as after a short one
        self.index = MentionIndex([c for c in starts if c == 0 or not self.quoted(c - 1)])
        for ent in entities:
            if ent.type not in SPEAKER_TYPES:
                continue
            spans = sorted((m.start, m.end) for m in ent.mentions)
            prof = Profile(ent.name, ent.type, ent.id, spans=spans)
            self.profiles[ent.name] = prof
            for m in ent.mentions:
                prof.genders |= {g} if (g := gender_said(self.text, m.start)) else set()
                for tok in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                    self.at_char[tok.idx] = prof
        learn_attributes(self)
        one_word_genders(self.profiles)
        self._index_mentions()
        learn_transcript_labels(self)

    def _index_mentions(self) -> None:
        for prof in self.profiles.values():
            for start, end in prof.spans:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                root = span.root if span is not None else None
                self.index.add(Mention(start, end, prof.name, root is not None and salient_role(root),
                                       self.quoted(start), root is not None and minor_mention(root),
                                       root is not None and in_embedded_clause(root)))
        self._index_referring_subjects()

    def _index_referring_subjects(self) -> None:
        """The writer's "he" and "she" as subjects keep their person salient ("Lynch said … She
        has faced … She said"): each that clearly points back to one person, named outside a
        quotation and known to be of the pronoun's gender, is a mention of that person, in
        reading order, so the next pronoun sees the chain. A guess is no link in a chain. So
        does a role as subject that fits one person alone ("the president appeared cowed …
        he barely mentioned")."""
        for tok in self.doc:
            if tok.dep_ not in SUBJECT_DEPS or self.quoted(tok.idx):
                continue
            if tok.lower_ in GENDERED:
                found = self._pronoun(tok.lower_, tok.idx, None)
                if not found or found.antecedent is None or self.quoted(found.antecedent[0]):
                    continue
                prof = self.profiles[found.names[0]]
                if prof.gender is None and found.confidence >= SURENESS["pronoun"] + ALONE_BONUS:
                    prof.genders.add(GENDERED[tok.lower_])   # the one person "he" can be is a he
                if prof.gender == GENDERED[tok.lower_]:
                    self.index.add(Mention(tok.idx, tok.idx + len(tok.text), found.names[0], True, False,
                                           embedded=in_embedded_clause(tok)))
            elif tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                    and any(roles_in(phrase := noun_phrase(tok))):
                found = self._descriptor(phrase, tok.idx, None)
                if found and found.confidence >= SURENESS["descriptor"]:
                    self.index.add(Mention(tok.idx, tok.idx + len(tok.text), found.names[0], True, False))

    # ------------------------------------------------------------------ lookups
    def profile_of(self, tok: Token) -> Profile | None:
        return self.at_char.get(tok.idx)

    def quoted(self, char: int) -> bool:
        """Whether ``char`` is inside a quotation (they are sorted and disjoint, as in
        ``Parse.in_quote``)."""
        return self._quote_at(char) is not None

    def _quote_at(self, char: int) -> tuple[int, int] | None:
        i = bisect_right(self.quote_starts, char) - 1
        return self.quotes[i] if i >= 0 and char < self.quotes[i][1] else None

    def _a_quotation(self, start: int, end: int) -> bool:
        """Whether the text from ``start`` to ``end`` is one quotation and nothing else."""
        words = self.text[start:end].strip()
        if not words:
            return False
        first = start + self.text[start:end].index(words[0])
        quote = self._quote_at(first)
        return quote is not None and quote[1] >= first + len(words)

    def country_of(self, tok: Token) -> str | None:
        """The country a token names: a demonym, a country or a seat of government."""
        word = tok.text.lower()
        if word in lexicon.demonyms():
            return lexicon.demonyms()[word]
        prof = self.profile_of(tok)
        if prof and prof.type == "GPE":
            return lexicon.capitals().get(prof.name.lower(), prof.name)
        return None

    # ------------------------------------------------------------------ resolving
    def resolve(self, mention: SpacySpan | None, at: int) -> tuple[tuple[str, ...], float]:
        """Names of the speaker(s) and how sure the resolution is (for callers that need no
        evidence)."""
        found = self.identify(mention, at)
        self.learn(found)
        return found.names, found.confidence

    def identify(self, mention: SpacySpan | None, at: int, content: tuple[int, int] | None = None,
                 quoted_by: Resolution | None = None) -> Resolution:
        """Who ``mention`` denotes, for a statement at ``at`` whose words are ``content`` and
        that sits inside the quotation of ``quoted_by`` (if it does)."""
        if mention is None or not len(mention):
            return NOBODY
        head = mention.root
        if head.lower_ in RELATIVES and head.head.dep_ == "relcl" and head.head.head.i < head.i:
            antecedent = relative_antecedent(head, lambda t: getattr(self.profile_of(t), "type", None) == "PERSON")
            if plural_verb(head.head) and antecedent.tag_ in ("NN", "NNP"):
                return NOBODY        # "Americans such as Borders, who are drawn": not Borders
            found = self.identify(noun_phrase(antecedent), at, content)
            return as_found(found, "relative") if found else NOBODY
        if is_dateline(mention):
            return NOBODY                         # "MYRTLE BEACH, S.C. —" opens a report; it says nothing
        if several_without_and(self, mention):
            return NOBODY                         # "Carly Fiorina Endorses Ted Cruz": whose words?
        named = self._named(head) or body_name(self, head)
        if named:
            return named
        word = head.lower_
        if word in SELF_PRONOUNS:
            return as_found(quoted_by, "pronoun") if quoted_by else NOBODY
        at = min(at, mention.start_char)          # an antecedent comes before the words that refer to it
        if word in lexicon.pronouns() or (head.i == mention.start and word == "both"):
            return self._pronoun(word, at, content)
        if mention[0].lower_ == "both" and head.tag_ == "NNS" and len(mention) == 2:
            return self._pronoun("both", at, content)      # "both candidates", "both men": as "both"
        if is_the_two(mention):
            return both_before(self, at)
        if is_document(head):
            return maker(self, head, at, content)
        if head.lower_ in GROUP_HEADS:
            return self._campaign_of(head, at, content)
        if any(roles_in(mention)):
            return self._name_beside(mention) or spoken_for(self, mention) or self._descriptor(mention, at, content)
        if party_member(self, mention):
            return self._just_named(mention, {c for t in mention if (c := self.country_of(t))}, set(),
                                    descriptor_title(mention))
        return organisation_by_noun(self, mention, at)

    def remember(self, found: Resolution, mention: tuple[int, int] | None, at: int) -> None:
        """A resolved speaker is salient for the pronouns that follow; a name it found is
        learned."""
        self.learn(found)
        if not found:
            return
        self.history.append((at, found.names))
        if mention is not None and len(found.names) == 1 and found.names[0] in self.profiles:
            span = self.doc.char_span(*mention, alignment_mode="expand")
            self.index.add(Mention(mention[0], mention[1], found.names[0], True, self.quoted(mention[0]),
                                   embedded=span is not None and in_embedded_clause(span.root)))

    def continues(self, names: tuple[str, ...], gap: tuple[int, int], quote: tuple[int, int]) -> bool:
        """Whether a quotation with no cue of its own can go on with the words of ``names``:
        no other person is named between their statement and it (an outlet or a place may be:
        "said on CNN's State of the Union"), and it does not speak of them ("Bernie believes …"
        is not Bernie Sanders speaking)."""
        for m in self.index.between(gap[0], quote[1]):
            other = m.referent not in names and self.profiles[m.referent].type == "PERSON"
            if m.start < gap[1] and other and not m.quoted:
                return False
            if m.start >= quote[0] and m.referent in names:
                return False
        return True

    def _named(self, head: Token) -> Resolution:
        """Names carried by the mention's head and its conjuncts ("Both Macron and Putin")."""
        names: list[str] = []
        learned: list[tuple[str, tuple[int, ...]]] = []
        first: Resolution = NOBODY
        if (family := self._family(head)) is not None:
            return family
        for tok in [*first_names_joined(head), head, *conjuncts(head)]:
            if tok is not head and self._people_of(tok):
                continue                  # "her campaign and Democrats": the party's people are no one named
            found = self._name_of(tok)
            names += [n for n in found.names if n not in names]
            learned += found.learned
            first = first or found
        if not names:
            return NOBODY
        names = with_shared_surname(names)
        return Resolution(tuple(names), first.how, first.antecedent, first.confidence, title_of(head), tuple(learned))

    def _family(self, head: Token) -> Resolution | None:
        """ "The Khans": the people of the article who bear that surname, when two or more do;
        nobody when it names one ("the Kellers" are more than Anna Keller); None when the
        word is no surname of the article's."""
        if head.tag_ != "NNPS" or not head.text.endswith("s"):
            return None
        stems = {head.text[:-1], head.text[:-2]} if head.text.endswith("es") else {head.text[:-1]}
        people = [p for p in self.profiles.values() if p.type == "PERSON" and len(p.name.split()) > 1
                  and p.name.split()[-1] in stems]
        if not people:
            return None
        if len(people) < 2:
            return NOBODY
        return Resolution(tuple(p.name for p in people), "name", self._naming_span(people[0], head.idx),
                          SURENESS["surname"])

    def _people_of(self, tok: Token) -> bool:
        """A party's or a nation's people ("Democrats", "Russians")."""
        prof = self.profile_of(tok)
        return prof is not None and prof.type == "NORP" and tok.tag_ == "NNPS"

    def _name_of(self, tok: Token) -> Resolution:
        prof = self.profile_of(tok)
        how = "name"
        # "the two leading Republicans, A and B": a party or nation's people named beside it
        if prof is None or self._people_of(tok):
            appos = next((a for a in tok.children if a.dep_ == "appos" and self.profile_of(a)), None)
            if appos is not None and conjuncts(appos):       # "the three scholars -- A, B and C --"
                found = self._named(appos)
                return as_found(found, "apposition") if found else NOBODY
            if prof is None:
                prof = self.profile_of(appos) if appos is not None else None
                how = "apposition"
        if prof is not None:
            if prof.type == "NORP" and any(c.dep_ in ("det", "nummod") and (
                    c.lower_ in INDEFINITES or (c.lower_ == "the" and tok.tag_ == "NNP")) for c in tok.children):
                return NOBODY   # "a Canadian", "one Democrat", "the Wisconsin Republican": someone of that people
            if prof.type == "ORG" and lexicon.lexicon_key(prof.name).split()[-1] in EVENTS:
                return NOBODY                      # "the Republican Convention" does not speak
            name = (self.country_of(tok) or prof.name) if prof.type in ("GPE", "NORP") else prof.name
            span = next(((a, b) for a, b in prof.spans if a <= tok.idx < b), None) if how == "name" else None
            written = self.text[span[0]:span[1]] if span is not None else ""
            if written and written != prof.name and len(prof.name.split()) > 1 and (
                    len(written.split()) == 1 or lexicon.lexicon_key(prof.name).endswith(" " + lexicon.lexicon_key(written))):
                how, span = "surname", self._naming_span(prof, tok.idx)
            return Resolution((name,), how, span or self._naming_span(prof, tok.idx), SURENESS[how])
        return self._unknown_name(tok)

    def _unknown_name(self, tok: Token) -> Resolution:
        """A name the entity recogniser missed: one known person's surname, or first name
        written alone ("Dale and Martha disputed": Dale Ford), or the name as written."""
        known = [p for p in self.profiles.values() if p.type == "PERSON" and p.name.split()[-1] == tok.text]
        if len(known) == 1 and tok.is_title:
            return Resolution((known[0].name,), "surname", self._naming_span(known[0], tok.idx), SURENESS["surname"])
        first = [p for p in self.profiles.values() if p.type == "PERSON" and len(p.name.split()) > 1
                 and p.name.split()[0] == tok.text]
        if not known and len(first) == 1 and tok.is_title and not any(t.dep_ == "compound" for t in tok.lefts):
            return Resolution((first[0].name,), "surname", self._naming_span(first[0], tok.idx), SURENESS["surname"])
        every_role = lexicon.roles()[0]
        words = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.lower_ not in every_role
                 and t.text[:1].isupper() and not is_description(t)]
        # "“…,” Teresa Nielsen Hayden explained": the tagger's title of a work, but a first name opens it
        mistagged = bool(words) and words[0].lower_ in lexicon.first_names()
        if tok.pos_ != "PROPN" or tok.lower_ in every_role or known or not tok.text[:1].isupper() \
                or (tok.ent_type_ not in ("", "PERSON", "ORG", "NORP", "GPE", "FAC") and not mistagged):
            return NOBODY
        if not tok.ent_type_ and plural_of(tok.lower_, every_role | lexicon.evidence_sources()):
            return NOBODY         # "Summary Studies show", "Key Researchers found": capitals, no one's name
        owner = owner_of(tok)
        tokens = owner + [*words, tok]
        if words and tok.lower_ in SURVEYS:       # "a Morning Consult Poll": its maker's
            tokens = words
            if all(t.lower_ in SURVEY_ADJECTIVES for t in words):
                return NOBODY                      # "New Poll Shows …"
        name = "".join(t.text_with_ws for t in owner) + " ".join(t.text for t in tokens[len(owner):])
        # a full name is learned (``learn``): later surnames, titles and pronouns find it
        learned = ((name, tuple(t.i for t in tokens)),) if len(tokens) > 1 else ()
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        return Resolution((name,), "name", span, SURENESS["name"] - 0.1, learned=learned)

    def _naming_span(self, prof: Profile, at: int) -> tuple[int, int] | None:
        """The mention that names ``prof`` in full: the first such before ``at``, else the first."""
        full = [s for s in prof.spans if self.text[s[0]:s[1]] == prof.name]
        before = [s for s in full if s[0] <= at]
        spans = before or full or prof.spans
        return spans[0] if spans else None

    def learn(self, found: Resolution) -> None:
        """Make people of the names a resolution found that the recogniser missed. Resolving
        changes nothing; this is the one step that adds to what is known of the article."""
        for name, indices in found.learned:
            self.adopt(name, [self.doc[i] for i in indices])

    def adopt(self, name: str, tokens: list[Token]) -> None:
        """Make a person of a name the recogniser missed, with the title written before it."""
        prof = self.profiles.get(name)
        if prof is None:
            span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
            prof = self.profiles[name] = Profile(name, "PERSON", None, spans=[span])
            prof.genders |= {g} if (g := gender_said(self.text, span[0])) else set()
            for tok in tokens:
                self.at_char[tok.idx] = prof
            learn_premodifiers(self, tokens[-1], prof)
            self.index.add(Mention(span[0], span[1], name, tokens[-1].dep_ in SUBJECT_DEPS, self.quoted(span[0])))

    def _pronoun(self, word: str, at: int, content: tuple[int, int] | None) -> Resolution:
        kind = lexicon.pronouns().get(word, "pair")
        if kind == "group":                 # "they": people or an organisation; only a pair of speakers is clear
            kind = "pair"
        if kind == "pair":
            return both_before(self, at) if word == "both" else pair_before(self, at)
        if kind == "org":
            return self._it(at)
        gender = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(word)
        if (topic := self._topic_of(at, kind, gender)):
            return topic
        if self._unnamed_before(at, gender) or (content and self._quotes_of_another(content, word)):
            return NOBODY
        aside = participle_before(self.doc, at)
        spoken_of = self._spoken_of(content) if content else set()
        choice = self.index.choose(at, lambda name: 0.0 if name in spoken_of else self._agrees(name, kind, gender),
                                   skip=lambda m: (content is not None and content[0] <= m.start < content[1])
                                   or (aside is not None and aside[0] <= m.start < aside[1]))
        if choice is None or choice.minor:
            return NOBODY          # "… more liberal nominees than Obama? “…,” he said": only an aside named him
        bonus = ALONE_BONUS if choice.margin == float("inf") else min(ALONE_BONUS, 0.03 * choice.margin)
        sure = SURENESS["pronoun"] + bonus
        return Resolution((choice.referent,), "pronoun", (choice.mention.start, choice.mention.end), round(sure, 3))

    def _topic_of(self, at: int, kind: str, gender: str | None) -> Resolution:
        """ "As for Trump, he said …": the person its clause opens by naming as its topic."""
        pronoun = self.doc.char_span(at, at + 1, alignment_mode="expand")
        if pronoun is None or pronoun.root.dep_ not in SUBJECT_DEPS:
            return NOBODY
        for prep in pronoun.root.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i < pronoun.root.i:
                for topic in (o for f in prep.children if f.lower_ == "for" for o in f.children if o.dep_ == "pobj"):
                    prof = self.profile_of(topic)
                    if prof is not None and self._agrees(prof.name, kind, gender) > 0:
                        span = next(((a, b) for a, b in prof.spans if a <= topic.idx < b), None)
                        return Resolution((prof.name,), "pronoun", span, SURENESS["pronoun"] + ALONE_BONUS)
        return NOBODY

    def _quotes_of_another(self, content: tuple[int, int], word: str) -> bool:
        """ "“He would have made peace,” he said": a quotation that opens on "he" speaks of
        someone else of that gender, most likely the man the writer's "he" would point back
        to, so neither can be told."""
        if word not in GENDERED or not self.quoted(content[0]):
            return False
        span = self.doc.char_span(*content, alignment_mode="expand")
        first = next((t for t in span if not t.is_punct and not t.is_space), None) if span is not None else None
        return first is not None and first.lower_ == word and first.dep_ in SUBJECT_DEPS \
            and not self._reported_on_just_before(content[0], GENDERED[word])

    def _reported_on_just_before(self, at: int, gender: str) -> bool:
        """ "Cruz won, Stovall said. “He was articulate,” he said": the sentence before says
        what one person (the main clause's subject) said of another of that gender (a subject
        inside it), or is a statement of that one person. The quotation's "he" is the one
        spoken of, the writer's the one who spoke, whom salience then finds."""
        before = self.index.sentence_of(at) - 1
        if before < 0:
            return False
        start = self.index.sentence_starts[before]
        fits = [m for m in self.index.between(start, at) if m.subject and not m.quoted
                and self.index.sentence_of(m.start) == before and self._agrees(m.referent, "person", gender) > 0]
        speakers = {m.referent for m in fits if not m.embedded}
        spoken_of = {m.referent for m in fits if m.embedded} - speakers    # "Archer said he is proud"
        if len(speakers) != 1:
            return False
        # "…, Jones said. “He's gaining,” he said": a sentence that is one person's statement
        # is a report on someone too, even when it names whom by a pronoun alone
        return bool(spoken_of) or any(names == tuple(speakers) and self.index.sentence_of(said_at) == before
                                      for said_at, names in self.history)

    def _spoken_of(self, content: tuple[int, int]) -> set[str]:
        """Who the words of a statement speak of by name, and so did not say them: anyone
        named in a quotation ("“Obama had will.i.am,” he said"), the subject of reported words
        ("He said Obama hopes …"; a writer's paraphrase may name its speaker deeper in)."""
        quoted = self.quoted(content[0])
        return {m.referent for m in self.index.between(*content)
                if (quoted or m.subject) and self.text[m.start:m.end].lower() not in lexicon.pronouns()}

    def _unnamed_before(self, at: int, gender: str | None) -> bool:
        """Whether a person the article does not name, and no role it gave someone, stands
        nearest before the pronoun at ``at`` (see ``antecedents``)."""
        subject = unnamed_subject_before(self.doc, at, gender, lambda t: (p := self.profile_of(t)) is not None
                                         and p.type == "PERSON")
        if subject is None:
            return untagged_name_before(self.doc, at, lambda t: self.profile_of(t) is not None) is not None
        return not self._descriptor(noun_phrase(subject), at, None)

    def _campaign_of(self, head: Token, at: int, content: tuple[int, int] | None) -> Resolution:
        """ "His campaign": the campaign of the person "his" stands for ("Trump campaign");
        "the campaign" that of the person the sentence before is about, unless that person
        works for a campaign ("Trump's campaign manager, Lewandowski, said … The campaign's
        statement"): then the one campaign the article names, if it names one."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        found = self._pronoun("he" if owner.lower_ == "his" else "she", at, content) if owner else NOBODY
        if owner is None and head.i > 0 and self.doc[head.i - 1].lower_ == "the":
            if (earlier := group_before(self, head)):
                return earlier                  # "The Trump campaign is … The campaign expects …"
            named = self._subject_just_before(self.doc[head.i - 1: head.i + 1])
            staff = named is not None and self.profiles[named.referent].roles & lexicon.staff_roles()
            if named is not None and not staff:
                found = Resolution((named.referent,), "descriptor", (named.start, named.end),
                                   SURENESS["descriptor"] - 0.15)
            elif staff and len(groups := groups_named(self, head.lower_)) == 1:
                return Resolution(tuple(groups), "descriptor", None, SURENESS["descriptor"] - 0.15)
        if len(found.names) != 1 or found.names[0] not in self.profiles:
            return NOBODY
        name = f"{found.names[0].split()[-1]} {head.lower_}"
        return Resolution((name,), found.how, found.antecedent, found.confidence)

    def _it(self, at: int) -> Resolution:
        """ "It" is an organisation only when one was the subject just before ("The FBI said …
        It added", "the Clinton campaign said … It added"); after "The report said …" it is
        the report's maker, or no one when the article names none."""
        before = clause_before(self.doc, at)
        subject = next((t for t in reversed(before) if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"), None)
        prof = self.profile_of(subject) if subject is not None else None
        if prof is None and subject is not None and (body := body_name(self, subject) or self._document_maker(subject)):
            return as_found(body, "pronoun")          # "The US military said … It added"
        if prof is None or subject is None or prof.type not in ("ORG", "GPE"):
            return NOBODY
        name = (self.country_of(subject) or prof.name) if prof.type == "GPE" else prof.name
        span = next(((a, b) for a, b in prof.spans if a <= subject.idx < b), None)
        return Resolution((name,), "pronoun", span, SURENESS["pronoun"])

    def _document_maker(self, subject: Token) -> Resolution:
        """Whose the document just named as the subject is ("the statement said … It said")."""
        return maker(self, subject, subject.idx, None) if is_document(subject) else NOBODY

    def _agrees(self, name: str, kind: str, gender: str | None) -> float:
        """How well a referent fits a pronoun of ``kind`` and ``gender`` (0: it cannot)."""
        prof = self.profiles.get(name)
        if prof is None:
            return 0.0
        if kind == "person":
            if prof.type != "PERSON":
                return 0.0
            if gender is None or prof.gender == gender:
                return 1.0
            return 0.0 if prof.gender else UNKNOWN_GENDER_FIT
        if kind in ("group", "org"):
            return 1.0 if prof.type in ("ORG", "GPE") else 0.0
        return 0.0

    def _name_beside(self, mention: SpacySpan) -> Resolution:
        """ "Vatican spokesman the Rev. Federico Lombardi told …": the parser made the role and
        the name two subjects of one verb; the name right after the role says who it is."""
        root = mention.root
        name = next((c for c in root.head.children if c.dep_ == "nsubj" and c.i > root.i), None) \
            if root.dep_ == "nsubj" else None
        if name is None or getattr(self.profile_of(name), "type", None) != "PERSON":
            return NOBODY
        between = mention.doc[mention.end: name.left_edge.i]
        if any(not (t.lower_ == "the" or (t.is_title and t.text.endswith("."))) for t in between):
            return NOBODY
        found = self._named(name)
        return as_found(found, "apposition") if found else NOBODY

    def _descriptor(self, mention: SpacySpan, at: int, content: tuple[int, int] | None) -> Resolution:
        """The person the article gave this role (and these words) before ``at``. A plural
        ("the lawyers") is a group and an indefinite ("a Democratic senator") someone new: no
        one the article named; a generic role ("the host") needs a person given that role."""
        if mention.root.tag_ in ("NNS", "NNPS") or mention[0].lower_ in INDEFINITES:
            return NOBODY
        specific, generic = roles_in(mention)
        countries = {c for t in mention if (c := self.country_of(t))}
        said = descriptive_words(mention) - specific - generic
        people = [p for p in self.profiles.values() if p.type == "PERSON" and p.first_at < at]
        fits = {p.name for p in people
                if (not countries or countries & p.countries)
                and (specific & p.roles or (not specific and (generic & p.roles or countries)))
                and said <= p.words}
        title = descriptor_title(mention)
        if not fits:
            return self._just_named(mention, countries, specific | generic, title)
        if len(fits) == 1:
            (name,) = fits
            return Resolution((name,), "descriptor", self._naming_span(self.profiles[name], at),
                              SURENESS["descriptor"], title)
        choice = self.index.choose(at, lambda name: 1.0 if name in fits else 0.0,
                                   skip=lambda m: content is not None and content[0] <= m.start < content[1])
        if choice is None:
            return NOBODY
        return Resolution((choice.referent,), "descriptor", (choice.mention.start, choice.mention.end),
                          SURENESS["descriptor"] - 0.1, title)

    def _just_named(self, mention: SpacySpan, countries: set[str], roles: set[str], title: str) -> Resolution:
        """A definite description right after the one person its sentence, or the sentence
        before, has as subject: the writer's variation on that person ("Mike Pence says …
        The Republican vice presidential nominee was speaking …"), unless what the article
        says of them contradicts it (another role, party, country or gender)."""
        named = self._subject_just_before(mention) if mention[0].lower_ == "the" else None
        if named is None:
            return NOBODY
        name = named.referent
        prof = self.profiles[name]
        gender = lexicon.gender_words().get(mention.root.lower_)
        words = descriptive_words(mention)
        parties = {lexicon.parties()[w] for w in words | {mention.root.lower_} if w in lexicon.parties()}
        theirs = {lexicon.parties()[w] for w in prof.words if w in lexicon.parties()}
        # a name in the description ("the FBI director") must be one the article gave them
        names = {t.lower_ for t in mention if t.pos_ == "PROPN" and t.lower_ in words
                 and t.ent_type_ not in ("GPE", "LOC", "NORP") and not self.country_of(t)} - set(lexicon.parties())
        if (gender and prof.gender and gender != prof.gender) or (parties and theirs and not parties & theirs) \
                or (countries and prof.countries and not countries & prof.countries) or not names <= prof.words \
                or (roles and prof.roles and not roles & prof.roles):
            return NOBODY
        return Resolution((name,), "descriptor", (named.start, named.end), SURENESS["descriptor"] - 0.15, title)

    def _subject_just_before(self, mention: SpacySpan) -> Mention | None:
        """The one person that is the main subject of the mention's sentence before it, or of
        the sentence before (outside quotations: a quotation and its cue are one sentence, and
        a quotation that goes on alone belongs with the sentence before it)."""
        starts = self.index.sentence_starts
        back = max(0, self.index.sentence_of(mention.start_char) - 1)
        if back > 0 and self._a_quotation(starts[back], starts[back + 1]):
            back -= 1
        floor = starts[back] if starts else 0
        subjects = {m.referent: m for m in self.index.between(floor, mention.start_char)
                    if not m.quoted and self.profiles[m.referent].type == "PERSON" and self._main_subject(m)}
        return next(iter(subjects.values())) if len(subjects) == 1 else None

    def _main_subject(self, mention: Mention) -> bool:
        """Whether a mention is the subject of its sentence's main verb, or one of several
        joined as that subject ("Keller and Weber met")."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        root = span.root if span is not None else None
        while root is not None and root.dep_ == "conj" and root.head is not root:
            root = root.head
        return root is not None and root.dep_ in SUBJECT_DEPS and root.head.dep_ == "ROOT"
