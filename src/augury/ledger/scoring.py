"""Scores for resolved forecasts: Brier, log score, baseline score, calibration.

Each function takes pairs of (probability the question resolves yes, outcome)
with outcome 1 for yes and 0 for no; void questions never reach here.

- Brier score: mean of (p - o)^2; 0 is perfect, 0.25 is always saying 50%. The
  same number as scikit-learn's ``brier_score_loss``.
- Log score: mean of ln(p of what happened); 0 is perfect, higher is better, as
  Metaculus writes it. It is minus scikit-learn's ``log_loss``.
- Baseline score: Metaculus's score against a 50% forecast,
  ``100 * (log2(p of what happened) + 1)`` for a binary question: +100 for
  certainty on the right side, 0 for 50%, negative when worse than chance.
  Metaculus, "Scores FAQ: What is the Baseline score?"
  (https://www.metaculus.com/help/scores-faq/) and its code,
  ``scoring/score_math.py`` (``100 * log(pmf[outcome] * 2) / log(2)`` for binary
  questions). Metaculus averages it over the time a question is open, weighting
  each standing forecast by the time it stood; a forecast in the news is said
  once, so each is scored at the moment it was made, like Metaculus's *spot*
  baseline score (``evaluate_forecasts_baseline_spot_forecast``).
- Log and baseline scores clip p to [0.001, 0.999], the range Metaculus allows
  for binary forecasts, so that "certain" and wrong is a large finite penalty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

Outcome = int  # 1 = yes, 0 = no
CLIP = 0.001
BIN_COUNT = 10


def _clip(p: float) -> float:
    return min(max(p, CLIP), 1 - CLIP)


def _check(pairs: Sequence[tuple[float, Outcome]]) -> None:
    for p, o in pairs:
        if not 0.0 <= p <= 1.0 or o not in (0, 1):
            raise ValueError(f"a forecast needs 0 <= p <= 1 and outcome 0 or 1, got {(p, o)}")


def brier(pairs: Sequence[tuple[float, Outcome]]) -> float | None:
    """Mean squared difference between forecast and outcome (lower is better)."""
    _check(pairs)
    return sum((p - o) ** 2 for p, o in pairs) / len(pairs) if pairs else None


def log_score(pairs: Sequence[tuple[float, Outcome]]) -> float | None:
    """Mean natural log of the probability given to what happened (higher is better)."""
    _check(pairs)
    if not pairs:
        return None
    return sum(math.log(_clip(p) if o else 1 - _clip(p)) for p, o in pairs) / len(pairs)


def baseline_score(pairs: Sequence[tuple[float, Outcome]]) -> float | None:
    """Mean Metaculus baseline score against 50% (see the module doc; higher is better)."""
    _check(pairs)
    if not pairs:
        return None
    scores = [100 * (math.log2(_clip(p) if o else 1 - _clip(p)) + 1) for p, o in pairs]
    return sum(scores) / len(scores)


@dataclass(frozen=True)
class CalibrationBin:
    """Forecasts whose probability fell in [low, high): how often they came true."""

    low: float
    high: float
    count: int
    mean_probability: float | None
    observed: float | None  # share that resolved yes

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "low": self.low,
            "high": self.high,
            "count": self.count,
            "mean_probability": _round(self.mean_probability),
            "observed": _round(self.observed),
        }


def calibration(
    pairs: Sequence[tuple[float, Outcome]], bins: int = BIN_COUNT
) -> list[CalibrationBin]:
    """Equal-width bins over [0, 1] (the last one closed) with observed frequency and count."""
    _check(pairs)
    members: list[list[tuple[float, Outcome]]] = [[] for _ in range(bins)]
    for p, o in pairs:
        members[min(int(p * bins), bins - 1)].append((p, o))
    out = []
    for i, found in enumerate(members):
        n = len(found)
        out.append(
            CalibrationBin(
                low=round(i / bins, 6),
                high=round((i + 1) / bins, 6),
                count=n,
                mean_probability=sum(p for p, _ in found) / n if n else None,
                observed=sum(o for _, o in found) / n if n else None,
            )
        )
    return out


@dataclass
class ScoreCard:
    """The scores of one expert, one group of experts, or everyone."""

    name: str
    kind: str  # expert | group | all
    resolved: int
    brier: float | None
    log_score: float | None
    baseline: float | None
    calibration: list[CalibrationBin] = field(default_factory=list)
    person_id: int | None = None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "person_id": self.person_id,
            "resolved": self.resolved,
            "brier": _round(self.brier),
            "log_score": _round(self.log_score),
            "baseline": _round(self.baseline),
            "calibration": [b.to_dict() for b in self.calibration],
        }


def score_card(
    name: str,
    kind: str,
    pairs: Sequence[tuple[float, Outcome]],
    person_id: int | None = None,
) -> ScoreCard:
    """Every score for one set of resolved forecasts."""
    return ScoreCard(
        name=name,
        kind=kind,
        resolved=len(pairs),
        brier=brier(pairs),
        log_score=log_score(pairs),
        baseline=baseline_score(pairs),
        calibration=calibration(pairs),
        person_id=person_id,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)
