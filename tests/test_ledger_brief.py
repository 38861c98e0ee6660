"""Briefings render safely: article text is data, never markup."""

from __future__ import annotations

import datetime as dt

import pytest

from augury.ledger.brief import (
    BriefForecast,
    Briefing,
    BriefQuestion,
    BriefResolution,
    md,
    render,
    safe_url,
)

HOSTILE = '<script>alert("x")</script> *bold* [link](javascript:alert(1))'


def briefing() -> Briefing:
    forecast = BriefForecast(
        HOSTILE,
        "Institute & Co",
        0.8,
        'he said "soon" <b>',
        dt.date(2025, 3, 1),
        "Title <i>",
        "javascript:alert(1)",
        "agrees",
        ["$1.2 billion"],
    )
    sourced = BriefForecast(
        "Ann Lee",
        None,
        0.3,
        "the won weakens past 1,500",
        None,
        "Markets",
        "https://news.example/a b?x=1",
    )
    question = BriefQuestion(
        1,
        "Will <b>it</b> happen?",
        "expired",
        None,
        dt.date(2026, 1, 1),
        0.55,
        0.3,
        0.8,
        True,
        [forecast],
        [sourced],
    )
    resolution = BriefResolution(
        2,
        "Will X?",
        "yes",
        dt.date(2026, 2, 1),
        HOSTILE,
        "https://news.example/r",
        "editor",
        [sourced],
        [forecast],
    )
    return Briefing(
        "tariffs <3", dt.date(2025, 1, 1), dt.date(2026, 3, 1), [question], [resolution]
    )


def test_html_escapes_everything_from_articles():
    html = render(briefing(), "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html.split("<body>")[1].replace("javascript:alert(1))", "")
    assert 'href="javascript' not in html
    assert "Experts are divided." in html and "Expired, awaiting resolution" in html
    assert "https://news.example/a%20b?x=1#:~:text=the%20won%20weakens%20past%201%2C500" in html


def test_markdown_escapes_its_syntax_and_keeps_safe_links():
    text = render(briefing(), "markdown")
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\*bold\\*" in text and "\\[link\\]" in text
    assert "](<javascript" not in text
    assert "[Markets](<https://news.example/a%20b?x=1#:~:text=" in text
    assert "Consensus 55% (range 30%–80%, 2 forecasts). **Experts are divided.**" in text
    assert "Right: Ann Lee (30%). Wrong:" in text
    assert "Figures quoted: $1.2 billion" in text


def test_helpers_and_bad_format():
    assert md("a_b*c") == "a\\_b\\*c"
    assert safe_url("ftp://x") is None and safe_url(None) is None
    assert safe_url("https://x.example/p", "Kim-Jong un said") == (
        "https://x.example/p#:~:text=Kim%2DJong%20un%20said"
    )
    with pytest.raises(ValueError, match="markdown or html"):
        render(briefing(), "pdf")


def test_chart_files(tmp_path):
    pytest.importorskip("matplotlib")
    from augury.ledger.charts import ChartError, calibration_chart
    from augury.ledger.scoring import score_card

    card = score_card("all", "all", [(0.7, 1), (0.2, 0), (0.6, 0), (0.9, 1)])
    for name in ("c.png", "c.svg"):
        path = calibration_chart([card], tmp_path / name)
        assert path.stat().st_size > 1000
    assert (tmp_path / "c.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(ChartError, match=".png or .svg"):
        calibration_chart([card], tmp_path / "c.pdf")
    with pytest.raises(ChartError, match="No resolved"):
        calibration_chart([score_card("none", "all", [])], tmp_path / "d.png")
