"""Model objects to table rows, and rows to model objects and store records. Pure, no SQL."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from augury.model import (
    Article,
    Claim,
    Condition,
    Forecast,
    Quantity,
    Relation,
    Speaker,
    Statement,
    Window,
)
from augury.store.base import (
    ArticleSummary,
    PersonTitle,
    Row,
    Run,
    SearchHit,
    StatementRow,
)

# Column order of the *_row tuples below.
ARTICLE_COLUMNS = "id url title source published text path".split()
SPEAKER_COLUMNS = "local_id name kind title affiliation mentions person_id".split()
STATEMENT_COLUMNS = (
    "local_id speaker_local_id kind text span_start span_end cue cue_start cue_end"
    " source_start source_end segments"
).split()
CLAIM_COLUMNS = "local_id statement_local_id type text span_start span_end".split()
FORECAST_COLUMNS = (
    "local_id statement_local_id speaker_local_id text span_start span_end proposition"
    " hedge hedge_rule probability polarity window_start window_end window_text"
    " window_defaulted condition_text condition_start condition_end linked"
).split()
QUANTITY_COLUMNS = "seq text span_start span_end value unit kind".split()
RELATION_COLUMNS = (
    "seq type speaker_local_id target_local_id statement_local_id text span_start span_end sides"
).split()
RUN_COUNTS = ("read", "new", "versioned", "unchanged", "failed")  # runs.articles_<count>


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def from_json(value: Any) -> Any:
    """JSON columns come back as text from SQLite and parsed from PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value


def to_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def to_datetime(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(str(value))
    return value.astimezone(dt.UTC) if value.tzinfo else value


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None or end is None else (int(start), int(end))


def _spans(value: Any) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in from_json(value) or []]


def _pair(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def article_row(a: Article) -> tuple[Any, ...]:
    return (a.id, a.url, a.title, a.source, a.published, a.text, a.path)


def speaker_row(speaker: Speaker, person_id: int | None) -> tuple[Any, ...]:
    mentions = to_json([list(m) for m in speaker.mentions])
    return (
        speaker.id,
        speaker.name,
        speaker.kind,
        speaker.title,
        speaker.affiliation,
        mentions,
        person_id,
    )


def statement_row(s: Statement) -> tuple[Any, ...]:
    segments = to_json([list(seg) for seg in s.segments])
    return (
        s.id,
        s.speaker,
        s.kind,
        s.text,
        *s.span,
        s.cue,
        *_pair(s.cue_span),
        *_pair(s.source_span),
        segments,
    )


def claim_row(c: Claim) -> tuple[Any, ...]:
    return (c.id, c.statement, c.type, c.text, *c.span)


def forecast_row(f: Forecast) -> tuple[Any, ...]:
    w, c = f.window, f.condition
    window = (w.start, w.end, w.text, bool(w.defaulted)) if w else (None,) * 4
    condition = (c.text, *c.span) if c else (None,) * 3
    return (
        f.id,
        f.statement,
        f.speaker,
        f.text,
        *f.span,
        f.proposition,
        f.hedge,
        f.hedge_rule,
        float(f.probability),
        f.polarity,
        *window,
        *condition,
        to_json(list(f.linked)),
    )


def quantity_row(seq: int, q: Quantity) -> tuple[Any, ...]:
    return (seq, q.text, *q.span, float(q.value), q.unit, q.kind)


def relation_row(seq: int, r: Relation) -> tuple[Any, ...]:
    return (seq, r.type, r.speaker, r.target, r.statement, r.text, *r.span, to_json(r.sides))


def relation(row: Row) -> Relation:
    return Relation(
        type=row["type"],
        speaker=row["speaker_local_id"],
        target=row["target_local_id"],
        text=row["text"],
        span=(row["span_start"], row["span_end"]),
        statement=row["statement_local_id"],
        sides=list(from_json(row["sides"]) or []),
    )


def article(row: Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        source=row["source"],
        published=to_date(row["published"]),
        path=row["path"],
    )


def speaker(row: Row) -> Speaker:
    return Speaker(
        id=row["local_id"],
        name=row["name"],
        kind=row["kind"],
        title=row["title"],
        affiliation=row["affiliation"],
        mentions=_spans(row["mentions"]),
    )


def statement(row: Row) -> Statement:
    return Statement(
        id=row["local_id"],
        speaker=row["speaker_local_id"],
        kind=row["kind"],
        text=row["text"],
        span=(row["span_start"], row["span_end"]),
        cue=row["cue"],
        cue_span=_span(row["cue_start"], row["cue_end"]),
        source_span=_span(row["source_start"], row["source_end"]),
        segments=_spans(row["segments"]),
    )


def claim(row: Row) -> Claim:
    return Claim(
        id=row["local_id"],
        statement=row["statement_local_id"],
        type=row["type"],
        text=row["text"],
        span=(row["span_start"], row["span_end"]),
    )


def forecast(row: Row) -> Forecast:
    window = None
    if row["window_defaulted"] is not None:
        window = Window(
            start=to_date(row["window_start"]),
            end=to_date(row["window_end"]),
            text=row["window_text"],
            defaulted=bool(row["window_defaulted"]),
        )
    condition = None
    if row["condition_text"] is not None:
        span = _span(row["condition_start"], row["condition_end"]) or (0, 0)
        condition = Condition(text=row["condition_text"], span=span)
    return Forecast(
        id=row["local_id"],
        statement=row["statement_local_id"],
        speaker=row["speaker_local_id"],
        text=row["text"],
        span=(row["span_start"], row["span_end"]),
        proposition=row["proposition"],
        hedge=row["hedge"],
        probability=float(row["probability"]),
        window=window,
        condition=condition,
        polarity=row["polarity"],
        hedge_rule=row["hedge_rule"],
        linked=list(from_json(row["linked"]) or []),
    )


def quantity(row: Row) -> Quantity:
    return Quantity(
        text=row["text"],
        span=(row["span_start"], row["span_end"]),
        value=float(row["value"]),
        unit=row["unit"],
        kind=row["kind"],
    )


# -- records the store hands out ---------------------------------------------------


def article_summary(row: Row) -> ArticleSummary:
    dates = {"published": to_date(row["published"]), "ingested_at": to_datetime(row["ingested_at"])}
    return ArticleSummary(**(row | dates))


def person_title(row: Row) -> PersonTitle:
    return PersonTitle(**(row | {"first_seen": to_datetime(row["first_seen"])}))


def said_where(row: Row) -> dict[str, Any]:
    """The who-and-where fields of a statement or forecast row."""
    return {
        "article_id": row["article_id"],
        "article_title": row["article_title"],
        "published": to_date(row["published"]),
        "speaker_name": row["speaker_name"],
        "person_id": row["person_id"],
    }


def statement_record(row: Row) -> StatementRow:
    return StatementRow(statement=statement(row), **said_where(row))


def search_hit(row: Row) -> SearchHit:
    return SearchHit(
        **(row | {"published": to_date(row["published"]), "score": float(row["score"])})
    )


def run(row: Row) -> Run:
    return Run(
        id=row["id"],
        started_at=to_datetime(row["started_at"]),
        finished_at=to_datetime(row["finished_at"]),
        status=row["status"],
        command=row["command"],
        model=row["model"],
        augury_version=row["augury_version"],
        counts={name: row[f"articles_{name}"] for name in RUN_COUNTS},
        problems=list(from_json(row["problems"]) or []),
    )
