"""Stacked bar charts drawn on the server as SVG: the geometry is computed here and drawn by
the template authority_chart.html (autoescaped like every page; no script, no library, no
inline style, so the pages' Content-Security-Policy holds). Each chart has a title, a
description and the same numbers as a table for those who do not see it."""
from __future__ import annotations

import dataclasses
import math

BAR = 18  # a bar's thickness, px
GAP = 10
LABEL = 150  # room for the category labels of a horizontal chart
PLOT = 420  # the length of the value axis
LEGEND = 28


@dataclasses.dataclass(frozen=True)
class Series:
    key: str
    name: str
    fill: str


@dataclasses.dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    tip: str  # shown on hover and read by screen readers inside the SVG


@dataclasses.dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclasses.dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    width: int
    height: int
    rects: list[Rect]
    labels: list[Label]
    grid: list[tuple[float, float, float, float]]  # x1, y1, x2, y2 of tick lines
    legend: list[tuple[float, Series]]  # x of each legend entry, its series
    legend_y: float
    series: list[Series]
    rows: list[tuple[str, list[int], int]]  # the table: category, value per series, total


def nice_step(top: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5 × 10^n) that divides 0..top into about `ticks` parts."""
    if top <= ticks:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def stacked(chart_id: str, title: str, desc: str, categories: list[str], series: list[Series],
            values: dict[str, dict[str, int]], vertical: bool = False) -> Chart:
    """Bars per category, one segment per series stacked; horizontal (categories down the
    left) unless `vertical` (categories along the bottom, e.g. days)."""
    rows = [(c, [values.get(c, {}).get(s.key, 0) for s in series]) for c in categories]
    top = max([sum(v) for _, v in rows] + [1])
    step = nice_step(top)
    top = math.ceil(top / step) * step
    scale = PLOT / top
    rects, labels, grid = [], [], []
    if vertical:
        band = 46  # room for a day label like 12-07 under each column
        left, bottom = 44, 20 + PLOT * 0.6
        height_of = PLOT * 0.6 / top
        width = int(left + band * len(rows) + GAP)
        for tick in range(0, top + 1, step):
            y = bottom - tick * height_of
            grid.append((left, y, width - GAP, y))
            labels.append(Label(left - 6, y + 4, str(tick), "end"))
        for i, (category, counts) in enumerate(rows):
            x, y = left + GAP / 2 + i * band, bottom
            for s, count in zip(series, counts):
                if count:
                    h = count * height_of
                    y -= h
                    rects.append(Rect(x, y, band - GAP, h, s.fill, f"{category} {s.name}: {count}"))
            labels.append(Label(x + (band - GAP) / 2, bottom + 16, category, "middle"))
        legend_y = bottom + 40
    else:
        width = LABEL + PLOT + 50
        bottom = GAP + len(rows) * (BAR + GAP)
        for tick in range(0, top + 1, step):
            x = LABEL + tick * scale
            grid.append((x, GAP / 2, x, bottom))
            labels.append(Label(x, bottom + 14, str(tick), "middle"))
        for i, (category, counts) in enumerate(rows):
            x, y = LABEL, GAP + i * (BAR + GAP)
            labels.append(Label(LABEL - 8, y + BAR * 0.7, category, "end"))
            for s, count in zip(series, counts):
                if count:
                    rects.append(Rect(x, y, count * scale, BAR, s.fill, f"{category} {s.name}: {count}"))
                    x += count * scale
            labels.append(Label(x + 4, y + BAR * 0.7, str(sum(counts))))
        legend_y = bottom + 38
    legend, x = [], 10.0
    for s in series:
        legend.append((x, s))
        x += 26 + 14 * len(s.name)  # wide enough for CJK names too
    height = int(legend_y + LEGEND)
    return Chart(chart_id, title, desc, max(width, int(x)), height, rects, labels, grid, legend,
                 legend_y, series, [(c, v, sum(v)) for c, v in rows])
