"""Geometry for the inline SVG charts (templates draw them; no JavaScript needed).

``timeline`` places each forecast of a question at (date said, probability);
``calibration`` places each bin of a score card at (mean forecast, share that came
true), with its count. Both return plain numbers; the templates escape every label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

EXPERT_COLOURS = 8  # classes ex-0 .. ex-7 in style.css


@dataclass
class Tick:
    pos: float
    label: str


@dataclass
class Point:
    x: float
    y: float
    css: str
    label: str  # read on hover and by screen readers
    href: str | None = None
    r: float = 5.0
    count: int | None = None


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass
class Rule:
    """A line across the plot with a label: consensus, deadline, resolution."""

    x1: float
    y1: float
    x2: float
    y2: float
    css: str
    label: str
    lx: float
    ly: float
    anchor: str = "start"


@dataclass
class Chart:
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)  # calibration: count per bin
    bars_label_y: float = 0
    x_label: str = ""
    y_label: str = ""
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css, name)
    lines: list[tuple[str, str]] = field(default_factory=list)  # (css, what a rule means)


def _months_between(start: dt.date, end: dt.date, most: int = 6) -> list[dt.date]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = max(1, -(-len(months) // most))
    return [m for m in months[::step] if start <= m <= end]


def timeline(
    forecasts: Sequence,
    window_end: dt.date | None,
    consensus: float | None,
    resolved_on: dt.date | None = None,
    outcome: str | None = None,
    today: dt.date | None = None,
) -> Chart | None:
    """Each forecast at (published, probability of yes), one colour per expert."""
    dated = [f for f in forecasts if f.published]
    if not dated:
        return None
    chart = Chart(860, 320, 60, 24, 24, 48, x_label="date said", y_label="chance of yes")
    days = [f.published for f in dated]
    for extra in (window_end, resolved_on):
        if extra:
            days.append(extra)
    lo, hi = min(days), max(days)
    pad = max(7, (hi - lo).days // 20)
    lo, hi = lo - dt.timedelta(days=pad), hi + dt.timedelta(days=pad)
    plot_w = chart.width - chart.left - chart.right
    plot_h = chart.height - chart.top - chart.bottom

    def x(day: dt.date) -> float:
        return round(chart.left + plot_w * (day - lo).days / max(1, (hi - lo).days), 1)

    def y(p: float) -> float:
        return round(chart.top + plot_h * (1 - p), 1)

    chart.y_ticks = [Tick(y(p), f"{round(p * 100)}%") for p in (0, 0.25, 0.5, 0.75, 1)]
    chart.x_ticks = [Tick(x(m), m.strftime("%b %Y")) for m in _months_between(lo, hi)]
    experts: dict[str, str] = {}
    for f in dated:
        css = experts.setdefault(f.expert, f"ex-{len(experts) % EXPERT_COLOURS}")
        label = f"{f.expert}: {round(f.probability * 100)}% on {f.published.isoformat()}"
        chart.points.append(
            Point(
                x(f.published),
                y(f.probability),
                css,
                label,
                href=f"/articles/{f.article_id}#fc-{f.forecast_local_id}",
            )
        )
    chart.legend = [(css, name) for name, css in experts.items()]
    if consensus is not None:
        cy = y(consensus)
        # Labelled in the key under the chart: a label on the line would cross marks.
        chart.rules.append(
            Rule(chart.left, cy, chart.width - chart.right, cy, "consensus", "", 0, 0)
        )
        chart.lines.append(("consensus", f"consensus {round(consensus * 100)}%"))
    bottom = chart.height - chart.bottom
    if window_end:
        wx = x(window_end)
        chart.rules.append(
            Rule(
                wx, chart.top, wx, bottom, "deadline", "window ends", wx - 4, chart.top + 12, "end"
            )
        )
    if resolved_on:
        rx = x(resolved_on)
        near_right = rx > chart.width * 0.75
        chart.rules.append(
            Rule(
                rx,
                chart.top,
                rx,
                bottom,
                "resolved",
                f"resolved {outcome or ''}".strip(),
                rx - 4 if near_right else rx + 4,
                chart.top + 28,
                "end" if near_right else "start",
            )
        )
    if today and lo <= today <= hi:
        tx = x(today)
        right = tx > chart.width * 0.75
        chart.rules.append(
            Rule(
                tx, chart.top, tx, bottom, "today", "today",
                tx - 4 if right else tx + 4, bottom - 6, "end" if right else "start",
            )
        )  # fmt: skip
    return chart


def calibration(bins: Sequence) -> Chart | None:
    """Bins of a score card: a point at (mean forecast, observed), sized by its count."""
    filled = [b for b in bins if b.count]
    if not filled:
        return None
    chart = Chart(
        420,
        470,
        56,
        16,
        16,
        126,
        x_label="forecast probability (mean in bin)",
        y_label="share that came true",
    )
    plot = chart.width - chart.left - chart.right
    plot_h = chart.height - chart.top - chart.bottom

    def x(p: float) -> float:
        return round(chart.left + plot * p, 1)

    def y(p: float) -> float:
        return round(chart.top + plot_h * (1 - p), 1)

    ticks = (0, 0.2, 0.4, 0.6, 0.8, 1)
    chart.x_ticks = [Tick(x(p), f"{round(p * 100)}%") for p in ticks]
    chart.y_ticks = [Tick(y(p), f"{round(p * 100)}%") for p in ticks]
    chart.rules.append(
        Rule(x(0), y(0), x(1), y(1), "diagonal", "perfect calibration", x(0.02), y(0.94))
    )
    most = max(b.count for b in filled)
    for b in filled:
        label = (
            f"{round(b.low * 100)}–{round(b.high * 100)}%: {b.count} forecast"
            f"{'' if b.count == 1 else 's'}, mean {round(b.mean_probability * 100)}%, "
            f"{round(b.observed * 100)}% came true"
        )
        r = round(4 + 6 * (b.count / most) ** 0.5, 1)
        chart.points.append(
            Point(x(b.mean_probability), y(b.observed), "bin", label, r=r, count=b.count)
        )
    # Count per bin, as bars under the axis labels.
    base = chart.height - 30
    chart.bars_label_y = base + 15
    width = plot / len(bins)
    for b in bins:
        h = round(36 * b.count / most, 1) if b.count else 0
        chart.bars.append(
            Bar(round(x(b.low) + 3, 1), base - h, round(width - 6, 1), h, str(b.count))
        )
    return chart
