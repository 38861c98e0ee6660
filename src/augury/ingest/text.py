"""Plain-text articles (.txt): the whole file is the article; its first line may be a headline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from augury.ingest.checks import IngestProblem, decode_utf8
from augury.ingest.normalise import build_article, normalise_text
from augury.model import Article

TITLE_MAX_CHARS = 120
# A first line ending like a sentence or a lead-in is prose, not a headline.
# "?" and "!" are allowed: headlines ask and exclaim.
_PROSE_ENDINGS = (".", ",", ";", ":")
_CLOSING_QUOTES = "\"'”’)]"


def guess_title(text: str) -> str | None:
    """The first line of normalised ``text`` when it reads as a headline, else None.

    A headline is at most 120 characters, does not end with a full stop (or a
    comma, semicolon or colon, even inside a closing quote), and has more text
    after it. The text itself keeps the headline, so offsets still index it.
    """
    first, newline, rest = text.partition("\n")
    first = first.strip()
    if not newline or not rest.strip() or not first or len(first) > TITLE_MAX_CHARS:
        return None
    if first.rstrip(_CLOSING_QUOTES).endswith(_PROSE_ENDINGS):
        return None
    return first


def read_text(data: bytes, path: str, published: date | None) -> Iterator[Article | IngestProblem]:
    """Read one UTF-8 text file as one article."""
    decoded = decode_utf8(data, path)
    if isinstance(decoded, IngestProblem):
        yield decoded
        return
    yield build_article(
        decoded,
        where=(path, None),
        path=path,
        title=guess_title(normalise_text(decoded)),
        published=published,
    )
