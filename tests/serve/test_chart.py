"""The timeline chart's geometry and the helpers of the pages (links, query strings)."""
from __future__ import annotations

import pytest

from onrecord.serve.chart import HEIGHT, MAX_BAR, buckets, nice_ceiling, timeline_chart
from onrecord.serve.security import safe_url
from onrecord.serve.formatting import query_string


def test_months_are_continuous_with_gaps_as_zero():
    got = buckets([{"period": "2024-01", "statements": 2}, {"period": "2024-09", "statements": 5}])
    assert got[0] == ("Jan 2024", 2) and got[-1] == ("Sep 2024", 5)
    assert len(got) == 9 and sum(n for _, n in got) == 7


def test_a_lone_month_gets_context_and_long_spans_count_by_year():
    assert [label for label, _ in buckets([{"period": "2022-02", "statements": 1}])] == [
        "Sep 2021", "Oct 2021", "Nov 2021", "Dec 2021", "Jan 2022", "Feb 2022"]
    years = buckets([{"period": "2015-05", "statements": 1}, {"period": "2024-01", "statements": 3},
                     {"period": "2024-02", "statements": 1}])
    assert years[0] == ("2015", 1) and years[-1] == ("2024", 4) and len(years) == 10


@pytest.mark.parametrize("period", [None, "", "2024", "2024-13", "abcd-ef", "2024-01-05"])
def test_malformed_periods_are_skipped(period):
    assert buckets([{"period": period, "statements": 3}]) == []
    assert timeline_chart([{"period": period, "statements": 3}]) is None


@pytest.mark.parametrize("value, top", [(0, 1), (1, 1), (3, 5), (7, 10), (17, 20), (101, 200), (500, 500)])
def test_axis_tops(value, top):
    assert nice_ceiling(value) == top


def test_bars_fit_the_chart_and_scale_with_counts():
    chart = timeline_chart([{"period": f"2024-{m:02d}", "statements": m} for m in range(1, 13)])
    assert chart["total"] == 78 and len(chart["bars"]) == 12
    for bar in chart["bars"]:
        assert 0 <= bar["y"] <= chart["baseline"] <= HEIGHT and 0 < bar["w"] <= MAX_BAR
        assert bar["x"] >= chart["left"] and bar["x"] + bar["w"] <= chart["right"]
        assert abs(bar["y"] + bar["h"] - chart["baseline"]) < 0.2
    assert chart["bars"][-1]["h"] > chart["bars"][0]["h"]
    assert [t["value"] for t in chart["ticks"]] == [0, 10, 20]
    assert [t["value"] for t in timeline_chart([{"period": "2024-01", "statements": 4}])["ticks"]] == [0, 5]
    assert [t["value"] for t in timeline_chart([{"period": "2024-01", "statements": 1}])["ticks"]] == [0, 1]


@pytest.mark.parametrize("url, safe", [
    ("https://example.org/a?b=c", True),
    ("http://example.org", True),
    ("HTTPS://EXAMPLE.ORG/", True),
    ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("//evil.example/x", False),
    ("/etc/passwd", False),
    ("report.txt", False),
    ("https://", False),
    ("https://exa mple.org", False),
    ("https://example.org/a\x00b", False),
    ("https://example.org/a\u2028b", False),           # a line separator: whitespace too
    ("https://example.org/caf\u00e9", True),
    ("http://[::1", False),
    (None, False),
    ("", False),
])
def test_only_http_links_are_made(url, safe):
    assert (safe_url(url) is not None) is safe


def test_query_strings_drop_blanks_and_encode():
    assert query_string({"q": "a&b", "site": "", "kind": None}) == "?q=a%26b"
    assert query_string({"q": "x"}, cursor="c=1") == "?q=x&cursor=c%3D1"
    assert query_string({}) == ""
