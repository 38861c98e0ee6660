"""The web app through its ASGI interface: pages, JSON twins, the schema, security.

The sample articles are ingested once per session; tests that write work on a copy.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import warnings
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytest.importorskip("fastapi", reason="the web app needs fastapi (pip install fastapi)")
pytest.importorskip("multipart", reason="the web forms need python-multipart")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note that it prefers httpx2 to httpx
    from starlette.testclient import TestClient

from fastapi.routing import APIRoute  # noqa: E402

from augury import services  # noqa: E402
from augury.model import Analysis, Article, Forecast, Quantity, Speaker, Statement, Window  # noqa: E402
from augury.store import open_store  # noqa: E402
from augury.web import api, create_app, pages  # noqa: E402
from augury.web.marks import marked_article  # noqa: E402
from augury.web.security import CSRF_COOKIE, CSRF_FIELD  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = str(ROOT / "examples")
HOSTILE = ROOT / "tests" / "data" / "hostile.html"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory) -> Path:
    """The four sample articles, ingested once."""
    path = tmp_path_factory.mktemp("web") / "examples.db"
    with open_store(str(path)) as store:
        report = services.ingest(store, [EXAMPLES], n_process=1)
    assert report.stored == 4
    return path


@pytest.fixture()
def db(example_db, tmp_path) -> str:
    """A copy of the sample database that a test may change."""
    target = tmp_path / "ledger.db"
    shutil.copy(example_db, target)
    return str(target)


@pytest.fixture()
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def reader(example_db):
    """A client over the shared sample database, for tests that only read."""
    with TestClient(create_app(str(example_db))) as c:
        yield c


def _csrf(client: TestClient, page: str = "/") -> str:
    client.get(page)
    return client.cookies[CSRF_COOKIE]


def _first_article(client) -> str:
    return client.get("/api/articles").json()["articles"][0]["id"]


def _question_about(client, topic: str, status: str | None = None) -> dict:
    params = {"topic": topic} | ({"status": status} if status else {})
    found = client.get("/api/questions", params=params).json()["questions"]
    assert found, f"no question about {topic!r}"
    return found[0]


# -- pages and their twins -------------------------------------------------------------------


def test_every_page_has_a_json_twin(reader):
    article = _first_article(reader)
    question = reader.get("/api/questions").json()["questions"][0]["id"]
    person = reader.get("/api/speakers").json()["speakers"][0]["id"]
    pages = [
        "/",
        "/articles",
        f"/articles/{article}",
        "/speakers",
        f"/speakers/{person}",
        f"/speakers/{person}/articles",
        f"/speakers/{person}/statements",
        f"/speakers/{person}/forecasts",
        "/questions",
        "/questions?status=expired&topic=won",
        f"/questions/{question}",
        f"/questions/{question}?per_page=1",
        "/suggestions",
        "/scores",
        "/search?q=tariff",
    ]
    for page in pages:
        html = reader.get(page)
        assert html.status_code == 200, page
        assert html.headers["content-type"].startswith("text/html")
        twin = re.search(
            r'<link rel="alternate" type="application/json" href="([^"]+)">', html.text
        )
        assert twin, f"{page} names no JSON twin"
        url = twin.group(1).replace("&amp;", "&")
        assert url.startswith("/api/")
        data = reader.get(url)
        assert data.status_code == 200, url
        assert data.headers["content-type"] == "application/json"


def _check(value, schema: dict, spec: dict, where: str) -> None:
    """Validate ``value`` against the subset of JSON Schema that FastAPI writes."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _check(value, spec["components"]["schemas"][name], spec, f"{where}<{name}>")
    for key in ("anyOf", "oneOf"):
        if key in schema:
            errors = []
            for option in schema[key]:
                try:
                    _check(value, option, spec, where)
                    break
                except AssertionError as error:
                    errors.append(str(error))
            else:
                raise AssertionError(f"{where}: matches none of {key}: {errors}")
            return
    if "const" in schema:
        assert value == schema["const"], where
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    kind = schema.get("type")
    types = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "array": list,
        "object": dict,
        "null": type(None),
    }
    if kind:
        assert isinstance(value, types[kind]), f"{where}: {value!r} is not {kind}"
        if kind in ("integer", "number"):
            assert not isinstance(value, bool), where
    if kind == "string" and schema.get("format") == "date":
        dt.date.fromisoformat(value)
    if kind == "string" and schema.get("format") == "date-time":
        dt.datetime.fromisoformat(value)
    if kind == "array":
        for i, item in enumerate(value):
            _check(item, schema.get("items", {}), spec, f"{where}[{i}]")
    if kind == "object":
        for name in schema.get("required", []):
            assert name in value, f"{where}: {name!r} missing"
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in props:
                _check(item, props[name], spec, f"{where}.{name}")
            elif isinstance(extra, dict):
                _check(item, extra, spec, f"{where}.{name}")
            else:
                assert extra is not False, f"{where}: unexpected {name!r}"


