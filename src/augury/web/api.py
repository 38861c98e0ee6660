"""The JSON API: the twin of every HTML page, and the writes, under /api/.

Routes are thin: they open the store, call ``views`` (reads) or ``actions``
(writes), and return the page model that the HTML route renders.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from augury.ledger.brief import safe_url
from augury.store import StoreError
from augury.web import actions, views
from augury.web import schemas as s
from augury.web.app import Forbidden, LoginRequired, store_for
from augury.web.security import same_origin


async def can_read(request: Request) -> None:
    if not request.app.state.access.can_read(request):
        raise LoginRequired


async def can_write(request: Request) -> None:
    """The token if one is set; and never a browser's cross-site or non-JSON request."""
    access = request.app.state.access
    if not access.authorised(request):
        raise Forbidden("Writes need the token: send Authorization: Bearer TOKEN.")
    if not same_origin(request):
        raise Forbidden("Cross-site requests cannot write.")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    bearer = request.headers.get("authorization", "").lower().startswith("bearer ")
    if not bearer and kind != "application/json":
        # A page elsewhere can POST a form or a typeless body, but not JSON.
        raise Forbidden("Send writes as JSON (Content-Type: application/json).")


ERRORS = {
    400: {"model": s.ErrorOut, "description": "A problem with the input, explained."},
    401: {"model": s.ErrorOut, "description": "The token is needed (private reads)."},
    404: {"model": s.ErrorOut, "description": "Nothing stored by that id."},
}
WRITE_ERRORS = ERRORS | {
    403: {"model": s.ErrorOut, "description": "No token, cross-site, or not JSON."},
    413: {"model": s.ErrorOut, "description": "The body is over the size limit."},
}

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(can_read)])

Page = Query(1, ge=1, description="Page number, from 1.")
PerPage = Query(views.PER_PAGE, ge=1, le=views.MAX_PER_PAGE, description="Items per page.")


# -- reads ---------------------------------------------------------------------------------


@router.get("/home", response_model=s.HomePage, responses=ERRORS)
def home(request: Request):
    """Twin of /: recent articles, questions closing soon, recent resolutions, top experts."""
    with store_for(request) as store:
        return views.home(store, request.app.state.ledger)


@router.get("/articles", response_model=s.ArticleListPage, responses=ERRORS)
def articles(request: Request, page: int = Page, per_page: int = PerPage):
    """Twin of /articles: stored articles, newest first."""
    with store_for(request) as store:
        return views.articles(store, request, page, per_page)


@router.get("/articles/{article_id}", response_model=s.ArticlePage, responses=ERRORS)
def article(request: Request, article_id: str):
    """Twin of /articles/ID: the analysis contract, speakers with their person id."""
    with store_for(request) as store:
        return views.article(store, article_id)[1]


@router.get("/speakers", response_model=s.SpeakerListPage, responses=ERRORS)
def speakers(
    request: Request,
    kind: str | None = Query(None, description="person, group, organization or anonymous"),
    page: int = Page,
    per_page: int = PerPage,
):
    """Twin of /speakers: everyone quoted, the most quoted first."""
    with store_for(request) as store:
        return views.speakers(store, request, kind, page, per_page)


@router.get("/speakers/{person_id}", response_model=s.SpeakerPage, responses=ERRORS)
def speaker(request: Request, person_id: int):
    """Twin of /speakers/ID: profile, latest statements and forecasts, track record."""
    with store_for(request) as store:
        return views.speaker(store, request.app.state.ledger, person_id)


@router.get(
    "/speakers/{person_id}/articles", response_model=s.SpeakerArticleListPage, responses=ERRORS
)
def speaker_articles(request: Request, person_id: int, page: int = Page, per_page: int = PerPage):
    """Twin of /speakers/ID/articles: every article that quotes one speaker, newest first."""
    with store_for(request) as store:
        return views.speaker_articles(store, request, person_id, page, per_page)


@router.get(
    "/speakers/{person_id}/statements", response_model=s.StatementListPage, responses=ERRORS
)
def speaker_statements(request: Request, person_id: int, page: int = Page, per_page: int = PerPage):
    """Twin of /speakers/ID/statements: every statement of one speaker, newest first."""
    with store_for(request) as store:
        return views.speaker_statements(store, request, person_id, page, per_page)


@router.get("/speakers/{person_id}/forecasts", response_model=s.ForecastListPage, responses=ERRORS)
def speaker_forecasts(request: Request, person_id: int, page: int = Page, per_page: int = PerPage):
    """Twin of /speakers/ID/forecasts: every forecast of one speaker, newest first."""
    with store_for(request) as store:
        return views.speaker_forecasts(store, request, person_id, page, per_page)


@router.get("/questions", response_model=s.QuestionListPage, responses=ERRORS)
def questions(
    request: Request,
    status: str | None = Query(None, description="open, expired or resolved"),
    topic: str | None = Query(None, description="Words in the question or its forecasts."),
    speaker: str | None = Query(None, description="A speaker's id or name."),
    ends_after: Annotated[dt.date | None, Query(description="Window ends on or after.")] = None,
    ends_before: Annotated[dt.date | None, Query(description="Window ends on or before.")] = None,
    page: int = Page,
    per_page: int = PerPage,
):
    """Twin of /questions: forecast questions, the window ending soonest first."""
    filters = s.QuestionFilters(
        status=status or None,
        topic=topic or None,
        speaker=speaker or None,
        ends_after=ends_after,
        ends_before=ends_before,
    )
    with store_for(request) as store:
        return views.questions(store, request.app.state.ledger, request, filters, page, per_page)


