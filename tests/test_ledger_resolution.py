"""Suggested resolutions from later articles (pure matching)."""

from __future__ import annotations

import datetime as dt

from augury.ledger.resolution import Target, sentences, suggest

D = dt.date
SUMMIT = Target(1, "Trump and Kim Jong-un hold a summit", D(2025, 3, 1), D(2026, 11, 3))
TARIFF = Target(
    2, "Washington raises tariffs on Korean semiconductors", D(2025, 3, 1), D(2025, 12, 31)
)
OIL = Target(
    3,
    "oil prices jump to $90 a barrel",
    D(2025, 6, 1),
    D(2025, 12, 31),
    "there is a serious incident in the Strait of Hormuz",
)


def found(text: str, published: dt.date, *targets: Target):
    return {
        s.question_id: s for s in suggest(targets or (SUMMIT, TARIFF, OIL), "art", published, text)
    }


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = "The U.S. vote is on Nov. 3 this year. Analysts agree.\n\nA new paragraph"
    split = sentences(text)
    assert [s.text for s in split] == [
        "The U.S. vote is on Nov. 3 this year.",
        "Analysts agree.",
        "A new paragraph",
    ]
    assert all(text[s.span[0] : s.span[1]] == s.text for s in split)


def test_an_event_reported_inside_the_window_is_a_yes():
    text = "Trump and Kim Jong-un met in Panmunjom in February."
    made = found(text, D(2026, 3, 16))[1]
    assert (made.outcome, made.event_date, made.span) == ("yes", D(2026, 2, 1), (0, len(text)))
    assert made.confidence >= 0.7


def test_not_happened_counts_only_once_the_window_is_over():
    text = "Tariffs on Korean semiconductors, however, were not raised."
    assert found(text, D(2026, 5, 18))[2].outcome == "no"
    assert 2 not in found(text, D(2025, 9, 1))  # not yet is not no
    called_off = found(
        "Washington ruled out raising tariffs on Korean semiconductors.", D(2025, 9, 1)
    )
    assert called_off[2].outcome == "no"


def test_reported_forecasts_are_not_outcomes():
    text = (
        "Analysts said Trump and Kim Jong-un were likely to hold a summit. "
        "Experts expect Washington to raise tariffs on Korean semiconductors."
    )
    assert found(text, D(2026, 1, 5)) == {}


def test_a_short_follow_up_borrows_the_sentence_before():
    text = (
        "Kim had predicted that Washington would raise tariffs on Korean semiconductors "
        "before the end of 2025. It did not."
    )
    made = found(text, D(2026, 5, 18))[2]
    assert made.outcome == "no" and made.sentence.endswith("It did not.")
    assert made.span == (0, len(text))


def test_a_condition_that_never_held_makes_the_question_void():
    text = (
        "Montes had warned that oil prices could jump to $90 a barrel if there was a serious "
        "incident in the Strait of Hormuz. There was none, and the spike never came."
    )
    assert found(text, D(2026, 5, 18))[3].outcome == "void"


def test_other_actors_or_events_do_not_match():
    text = "The leaders of Japan and South Korea held a summit with Trump in Tokyo in March."
    assert 1 not in found(text, D(2026, 5, 18))
    assert found("Oil prices fell to $60 a barrel in December.", D(2026, 1, 10)) == {}


def test_an_event_after_the_window_is_a_no():
    late = Target(4, "Trump and Kim Jong-un hold a summit", D(2025, 3, 1), D(2025, 12, 31))
    made = found("Trump and Kim Jong-un held a summit in March.", D(2026, 5, 1), late)[4]
    assert (made.outcome, made.event_date) == ("no", D(2026, 3, 1))
