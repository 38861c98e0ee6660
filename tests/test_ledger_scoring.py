"""Scores against hand computation and scikit-learn."""

from __future__ import annotations

import math

import pytest

from augury.ledger.scoring import baseline_score, brier, calibration, log_score, score_card

PAIRS = [(0.7, 1), (0.8, 1), (0.4, 1), (0.25, 1), (0.2, 0), (0.6, 0)]


def test_brier_log_and_baseline_by_hand():
    assert brier(PAIRS) == pytest.approx((0.09 + 0.04 + 0.36 + 0.5625 + 0.04 + 0.36) / 6)
    expected_log = sum(math.log(p if o else 1 - p) for p, o in PAIRS) / 6
    assert log_score(PAIRS) == pytest.approx(expected_log)
    # Metaculus: 100 * (log2(p of outcome) + 1): +100 certain and right, 0 at 50%.
    assert baseline_score([(0.5, 1)]) == pytest.approx(0)
    assert baseline_score([(0.999, 1)]) == pytest.approx(100 * (math.log2(0.999) + 1))
    assert baseline_score([(0.25, 0)]) == pytest.approx(100 * (math.log2(0.75) + 1))
    assert baseline_score([(1.0, 0)]) == pytest.approx(100 * (math.log2(0.001) + 1))  # clipped
    assert brier([]) is None and log_score([]) is None and baseline_score([]) is None


def test_matches_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    truth, probabilities = [o for _, o in PAIRS], [p for p, _ in PAIRS]
    assert brier(PAIRS) == pytest.approx(metrics.brier_score_loss(truth, probabilities))
    assert log_score(PAIRS) == pytest.approx(-metrics.log_loss(truth, probabilities))


def test_calibration_bins_count_and_observe():
    bins = calibration(PAIRS + [(1.0, 1), (0.05, 0)])
    assert len(bins) == 10 and sum(b.count for b in bins) == 8
    top = bins[-1]  # 1.0 falls in the last, closed bin
    assert (top.count, top.observed) == (1, 1.0)
    six = bins[6]  # 0.6 and 0.7? 0.7 is bin 7; 0.6 alone here
    assert (six.low, six.count, six.observed, six.mean_probability) == (0.6, 1, 0.0, 0.6)
    assert bins[3].count == 0 and bins[3].observed is None


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="0 <= p <= 1"):
        brier([(1.2, 1)])
    with pytest.raises(ValueError):
        log_score([(0.5, 2)])


def test_score_card_carries_everything():
    card = score_card("Choi Min-jun", "expert", PAIRS[:2], person_id=3)
    assert card.to_dict()["resolved"] == 2 and card.to_dict()["brier"] == pytest.approx(0.065)
