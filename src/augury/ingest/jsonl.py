"""JSON Lines (.jsonl): one article per line, keys text, title, url, source, published."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from datetime import date, datetime

from augury.ingest.checks import IngestProblem, decode_utf8
from augury.ingest.normalise import build_article
from augury.model import Article


def read_jsonl(data: bytes, path: str, published: date | None) -> Iterator[Article | IngestProblem]:
    """Read each non-blank line as one article; a bad line is a problem, the rest go on."""
    offset = 0
    if data.startswith(codecs.BOM_UTF8):
        offset = len(codecs.BOM_UTF8)
    for number, raw in enumerate(data[offset:].split(b"\n"), start=1):
        start, offset = offset, offset + len(raw) + 1
        if raw.strip():
            yield from _read_line(raw, path, number, start, published)


def _read_line(
    raw: bytes, path: str, number: int, start: int, published: date | None
) -> Iterator[Article | IngestProblem]:
    line = decode_utf8(raw, path, line=number, start=start)
    if isinstance(line, IngestProblem):
        yield line
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        yield IngestProblem(path, number, f"not valid JSON ({error.msg}: column {error.colno})")
        return
    if not isinstance(record, dict):
        yield IngestProblem(path, number, "line is not a JSON object")
        return
    if "text" not in record:
        yield IngestProblem(path, number, 'line has no "text" field')
        return
    if not isinstance(record["text"], str):
        yield IngestProblem(path, number, '"text" is not a string')
        return
    if published is None and record.get("published") is not None:
        published = _parse_date(record["published"])
        if published is None:
            yield IngestProblem(
                path,
                number,
                f'"published" {record["published"]!r} is not a date (YYYY-MM-DD); left unknown',
            )
    yield build_article(
        record["text"],
        where=(path, number),
        path=f"{path}:{number}",
        title=record.get("title"),
        url=record.get("url"),
        source=record.get("source"),
        published=published,
    )


def _parse_date(value: object) -> date | None:
    """A date from "YYYY-MM-DD" or an ISO 8601 date-time, else None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None
