"""The ledger tables on both back ends: grouping saved, people's edits kept,
resolutions corrected with history, suggestions decided once."""

from __future__ import annotations

import datetime as dt

import pytest
from test_ledger_scenario import CHOI, ELLISON, END_2025, MIDTERMS, SUMMIT, article, scenario
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


def test_questions_filter_by_person_and_window_in_sql(ledger):
    ids = {p.name: p.id for p in ledger.list_persons()}
    ellison, tanaka, choi = ids["Mara Ellison"], ids["Tanaka Hiroshi"], ids["Choi Min-jun"]
    troops = D(2026, 12, 31)
    assert [q.window_end for q in ledger.list_questions()] == [END_2025, MIDTERMS, troops]

    def ends(**filters) -> list:
        found = [q.window_end for q in ledger.list_questions(**filters)]
        assert ledger.count_questions(**filters) == len(found)
        return found

    assert ends(person_id=ellison) == [END_2025, MIDTERMS, troops]
    assert ends(person_id=tanaka) == [END_2025, MIDTERMS]
    assert ends(person_id=choi) == [MIDTERMS]
    assert ends(person_id=999_999) == []
    assert ends(ends_after=D(2026, 1, 1)) == [MIDTERMS, troops]
    assert ends(ends_before=D(2026, 1, 1)) == [END_2025]
    assert ends(ends_after=END_2025, ends_before=MIDTERMS) == [END_2025, MIDTERMS]  # inclusive
    assert ends(person_id=tanaka, ends_after=D(2026, 1, 1)) == [MIDTERMS]
    assert ends(person_id=ellison, topic="troops") == [troops]
    assert ends(person_id=ellison, status="resolved") == []
    # Paging comes after filtering: page by page, the same questions in the same order.
    whole = [q.id for q in ledger.list_questions(person_id=ellison)]
    paged = [
        q.id for n in range(4) for q in ledger.list_questions(limit=1, offset=n, person_id=ellison)
    ]
    assert paged == whole
    assert [q.id for q in ledger.list_questions(limit=None, offset=1, person_id=tanaka)] == [
        whole[1]
    ]
    views = service.list_questions(ledger, person_id=choi, ends_before=MIDTERMS)
    assert [v.question.window_end for v in views] == [MIDTERMS]
    assert {f.expert for f in views[0].forecasts} >= {"Choi Min-jun"}


def test_questions_for_article_name_each_forecasts_question(ledger):
    found = ledger.questions_for_article("seoul")
    expected = {
        m.forecast_local_id: (m.question_id, m.question_title)
        for m in ledger.question_members()
        if m.article_id == "seoul"
    }
    assert found == expected and set(found) == {"f1", "f2", "f3"}
    summit = _by_title(ledger, "summit")
    assert found["f1"] == (summit, ledger.get_question(summit).title)
    ledger.save_analysis(scenario()[2])  # stored, not grouped yet
    assert ledger.questions_for_article("yearon") == {}
    assert ledger.questions_for_article("nosuch") == {}


def test_suggestions_by_question_counted_and_paged(ledger):
    summit, test = _by_title(ledger, "summit"), _by_title(ledger, "nuclear")
    ledger.save_analysis(scenario()[2])
    ledger.add_suggestions(
        [
            {
                "question_id": question,
                "article_id": "yearon",
                "sentence": f"s{n}",
                "span": (n, n + 1),
                "outcome": "yes",
                "confidence": confidence,
            }
            for n, (question, confidence) in enumerate(((summit, 0.9), (test, 0.8), (summit, 0.5)))
        ]
    )
    mine = ledger.list_suggestions(question_id=summit)
    assert [(x.sentence, x.question_id) for x in mine] == [("s0", summit), ("s2", summit)]
    assert [x.sentence for x in ledger.list_suggestions(question_id=test)] == ["s1"]
    assert ledger.count_suggestions(question_id=summit) == 2 and ledger.count_suggestions() == 3
    assert [x.sentence for x in ledger.list_suggestions(limit=1, offset=1)] == ["s1"]
    assert [x.sentence for x in ledger.list_suggestions(limit=5, offset=2)] == ["s2"]
    service.reject_suggestion(ledger, mine[0].id, by="ann")
    assert [x.sentence for x in ledger.list_suggestions(question_id=summit)] == ["s2"]
    assert ledger.count_suggestions(None, summit) == 2
    assert ledger.count_suggestions("rejected") == 1
    assert ledger.list_suggestions(None, mine[0].id)[0].status == "rejected"
