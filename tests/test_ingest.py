"""Tests for the ingest layer: every format, the checks, and that bad input never stops a run."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from augury.ingest import (
    DEFAULT_MAX_BYTES,
    IngestProblem,
    article_id,
    count_inputs,
    normalise_text,
    read_paths,
)
from augury.ingest.html import html_to_text
from augury.ingest.text import guess_title
from augury.model import Article

# Invented text, long enough (30+ words) to pass the English check.
BODY = (
    "Dr. Ilsa Varnow, an economist at the Kettering Institute, said the Zembla accord is "
    "likely to be ratified before the end of the year, though she warned that the vote "
    "may slip if the parliament wants to see the budget figures first."
)
SECOND = '"They will not sign a blank cheque," Varnow said in an interview on Tuesday.'
GERMAN = (
    "Die Regierung hat am Dienstag angekündigt, dass die neue Brücke über den Fluss im "
    "nächsten Jahr fertiggestellt werden soll. Nach Ansicht vieler Fachleute ist das jedoch "
    "kaum zu schaffen, weil die Baufirmen seit Monaten über fehlende Arbeitskräfte klagen."
)


def read(*paths: str | Path, **options) -> list[Article | IngestProblem]:
    return list(read_paths([str(p) for p in paths], **options))


def articles(results: list) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def problems(results: list) -> list[IngestProblem]:
    return [r for r in results if isinstance(r, IngestProblem)]


def only_problem(results: list) -> IngestProblem:
    assert len(results) == 1 and isinstance(results[0], IngestProblem), results
    return results[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- normalisation and ids -------------------------------------------------------------


def test_normalise_text() -> None:
    raw = "\ufeff  Cafe\u0301 talk \r\nline two\t \r\rthree\n\n\n\n\nfour  \n\n"
    assert normalise_text(raw) == "Café talk\nline two\n\nthree\n\nfour"


def test_article_id_is_a_16_hex_prefix_of_sha256() -> None:
    ident = article_id("Some text.")
    assert len(ident) == 16 and int(ident, 16) >= 0
    assert ident != article_id("Other text.")


def test_same_article_same_id_across_reads_and_line_endings(tmp_path: Path) -> None:
    text = f"Accord vote may slip\n\n{BODY}\n\n{SECOND}\n"
    lf = write(tmp_path / "lf.txt", text)
    crlf = write(tmp_path / "crlf.txt", text.replace("\n", "\r\n"))
    first, second, third = articles(read(lf, lf, crlf))
    assert first.id == second.id == third.id
    assert first.text == third.text
    assert first.id == article_id(first.text)


# --- plain text ----------------------------------------------------------------------


def test_text_file_with_headline(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", f"Accord vote may slip\n\n{BODY}\n\n\n\n{SECOND}\n")
    (article,) = read(path)
    assert article.title == "Accord vote may slip"
    assert article.text == f"Accord vote may slip\n\n{BODY}\n\n{SECOND}"  # headline kept
    assert article.path == str(path)
    assert article.published is None and article.url is None


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Accord vote may slip", "Accord vote may slip"),
        ("Will the Zembla accord hold?", "Will the Zembla accord hold?"),
        ("Varnow expects a late vote.", None),
        ('"We will sign," Varnow said.', None),
        ("Experts said the following:", None),
        ("A" * 121, None),
    ],
)
def test_title_heuristic(first_line: str, title: str | None) -> None:
    assert guess_title(f"{first_line}\n{BODY}") == title


def test_no_title_for_a_single_line() -> None:
    assert guess_title(BODY.replace(".", "")) is None


# --- HTML ----------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html><html><head>
<title>Accord vote may slip | The Daily Lantern</title>
<meta property="og:title" content="Accord vote may slip">
<meta property="og:site_name" content="The Daily Lantern">
<meta property="og:url" content="https://lantern.example/zembla">
<meta property="article:published_time" content="2024-04-02T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>Accord vote may slip</h1><p>{BODY}</p><p>{SECOND}</p></article>
<footer>Copyright Lantern Media. All rights reserved.</footer>
</body></html>"""


def test_html_page(tmp_path: Path) -> None:
    (article,) = read(write(tmp_path / "page.html", PAGE))
    assert article.title == "Accord vote may slip"
    assert article.source == "The Daily Lantern"
    assert article.url == "https://lantern.example/zembla"
    assert article.published == date(2024, 4, 2)
    assert f"{BODY}\n\n{SECOND}" in article.text
    assert "Subscribe" not in article.text and "Copyright" not in article.text


def test_html_in_a_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace("Ilsa", "Ilsé")
    (article,) = read(write(tmp_path / "latin.htm", page.encode("iso-8859-1")))
    assert "Dr. Ilsé Varnow" in article.text


