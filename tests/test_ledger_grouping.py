"""Grouping forecasts into questions (pure): paraphrase, polarity, windows, actors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from augury.ledger.consensus import consensus, divided, side, stance, statement_context
from augury.ledger.grouping import (
    ForecastItem,
    QuestionDraft,
    group,
    question_title,
    same_question,
)
from augury.ledger.propositions import lexicon, proposition_key, stem

END = dt.date(2028, 11, 7)


def item(proposition: str, end: dt.date | None = END, condition: str | None = None, n: int = 1):
    return ForecastItem("a", f"f{n}", proposition, end, None, condition)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Trump revives personal diplomacy with Kim",
            "Trump revives direct diplomacy with North Korea",
        ),
        ("Trump and Kim Jong-un hold a summit", "Trump meets Kim Jong-un"),
        ("the US withdraws troops from South Korea", "Washington pulls troops out of South Korea"),
        ("the BOK cuts rates twice", "the Bank of Korea lowers its benchmark rate two times"),
        ("the won weakens past 1,500 per dollar", "the won falls beyond 1,500 to the dollar"),
    ],
)
def test_paraphrases_share_a_question(a, b):
    assert same_question(item(a), item(b)) == (True, False)


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("Trump and Kim Jong-un hold a summit", "Trump and Xi Jinping hold a summit", "actors"),
        (
            "the US pulls 4,500 troops from Korea",
            "the US pulls 10,000 troops from Korea",
            "figures",
        ),
        ("Seoul raises its contribution", "Seoul cuts its contribution", "antonyms"),
        (
            "Washington raises tariffs on Korean chips",
            "Washington raises tariffs on Korean cars",
            "one term swapped for another",
        ),
    ],
)
def test_different_propositions_stay_apart(a, b, why):
    assert same_question(item(a), item(b)) == (False, False), why


def test_windows_and_conditions_keep_questions_apart():
    summit = "Trump and Kim Jong-un hold a summit"
    assert not same_question(item(summit), item(summit, dt.date(2026, 11, 3)))[0]
    assert same_question(item(summit), item(summit, END + dt.timedelta(days=3)))[0]
    assert not same_question(item(summit), item(summit, None))[0]
    talks = "if the talks in Geneva collapse"
    assert not same_question(item(summit, condition=talks), item(summit))[0]
    assert same_question(
        item(summit, condition=talks), item(summit, condition="talks in Geneva collapse")
    )[0]


def test_a_negated_proposition_joins_inverted():
    assert same_question(
        item("North Korea conducts a nuclear test"),
        item("North Korea does not conduct a nuclear test"),
    ) == (True, True)
    assert proposition_key("Iran and the US fail to reach a deal").negated


def test_group_adds_to_existing_questions_and_never_moves_their_forecasts():
    existing = QuestionDraft("Trump and Kim Jong-un hold a summit", END, id=7)
    existing.add(proposition_key(existing.proposition), False)
    made, assigned = group(
        [
            item("Trump meets Kim Jong-un", n=1),
            item("China invades Taiwan", n=2),
            item("Beijing launches an invasion of Taiwan", n=3),
        ],
        [existing],
    )
    assert [a.question.id for a in assigned[:1]] == [7]
    assert len(made) == 1 and assigned[1].question is assigned[2].question is made[0]
    assert sum(existing.members.values()) == 2  # one added, none taken away


def test_titles_read_as_questions():
    assert question_title("Trump and Kim Jong-un hold a summit", END) == (
        "Will Trump and Kim Jong-un hold a summit by 2028-11-07?"
    )
    assert question_title("the US pulls 4,500 troops", None) == "Will the US pull 4,500 troops?"
    assert question_title("the 13th round of talks begins in 2026", None) == (
        "Will the 13th round of talks begin in 2026?"
    )
    assert question_title("oil prices jump to $90", END, "if Iran closes the Strait.") == (
        "Will oil prices jump to $90 by 2028-11-07, if Iran closes the Strait?"
    )


def test_lexicon_synonym_classes_do_not_overlap():
    seen: dict[str, str] = {}
    for synonyms in lexicon().raw["synonyms"]:
        for word in synonyms:
            assert seen.setdefault(stem(word), synonyms[0]) == synonyms[0], word


def test_consensus_sides_and_stance():
    found = consensus([0.7, 0.8, 0.4, 0.25])
    assert (found.median, found.low, found.high, found.count) == (0.55, 0.25, 0.8, 4)
    assert [side(p) for p in (0.7, 0.5, 0.2)] == ["yes", "even", "no"]
    assert divided([0.7, 0.3]) and not divided([0.7, 0.9]) and divided([0.7], ["divided"])
    assert consensus([]) is None
    text = 'Park Seo-yeon echoed this view, saying, "Seoul will pay." Later she left.'
    start = text.index("Seoul will")
    assert stance(statement_context(text, start, start + 15)) == "agrees"
    assert stance("On the other hand, Ellison said") == "disagrees"
    assert stance("Experts were divided on whether") == "divided"
    assert stance("Choi said") is None


def test_benchmark_pairs_are_well_formed():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "forecast_pairs.jsonl"
    pairs = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert len(pairs) >= 100 and len({p["id"] for p in pairs}) == len(pairs)
    assert {p["split"] for p in pairs} == {"dev", "test"}
    assert all(p["a"]["proposition"] and p["b"]["window"]["end"] for p in pairs)
