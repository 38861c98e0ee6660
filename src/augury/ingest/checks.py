"""Checks on raw input: size, emptiness, binary content, UTF-8, English prose.

Each check returns an ``IngestProblem`` (or a message) instead of raising, so
that one bad file never stops a run over a folder.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

DEFAULT_MAX_BYTES = 5_000_000

# A text shorter than this many words is not checked for being English: too few
# words to judge, and short feed summaries would be rejected by chance.
ENGLISH_MIN_WORDS = 30
# Share of words that must be English stop words. English news prose runs at
# 40-55 % on spaCy's list; German, French, Spanish, Italian and Dutch prose
# score 0-10 % (a few words such as "in", "an", "so" are shared).
ENGLISH_MIN_SHARE = 0.15

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Bytes that never occur in text files: C0 controls other than \t \n \r \f, and DEL.
_CONTROL_BYTES = frozenset(set(range(32)) - {9, 10, 12, 13} | {127})
_BINARY_SAMPLE = 8192
_BINARY_MAX_SHARE = 0.10


@dataclass
class IngestProblem:
    """Why one input (a file, a JSONL line, a feed item) could not be read."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def size_problem(size: int, max_bytes: int) -> str | None:
    """Say why a file of ``size`` bytes is too large, or None."""
    if size > max_bytes:
        return f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes"
    return None


def bytes_problem(data: bytes) -> str | None:
    """Say why ``data`` cannot be text at all (empty, UTF-16, binary), or None."""
    if not data:
        return "file is empty"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "file is UTF-16 text; save it as UTF-8"
    if b"\x00" in data:
        return "looks like a binary file (contains NUL bytes), not text"
    sample = data[:_BINARY_SAMPLE]
    share = sum(byte in _CONTROL_BYTES for byte in sample) / len(sample)
    if share > _BINARY_MAX_SHARE:
        return f"looks like a binary file ({share:.0%} control characters), not text"
    return None


def decode_utf8(
    data: bytes, path: str, line: int | None = None, start: int = 0
) -> str | IngestProblem:
    """Decode UTF-8 strictly; on failure name the byte offset and its line.

    For a slice of a file (one JSONL line) pass its ``line`` number and the
    offset ``start`` of the slice, so that the problem points into the file.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if line is None:
            line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 1].hex()
        return IngestProblem(
            path,
            line,
            f"not valid UTF-8 (byte 0x{bad} at offset {start + error.start}); "
            "save the file as UTF-8",
        )


@cache
def _stop_words() -> frozenset[str]:
    # Imported late: the list is all that is needed, and importing spaCy costs
    # half a second that a run reading no prose need not pay.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def english_problem(text: str) -> str | None:
    """Say why ``text`` does not look like English prose, or None.

    Cheap and deterministic: the share of words that are common English
    function words (spaCy's stop-word list). No model is loaded.
    """
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) < ENGLISH_MIN_WORDS:
        return None
    stop_words = _stop_words()
    share = sum(word in stop_words for word in words) / len(words)
    if share < ENGLISH_MIN_SHARE:
        return (
            f"text does not look like English ({share:.0%} of {len(words)} words are common "
            f"English words, at least {ENGLISH_MIN_SHARE:.0%} expected); skipped"
        )
    return None