def _schema(spec: dict, path: str, method: str, status: str = "200") -> dict:
    return spec["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]


def test_every_api_route_answers_as_its_schema_says(db):
    app = create_app(db)
    with TestClient(app) as c:
        spec = c.get("/openapi.json").json()
        assert spec["openapi"].startswith("3.")
        # Something resolved, so that scores and calibration are not empty.
        brent = _question_about(c, "below $60")
        token = {"on": "2025-12-15", "outcome": "yes", "evidence": "Brent fell below $60."}
        assert c.post(f"/api/questions/{brent['id']}/resolution", json=token).status_code == 200
        values = {
            "article_id": _first_article(c),
            "person_id": c.get("/api/speakers").json()["speakers"][0]["id"],
            "question_id": brent["id"],
        }
        routes = {r.path for r in api.router.routes if isinstance(r, APIRoute)}
        routes |= {"/api" + r.path for r in api.writes.routes if isinstance(r, APIRoute)}
        gets = [p for p, ops in spec["paths"].items() if "get" in ops]
        assert set(spec["paths"]) == routes, "every /api/ route is in the schema"
        for path in gets:
            url = path.format(**values)
            query = {"q": "tariff"} if path.endswith("/search") else {}
            answer = c.get(url, params=query)
            assert answer.status_code == 200, (url, answer.text)
            schema = _schema(spec, path, "get")
            _check(answer.json(), schema, spec, url)
            # Errors are documented too.
            if "{" in path:
                missing = c.get(
                    path.format(article_id="0" * 16, person_id=999999, question_id=999999)
                )
                assert missing.status_code == 404, path
                _check(missing.json(), _schema(spec, path, "get", "404"), spec, f"{path} 404")
        bad = c.get("/api/articles", params={"page": 0})
        assert bad.status_code == 422
        _check(bad.json(), _schema(spec, "/api/articles", "get", "422"), spec, "422")
        # The writes, against their schemas.
        answer = c.post("/api/suggestions/scan", json={})
        _check(answer.json(), _schema(spec, "/api/suggestions/scan", "post"), spec, "scan")
        answer = c.post(f"/api/questions/{brent['id']}/rename", json={"title": "Brent below $60?"})
        rename = _schema(spec, "/api/questions/{question_id}/rename", "post")
        _check(answer.json(), rename, spec, "rename")


def test_api_documentation_page_lists_every_route(reader):
    page = reader.get("/api")
    assert page.status_code == 200
    for path in reader.get("/openapi.json").json()["paths"]:
        assert f"<code>{path}</code>" in page.text
    assert reader.get("/docs").status_code == 404  # no Swagger UI from a CDN


def test_lists_are_paged(reader):
    first = reader.get("/api/articles", params={"per_page": 1}).json()
    assert len(first["articles"]) == 1 and first["pagination"]["has_next"]
    assert (first["pagination"]["total"], first["pagination"]["pages"]) == (4, 4)
    second = reader.get(first["pagination"]["next_url"]).json()
    assert second["pagination"]["page"] == 2
    assert second["articles"][0]["id"] != first["articles"][0]["id"]
    html = reader.get("/speakers?per_page=3").text
    assert 'rel="next" href="/speakers?per_page=3&amp;page=2"' in html
    assert reader.get("/api/articles", params={"per_page": 500}).status_code == 422


def test_list_pages_say_page_n_of_m_with_working_links(reader):
    """Every counted list walks from its first page to its last and back by its links."""
    person = reader.get("/api/speakers").json()["speakers"][0]["id"]
    for path, size in (
        ("/articles", 1),
        ("/speakers", 15),
        (f"/speakers/{person}/articles", 1),
        (f"/speakers/{person}/statements", 3),
        (f"/speakers/{person}/forecasts", 2),
        ("/questions", 10),
    ):
        url, seen, pages = f"{path}?per_page={size}", [], None
        while url:
            html = reader.get(url).text
            data = reader.get("/api" + url).json()
            pages = data["pagination"]["pages"]
            assert pages == -(-data["pagination"]["total"] // size) > 1, path
            assert f"Page {data['pagination']['page']} of {pages}" in html, url
            seen.append(data["pagination"]["page"])
            found = re.search(r'rel="next" href="([^"]+)"', html)
            url = found.group(1).replace("&amp;", "&") if found else None
        assert seen == list(range(1, pages + 1)), path
        if pages > 1:
            back = re.search(r'rel="prev" href="([^"]+)"', html).group(1).replace("&amp;", "&")
            assert reader.get("/api" + back).json()["pagination"]["page"] == pages - 1
    # Past the end: nothing listed, and "previous" leads to the last page.
    beyond = reader.get("/api/articles", params={"per_page": 1, "page": 9}).json()
    assert beyond["articles"] == [] and not beyond["pagination"]["has_next"]
    assert beyond["pagination"]["prev_url"] == "/api/articles?per_page=1&page=4"
    # Search ranks without counting: it pages by "more", with no "of M".
    hits = reader.get("/api/search", params={"q": "tariff", "per_page": 2}).json()["pagination"]
    assert hits["has_next"] and hits["pages"] is None and hits["total"] is None


def test_pagination_counts_pages_and_keeps_the_query():
    from starlette.requests import Request

    from augury.web import views

    request = Request(
        {
            "type": "http",
            "method": "POST",
            "scheme": "http",
            "server": ("testserver", 80),
            "path": "/questions/3/resolve",
            "query_string": b"per_page=2&topic=oil",
            "headers": [],
        }
    )
    made = views.pagination(request, 2, 2, total=5, path="/questions/3")
    assert (made.pages, made.has_prev, made.has_next) == (3, True, True)
    assert made.next_url == "/questions/3?per_page=2&topic=oil&page=3"
    assert made.prev_url == "/questions/3?per_page=2&topic=oil&page=1"
    last = views.pagination(request, 3, 2, total=5)
    assert not last.has_next and last.next_url is None
    empty = views.pagination(request, 1, 2, total=0)
    assert (empty.pages, empty.has_prev, empty.has_next) == (1, False, False)


def test_head_is_answered_for_every_get_route(reader):
    """HEAD gets the headers GET would, and no body; never 405."""
    values = {
        "article_id": _first_article(reader),
        "person_id": reader.get("/api/speakers").json()["speakers"][0]["id"],
        "question_id": reader.get("/api/questions").json()["questions"][0]["id"],
    }
    paths = {
        route.path
        for router in (api.router, pages.router, pages.public)
        for route in router.routes
        if isinstance(route, APIRoute) and "GET" in route.methods
    }
    assert {"/", "/api/home", "/questions/{question_id}", "/api/search"} <= paths
    for path in sorted(paths | {"/openapi.json", "/static/style.css"}):
        url = path.format(**values)
        got, head = reader.get(url), reader.head(url)
        assert got.status_code == 200, url
        assert head.status_code == 200, url
        assert head.content == b"", url
        assert head.headers["content-type"] == got.headers["content-type"], url
        assert int(head.headers["content-length"]) == len(got.content), url
    assert reader.head("/no/such/page").status_code == 404
    assert reader.head("/suggestions/scan").status_code == 405  # POST only


# -- the article page ---------------------------------------------------------------------------


def test_article_page_links_each_forecast_to_its_question(reader):
    for summary in reader.get("/api/articles").json()["articles"]:
        data = reader.get(f"/api/articles/{summary['id']}").json()
        html = reader.get(f"/articles/{summary['id']}").text
        for forecast in data["forecasts"]:
            assert forecast["question_id"], forecast["id"]  # the app grouped them on start
            question = reader.get(f"/api/questions/{forecast['question_id']}").json()
            assert question["question"]["title"] == forecast["question_title"]
            members = {(m["article_id"], m["forecast_local_id"]) for m in question["forecasts"]}
            assert (summary["id"], forecast["id"]) in members
            assert f'<a href="/questions/{forecast["question_id"]}" title=' in html


def test_article_page_marks_statements_forecasts_and_figures(reader):
    article = reader.get("/api/articles", params={"per_page": 50}).json()["articles"]
    seoul = next(a for a in article if "Seoul" in (a["title"] or ""))
    data = reader.get(f"/api/articles/{seoul['id']}").json()
    html = reader.get(f"/articles/{seoul['id']}").text
    body = html.split('id="text">', 1)[1].split("</div>", 1)[0]
    for st in data["statements"]:
        assert f'id="st-{st["id"]}"' in body
    for f in data["forecasts"]:
        assert f'id="fc-{f["id"]}"' in body
        assert f"forecast: {round(f['probability'] * 100)}%" in body
    assert body.count('class="qty"') >= len(data["quantities"])
    assert re.search(r'class="st sp-\d', body)
    # Speakers in the side panel, with title and affiliation and a link across articles.
    han = next(s for s in data["speakers"] if s["name"] == "Han Ji-woo")
    assert han["person_id"] and f'href="/speakers/{han["person_id"]}"' in html
    assert "professor of economics, Namsan University" in html
    # The text survives: strip the tags and the tooltips and it is the article again.
    plain = re.sub(r'<span class="tip"[^>]*>.*?</span>', "", body)
    plain = re.sub(r"<[^>]+>", "", plain)
    import html as html_lib

    words = " ".join(html_lib.unescape(plain).split())
    assert words == " ".join(data["article"]["text"].split())


def test_marks_nest_when_spans_cross_and_escape_everything():
    text = 'He said <b>"the rate will <i>rise</i> 5% soon"</b>\n\nNext & last.'
    a = Analysis(
        article=Article(id="x", text=text),
        speakers=[Speaker(id="sp1", name="<Ann>")],
        statements=[Statement(id="st1", speaker="sp1", kind="direct", text="", span=(12, 40))],
        forecasts=[
            Forecast(
                id="fc1",
                statement="st1",
                speaker="sp1",
                text="",
                span=(30, 50),
                proposition="rate <rises>",
                hedge="will",
                probability=0.9,
                window=Window(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
            )
        ],
        quantities=[Quantity(text="5%", span=(36, 38), value=5, unit="%", kind="percent")],
    )
    html = str(marked_article(a))
    assert "<b>" not in html and "<i>" not in html and "<rises>" not in html
    assert "&lt;b&gt;" in html and "&lt;Ann&gt;" in html
    # Well nested: every span closes in order.
    depth = 0
    for tag in re.findall(r"</?span", html):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0
    assert html.count('id="fc-fc1"') == 1  # the crossing forecast is reopened without its id
    assert "fc-cont" in html
    assert html.count("<p>") == 2 and "Next &amp; last." in html


def test_hostile_article_is_inert(client):
    data = HOSTILE.read_bytes()
    csrf = _csrf(client, "/analyze")
    answer = client.post(
        "/analyze",
        data={CSRF_FIELD: csrf, "store": "on", "url": "javascript:alert(5)"},
        files={"file": ("hostile.html", data, "text/html")},
    )
    assert answer.status_code == 200, answer.text
    assert "stored" in answer.text and "only http and https addresses are kept" in answer.text
    found = client.get("/api/search", params={"q": "Garam"}).json()["hits"]
    article_id = found[0]["article_id"]
    # And the same attacks written as text, which the HTML reader would have stripped.
    text = (
        "An analyst said the talks would fail. <script>alert(1)</script> "
        '<img src=x onerror=alert(2)> <a href="javascript:alert(3)">notes</a> '
        '"Exports are likely to fall by 8 percent by the end of the year," said Yoon Tae-min, '
        "head of research at Garam Investment, in a statement on Monday."
    )
    refused = client.post("/api/analyze", json={"text": text, "url": "javascript:alert(7)"})
    assert refused.status_code == 400 and "http or https" in refused.json()["detail"]
    stored = client.post(
        "/api/analyze",
        json={"text": text, "title": "<script>alert(6)</script>", "store": True},
    )
    assert stored.status_code == 200, stored.text
    second = stored.json()[0]["article"]["id"]
    for ref in (article_id, second):
        page = client.get(f"/articles/{ref}")
        assert page.status_code == 200
        html = page.text
        assert "<script>alert" not in html
        assert "<img" not in html and '<a href="javascript' not in html
        assert re.search(r"<[^>]+\son\w+\s*=", html) is None, "no event-handler attribute"
        assert 'href="javascript:' not in html.lower()
        assert "script-src 'self'" in page.headers["content-security-policy"]
    page = client.get(f"/articles/{second}").text
    assert "&lt;script&gt;alert(" in page  # shown as the text it is
    assert "&lt;script&gt;alert(6)&lt;/script&gt;" in page


# -- writes and who may make them ------------------------------------------------------------


def test_resolving_through_the_form_changes_the_score(client):
    brent = _question_about(client, "below $60")
    before = client.get("/api/scores").json()["overall"]
    assert before["resolved"] == 0
    csrf = _csrf(client, f"/questions/{brent['id']}")
    answer = client.post(
        f"/questions/{brent['id']}/resolve",
        data={
            CSRF_FIELD: csrf,
            "outcome": "yes",
            "on": "2025-12-15",
            "evidence": "Brent fell below $60 in December.",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    assert "The question is resolved" in page.text
    assert "Brent fell below $60 in December." in page.text
    after = client.get("/api/scores").json()["overall"]
    assert after["resolved"] == brent["forecasts"]
    assert after["brier"] is not None
    expert = client.get(f"/api/questions/{brent['id']}").json()["forecasts"][0]
    if expert["person_id"]:
        record = client.get(f"/api/speakers/{expert['person_id']}").json()["track_record"]
        assert record["resolved"] >= 1
        assert "Calibration of" in client.get(f"/speakers/{expert['person_id']}").text


def test_a_form_error_is_shown_beside_the_form(client):
    q = _question_about(client, "below $60")
    csrf = _csrf(client)
    answer = client.post(
        f"/questions/{q['id']}/resolve",
        data={CSRF_FIELD: csrf, "outcome": "yes", "on": "2025-12-15", "evidence": "  "},
    )
    assert answer.status_code == 400
    assert 'role="alert"' in answer.text and "needs evidence" in answer.text


def test_forms_need_the_csrf_token(client):
    q = _question_about(client, "below $60")
    client.get("/")
    answer = client.post(
        f"/questions/{q['id']}/resolve",
        data={"outcome": "yes", "on": "2025-12-15", "evidence": "x", CSRF_FIELD: "forged"},
    )
    assert answer.status_code == 403
    assert client.get(f"/api/questions/{q['id']}").json()["question"]["outcome"] is None


def test_cross_site_and_non_json_writes_are_refused(client):
    q = _question_about(client, "below $60")
    body = {"outcome": "yes", "on": "2025-12-15", "evidence": "x"}
    url = f"/api/questions/{q['id']}/resolution"
    assert (
        client.post(url, json=body, headers={"origin": "https://evil.example"}).status_code == 403
    )
    assert client.post(url, json=body, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    typeless = client.post(
        url, content=b'{"outcome":"yes"}', headers={"content-type": "text/plain"}
    )
    assert typeless.status_code == 403


def test_suggestions_are_accepted_and_rejected_through_forms(client):
    found = client.post("/api/suggestions/scan", json={}).json()
    assert len(found) >= 2
    csrf = _csrf(client, "/suggestions")
    first, second = found[0], found[1]
    answer = client.post(f"/suggestions/{first['id']}/accept", data={CSRF_FIELD: csrf})
    assert answer.status_code == 200 and "accepted as the resolution" in answer.text
    question = client.get(f"/api/questions/{first['question_id']}").json()
    assert question["question"]["outcome"] == first["outcome"]
    assert question["resolutions"][-1]["evidence"].startswith(first["sentence"][:20])
    answer = client.post(
        f"/suggestions/{second['id']}/reject", data={CSRF_FIELD: csrf, "back": "list"}
    )
    assert answer.status_code == 200 and "rejected" in answer.text
    pending = {s["id"] for s in client.get("/api/suggestions").json()["suggestions"]}
    assert first["id"] not in pending and second["id"] not in pending


def test_merge_and_rename_through_the_api(client):
    questions = client.get("/api/questions", params={"status": "expired"}).json()["questions"]
    keep, other = questions[0]["id"], questions[1]["id"]
    answer = client.post(f"/api/questions/{keep}/merge", json={"other": other, "by": "tester"})
    assert answer.status_code == 200, answer.text
    assert client.get(f"/api/questions/{other}").status_code == 404
    merged = client.get(f"/api/questions/{keep}").json()
    assert merged["question"]["forecasts"] == questions[0]["forecasts"] + questions[1]["forecasts"]
    assert merged["edits"][0]["edited_by"] == "tester"
    client.post(f"/api/questions/{keep}/rename", json={"title": "A clearer title"})
    assert client.get(f"/api/questions/{keep}").json()["question"]["title"] == "A clearer title"
    bad = client.post(f"/api/questions/{keep}/merge", json={"other": keep})
    assert bad.status_code == 400 and "Cannot merge" in bad.json()["detail"]


def test_a_token_guards_writes_and_optionally_reads(db):
    with TestClient(create_app(db, token="s3cret")) as c:
        q = _question_about(c, "below $60")
        body = {"outcome": "no", "on": "2025-12-31", "evidence": "It did not."}
        url = f"/api/questions/{q['id']}/resolution"
        assert c.post(url, json=body).status_code == 403
        assert c.post(url, json=body, headers={"authorization": "Bearer wrong"}).status_code == 403
        ok = c.post(url, json=body, headers={"authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        # Reads are public; the form is not offered until one signs in.
        page = c.get(f"/questions/{q['id']}")
        assert page.status_code == 200 and 'action="/questions/' not in page.text
        csrf = c.cookies[CSRF_COOKIE]
        form = {CSRF_FIELD: csrf, "outcome": "yes", "on": "2025-12-31", "evidence": "x"}
        assert c.post(f"/questions/{q['id']}/resolve", data=form).status_code == 403
        bad = c.post("/login", data={CSRF_FIELD: csrf, "token": "nope", "next": "/"})
        assert bad.status_code == 403
        c.post("/login", data={CSRF_FIELD: csrf, "token": "s3cret", "next": "//evil.example"})
        assert c.post(f"/questions/{q['id']}/resolve", data=form).status_code == 200
    with TestClient(create_app(db, token="s3cret", public_reads=False)) as c:
        assert c.get("/api/home").status_code == 401
        page = c.get("/questions", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
        assert c.get("/login").status_code == 200
        assert c.get("/api/home", headers={"authorization": "Bearer s3cret"}).status_code == 200


def test_hosts_and_sizes_are_limited(db):
    app = create_app(db, allowed_hosts=("127.0.0.1", "localhost"), max_upload_bytes=2000)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "rebound.example"}).status_code == 400
        big = c.post("/api/analyze", json={"text": "word " * 20_000})
        assert big.status_code == 413
        csrf = c.cookies[CSRF_COOKIE]
        upload = c.post(
            "/analyze",
            data={CSRF_FIELD: csrf},
            files={"file": ("big.txt", b"word " * 1000, "text/plain")},
        )
        assert upload.status_code == 400 and "over the limit" in upload.text
    for header in ("content-security-policy", "x-content-type-options", "x-frame-options"):
        assert header in TestClient(create_app(db)).get("/").headers


def test_an_in_memory_database_is_refused():
    with pytest.raises(ValueError, match="in-memory"):
        create_app(":memory:")


# -- reading --------------------------------------------------------------------------------------


def test_questions_filter_by_topic_status_speaker_and_window(reader):
    every = reader.get("/api/questions", params={"per_page": 200}).json()["questions"]
    expired = reader.get("/api/questions", params={"status": "expired", "per_page": 200}).json()
    assert expired["questions"] and all(q["status"] == "expired" for q in expired["questions"])
    won = reader.get("/api/questions", params={"topic": "won"}).json()["questions"]
    assert won and all("won" in (q["title"] + q["proposition"]).lower() for q in won)
    expert = every[0]["experts"][0]
    mine = reader.get("/api/questions", params={"speaker": expert, "per_page": 200}).json()
    assert mine["questions"] and all(expert in q["experts"] for q in mine["questions"])
    late = reader.get("/api/questions", params={"ends_after": "2027-01-01", "per_page": 200})
    assert all(q["window_end"] >= "2027-01-01" for q in late.json()["questions"])
    assert len(late.json()["questions"]) < len(every)
    assert reader.get("/api/questions", params={"status": "bogus"}).status_code == 400
    html = reader.get("/questions?ends_after=not-a-date")
    assert html.status_code == 400 and "not a date" in html.text


def test_questions_filters_page_correctly_in_sql(reader):
    """Filtered lists count and page in the database: walking the pages finds each
    matching question once, in order, and the count agrees."""
    choi = next(
        p for p in reader.get("/api/speakers").json()["speakers"] if p["name"] == "Choi Min-jun"
    )
    for params in (
        {"speaker": "Choi Min-jun"},
        {"speaker": str(choi["id"]), "ends_after": "2025-12-31"},
        {"ends_after": "2025-06-01", "ends_before": "2026-06-30"},
        {"status": "expired", "ends_before": "2025-12-31"},
    ):
        whole = reader.get("/api/questions", params=params | {"per_page": 200}).json()
        assert whole["pagination"]["total"] == len(whole["questions"]) > 0, params
        walked, url = [], "/api/questions?" + urlencode(params | {"per_page": 2})
        while url:
            page = reader.get(url).json()
            assert len(page["questions"]) <= 2
            walked += [q["id"] for q in page["questions"]]
            url = page["pagination"]["next_url"]
        assert walked == [q["id"] for q in whole["questions"]], params
    mine = reader.get("/api/questions", params={"speaker": "Choi Min-jun", "per_page": 200})
    assert all("Choi Min-jun" in q["experts"] for q in mine.json()["questions"])
    assert mine.json()["pagination"]["total"] == len(
        {m["question_id"] for m in _members_of(reader, choi["id"])}
    )
    window = reader.get(
        "/api/questions", params={"ends_after": "2025-06-01", "ends_before": "2026-06-30"}
    ).json()
    assert all("2025-06-01" <= q["window_end"] <= "2026-06-30" for q in window["questions"])
    nobody = reader.get("/api/questions", params={"speaker": "Nobody Atall"})
    assert nobody.status_code == 400 and "No speaker" in nobody.json()["detail"]


def _members_of(client, person_id: int) -> list[dict]:
    """Every forecast of a person that is in a question, from the questions' pages."""
    found = []
    for q in client.get("/api/questions", params={"per_page": 200}).json()["questions"]:
        page = client.get(f"/api/questions/{q['id']}", params={"per_page": 200}).json()
        found += [m for m in page["forecasts"] if m["person_id"] == person_id]
    return found


def test_speaker_page_lists_the_speakers_articles_from_the_store(reader):
    for person in reader.get("/api/speakers", params={"per_page": 200}).json()["speakers"]:
        if person["articles"] < 2:
            continue
        page = reader.get(f"/api/speakers/{person['id']}").json()
        every = reader.get(f"/api/speakers/{person['id']}/articles").json()
        assert every["pagination"]["total"] == person["articles"] == len(every["articles"])
        assert [a["id"] for a in page["articles"]] == [a["id"] for a in every["articles"]][:10]
        assert sum(a["statements"] for a in every["articles"]) == person["statements"]
        said = reader.get(
            f"/api/speakers/{person['id']}/forecasts", params={"per_page": 200}
        ).json()
        assert sum(a["forecasts"] for a in every["articles"]) == len(said["forecasts"])
        dates = [a["published"] for a in every["articles"] if a["published"]]
        assert dates == sorted(dates, reverse=True)
        html = reader.get(f"/speakers/{person['id']}").text
        for article in page["articles"]:
            assert f'href="/articles/{article["id"]}"' in html
        first = reader.get(f"/speakers/{person['id']}/articles?per_page=1").text
        assert f"Page 1 of {person['articles']}" in first
        return
    pytest.fail("no speaker quoted in two articles")


def test_question_forecasts_are_paged_with_consensus_over_all(client):
    """Merge three questions into one, then page through its forecasts."""
    questions = client.get("/api/questions", params={"status": "expired"}).json()["questions"]
    keep = questions[0]["id"]
    for other in questions[1:3]:
        answer = client.post(f"/api/questions/{keep}/merge", json={"other": other["id"]})
        assert answer.status_code == 200
    whole = client.get(f"/api/questions/{keep}", params={"per_page": 200}).json()
    total = whole["question"]["forecasts"]
    assert total == len(whole["forecasts"]) >= 3
    first = client.get(f"/api/questions/{keep}", params={"per_page": 2}).json()
    assert len(first["forecasts"]) == 2
    assert first["pagination"] | {"next_url": None} == {
        "page": 1, "per_page": 2, "total": total, "pages": -(-total // 2),
        "has_prev": False, "has_next": True, "prev_url": None, "next_url": None,
    }  # fmt: skip
    assert first["question"]["consensus"]["count"] == total  # over every forecast
    walked, url = [], f"/api/questions/{keep}?per_page=2"
    while url:
        page = client.get(url).json()
        walked += [(m["article_id"], m["forecast_local_id"]) for m in page["forecasts"]]
        url = page["pagination"]["next_url"]
    assert walked == [(m["article_id"], m["forecast_local_id"]) for m in whole["forecasts"]]
    html = client.get(f"/questions/{keep}?per_page=2").text
    assert html.count("<circle") == total  # the timeline shows them all
    assert f"Page 1 of {-(-total // 2)}" in html
    assert f'rel="next" href="/questions/{keep}?per_page=2&amp;page=2"' in html
    # A failed form shows the page again: its links lead to the page, not the form.
    csrf = _csrf(client, f"/questions/{keep}")
    failed = client.post(
        f"/questions/{keep}/resolve",
        data={CSRF_FIELD: csrf, "outcome": "yes", "on": "2025-12-15", "evidence": " "},
    )
    assert failed.status_code == 400
    assert f'<link rel="alternate" type="application/json" href="/api/questions/{keep}">' in (
        failed.text
    )
    assert "/resolve?" not in failed.text


def test_question_page_shows_only_its_own_suggestions(client):
    found = client.post("/api/suggestions/scan", json={}).json()
    assert len({x["question_id"] for x in found}) >= 2
    listed = client.get("/api/suggestions", params={"per_page": 200}).json()
    assert listed["pagination"]["total"] == len(found) == len(listed["suggestions"])
    for question_id in {x["question_id"] for x in found}:
        page = client.get(f"/api/questions/{question_id}").json()
        mine = [x["id"] for x in found if x["question_id"] == question_id]
        assert [x["id"] for x in page["suggestions"]] == mine
    client.post(f"/api/suggestions/{found[0]['id']}/reject", json={})
    page = client.get(f"/api/questions/{found[0]['question_id']}").json()
    assert found[0]["id"] not in {x["id"] for x in page["suggestions"]}
    second = client.get("/api/suggestions", params={"per_page": 1, "page": 2}).json()
    assert second["suggestions"][0]["id"] == found[2]["id"]  # most confident first, paged


def test_question_page_shows_timeline_consensus_and_forms(reader):
    q = _question_about(reader, "below $60")
    html = reader.get(f"/questions/{q['id']}").text
    assert '<svg viewBox="0 0 860 320" role="img"' in html
    assert html.count("<circle") == q["forecasts"]
    assert "consensus chance of yes" in html
    assert 'name="outcome" value="yes"' in html and f'name="{CSRF_FIELD}"' in html


def test_home_and_search(reader):
    home = reader.get("/api/home").json()
    assert home["counts"]["articles"] == 4 and home["recent_articles"]
    assert all(q["status"] == "open" for q in home["closing_questions"])
    ends = [q["window_end"] for q in home["closing_questions"]]
    assert ends == sorted(ends)
    hits = reader.get("/api/search", params={"q": "tariff", "per_page": 2}).json()
    assert len(hits["hits"]) == 2 and hits["pagination"]["has_next"]
    assert "«" in hits["hits"][0]["snippet"]
    assert "<mark>" in reader.get("/search?q=tariff").text
    assert "Nothing matches" in reader.get("/search?q=zzzqqq").text


def test_unknown_things_are_404_in_both_forms(reader):
    assert reader.get("/articles/ffffffffffffffff").status_code == 404
    assert reader.get("/api/articles/ffffffffffffffff").json()["detail"].startswith("No article")
    assert reader.get("/speakers/999999").status_code == 404
    page = reader.get("/no/such/page")
    assert page.status_code == 404 and "There is no page" in page.text


def test_analyze_form_shows_the_extraction_without_storing(client):
    before = client.get("/api/home").json()["counts"]["articles"]
    csrf = _csrf(client, "/analyze")
    text = (
        "Port strike ends\n\n“The dockers will probably be back at work by Monday,” said "
        "Idris Olawale, a union organiser at the Lagos Harbour Union."
    )
    answer = client.post("/analyze", data={CSRF_FIELD: csrf, "text": text})
    assert answer.status_code == 200
    assert "Idris Olawale" in answer.text and 'class="st sp-' in answer.text
    assert "not stored" in answer.text
    assert client.get("/api/home").json()["counts"]["articles"] == before


# -- the command and the rules ------------------------------------------------------------------


def test_serve_needs_a_token_off_loopback(db, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from augury.cli import main

    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(app=app, **kw))
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--db", db])
    assert result.exit_code == 0, result.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8000
    assert started["app"].state.access.token is None
    assert started["app"].guard.allowed == {"localhost", "127.0.0.1", "::1"}
    result = runner.invoke(main, ["serve", "--db", db, "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    token = started["app"].state.access.token
    assert token and token in result.output and started["app"].guard.allowed is None
    result = runner.invoke(main, ["serve", "--db", db, "--private"])
    assert result.exit_code == 2 and "--private needs a token" in result.output
    result = runner.invoke(main, ["serve", "--db", db, "--private", "--token", "t"])
    assert result.exit_code == 0 and started["app"].state.access.public_reads is False


def test_the_web_layer_speaks_no_sql():
    """SQL lives in the store, always with parameters; the web layer only calls it."""
    folder = ROOT / "src" / "augury" / "web"
    for path in folder.rglob("*.py"):
        text = path.read_text("utf-8")
        for word in ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", ".execute(", ".backend"):
            assert word not in text, f"{path.name} has {word!r}"
    for path in (folder / "templates").glob("*.html"):
        text = path.read_text("utf-8")
        assert not re.search(r"\|\s*safe\b(?!_)|autoescape false", text), path.name


# -- the same pages over PostgreSQL ----------------------------------------------------------


@pytest.fixture(scope="module")
def pg_reader(tmp_path_factory):
    """A client over the sample articles in a throwaway PostgreSQL schema."""
    import uuid

    from test_store import PG_URL, pg_admin

    admin = pg_admin()
    schema = f"augury_web_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    try:
        with open_store(url) as store:
            assert services.ingest(store, [EXAMPLES], n_process=1).stored == 4
        with TestClient(create_app(url)) as c:
            yield c
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


@pytest.mark.postgres
def test_the_new_queries_answer_alike_on_postgresql(pg_reader, reader):
    """Article links, a speaker's articles, filtered and paged questions, suggestions by
    question and paged forecasts give on PostgreSQL what they give on SQLite."""

    def shape(client) -> dict:
        choi = next(
            p
            for p in client.get("/api/speakers", params={"per_page": 200}).json()["speakers"]
            if p["name"] == "Choi Min-jun"
        )
        found = {"articles": [], "questions": [], "links": []}
        url = f"/api/speakers/{choi['id']}/articles?per_page=1"
        while url:
            page = client.get(url).json()
            found["articles"] += [
                (a["title"], a["statements"], a["forecasts"]) for a in page["articles"]
            ]
            url = page["pagination"]["next_url"]
        params = {"speaker": "Choi Min-jun", "ends_after": "2025-12-31", "per_page": 2}
        url = "/api/questions?" + urlencode(params)
        while url:
            page = client.get(url).json()
            found["questions"] += [(q["title"], q["window_end"]) for q in page["questions"]]
            url = page["pagination"]["next_url"]
        found["total"] = client.get("/api/questions", params=params).json()["pagination"]["total"]
        for a in client.get("/api/articles").json()["articles"]:
            for f in client.get(f"/api/articles/{a['id']}").json()["forecasts"]:
                found["links"].append((a["title"], f["id"], f["question_title"]))
        found["links"].sort()
        question = client.get("/api/questions").json()["questions"][0]["id"]
        page = client.get(f"/api/questions/{question}", params={"per_page": 1}).json()
        found["forecast_pages"] = page["pagination"]["pages"]
        found["head"] = client.head(f"/questions/{question}").status_code
        return found

    on_postgres, on_sqlite = shape(pg_reader), shape(reader)
    assert on_postgres["questions"] and on_postgres["links"] and on_postgres["head"] == 200
    assert on_postgres == on_sqlite


def test_article_page_shows_agreement_and_division(tmp_path):
    from fastapi.testclient import TestClient

    from augury import services
    from augury.store import open_store
    from augury.web import create_app

    path = tmp_path / "2025-02-01-strike.txt"
    path.write_text(
        "Port strike talks\n\n"
        "\u201cThe strike will end by Friday,\u201d said Rosa Lindqvist, a labour economist.\n\n"
        "Omar Haddad echoed this view, saying the union was running out of funds.\n\n"
        "Analysts were divided on whether the government would step in.\n\n"
        "\u201cThe ministry will not intervene,\u201d said Jonas Berg, a policy analyst.\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with open_store(url) as store:
        services.ingest(store, [str(path)], n_process=1)
        (article,) = store.list_articles()
    client = TestClient(create_app(url))
    page = client.get(f"/articles/{article.id}").text
    assert "Omar Haddad</strong> agrees with <strong>Rosa Lindqvist" in page
    assert "divided on whether the government would step in" in page
    data = client.get(f"/api/articles/{article.id}").json()
    assert {r["type"] for r in data["relations"]} == {"agrees", "divided"}
