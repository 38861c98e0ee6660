"""Web pages (.html, .htm) read with trafilatura, and HTML fragments turned into text.

Works offline: trafilatura and htmldate read only the markup they are given.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser

import trafilatura

from augury.ingest.checks import IngestProblem, decode_utf8
from augury.ingest.normalise import build_article
from augury.model import Article

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_html(data: bytes, path: str, published: date | None) -> Iterator[Article | IngestProblem]:
    """Read one web page as one article: main text without boilerplate, plus metadata."""
    markup = _decode_page(data, path)
    if isinstance(markup, IngestProblem):
        yield markup
        return
    try:
        page = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    except Exception as error:  # lxml and trafilatura raise many kinds on broken markup
        yield IngestProblem(path, None, f"could not parse the HTML ({error})")
        return
    if page is None or not (page.text or "").strip():
        yield IngestProblem(path, None, "no article text found in the HTML")
        return
    yield build_article(
        # trafilatura puts one block (paragraph, heading, list item) on each
        # line; a blank line between blocks marks paragraphs as in .txt input.
        page.text.replace("\n", "\n\n"),
        where=(path, None),
        path=path,
        title=page.title,
        url=page.url,
        source=page.sitename,
        published=published or _iso_date(page.date),
    )


def _decode_page(data: bytes, path: str) -> str | IngestProblem:
    """UTF-8, or the charset the page declares in a <meta> tag."""
    decoded = decode_utf8(data, path)
    if not isinstance(decoded, IngestProblem):
        return decoded
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            if codecs.lookup(name).name != "utf-8":
                return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decoded


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, with paragraph breaks at block tags."""

    BLOCKS = frozenset(
        "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4"
        " h5 h6 header hr li main nav ol p pre section table tr ul".split()
    )
    HIDDEN = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # Whitespace in markup is layout, as a browser renders it.
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content): tags out, blocks as paragraphs."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = "".join(collector.parts).split("\n")
    return "\n".join(line.strip() for line in lines)
