"""Calibration charts: forecast probability against how often it came true.

``calibration_chart(cards, path)`` draws one line per score card (everyone, and
the best-covered experts), the diagonal of perfect calibration, and the number of
forecasts in each bin; the file type (PNG or SVG) follows the path's suffix.
matplotlib is imported only here, and only when a chart is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from augury.ledger.scoring import ScoreCard

FORMATS = (".png", ".svg")


class ChartError(RuntimeError):
    """A chart cannot be drawn (no matplotlib, a bad file name, nothing to draw)."""


def calibration_chart(cards: Sequence[ScoreCard], path: str | Path, title: str = "") -> Path:
    """Write a calibration chart of ``cards`` to ``path`` (.png or .svg); returns the path."""
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise ChartError(f"Cannot draw {target.name!r}: name a .png or .svg file.")
    if not any(card.resolved for card in cards):
        raise ChartError("No resolved forecasts to chart yet; resolve some questions first.")
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display needed
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise ChartError("Charts need matplotlib: pip install matplotlib.") from error

    figure, axes = plt.subplots(figsize=(6.4, 6.4), dpi=110)
    try:
        axes.plot([0, 1], [0, 1], linestyle="--", color="#888888", label="perfect calibration")
        for card in cards:
            filled = [b for b in card.calibration if b.count]
            if not filled:
                continue
            xs = [b.mean_probability for b in filled]
            ys = [b.observed for b in filled]
            line = axes.plot(xs, ys, marker="o", label=f"{card.name} (n={card.resolved})")[0]
            for b in filled:
                axes.annotate(
                    str(b.count),
                    (b.mean_probability, b.observed),
                    textcoords="offset points",
                    xytext=(4, 4),
                    fontsize=7,
                    color=line.get_color(),
                )
        axes.set(
            xlim=(0, 1),
            ylim=(0, 1),
            xlabel="forecast probability (mean in bin)",
            ylabel="observed frequency (share resolved yes)",
            title=title or "Calibration of resolved forecasts",
        )
        axes.grid(alpha=0.3)
        axes.legend(loc="upper left", fontsize=8)
        figure.tight_layout()
        try:
            figure.savefig(target, format=target.suffix.lower().lstrip("."))
        except OSError as error:
            raise ChartError(f"Cannot write {str(target)!r}: {error.strerror}.") from error
    finally:
        plt.close(figure)
    return target
