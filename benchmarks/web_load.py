"""Page response time of ``augury serve`` under load, with 10,000 articles stored.

Generates articles (speakers with titles, quoted and reported statements,
forecasts on shared questions, figures) as ``Analysis`` objects and saves them
through the store, groups the forecasts into questions and resolves a third of
them. Then starts ``augury serve`` on 127.0.0.1 in a child process and, from this
process, sends it requests from ``--clients`` threads (keep-alive connections) for
``--seconds`` per target: article pages, speaker pages, question pages and, as
the baseline, a static file from the same server. Prints median, 95th and 99th
percentile and requests per second for each. Loopback only; every loop stops by
a deadline and a request cap.

    python benchmarks/web_load.py [--articles 10000] [--clients 20] [--seconds 30]
                                  [--db PATH] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from augury.ledger import service
from augury.model import (
    Analysis,
    Article,
    Forecast,
    Quantity,
    Speaker,
    Statement,
    Window,
)
from augury.store import open_store

HOST = "127.0.0.1"  # loopback only, by design
MAX_REQUESTS_PER_CLIENT = 200_000
ACTORS = [
    "Washington", "Seoul", "Tokyo", "Beijing", "Pyongyang", "Moscow", "Kyiv", "Tehran",
    "the EU", "India", "Mexico", "Canada", "NATO", "OPEC", "the Fed", "the Bank of Korea",
    "Germany", "France", "Britain", "Taiwan",
]  # fmt: skip
EVENTS = [
    ("{a} and {b} hold a summit", "{a} meets {b}"),
    ("{a} imposes new tariffs on {b}", "{a} announces fresh tariffs on {b}"),
    ("{a} and {b} sign a trade deal", "{a} and {b} conclude a trade agreement"),
    ("{a} lifts sanctions on {b}", "{a} eases sanctions on {b}"),
    ("{a} withdraws troops from {b}", "{a} pulls troops out of {b}"),
    ("{a} and {b} resume talks", "{a} and {b} restart negotiations"),
]
WINDOWS = [dt.date(2025, 12, 31), dt.date(2026, 6, 30), dt.date(2026, 11, 3), dt.date(2027, 12, 31)]
HEDGES = [("is likely to", 0.7), ("could", 0.4), ("will almost certainly", 0.93),
          ("is unlikely to", 0.2), ("may", 0.45), ("expects that", 0.75)]  # fmt: skip
FILLER = (
    "Officials on both sides declined to comment on the timing, and markets reacted "
    "little to the news. The negotiations have stalled twice this year, and the "
    "deadlines set at the last round have passed without an agreement. "
)
FIRST = "Min-jun Ji-woo Hiroshi Rebecca Javier Kenji Amara Lena Tomas Priya Omar Sofia".split()
LAST = "Park Kim Tanaka Ellison Montes Sato Osei Novak Reyes Shah Haddad Lindqvist".split()
TITLES = ["senior fellow", "chief economist", "professor of economics", "research director"]


def _experts(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    rng.shuffle(names)
    names = (names * (count // len(names) + 1))[:count]
    return [
        (name if i < len(FIRST) * len(LAST) else f"{name} {i}", rng.choice(TITLES),
         f"Institute {i % 40:02d}")
        for i, name in enumerate(names)
    ]  # fmt: skip


class _Writer:
    """Appends pieces of an article's text and says where each starts."""

    def __init__(self, parts: list[str]) -> None:
        self.parts, self.offset = parts, 0

    def add(self, text: str) -> int:
        at = self.offset
        self.parts.append(text)
        self.offset += len(text)
        return at


