"""Reading what the user named: files, folders and standard input ("-")."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from augury.ingest.checks import DEFAULT_MAX_BYTES, IngestProblem, bytes_problem, size_problem
from augury.ingest.feeds import read_feed
from augury.ingest.html import read_html
from augury.ingest.jsonl import read_jsonl
from augury.ingest.text import read_text
from augury.model import Article

Reader = Callable[[bytes, str, date | None], Iterator[Article | IngestProblem]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}
STDIN = "-"


def read_paths(
    paths: Sequence[str],
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
) -> Iterator[Article | IngestProblem]:
    """Read every article in ``paths``, in order; bad input is yielded as an IngestProblem.

    A path is a file, a folder (read recursively in sorted order, only known
    extensions, hidden files and folders skipped) or "-" for standard input.
    ``published``, when given, is the date of every article read.
    """
    for given in paths:
        if given == STDIN:
            yield from _read_stdin(stdin or sys.stdin, published, max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                known = ", ".join(sorted(READERS))
                yield IngestProblem(given, None, f"folder has no files to read ({known})")
            for file in files:
                yield from _read_file(file, published, max_bytes)
        elif not path.exists():
            yield IngestProblem(given, None, "no such file or directory")
        elif path.suffix.lower() not in READERS:
            known = ", ".join(sorted(READERS))
            kind = f'"{path.suffix}"' if path.suffix else "(no extension)"
            yield IngestProblem(given, None, f"unknown file type {kind}; expected one of {known}")
        else:
            yield from _read_file(path, published, max_bytes)


def count_inputs(paths: Sequence[str]) -> int:
    """How many inputs ``read_paths`` will open: one per file (a JSONL or feed is one), or "-"."""
    return sum(
        len(list(_walk(Path(given)))) if given != STDIN and Path(given).is_dir() else 1
        for given in paths
    )


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` with a known extension, sorted, hidden ones left out."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in READERS
        )
    yield from sorted(found, key=lambda file: file.relative_to(folder).parts)


def _read_file(
    path: Path, published: date | None, max_bytes: int
) -> Iterator[Article | IngestProblem]:
    name = str(path)
    try:
        message = size_problem(path.stat().st_size, max_bytes)
        data = b"" if message else path.read_bytes()
    except OSError as error:
        yield IngestProblem(name, None, f"cannot read the file ({error.strerror})")
        return
    message = message or bytes_problem(data)
    if message:
        yield IngestProblem(name, None, message)
        return
    yield from READERS[path.suffix.lower()](data, name, published)


def _read_stdin(
    stdin: TextIO, published: date | None, max_bytes: int
) -> Iterator[Article | IngestProblem]:
    """Standard input, its format told from its first bytes (feed, HTML, JSONL, else text)."""
    buffer = getattr(stdin, "buffer", None)
    data = buffer.read(max_bytes + 1) if buffer else stdin.read(max_bytes + 1).encode("utf-8")
    if len(data) > max_bytes:
        yield IngestProblem(STDIN, None, f"input is over the limit of {max_bytes:,} bytes")
        return
    message = bytes_problem(data)
    if message:
        yield IngestProblem(STDIN, None, message.replace("file", "input"))
        return
    yield from _sniff(data)(data, STDIN, published)


def _sniff(data: bytes) -> Reader:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return read_feed
    if head.startswith(b"<"):
        return read_html
    if head.startswith(b"{"):
        return read_jsonl
    return read_text
