from pathlib import Path

import pytest

from onrecord.nlp.dates import find_dates

PUBLISHED = "2022-02-07"       # a Monday
EXAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "macron-putin-2022-02-07.txt"


def dates(nlp, sentence, published=PUBLISHED):
    doc = nlp(sentence)
    found = find_dates(doc, published)
    for d in found:
        assert doc.text[d.start:d.end] == d.text
    return [(d.text, d.value, d.resolution) for d in found]


@pytest.mark.parametrize("sentence, expected", [
    ("They met in Moscow on February 7.", ("February 7", "2022-02-07", "day")),
    ("On February 8, he is to meet Zelenskyy.", ("February 8", "2022-02-08", "day")),
    # "two years ago": dateparser reports a year period, so the value is the year
    ("The leaders last met two years ago.", ("two years ago", "2020", "year")),
    # year-less month: the nearer one, last September rather than next
    ("They have talked since mid-September.", ("mid-September", "2021-09", "month")),
    ("The deal was signed on 7 February 2022.", ("7 February 2022", "2022-02-07", "day")),
    ("The report is dated 2022-02-05.", ("2022-02-05", "2022-02-05", "day")),
    ("Prices rose in February 2021.", ("February 2021", "2021-02", "month")),
    ("The law was passed in 2016.", ("2016", "2016", "year")),
    ("The talks took place on Monday.", ("Monday", "2022-02-07", "day")),
    ("He arrived yesterday.", ("yesterday", "2022-02-06", "day")),
    ("Sales fell last year.", ("last year", "2021", "year")),
    ("They spoke last month.", ("last month", "2022-01", "month")),
    ("Protests began in early 2021.", ("early 2021", "2021", "year")),
    # counted from an event in the story, not from publication: a date, but unplaced
    ("Two days later, he resigned.", ("Two days later", None, None)),
    ("The style was born in the 1990s.", ("the 1990s", None, None)),
])
def test_resolves_against_publication(nlp, sentence, expected):
    assert expected in dates(nlp, sentence)


@pytest.mark.parametrize("sentence, expected", [
    ("The deal was signed on 7 February 2022.", ("7 February 2022", "2022-02-07", "day")),
    ("The report is dated 2022-02-05.", ("2022-02-05", "2022-02-05", "day")),
    ("The law was passed in 2016.", ("2016", "2016", "year")),
    ("They met in Moscow on February 7.", ("February 7", None, None)),
    ("The leaders last met two years ago.", ("two years ago", None, None)),
    ("The talks took place on Monday.", ("Monday", None, None)),
])
def test_without_publication_only_absolute_dates_resolve(nlp, sentence, expected):
    assert expected in dates(nlp, sentence, published=None)


@pytest.mark.parametrize("sentence", [
    "The conversation lasted almost six hours.",
    "He ruled for six years.",
    "The next few days would be decisive.",
    "Delivery takes 5-7 days.",
    "The meeting starts at 10:30 a.m.",
    "Between 10 and 20 people died.",
])
def test_durations_clock_times_and_bare_numbers_are_not_dates(nlp, sentence):
    assert dates(nlp, sentence) == []


def test_published_datetime_with_offset(nlp):
    assert dates(nlp, "They met on February 7.", "2022-02-07T22:30:00+03:00") == [
        ("February 7", "2022-02-07", "day")]


def test_unreadable_published_counts_as_missing(nlp):
    assert dates(nlp, "They met on February 7.", "last Tuesday") == [("February 7", None, None)]


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared examples not available")
def test_founding_example(nlp):
    found = dates(nlp, EXAMPLE.read_text(encoding="utf-8"))
    assert ("February 7", "2022-02-07", "day") in found
    assert ("February 8", "2022-02-08", "day") in found
    assert ("two years ago", "2020", "year") in found
    assert not any("hours" in text for text, _, _ in found)
