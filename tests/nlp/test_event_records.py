"""Event reports as records (``nlp/event_records.py``): what adds nothing to another report goes."""
from __future__ import annotations

from onrecord.nlp.event_records import Found, merge


def test_a_report_that_adds_nothing_goes_and_one_that_says_more_stays():
    text = "Moscow"
    wide = Found("meeting", None, (0, 1), 0, ("Ana Ruiz", "Tom Keller"), [(0, 6)], None, "held")
    narrow = Found("meeting", None, (0, 1), 1, ("Ana Ruiz",), [], None, "held")
    other = Found("meeting", None, (0, 1), 2, ("Lena Okafor",), [], None, "held")
    assert merge([wide, narrow, other], text) == [wide, other]


def test_merging_many_reports_is_not_pairwise():
    # 20,000 meetings in as many places: comparing each report with every other would take
    # minutes; bucketing them by what they say takes a pass
    names = [f"Town{n}" for n in range(20_000)]
    text = " ".join(names)
    found, at = [], 0
    for name in names:
        found.append(Found("meeting", None, (at, at + 1), 0, ("Ana Ruiz", "Tom Keller"),
                            [(at, at + len(name))], None, "held"))
        at += len(name) + 1
    repeat = Found("meeting", None, (0, 1), 1, ("Ana Ruiz",), [(0, len(names[0]))], None, "held")
    assert merge(found + [repeat], text) == found          # the repeat adds nothing to the first