def test_html_without_text(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><body><script>var x = 1;</script></body></html>")
    assert only_problem(read(path)).message == "no article text found in the HTML"


def test_html_fragment_to_text() -> None:
    fragment = "<p>Rates <b>may</b>&nbsp;rise.</p><script>x()</script><ul><li>One</li></ul>a<br>b"
    assert normalise_text(html_to_text(fragment)) == "Rates may rise.\n\nOne\n\na\nb"


# --- JSON Lines ----------------------------------------------------------------------


def test_jsonl(tmp_path: Path) -> None:
    lines = [
        {
            "text": BODY,
            "title": "Vote",
            "url": "https://x.example/1",
            "source": "Lantern",
            "published": "2024-04-02",
        },
        {"text": SECOND, "published": "2024-04-03T08:30:00+02:00"},
    ]
    content = "\ufeff" + json.dumps(lines[0]) + "\n\n" + json.dumps(lines[1]) + "\n"
    path = write(tmp_path / "batch.jsonl", content)
    first, second = read(path)
    assert (first.title, first.url, first.source) == ("Vote", "https://x.example/1", "Lantern")
    assert first.published == date(2024, 4, 2) and second.published == date(2024, 4, 3)
    assert (first.path, second.path) == (f"{path}:1", f"{path}:3")


def test_jsonl_bad_lines_do_not_stop_the_rest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY}),
        '{"text": "unterminated',
        json.dumps({"title": "No text here"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": SECOND, "published": "next Tuesday"}),
        json.dumps({"text": "   "}),
    ]
    path = write(tmp_path / "x.jsonl", "\n".join(lines))
    results = read(path)
    assert [str(p) for p in problems(results)] == [
        f"{path}:2: not valid JSON (Unterminated string starting at: column 10)",
        f'{path}:3: line has no "text" field',
        f"{path}:4: line is not a JSON object",
        f"{path}:5: \"published\" 'next Tuesday' is not a date (YYYY-MM-DD); left unknown",
        f"{path}:6: no text (only whitespace)",
    ]
    assert [a.path for a in articles(results)] == [f"{path}:1", f"{path}:5"]
    assert articles(results)[1].published is None


def test_jsonl_invalid_utf8_names_line_and_offset(tmp_path: Path) -> None:
    good = json.dumps({"text": BODY}).encode()
    path = write(tmp_path / "x.jsonl", good + b'\n{"text": "caf\xe9"}\n' + good)
    results = read(path)
    (problem,) = problems(results)
    assert (problem.line, len(articles(results))) == (2, 2)
    assert f"byte 0xe9 at offset {len(good) + 1 + 13}" in problem.message


# --- feeds ---------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lantern World</title><link>https://lantern.example/</link>
<item><title>Accord vote</title><link>https://lantern.example/a</link>
<pubDate>Tue, 02 Apr 2024 10:00:00 GMT</pubDate>
<description><![CDATA[<p>{BODY}</p><p>Rates <b>may</b> rise.</p>]]></description>
</item>
<item><title>Short note</title><description>Varnow expects a late vote.</description></item>
<item><title>Nothing inside</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kettering Notes</title>
<entry><title>On tariffs</title><link href="https://k.example/t"/>
<updated>2024-05-01T00:00:00Z</updated>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;Tariffs &lt;i&gt;will&lt;/i&gt; rise, Varnow said.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "world.rss", RSS)
    results = read(path)
    first, second = articles(results)
    assert first.path == f"{path}#1" and second.path == f"{path}#2"
    assert (first.title, first.url, first.source) == (
        "Accord vote",
        "https://lantern.example/a",
        "Lantern World",
    )
    assert first.published == date(2024, 4, 2) and second.published is None
    assert first.text == f"{BODY}\n\nRates may rise."
    assert [str(p) for p in problems(results)] == [f"{path}#3: item has no content or summary"]


def test_atom_feed_prefers_content_and_takes_updated_date(tmp_path: Path) -> None:
    (article,) = read(write(tmp_path / "notes.atom", ATOM))
    assert article.text == "Tariffs will rise, Varnow said."
    assert article.published == date(2024, 5, 1)
    assert article.source == "Kettering Notes"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "sitemap.xml", "<?xml version='1.0'?><urlset><url>x</url></urlset>")
    assert only_problem(read(path)).message == "not an RSS or Atom feed"


# --- publication date override -------------------------------------------------------


def test_published_override_applies_to_every_format(tmp_path: Path) -> None:
    when = date(2025, 1, 31)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.html", PAGE)
    write(tmp_path / "c.jsonl", json.dumps({"text": BODY, "published": "2024-04-02"}))
    write(tmp_path / "d.rss", RSS)
    results = read(tmp_path, published=when)
    assert len(articles(results)) == 5
    assert {a.published for a in articles(results)} == {when}


# --- folders and stdin ---------------------------------------------------------------


