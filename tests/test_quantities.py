"""Figures in news text: money in any currency, percentages and their changes, counts.

Every sentence here was written for these tests. ``nlp`` is the session-wide
pipeline from conftest.py, loaded once.
"""

from __future__ import annotations

import pytest

from augury.extract.quantities import extract_quantities
from augury.lexicon import load_json
from augury.model import Quantity


def figures(nlp, text: str) -> list[tuple[str, float, str | None, str]]:
    """(text, value, unit, kind) of every quantity, checking the offsets on the way."""
    doc = nlp(text)
    out = []
    for q in extract_quantities(doc):
        assert isinstance(q, Quantity)
        assert text[q.span[0] : q.span[1]] == q.text
        out.append((q.text, q.value, q.unit, q.kind))
    return out


def one(nlp, text: str) -> tuple[str, float, str | None, str]:
    found = figures(nlp, text)
    assert len(found) == 1, found
    return found[0]


# -- the examples, re-worded ----------------------------------------------------


def test_won_with_a_scale_word(nlp):
    assert one(nlp, "Seoul will contribute 1.52 trillion won under the new deal.") == (
        "1.52 trillion won",
        1.52e12,
        "KRW",
        "money",
    )


def test_dollars_with_a_scale_word(nlp):
    assert one(nlp, "The sale is valued at $1.1 billion, officials said.") == (
        "$1.1 billion",
        1.1e9,
        "USD",
        "money",
    )


def test_amount_a_year_is_a_rate(nlp):
    assert one(nlp, "He wants the ally to pay 10 billion dollars a year for protection.") == (
        "10 billion dollars a year",
        1e10,
        "USD/year",
        "money",
    )


def test_yen_symbol(nlp):
    assert one(nlp, "Tokyo earmarked ¥500 billion for the new base.") == (
        "¥500 billion",
        5e11,
        "JPY",
        "money",
    )
    assert one(nlp, "The ministry wants ¥800 billion more for missiles.") == (
        "¥800 billion",
        8e11,
        "JPY",
        "money",
    )


def test_percent_increase_is_a_positive_change_and_the_year_is_not_a_quantity(nlp):
    assert figures(nlp, "That is an 8.3 percent increase from 2025, the ministry said.") == [
        ("8.3 percent", 8.3, "%", "percent_change")
    ]


def test_count_keeps_its_noun(nlp):
    assert one(nlp, "Some 28,500 American troops are based in the country.") == (
        "28,500 American troops",
        28500,
        "troops",
        "count",
    )


def test_bracketed_conversion_is_a_positive_amount_of_its_own(nlp):
    assert figures(nlp, "Seoul will pay 1.52 trillion won ($1.1 billion) next year.") == [
        ("1.52 trillion won", 1.52e12, "KRW", "money"),
        ("$1.1 billion", 1.1e9, "USD", "money"),
    ]


def test_ordinal_is_not_a_quantity(nlp):
    assert figures(nlp, "They signed the 12th agreement on Friday.") == []
    assert figures(nlp, "It was the third meeting and the 21st round of talks.") == []


def test_years_and_dates_are_not_quantities(nlp):
    assert figures(nlp, "The talks may resume in 2026, after the midterms.") == []
    assert figures(nlp, "The summit is set for June 12.") == []
    assert figures(nlp, "Voters go to the polls in the 2028 election.") == []