@router.get("/questions/{question_id}", response_model=s.QuestionPage, responses=ERRORS)
def question(request: Request, question_id: int, page: int = Page, per_page: int = PerPage):
    """Twin of /questions/ID: consensus, a page of forecasts, resolutions, suggestions, edits."""
    with store_for(request) as store:
        ledger = request.app.state.ledger
        return views.question_page(store, ledger, request, question_id, page, per_page)[1]


@router.get("/suggestions", response_model=s.SuggestionListPage, responses=ERRORS)
def suggestions(request: Request, page: int = Page, per_page: int = PerPage):
    """Twin of /suggestions: pending suggested resolutions, most confident first."""
    with store_for(request) as store:
        return views.suggestions(store, request, page, per_page)


@router.get("/scores", response_model=s.ScoresPage, responses=ERRORS)
def scores(
    request: Request,
    latest_only: bool = Query(False, description="Only each expert's latest forecast."),
    page: int = Page,
    per_page: int = PerPage,
):
    """Twin of /scores: Brier, log and baseline scores with calibration, per expert."""
    with store_for(request) as store:
        return views.scores(store, request.app.state.ledger, request, latest_only, page, per_page)


@router.get("/search", response_model=s.SearchPage, responses=ERRORS)
def search(
    request: Request,
    q: str = Query("", max_length=500, description='Words, "phrases", or, -excluded.'),
    page: int = Page,
    per_page: int = PerPage,
):
    """Twin of /search: articles and statements matching the words, best first."""
    with store_for(request) as store:
        return views.search(store, request, q, page, per_page)


# -- writes ----------------------------------------------------------------------------------

writes = APIRouter(tags=["api: writes"], dependencies=[Depends(can_write)])


@writes.post("/analyze", response_model=list[s.AnalyzeResult], responses=WRITE_ERRORS)
def analyze(request: Request, body: s.AnalyzeIn):
    """Extract who said what from a text (twin of the /analyze form); ``store`` keeps it."""
    if body.url and not safe_url(body.url):
        raise StoreError(f"url {body.url!r}: give an http or https address, or none.")
    done = actions.analyze(
        request,
        body.text.encode("utf-8"),
        title=body.title,
        url=body.url,
        source=body.source,
        published=body.published,
        store=body.store,
    )
    if done.problems and not done.analyses:
        raise StoreError("; ".join(done.problems))
    return [
        s.AnalyzeResult(**views.analysis_out(a), stored=status)
        for a, status in zip(done.analyses, done.stored, strict=True)
    ]


@writes.post(
    "/questions/{question_id}/resolution", response_model=s.ResolutionOut, responses=WRITE_ERRORS
)
def resolve(request: Request, question_id: int, body: s.ResolveIn):
    """Resolve a question yes, no or void, with evidence; again to correct it."""
    made = actions.resolve(request, question_id, body.outcome, body.on, body.evidence, body.by)
    return made.to_dict()


@writes.post("/questions/{question_id}/merge", response_model=s.Done, responses=WRITE_ERRORS)
def merge(request: Request, question_id: int, body: s.MergeIn):
    """Merge question ``other`` into this one."""
    moved = actions.merge(request, question_id, body.other, body.by)
    return s.Done(
        message=f"merged question {body.other} into {question_id} ({moved} forecasts moved)",
        question_id=question_id,
    )


@writes.post("/questions/{question_id}/rename", response_model=s.Done, responses=WRITE_ERRORS)
def rename(request: Request, question_id: int, body: s.RenameIn):
    """Give a question a clearer title (grouping keeps it)."""
    actions.rename(request, question_id, body.title, body.by)
    return s.Done(message=f"question {question_id} renamed", question_id=question_id)


@writes.post("/questions/{question_id}/split", response_model=s.Done, responses=WRITE_ERRORS)
def split(request: Request, question_id: int, body: s.SplitIn):
    """Move some forecasts of a question into a new question."""
    new_id = actions.split(request, question_id, body.forecasts, body.title, body.by)
    return s.Done(message=f"moved forecasts into question {new_id}", question_id=new_id)


@writes.post(
    "/suggestions/{suggestion_id}/accept", response_model=s.ResolutionOut, responses=WRITE_ERRORS
)
def accept(request: Request, suggestion_id: int, body: s.DecideIn):
    """Accept a suggested resolution: it becomes the question's resolution."""
    return actions.accept(request, suggestion_id, body.by).to_dict()


@writes.post("/suggestions/{suggestion_id}/reject", response_model=s.Done, responses=WRITE_ERRORS)
def reject(request: Request, suggestion_id: int, body: s.DecideIn):
    """Reject a suggested resolution; it is not suggested again."""
    question_id = actions.reject(request, suggestion_id, body.by)
    return s.Done(message=f"suggestion {suggestion_id} rejected", question_id=question_id)


@writes.post("/suggestions/scan", response_model=list[s.SuggestionOut], responses=WRITE_ERRORS)
def scan(request: Request, body: s.DecideIn):
    """Look through later articles for reports that resolve open questions."""
    return [x.to_dict() for x in actions.scan(request)]


router.include_router(writes)
