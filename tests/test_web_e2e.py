"""The web app in a real headless Chromium: marks, the resolution form, hostile articles.

Uses Debian's ``chromium`` (``apt-get install -y chromium``) driven by Playwright's
Python package; nothing is downloaded. Skips, saying why, when either is missing.
Screenshots of the main pages go to ``test-output/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web app needs fastapi (pip install fastapi)")
uvicorn = pytest.importorskip("uvicorn", reason="the e2e tests need uvicorn (pip install uvicorn)")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the e2e tests need Playwright (pip install playwright)"
)

from augury import services  # noqa: E402
from augury.store import open_store  # noqa: E402
from augury.web import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = str(ROOT / "examples")
HOSTILE = ROOT / "tests" / "data" / "hostile.html"
SHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("AUGURY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

if not Path(CHROMIUM).exists():
    pytest.skip(
        "Debian's chromium is not installed (apt-get install -y chromium); "
        "set AUGURY_CHROMIUM to use another binary",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app over the sample articles, served by uvicorn on loopback in a thread."""
    path = tmp_path_factory.mktemp("e2e") / "ledger.db"
    with open_store(str(path)) as store:
        services.ingest(store, [EXAMPLES], n_process=1)
    port = _free_port()
    app = create_app(str(path), allowed_hosts=("127.0.0.1", "localhost"))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            found = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as error:  # a broken install: say so instead of a traceback
            pytest.skip(f"cannot start {CHROMIUM}: {str(error).splitlines()[0]}")
        yield found
        found.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.dialogs, tab.errors = dialogs, errors  # type: ignore[attr-defined]
    yield tab
    context.close()