def test_folder_is_recursive_sorted_and_skips_hidden_and_unknown(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", BODY)
    write(tmp_path / "a" / "z.TXT", SECOND + " " + BODY)
    write(tmp_path / "a" / "empty.txt", b"")
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / ".git" / "c.txt", BODY)
    write(tmp_path / "notes.md", BODY)
    results = read(tmp_path)
    assert [str(r.path) for r in results] == [
        str(tmp_path / "a" / "empty.txt"),
        str(tmp_path / "a" / "z.TXT"),
        str(tmp_path / "b.txt"),
    ]
    assert str(results[0]) == f"{tmp_path / 'a' / 'empty.txt'}: file is empty"
    assert count_inputs([str(tmp_path), "-", "missing.txt"]) == 5


def test_empty_folder(tmp_path: Path) -> None:
    write(tmp_path / "notes.md", BODY)
    assert only_problem(read(tmp_path)).message.startswith("folder has no files to read")


def test_stdin_text() -> None:
    (article,) = read("-", stdin=io.StringIO(f"Accord vote may slip\n{BODY}\n"))
    assert article.path == "-" and article.title == "Accord vote may slip"


def test_stdin_jsonl_is_recognised() -> None:
    (article,) = read("-", stdin=io.StringIO(json.dumps({"text": BODY, "title": "T"})))
    assert (article.path, article.title) == ("-:1", "T")


def test_stdin_bytes_buffer_and_problems() -> None:
    class Stdin(io.StringIO):
        buffer = io.BytesIO(b"caf\xe9 " + BODY.encode())

    assert "byte 0xe9 at offset 3" in only_problem(read("-", stdin=Stdin())).message
    assert str(only_problem(read("-", stdin=io.StringIO("")))) == "-: input is empty"


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b" \r\n\t\n", "no text (only whitespace)"),
        ("nul.txt", b"PK\x03\x04\x00\x00binary", "looks like a binary file (contains NUL bytes)"),
        ("ctl.txt", bytes(range(1, 9)) * 20, "looks like a binary file (100% control characters)"),
        ("wide.txt", "hi".encode("utf-16"), "file is UTF-16 text; save it as UTF-8"),
        ("bad.txt", b"line one\ncaf\xe9\n", "not valid UTF-8 (byte 0xe9 at offset 12)"),
        ("german.txt", GERMAN.encode(), "text does not look like English (3% of 38 words"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    problem = only_problem(read(write(tmp_path / name, content)))
    assert problem.path == str(tmp_path / name)
    assert problem.message.startswith(message)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.txt", b"line one\ncaf\xe9\n")
    assert only_problem(read(path)).line == 2


def test_short_non_english_text_is_not_checked(tmp_path: Path) -> None:
    (article,) = read(write(tmp_path / "kurz.txt", "Die Brücke wird nächstes Jahr fertig."))
    assert article.text.startswith("Die Brücke")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", BODY)
    size = len(BODY.encode())
    assert only_problem(read(path, max_bytes=100)).message == (
        f"file is {size:,} bytes, over the limit of 100 bytes"
    )
    assert DEFAULT_MAX_BYTES == 5_000_000


def test_unknown_extension_and_missing_path(tmp_path: Path) -> None:
    pdf = write(tmp_path / "report.pdf", BODY)
    assert only_problem(read(pdf)).message.startswith('unknown file type ".pdf"; expected one of')
    missing = str(tmp_path / "nope.txt")
    assert str(only_problem(read(missing))) == f"{missing}: no such file or directory"


def test_a_bad_file_does_not_stop_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "1.txt", BODY)
    write(tmp_path / "2.html", b"\x00\x01\x02")
    write(tmp_path / "3.jsonl", "not json\n" + json.dumps({"text": SECOND}))
    write(tmp_path / "4.txt", b"ok \xfd\xfe")
    write(tmp_path / "5.txt", SECOND)
    results = read(tmp_path, tmp_path / "missing.txt", tmp_path / "5.txt")
    assert [type(r).__name__ for r in results] == [
        "Article",
        "IngestProblem",
        "IngestProblem",
        "Article",
        "IngestProblem",
        "Article",
        "IngestProblem",
        "Article",
    ]


def test_problem_str() -> None:
    assert str(IngestProblem("examples/x.jsonl", 3, 'line has no "text" field')) == (
        'examples/x.jsonl:3: line has no "text" field'
    )
    assert str(IngestProblem("a.txt", None, "file is empty")) == "a.txt: file is empty"


def test_text_file_name_date_is_the_publication_date(tmp_path):
    from augury.ingest import read_paths

    path = tmp_path / "2024-02-29-budget-talks.txt"
    path.write_text("Budget talks stall\n\nThe finance minister said talks would resume.\n")
    (article,) = list(read_paths([str(path)]))
    assert article.published == date(2024, 2, 29)
    (article,) = list(read_paths([str(path)], published=date(2024, 3, 1)))
    assert article.published == date(2024, 3, 1)
