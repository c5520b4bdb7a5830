"""The fused tagging component gives exactly what spaCy's attribute ruler + lemmatizer give."""
from __future__ import annotations

import pytest

from onrecord.nlp import tagging
from onrecord.nlp.model_loader import load_model

SENTENCES = [
    "The minister said that the talks were useful, but Moscow denied it.",
    "There is no deal yet, and there were doubts.",
    "I'm gonna tell you what I told them: we gotta act now.",
    "Let's go, y'all. C'mon, it ain't over.",
    "He got what he wanted; she gets nothing. I did my homework and they have had enough.",
    "Whether or not that happens, those who know it say this is the one.",
    "Prices rose 3.5% to $2.1 billion in 2021 , officials said .",
    "“We will not back down,” Macron told reporters in  Moscow.\n\nBut nobody else spoke.",
    "It was seen by him as a mistake; I saw it, you saw it and they saw us.",
    "Running, running, ran: the runners' best runs were better than the worst.",
]
COMPARED = ("pos_", "tag_", "lemma_", "dep_", "norm_")


@pytest.fixture(scope="module")
def stock():
    return load_model(fused=False)


def _annotations(doc):
    return [(t.text, *(getattr(t, a) for a in COMPARED), str(t.morph)) for t in doc]


def test_the_analyser_runs_the_fused_component(nlp):
    assert tagging.FACTORY in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index(tagging.FACTORY) == nlp.pipe_names.index("parser") + 1


@pytest.mark.parametrize("text", SENTENCES)
def test_same_pos_morph_and_lemma_as_the_stock_pipes(nlp, stock, text):
    assert _annotations(nlp(text)) == _annotations(stock(text))


def test_known_values_come_out(nlp):
    doc = nlp("I'm gonna say there is a problem with  them.")
    by_text = {t.text: t for t in doc}
    assert by_text["gon"].lemma_ == "go" and by_text["na"].lemma_ == "to"     # two-token patterns
    assert by_text["is"].pos_ == "VERB"                                          # after "there"
    assert by_text["I"].morph.get("Case") == ["Nom"]                            # a DEP pattern
    assert by_text["say"].lemma_ == "say" and by_text["problem"].pos_ == "NOUN"
    space = next(t for t in doc if t.is_space)
    assert (space.pos_, space.tag_) == ("SPACE", "_SP")


def test_same_results_twice_so_the_caches_do_not_change_anything(nlp, stock):
    first = [_annotations(d) for d in nlp.pipe(SENTENCES)]
    again = [_annotations(d) for d in nlp.pipe(reversed(SENTENCES))][::-1]
    assert first == again == [_annotations(d) for d in stock.pipe(SENTENCES)]


def test_a_later_pattern_wins_and_other_pattern_forms_are_honoured():
    def extended(fused: bool):
        nlp = load_model(fused=False)
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "ferry"}]], {"POS": "PROPN", "LEMMA": "FERRY"})
        ruler.add([[{"LOWER": {"REGEX": "^fer+y$"}, "TAG": {"NOT_IN": ["VB"]}}]], {"POS": "X"})
        ruler.add([[{"LOWER": "the"}, {"LOWER": "ferry"}]], {"MORPH": "Definite=Def"}, index=-1)
        ruler.add([[{"LOWER": "ferry", "OP": "?"}, {"LOWER": "runs"}]], {"LEMMA": "sail"}, index=-1)
        if fused:
            assert tagging.fuse(nlp)
        return nlp

    text = "The ferry runs daily; ferrry runs too."
    fused, stock = extended(True)(text), extended(False)(text)
    assert _annotations(fused) == _annotations(stock)
    assert (fused[1].pos_, fused[1].lemma_, str(fused[1].morph)) == ("X", "FERRY", "Definite=Def")
    assert fused[2].lemma_ == "sail" and fused[6].lemma_ == "sail"


def test_fuse_leaves_a_pipeline_it_cannot_reproduce_alone():
    nlp = load_model(fused=False)
    nlp.remove_pipe("lemmatizer")
    names = list(nlp.pipe_names)
    assert not tagging.fuse(nlp)
    assert nlp.pipe_names == names