# -- money ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing will spend 1.67 trillion yuan on defence.",
            ("1.67 trillion yuan", 1.67e12, "CNY"),
        ),
        ("The fund holds 3 billion renminbi.", ("3 billion renminbi", 3e9, "CNY")),
        ("Berlin pledged 100 billion euros to the army.", ("100 billion euros", 1e11, "EUR")),
        ("The EU offered €150 billion in loans.", ("€150 billion", 1.5e11, "EUR")),
        ("London set aside £2.5bn for aid.", ("£2.5bn", 2.5e9, "GBP")),
        ("Ottawa gave C$500 million to the fund.", ("C$500 million", 5e8, "CAD")),
        ("Canberra signed a A$368 billion deal.", ("A$368 billion", 3.68e11, "AUD")),
        ("Ottawa gave 2 billion Canadian dollars.", ("2 billion Canadian dollars", 2e9, "CAD")),
        ("Moscow plans to spend 13 trillion roubles.", ("13 trillion roubles", 1.3e13, "RUB")),
        ("The order is worth Rs 5,000 crore.", ("Rs 5,000 crore", 5e10, "INR")),
        ("Seoul spends KRW 59.4 trillion on defence.", ("KRW 59.4 trillion", 5.94e13, "KRW")),
        ("Taipei approved NT$250 billion for jets.", ("NT$250 billion", 2.5e11, "TWD")),
        (
            "Pyongyang's budget reached 2.3 billion North Korean won.",
            ("2.3 billion North Korean won", 2.3e9, "KPW"),
        ),
        ("It paid $7bn in total.", ("$7bn", 7e9, "USD")),
        ("The bonus was US$5m.", ("US$5m", 5e6, "USD")),
        ("GDP is $2.174T.", ("$2.174T", 2.174e12, "USD")),
        ("A 20-million-dollar contract was signed.", ("20-million-dollar", 2e7, "USD")),
        ("They paid 10 000 dollars.", ("10 000 dollars", 1e4, "USD")),
    ],
)
def test_currencies_resolve_to_iso_codes(nlp, text, expected):
    assert one(nlp, text) == (*expected, "money")


def test_pesos_without_a_country_are_money_with_no_code(nlp):
    assert one(nlp, "The fine was 5 million pesos.") == ("5 million pesos", 5e6, None, "money")


def test_pounds_of_weight_are_not_money(nlp):
    assert one(nlp, "Police seized 500 pounds of cocaine.") == ("500 pounds", 500, "lb", "other")
    assert one(nlp, "The regulator imposed a fine of 20 million pounds.") == (
        "20 million pounds",
        2e7,
        "GBP",
        "money",
    )


def test_won_the_verb_is_not_money(nlp):
    assert figures(nlp, "The party won 150 seats.") == [("150 seats", 150, "seats", "count")]


def test_price_per_thing_and_per_period(nlp):
    assert figures(nlp, "Crude rose 4 percent to $92 a barrel.") == [
        ("4 percent", 4, "%", "percent_change"),
        ("$92 a barrel", 92, "USD/bbl", "money"),
    ]
    assert one(nlp, "Rent is 3 million euros a month.") == (
        "3 million euros a month",
        3e6,
        "EUR/month",
        "money",
    )
    assert one(nlp, "He earns $15.4/hour.") == ("$15.4/hour", 15.4, "USD/hour", "money")


def test_exchange_rate_is_base_currency_per_quote_currency(nlp):
    assert one(nlp, "The won weakened past 1,450 per dollar on Friday.") == (
        "1,450 per dollar",
        1450,
        "KRW/USD",
        "money",
    )


def test_a_year_ago_is_no_rate(nlp):
    assert one(nlp, "It paid $5 billion a year ago.") == ("$5 billion", 5e9, "USD", "money")


def test_range_shares_currency_and_scale(nlp):
    assert figures(nlp, "The fund could reach $1 to 2 billion.") == [
        ("$1", 1e9, "USD", "money"),
        ("2 billion", 2e9, "USD", "money"),
    ]


def test_minus_sign_is_negative(nlp):
    assert one(nlp, "The balance was -15€ at the close.") == ("-15€", -15, "EUR", "money")


# -- percentages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports fell 5.4% in May.", ("5.4%", -5.4, "%", "percent_change")),
        ("Analysts expect a 2 percent decline.", ("2 percent", -2, "%", "percent_change")),
        ("Prices saw a rise of 2.1 per cent.", ("2.1 per cent", 2.1, "%", "percent_change")),
        ("Sales rose by 4 pct.", ("4 pct", 4, "%", "percent_change")),
        ("The index is down 3 percent this week.", ("3 percent", -3, "%", "percent_change")),
        ("The yuan weakened 0.3 percent.", ("0.3 percent", -0.3, "%", "percent_change")),
        ("Inflation rose to 3.2 percent.", ("3.2 percent", 3.2, "%", "percent")),
        ("Washington imposed a 25 percent tariff.", ("25 percent", 25, "%", "percent")),
        ("It offered up to 5 percent more.", ("5 percent", 5, "%", "percent")),
        (
            "The bank cut rates by 25 basis points.",
            ("25 basis points", -25, "bp", "percent_change"),
        ),
        (
            "Support slipped 3 percentage points.",
            ("3 percentage points", -3, "pp", "percent_change"),
        ),
        (
            "The gap widened by 2 percentage points.",
            ("2 percentage points", 2, "pp", "percent_change"),
        ),
        (
            "It lowered the forecast by half a percentage point.",
            ("half a percentage point", -0.5, "pp", "percent_change"),
        ),
    ],
)
def test_percent_levels_and_changes(nlp, text, expected):
    assert one(nlp, text) == expected


