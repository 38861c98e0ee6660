"""What the time-expression rules need to know about the text around a match.

A ``TextContext`` wraps one parsed Doc (or a Span of it) and the document
creation time (DCT, for news the publication date). It answers: which way does
the clause around a character point in time (tense), is a stretch of text a
spaCy DATE/TIME entity, what is the token at an offset.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools

from spacy.tokens import Doc, Span, Token

from augury.extract import doc_text
from augury.extract.timex_vocab import DIRECTION_CUES, FUTURE_AUXILIARIES

PAST, NEAREST, FUTURE = -1, 0, 1
_PAST_TAGS = frozenset({"VBD"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, computed once per Doc."""
    starts = doc.user_data.get("augury.token_starts")
    if starts is None:
        starts = doc.user_data["augury.token_starts"] = [t.idx for t in doc]
    return starts


class TextContext:
    """A parsed text, the part of it to read, and its creation date."""

    def __init__(self, doc_or_span: Doc | Span, dct: dt.date | None):
        self.doc: Doc = doc_or_span.doc if isinstance(doc_or_span, Span) else doc_or_span
        self.start_char = doc_or_span.start_char if isinstance(doc_or_span, Span) else 0
        self.end_char = (
            doc_or_span.end_char if isinstance(doc_or_span, Span) else len(doc_text(self.doc))
        )
        self.text = doc_text(self.doc)[self.start_char : self.end_char]
        self.dct = dct
        self._token_starts = _token_starts(self.doc)
        self._entities = [
            (e.start_char, e.end_char) for e in doc_or_span.ents if e.label_ in ("DATE", "TIME")
        ]

    def token_at(self, char: int) -> Token | None:
        """The token covering a character offset of the Doc."""
        if not len(self.doc):
            return None
        index = max(0, bisect.bisect_right(self._token_starts, char) - 1)
        return self.doc[index]

    def in_date_entity(self, start: int, end: int) -> bool:
        """True if spaCy tagged a DATE/TIME entity overlapping these Doc offsets."""
        return any(s < end and start < e for s, e in self._entities)

    def direction(self, char: int) -> int:
        """Which way a bare "Thursday" or "June" at this offset points: PAST, FUTURE, NEAREST.

        Read from the verb the expression hangs on: future auxiliaries ("will",
        "going to") point forward, past tense back, present tense to the nearest
        occurrence. Without a verb, news defaults to the past.
        """
        token = self.token_at(char)
        if token is None:
            return PAST
        if token.i > 0 and (cue := DIRECTION_CUES.get(token.nbor(-1).lower_)) is not None:
            return cue
        return _direction_of(_governing_verb(token))


def _governing_verb(token: Token) -> Token:
    for ancestor in [token, *token.ancestors]:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return token.sent.root


@functools.lru_cache(maxsize=4096)
def _direction_cached(tags: tuple[str, ...], words: tuple[str, ...]) -> int:
    perfect = "VBN" in tags and bool({"has", "have", "had", "'ve"} & set(words))
    if any(w in FUTURE_AUXILIARIES for w in words) or "going" in words:
        return FUTURE
    if any(t in _PAST_TAGS for t in tags) or perfect:
        return PAST
    if "MD" in tags:  # "may meet", "could visit": modals look forward
        return FUTURE
    if any(t in _PRESENT_TAGS for t in tags):
        return NEAREST
    if "VB" in tags:  # "agreed to buy it in February": an infinitive looks forward
        return FUTURE
    return PAST


def _direction_of(verb: Token) -> int:
    group = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):  # "is going to meet"
        group += [head, *(c for c in head.children if c.dep_ in ("aux", "auxpass"))]
    elif verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):  # "will meet and sign"
        group += [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    group.sort(key=lambda t: t.i)
    return _direction_cached(tuple(t.tag_ for t in group), tuple(t.lower_ for t in group))
