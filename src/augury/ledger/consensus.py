"""Consensus and disagreement inside one question.

``consensus(probabilities)`` is the median forecast and its spread; ``sides`` puts
each forecast on the yes side (above 0.5), the no side (below) or even. A
question is *divided* when it has forecasts on both sides, or when the text says
so ("experts were divided on whether ..."). ``stance(text)`` reads the words
around a statement for agreement ("X echoed this view") or disagreement
("On the other hand, Y said"); the cue lists are in ``lexicon/ledger.json``.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from augury.ledger.propositions import lexicon

Stance = Literal["agrees", "disagrees", "divided"]
Side = Literal["yes", "no", "even"]


@dataclass(frozen=True)
class Consensus:
    """The median of the forecasts in a question, and how far apart they are."""

    median: float
    low: float
    high: float
    count: int

    @property
    def spread(self) -> float:
        return self.high - self.low

    def to_dict(self) -> dict[str, float | int]:
        return {
            "median": round(self.median, 4),
            "low": round(self.low, 4),
            "high": round(self.high, 4),
            "spread": round(self.spread, 4),
            "count": self.count,
        }


def consensus(probabilities: Sequence[float]) -> Consensus | None:
    """Median and range of the probabilities (each the chance the question resolves yes)."""
    if not probabilities:
        return None
    return Consensus(
        statistics.median(probabilities), min(probabilities), max(probabilities), len(probabilities)
    )


def side(probability: float) -> Side:
    """Which way a forecast leaves the question: yes above 0.5, no below."""
    return "yes" if probability > 0.5 else "no" if probability < 0.5 else "even"


def divided(probabilities: Sequence[float], stances: Sequence[str | None] = ()) -> bool:
    """Forecasts on both sides of 0.5, or a text that calls the experts divided."""
    sides = {side(p) for p in probabilities}
    return {"yes", "no"} <= sides or "divided" in stances


def _cue_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    words = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


_PATTERNS: dict[str, re.Pattern[str]] = {}


def stance(text: str) -> Stance | None:
    """Agreement cue in the words around a statement (without what was said), if any."""
    if not _PATTERNS:
        for name, phrases in lexicon().raw["stance"].items():
            _PATTERNS[name] = _cue_pattern(phrases)
    for name in ("divided", "disagrees", "agrees"):  # "disagreed on whether" is division
        if _PATTERNS[name].search(text):
            return name  # type: ignore[return-value]
    return None


def statement_context(text: str, start: int, end: int, reach: int = 300) -> str:
    """The sentence around ``text[start:end]`` with that span cut out: where cues live."""
    before = text[max(0, start - reach) : start]
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind(".\u201d"), -1)
    before = before[cut + 1 :] if cut >= 0 else before
    after = text[end : end + reach]
    stop = re.search(r"[.!?](?:[\"\u201d\u2019]?)(?:\s|$)|\n", after)
    return (before + " " + (after[: stop.start()] if stop else after)).strip()
