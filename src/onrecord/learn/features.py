"""Features of a statement candidate, read off its parse: what a trained rescorer weighs."""
from __future__ import annotations

from ..nlp import lexicon
from ..nlp.statements import Candidate, Parse


def _bucket(n: int) -> str:
    for limit in (2, 5, 10, 20, 40):
        if n <= limit:
            return f"<={limit}"
    return ">40"


def features(c: Candidate, p: Parse) -> dict[str, float]:
    """Sparse binary features of one candidate (names are stable strings)."""
    f = {"rule=" + c.rule: 1.0, "kind=" + c.kind: 1.0}
    content = p.tokens(c.start, c.end)
    f["len" + _bucket(len(content))] = 1.0
    f["parts=" + str(min(len(c.parts), 3))] = 1.0
    if content:
        f["first_pos=" + content[0].pos_] = 1.0
        f["has_verb"] = float(any(t.pos_ in ("VERB", "AUX") for t in content))
        f["starts_sentence"] = float(content[0].is_sent_start or False)
    if c.cue is not None:
        lemma = c.cue.lemma_.lower()
        entry = lexicon.cues().get(lemma)
        f["lemma=" + lemma] = 1.0
        f["lemma_rule=" + lemma + "|" + c.rule] = 1.0
        f["cue_act=" + (entry.act if entry else "unlisted")] = 1.0
        f["cue_tag=" + c.cue.tag_] = 1.0
        f["cue_dep=" + c.cue.dep_] = 1.0
        f["cue_after"] = float(c.cue.idx >= c.end)
        f["cue_negated"] = float(any(k.dep_ == "neg" for k in c.cue.children))
        f["cue_modal"] = float(any(k.tag_ == "MD" for k in c.cue.children))
    f.update(_speaker_features(c))
    return f


def _speaker_features(c: Candidate) -> dict[str, float]:
    if c.subject is None:
        return {"speaker=none": 1.0}
    head = c.subject.root
    out = {"speaker_pos=" + head.pos_: 1.0, "speaker_ent=" + (head.ent_type_ or "none"): 1.0}
    if head.lower_ in lexicon.pronouns():
        out["speaker_pronoun=" + head.lower_] = 1.0
    if head.lower_ in lexicon.roles()[0]:
        out["speaker_role"] = 1.0
    out["speaker_len" + _bucket(len(c.subject))] = 1.0
    return out
