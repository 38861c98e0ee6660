"""Claims and forecasts, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from augury.model import Article
from augury.pipeline import analyze_doc

PUBLISHED = dt.date(2025, 3, 3)


@pytest.fixture()
def run(nlp):
    def go(text, published=PUBLISHED):
        return analyze_doc(Article(id="t", text=text, published=published), nlp(text))

    return go


def test_three_part_forecast_shares_one_hedge(run):
    a = run(
        "“The new cabinet would probably cut fuel subsidies, raise the sales tax and freeze "
        "public hiring,” said Amara Nwosu, an economist at Kestrel Bank."
    )
    assert len(a.forecasts) == 3
    assert {f.hedge for f in a.forecasts} == {"would probably"}
    assert len({f.probability for f in a.forecasts}) == 1
    props = [f.proposition for f in a.forecasts]
    assert props[0].startswith("The new cabinet cut fuel subsidies")
    assert "raise the sales tax" in props[1] and "freeze public hiring" in props[2]
    assert all(f.speaker == a.speakers[0].id for f in a.forecasts)


def test_negative_hedge_gives_low_probability_and_negative_polarity(run):
    a = run("Analysts said the two leaders are highly unlikely to meet before the election.")
    (f,) = a.forecasts
    assert f.polarity == "negative"
    assert f.probability == pytest.approx(0.05, abs=0.03)
    assert "unlikely" not in f.proposition and f.proposition.startswith("The two leaders meet")
    assert "highly unlikely" in f.hedge_rule


def test_window_from_an_interval_of_elections(run):
    a = run(
        "Ines Duarte said the president might want to visit Pyongyang between the 2026 "
        "midterm election and the 2028 presidential election."
    )
    (f,) = a.forecasts
    assert (f.window.start, f.window.end) == (dt.date(2026, 11, 3), dt.date(2028, 11, 7))
    assert not f.window.defaulted
    assert f.probability < 0.4  # "might want to" sits below "might"


def test_no_time_gives_the_documented_default_window(run):
    a = run("Analysts said the central bank will probably raise rates.")
    (f,) = a.forecasts
    assert f.window.defaulted
    assert f.window.start == PUBLISHED


def test_condition_and_linked_alternatives(run):
    a = run(
        "“The union might accept the offer, but it may strike again if the ministry cuts "
        "pensions,” said Lucas Ferreira, a labour lawyer."
    )
    first, second = a.forecasts
    assert second.condition is not None and second.condition.text.startswith("if the ministry")
    assert first.id in second.linked and second.id in first.linked
    assert second.proposition.startswith("The union strike again") or "strike" in second.proposition


def test_claim_types(run):
    a = run(
        "“The government must cut red tape. I don't think the economy is in recession. Exports "
        "fell sharply in January. Will the bank act in time?” said Hana Veselá, a "
        "professor at Brno University."
    )
    types = [c.type for c in a.claims]
    assert types == ["prescription", "assessment", "past_event", "question"]
    assert not a.forecasts


def test_scheduled_fact_in_the_articles_voice_is_not_a_forecast(run):
    a = run(
        "Under the agreement, the city will pay 40 million euros in 2026.\n\n"
        "The new bridge is expected to open next spring."
    )
    (f,) = a.forecasts
    assert f.proposition.startswith("The new bridge open")
    speaker = a.speaker(f.speaker)
    assert speaker is not None and speaker.name == "the author"


def test_expects_as_cue_gives_the_forecast_its_hedge(run):
    a = run("Rafael Costa expects the lira to weaken further this year.")
    (f,) = a.forecasts
    assert f.probability == pytest.approx(0.75, abs=0.1)
    assert f.window.end == dt.date(2025, 12, 31)


def test_quantities_are_in_the_analysis(run):
    a = run("The fund lent 2.3 trillion won ($1.6 billion), an 8.3 percent increase from 2024.")
    kinds = {(q.kind, q.unit) for q in a.quantities}
    assert ("money", "KRW") in kinds and ("money", "USD") in kinds
    assert ("percent_change", "%") in kinds


def test_agreement_disagreement_and_division(run):
    a = run(
        "\u201cThe port strike will end by Friday,\u201d said Rosa Lindqvist, "
        "a labour economist.\n\n"
        "Omar Haddad echoed this view, saying the union was running out of funds.\n\n"
        "On the other hand, Mei Tanabe said the strike could last for weeks.\n\n"
        "Analysts were divided on whether the government would step in.\n\n"
        "\u201cThe ministry will not intervene,\u201d said Jonas Berg, a policy analyst.\n\n"
        "\u201cIt will have to act before the harvest,\u201d Lucia Ferri said."
    )
    names = {s.id: s.name for s in a.speakers}
    found = {(r.type, names.get(r.speaker), names.get(r.target)) for r in a.relations}
    assert ("agrees", "Omar Haddad", "Rosa Lindqvist") in found
    assert ("disagrees", "Mei Tanabe", "Omar Haddad") in found
    (divided,) = [r for r in a.relations if r.type == "divided"]
    assert names[divided.speaker] == "analysts"
    assert divided.text.startswith("whether the government would step in")
    assert [names[s] for s in divided.sides] == ["Jonas Berg", "Lucia Ferri"]
