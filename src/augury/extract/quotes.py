"""Quotation marks: find quoted passages in an article's text.

News convention: a quotation that runs over several paragraphs leaves each
paragraph but the last unclosed and reopens the quote at the start of the next
one. Such a run is one ``Quote`` with one segment per paragraph. A quote that
opens and never closes ends at the end of its paragraph (``closed=False``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CURLY_OPENERS = {"\u201c", "\u201e", "\u00ab"}
_CURLY_CLOSERS = {"\u201d", "\u00bb"}
OPENERS = _CURLY_OPENERS | {'"'}
CLOSERS = _CURLY_CLOSERS | {'"'}
_TWO_APOSTROPHES = "''"  # wire style: ''It will pass,'' she said.
# Quotation marks as spaCy tokens: any double quote, curly, straight or wire style.
QUOTE_MARKS = frozenset(
    {'"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", _TWO_APOSTROPHES, "``"}
)
# Those that can open a quotation ("''" opens one after another has closed).
OPENING_MARKS = frozenset({'"', "\u201c", "\u201e", "\u00ab", _TWO_APOSTROPHES, "``"})
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.?!\u2026]")


@dataclass
class Quote:
    """A quoted passage. ``segments`` include the quote marks; one per paragraph."""

    segments: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    def inner(self, text: str) -> str:
        """The quoted words without the marks, paragraphs joined by a space."""
        parts = []
        for start, end in self.segments:
            piece = text[start:end].strip()
            if piece[:2] in {"``", _TWO_APOSTROPHES}:
                piece = piece[2:]
            elif piece[:1] in OPENERS:
                piece = piece[1:]
            if piece[-2:] == _TWO_APOSTROPHES:
                piece = piece[:-2]
            elif piece[-1:] in CLOSERS:
                piece = piece[:-1]
            parts.append(piece.strip())
        return " ".join(parts)

    def word_count(self, text: str) -> int:
        return len(_WORD.findall(self.inner(text)))

    def is_passage(self, text: str) -> bool:
        """True for quoted speech; False for a scare quote, label or title.

        A passage has several words and reads as a clause: at least five
        words, or sentence punctuation inside the marks.
        """
        words = self.word_count(text)
        inner = self.inner(text)
        if _looks_like_title(inner):
            return False
        if words >= 5:
            return True
        return words >= 3 and bool(_SENTENCE_END.search(inner[-2:]))


def _straight_opens(text: str, i: int, width: int = 1) -> bool:
    """Whether a straight double quote at ``i`` opens (else it closes)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in "([{\u2014-/":
        return not after.isspace()
    return False


def _mark(text: str, i: int) -> tuple[str | None, int]:
    """The quotation mark at ``i``: ("open" | "close" | "straight" | None, its width).

    Besides curly and straight double quotes, two apostrophes or two backticks
    stand for one double quote, as in wire copy and newspaper archives.
    """
    ch = text[i]
    if ch in _CURLY_OPENERS:
        return "open", 1
    if ch in _CURLY_CLOSERS:
        return "close", 1
    if ch == '"':
        return "straight", 1
    if ch == "`" and text.startswith("``", i):
        return "open", 2
    if ch == "'" and text.startswith(_TWO_APOSTROPHES, i) and text[i + 2 : i + 3] != "'":
        return "straight", 2
    return None, 1


def find_quotes(text: str) -> list[Quote]:
    """Every double-quoted passage in ``text``, in order."""
    quotes: list[Quote] = []
    carry: Quote | None = None  # a quote left open at the end of the last paragraph
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = para.span()
        open_at: int | None = None
        pending = carry
        carry = None
        first = _first_mark(text, p_start)
        i = p_start
        while i < p_end:
            kind, width = _mark(text, i)
            if kind is None:
                i += 1
                continue
            if open_at is None:
                if kind == "open" or kind == "straight" and _straight_opens(text, i, width):
                    open_at = i
                i += width
                continue  # a closing mark with nothing open is ignored
            if kind in {"straight", "close"}:
                segment = (open_at, i + width)
                if pending is not None and open_at == first:
                    pending.segments.append(segment)
                    pending.closed = True
                    quotes.append(pending)
                    pending = None
                else:
                    quotes.append(Quote([segment]))
                open_at = None
            else:
                # A second opener before any closer: the first quote was never
                # closed. End it before this mark and start again.
                quotes.append(Quote([(open_at, _rstrip(text, open_at, i))], closed=False))
                open_at = i
            i += width
        if open_at is not None:
            segment = (open_at, _rstrip(text, open_at, p_end))
            if pending is not None and open_at == first:
                pending.segments.append(segment)  # a third paragraph may reopen it again
                carry, pending = pending, None
            else:
                carry = Quote([segment], closed=False)
        if pending is not None:  # the previous paragraph's quote did not reopen here
            pending.closed = False
            quotes.append(pending)
    if carry is not None:
        quotes.append(carry)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _first_mark(text: str, p_start: int) -> int:
    """Offset of the first non-space character of a paragraph."""
    i = p_start
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_MINOR = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with"}


def _looks_like_title(inner: str) -> bool:
    """“Small Open Economies in a Closed World”: the title of a work, not speech."""
    words = _WORD.findall(inner)
    if len(words) < 2 or _SENTENCE_END.search(inner.rstrip(",")[-1:] or ""):
        return False
    major = [w for w in words if w.lower() not in _MINOR]
    return bool(major) and all(w[:1].isupper() for w in major) and words[0][:1].isupper()
