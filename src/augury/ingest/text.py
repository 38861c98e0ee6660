"""Plain-text articles (.txt): the whole file is the article; its first line may be a headline."""

from __future__ import annotations

import os
import re
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


_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\b|_)")


def date_from_filename(path: str) -> date | None:
    """The date a file name starts with ("2025-03-14-seoul-forum.txt"), as archives name them."""
    match = _DATED_NAME.match(os.path.basename(path))
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def read_text(data: bytes, path: str, published: date | None) -> Iterator[Article | IngestProblem]:
    """Read one UTF-8 text file as one article.

    Plain text has no metadata; a date at the start of the file name is taken as
    the publication date unless ``published`` overrides it.
    """
    decoded = decode_utf8(data, path)
    if isinstance(decoded, IngestProblem):
        yield decoded
        return
    yield build_article(
        decoded,
        where=(path, None),
        path=path,
        title=guess_title(normalise_text(decoded)),
        published=published or date_from_filename(path),
    )
