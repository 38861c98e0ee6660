"""The command line, end to end over the sample articles, on SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from augury.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = str(ROOT / "examples")
CONTRACT = {
    "article": {"id", "title", "url", "source", "published", "text"},
    "speakers": {"id", "name", "kind", "title", "affiliation", "mentions"},
    "statements": {"id", "speaker", "kind", "text", "span", "cue", "cue_span", "source_span"},
}


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'ledger.db'}"


def test_analyze_prints_the_json_contract(runner, tmp_path):
    path = tmp_path / "note.txt"
    text = (
        "Port strike ends\n\n“The dockers will be back at work on Monday,” said Idris Olawale, "
        "a union organiser at the Lagos Harbour Union."
    )
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(path), "--published", "2025-04-01"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"article", "speakers", "statements", "forecasts", "claims", "quantities"} <= set(data)
    for key, fields in CONTRACT.items():
        items = data[key] if isinstance(data[key], list) else [data[key]]
        for item in items:
            assert fields <= set(item), key
    assert data["article"]["published"] == "2025-04-01"
    (st,) = data["statements"]
    assert data["article"]["text"][st["span"][0] : st["span"][1]] == st["text"]
    speaker = next(s for s in data["speakers"] if s["id"] == st["speaker"])
    assert speaker["name"] == "Idris Olawale"
    assert speaker["affiliation"] == "Lagos Harbour Union"


def test_analyze_jsonl_gives_one_line_per_article(runner):
    result = runner.invoke(main, ["analyze", EXAMPLES, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 4
    assert all(line["statements"] for line in lines)


def test_ingest_twice_changes_nothing(runner, db):
    first = runner.invoke(main, ["ingest", EXAMPLES, "--db", db, "--quiet"])
    assert first.exit_code == 0, first.output
    exported = runner.invoke(main, ["export", "--db", db]).output
    second = runner.invoke(main, ["ingest", EXAMPLES, "--db", db])
    assert second.exit_code == 0
    assert "0 new article(s)" in second.output and "4 unchanged" in second.output
    assert runner.invoke(main, ["export", "--db", db]).output == exported
    assert len(exported.splitlines()) == 4


def test_bad_input_is_named_and_the_rest_is_stored(runner, db, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "broken.jsonl").write_text('{"title": "no text here"}\n')
    good = tmp_path / "good.txt"
    good.write_text("Analysts said that the harbour would reopen within a week.\n")
    result = runner.invoke(main, ["ingest", str(tmp_path), "--db", db, "--quiet"])
    assert result.exit_code == 2
    assert "empty.txt: file is empty" in result.output
    assert "broken.jsonl:1" in result.output
    rows = json.loads(runner.invoke(main, ["statements", "--db", db, "--format", "json"]).output)
    assert [r["speaker"] for r in rows] == ["analysts"]


def test_reading_commands(runner, db):
    runner.invoke(main, ["ingest", EXAMPLES, "--db", db, "--quiet"])
    people = json.loads(runner.invoke(main, ["speakers", "--db", db, "--format", "json"]).output)
    choi = next(p for p in people if p["name"] == "Choi Min-jun")
    # One person across two articles, with both recorded titles.
    assert choi["articles"] == 2
    assert {t["title"] for t in choi["titles"]} >= {"president", "professor"}
    by_choi = json.loads(
        runner.invoke(
            main, ["statements", "--db", db, "--speaker", "Choi Min-jun", "--format", "json"]
        ).output
    )
    assert by_choi and all(r["speaker"] == "Choi Min-jun" for r in by_choi)
    hits = json.loads(
        runner.invoke(main, ["search", "tariff", "--db", db, "--format", "json"]).output
    )
    assert hits and any(h["kind"] == "statement" for h in hits)
    article_id = by_choi[0]["article_id"]
    shown = runner.invoke(main, ["show", article_id[:8], "--db", db])
    assert shown.exit_code == 0 and "Choi Min-jun" in shown.output
    csv_out = runner.invoke(main, ["export", "--db", db, "--format", "csv"]).output
    assert csv_out.splitlines()[0].startswith("article_id,article_title,published")


def test_errors_are_one_line_not_a_traceback(runner, tmp_path):
    result = runner.invoke(main, ["show", "nope", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 1
    assert "no article with id 'nope'" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["speakers", "--db", "mysql://somewhere/db"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    result = runner.invoke(main, ["analyze", "x.txt", "--published", "yesterday"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_forecasts_are_stored_and_listed(runner, db):
    runner.invoke(main, ["ingest", EXAMPLES, "--db", db, "--quiet"])
    rows = json.loads(
        runner.invoke(
            main, ["forecasts", "--db", db, "--format", "json", "--speaker", "Tanaka Hiroshi"]
        ).output
    )
    assert rows and all(r["speaker"] == "Tanaka Hiroshi" for r in rows)
    negated = [r for r in rows if r["polarity"] == "negative"]
    assert negated and all(r["probability"] < 0.5 for r in negated)
    assert all(r["window"]["end"] for r in rows)  # dated articles give every forecast a window
    table = runner.invoke(main, ["forecasts", "--db", db]).output
    assert "proposition" in table
