"""The data classes of augury: what an analysis of one article produces.

Nothing in this module imports from the rest of the package. Every other layer
(extractors, store, ledger, CLI, web) speaks in these types. ``Analysis.to_dict``
is the JSON output contract of ``augury analyze`` described in DESIGN.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Span = tuple[int, int]

SpeakerKind = Literal["person", "group", "organization", "anonymous"]
StatementKind = Literal["direct", "indirect", "mixed"]
ClaimType = Literal["forecast", "prescription", "assessment", "past_event", "question", "other"]
Polarity = Literal["positive", "negative"]


@dataclass
class Article:
    """One news article: its cleaned text and metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    path: str | None = None  # where it was read from (file, file:line, "-")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
        }


@dataclass
class Speaker:
    """Someone an article credits with words: a person, a group, an organisation."""

    id: str
    name: str
    kind: SpeakerKind = "person"
    title: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "title": self.title,
            "affiliation": self.affiliation,
            "mentions": [list(m) for m in sorted(self.mentions)],
        }


@dataclass
class Statement:
    """What a speaker said: the content span, the cue, the mention of the source."""

    id: str
    speaker: str | None  # Speaker.id; None only when nobody could be found
    kind: StatementKind
    text: str
    span: Span
    cue: str | None = None
    cue_span: Span | None = None
    source_span: Span | None = None
    # Content may run over several paragraphs that each reopen the quote; the
    # pieces are kept so that a highlighter can skip the paragraph breaks.
    segments: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "kind": self.kind,
            "text": self.text,
            "span": list(self.span),
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "source_span": list(self.source_span) if self.source_span else None,
        }


@dataclass
class Claim:
    """One clause of a statement, typed (forecast, prescription, assessment ...)."""

    id: str
    statement: str | None
    type: ClaimType
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "type": self.type,
            "text": self.text,
            "span": list(self.span),
        }


@dataclass
class Window:
    """The time inside which a forecast is to come true."""

    start: dt.date | None
    end: dt.date | None
    text: str | None = None
    defaulted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "text": self.text,
            "defaulted": self.defaulted,
        }


@dataclass
class Condition:
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}


@dataclass
class Forecast:
    """A checkable proposition with a probability and a window."""

    id: str
    statement: str | None
    speaker: str | None
    text: str
    span: Span
    proposition: str
    hedge: str | None
    probability: float
    window: Window | None = None
    condition: Condition | None = None
    polarity: Polarity = "positive"
    # Why the number: the lexicon rule(s) that produced ``probability``.
    hedge_rule: str | None = None
    linked: list[str] = field(default_factory=list)  # alternatives ("might ... but may ...")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "speaker": self.speaker,
            "text": self.text,
            "span": list(self.span),
            "proposition": self.proposition,
            "hedge": self.hedge,
            "probability": round(self.probability, 4),
            "window": self.window.to_dict() if self.window else None,
            "condition": self.condition.to_dict() if self.condition else None,
            "polarity": self.polarity,
            "hedge_rule": self.hedge_rule,
            "linked": list(self.linked),
        }


@dataclass
class Quantity:
    """A figure: money, a percentage, a count of something."""

    text: str
    span: Span
    value: float
    unit: str | None
    kind: str  # money | percent | percent_change | count | other

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"span": list(self.span)}


@dataclass
class Relation:
    """Agreement or disagreement between speakers, as the article reports it.

    ``agrees``/``disagrees``: ``speaker`` takes a stance towards ``target``
    ("Yang echoed this view"; "On the other hand, Yang said"). ``divided``:
    the group ``speaker`` is split on ``text`` ("experts were divided on whether
    ..."), and ``sides`` lists the speakers quoted on the question after it.
    """

    type: Literal["agrees", "disagrees", "divided"]
    speaker: str | None
    target: str | None
    text: str
    span: Span
    statement: str | None = None
    sides: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"span": list(self.span)}


@dataclass
class Analysis:
    """Everything extracted from one article."""

    article: Article
    speakers: list[Speaker] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    forecasts: list[Forecast] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON output contract of ``augury analyze`` (DESIGN.md)."""
        return {
            "article": self.article.to_dict(),
            "speakers": [s.to_dict() for s in self.speakers],
            "statements": [s.to_dict() for s in self.statements],
            "forecasts": [f.to_dict() for f in self.forecasts],
            "claims": [c.to_dict() for c in self.claims],
            "quantities": [q.to_dict() for q in self.quantities],
            "relations": [r.to_dict() for r in self.relations],
        }
