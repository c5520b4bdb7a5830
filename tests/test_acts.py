"""Reading a statement's act back from its cue words (records written before acts)."""
from __future__ import annotations

import pytest

from onrecord.acts import ACTS, DEFAULT_ACT, act_of_words
from onrecord.model import Article


@pytest.mark.parametrize("cue, act", [
    ("said", "speech"), ("told", "speech"), ("wrote", "speech"), ("praised", "speech"),
    ("did not intend", "thought"), ("believes", "thought"), ("worried", "thought"),
    ("planned", "thought"), ("shows", "evidence"), ("found", "evidence"),
    ("according to", DEFAULT_ACT), (":", DEFAULT_ACT), (None, DEFAULT_ACT),
])
def test_act_of_words(cue, act):
    assert act_of_words(cue) == act and act in ACTS


def test_an_old_record_gets_the_act_its_cue_implies():
    text = "Ruiz believes the harbour will reopen."
    old = {"schema": "onrecord/article@1", "id": "x", "text": text, "statements": [
        {"id": "s1", "kind": "indirect", "text": "the harbour will reopen", "start": 14, "end": 37,
         "cue": {"text": "believes", "start": 5, "end": 13}, "speaker": {"name": "Ruiz"}}]}
    (s,) = Article.from_dict(old).statements
    assert (s.act, s.negated) == ("thought", False)
