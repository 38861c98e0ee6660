"""Speed of the ledger over 100,000 stored forecasts (generated), on SQLite.

Generates articles with forecasts by a few hundred experts on a few thousand
questions (paraphrased propositions, several windows, both polarities), stores
them through ``Store.save_analysis`` inside one outer transaction (each article a
savepoint, the inserts batched per table), groups them into questions, resolves
about half of the questions, then times what the issue asks to be under 5 s:

- ``service.scores`` (every resolved forecast scored, per expert and group), and
- ``service.brief`` (Markdown and HTML over every question),

and, for information, the grouping of all 100,000 forecasts.

    python benchmarks/ledger_speed.py [--forecasts 100000] [--db PATH] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from augury.ledger import service
from augury.model import Analysis, Article, Forecast, Quantity, Speaker, Statement, Window
from augury.store import open_store

LIMIT_SECONDS = 5.0
FORECASTS_PER_ARTICLE = 5
ACTORS = [
    "Trump",
    "Kim Jong-un",
    "Seoul",
    "Tokyo",
    "Beijing",
    "Moscow",
    "Kyiv",
    "Tehran",
    "the EU",
    "India",
    "Mexico",
    "Canada",
    "NATO",
    "OPEC",
    "the Fed",
    "the Bank of Korea",
    "Germany",
    "France",
    "Britain",
    "Taiwan",
]
EVENTS = [  # (proposition with {a} and {b}, a paraphrase)
    ("{a} and {b} hold a summit", "{a} meets {b}"),
    ("{a} imposes new tariffs on {b}", "{a} announces fresh tariffs on {b}"),
    ("{a} and {b} sign a trade deal", "{a} and {b} conclude a trade agreement"),
    ("{a} lifts sanctions on {b}", "{a} eases sanctions on {b}"),
    ("{a} withdraws troops from {b}", "{a} pulls troops out of {b}"),
    ("{a} and {b} resume talks", "{a} and {b} restart negotiations"),
]
WINDOWS = [dt.date(2025, 12, 31), dt.date(2026, 11, 3), dt.date(2027, 12, 31)]


def propositions(rng: random.Random, count: int) -> list[tuple[str, str, dt.date]]:
    """``count`` distinct questions: (proposition, paraphrase, window end)."""
    out, seen = [], set()
    while len(out) < count:
        a, b = rng.sample(ACTORS, 2)
        event = rng.randrange(len(EVENTS))
        window = rng.choice(WINDOWS)
        if (a, b, event, window) in seen:
            continue
        seen.add((a, b, event, window))
        plain, paraphrase = EVENTS[event]
        out.append((plain.format(a=a, b=b), paraphrase.format(a=a, b=b), window))
    return out


def articles(forecasts: int, seed: int = 7):
    """Analyses holding ``forecasts`` forecasts in all, oldest first."""
    rng = random.Random(seed)
    questions = propositions(rng, max(1, forecasts // 40))
    experts = [f"Expert {i:03d} Analyst" for i in range(300)]
    affiliations = [f"Institute {i:02d}" for i in range(25)]
    start = dt.date(2025, 1, 1)
    for n in range(forecasts // FORECASTS_PER_ARTICLE):
        published = start + dt.timedelta(days=n * 300 // (forecasts // FORECASTS_PER_ARTICLE))
        names = rng.sample(experts, 3)
        speakers = [
            Speaker(f"sp{i}", name, "person", "analyst", affiliations[int(name.split()[1]) % 25])
            for i, name in enumerate(names)
        ]
        parts, statements, found = [], [], []
        offset = 0
        for k in range(FORECASTS_PER_ARTICLE):
            plain, paraphrase, window = rng.choice(questions)
            said = rng.choice((plain, paraphrase))
            speaker = rng.choice(speakers)
            sentence = f"{speaker.name} said {said} by 2027, at a cost of $1.2 billion. "
            span = (offset + len(speaker.name) + 6, offset + len(speaker.name) + 6 + len(said))
            statements.append(Statement(f"st{k}", speaker.id, "indirect", said, span))
            found.append(
                Forecast(
                    f"f{k}",
                    f"st{k}",
                    speaker.id,
                    said,
                    span,
                    said,
                    "likely",
                    round(rng.uniform(0.05, 0.95), 2),
                    Window(published, window, None, False),
                )
            )
            parts.append(sentence)
            offset += len(sentence)
        text = "".join(parts)
        money = text.index("$1.2 billion")
        yield Analysis(
            Article(
                f"bench{n:06d}",
                text,
                f"Article {n}",
                f"https://news.example/{n}",
                "Bench News",
                published,
            ),
            speakers,
            statements,
            found,
            quantities=[Quantity("$1.2 billion", (money, money + 12), 1.2e9, "USD", "money")],
        )


def timed(label: str, results: dict, run):
    started = time.perf_counter()
    value = run()
    results[label] = round(time.perf_counter() - started, 3)
    print(f"{label:34} {results[label]:8.2f} s")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forecasts", type=int, default=100_000)
    parser.add_argument("--db", help="SQLite file to use [default: a temporary file]")
    parser.add_argument("--json", metavar="FILE", help="also write the timings as JSON")
    args = parser.parse_args(argv)
    folder = tempfile.TemporaryDirectory()
    path = args.db or str(Path(folder.name) / "ledger.db")
    results: dict[str, float | int] = {"forecasts": args.forecasts}
    with open_store(path) as store:

        def load() -> None:
            with store.backend.transaction():  # one commit; each article is a savepoint
                for analysis in articles(args.forecasts):
                    store.save_analysis(analysis)

        timed("store the forecasts (setup)", results, load)
        grouped = timed(
            "regroup (setup)", results, lambda: service.regroup(store, dt.date(2026, 6, 1))
        )
        results["questions"] = grouped.new_questions
        rng = random.Random(11)

        def resolve_half() -> None:
            with store.backend.transaction():
                for q in store.list_questions(limit=None):
                    if rng.random() < 0.5:
                        outcome = rng.choice(("yes", "no", "no", "void"))
                        store.add_resolution(q.id, outcome, q.window_end, "generated", "bench")

        timed("resolve half the questions (setup)", results, resolve_half)
        found = timed("scores", results, lambda: service.scores(store))
        results["scored"] = found.overall.resolved
        latest = timed("scores --latest-only", results, lambda: service.scores(store, True))
        results["scored_latest_only"] = latest.overall.resolved
        markdown = timed("brief markdown", results, lambda: service.brief(store, fmt="markdown"))
        html = timed("brief html", results, lambda: service.brief(store, fmt="html"))
        results["brief_markdown_kb"] = len(markdown) // 1024
        results["brief_html_kb"] = len(html) // 1024
    print(
        f"{results['forecasts']:,} forecasts, {results['questions']:,} questions, "
        f"{results['scored']:,} scored; briefs {results['brief_markdown_kb']:,} KB markdown, "
        f"{results['brief_html_kb']:,} KB html"
    )
    slow = [
        k
        for k in ("scores", "scores --latest-only", "brief markdown", "brief html")
        if results[k] > LIMIT_SECONDS
    ]
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), "utf-8")
    if slow:
        print(f"over {LIMIT_SECONDS:g} s: {', '.join(slow)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
