"""Hedge -> probability: the lexicon, composition, and reading hedges off a parse."""

from __future__ import annotations

import pytest

from augury.extract.hedges import compose, find_hedge, find_hedge_cues, piece
from augury.lexicon import hedge_lexicon


@pytest.fixture(scope="module")
def parse():
    from augury.nlp import load

    nlp = load()
    return nlp


def hedge(parse, text):
    found = find_hedge(parse(text))
    assert found is not None, f"no hedge found in {text!r}"
    return found


# ----------------------------------------------------------------------------- lexicon


def test_every_lexicon_entry_has_a_source_and_a_probability():
    lexicon = hedge_lexicon()
    assert len(lexicon.hedges) >= 30
    for entry in lexicon.hedges:
        assert entry.source.strip() and entry.basis.strip(), entry.phrase
        assert 0 < entry.probability < 1, entry.phrase
        if not entry.survey:  # not asked by any survey: the source must say how it was derived
            assert "derived" in entry.source, entry.phrase
    for intensifier in lexicon.intensifiers.values():
        assert intensifier.source and intensifier.factor > 1


def test_lexicon_cites_the_licensed_surveys():
    surveys = hedge_lexicon().sources["surveys"]
    assert surveys["capphrase"]["license"] == "CC-BY 4.0"
    assert surveys["zonination"]["license"] == "MIT"


def test_lexicon_values_are_ordered_as_english_orders_them():
    value = {e.phrase: e.probability for e in hedge_lexicon().hedges}
    assert (
        value["will"]
        > value["almost certain"]
        > value["highly likely"]
        > value["likely"]
        > value["may"]
        > value["unlikely"]
        > value["highly unlikely"]
        > value["almost no chance"]
    )


# ----------------------------------------------------------------------------- composition


def test_negated_hedge_composes_to_the_complement():
    probability, polarity, rule = compose([piece("probably", negated=True)])
    assert probability == pytest.approx(0.25)
    assert polarity == "negative"
    assert "probably" in rule


def test_intensifier_moves_a_gradable_hedge_towards_its_end_of_the_scale():
    likely = hedge_lexicon().entry("likely").probability
    unlikely = hedge_lexicon().entry("unlikely").probability
    assert piece("likely", intensifier="very").probability > likely
    assert piece("unlikely", intensifier="extremely").probability < unlikely
    assert piece("may", intensifier="very").probability == hedge_lexicon().entry("may").probability


# ----------------------------------------------------------------------------- parsed text


def test_highly_unlikely_is_about_five_percent_and_negative(parse):
    found = hedge(parse, "The two unions are highly unlikely to merge before the summer.")
    assert found.probability == pytest.approx(0.05, abs=0.02)
    assert found.polarity == "negative"
    assert "highly unlikely" in found.rule
    assert "highly unlikely" in found.text


def test_would_probably_is_weaker_than_would(parse):
    stacked = hedge(parse, "The regulator would probably approve the takeover.")
    plain = hedge(parse, "The regulator would approve the takeover.")
    assert stacked.probability < plain.probability
    assert "'would'" in stacked.rule and "'probably'" in stacked.rule
    assert stacked.text == "would probably"


def test_might_want_to_is_weaker_than_may(parse):
    wish = hedge(parse, "The senator might want to run for governor in 2030.")
    may = hedge(parse, "The senator may run for governor in 2030.")
    assert wish.probability < may.probability
    assert wish.polarity == "positive"
    assert "might" in wish.rule and "want" in wish.rule


def test_i_dont_think_x_will_is_negative_and_below_half(parse):
    found = hedge(parse, "I don't think the council will approve the new stadium.")
    assert found.polarity == "negative"
    assert found.probability < 0.5
    assert found.text.startswith("don't think") and found.text.endswith("will")


def test_will_not_is_low_and_negative(parse):
    found = hedge(parse, "The factory will not reopen before 2027.")
    assert found.probability < 0.05
    assert found.polarity == "negative"
    assert "will" in found.rule


def test_may_not_leaves_the_positive_proposition_more_likely_than_not(parse):
    found = hedge(parse, "Food prices may not fall this winter.")
    assert found.polarity == "negative"
    assert found.probability > 0.5


def test_could_not_asserts_impossibility(parse):
    found = hedge(parse, "The opposition could not win a majority.")
    assert found.probability < 0.05
    assert found.polarity == "negative"


def test_widely_expected_is_stronger_than_expected(parse):
    widely = hedge(parse, "The ministry is widely expected to announce new tariffs.")
    plain = hedge(parse, "The ministry is expected to announce new tariffs.")
    assert widely.probability > plain.probability > 0.5
    assert widely.text == "is widely expected to"


def test_not_expected_is_negative(parse):
    found = hedge(parse, "The bridge is not expected to open until autumn.")
    assert found.polarity == "negative"
    assert found.probability < 0.5


def test_stated_percentage_is_used_as_said(parse):
    found = hedge(parse, "There is a 30 percent chance that the strike spreads to the ports.")
    assert found.probability == pytest.approx(0.30)


def test_would_after_a_past_reporting_verb_is_a_backshifted_will(parse):
    reported = hedge(parse, "Analysts predicted that the airline would cut its dividend.")
    quoted = hedge(parse, '"The airline would cut its dividend," the analyst said.')
    assert reported.probability > quoted.probability
    assert "backshifted" in reported.rule


def test_unhedged_clause_has_no_hedge(parse):
    assert find_hedge(parse("The museum reopened in March.")) is None


def test_should_and_questions_are_not_forecast_hedges(parse):
    assert find_hedge(parse("The council should publish the audit.")) is None
    assert find_hedge(parse("Will the council publish the audit?")) is None


def test_hedge_spans_point_at_the_hedge_words(parse):
    text = "Turnout will almost certainly rise in the northern districts."
    doc = parse(text)
    found = find_hedge(doc)
    assert found is not None
    assert [text[a:b] for a, b in found.spans] == ["will almost certainly"]
    assert found.probability == pytest.approx(hedge_lexicon().entry("almost certain").probability)


# ----------------------------------------------------------------------------- cues


def test_find_hedge_cues_returns_offsets_and_lexicon_phrases(parse):
    text = "Some critics argue that the reform will possibly fail."
    cues = find_hedge_cues(parse(text))
    phrases = [phrase for _, _, phrase in cues]
    assert "some critics" in phrases and "possibly" in phrases
    for start, end, phrase in cues:
        assert text[start:end].lower() in (phrase, "argue")
    assert "will" not in phrases  # a certainty marker is not an uncertainty cue


def test_month_may_is_not_a_modal_cue(parse):
    cues = find_hedge_cues(parse("In May the committee approved the budget."), kinds=("forecast",))
    assert cues == []
