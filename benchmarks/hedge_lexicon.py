"""The hedge -> probability lexicon: build it from the surveys, and check it against them.

    python benchmarks/hedge_lexicon.py            # table: lexicon value vs each survey's IQR
    python benchmarks/hedge_lexicon.py --write    # recompute src/augury/lexicon/hedges.json
    python benchmarks/hedge_lexicon.py --data PATH   # the wep/ folder, if not the default

Every number in ``hedges.json`` is computed here from the raw survey files in
``$AUGURY_DATASETS/wep`` (never hand-typed): a survey median, or a documented
derivation from other entries, an official scale or a fitted intensifier.
Only statistics are written to the lexicon, never survey responses.

Surveys (see wep/FORMAT.md): CAPphrase (Kucharski 2026, CC-BY 4.0, 5,174
respondents) is preferred, then the zonination r/samplesize poll (MIT, 46);
the Mauboussin (2018) survey is used only for phrases the other two do not ask
("possibly", "maybe", "certainly", "real/serious possibility"), as a cited
median; Fagen-Ulmschneider (2015) only as a cross-check in the table.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from common import REPO_ROOT, resolve_dataset

LEXICON_PATH = REPO_ROOT / "src" / "augury" / "lexicon" / "hedges.json"

SURVEYS = {
    "capphrase": {
        "name": "CAPphrase",
        "citation": "Kucharski AJ (2026) CAPphrase: Comparative and Absolute Probability "
        "phrase dataset. DOI 10.5281/zenodo.18750055 "
        "(github.com/adamkucharski/CAPphrase, commit f12d355)",
        "license": "CC-BY 4.0",
        "used_for": "preferred source of medians",
    },
    "zonination": {
        "name": "zonination",
        "citation": "zonination, Perceptions of Probability and Numbers, r/samplesize poll "
        "2015 (github.com/zonination/perceptions, commit 5120706)",
        "license": "MIT",
        "used_for": "medians of phrases CAPphrase does not ask (probably, we believe, we doubt)",
    },
    "mauboussin": {
        "name": "Mauboussin",
        "citation": "A. Mauboussin & M. Mauboussin (2018), 'If you say something is likely, "
        "how likely do people think it is?', HBR; probabilitysurvey.com data "
        "(github.com/amauboussin/probability-survey, commit 6eaae61)",
        "license": "none stated; only a median per phrase is used, with attribution",
        "used_for": "medians of phrases neither CAPphrase nor zonination asks",
    },
    "fagen": {
        "name": "Fagen-Ulmschneider",
        "citation": "W. Fagen-Ulmschneider (2015), Perception of Probability Words "
        "(github.com/wadefagen/datasets, commit cc85869)",
        "license": "none stated; used only as a cross-check in benchmarks/hedge_lexicon.py",
        "used_for": "cross-check only",
    },
}
STANDARDS = {
    "ICD203": "US ODNI Intelligence Community Directive 203 (2015), likelihood terms",
    "EFSA2019": "EFSA (2019) approximate probability scale, guidance on uncertainty",
    "IPCC_AR5": "IPCC AR5 uncertainty guidance (Mastrandrea et al. 2010)",
    "NATO": "NATO intelligence doctrine probability scale (as in CAPphrase yardstick_nato.csv)",
    "UK_PHIA": "UK Professional Head of Intelligence Analysis probability yardstick",
    "Kent1964": "Sherman Kent (1964), Words of Estimative Probability",
}


# ----------------------------------------------------------------------------- surveys


@dataclass(frozen=True)
class Stat:
    survey: str
    phrase: str
    n: int
    median: float  # percent
    q1: float
    q3: float

    def describe(self) -> str:
        return (
            f"{SURVEYS[self.survey]['name']} median of {self.n:,} respondents "
            f"('{self.phrase}'; IQR {self.q1:g}-{self.q3:g})"
        )


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _wide(path: Path, header: Callable[[str], str]) -> dict[str, list[float]]:
    answers: dict[str, list[float]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for column, cell in row.items():
                value = _number(cell)
                if column is not None and value is not None:
                    answers.setdefault(header(column), []).append(value)
    return answers


def load_surveys(wep: Path) -> dict[str, dict[str, list[float]]]:
    """survey -> phrase (lower case) -> every answer, in percent."""
    capphrase: dict[str, list[float]] = {}
    path = wep / "kucharski_capphrase" / "absolute_judgements.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            value = _number(row["probability"])
            if value is not None:
                capphrase.setdefault(row["term"].strip().lower(), []).append(value)
    demographics = ("your ", "age ")
    fagen = _wide(
        wep / "fagen_ulmschneider" / "survey-results.csv", lambda h: h.strip().strip('"').lower()
    )
    return {
        "capphrase": capphrase,
        "zonination": _wide(
            wep / "zonination_perceptions" / "probly.csv", lambda h: h.strip().lower()
        ),
        "mauboussin": _wide(
            wep / "mauboussin_2018" / "probability_survey_results.csv",
            lambda h: h.strip().replace("_", " ").lower(),
        ),
        "fagen": {k: v for k, v in fagen.items() if not k.startswith(demographics)},
    }


def survey_stats(answers: dict[str, dict[str, list[float]]]) -> dict[tuple[str, str], Stat]:
    stats = {}
    for survey, phrases in answers.items():
        for phrase, values in phrases.items():
            if len(values) < 4:
                continue
            q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
            stats[survey, phrase] = Stat(survey, phrase, len(values), median, q1, q3)
    return stats


def load_yardsticks(wep: Path) -> dict[tuple[str, str], tuple[float, float]]:
    bands = {}
    with (wep / "standards" / "yardsticks.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            bands[row["scale"], row["term"]] = (float(row["low_pct"]), float(row["high_pct"]))
    return bands


# ----------------------------------------------------------------------------- derivations


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


@dataclass
class Context:
    stats: dict[tuple[str, str], Stat]
    bands: dict[tuple[str, str], tuple[float, float]]
    values: dict[str, float] = field(default_factory=dict)  # phrase -> probability 0..1
    sources: dict[str, str] = field(default_factory=dict)
    factors: dict[str, float] = field(default_factory=dict)  # intensifier -> factor

    def stat(self, survey: str, phrase: str) -> Stat:
        try:
            return self.stats[survey, phrase]
        except KeyError:
            sys.exit(f"survey {survey!r} has no phrase {phrase!r}; check wep/FORMAT.md")

    def mid(self, scale: str, term: str) -> float:
        low, high = self.bands[scale, term]
        return (low + high) / 200


# A derivation returns (probability 0..1, full source text, short basis for rule strings).
Derivation = Callable[[Context], tuple[float, str, str]]


def median(survey: str, phrase: str) -> Derivation:
    def derive(ctx: Context) -> tuple[float, str, str]:
        stat = ctx.stat(survey, phrase)
        short = f"{SURVEYS[survey]['name']} median, n={stat.n:,}"
        return stat.median / 100, stat.describe(), short

    return derive


def same_as(phrase: str, reason: str) -> Derivation:
    def derive(ctx: Context) -> tuple[float, str, str]:
        return (
            ctx.values[phrase],
            f"derived, no survey asks it: {reason}; value = '{phrase}' ({ctx.sources[phrase]})",
            f"derived = '{phrase}'",
        )

    return derive


def will_value(ctx: Context) -> tuple[float, str, str]:
    stat = ctx.stat("capphrase", "will happen")
    return (
        stat.q1 / 100,
        f"{stat.describe()}; the median is {stat.median:g}, so the lower quartile is "
        f"used: no forecast is recorded as certain (ICD-203 tops out at 99 too)",
        f"CAPphrase 'Will Happen' 25th pct, n={stat.n:,}",
    )


def would_value(ctx: Context) -> tuple[float, str, str]:
    low, high = ctx.bands["ICD203", "very likely"]
    return (
        low / 100,
        f"derived, no survey asks it: a hypothetical 'would' commits less than 'will' "
        f"({ctx.values['will']:g}) and more than 'likely' ({ctx.values['likely']:g}, "
        f"CAPphrase); set at the lower edge of ICD-203 'very likely' ({low:g}-{high:g}%). "
        f"Under a past reporting verb ('agreed that X would') it is a backshifted 'will'",
        f"derived: ICD-203 'very likely' lower edge {low:g}%",
    )


def deintensify(phrase: str, intensifier: str, reason: str) -> Derivation:
    def derive(ctx: Context) -> tuple[float, str, str]:
        k = ctx.factors[intensifier]
        value = logistic(logit(ctx.values[phrase]) / k)
        return (
            value,
            f"derived, no survey asks it: {reason}; '{phrase}' "
            f"({ctx.sources[phrase]}) with '{intensifier}' removed: "
            f"logit divided by {k:.2f}",
            f"derived: '{phrase}' without '{intensifier}'",
        )

    return derive


# ----------------------------------------------------------------------------- the lexicon


@dataclass
class Spec:
    phrase: str
    kind: str  # modal | adverb | adjective | noun | verb
    derive: Derivation
    forms: tuple[str, ...] = ()
    polarity: str = "positive"
    hedge_class: str = "hedge"  # future | hedge | possibility | certainty | belief | volition
    negation: str = "complement"  # complement | impossible | unsure
    gradable: bool = False
    cue: bool = True
    needs_modal: bool = False
    survey: dict[str, str] = field(default_factory=dict)  # surveys that ask this phrase


POSSIBILITY_NOUN = "saying there is a chance or possibility is saying it could happen"
SPECS: list[Spec] = [
    # Order matters: a derivation may only use entries above it.
    Spec(
        "likely",
        "adjective",
        median("capphrase", "likely"),
        gradable=True,
        survey={
            "capphrase": "likely",
            "zonination": "likely",
            "mauboussin": "likely",
            "fagen": "likely",
        },
    ),
    Spec(
        "will",
        "modal",
        will_value,
        forms=("'ll", "wo", "shall"),
        hedge_class="future",
        cue=False,
        survey={"capphrase": "will happen"},
    ),
    Spec("would", "modal", would_value, forms=("'d",)),
    Spec(
        "going to",
        "verb",
        same_as("will", "'is going to' is a future like 'will'"),
        forms=("going",),
        hedge_class="future",
        cue=False,
    ),
    Spec(
        "set to",
        "verb",
        same_as("will", "'is set to' announces a scheduled future"),
        forms=("set",),
        hedge_class="future",
        cue=False,
    ),
    Spec(
        "may",
        "modal",
        median("capphrase", "may happen"),
        hedge_class="possibility",
        survey={"capphrase": "may happen"},
    ),
    Spec(
        "might",
        "modal",
        median("capphrase", "might happen"),
        hedge_class="possibility",
        survey={"capphrase": "might happen", "mauboussin": "might happen"},
    ),
    Spec(
        "could",
        "modal",
        median("capphrase", "could happen"),
        hedge_class="possibility",
        negation="impossible",
        survey={"capphrase": "could happen"},
    ),
    Spec(
        "probably",
        "adverb",
        median("zonination", "probably"),
        survey={"zonination": "probably", "mauboussin": "probably", "fagen": "probably"},
    ),
    Spec(
        "probable",
        "adjective",
        median("capphrase", "probable"),
        gradable=True,
        survey={"capphrase": "probable", "zonination": "probable", "fagen": "probable"},
    ),
    Spec(
        "unlikely",
        "adjective",
        median("capphrase", "unlikely"),
        polarity="negative",
        gradable=True,
        survey={
            "capphrase": "unlikely",
            "zonination": "unlikely",
            "mauboussin": "unlikely",
            "fagen": "unlikely",
        },
    ),
    Spec(
        "improbable",
        "adjective",
        median("capphrase", "improbable"),
        polarity="negative",
        gradable=True,
        survey={"capphrase": "improbable", "zonination": "improbable", "fagen": "improbable"},
    ),
    Spec(
        "highly likely",
        "adjective",
        median("capphrase", "highly likely"),
        survey={
            "capphrase": "highly likely",
            "zonination": "highly likely",
            "fagen": "highly likely",
        },
    ),
    Spec(
        "highly unlikely",
        "adjective",
        median("capphrase", "highly unlikely"),
        polarity="negative",
        survey={
            "capphrase": "highly unlikely",
            "zonination": "highly unlikely",
            "fagen": "highly unlikely",
        },
    ),
    Spec(
        "almost certain",
        "adjective",
        median("capphrase", "almost certain"),
        forms=("almost certainly", "nearly certain", "nearly certainly"),
        hedge_class="certainty",
        survey={
            "capphrase": "almost certain",
            "zonination": "almost certainly",
            "mauboussin": "almost certainly",
            "fagen": "almost certain",
        },
    ),
    Spec(
        "certain",
        "adjective",
        median("mauboussin", "certainly"),
        forms=("certainly",),
        hedge_class="certainty",
        negation="unsure",
        cue=False,
        survey={"mauboussin": "certainly"},
    ),
    Spec(
        "definitely",
        "adverb",
        same_as("certain", "a synonym of 'certainly'"),
        forms=("surely", "sure"),
        hedge_class="certainty",
        negation="unsure",
        cue=False,
    ),
    Spec(
        "possibly",
        "adverb",
        median("mauboussin", "possibly"),
        hedge_class="possibility",
        negation="impossible",
        survey={"mauboussin": "possibly"},
    ),
    Spec(
        "possible",
        "adjective",
        same_as("possibly", "the adjective of 'possibly'"),
        hedge_class="possibility",
        negation="impossible",
    ),
    Spec(
        "maybe",
        "adverb",
        median("mauboussin", "maybe"),
        hedge_class="possibility",
        survey={"mauboussin": "maybe"},
    ),
    Spec("perhaps", "adverb", same_as("maybe", "a synonym of 'maybe'"), hedge_class="possibility"),
    Spec(
        "expected",
        "verb",
        same_as("likely", "to expect is to regard as likely to happen (dictionary sense)"),
        forms=("expect", "anticipate"),
        gradable=True,
    ),
    Spec(
        "believe",
        "verb",
        median("zonination", "we believe"),
        hedge_class="belief",
        survey={"zonination": "we believe", "fagen": "we believe"},
    ),
    Spec(
        "think",
        "verb",
        same_as("believe", "'I think' states a belief like 'we believe'"),
        hedge_class="belief",
    ),
    Spec(
        "doubt",
        "verb",
        median("zonination", "we doubt"),
        forms=("doubtful",),
        polarity="negative",
        hedge_class="belief",
        survey={"zonination": "we doubt", "fagen": "we doubt"},
    ),
    Spec(
        "want",
        "verb",
        same_as(
            "likely",
            "assumption: after a modal ('might want to') a "
            "person's wish is read as making the act likely, not certain",
        ),
        hedge_class="volition",
        needs_modal=True,
        cue=False,
    ),
    Spec(
        "chance",
        "noun",
        same_as("could", POSSIBILITY_NOUN),
        forms=("chances", "possibility", "prospect"),
        hedge_class="possibility",
        negation="impossible",
    ),
    Spec(
        "very good chance",
        "noun",
        median("capphrase", "very good chance"),
        forms=("very good possibility",),
        survey={
            "capphrase": "very good chance",
            "zonination": "very good chance",
            "fagen": "very good chance",
        },
    ),
    Spec(
        "better than even",
        "noun",
        median("capphrase", "better than even"),
        forms=("better than even chance", "better-than-even chance"),
        survey={
            "capphrase": "better than even",
            "zonination": "better than even",
            "fagen": "better than even",
        },
    ),
    Spec(
        "even chance",
        "noun",
        median("capphrase", "about even"),
        forms=("about even", "even odds", "fifty-fifty chance", "roughly even chance"),
        survey={"capphrase": "about even", "zonination": "about even", "fagen": "about even"},
    ),
    Spec(
        "realistic possibility",
        "noun",
        median("capphrase", "realistic possibility"),
        survey={"capphrase": "realistic possibility"},
    ),
    Spec(
        "real possibility",
        "noun",
        median("mauboussin", "real possibility"),
        forms=("real chance",),
        survey={"mauboussin": "real possibility"},
    ),
    Spec(
        "serious possibility",
        "noun",
        median("mauboussin", "serious possibility"),
        forms=("serious chance",),
        survey={"mauboussin": "serious possibility"},
    ),
    Spec(
        "little chance",
        "noun",
        median("capphrase", "little chance"),
        polarity="negative",
        forms=("little possibility",),
        survey={
            "capphrase": "little chance",
            "zonination": "little chance",
            "fagen": "little chance",
        },
    ),
    Spec(
        "slight chance",
        "noun",
        median("capphrase", "chances are slight"),
        polarity="negative",
        forms=(
            "slim chance",
            "small chance",
            "slight possibility",
            "slim possibility",
            "small possibility",
            "chances are slight",
        ),
        survey={
            "capphrase": "chances are slight",
            "zonination": "chances are slight",
            "fagen": "chances are slight",
        },
    ),
    Spec(
        "remote chance",
        "noun",
        median("capphrase", "remote chance"),
        polarity="negative",
        forms=("remote possibility", "remote prospect"),
        survey={"capphrase": "remote chance"},
    ),
    Spec(
        "almost no chance",
        "noun",
        median("capphrase", "almost no chance"),
        polarity="negative",
        forms=("almost no possibility", "virtually no chance"),
        survey={
            "capphrase": "almost no chance",
            "zonination": "almost no chance",
            "fagen": "almost no chance",
        },
    ),
]
# Added after "very" is fitted (it is derived by taking "very" off "very good chance").
LATE_SPECS = [
    Spec(
        "good chance",
        "noun",
        deintensify(
            "very good chance",
            "very",
            "a 'good chance' is a 'very good chance' without its intensifier",
        ),
        forms=("good possibility", "strong chance", "decent chance"),
    ),
]

# Phrases compared with the surveys in the table although they are not lexicon entries:
# the lexicon composes them (negation of a hedge).
COMPOSED_CHECKS = {"probably not": ("probably", "zonination", "fagen")}


def fit_intensifiers(ctx: Context) -> list[dict[str, object]]:
    """Intensifiers as log-odds factors: logit(p') = k * logit(p)."""

    def ratio(strong: float, base: float) -> float:
        return logit(strong) / logit(base)

    cap = {
        p: ctx.stat("capphrase", p).median / 100
        for p in ("likely", "highly likely", "unlikely", "highly unlikely")
    }
    highly = statistics.mean(
        [ratio(cap["highly likely"], cap["likely"]), ratio(cap["highly unlikely"], cap["unlikely"])]
    )
    mid = ctx.mid
    very = statistics.mean(
        [
            ratio(mid("EFSA2019", "very likely"), mid("EFSA2019", "likely")),
            ratio(mid("EFSA2019", "very unlikely"), mid("EFSA2019", "unlikely")),
        ]
    )
    extremely = statistics.mean(
        [
            ratio(mid("EFSA2019", "extremely likely"), mid("EFSA2019", "likely")),
            ratio(mid("EFSA2019", "extremely unlikely"), mid("EFSA2019", "unlikely")),
        ]
    )
    widely = (1 + highly) / 2
    ctx.factors.update(highly=highly, very=very, extremely=extremely, most=very, widely=widely)
    efsa = "EFSA (2019) scale, band midpoints"
    return [
        {
            "word": "highly",
            "log_odds_factor": round(highly, 3),
            "basis": "CAPphrase fit",
            "source": "fitted on CAPphrase medians: mean of logit('highly likely')/logit('likely')"
            " and logit('highly unlikely')/logit('unlikely')",
        },
        {
            "word": "very",
            "log_odds_factor": round(very, 3),
            "basis": "EFSA 2019 fit",
            "source": f"fitted on the {efsa}: mean of logit('very likely')/logit('likely') and "
            "logit('very unlikely')/logit('unlikely'); no survey asks 'very likely' "
            "(ICD-203 lists 'very likely' and 'highly probable' as synonyms)",
        },
        {
            "word": "extremely",
            "log_odds_factor": round(extremely, 3),
            "basis": "EFSA 2019 fit",
            "source": f"fitted on the {efsa}: 'extremely likely'/'likely' and "
            "'extremely unlikely'/'unlikely'",
        },
        {
            "word": "most",
            "log_odds_factor": round(very, 3),
            "basis": "assumed = 'very'",
            "source": "assumption, no survey or scale: 'most likely' read as 'very likely'",
        },
        {
            "word": "widely",
            "log_odds_factor": round(widely, 3),
            "basis": "assumed, half of 'highly'",
            "source": "assumption, no survey or scale: 'widely' says many people hold the "
            "expectation, weaker evidence than the speaker's own 'highly'; set half-way "
            "(in the log-odds factor) between no change (1) and 'highly'",
        },
    ]


COMPOSITION = [
    "probability is always the chance that the positive proposition comes true; polarity "
    "says whether the speaker asserted it (positive) or its negation (negative)",
    "each hedge in the clause is a piece with a commitment c: its probability if its "
    "polarity is positive, 1 - probability if negative ('unlikely' commits 0.8 to 'not X')",
    "stacked hedges multiply their commitments, each one weakening the speaker's commitment: "
    "'would probably' = would x probably",
    "harmonic modal concord: a possibility modal with a possibility adverb ('may possibly', "
    "'might perhaps') is one hedge said twice and counts once (the lower value)",
    "a future marker ('will', 'going to', 'set to') is a hedge of its own only when nothing "
    "else hedges the clause; beside another hedge it is tense ('will likely' = likely)",
    "'would' under a past reporting verb ('experts agreed that Trump would ...') is a "
    "backshifted 'will'",
    "intensifiers scale the log-odds of the gradable hedge they modify: logit(p') = k logit(p);"
    " a phrase the surveys ask ('highly likely') is taken from the lexicon, not composed",
    "negation of a hedge (complement mode: 'will not', 'may not', 'not likely', "
    "'probably won't', \"I don't think ... will\" by neg-raising) flips what is asserted: "
    "P = 1 - c, polarity negative",
    "negation of a possibility ('could not', 'not possible', 'no chance') asserts "
    "impossibility: commitment = the value of 'will' to the negation",
    "negation of a certainty ('not certain to') leaves the outcome open: P = 0.5",
    "negation of the proposition itself ('I think the US is not shifting') flips the "
    "result of the hedges above it",
    "a volition verb after a modal ('might want to hold') is P(hold) = P(wants) x "
    "value('want'), where P(wants) comes from the hedges on 'want'",
    "P = product of commitments if an even number of flips, else 1 - product",
]

NOT_HEDGES = [
    {
        "word": "should",
        "reason": "in news mostly a prescription or obligation ('Seoul should "
        "...'); left to claim typing, never read as a forecast probability",
    },
    {"word": "must", "reason": "obligation or inference, not a forecast hedge"},
    {"word": "can", "reason": "ability or general possibility, not a forecast about an event"},
]

WP_WORDS = (
    "Wikipedia:Manual of Style/Words to watch (sections 'Unsupported attributions' "
    "(WP:WEASEL), 'Expressions of doubt', 'Puffery' (WP:PEACOCK))"
)
CONLL = (
    "CoNLL-2010 shared task annotation of Wikipedia weasels (Farkas et al. 2010; "
    "Szarvas et al. 2012): underspecified sources and hedges"
)
WEASEL_CUES = {
    # Sentence-level uncertainty cues that are NOT forecast hedges: they never give a
    # probability. category -> (source, [(phrase, forms...)]). A word matches a token's lower
    # case text or its lemma, so "believe" also matches "believed".
    "weasel": (
        f"{WP_WORDS}; {CONLL}",
        [
            ("some people",),
            ("some say", "some argue", "some claim", "some believe"),
            ("some critics", "critics"),
            ("some scholars", "scholars", "some historians", "historians"),
            ("some experts",),
            ("many people", "many believe", "many consider"),
            ("many",),
            ("some",),
            ("several",),
            ("others",),
            ("most",),
            ("numerous",),
            ("it is said", "is said to", "are said to", "it is often said"),
            ("it is believed", "is believed to", "are believed to", "widely believed"),
            ("it is thought", "is thought to", "are thought to"),
            ("considered",),
            ("regarded as", "is regarded", "widely regarded"),
            ("widely",),
            ("often",),
            ("generally",),
            ("commonly",),
            ("usually",),
            ("it has been suggested", "has been suggested", "suggested that"),
            ("research has shown", "studies show", "evidence suggests"),
            ("according to some",),
            ("claim", "claims"),
            ("argue",),
            ("allege",),
            ("reportedly",),
            ("allegedly",),
            ("supposedly",),
            ("purportedly",),
            ("arguably",),
            ("so-called",),
            ("rumour", "rumor", "rumored", "rumoured"),
        ],
    ),
    "uncertainty": (
        f"{CONLL}; Hyland (1998) 'Hedging in Scientific Research Articles'",
        [
            ("seem", "seems", "seemingly"),
            ("appear", "apparently"),
            ("suggest",),
            ("presumably",),
            ("speculate", "speculation", "speculated"),
            ("unclear", "uncertain", "unknown whether"),
            ("whether",),
            ("theory",),
            ("hypothesis", "hypothesized", "hypothesised"),
            ("suspect", "suspected"),
            ("estimated",),
            ("approximately", "about"),
            ("somewhat",),
            ("relatively",),
            ("tend to", "tends to"),
        ],
    ),
    "peacock": (
        WP_WORDS,
        [
            ("legendary",),
            ("acclaimed",),
            ("iconic",),
            ("visionary",),
            ("outstanding",),
            ("celebrated",),
            ("popular",),
            ("landmark",),
            ("revolutionary",),
            ("extraordinary",),
            ("brilliant",),
            ("famous", "most famous", "best known", "well known", "well-known", "best-known"),
            ("renowned",),
            ("remarkable",),
            ("prestigious",),
            ("world-class",),
            ("respected",),
            ("notable", "most notable", "notably"),
            ("prominent",),
            ("unique",),
            ("pioneering",),
            ("finest",),
            ("greatest",),
            ("important", "most important"),
            ("influential",),
            ("significant",),
            ("interesting",),
            ("perfect",),
            ("beautiful",),
            ("successful",),
            ("leading",),
        ],
    ),
}


def build_lexicon(wep: Path) -> dict[str, object]:
    """Compute every number of ``hedges.json`` from the raw files."""
    ctx = Context(survey_stats(load_surveys(wep)), load_yardsticks(wep))
    entries = []

    def add(spec: Spec) -> None:
        value, source, basis = spec.derive(ctx)
        ctx.values[spec.phrase] = round(value, 3)
        ctx.sources[spec.phrase] = basis
        entry = {
            "phrase": spec.phrase,
            "kind": spec.kind,
            "forms": list(spec.forms),
            "probability": round(value, 3),
            "source": source,
            "basis": basis,
            "polarity": spec.polarity,
            "class": spec.hedge_class,
            "negation": spec.negation,
            "gradable": spec.gradable,
            "cue": spec.cue,
        }
        if spec.needs_modal:
            entry["needs_modal"] = True
        if spec.survey:
            entry["survey"] = spec.survey
        entries.append(entry)

    for spec in SPECS:
        add(spec)
    intensifiers = fit_intensifiers(ctx)
    for spec in LATE_SPECS:
        add(spec)
    weasels = []
    for category, (source, groups) in WEASEL_CUES.items():
        for phrase, *forms in groups:
            weasels.append(
                {"phrase": phrase, "forms": forms, "category": category, "source": source}
            )
    return {
        "about": "Hedge words and modal constructions -> probability that the hedged "
        "proposition comes true (0..1). Generated by `python "
        "benchmarks/hedge_lexicon.py --write` from the raw survey files; do not edit "
        "by hand. Every entry cites its source; 'derived' entries say how.",
        "sources": {"surveys": SURVEYS, "standards": STANDARDS},
        "composition": COMPOSITION,
        "hedges": entries,
        "intensifiers": intensifiers,
        "negators": {
            "words": ["not", "n't", "never", "no"],
            "source": "English clausal and determiner negation",
        },
        "backshift": {
            "reporting_verbs": [
                "say",
                "tell",
                "agree",
                "add",
                "argue",
                "note",
                "predict",
                "warn",
                "claim",
                "state",
                "write",
                "insist",
                "explain",
                "estimate",
                "forecast",
                "conclude",
                "stress",
                "contend",
                "maintain",
                "acknowledge",
                "suggest",
                "report",
                "announce",
            ],
            "source": "tense backshift in indirect speech (Quirk et al. 1985, A Comprehensive "
            "Grammar of the English Language): 'will' becomes 'would' after a past "
            "reporting verb",
        },
        "stated_probability": {
            "nouns": ["chance", "chances", "probability", "likelihood", "odds", "risk"],
            "source": "a percentage the speaker states ('a 70% chance') is used as said",
        },
        "not_hedges": NOT_HEDGES,
        "weasel_cues": weasels,
    }


# ----------------------------------------------------------------------------- the table


def check_table(wep: Path) -> int:
    """Print lexicon value vs survey median and IQR; return how many rows lie outside."""
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from augury.extract.hedges import compose, piece
    from augury.lexicon import hedge_lexicon

    stats = survey_stats(load_surveys(wep))
    lexicon = hedge_lexicon()
    rows = []
    for entry in lexicon.hedges:
        for survey, phrase in entry.survey.items():
            rows.append((entry.phrase, entry.probability, stats[survey, phrase]))
    for phrase, (hedge, *surveys) in COMPOSED_CHECKS.items():
        value, _, rule = compose([piece(hedge, negated=True)])
        for survey in surveys:
            rows.append((f"{phrase} [composed]", value, stats[survey, phrase]))

    header = (
        f"{'lexicon phrase':<32}{'value':>6}  {'survey':<11}{'asked as':<22}"
        f"{'n':>6}{'median':>8}{'IQR':>14}  inside"
    )
    print(header)
    print("-" * len(header))
    outside = 0
    for phrase, value, stat in rows:
        pct = value * 100
        inside = stat.q1 - 1e-9 <= pct <= stat.q3 + 1e-9
        outside += not inside
        print(
            f"{phrase:<32}{value:>6.3f}  {stat.survey:<11}{stat.phrase:<22}{stat.n:>6}"
            f"{stat.median:>8g}{f'{stat.q1:g}-{stat.q3:g}':>14}  {'yes' if inside else 'NO'}"
        )
    covered = sum(1 for e in lexicon.hedges if e.survey)
    print(
        f"\n{len(rows) - outside}/{len(rows)} (phrase, survey) rows inside the IQR; "
        f"{covered} lexicon entries asked by a survey (+{len(COMPOSED_CHECKS)} composed "
        f"phrase), {len(lexicon.hedges) - covered} derived."
    )

    bands = load_yardsticks(wep)
    print("\nComposed intensified phrases vs official scales (information, not a target):")
    for phrase in (
        "very likely",
        "very unlikely",
        "extremely likely",
        "extremely unlikely",
        "widely expected",
        "highly likely",
        "highly unlikely",
    ):
        word, head = phrase.split()
        if phrase in lexicon.by_phrase:
            value, rule = lexicon.by_phrase[phrase].probability, "lexicon entry"
        else:
            value, _, rule = compose([piece(head, intensifier=word)])
        scales = [
            f"{scale} {low:g}-{high:g}"
            for (scale, term), (low, high) in bands.items()
            if term == phrase
        ]
        print(f"  {phrase:<20}{value:6.3f}   {', '.join(scales) or 'no scale'}   [{rule}]")
    return outside


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--write", action="store_true", help=f"recompute {LEXICON_PATH.relative_to(REPO_ROOT)}"
    )
    parser.add_argument("--data", help="the wep/ dataset folder")
    args = parser.parse_args(argv)
    wep = resolve_dataset("wep", args.data, "kucharski_capphrase/absolute_judgements.csv")
    if args.write:
        lexicon = build_lexicon(wep)
        LEXICON_PATH.write_text(
            json.dumps(lexicon, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(
            f"wrote {LEXICON_PATH} ({len(lexicon['hedges'])} hedges, "
            f"{len(lexicon['intensifiers'])} intensifiers, "
            f"{len(lexicon['weasel_cues'])} weasel cues)"
        )
        return 0
    outside = check_table(wep)
    return 1 if outside else 0


if __name__ == "__main__":
    sys.exit(main())
