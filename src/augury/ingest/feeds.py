"""RSS and Atom feeds (.rss, .atom, .xml): each item is one article.

feedparser reads the bytes itself, so the encoding the XML declares is honoured.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from augury.ingest.checks import IngestProblem
from augury.ingest.html import html_to_text
from augury.ingest.normalise import build_article
from augury.model import Article

# feedparser flags these though the feed was read in full; they are not worth a problem.
_HARMLESS = (feedparser.CharacterEncodingOverride,)


def read_feed(data: bytes, path: str, published: date | None) -> Iterator[Article | IngestProblem]:
    """Read every item of a feed; an item without text is a problem, the others go on."""
    feed = feedparser.parse(data)
    error = feed.get("bozo_exception")
    if not feed.version and not feed.entries:
        reason = f" ({error})" if error else ""
        yield IngestProblem(path, None, f"not an RSS or Atom feed{reason}")
        return
    if error and not isinstance(error, _HARMLESS):
        yield IngestProblem(path, None, f"malformed feed ({error}); read as far as possible")
    if not feed.entries:
        yield IngestProblem(path, None, "feed has no items")
        return
    feed_title = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}#{number}"
        text = _item_text(entry)
        if not text.strip():
            yield IngestProblem(where, None, "item has no content or summary")
            continue
        yield build_article(
            text,
            where=(where, None),
            path=where,
            title=entry.get("title"),
            url=entry.get("link"),
            source=entry.get("source", {}).get("title") or feed_title,
            published=published or _item_date(entry),
        )


def _item_text(entry: Any) -> str:
    """The item's full content where it has one, else its summary, as plain text."""
    contents = [part for part in entry.get("content", []) if (part.get("value") or "").strip()]
    if contents:
        # Some feeds carry the same content twice (plain and HTML): take the fuller one.
        part = max(contents, key=lambda part: len(part["value"]))
        kind, value = part.get("type"), part["value"]
    else:
        kind, value = (entry.get("summary_detail") or {}).get("type"), entry.get("summary") or ""
    return value if kind == "text/plain" else html_to_text(value)


def _item_date(entry: Any) -> date | None:
    """The item's publication date, or its last update when it gives no other."""
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
