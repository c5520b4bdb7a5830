"""A speaker's statements over time as bar-chart geometry, for an SVG drawn by the template.

Server-side SVG needs no script and no inline style (the CSP allows neither): the template
writes ``<rect>``/``<text>`` elements with these numbers, colours come from the stylesheet.
Months without statements are drawn as gaps; long spans are counted by year instead.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onrecord.store.rows import PeriodCount

WIDTH, HEIGHT = 720, 200
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 30
MAX_MONTHS = 36          # beyond this, one bar per year
MIN_MONTHS = 6
MAX_LABELS = 12
MAX_BAR = 56             # px: a few periods get slim bars, not slabs across the chart
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month(period: str) -> tuple[int, int] | None:
    try:
        year, month = int(period[:4]), int(period[5:7])
    except (TypeError, ValueError):
        return None
    return (year, month) if len(period) == 7 and 1 <= month <= 12 else None


def buckets(timeline: Sequence[PeriodCount]) -> list[tuple[str, int]]:
    """(label, count) for every month (or year) from the first to the last, gaps as 0."""
    counts: dict[tuple[int, int], int] = {}
    for row in timeline:
        ym = _month(str(row.get("period") or ""))
        if ym is not None:
            counts[ym] = counts.get(ym, 0) + int(row.get("statements") or 0)
    if not counts:
        return []
    (y0, m0), (y1, m1) = min(counts), max(counts)
    if (y1 - y0) * 12 + m1 - m0 + 1 > MAX_MONTHS:
        years: dict[int, int] = {}
        for (year, _), n in counts.items():
            years[year] = years.get(year, 0) + n
        return [(str(y), years.get(y, 0)) for y in range(y0, y1 + 1)]
    last = y1 * 12 + m1 - 1
    first = min(y0 * 12 + m0 - 1, last - (MIN_MONTHS - 1))   # a lone month still gets context
    out = []
    for k in range(first, last + 1):
        year, month = divmod(k, 12)
        out.append((f"{MONTHS[month]} {year}", counts.get((year, month + 1), 0)))
    return out


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10^k at or above ``value`` (an axis top)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def timeline_chart(timeline: Sequence[PeriodCount]) -> dict[str, Any] | None:
    """Geometry of the bar chart, or None when no statement is dated."""
    data = buckets(timeline)
    if not data:
        return None
    top = nice_ceiling(max(n for _, n in data))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(data)
    bars, labels = [], []
    every = math.ceil(len(data) / MAX_LABELS)
    for i, (label, n) in enumerate(data):
        h, w = plot_h * n / top, min(max(slot * 0.7, 1.0), MAX_BAR)
        bars.append({"x": round(LEFT + (i + 0.5) * slot - w / 2, 1), "y": round(TOP + plot_h - h, 1),
                     "w": round(w, 1), "h": round(h, 1), "label": label, "count": n})
        if i % every == 0:
            labels.append({"x": round(LEFT + (i + 0.5) * slot, 1), "text": label})
    ticks = [{"y": round(TOP + plot_h - plot_h * v / top, 1), "value": v}
             for v in ((0, top // 2, top) if top % 2 == 0 else (0, top))]   # whole numbers only
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
            "baseline": TOP + plot_h, "label_y": HEIGHT - 10, "bars": bars, "labels": labels,
            "ticks": ticks, "total": sum(n for _, n in data)}


__all__ = ["buckets", "nice_ceiling", "timeline_chart"]
