"""Time expressions and forecast windows, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from augury.extract.timex import DEFAULT_WINDOW_YEARS, find_timexes, forecast_window
from augury.extract.timex_dates import interval_of, part_of
from augury.lexicon.calendar import load_calendar
from augury.model import Window

D = dt.date
DCT = D(2025, 3, 12)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    from augury.nlp import load

    return load()


def timex(nlp, sentence: str, phrase: str, dct: dt.date | None = DCT):
    """The time expression found at ``phrase`` in ``sentence``."""
    found = find_timexes(nlp(sentence), dct)
    start = sentence.index(phrase)
    match = [t for t in found if t.span[0] <= start < t.span[1]]
    assert match, f"no timex at {phrase!r}; found {[t.text for t in found]}"
    return match[0]


def window(nlp, sentence: str, dct: dt.date | None = DCT) -> Window:
    return forecast_window(nlp(sentence)[:], dct)


# --- the calendar data file ---------------------------------------------------------------


def test_us_elections_fall_on_the_tuesday_after_the_first_monday_in_november():
    calendar = load_calendar()
    us = calendar.elections_of("US", None)
    years = {e.date.year for e in us}
    assert set(range(2016, 2037, 2)) <= years
    for election in us:
        first_monday = min(
            D(election.date.year, 11, d)
            for d in range(1, 8)
            if D(election.date.year, 11, d).weekday() == 0
        )
        assert election.date == first_monday + dt.timedelta(days=1)
        assert election.kind == ("presidential" if election.date.year % 4 == 0 else "midterm")


def test_korean_elections_and_terms():
    calendar = load_calendar()
    presidential = {e.date for e in calendar.elections_of("KR", ("presidential",))}
    assert {D(2017, 5, 9), D(2022, 3, 9), D(2025, 6, 3)} <= presidential
    legislative = {e.date: e.status for e in calendar.elections_of("KR", ("legislative",))}
    assert legislative[D(2024, 4, 10)] == "held"
    assert legislative[D(2028, 4, 12)] == "scheduled"
    assert calendar.term_at(D(2025, 7, 1), "KR").holder == "Lee Jae-myung"


def test_every_calendar_entry_cites_known_sources():
    calendar = load_calendar()
    for entry in (*calendar.elections, *calendar.terms):
        assert entry.source and set(entry.source) <= set(calendar.sources), entry.id


def test_presidential_terms_run_from_january_20():
    calendar = load_calendar()
    trump = calendar.terms_held_by("President Donald Trump")
    assert [(t.ordinal, t.start, t.end) for t in trump] == [
        (1, D(2017, 1, 20), D(2021, 1, 20)),
        (2, D(2025, 1, 20), D(2029, 1, 20)),
    ]
    assert calendar.term_at(D(2023, 6, 1), "US").holder == "Joe Biden"
    assert not calendar.terms_held_by("Lee Soo-min")  # a surname is not a president


# --- TIMEX3 values and intervals ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2026", (D(2026, 1, 1), D(2026, 12, 31))),
        ("2026-11", (D(2026, 11, 1), D(2026, 11, 30))),
        ("2026-11-03", (D(2026, 11, 3), D(2026, 11, 3))),
        ("2025-Q3", (D(2025, 7, 1), D(2025, 9, 30))),
        ("2026-W12", (D(2026, 3, 16), D(2026, 3, 22))),
        ("2026-H1", (D(2026, 1, 1), D(2026, 6, 30))),
        ("2025-WI", (D(2025, 12, 1), D(2026, 2, 28))),
        ("202", (D(2020, 1, 1), D(2029, 12, 31))),
        ("PRESENT_REF", None),
    ],
)
def test_interval_of_value(value, interval):
    assert interval_of(value) == interval


def test_parts_of_a_year_are_thirds_by_month():
    year = interval_of("2027")
    assert part_of(year, "START") == (D(2027, 1, 1), D(2027, 4, 30))
    assert part_of(year, "MID") == (D(2027, 5, 1), D(2027, 8, 31))
    assert part_of(year, "END") == (D(2027, 9, 1), D(2027, 12, 31))


# --- finding and normalising time expressions ------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "phrase", "type_", "value", "mod"),
    [
        ("The ministry expects growth to pick up next year.", "next year", "DATE", "2026", None),
        ("Exports slumped last month, the agency said.", "last month", "DATE", "2025-02", None),
        ("The envoy arrived in Tokyo on Thursday.", "Thursday", "DATE", "2025-03-06", None),
        ("The envoy will arrive in Tokyo on Thursday.", "Thursday", "DATE", "2025-03-13", None),
        ("Officials met twice this week.", "this week", "DATE", "2025-W11", None),
        ("Rates may stay high in the coming months.", "the coming months", "DURATION", "PXM", None),
        ("The plant closed two years ago.", "two years ago", "DATE", "2023", None),
        ("A ceasefire could hold within five years.", "five years", "DURATION", "P5Y", None),
        ("The fund will be empty by the end of 2026.", "the end of 2026", "DATE", "2026", "END"),
        ("A vote is planned early next year.", "early next year", "DATE", "2026", "START"),
        ("Talks could resume in mid-2027.", "mid-2027", "DATE", "2027", "MID"),
        (
            "Sales rose in the first half of 2026.",
            "the first half of 2026",
            "DATE",
            "2026-H1",
            None,
        ),
        ("The drought began last summer.", "last summer", "DATE", "2024-SU", None),
        (
            "Output fell in the third quarter of 2024.",
            "the third quarter of 2024",
            "DATE",
            "2024-Q3",
            None,
        ),
        (
            "Both parties are preparing for the 2026 midterms.",
            "the 2026 midterms",
            "DATE",
            "2026-11-03",
            None,
        ),
        ("Tariffs were lower in the 2010s.", "the 2010s", "DATE", "201", None),
        ("The economy is now slowing.", "now", "DATE", "PRESENT_REF", None),
        (
            "The review took almost seven years.",
            "almost seven years",
            "DURATION",
            "P7Y",
            "LESS_THAN",
        ),
        ("The board met on March 3 to vote.", "March 3", "DATE", "2025-03-03", None),
        ("Negotiators return to Geneva in June.", "June", "DATE", "2025-06", None),
    ],
)
def test_find_timexes(nlp, sentence, phrase, type_, value, mod):
    found = timex(nlp, sentence, phrase)
    assert (found.text, found.type, found.value, found.mod) == (phrase, type_, value, mod)


@pytest.mark.slow
def test_timex_offsets_point_into_the_text(nlp):
    sentence = "After talks on Monday, the ministers agreed to meet again in April 2026."
    for found in find_timexes(nlp(sentence), DCT):
        assert sentence[found.span[0] : found.span[1]] == found.text


@pytest.mark.slow
def test_relative_expressions_without_a_dct_keep_placeholders(nlp):
    found = timex(nlp, "Prices should ease next year.", "next year", dct=None)
    assert (found.value, found.start, found.end) == ("XXXX", None, None)
    absolute = timex(nlp, "Prices should ease in 2027.", "2027", dct=None)
    assert (absolute.start, absolute.end) == (D(2027, 1, 1), D(2027, 12, 31))


@pytest.mark.slow
def test_the_midterm_before_the_dct_in_a_past_tense_clause(nlp):
    found = timex(
        nlp, "Republicans lost seats in the midterms.", "the midterms", dct=D(2019, 1, 10)
    )
    assert found.value == "2018-11-06"


@pytest.mark.slow
def test_next_election_follows_the_country_named_in_the_sentence(nlp):
    found = timex(
        nlp,
        "South Korean voters will choose a new National Assembly at the next election.",
        "the next election",
        dct=D(2025, 9, 1),
    )
    assert found.value == "2028-04-12"


# --- forecast windows --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "start", "end", "text"),
    [
        (
            "The central bank will probably cut rates in 2026.",
            D(2026, 1, 1),
            D(2026, 12, 31),
            "in 2026",
        ),
        (
            "Unemployment is expected to fall by the end of next year.",
            DCT,
            D(2026, 12, 31),
            "by the end of next year",
        ),
        (
            "The region could run out of water within five years.",
            DCT,
            D(2030, 3, 12),
            "within five years",
        ),
        (
            "Analysts expect fuel prices to climb in the coming months.",
            DCT,
            D(2025, 9, 12),
            "in the coming months",
        ),
        (
            "The senator is likely to announce a bid before the midterms.",
            DCT,
            D(2026, 11, 3),
            "before the midterms",
        ),
        (
            "The two leaders may meet again at some point between the 2026 U.S. midterm elections "
            "and the U.S. presidential election of 2028.",
            D(2026, 11, 3),
            D(2028, 11, 7),
            "between the 2026 U.S. midterm elections and the U.S. presidential election of 2028",
        ),
        (
            "Trump could revisit the trade pact in his second term.",
            D(2025, 1, 20),
            D(2029, 1, 20),
            "in his second term",
        ),
        (
            "The company will probably list its shares early next year.",
            D(2026, 1, 1),
            D(2026, 4, 30),
            "early next year",
        ),
        ("A deal could come before 2027.", DCT, D(2026, 12, 31), "before 2027"),
        (
            "Steel tariffs will probably rise after the election.",
            D(2026, 11, 4),
            D(2027, 11, 4),
            "after the election",
        ),
        ("Growth could slow over the next decade.", DCT, D(2035, 3, 12), "over the next decade"),
        ("A settlement is likely soon.", DCT, D(2025, 9, 12), "soon"),
    ],
)
def test_forecast_window(nlp, sentence, start, end, text):
    assert window(nlp, sentence) == Window(start, end, text, defaulted=False)


@pytest.mark.slow
def test_second_term_falls_back_to_the_president_in_office(nlp):
    # No person named: "his" is read as the U.S. president at the DCT.
    assert window(nlp, "He is expected to tighten export controls in his second term.") == (
        Window(D(2025, 1, 20), D(2029, 1, 20), "in his second term")
    )


@pytest.mark.slow
def test_his_term_is_the_term_of_the_person_named(nlp):
    sentence = "Moon Jae-in hoped to sign a peace treaty during his term."
    assert window(nlp, sentence, dct=D(2018, 4, 1)) == Window(
        D(2017, 5, 10), D(2022, 5, 9), "during his term"
    )


@pytest.mark.slow
def test_past_time_expressions_do_not_bound_a_forecast(nlp):
    found = window(nlp, "The minister said on Wednesday that exports will probably recover.")
    assert found.defaulted and found.start == DCT


@pytest.mark.slow
def test_default_window_when_the_text_gives_no_time(nlp):
    found = window(nlp, "Inflation is likely to stay above target.")
    assert found == Window(DCT, D(2025 + DEFAULT_WINDOW_YEARS, 3, 12), None, defaulted=True)


@pytest.mark.slow
def test_windows_without_a_dct(nlp):
    assert window(nlp, "Inflation is likely to stay above target.", dct=None) == Window(
        None, None, None, defaulted=True
    )
    assert window(nlp, "Prices will rise by 2027.", dct=None) == Window(
        None, D(2027, 12, 31), "by 2027"
    )
    assert window(nlp, "Prices will rise next year.", dct=None) == Window(None, None, "next year")


def test_before_the_end_of_a_period_means_by_its_end(nlp):
    w = window(nlp, "The bank is likely to cut rates before the end of the year.")
    assert w.end == dt.date(DCT.year, 12, 31) and not w.defaulted
    w = window(nlp, "The bank will act before June.")
    assert w.end == dt.date(DCT.year, 5, 31)