def test_percent_range(nlp):
    assert figures(nlp, "Between 50 and 80% of voters agreed.") == [
        ("50", 50, "%", "percent"),
        ("80%", 80, "%", "percent"),
    ]


# -- counts, written numbers, measures ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pyongyang fired two short-range missiles.", ("two short-range missiles", 2, "missiles")),
        ("A dozen warships sailed past.", ("A dozen warships", 12, "warships")),
        ("Half a million people fled.", ("Half a million people", 5e5, "people")),
        ("Three million refugees crossed the border.", ("Three million refugees", 3e6, "refugees")),
        ("About 1.2m troops are mobilised.", ("1.2m troops", 1.2e6, "troops")),
        ("Taipei will buy 66 F-16V fighter jets.", ("66 F-16V fighter jets", 66, "jets")),
        ("A 28,500-strong force remains.", ("28,500-strong force", 28500, "force")),
        ("Twenty-one lawmakers voted against.", ("Twenty-one lawmakers", 21, "lawmakers")),
    ],
)
def test_counts(nlp, text, expected):
    assert one(nlp, text) == (*expected, "count")


def test_range_shares_the_counted_noun(nlp):
    assert figures(nlp, "Between 20,000 and 30,000 troops could leave.") == [
        ("20,000", 20000, "troops", "count"),
        ("30,000 troops", 30000, "troops", "count"),
    ]


def test_written_numbers(nlp):
    assert one(nlp, "The ledger listed four million, three hundred & twelve, by our count.") == (
        "four million, three hundred & twelve",
        4000312,
        None,
        "other",
    )
    assert one(nlp, "Two-thirds of lawmakers must agree.")[1] == pytest.approx(2 / 3)


def test_measures_and_durations_are_other(nlp):
    assert figures(nlp, "The missile flew 1,000 km over five years of tests.") == [
        ("1,000 km", 1000, "km", "other"),
        ("five years", 5, "year", "other"),
    ]
    assert one(nlp, "Output falls by 500,000 barrels per day.") == (
        "500,000 barrels per day",
        5e5,
        "bbl/day",
        "other",
    )


def test_things_that_are_not_quantities(nlp):
    assert figures(nlp, "The F-35 and the G7 and COVID-19 were discussed.") == []
    assert figures(nlp, "Under Resolution 2231 the ban ended.") == []
    assert figures(nlp, "The vote is at 10:30 a.m. on Friday.") == []
    assert figures(nlp, "One of the experts said the 1960s were different.") == []
    assert figures(nlp, "Flights stopped after 9/11.") == []


def test_bare_number_has_no_unit(nlp):
    assert one(nlp, "The answer is 42, he said.") == ("42", 42, None, "other")


def test_quantities_are_in_text_order_and_serialise(nlp):
    doc = nlp("Japan pays ¥800 billion; Korea pays 1.52 trillion won.")
    found = extract_quantities(doc)
    assert [q.span[0] for q in found] == sorted(q.span[0] for q in found)
    assert found[0].to_dict() == {
        "text": "¥800 billion",
        "span": [11, 23],
        "value": 8e11,
        "unit": "JPY",
        "kind": "money",
    }


def test_works_without_parser_and_ner(nlp):
    """Only the tokenizer: still reads money and percentages from the characters."""
    doc = nlp.make_doc("Seoul pays 1.52 trillion won, up 8.3%.")
    assert [(q.text, q.unit) for q in extract_quantities(doc)] == [
        ("1.52 trillion won", "KRW"),
        ("8.3%", "%"),
    ]


def test_lexicon_codes_are_iso_4217_shaped_and_known():
    data = load_json("quantities.json")
    codes = {k for k in data["currencies"] if not k.startswith("_")}
    assert all(len(c) == 3 and c.isupper() for c in codes)
    named = {v for k, v in data["symbols"].items() if not k.startswith("_")}
    for name, entry in data["names"].items():
        if name.startswith("_"):
            continue
        named.update(entry["qualified"].values())
        if entry["default"]:
            named.add(entry["default"])
    assert named <= codes