def shot(page, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def _json(page, server: str, path: str):
    return page.request.get(server + path).json()


def test_home_and_lists_render(page, server):
    page.goto(server + "/")
    assert page.title() == "Home · augury"
    assert page.locator("text=Recent articles").count() == 1
    shot(page, "home")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.goto(server + "/questions?status=expired")
    assert page.locator(".plain > li").count() > 0
    shot(page, "questions")
    assert not page.errors


def test_pager_walks_by_keyboard_with_a_visible_focus(page, server):
    page.goto(server + "/articles?per_page=3")
    assert "Page 1 of 2" in page.locator("nav.pager").inner_text()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('rel')") == "next":
            break
    else:
        pytest.fail("Tab never reached the link to the next page")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline == ["solid", "3px"], "the focused link shows where the keyboard is"
    shot(page, "articles-pager-focus", full=False)
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles?per_page=3&page=2")
    assert "Page 2 of 2" in page.locator("nav.pager").inner_text()
    assert page.locator("ul.plain > li").count() == 1
    page.click("nav.pager a[rel=prev]")
    page.wait_for_url("**/articles?per_page=3&page=1")
    assert page.locator("ul.plain > li").count() == 3
    assert not page.errors


def test_speaker_page_lists_articles_and_links_questions(page, server):
    speakers = _json(page, server, "/api/speakers?per_page=200")["speakers"]
    choi = next(p for p in speakers if p["name"] == "Choi Min-jun")
    page.goto(f"{server}/speakers/{choi['id']}")
    articles = page.locator("section[aria-labelledby=h-articles] li")
    assert articles.count() == choi["articles"]
    assert "statement" in articles.first.inner_text()
    shot(page, "speaker-profile")
    page.goto(f"{server}/speakers/{choi['id']}/articles?per_page=1")
    assert f"Page 1 of {choi['articles']}" in page.locator("nav.pager").inner_text()
    shot(page, "speaker-articles")
    # From an article, a forecast leads to its question and back.
    article = _json(page, server, f"/api/speakers/{choi['id']}/articles")["articles"][0]
    page.goto(f"{server}/articles/{article['id']}")
    link = page.locator("section[aria-labelledby=h-forecasts] td a[href^='/questions/']").first
    title = link.get_attribute("title")
    link.click()
    page.wait_for_url("**/questions/*")
    assert page.locator("h1").inner_text() == title
    assert page.locator(f"a[href^='/articles/{article['id']}#fc-']").count() >= 1
    shot(page, "question-from-article")
    assert not page.errors


def test_article_page_marks_and_tooltips(page, server):
    articles = _json(page, server, "/api/articles")["articles"]
    seoul = next(a for a in articles if "Seoul" in (a["title"] or ""))
    data = _json(page, server, f"/api/articles/{seoul['id']}")
    page.goto(f"{server}/articles/{seoul['id']}")
    body = page.locator("#text")
    assert body.locator(".st[id^=st-]").count() == len(data["statements"])
    assert body.locator(".fc[id^=fc-]").count() == len(data["forecasts"])
    assert body.locator(".qty").count() >= len(data["quantities"])
    # Speakers get different colours.
    colours = page.evaluate(
        """() => [...new Set([...document.querySelectorAll('#text .st')]
             .map(e => getComputedStyle(e).backgroundColor))]"""
    )
    assert len(colours) >= 4
    # The side panel lists each speaker with title and affiliation.
    panel = page.locator("aside.panel")
    assert panel.locator("text=professor of economics, Namsan University").count() == 1
    # A forecast's probability and window show on keyboard focus, hidden otherwise.
    first = data["forecasts"][0]
    tip = page.locator(f"#tip-{first['id']}")
    assert tip.bounding_box()["width"] <= 1
    page.focus(f"#fc-{first['id']}")
    box = tip.bounding_box()
    assert box["width"] > 100 and box["height"] > 10
    assert f"{round(first['probability'] * 100)}%" in tip.inner_text()
    assert "window" in tip.inner_text()
    shot(page, "article-tooltip", full=False)
    page.goto(f"{server}/articles/{seoul['id']}")
    shot(page, "article")
    assert not page.errors


def test_resolve_through_the_form_and_see_the_score_change(page, server):
    question = _json(page, server, "/api/questions?topic=below%20%2460")["questions"][0]
    page.goto(server + "/scores")
    assert page.locator("tbody tr").first.locator("td").first.inner_text() == "0"
    page.goto(f"{server}/questions/{question['id']}")
    assert page.locator("svg[role=img] circle").count() == question["forecasts"]
    shot(page, "question-before")
    page.check("input[name=outcome][value=yes]")
    page.fill("input[name=on]", "2025-12-15")
    page.fill("textarea[name=evidence]", "Brent fell below $60 a barrel in December.")
    page.fill("input[name=by]", "e2e test")
    page.click("#resolve-form button[type=submit]")
    page.wait_for_url(f"**/questions/{question['id']}?done=resolved*")
    assert "The question is resolved" in page.locator(".notice").inner_text()
    assert page.locator(".resolution").first.locator(".badge").inner_text().lower() == "yes"
    shot(page, "question-resolved")
    page.goto(server + "/scores")
    resolved = page.locator("tbody tr").first.locator("td").first.inner_text()
    assert int(resolved) == question["forecasts"]
    assert page.locator("svg[role=img] circle.bin").count() >= 1
    shot(page, "scores")
    expert = _json(page, server, f"/api/questions/{question['id']}")["forecasts"][0]
    if expert["person_id"]:
        page.goto(f"{server}/speakers/{expert['person_id']}")
        assert page.locator("text=Calibration of").count() >= 1
        shot(page, "speaker")
    assert not page.errors


def test_hostile_article_never_executes(page, server):
    page.goto(server + "/analyze")
    page.set_input_files("input[name=file]", str(HOSTILE))
    page.fill("input[name=url]", "javascript:alert(5)")
    page.check("input[name=store]")
    page.click("form[action='/analyze'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("text=stored").count() >= 1
    shot(page, "analyze-hostile")
    # The same attacks as plain text, which no HTML reader strips on the way in.
    page.goto(server + "/analyze")
    page.fill(
        "textarea[name=text]",
        "An analyst said talks would fail. <script>window.pwned=1;alert(1)</script> "
        '<img src=x onerror="window.pwned=2;alert(2)"> <a href="javascript:alert(3)">notes</a> '
        '"Exports are likely to fall by 8 percent by the end of the year," said Yoon Tae-min, '
        "head of research at Garam Investment, in a statement on Monday.",
    )
    page.fill("input[name=title]", "<script>window.pwned=3</script><b onmouseover=alert(4)>x</b>")
    page.check("input[name=store]")
    page.click("form[action='/analyze'] button[type=submit]")
    page.wait_for_load_state()
    for hit in _json(page, server, "/api/search?q=Garam")["hits"]:
        page.goto(f"{server}/articles/{hit['article_id']}")
        page.hover("#text")
        for link in page.locator("#text a, h1 a").all():
            link.hover()
        assert page.evaluate("window.pwned") is None
        assert (
            page.locator("#text script, #text img, #text [onerror], #text [onclick]").count() == 0
        )
        assert page.locator("a[href^='javascript:' i]").count() == 0
    titled = _json(page, server, "/api/articles")["articles"]
    hostile = next(a for a in titled if (a["title"] or "").startswith("<script>"))
    page.goto(f"{server}/articles/{hostile['id']}")
    assert page.locator("h1").inner_text().startswith("<script>window.pwned=3</script>")
    assert page.evaluate("window.pwned") is None
    shot(page, "article-hostile")
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert not page.errors


def test_a_questions_forecasts_are_paged_under_its_timeline(page, server):
    expired = _json(page, server, "/api/questions?status=expired")["questions"]
    keep = expired[0]["id"]
    for other in expired[1:3]:
        merged = page.request.post(
            f"{server}/api/questions/{keep}/merge", data={"other": other["id"]}
        )
        assert merged.ok, merged.text()
    total = _json(page, server, f"/api/questions/{keep}")["question"]["forecasts"]
    page.goto(f"{server}/questions/{keep}?per_page=2")
    assert page.locator("svg[role=img] circle").count() == total  # the timeline: every one
    assert page.locator("#forecasts tbody tr").count() == 2  # the table: a page of them
    pager = page.locator("nav.pager[aria-label='Pages of forecasts']")
    assert f"Page 1 of {-(-total // 2)}" in pager.inner_text()
    shot(page, "question-paged")
    pager.locator("a[rel=next]").click()
    page.wait_for_url(f"**/questions/{keep}?per_page=2&page=2")
    assert page.locator("#forecasts tbody tr").count() == total - 2
    assert not page.errors
