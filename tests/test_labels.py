"""The words every view uses for what a statement's source did."""
from __future__ import annotations

from onrecord.labels import act_label


def test_an_act_is_named_as_it_is_and_a_negation_says_so() -> None:
    assert [act_label(a) for a in ("speech", "thought", "evidence")] == ["speech", "thought", "evidence"]
    assert act_label("thought", True) == "negated thought"
    assert act_label(None) == act_label("") == "speech"          # a row without one: words given out