def generate(count: int, seed: int = 3):
    """``count`` articles, oldest first, each with 3 speakers, 5 statements, 2-3 forecasts."""
    rng = random.Random(seed)
    experts = _experts(rng, 400)
    questions = []
    for a in ACTORS:
        for b in ACTORS:
            if a != b:
                for plain, paraphrase in EVENTS:
                    questions.append(
                        (plain.format(a=a, b=b), paraphrase.format(a=a, b=b), rng.choice(WINDOWS))
                    )
    rng.shuffle(questions)
    questions = questions[:600]
    start = dt.date(2025, 1, 6)
    for n in range(count):
        published = start + dt.timedelta(days=n * 500 // count)
        chosen = rng.sample(experts, 3)
        speakers = [
            Speaker(f"sp{i}", name, "person", title, affiliation)
            for i, (name, title, affiliation) in enumerate(chosen)
        ]
        parts: list[str] = []
        statements: list[Statement] = []
        forecasts: list[Forecast] = []
        quantities: list[Quantity] = []
        add = _Writer(parts).add
        topic = rng.choice(questions)
        add(f"Talks on {topic[1]} enter a new phase\n\n")
        for k in range(5):
            who = speakers[k % 3]
            if k < 3 and rng.random() < 0.85:
                plain, paraphrase, window = rng.choice(questions)
                said = rng.choice((plain, paraphrase))
                hedge, p = rng.choice(HEDGES)
                lead = f"{who.name}, {who.title} at {who.affiliation}, said "
                at = add(lead)
                content = (
                    f"{said.split(' ', 1)[0]} {hedge} {said.split(' ', 1)[1]} by {window:%B %Y}"
                )
                c_at = add(content)
                add(", a move that could cost ")
                money = f"${rng.randint(2, 90)} billion"
                m_at = add(money)
                add(". ")
                value = float(money[1:].split()[0]) * 1e9
                quantities.append(Quantity(money, (m_at, m_at + len(money)), value, "USD", "money"))
                statements.append(
                    Statement(f"st{k}", who.id, "indirect", content, (c_at, c_at + len(content)),
                              "said", (c_at - 5, c_at - 1), (at, at + len(who.name)))
                )  # fmt: skip
                forecasts.append(
                    Forecast(f"fc{k}", f"st{k}", who.id, content, (c_at, c_at + len(content)),
                             said, hedge, p, Window(published, window, f"by {window:%B %Y}", False))
                )  # fmt: skip
            else:
                quote = (
                    f"We have seen {rng.randint(3, 12)} rounds of this already, and nobody in "
                    "the room expects the next one to be different"
                )
                add("\u201c")
                q_at = add(quote)
                name_at = add(",\u201d ") + 3
                add(f"{who.name} said. ")
                cue_at = name_at + len(who.name) + 1
                statements.append(
                    Statement(f"st{k}", who.id, "direct", quote, (q_at, q_at + len(quote)),
                              "said", (cue_at, cue_at + 4), (name_at, name_at + len(who.name)))
                )  # fmt: skip
            add(FILLER + "\n\n")
        text = "".join(parts).rstrip()
        yield Analysis(
            Article(f"web{n:012d}", text, f"Talks on {topic[1]} enter a new phase",
                    f"https://news.example/{n}", "Bench Wire", published),
            speakers, statements, forecasts, quantities=quantities,
        )  # fmt: skip


def build(path: str, count: int) -> dict:
    """Store ``count`` generated articles, group them into questions, resolve a third."""
    info: dict = {}
    with open_store(path) as store:
        started = time.perf_counter()
        with store.backend.transaction():
            for analysis in generate(count):
                store.save_analysis(analysis)
        info["store_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        service.regroup(store, dt.date(2026, 7, 1))
        info["regroup_s"] = round(time.perf_counter() - started, 1)
        rng = random.Random(5)
        with store.backend.transaction():
            for q in store.list_questions(limit=None):
                if q.window_end and q.window_end < dt.date(2026, 7, 1) and rng.random() < 0.6:
                    outcome = rng.choice(("yes", "no", "no"))
                    store.add_resolution(q.id, outcome, q.window_end, "generated", "bench")
        info.update(store.counts())
        info["questions"] = len(store.list_questions(limit=None))
    return info


def targets(path: str, rng: random.Random) -> dict[str, list[str]]:
    """A few hundred addresses per page kind, chosen at random."""
    with open_store(path) as store:
        articles = [a.id for a in store.list_articles(limit=5000)]
        persons = [p.id for p in store.list_persons(limit=400)]
        questions = [q.id for q in store.list_questions(limit=None)]
    return {
        "article": [f"/articles/{a}" for a in rng.sample(articles, min(300, len(articles)))],
        "speaker": [f"/speakers/{p}" for p in rng.sample(persons, min(300, len(persons)))],
        "question": [f"/questions/{q}" for q in rng.sample(questions, min(300, len(questions)))],
        "static (baseline)": ["/static/style.css"],
    }


def _client(port: int, paths: list[str], deadline: float, seed: int, out: list, errors: list):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            break
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            answer = conn.getresponse()
            answer.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(str(error))
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            continue
        out.append(time.perf_counter() - started)
        if answer.status != 200:
            errors.append(f"{path}: {answer.status}")
    conn.close()


def load(port: int, paths: list[str], clients: int, seconds: float) -> dict:
    """``clients`` threads requesting ``paths`` for ``seconds``; latency statistics in ms."""
    timings: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(port, paths, deadline, i, timings[i], errors))
        for i in range(clients)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    found = sorted(x for t in timings for x in t)
    if not found:
        return {"requests": 0, "errors": len(errors), "first_error": errors[:1]}

    def pct(p: float) -> float:
        return round(1000 * found[min(len(found) - 1, int(p * len(found)))], 1)

    return {
        "requests": len(found),
        "per_second": round(len(found) / elapsed, 1),
        "median_ms": round(1000 * statistics.median(found), 1),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "errors": len(errors),
        "first_error": errors[:1],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait(port: int, server: subprocess.Popen, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"augury serve exited with {server.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("augury serve did not start within a minute")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="per target")
    parser.add_argument("--db", help="SQLite file; generated when missing [default: temporary]")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    folder = tempfile.TemporaryDirectory()
    path = args.db or str(Path(folder.name) / "web.db")
    results: dict = {"articles": args.articles, "clients": args.clients, "seconds": args.seconds}
    if not Path(path).exists():
        print(f"generating {args.articles:,} articles into {path} ...", flush=True)
        results["setup"] = build(path, args.articles)
        print(f"  {results['setup']}", flush=True)
    pages = targets(path, random.Random(1))
    port = _free_port()
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "augury",
            "serve",
            "--db",
            path,
            "--host",
            HOST,
            "--port",
            str(port),
        ],
        env=env,
    )
    try:
        _wait(port, server)
        print(
            f"{'page':18} {'requests':>9} {'req/s':>7} {'median':>8} {'p95':>8} {'p99':>8} errors"
        )
        for name, paths in pages.items():
            load(port, paths, min(4, args.clients), 2.0)  # warm up: caches, first pages
            found = load(port, paths, args.clients, args.seconds)
            results[name] = found
            print(
                f"{name:18} {found['requests']:9,} {found.get('per_second', 0):7.1f} "
                f"{found.get('median_ms', 0):6.1f}ms {found.get('p95_ms', 0):6.1f}ms "
                f"{found.get('p99_ms', 0):6.1f}ms {found['errors']}",
                flush=True,
            )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), "utf-8")
    failed = any(r.get("errors") for r in results.values() if isinstance(r, dict) and "errors" in r)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
