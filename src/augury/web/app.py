"""The web app: HTML pages and their JSON twins over the services the CLI uses.

``create_app(db_url)`` makes the ASGI app that ``augury serve`` runs. Every read
opens the store in the thread that serves it (SQLite connections belong to one
thread) and closes it after; opening costs about half a millisecond.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import anyio.to_thread
import jinja2
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from augury import __version__
from augury.ingest import DEFAULT_MAX_BYTES
from augury.ledger.brief import safe_url
from augury.store import HIGHLIGHT, Store, StoreError, open_store
from augury.web import security
from augury.web.marks import percent, window_text
from augury.web.views import Ledger, NotFound

HERE = Path(__file__).parent
# A form or JSON body may hold a whole article plus the form's other fields.
BODY_OVERHEAD = 64 * 1024


class Forbidden(Exception):
    """The request may not do this: no token, a bad CSRF token, another site."""


class LoginRequired(Exception):
    """Reads are private and the request carries no token."""


class WebApp(FastAPI):
    """FastAPI with the guard (host check, size limit, headers) outside everything."""

    guard: security.Guard

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[override]
        await self.guard(scope, receive, send)

    async def _inner(self, scope, receive, send) -> None:
        await super().__call__(scope, receive, send)


class HeadAsGet:
    """Answer HEAD as GET without the body, for every page and API route.

    FastAPI's routes take only the methods they name (Starlette's own routes add HEAD
    to GET); a HEAD from a link checker or a monitor would otherwise get 405. The
    headers, Content-Length included, are those the GET would send.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # a streamed part of the body: drop it, wait for the end
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(dict(scope, method="GET"), receive, headers_only)


@contextmanager
def store_for(request: Request) -> Iterator[Store]:
    """An open store for this request, in this thread; closed when done."""
    store = open_store(request.app.state.db_url)
    try:
        yield store
    finally:
        store.close()


def _highlight(snippet: str) -> Markup:
    """A search snippet, escaped, with the matched words in <mark>."""
    text = str(Markup.escape(snippet))
    return Markup(text.replace(HIGHLIGHT[0], "<mark>").replace(HIGHLIGHT[1], "</mark>"))


def _date(value: Any) -> str:
    if value is None:
        return "date unknown"
    if isinstance(value, dt.datetime):
        return value.strftime("%-d %b %Y, %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%-d %b %Y")
    return str(value)


def _number(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _quoted(text: str) -> str:
    """Words in quotation marks, unless they bring their own."""
    text = text.strip()
    if text[:1] in "\"'\u201c\u2018" and text[-1:] in "\"'\u201d\u2019":
        return text
    return f"\u201c{text}\u201d"


def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        auto_reload=False,  # templates ship with the package; no stat() per request
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        percent=percent,
        date=_date,
        number=_number,
        highlight=_highlight,
        safe_url=safe_url,
        quoted=_quoted,
    )
    env.globals.update(window_text=window_text, version=__version__)
    return env


def render(
    request: Request, name: str, status: int = 200, json_url: str | None = None, **context
) -> HTMLResponse:
    """A page from a template, with the CSRF token its forms need."""
    app = request.app
    csrf = request.cookies.get(security.CSRF_COOKIE) or security.new_csrf()
    context.setdefault("notice", None)
    html = app.state.templates.get_template(name).render(
        request=request,
        csrf=csrf,
        csrf_field=security.CSRF_FIELD,
        json_url=json_url,
        can_write=app.state.access.authorised(request),
        token_set=app.state.access.token is not None,
        path=request.url.path,
        **context,
    )
    response = HTMLResponse(html, status_code=status, headers={"cache-control": "no-cache"})
    if security.CSRF_COOKIE not in request.cookies:
        response.set_cookie(
            security.CSRF_COOKIE,
            csrf,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
    return response


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _error(request: Request, status: int, message: str) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html", status=status, status_code=status, message=message)


def create_app(
    db_url: str,
    *,
    token: str | None = None,
    public_reads: bool = True,
    max_upload_bytes: int = DEFAULT_MAX_BYTES,
    allowed_hosts: tuple[str, ...] | None = None,
    refresh_seconds: float = 30.0,
    threads: int = 4,
) -> FastAPI:
    """The augury web app over the database at ``db_url``.

    ``token``: writes (and reads, unless ``public_reads``) need it. ``allowed_hosts``:
    Host header names accepted (None accepts any; ``augury serve`` on loopback passes
    the loopback names, which stops DNS-rebinding). ``max_upload_bytes``: the largest
    article accepted for analysis. ``refresh_seconds``: how often new forecasts are
    grouped and scores recomputed in the background. ``threads``: how many requests
    are worked on at once.
    """
    if db_url.strip() in (":memory:", "sqlite://", "sqlite:///:memory:"):
        raise ValueError(
            "The web app opens the database once per request, so an in-memory database "
            "would be empty each time: give a file path or a PostgreSQL URL."
        )
    # Open once now: creates or migrates the schema, and fails early on a bad URL.
    with open_store(db_url) as store:
        from augury.ledger import service

        service.regroup(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Few threads for the blocking handlers: with the GIL, twenty threads at
        # once only slow each other down; requests beyond these wait their turn.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        app.state.ledger.start()
        try:
            yield
        finally:
            app.state.ledger.stop()

    app = WebApp(
        title="augury",
        lifespan=lifespan,
        version=__version__,
        summary="What experts say and predict in the news, and whether they were right.",
        description=(
            "Every HTML page has a JSON twin under /api/ that returns the same data. "
            "Lists are paged with `page` and `per_page` and give `pagination.next_url`. "
            "Writes (POST) need `Authorization: Bearer TOKEN` when the server has a token."
        ),
        docs_url=None,  # Swagger UI would load scripts from a CDN; /api is the documentation
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.guard = security.Guard(app._inner, max_upload_bytes + BODY_OVERHEAD, allowed_hosts)
    app.state.db_url = db_url
    app.state.access = security.Access(token, public_reads)
    app.state.templates = templates()
    app.state.ledger = Ledger(db_url, every=refresh_seconds)
    app.state.max_upload_bytes = max_upload_bytes
    app.state.nlp_lock = threading.Lock()
    app.state.instance = secrets.token_hex(4)

    app.add_middleware(HeadAsGet)
    app.mount(
        "/static",
        StaticFiles(directory=HERE / "static"),
        name="static",
    )

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound):
        return _error(request, 404, str(error))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError):
        return _error(request, 400, str(error))

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden):
        return _error(request, 403, str(error))

    @app.exception_handler(security.BodyTooLarge)
    async def too_large(request: Request, error: security.BodyTooLarge):
        return _error(request, 413, f"Request body over the limit of {max_upload_bytes:,} bytes.")

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, error: LoginRequired):
        if _is_api(request):
            return JSONResponse(
                {"detail": "Reads need the token: send Authorization: Bearer TOKEN."},
                status_code=401,
                headers={"www-authenticate": "Bearer"},
            )
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        message = error.detail if isinstance(error.detail, str) else "Request failed."
        if error.status_code == 404 and message == "Not Found":
            message = f"There is no page at {request.url.path}."
        return _error(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'body', 'path'))}"
            f": {e.get('msg')}"
            for e in error.errors()
        )
        if _is_api(request):  # FastAPI's own shape, as the OpenAPI schema says
            return JSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)
        return _error(request, 422, f"Some of what was sent is not right: {problems}")

    from augury.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(pages.public)
    return app
