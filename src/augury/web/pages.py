"""The HTML pages and their forms. Each page renders the model its /api/ twin returns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from augury.ledger import service
from augury.store import StoreError
from augury.web import actions, charts, views
from augury.web import schemas as s
from augury.web.app import Forbidden, LoginRequired, render, store_for
from augury.web.marks import marked_article, speaker_classes
from augury.web.security import (
    CSRF_FIELD,
    SESSION_COOKIE,
    SESSION_SECONDS,
    csrf_ok,
    same_origin,
)


async def can_read(request: Request) -> None:
    if not request.app.state.access.can_read(request):
        raise LoginRequired


router = APIRouter(include_in_schema=False, dependencies=[Depends(can_read)])
public = APIRouter(include_in_schema=False)  # the login page, readable by anyone

Page = Query(1, ge=1)
PerPage = Query(views.PER_PAGE, ge=1, le=views.MAX_PER_PAGE)

NOTICES = {
    "resolved": "The question is resolved. Scores are updated.",
    "accepted": "The suggestion is accepted as the resolution.",
    "rejected": "The suggestion is rejected.",
    "renamed": "The question is renamed.",
    "merged": "The questions are merged.",
    "split": "The forecasts are moved into a new question.",
    "scanned": "Later articles were searched for resolutions.",
    "login": "You are signed in.",
    "logout": "You are signed out.",
}


def _twin(request: Request) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    path = request.url.path.rstrip("/") or "/home"
    return f"/api{path}{query}"


def _page(
    request: Request, name: str, status: int = 200, twin: bool | str = True, **context: Any
) -> HTMLResponse:
    """A page; ``twin`` is its JSON twin's address, True for the usual one, False for none."""
    notice = NOTICES.get(request.query_params.get("done", ""))
    json_url = twin if isinstance(twin, str) else _twin(request) if twin else None
    return render(request, name, status=status, json_url=json_url, notice=notice, **context)


def _day(value: str | None, name: str) -> dt.date | None:
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise StoreError(f"{name}: {value!r} is not a date; use YYYY-MM-DD.") from None


# -- reading --------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    with store_for(request) as store:
        data = views.home(store, request.app.state.ledger)
    return _page(request, "home.html", page=data, today=views.today())


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, page: int = Page, per_page: int = PerPage):
    with store_for(request) as store:
        data = views.articles(store, request, page, per_page)
    return _page(request, "articles.html", page=data)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str):
    with store_for(request) as store:
        analysis, data = views.article(store, article_id)
    if analysis.article.id != article_id:  # a prefix: one canonical address per article
        return RedirectResponse(f"/articles/{analysis.article.id}", status_code=301)
    colours = speaker_classes(analysis)
    said = {sp.id: 0 for sp in analysis.speakers}
    for st in analysis.statements:
        if st.speaker in said:
            said[st.speaker] += 1
    return _page(
        request,
        "article.html",
        page=data,
        body=marked_article(analysis),
        colours=colours,
        said=said,
        names={sp.id: sp.name for sp in analysis.speakers},
    )


@router.get("/speakers", response_class=HTMLResponse)
def speakers(request: Request, kind: str | None = None, page: int = Page, per_page: int = PerPage):
    with store_for(request) as store:
        data = views.speakers(store, request, kind, page, per_page)
    return _page(request, "speakers.html", page=data)


@router.get("/speakers/{person_id}", response_class=HTMLResponse)
def speaker(request: Request, person_id: int):
    with store_for(request) as store:
        data = views.speaker(store, request.app.state.ledger, person_id)
    chart = charts.calibration(data.track_record.calibration) if data.track_record else None
    return _page(request, "speaker.html", page=data, chart=chart)


@router.get("/speakers/{person_id}/articles", response_class=HTMLResponse)
def speaker_articles(request: Request, person_id: int, page: int = Page, per_page: int = PerPage):
    with store_for(request) as store:
        data = views.speaker_articles(store, request, person_id, page, per_page)
    return _page(request, "speaker_articles.html", page=data)


@router.get("/speakers/{person_id}/statements", response_class=HTMLResponse)
def speaker_statements(request: Request, person_id: int, page: int = Page, per_page: int = PerPage):
    with store_for(request) as store:
        data = views.speaker_statements(store, request, person_id, page, per_page)
    return _page(request, "speaker_statements.html", page=data)


@router.get("/speakers/{person_id}/forecasts", response_class=HTMLResponse)
def speaker_forecasts(request: Request, person_id: int, page: int = Page, per_page: int = PerPage):
    with store_for(request) as store:
        data = views.speaker_forecasts(store, request, person_id, page, per_page)
    return _page(request, "speaker_forecasts.html", page=data)


@router.get("/questions", response_class=HTMLResponse)
def questions(
    request: Request,
    status: str | None = None,
    topic: str | None = None,
    speaker: str | None = None,
    ends_after: str | None = None,
    ends_before: str | None = None,
    page: int = Page,
    per_page: int = PerPage,
):
    filters = s.QuestionFilters(
        status=status or None,
        topic=(topic or "").strip() or None,
        speaker=(speaker or "").strip() or None,
        ends_after=_day(ends_after, "window ends after"),
        ends_before=_day(ends_before, "window ends before"),
    )
    with store_for(request) as store:
        data = views.questions(store, request.app.state.ledger, request, filters, page, per_page)
    return _page(request, "questions.html", page=data, statuses=service.STATUSES)


