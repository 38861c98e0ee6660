"""The ledger tables on both back ends: grouping saved, people's edits kept,
resolutions corrected with history, suggestions decided once."""

from __future__ import annotations

import datetime as dt

import pytest
from test_ledger_scenario import CHOI, ELLISON, SUMMIT, article, scenario
from test_store import pg_admin, url  # noqa: F401  (fixtures: SQLite and PostgreSQL)

from augury.ledger import service
from augury.store import StoreError, open_store

D = dt.date


@pytest.fixture
def ledger(url):  # noqa: F811
    with open_store(url) as store:
        for analysis in scenario()[:2]:
            store.save_analysis(analysis)
        service.regroup(store, today=D(2025, 4, 1))
        yield store


def _by_title(store, words: str) -> int:
    return next(q.id for q in store.list_questions() if words in q.title)


def test_migration_two_adds_the_ledger_tables(url):  # noqa: F811
    with open_store(url) as store:
        for table in (
            "questions",
            "question_forecasts",
            "resolutions",
            "suggestions",
            "question_edits",
        ):
            assert store.backend.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"] == 0


def test_resolving_again_corrects_and_keeps_the_history(ledger):
    question = _by_title(ledger, "summit")
    first = service.resolve(ledger, question, "no", D(2026, 11, 3), "no summit", by="ann")
    second = service.resolve(ledger, question, "yes", D(2026, 2, 1), "https://x.example/a", by="bo")
    history = ledger.resolution_history(question)
    assert [(r.id, r.is_current, r.superseded_by) for r in history] == [
        (first.id, False, second.id),
        (second.id, True, None),
    ]
    assert second.evidence_url == "https://x.example/a"
    assert ledger.get_question(question).status == "resolved"
    assert ledger.get_question(question).outcome == "yes"
    with pytest.raises(StoreError, match="outcome"):
        service.resolve(ledger, question, "maybe", D(2026, 1, 1), "x")
    with pytest.raises(StoreError, match="evidence"):
        service.resolve(ledger, question, "void", D(2026, 1, 1), "  ")


def test_windows_that_end_without_a_yes_are_listed_as_expired(ledger):
    service.regroup(ledger, today=D(2026, 1, 2))
    expired = service.list_questions(ledger, status="expired")
    assert [v.question.window_end for v in expired] == [D(2025, 12, 31)]
    assert all(v.question.outcome is None for v in expired)  # never resolved silently


def test_merge_moves_forecasts_inverting_a_negated_proposition(ledger):
    negated = article(
        "later",
        D(2025, 3, 28),
        "Choi said Trump and Kim will not meet.",
        [CHOI],
        [
            (
                CHOI,
                "Trump and Kim will not meet",
                "Trump and Kim do not hold a summit",
                0.3,
                "negative",
                D(2026, 11, 3),
            )
        ],
    )
    ledger.save_analysis(negated)
    service.regroup(ledger)
    summit = _by_title(ledger, "Will Trump and Kim Jong-un hold")
    # The negated proposition joined the summit question by itself, inverted.
    member = next(m for m in ledger.question_members([summit]) if m.article_id == "later")
    assert member.inverted and member.probability == pytest.approx(0.7)
    troops = _by_title(ledger, "troops")
    moved = service.merge_questions(ledger, summit, troops, by="ann")
    assert moved == 1 and ledger.get_question(troops) is None
    assert ledger.get_question(summit).locked_by_person
    (edit,) = ledger.question_edits(summit)
    assert (edit.action, edit.edited_by, edit.other_question_id) == ("merge", "ann", troops)
    assert service.regroup(ledger).assigned == 0


def test_split_and_rename_survive_regrouping(ledger):
    summit = _by_title(ledger, "summit")
    members = ledger.question_members([summit])
    tanaka = next(m for m in members if m.expert == "Tanaka Hiroshi")
    new_id = service.split_question(
        ledger, summit, [f"{tanaka.article_id[:3]}:{tanaka.forecast_local_id}"], by="ann"
    )
    service.rename_question(ledger, summit, "Trump-Kim summit before the midterms?", by="ann")
    # A later forecast of the same proposition joins a question, but nothing moves back.
    ledger.save_analysis(
        article(
            "later",
            D(2025, 4, 2),
            "Ellison said a summit was likely.",
            [ELLISON],
            [(ELLISON, "a summit was likely", SUMMIT, 0.6, "positive", D(2026, 11, 3))],
        )
    )
    assert service.regroup(ledger).assigned == 1
    assert [m.expert for m in ledger.question_members([new_id])] == ["Tanaka Hiroshi"]
    kept = ledger.get_question(summit)
    assert kept.title == "Trump-Kim summit before the midterms?" and kept.forecasts == 4
    assert [e.action for e in ledger.question_edits(summit)] == ["split", "rename"]
    with pytest.raises(StoreError, match="not none or all"):
        service.split_question(ledger, new_id, [f"{tanaka.article_id}:{tanaka.forecast_local_id}"])
    with pytest.raises(StoreError, match="names no forecast"):
        service.split_question(ledger, summit, ["nope:f9"])


def test_re_extracting_an_article_keeps_its_forecasts_questions(ledger):
    summit = _by_title(ledger, "summit")
    before = len(ledger.question_members([summit]))
    ledger.save_analysis(scenario()[1], replace=True)
    assert len(ledger.question_members([summit])) == before
    assert service.regroup(ledger).assigned == 0


def test_suggestions_are_stored_once_and_decided_once(ledger):
    summit = _by_title(ledger, "summit")
    ledger.save_analysis(scenario()[2])
    suggestion = {
        "question_id": summit,
        "article_id": "yearon",
        "sentence": "It happened.",
        "span": (0, 12),
        "outcome": "yes",
        "confidence": 0.8,
    }
    assert ledger.add_suggestions([suggestion, suggestion]) == 1
    assert ledger.add_suggestions([suggestion]) == 0
    (pending,) = ledger.list_suggestions()
    service.reject_suggestion(ledger, pending.id, by="ann")
    assert ledger.list_suggestions() == []
    with pytest.raises(StoreError, match="already rejected"):
        service.accept_suggestion(ledger, pending.id)
    with pytest.raises(StoreError, match="No suggestion"):
        service.accept_suggestion(ledger, 999)
