import json
from pathlib import Path

import pytest

from onrecord.nlp.amounts import find_amounts
from onrecord.nlp.dates import find_dates

EXAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "macron-putin-2022-02-07.txt"


def amounts(nlp, sentence):
    """Amounts as the pipeline finds them: the dates' spans are skipped."""
    doc = nlp(sentence)
    found = find_amounts(doc, [(d.start, d.end) for d in find_dates(doc, "2022-02-07")])
    for a in found:
        assert doc.text[a.start:a.end] == a.text
        assert a.statement is None
    return [(a.text, a.value, a.low, a.high, a.unit, a.qualifier) for a in found]


@pytest.mark.parametrize("sentence, expected", [
    # text, value, low, high, unit, qualifier
    ('It had concentrated "100,000—125,000 troops in the southeast."',
     ("100,000—125,000 troops", None, 100000, 125000, "troops", None)),
    ("Russia has deployed more than 100,000 troops near the border.",
     ("more than 100,000 troops", 100000, 100000, None, "troops", "more than")),
    ("The conversation lasted almost six hours.",
     ("almost six hours", 6, None, 6, "hours", "almost")),
    ("Between 10 and 20 people died.", ("Between 10 and 20 people", None, 10, 20, "people", "between")),
    ("Delivery takes 5-7 days.", ("5-7 days", None, 5, 7, "days", None)),
    ("They fired 10 to 12 rockets.", ("10 to 12 rockets", None, 10, 12, "rockets", None)),
    ("It costs 5 to 7 million euros.", ("5 to 7 million euros", None, 5e6, 7e6, "EUR", None)),
    ("Some 300 people gathered.", ("Some 300 people", 300, None, None, "people", "some")),
    ("About 2,000 residents fled.", ("About 2,000 residents", 2000, None, None, "residents", "about")),
    ("Up to 40 buses were sent.", ("Up to 40 buses", 40, None, 40, "buses", "up to")),
    ("Fewer than ten tanks moved.", ("Fewer than ten tanks", 10, None, 10, "tanks", "fewer than")),
    ("At least 1.5 million people voted.",
     ("At least 1.5 million people", 1.5e6, 1.5e6, None, "people", "at least")),
    ("Two dozen residents were evacuated.", ("Two dozen residents", 24, 24, 24, "residents", None)),
    ("Two hundred and fifty thousand people marched.",
     ("Two hundred and fifty thousand people", 250000, 250000, 250000, "people", None)),
    ("Nearly 40k refugees arrived.", ("Nearly 40k refugees", 40000, None, 40000, "refugees", "nearly")),
    ("The fund raised $2.5bn last year.", ("$2.5bn", 2.5e9, 2.5e9, 2.5e9, "USD", None)),
    ("More than €5m was spent.", ("More than €5m", 5e6, 5e6, None, "EUR", "more than")),
    ("They approved a $5 million aid package.", ("$5 million", 5e6, 5e6, 5e6, "USD", None)),
    ("The ticket cost £300.", ("£300", 300, 300, 300, "GBP", None)),
    ("They pledged 3 million dollars.", ("3 million dollars", 3e6, 3e6, 3e6, "USD", None)),
    ("Inflation hit 40% in March.", ("40%", 40, 40, 40, "percent", None)),
    ("Turnout was 12 percent.", ("12 percent", 12, 12, 12, "percent", None)),
    ("Prices rose 40-50% this year.", ("40-50%", None, 40, 50, "percent", None)),
    ("100 Americans were evacuated.", ("100 Americans", 100, 100, 100, "Americans", None)),
    ("Only one person survived.", ("one person", 1, 1, 1, "person", None)),
])
def test_amount(nlp, sentence, expected):
    assert expected in amounts(nlp, sentence)


@pytest.mark.parametrize("sentence", [
    "They met in Moscow on February 7.",            # a date
    "The leaders last met two years ago.",          # a date, not two years
    "The law was passed in 2016.",                  # a year
    "The meeting starts at 10:30 a.m.",              # clock times
    "The meeting starts at 10 a.m.",
    "The 5th Article has not been cancelled.",      # ordinals
    "There is a second part of this question.",
    "The only way is a political one.",             # "one" as a pronoun
    "Russia is one of the leading nuclear states.",
    "Article 5 applies.",                            # numbers in names
    "Windows 10 was released.",
    "The team won 3-1.",                             # a score is no range
    "The G7 and COVID-19 were discussed.",
    "The shop is open 24/7.",
])
def test_not_an_amount(nlp, sentence):
    assert amounts(nlp, sentence) == []


def test_skip_ranges_hide_numbers(nlp):
    doc = nlp("The conversation lasted almost six hours.")
    start = doc.text.index("six")
    assert find_amounts(doc, [(start, start + 3)]) == []
    assert len(find_amounts(doc)) == 1


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared examples not available")
def test_founding_example(nlp):
    found = amounts(nlp, EXAMPLE.read_text(encoding="utf-8"))
    assert ("100,000—125,000 troops", None, 100000, 125000, "troops", None) in found
    assert ("more than 100,000 troops", 100000, 100000, None, "troops", "more than") in found
    assert ("almost six hours", 6, None, 6, "hours", "almost") in found
    assert not any("years" in a[0] or a[0] in ("5", "one") for a in found)


HUGE = "1" + "0" * 400              # too long for a float: it parses to inf


@pytest.mark.parametrize("sentence", [
    f"The debt reached {HUGE} dollars.",
    f"More than {HUGE} troops were counted.",
    f"They counted {'9' * 300} billion stars.",   # finite digits, overflowed by the scale
])
def test_a_number_too_large_for_a_float_is_no_amount(nlp, sentence):
    assert amounts(nlp, sentence) == []


def test_a_range_keeps_its_finite_end(nlp):
    (found,) = amounts(nlp, f"Between 5 and {HUGE} people died.")
    assert found == (f"Between 5 and {HUGE} people", None, 5, None, "people", "between")
    json.dumps(found, allow_nan=False)          # no Infinity in the output