@router.get("/questions/{question_id}", response_class=HTMLResponse)
def question(request: Request, question_id: int, page: int = Page, per_page: int = PerPage):
    return _question(request, question_id, page=page, size=per_page)


def _question(
    request: Request,
    question_id: int,
    status: int = 200,
    problem: str | None = None,
    form: dict | None = None,
    page: int = 1,
    size: int = views.PER_PAGE,
) -> HTMLResponse:
    """The question page; also shown, with the problem, after a form on it failed."""
    home = f"/questions/{question_id}"  # a failed form posts elsewhere: link to the page
    query = request.url.query if request.method == "GET" else ""
    with store_for(request) as store:
        view, data = views.question_page(
            store, request.app.state.ledger, request, question_id, page, size, path=home
        )
    agreed = view.consensus
    chart = charts.timeline(
        view.forecasts,  # every forecast, not only the page of them in the table
        data.question.window_end,
        agreed.median if agreed else None,
        data.question.resolved_on,
        data.question.outcome,
        views.today(),
    )
    return _page(
        request,
        "question.html",
        status=status,
        twin=f"/api{home}" + (f"?{query}" if query else ""),
        page=data,
        chart=chart,
        problem=problem,
        form=form or {},
        today=views.today(),
    )


@router.get("/suggestions", response_class=HTMLResponse)
def suggestions(request: Request, page: int = Page, per_page: int = PerPage):
    with store_for(request) as store:
        data = views.suggestions(store, request, page, per_page)
    return _page(request, "suggestions.html", page=data)


@router.get("/scores", response_class=HTMLResponse)
def scores(request: Request, latest_only: bool = False, page: int = Page, per_page: int = PerPage):
    with store_for(request) as store:
        data = views.scores(store, request.app.state.ledger, request, latest_only, page, per_page)
    chart = charts.calibration(data.overall.calibration)
    return _page(request, "scores.html", page=data, chart=chart)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, q: str = Query("", max_length=500), page: int = Page, per_page: int = PerPage
):
    with store_for(request) as store:
        data = views.search(store, request, q, page, per_page)
    return _page(request, "search.html", page=data)


@router.get("/api", response_class=HTMLResponse)
def api_docs(request: Request):
    """The API, documented from the OpenAPI schema (no script from a CDN)."""
    schema = request.app.openapi()
    routes = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            params = [
                (p["name"], p["in"], p.get("description", ""), p.get("required", False))
                for p in op.get("parameters", [])
            ]
            body = (
                op.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
                .get("$ref", "")
                .rsplit("/", 1)[-1]
            )
            answer = (
                op.get("responses", {})
                .get("200", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            routes.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "body": body,
                    "answer": answer.get("$ref", "").rsplit("/", 1)[-1]
                    or (answer.get("items", {}).get("$ref", "").rsplit("/", 1)[-1] + "[]"),
                }
            )
    return render(request, "api.html", json_url="/openapi.json", routes=routes, notice=None)


# -- forms ------------------------------------------------------------------------------------


async def _form(request: Request, write: bool = True) -> FormData:
    """The posted form, after the CSRF, same-site and token checks."""
    limit = request.app.state.max_upload_bytes
    form = await request.form(max_files=1, max_fields=40, max_part_size=limit + 1024)
    if not same_origin(request) or not csrf_ok(request, form.get(CSRF_FIELD)):
        raise Forbidden(
            "This form was not sent from this site's page (CSRF check failed). "
            "Reload the page and send it again."
        )
    if write and not request.app.state.access.authorised(request):
        raise Forbidden("Changing the ledger needs the token: sign in first (see Sign in).")
    return form


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request):
    # Its twin is POST /api/analyze, not a page to link to.
    return _page(request, "analyze.html", twin=False, result=None, form={}, problems=[])


@router.post("/analyze", response_class=HTMLResponse)
async def analyze(request: Request):
    limit = request.app.state.max_upload_bytes
    form = await request.form(max_files=1, max_fields=40, max_part_size=limit + 1024)
    if not same_origin(request) or not csrf_ok(request, form.get(CSRF_FIELD)):
        raise Forbidden("This form was not sent from this site's page (CSRF check failed).")
    keep = form.get("store") == "on"
    if keep and not request.app.state.access.authorised(request):
        raise Forbidden("Storing an article needs the token: sign in first, or analyse only.")
    upload = form.get("file")
    name, data = "pasted text", b""
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(limit + 1)
        name = upload.filename[:100]
    else:
        data = _text(form, "text").encode("utf-8")
    fields = {k: _text(form, k) for k in ("title", "url", "source", "published", "text")}
    if not data.strip():
        return _page(
            request,
            "analyze.html",
            status=400,
            twin=False,
            result=None,
            form=fields,
            problems=["Paste an article's text or choose a file."],
        )
    published = _day(fields["published"], "published")
    done = await run_in_threadpool(
        actions.analyze,
        request,
        data,
        name=name,
        title=fields["title"] or None,
        url=fields["url"] or None,
        source=fields["source"] or None,
        published=published,
        store=keep,
    )
    results = []
    for analysis, stored in zip(done.analyses, done.stored, strict=True):
        results.append(
            {
                "analysis": analysis,
                "body": marked_article(analysis),
                "colours": speaker_classes(analysis),
                "stored": stored,
                "names": {sp.id: sp.name for sp in analysis.speakers},
            }
        )
    status = 400 if done.problems and not results else 200
    return _page(
        request,
        "analyze.html",
        status=status,
        twin=False,
        result=results,
        form=fields,
        problems=done.problems,
    )


