"""End to end: two articles from one month with overlapping forecasts by three
experts, a third a year later reporting one event as happened and one as not.
Hand-made ``Analysis`` objects stand in for the forecast extractor."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from click.testing import CliRunner
from test_store import pg_admin, url  # noqa: F401  (fixtures: SQLite and PostgreSQL)

from augury.ledger import service
from augury.model import Analysis, Article, Forecast, Quantity, Speaker, Statement, Window
from augury.store import open_store

D = dt.date
MIDTERMS = D(2026, 11, 3)
END_2025 = D(2025, 12, 31)

CHOI = Speaker("sp1", "Choi Min-jun", "person", "president", "Seoul Center for Peninsula Studies")
ELLISON = Speaker("sp2", "Mara Ellison", "person", "senior fellow", "Halvorsen Institute")
TANAKA = Speaker("sp3", "Tanaka Hiroshi", "person", "professor", "Minamikawa University")

SEOUL = (
    "Summit hopes rise in Seoul\n\n"
    "Choi Min-jun, president of the Seoul Center for Peninsula Studies, said Trump and "
    "Kim Jong-un were likely to hold a summit before the midterm elections.\n\n"
    "Mara Ellison, a senior fellow at the Halvorsen Institute, said North Korea was unlikely "
    "to conduct a seventh nuclear test this year. She added that Washington could pull "
    "4,500 troops from South Korea by the end of 2026."
)
TOKYO = (
    "Tokyo conference weighs summit odds\n\n"
    "Choi echoed this view, saying Trump and Kim Jong-un would probably hold a summit "
    "before the midterms.\n\n"
    "On the other hand, Tanaka Hiroshi, a professor at Minamikawa University, said Trump "
    "might meet Kim Jong-un before the midterms. Tanaka said Pyongyang may well carry out "
    "its seventh nuclear test this year.\n\n"
    "Ellison said Trump and Kim were unlikely to hold a summit before the midterms."
)
YEAR_ON = (
    "A year on, the forecasts meet the facts\n\n"
    "Trump and Kim Jong-un held a summit in Panmunjom in February, their first meeting "
    "since 2019.\n\n"
    "North Korea did not carry out a seventh nuclear test in 2025, and analysts said "
    "Pyongyang was unlikely to test before the summer.\n\n"
    "Tariffs on Korean cars, however, stayed where they were."
)


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def article(
    article_id: str, published: dt.date, text: str, speakers: list[Speaker], forecasts: list
) -> Analysis:
    """An analysis whose forecasts are (speaker, said, proposition, p, polarity, window end)."""
    statements, found, quantities = [], [], []
    for n, (speaker, said, proposition, p, polarity, end) in enumerate(forecasts, 1):
        span = _span(text, said)
        statements.append(Statement(f"st{n}", speaker.id, "indirect", said, span))
        window = Window(published, end, None, False)
        found.append(
            Forecast(
                f"f{n}",
                f"st{n}",
                speaker.id,
                said,
                span,
                proposition,
                None,
                p,
                window,
                None,
                polarity,
            )
        )
    if "4,500 troops" in text:
        quantities.append(
            Quantity("4,500 troops", _span(text, "4,500 troops"), 4500, "troops", "count")
        )
    return Analysis(
        article=Article(
            article_id,
            text,
            text.split("\n")[0],
            f"https://news.example/{article_id}",
            "Example News",
            published,
        ),
        speakers=speakers,
        statements=statements,
        forecasts=found,
        quantities=quantities,
    )


SUMMIT = "Trump and Kim Jong-un hold a summit"
TEST = "North Korea conducts a seventh nuclear test"


def scenario() -> list[Analysis]:
    """The three articles; forecasts give p(positive proposition) as the contract says."""
    seoul = article(
        "seoul",
        D(2025, 3, 10),
        SEOUL,
        [CHOI, ELLISON],
        [
            (
                CHOI,
                "Trump and Kim Jong-un were likely to hold a summit before the midterm elections",
                SUMMIT,
                0.7,
                "positive",
                MIDTERMS,
            ),
            (
                ELLISON,
                "North Korea was unlikely to conduct a seventh nuclear test this year",
                TEST,
                0.2,
                "negative",
                END_2025,
            ),
            (
                ELLISON,
                "Washington could pull 4,500 troops from South Korea by the end of 2026",
                "Washington pulls 4,500 troops from South Korea",
                0.4,
                "positive",
                D(2026, 12, 31),
            ),
        ],
    )
    tokyo = article(
        "tokyo",
        D(2025, 3, 24),
        TOKYO,
        [CHOI, ELLISON, TANAKA],
        [
            (
                CHOI,
                "Trump and Kim Jong-un would probably hold a summit before the midterms",
                SUMMIT,
                0.8,
                "positive",
                MIDTERMS,
            ),
            (
                TANAKA,
                "Trump might meet Kim Jong-un before the midterms",
                "Trump meets Kim Jong-un",
                0.4,
                "positive",
                MIDTERMS,
            ),
            (
                TANAKA,
                "Pyongyang may well carry out its seventh nuclear test this year",
                "Pyongyang carries out its seventh nuclear test",
                0.6,
                "positive",
                END_2025,
            ),
            (
                ELLISON,
                "Trump and Kim were unlikely to hold a summit before the midterms",
                "Trump and Kim hold a summit",
                0.25,
                "negative",
                MIDTERMS,
            ),
        ],
    )
    year_on = article("yearon", D(2026, 3, 16), YEAR_ON, [], [])
    return [seoul, tokyo, year_on]


# Hand computation. Summit resolved yes: Choi 0.7 and 0.8, Tanaka 0.4, Ellison 0.25.
# Test resolved no: Ellison 0.2, Tanaka 0.6 (each the chance of yes).
BRIER = {
    "Choi Min-jun": ((0.7 - 1) ** 2 + (0.8 - 1) ** 2) / 2,  # 0.065
    "Tanaka Hiroshi": ((0.4 - 1) ** 2 + 0.6**2) / 2,  # 0.36
    "Mara Ellison": ((0.25 - 1) ** 2 + 0.2**2) / 2,  # 0.30125
}
ALL_BRIER = (0.09 + 0.04 + 0.36 + 0.5625 + 0.04 + 0.36) / 6  # 0.2420833
LOG = {"Tanaka Hiroshi": (math.log(0.4) + math.log(0.4)) / 2}
BASELINE = {"Choi Min-jun": (100 * (math.log2(0.7) + 1) + 100 * (math.log2(0.8) + 1)) / 2}


@pytest.fixture
def ledger(url):  # noqa: F811
    with open_store(url) as store:
        for analysis in scenario():
            store.save_analysis(analysis)
        yield store


def _question(store, words: str):
    found = [v for v in service.list_questions(store) if words in v.question.title]
    assert len(found) == 1, [v.question.title for v in service.list_questions(store)]
    return found[0]


def test_grouping_makes_one_question_per_proposition_and_window(ledger):
    result = service.regroup(ledger, today=D(2025, 4, 1))
    assert (result.new_questions, result.assigned) == (3, 7)
    summit = _question(ledger, "summit")
    assert summit.question.title == "Will Trump and Kim Jong-un hold a summit by 2026-11-03?"
    assert sorted(f.expert for f in summit.forecasts) == [
        "Choi Min-jun",
        "Choi Min-jun",
        "Mara Ellison",
        "Tanaka Hiroshi",
    ]
    assert summit.consensus.median == pytest.approx(0.55)
    assert summit.divided  # 0.7 and 0.8 against 0.4 and 0.25
    stances = {f.expert: f.stance for f in summit.forecasts if f.stance}
    assert stances == {"Choi Min-jun": "agrees", "Tanaka Hiroshi": "disagrees"}
    test = _question(ledger, "nuclear test")
    assert sorted(f.probability for f in test.forecasts) == [0.2, 0.6]
    assert service.regroup(ledger).assigned == 0  # nothing new: nothing moves


def test_suggested_resolutions_find_both_events_and_scores_match_by_hand(ledger):
    service.regroup(ledger, today=D(2026, 3, 20))
    assert _question(ledger, "nuclear test").question.status == "expired"
    pending = service.suggest_resolutions(ledger)
    by_question = {s.question_title: s for s in pending}
    summit = next(s for t, s in by_question.items() if "summit" in t)
    test = next(s for t, s in by_question.items() if "nuclear" in t)
    assert (summit.outcome, summit.event_date, summit.article_id) == (
        "yes",
        D(2026, 2, 1),
        "yearon",
    )
    assert summit.sentence.startswith("Trump and Kim Jong-un held a summit in Panmunjom")
    assert YEAR_ON[summit.span[0] : summit.span[1]] == summit.sentence
    assert (test.outcome, test.article_id) == ("no", "yearon")
    assert "did not carry out a seventh nuclear test" in test.sentence
    assert not any("troops" in t for t in by_question)  # nothing said about troops
    for s in (summit, test):
        assert s.confidence >= 0.5
        made = service.accept_suggestion(ledger, s.id, by="editor")
        assert made.article_id == "yearon" and made.resolved_by == "editor"
    assert service.suggest_resolutions(ledger) == []  # resolved questions are not scanned

    found = service.scores(ledger)
    cards = {c.name: c for c in found.experts}
    for name, value in BRIER.items():
        assert cards[name].brier == pytest.approx(value)
    assert found.overall.brier == pytest.approx(ALL_BRIER)
    assert found.overall.resolved == 6
    assert cards["Tanaka Hiroshi"].log_score == pytest.approx(LOG["Tanaka Hiroshi"])
    assert cards["Choi Min-jun"].baseline == pytest.approx(BASELINE["Choi Min-jun"])
    assert [m.expert for m in found.unresolved] == ["Mara Ellison"]  # the troops forecast
    groups = {c.name: c.resolved for c in found.groups}
    assert groups == {
        "Seoul Center for Peninsula Studies": 2,
        "Halvorsen Institute": 2,
        "Minamikawa University": 2,
    }

    latest = {c.name: c for c in service.scores(ledger, latest_only=True).experts}
    assert latest["Choi Min-jun"].resolved == 1
    assert latest["Choi Min-jun"].brier == pytest.approx(0.04)  # only the 0.8 of March 24


def test_scores_agree_with_scikit_learn(ledger):
    metrics = pytest.importorskip("sklearn.metrics")
    service.regroup(ledger, today=D(2026, 3, 20))
    summit, test = _question(ledger, "summit"), _question(ledger, "nuclear test")
    service.resolve(ledger, summit.question.id, "yes", D(2026, 2, 1), "summit held", by="me")
    service.resolve(ledger, test.question.id, "no", END_2025, "no test", by="me")
    members = [m for m in ledger.question_members() if m.outcome in ("yes", "no")]
    truth = [1 if m.outcome == "yes" else 0 for m in members]
    probabilities = [m.probability for m in members]
    overall = service.scores(ledger).overall
    assert overall.brier == pytest.approx(metrics.brier_score_loss(truth, probabilities))
    assert overall.log_score == pytest.approx(-metrics.log_loss(truth, probabilities))


def test_brief_shows_sides_resolutions_and_sources(ledger):
    service.regroup(ledger, today=D(2026, 3, 20))
    summit = _question(ledger, "summit")
    service.resolve(ledger, summit.question.id, "yes", D(2026, 2, 1), "https://news.example/yearon")
    text = service.brief(ledger, fmt="markdown", today=D(2026, 3, 20))
    assert "## Open questions" in text and "Expired, awaiting resolution" in text
    assert "Figures quoted: 4,500 troops" in text
    assert "Right: Choi Min\\-jun" not in text  # hyphens are not escaped ...
    assert "Right: Choi Min-jun (70%), Choi Min-jun (80%). Wrong: Tanaka Hiroshi (40%)" in text
    assert "(<https://news.example/tokyo#:~:text=" in text  # ... links go to the sentence
    html = service.brief(ledger, topic="nuclear", fmt="html")
    assert "<h3>Q" in html and "hold a summit" not in html.split("<h2>Resolved")[0]


def test_cli_commands_end_to_end(ledger, url, tmp_path):  # noqa: F811
    from augury.cli import main

    runner = CliRunner()
    ledger.close()

    def run(*args: str):
        result = runner.invoke(main, [*args, "--db", url], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    listed = json.loads(run("questions", "--format", "json"))
    assert len(listed) == 3
    summit = next(q for q in listed if "summit" in q["title"])
    assert summit["divided"] and summit["consensus"]["median"] == 0.55
    suggestions = json.loads(run("suggestions", "--format", "json"))
    assert {s["outcome"] for s in suggestions} == {"yes", "no"}
    for s in suggestions:
        run("suggestions", "--accept", str(s["id"]), "--by", "editor")
    assert "corrected (was yes)" in run(
        "resolve",
        str(summit["id"]),
        "--outcome",
        "yes",
        "--on",
        "2026-02-14",
        "--evidence",
        "summit held",
    )
    scores = json.loads(run("scores", "--format", "json", "--latest-only"))
    assert scores["latest_only"] and scores["overall"]["resolved"] == 5
    html = tmp_path / "brief.html"
    run("brief", "--format", "html", "--output", str(html))
    assert html.read_text("utf-8").startswith("<!doctype html>")
    shown = run("questions", "show", str(summit["id"]))
    assert "superseded by" in shown
    run("questions", "rename", str(summit["id"]), "Trump-Kim summit before the midterms?")
    assert "Trump-Kim summit" in run("questions", "--status", "resolved")
    if pytest.importorskip("matplotlib"):
        chart = tmp_path / "calibration.svg"
        run("scores", "--chart", str(chart))
        assert chart.read_text("utf-8").lstrip().startswith("<?xml")
    bad = runner.invoke(
        main,
        [
            "resolve",
            "999",
            "--outcome",
            "yes",
            "--on",
            "2026-01-01",
            "--evidence",
            "x",
            "--db",
            url,
        ],
    )
    assert bad.exit_code == 1 and "No question 999" in bad.output
