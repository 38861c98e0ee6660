"""Text normalisation and the content hash that identifies an article."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

from augury.ingest.checks import IngestProblem, english_problem
from augury.model import Article

ARTICLE_ID_LENGTH = 16  # hex characters of the SHA-256: 64 bits, ample for one ledger

_LINE_BREAKS = re.compile(r"\r\n|[\r\u0085\u2028\u2029]")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Return ``text`` in the one form that offsets and ids are taken from.

    Line endings become ``\\n``, byte-order marks go, the text is put in Unicode
    NFC, trailing whitespace is cut from each line, three or more newlines
    become two (one blank line between paragraphs), and the whole is stripped.
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def article_id(normalised_text: str) -> str:
    """The article id: the first 16 hex characters of the SHA-256 of its normalised text."""
    digest = hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()
    return digest[:ARTICLE_ID_LENGTH]


def build_article(
    raw_text: str,
    *,
    where: tuple[str, int | None],
    path: str,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
) -> Article | IngestProblem:
    """Normalise ``raw_text`` and make an Article, or the problem that stops it.

    ``where`` is the (path, line) a problem should name; ``path`` is where the
    article says it came from ("file.jsonl:7", "feed.xml#3").
    """
    text = normalise_text(raw_text)
    message = "no text (only whitespace)" if not text else english_problem(text)
    if message:
        return IngestProblem(where[0], where[1], message)
    return Article(
        id=article_id(text),
        text=text,
        title=_clean_field(title),
        url=_clean_field(url),
        source=_clean_field(source),
        published=published,
        path=path,
    )


def _clean_field(value: object) -> str | None:
    """A metadata field as a single stripped line, or None when blank."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return unicodedata.normalize("NFC", value) or None