@router.post("/questions/{question_id}/resolve")
async def resolve(request: Request, question_id: int):
    form = await _form(request)
    fields = {k: _text(form, k) for k in ("outcome", "on", "evidence", "by")}
    try:
        on = _day(fields["on"], "resolved on") or views.today()
        await run_in_threadpool(
            actions.resolve,
            request,
            question_id,
            fields["outcome"],
            on,
            fields["evidence"],
            fields["by"] or None,
        )
    except StoreError as error:
        return await run_in_threadpool(_question, request, question_id, 400, str(error), fields)
    return RedirectResponse(f"/questions/{question_id}?done=resolved#resolution", status_code=303)


@router.post("/questions/{question_id}/rename")
async def rename(request: Request, question_id: int):
    form = await _form(request)
    try:
        await run_in_threadpool(
            actions.rename, request, question_id, _text(form, "title"), _text(form, "by") or None
        )
    except StoreError as error:
        return await run_in_threadpool(_question, request, question_id, 400, str(error))
    return RedirectResponse(f"/questions/{question_id}?done=renamed", status_code=303)


@router.post("/questions/{question_id}/merge")
async def merge(request: Request, question_id: int):
    form = await _form(request)
    other = _text(form, "other")
    try:
        if not other.isdigit():
            raise StoreError("Give the number of the question to merge into this one.")
        await run_in_threadpool(
            actions.merge, request, question_id, int(other), _text(form, "by") or None
        )
    except StoreError as error:
        return await run_in_threadpool(_question, request, question_id, 400, str(error))
    return RedirectResponse(f"/questions/{question_id}?done=merged", status_code=303)


@router.post("/questions/{question_id}/split")
async def split(request: Request, question_id: int):
    form = await _form(request)
    chosen = [v for v in form.getlist("forecast") if isinstance(v, str)]
    try:
        new_id = await run_in_threadpool(
            actions.split,
            request,
            question_id,
            chosen,
            _text(form, "title") or None,
            _text(form, "by") or None,
        )
    except StoreError as error:
        return await run_in_threadpool(_question, request, question_id, 400, str(error))
    return RedirectResponse(f"/questions/{new_id}?done=split", status_code=303)


@router.post("/suggestions/{suggestion_id}/accept")
async def accept(request: Request, suggestion_id: int):
    form = await _form(request)
    made = await run_in_threadpool(
        actions.accept, request, suggestion_id, _text(form, "by") or None
    )
    return RedirectResponse(
        f"/questions/{made.question_id}?done=accepted#resolution", status_code=303
    )


@router.post("/suggestions/{suggestion_id}/reject")
async def reject(request: Request, suggestion_id: int):
    form = await _form(request)
    question_id = await run_in_threadpool(
        actions.reject, request, suggestion_id, _text(form, "by") or None
    )
    back = _text(form, "back")
    target = "/suggestions" if back == "list" else f"/questions/{question_id}"
    return RedirectResponse(f"{target}?done=rejected#suggestions", status_code=303)


@router.post("/suggestions/scan")
async def scan(request: Request):
    await _form(request)
    await run_in_threadpool(actions.scan, request)
    return RedirectResponse("/suggestions?done=scanned", status_code=303)


# -- signing in ----------------------------------------------------------------------------------


def _next(value: str | None) -> str:
    """Only a path on this site: never an open redirect."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@public.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None):
    return render(request, "login.html", next=_next(next), problem=None, notice=None, json_url=None)


@public.post("/login")
async def login(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    if not same_origin(request) or not csrf_ok(request, form.get(CSRF_FIELD)):
        raise Forbidden("This form was not sent from this site's page (CSRF check failed).")
    access = request.app.state.access
    target = _next(form.get("next") if isinstance(form.get("next"), str) else None)
    if access.token is None:
        return RedirectResponse(target, status_code=303)
    given = form.get("token")
    if not access.token_ok(given if isinstance(given, str) else None):
        return render(
            request,
            "login.html",
            status=403,
            next=target,
            notice=None,
            json_url=None,
            problem="That is not the token this server was started with.",
        )
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        access.session_cookie(),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


@public.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    if not same_origin(request) or not csrf_ok(request, form.get(CSRF_FIELD)):
        raise Forbidden("This form was not sent from this site's page (CSRF check failed).")
    response = RedirectResponse("/?done=logout", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
