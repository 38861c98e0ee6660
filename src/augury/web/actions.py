"""The writes the web app makes, shared by the HTML forms and the JSON API.

Each opens the store in the calling thread, calls one service function, and tells
the ledger cache that something changed.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from starlette.requests import Request

from augury import services
from augury.ingest import IngestProblem
from augury.ledger import service
from augury.ledger.brief import safe_url
from augury.model import Analysis
from augury.nlp import model_name
from augury.store import StoreError
from augury.web.app import store_for

MAX_ARTICLES = 20  # per analysis request: a feed or JSONL upload is cut here
DEFAULT_BY = "web"


@dataclass
class AnalyzeOutcome:
    analyses: list[Analysis] = field(default_factory=list)
    stored: list[str | None] = field(default_factory=list)  # save status per analysis
    problems: list[str] = field(default_factory=list)


def analyze(
    request: Request,
    data: bytes,
    *,
    name: str = "pasted text",
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
    store: bool = False,
) -> AnalyzeOutcome:
    """Read ``data`` (text, HTML, JSONL or a feed, told by its first bytes); extract; store."""
    app = request.app
    outcome = AnalyzeOutcome()

    def problem(p: IngestProblem) -> None:
        outcome.problems.append(f"{name}: {p.message}")

    if url and not safe_url(url):
        outcome.problems.append(f"URL {url!r} ignored: only http and https addresses are kept")
        url = None
    limit = app.state.max_upload_bytes
    if len(data) > limit:
        outcome.problems.append(f"{name}: {len(data):,} bytes, over the limit of {limit:,} bytes")
        return outcome
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace")
    with app.state.nlp_lock:  # one parse at a time: spaCy models are not made for threads
        found = services.read_and_analyze(
            ["-"],
            published=published,
            max_bytes=limit,
            stdin=stdin,
            on_problem=problem,
            n_process=1,
        )
        for analysis in found:
            if len(outcome.analyses) >= MAX_ARTICLES:
                outcome.problems.append(f"{name}: only the first {MAX_ARTICLES} articles are read")
                break
            article = analysis.article
            article.title = title or article.title
            article.url = url or article.url
            article.source = source or article.source
            article.path = None
            outcome.analyses.append(analysis)
    if store and outcome.analyses:
        with store_for(request) as db:
            run_id = db.log_run(model=model_name(), command=f"web analyze ({name})")
            for analysis in outcome.analyses:
                result = db.save_analysis(analysis, model=model_name(), run_id=run_id)
                outcome.stored.append(result.status)
            db.finish_run(
                run_id,
                problems=outcome.problems,
                counts={"read": len(outcome.analyses), "failed": len(outcome.problems)},
            )
            app.state.ledger.changed()
            service.regroup(db)
    else:
        outcome.stored = [None] * len(outcome.analyses)
    return outcome


def resolve(
    request: Request, question_id: int, outcome: str, on: dt.date, evidence: str, by: str | None
):
    with store_for(request) as db:
        made = service.resolve(db, question_id, outcome, on, evidence, by or DEFAULT_BY)
    request.app.state.ledger.changed()
    return made


def accept(request: Request, suggestion_id: int, by: str | None):
    with store_for(request) as db:
        made = service.accept_suggestion(db, suggestion_id, by or DEFAULT_BY)
    request.app.state.ledger.changed()
    return made


def reject(request: Request, suggestion_id: int, by: str | None) -> int:
    """Reject a suggestion; returns its question's id."""
    with store_for(request) as db:
        found = db.list_suggestions(None, suggestion_id)
        if not found:
            raise StoreError(f"No suggestion {suggestion_id}.")
        service.reject_suggestion(db, suggestion_id, by or DEFAULT_BY)
    request.app.state.ledger.changed()
    return found[0].question_id


def scan(request: Request, since: dt.date | None = None):
    with store_for(request) as db:
        found = service.suggest_resolutions(db, since)
    request.app.state.ledger.changed()
    return found


def merge(request: Request, keep: int, other: int, by: str | None) -> int:
    with store_for(request) as db:
        moved = service.merge_questions(db, keep, other, by or DEFAULT_BY)
    request.app.state.ledger.changed()
    return moved


def rename(request: Request, question_id: int, title: str, by: str | None) -> None:
    with store_for(request) as db:
        service.rename_question(db, question_id, title, by or DEFAULT_BY)
    request.app.state.ledger.changed()


def split(
    request: Request, question_id: int, forecasts: list[str], title: str | None, by: str | None
) -> int:
    with store_for(request) as db:
        new_id = service.split_question(db, question_id, forecasts, title or None, by or DEFAULT_BY)
    request.app.state.ledger.changed()
    return new_id
