"""The whole loop on articles written for this test, through the real extractor.

Two articles from one month with overlapping forecasts by three experts; a third
a year later reports that one event happened and one did not. The suggested
resolutions find both, and the scores match a hand computation.
"""

from __future__ import annotations

import math

import pytest

from augury import services
from augury.ledger import service as ledger
from augury.store import open_store

ARTICLES = {
    "2025-01-10-rates.txt": (
        "Economists see a rate cut this year\n\n"
        "Lena Brandt, an economist at Nordbank, said the central bank is likely to cut "
        "interest rates before the end of the year.\n\n"
        "\u201cThe euro will probably weaken against the dollar,\u201d said Piotr Nowak, a "
        "strategist at Vistula Capital.\n"
    ),
    "2025-01-24-rates-again.txt": (
        "Forum hears calls for cheaper credit\n\n"
        "Ahmed Karimi, a professor of finance at Eastbridge University, said the central bank "
        "would almost certainly cut interest rates before the end of the year.\n\n"
        "Lena Brandt said the euro was unlikely to weaken against the dollar this year.\n"
    ),
    "2026-01-15-review.txt": (
        "A year of surprises for the central bank\n\n"
        "The central bank cut interest rates in October, its first reduction in four years.\n\n"
        "The euro did not weaken against the dollar last year. It rose about 4 percent.\n"
    ),
}


@pytest.fixture()
def store(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'ledger.db'}")
    report = services.ingest(store, [str(tmp_path)], n_process=1)
    assert report.stored == 3 and not report.problems
    ledger.regroup(store)
    yield store
    store.close()


def test_forecasts_suggestions_and_scores(store):
    forecasts = {
        (r.speaker_name, r.forecast.proposition): r.forecast.probability
        for r in store.list_forecasts()
    }
    # The hedges read as the lexicon says: likely 0.75, almost certainly 0.95,
    # 'will probably' 0.75 ('will' beside another hedge is only tense), unlikely 0.20.
    assert forecasts == {
        ("Lena Brandt", "The central bank cut interest rates"): 0.75,
        ("Ahmed Karimi", "The central bank cut interest rates"): 0.95,
        ("Piotr Nowak", "The euro weaken against the dollar"): 0.75,
        ("Lena Brandt", "The euro weaken against the dollar"): pytest.approx(0.2),
    }
    questions = ledger.list_questions(store)
    cut = [q for q in questions if "cut interest rates" in q.question.title]
    assert len(cut) == 1 and len(cut[0].forecasts) == 2  # two experts, one question

    suggestions = ledger.suggest_resolutions(store)
    outcomes = {(s.question_id, s.outcome) for s in suggestions}
    assert (cut[0].question.id, "yes") in outcomes
    euro = [q for q in questions if "euro" in q.question.title]
    assert euro and all((q.question.id, "no") in outcomes for q in euro)
    for s in suggestions:
        ledger.accept_suggestion(store, s.id, by="test")

    scores = ledger.scores(store)
    cards = {c.name: c for c in scores.experts}
    brier = {
        "Lena Brandt": ((0.75 - 1) ** 2 + (0.2 - 0) ** 2) / 2,
        "Ahmed Karimi": (0.95 - 1) ** 2,
        "Piotr Nowak": (0.75 - 0) ** 2,
    }
    log = {
        "Lena Brandt": (math.log(0.75) + math.log(0.8)) / 2,
        "Ahmed Karimi": math.log(0.95),
        "Piotr Nowak": math.log(0.25),
    }
    for name in brier:
        assert cards[name].brier == pytest.approx(brier[name])
        assert cards[name].log_score == pytest.approx(log[name])
    assert scores.overall.resolved == 4
    assert not scores.unresolved
