"""Trees too deep or too long to walk are flattened; prose is left as parsed."""
from __future__ import annotations

from onrecord.nlp.trees import MAX_DEPTH, MAX_SENTENCE, shallow


def depth(tok) -> int:
    return sum(1 for _ in tok.ancestors)


def test_a_chain_of_words_hung_one_on_the_next_is_flattened(nlp):
    doc = nlp("said " * 600)
    assert max(depth(t) for t in doc) > MAX_DEPTH          # what the parser makes of it
    doc = shallow(doc)
    assert max(depth(t) for t in doc) <= 1
    assert sum(1 for _ in doc[0].subtree) == len(doc)      # one walk, no recursion


def test_a_sentence_longer_than_prose_is_cut_into_pieces(nlp):
    doc = shallow(nlp("word " * (MAX_SENTENCE + 500)))
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE


def test_prose_keeps_its_parse(nlp):
    text = "The minister said that taxes would rise. He added that costs would fall."
    before = [(t.dep_, t.head.i) for t in nlp(text)]
    assert [(t.dep_, t.head.i) for t in shallow(nlp(text))] == before
