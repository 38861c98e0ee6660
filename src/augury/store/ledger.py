"""The ledger's tables: questions, their forecasts, resolutions, suggestions, edits.

``LedgerStore`` is mixed into ``Store``. It only reads and writes; what goes into
a question, what counts as evidence and how forecasts are scored is decided in
``augury.ledger`` (pure logic), which hands the results here.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from augury.store import rows
from augury.store.base import Backend, Row, StoreError

ForecastRef = tuple[str, str]  # (article id, forecast local id)

_QUESTION_COLUMNS = """q.id, q.title, q.proposition, q.proposition_key, q.condition_text,
  q.window_start, q.window_end, q.status, q.created_at, q.updated_at, q.locked_by_person,
  (SELECT COUNT(*) FROM question_forecasts c WHERE c.question_id = q.id) AS forecasts,
  r.outcome, r.resolved_on"""
_CURRENT = "LEFT JOIN resolutions r ON r.question_id = q.id AND r.is_current"
_MEMBER_SQL = """SELECT qf.question_id, qf.article_id, qf.forecast_local_id, qf.probability,
  qf.inverted, qf.stance, qf.similarity, qf.assigned_by,
  f.probability AS forecast_probability, f.polarity, f.hedge, f.text, f.span_start, f.span_end,
  f.proposition, f.statement_local_id, f.condition_text, f.window_start, f.window_end,
  sp.name AS speaker_name, sp.kind AS speaker_kind, sp.title AS speaker_title,
  sp.affiliation, sp.person_id, p.name AS person_name,
  a.published, a.title AS article_title, a.url, a.seq AS article_seq,
  q.title AS question_title, q.status, r.outcome, r.resolved_on
FROM question_forecasts qf
JOIN forecasts f ON f.article_id = qf.article_id AND f.local_id = qf.forecast_local_id
JOIN articles a ON a.id = qf.article_id
JOIN questions q ON q.id = qf.question_id
LEFT JOIN speakers sp ON sp.article_id = f.article_id AND sp.local_id = f.speaker_local_id
LEFT JOIN persons p ON p.id = sp.person_id
LEFT JOIN resolutions r ON r.question_id = q.id AND r.is_current"""


@contextmanager
def bulk() -> Iterator[None]:
    """Pause the cycle collector while building many small records, which hold no
    cycles: with 100,000 forecasts it would otherwise rescan them again and again."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _like(text: str) -> str:
    return "%" + text.lower().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


@dataclass
class QuestionRow:
    id: int
    title: str
    proposition: str
    proposition_key: str
    condition: str | None
    window_start: dt.date | None
    window_end: dt.date | None
    status: str  # open | expired | resolved
    created_at: dt.datetime
    updated_at: dt.datetime
    locked_by_person: bool
    forecasts: int
    outcome: str | None  # of the current resolution
    resolved_on: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(slots=True)
class MemberRow:
    """A forecast in a question, with who made it, where and when."""

    question_id: int
    article_id: str
    forecast_local_id: str
    probability: float  # chance the question resolves yes, by this forecast
    inverted: bool
    stance: str | None
    similarity: float | None
    assigned_by: str
    forecast_probability: float  # as extracted: chance the forecast's own proposition holds
    polarity: str
    hedge: str | None
    text: str
    span: tuple[int, int]
    proposition: str
    statement_local_id: str | None
    condition: str | None
    window_start: dt.date | None
    window_end: dt.date | None
    speaker_name: str | None
    speaker_kind: str | None
    speaker_title: str | None
    affiliation: str | None
    person_id: int | None
    person_name: str | None
    published: dt.date | None
    article_title: str | None
    url: str | None
    article_seq: int
    question_title: str
    status: str
    outcome: str | None
    resolved_on: dt.date | None

    @property
    def expert(self) -> str:
        return self.person_name or self.speaker_name or "(unattributed)"

    def to_dict(self) -> dict[str, Any]:
        return _plain(self) | {"expert": self.expert}


@dataclass
class ResolutionRow:
    id: int
    question_id: int
    outcome: str
    resolved_on: dt.date
    evidence: str
    evidence_url: str | None
    article_id: str | None
    span: tuple[int, int] | None
    resolved_by: str
    recorded_at: dt.datetime
    is_current: bool
    superseded_by: int | None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass
class SuggestionRow:
    id: int
    question_id: int
    question_title: str
    article_id: str
    article_title: str | None
    url: str | None
    published: dt.date | None
    sentence: str
    span: tuple[int, int]
    outcome: str
    event_date: dt.date | None
    confidence: float
    reason: str | None
    status: str
    decided_by: str | None
    resolution_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass
class EditRow:
    id: int
    action: str
    question_id: int
    other_question_id: int | None
    detail: dict[str, Any]
    edited_by: str
    edited_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True)
class NewQuestion:
    title: str
    proposition: str
    proposition_key: str
    condition: str | None
    window_start: dt.date | None
    window_end: dt.date | None


@dataclass(frozen=True)
class Membership:
    """A forecast to put in a question: an existing one (``question_id``) or the
    ``new_index``-th of the new questions saved with it."""

    article_id: str
    forecast_local_id: str
    probability: float
    inverted: bool = False
    stance: str | None = None
    similarity: float | None = None
    question_id: int | None = None
    new_index: int | None = None


def _plain(record: Any) -> dict[str, Any]:
    out = asdict(record)
    for name, value in out.items():
        if isinstance(value, dt.date):
            out[name] = value.isoformat()
        elif isinstance(value, tuple):
            out[name] = list(value)
    return out


def _question(row: Row) -> QuestionRow:
    return QuestionRow(
        id=int(row["id"]),
        title=row["title"],
        proposition=row["proposition"],
        proposition_key=row["proposition_key"],
        condition=row["condition_text"],
        window_start=rows.to_date(row["window_start"]),
        window_end=rows.to_date(row["window_end"]),
        status=row["status"],
        created_at=rows.to_datetime(row["created_at"]),
        updated_at=rows.to_datetime(row["updated_at"]),
        locked_by_person=bool(row["locked_by_person"]),
        forecasts=int(row["forecasts"]),
        outcome=row["outcome"],
        resolved_on=rows.to_date(row["resolved_on"]),
    )


@functools.lru_cache(maxsize=8192)
def _day(value: Any) -> dt.date | None:
    """rows.to_date, cached: a ledger read converts the same few dates many times."""
    return rows.to_date(value)


_MEMBER_FIELDS = [
    name for name in MemberRow.__dataclass_fields__ if name not in ("span", "condition")
]


def _member(row: Row) -> MemberRow:
    values = {k: row[k] for k in _MEMBER_FIELDS}
    values.update(
        probability=float(row["probability"]),
        forecast_probability=float(row["forecast_probability"]),
        inverted=bool(row["inverted"]),
        span=(row["span_start"], row["span_end"]),
        condition=row["condition_text"],
        window_start=_day(row["window_start"]),
        window_end=_day(row["window_end"]),
        published=_day(row["published"]),
        resolved_on=_day(row["resolved_on"]),
    )
    return MemberRow(**values)


def _resolution(row: Row) -> ResolutionRow:
    span = (row["span_start"], row["span_end"]) if row["span_start"] is not None else None
    return ResolutionRow(
        id=int(row["id"]),
        question_id=int(row["question_id"]),
        outcome=row["outcome"],
        resolved_on=rows.to_date(row["resolved_on"]),
        evidence=row["evidence"],
        evidence_url=row["evidence_url"],
        article_id=row["article_id"],
        span=span,
        resolved_by=row["resolved_by"],
        recorded_at=rows.to_datetime(row["recorded_at"]),
        is_current=bool(row["is_current"]),
        superseded_by=row["superseded_by"],
    )


def _suggestion(row: Row) -> SuggestionRow:
    return SuggestionRow(
        id=int(row["id"]),
        question_id=int(row["question_id"]),
        question_title=row["question_title"],
        article_id=row["article_id"],
        article_title=row["article_title"],
        url=row["url"],
        published=rows.to_date(row["published"]),
        sentence=row["sentence"],
        span=(row["span_start"], row["span_end"]),
        outcome=row["outcome"],
        event_date=rows.to_date(row["event_date"]),
        confidence=float(row["confidence"]),
        reason=row["reason"],
        status=row["status"],
        decided_by=row["decided_by"],
        resolution_id=row["resolution_id"],
    )


class LedgerStore:
    """Reads and writes of the forecast ledger (mixed into ``Store``)."""

    backend: Backend

    # -- grouping ---------------------------------------------------------------

    def unassigned_forecasts(self) -> list[Row]:
        """Forecasts in no question yet, oldest article first, with their statement span."""
        return self.backend.query(
            "SELECT f.article_id, f.local_id, f.proposition, f.probability, f.polarity,"
            " f.window_start, f.window_end, f.condition_text, f.span_start, f.span_end,"
            " st.span_start AS statement_start, st.span_end AS statement_end, a.published"
            " FROM forecasts f JOIN articles a ON a.id = f.article_id"
            " LEFT JOIN statements st ON st.article_id = f.article_id"
            " AND st.local_id = f.statement_local_id"
            " WHERE NOT EXISTS (SELECT 1 FROM question_forecasts qf"
            " WHERE qf.article_id = f.article_id AND qf.forecast_local_id = f.local_id)"
            " ORDER BY (a.published IS NULL), a.published, a.seq, f.id"
        )

    def grouping_index(self) -> tuple[list[Row], list[Row]]:
        """Every question (id, proposition, window, condition) and its forecasts'
        propositions, for grouping new forecasts against."""
        questions = self.backend.query(
            "SELECT id, proposition, condition_text, window_start, window_end FROM questions"
            " ORDER BY id"
        )
        members = self.backend.query(
            "SELECT qf.question_id, qf.inverted, f.proposition FROM question_forecasts qf"
            " JOIN forecasts f ON f.article_id = qf.article_id"
            " AND f.local_id = qf.forecast_local_id ORDER BY qf.id"
        )
        return questions, members

    def article_texts(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The text of each article, by id."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found = self.backend.query(
                f"SELECT id, text FROM articles WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            out.update({r["id"]: r["text"] for r in found})
        return out

    def save_grouping(
        self,
        questions: Sequence[NewQuestion],
        memberships: Sequence[Membership],
        widen: dict[int, dt.date] | None = None,
    ) -> list[int]:
        """Store new questions and memberships in one transaction; the new ids, in order.

        ``widen`` moves the start of existing questions' windows earlier.
        """
        db, now = self.backend, _now()
        with db.transaction():
            ids = [
                int(
                    db.query(
                        "INSERT INTO questions (title, proposition, proposition_key,"
                        " condition_text, window_start, window_end, status, created_at,"
                        " updated_at, locked_by_person) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        " RETURNING id",
                        (
                            q.title,
                            q.proposition,
                            q.proposition_key,
                            q.condition,
                            q.window_start,
                            q.window_end,
                            "open",
                            now,
                            now,
                            False,
                        ),
                    )[0]["id"]
                )
                for q in questions
            ]
            values = []
            for m in memberships:
                question_id = m.question_id if m.new_index is None else ids[m.new_index]
                if question_id is None:
                    raise ValueError(
                        f"membership of {m.article_id}/{m.forecast_local_id} names no question"
                    )
                values.append(
                    (
                        question_id,
                        m.article_id,
                        m.forecast_local_id,
                        m.probability,
                        m.inverted,
                        m.stance,
                        m.similarity,
                        "grouping",
                        now,
                    )
                )
            db.execute_many(
                "INSERT INTO question_forecasts (question_id, article_id, forecast_local_id,"
                " probability, inverted, stance, similarity, assigned_by, assigned_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (article_id, forecast_local_id) DO NOTHING",
                values,
            )
            for question_id, start in (widen or {}).items():
                db.query(
                    "UPDATE questions SET window_start = ?, updated_at = ? WHERE id = ?"
                    " AND (window_start IS NULL OR window_start > ?)",
                    (start, now, question_id, start),
                )
        return ids

    def refresh_question_status(self, today: dt.date) -> int:
        """Open questions whose window has ended become expired (awaiting resolution)."""
        with self.backend.transaction():
            found = self.backend.query(
                "UPDATE questions SET status = 'expired', updated_at = ?"
                " WHERE status = 'open' AND window_end < ? RETURNING id",
                (_now(), today),
            )
            self.backend.query(
                "UPDATE questions SET status = 'open', updated_at = ? WHERE status = 'expired'"
                " AND (window_end IS NULL OR window_end >= ?)",
                (_now(), today),
            )
        return len(found)

    # -- reading questions ------------------------------------------------------

    def list_questions(
        self,
        status: str | None = None,
        topic: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
        *,
        person_id: int | None = None,
        ends_after: dt.date | None = None,
        ends_before: dt.date | None = None,
    ) -> list[QuestionRow]:
        """Questions, those whose window ends soonest first.

        Filters: ``status``; ``topic`` (words in the title, proposition or a forecast);
        ``person_id`` (a forecast by that person); ``ends_after``/``ends_before`` (the
        window ends on or after/before the day; a question without an end never matches).
        """
        where, params = _question_filters(status, topic, person_id, ends_after, ends_before)
        found = self.backend.query(
            f"SELECT {_QUESTION_COLUMNS} FROM questions q {_CURRENT} {where}"
            " ORDER BY (q.window_end IS NULL), q.window_end, q.id LIMIT ? OFFSET ?",
            (*params, self._limit(limit), offset),
        )
        return [_question(r) for r in found]

    def count_questions(
        self,
        status: str | None = None,
        topic: str | None = None,
        *,
        person_id: int | None = None,
        ends_after: dt.date | None = None,
        ends_before: dt.date | None = None,
    ) -> int:
        """How many questions ``list_questions`` has to show with the same filters."""
        where, params = _question_filters(status, topic, person_id, ends_after, ends_before)
        return self.backend.count(f"SELECT COUNT(*) AS n FROM questions q {where}", params)

    def questions_for_article(self, article_id: str) -> dict[str, tuple[int, str]]:
        """The question each grouped forecast of an article is in, by forecast local id:
        ``{forecast_local_id: (question_id, title)}``. Forecasts not grouped yet are absent."""
        found = self.backend.query(
            "SELECT qf.forecast_local_id, q.id, q.title FROM question_forecasts qf"
            " JOIN questions q ON q.id = qf.question_id WHERE qf.article_id = ?",
            (article_id,),
        )
        return {r["forecast_local_id"]: (int(r["id"]), r["title"]) for r in found}

    def _limit(self, limit: int | None) -> int | None:
        """A LIMIT value; None means no limit (NULL in PostgreSQL, -1 in SQLite)."""
        return -1 if limit is None and self.backend.name == "sqlite" else limit

    def get_question(self, question_id: int) -> QuestionRow | None:
        row = self.backend.one(
            f"SELECT {_QUESTION_COLUMNS} FROM questions q {_CURRENT} WHERE q.id = ?",
            (question_id,),
        )
        return _question(row) if row else None

    def question_members(
        self,
        question_ids: Sequence[int] | None = None,
        status: str | None = None,
        topic: str | None = None,
    ) -> list[MemberRow]:
        """The forecasts in the given questions (all, when None), oldest first."""
        where, params = _question_filters(status, topic)
        if question_ids is not None:
            if not question_ids:
                return []
            marks = ", ".join("?" * len(question_ids))
            where += f" {'AND' if where else 'WHERE'} q.id IN ({marks})"
            params.extend(question_ids)
        with bulk():
            found = self.backend.query(
                f"{_MEMBER_SQL} {where} ORDER BY (a.published IS NULL), a.published, a.seq, f.id",
                params,
            )
            return [_member(r) for r in found]

    def quantities_in(self, article_ids: Iterable[str]) -> list[Row]:
        """Figures (quantities) stored for these articles, for quoting beside forecasts."""
        ids = list(dict.fromkeys(article_ids))
        out: list[Row] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            out += self.backend.query(
                "SELECT article_id, text, span_start, span_end, kind FROM quantities"
                f" WHERE article_id IN ({', '.join('?' * len(chunk))}) ORDER BY article_id, seq",
                chunk,
            )
        return out

    # -- resolutions ------------------------------------------------------------

    def add_resolution(
        self,
        question_id: int,
        outcome: str,
        resolved_on: dt.date,
        evidence: str,
        resolved_by: str,
        evidence_url: str | None = None,
        article_id: str | None = None,
        span: tuple[int, int] | None = None,
    ) -> ResolutionRow:
        """Resolve a question; a second call corrects it, keeping the earlier one as history."""
        db, now = self.backend, _now()
        with db.transaction():
            if db.one("SELECT id FROM questions WHERE id = ?", (question_id,)) is None:
                raise StoreError(f"No question {question_id}; see `augury questions`.")
            new_id = int(
                db.query(
                    "INSERT INTO resolutions (question_id, outcome, resolved_on, evidence,"
                    " evidence_url, article_id, span_start, span_end, resolved_by, recorded_at,"
                    " is_current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (
                        question_id,
                        outcome,
                        resolved_on,
                        evidence,
                        evidence_url,
                        article_id,
                        *(span or (None, None)),
                        resolved_by,
                        now,
                        False,
                    ),
                )[0]["id"]
            )
            db.query(
                "UPDATE resolutions SET is_current = FALSE, superseded_by = ?"
                " WHERE question_id = ? AND is_current",
                (new_id, question_id),
            )
            db.query("UPDATE resolutions SET is_current = TRUE WHERE id = ?", (new_id,))
            db.query(
                "UPDATE questions SET status = 'resolved', updated_at = ? WHERE id = ?",
                (now, question_id),
            )
            row = db.one("SELECT * FROM resolutions WHERE id = ?", (new_id,))
        return _resolution(row)

    def resolution_history(self, question_id: int) -> list[ResolutionRow]:
        """Every resolution of a question, oldest first; the last is current."""
        found = self.backend.query(
            "SELECT * FROM resolutions WHERE question_id = ? ORDER BY recorded_at, id",
            (question_id,),
        )
        return [_resolution(r) for r in found]

    def current_resolutions(self, since: dt.date | None = None) -> list[ResolutionRow]:
        """Current resolutions, newest first; only those resolved on or after ``since``."""
        where, params = ("AND resolved_on >= ?", [since]) if since else ("", [])
        found = self.backend.query(
            f"SELECT * FROM resolutions WHERE is_current {where} ORDER BY resolved_on DESC, id",
            params,
        )
        return [_resolution(r) for r in found]

    # -- suggestions ------------------------------------------------------------

    def articles_published_after(self, day: dt.date) -> Iterator[Row]:
        """Dated articles published after ``day``, oldest first (text included), in pages."""
        last = -1
        while True:
            page = self.backend.query(
                "SELECT seq, id, title, url, published, text FROM articles"
                " WHERE published > ? AND seq > ? ORDER BY seq LIMIT 200",
                (day, last),
            )
            if not page:
                return
            yield from page
            last = page[-1]["seq"]

    def add_suggestions(self, suggestions: Sequence[dict[str, Any]]) -> int:
        """Store suggested resolutions, skipping any already made (same question and span)."""
        db, before = self.backend, self.count_suggestions(None)
        with db.transaction():
            db.execute_many(
                "INSERT INTO suggestions (question_id, article_id, sentence, span_start, span_end,"
                " outcome, event_date, confidence, reason, status, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)"
                " ON CONFLICT (question_id, article_id, span_start, span_end) DO NOTHING",
                [
                    (
                        s["question_id"],
                        s["article_id"],
                        s["sentence"],
                        *s["span"],
                        s["outcome"],
                        s.get("event_date"),
                        s["confidence"],
                        s.get("reason"),
                        _now(),
                    )
                    for s in suggestions
                ],
            )
        return self.count_suggestions(None) - before

    def count_suggestions(
        self, status: str | None = "pending", question_id: int | None = None
    ) -> int:
        """How many suggestions ``list_suggestions`` has to show with the same filters."""
        where, params = _suggestion_filters(status, None, question_id)
        return self.backend.count(f"SELECT COUNT(*) AS n FROM suggestions s {where}", params)

    def list_suggestions(
        self,
        status: str | None = "pending",
        suggestion_id: int | None = None,
        question_id: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SuggestionRow]:
        """Suggested resolutions (pending ones by default), most confident first;
        one by id, or those of one question."""
        where, params = _suggestion_filters(status, suggestion_id, question_id)
        found = self.backend.query(
            "SELECT s.*, q.title AS question_title, a.title AS article_title, a.url,"
            " a.published FROM suggestions s JOIN questions q ON q.id = s.question_id"
            f" JOIN articles a ON a.id = s.article_id {where}"
            " ORDER BY s.confidence DESC, s.id LIMIT ? OFFSET ?",
            (*params, self._limit(limit), offset),
        )
        return [_suggestion(r) for r in found]

    def decide_suggestion(
        self, suggestion_id: int, status: str, by: str, resolution_id: int | None = None
    ) -> None:
        """Mark a suggestion accepted (with the resolution it became) or rejected."""
        with self.backend.transaction():
            self.backend.query(
                "UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ?,"
                " resolution_id = ? WHERE id = ?",
                (status, by, _now(), resolution_id, suggestion_id),
            )

    # -- edits by a person -------------------------------------------------------

    def merge_questions(self, keep: int, other: int, flip: bool, by: str) -> int:
        """Move every forecast of ``other`` into ``keep`` and delete ``other``.

        ``flip``: other's proposition is the negation of keep's, so probabilities,
        outcomes and suggestions turn around. Returns how many forecasts moved.
        """
        db, now = self.backend, _now()
        with db.transaction():
            kept, gone = self.get_question(keep), self.get_question(other)
            if kept is None or gone is None or keep == other:
                raise StoreError(
                    f"Cannot merge question {other} into {keep}: give two "
                    "different question ids from `augury questions`."
                )
            turn = " probability = 1 - probability, inverted = NOT inverted," if flip else ""
            moved = db.query(
                f"UPDATE question_forecasts SET{turn} question_id = ?, assigned_by = 'person'"
                " WHERE question_id = ? RETURNING id",
                (keep, other),
            )
            swap = (
                ", outcome = CASE outcome WHEN 'yes' THEN 'no' WHEN 'no' THEN 'yes'"
                " ELSE outcome END"
                if flip
                else ""
            )
            db.query(
                "DELETE FROM suggestions WHERE question_id = ? AND EXISTS (SELECT 1 FROM"
                " suggestions k WHERE k.question_id = ? AND k.article_id = suggestions.article_id"
                " AND k.span_start = suggestions.span_start AND k.span_end = suggestions.span_end)",
                (other, keep),
            )
            db.query(
                f"UPDATE suggestions SET question_id = ?{swap} WHERE question_id = ?", (keep, other)
            )
            if kept.outcome is not None:  # keep's resolution stays current
                db.query(
                    "UPDATE resolutions SET is_current = FALSE WHERE question_id = ?", (other,)
                )
            db.query(
                f"UPDATE resolutions SET question_id = ?{swap} WHERE question_id = ?", (keep, other)
            )
            starts = [d for d in (kept.window_start, gone.window_start) if d]
            db.query(
                "UPDATE questions SET locked_by_person = TRUE, updated_at = ?, window_start = ?,"
                " status = CASE WHEN EXISTS (SELECT 1 FROM resolutions r WHERE r.question_id"
                " = questions.id AND r.is_current) THEN 'resolved' ELSE status END WHERE id = ?",
                (now, min(starts) if starts else None, keep),
            )
            self._log_edit(
                "merge",
                keep,
                other,
                by,
                {"moved": len(moved), "flipped": flip, "merged_title": gone.title},
            )
            db.query("DELETE FROM questions WHERE id = ?", (other,))
        return len(moved)

    def split_question(
        self,
        question_id: int,
        moves: Sequence[tuple[str, str, float, bool]],
        new: NewQuestion,
        by: str,
    ) -> int:
        """Move forecasts ``(article id, local id, probability, inverted)`` out of a
        question into a new one; returns the new question's id."""
        db, now = self.backend, _now()
        with db.transaction():
            members = {
                (r["article_id"], r["forecast_local_id"])
                for r in db.query(
                    "SELECT article_id, forecast_local_id FROM question_forecasts"
                    " WHERE question_id = ?",
                    (question_id,),
                )
            }
            wanted = {(a, f) for a, f, _, _ in moves}
            if not members:
                raise StoreError(f"No question {question_id} with forecasts to split.")
            if missing := wanted - members:
                names = ", ".join(f"{a[:10]}:{f}" for a, f in sorted(missing))
                raise StoreError(f"Not in question {question_id}: {names}.")
            if not wanted or wanted == members:
                raise StoreError("A split moves some forecasts of a question, not none or all.")
            new_id = self.save_grouping([new], [])[0]
            db.execute_many(
                "UPDATE question_forecasts SET question_id = ?, probability = ?, inverted = ?,"
                " assigned_by = 'person' WHERE article_id = ? AND forecast_local_id = ?",
                [(new_id, p, inv, a, f) for a, f, p, inv in moves],
            )
            db.query(
                "UPDATE questions SET locked_by_person = TRUE, updated_at = ? WHERE id IN (?, ?)",
                (now, question_id, new_id),
            )
            detail = {"moved": [f"{a}:{f}" for a, f, _, _ in moves]}
            self._log_edit("split", question_id, new_id, by, detail)
        return new_id

    def rename_question(self, question_id: int, title: str, by: str) -> None:
        """Give a question a title of a person's choosing (grouping will keep it)."""
        with self.backend.transaction():
            old = self.get_question(question_id)
            if old is None:
                raise StoreError(f"No question {question_id}; see `augury questions`.")
            self.backend.query(
                "UPDATE questions SET title = ?, locked_by_person = TRUE, updated_at = ?"
                " WHERE id = ?",
                (title, _now(), question_id),
            )
            self._log_edit("rename", question_id, None, by, {"old": old.title, "new": title})

    def question_edits(self, question_id: int | None = None) -> list[EditRow]:
        """What people did to questions (all, or those naming ``question_id``), in order."""
        where, params = (
            ("WHERE question_id = ? OR other_question_id = ?", (question_id, question_id))
            if question_id is not None
            else ("", ())
        )
        found = self.backend.query(f"SELECT * FROM question_edits {where} ORDER BY id", params)
        return [
            EditRow(
                id=int(r["id"]),
                action=r["action"],
                question_id=int(r["question_id"]),
                other_question_id=r["other_question_id"],
                detail=rows.from_json(r["detail"]),
                edited_by=r["edited_by"],
                edited_at=rows.to_datetime(r["edited_at"]),
            )
            for r in found
        ]

    def _log_edit(
        self, action: str, question_id: int, other: int | None, by: str, detail: dict
    ) -> None:
        self.backend.query(
            "INSERT INTO question_edits (action, question_id, other_question_id, detail,"
            " edited_by, edited_at) VALUES (?, ?, ?, ?, ?, ?)",
            (action, question_id, other, rows.to_json(detail), by, _now()),
        )


def _question_filters(
    status: str | None,
    topic: str | None,
    person_id: int | None = None,
    ends_after: dt.date | None = None,
    ends_before: dt.date | None = None,
) -> tuple[str, list[Any]]:
    """WHERE over questions ``q`` (see ``list_questions``), and its parameters."""
    where: list[str] = []
    params: list[Any] = []
    if status:
        where.append("q.status = ?")
        params.append(status)
    if person_id is not None:
        # From the person's speakers outwards, so that the indexes on speakers(person_id)
        # and on (article_id, local id) do the work.
        where.append(
            "q.id IN (SELECT w.question_id FROM speakers ws JOIN forecasts wf"
            " ON wf.article_id = ws.article_id AND wf.speaker_local_id = ws.local_id"
            " JOIN question_forecasts w ON w.article_id = wf.article_id"
            " AND w.forecast_local_id = wf.local_id WHERE ws.person_id = ?)"
        )
        params.append(person_id)
    if ends_after is not None:
        where.append("q.window_end >= ?")
        params.append(ends_after)
    if ends_before is not None:
        where.append("q.window_end <= ?")
        params.append(ends_before)
    if topic:
        where.append(
            "(LOWER(q.title) LIKE ? ESCAPE '!' OR LOWER(q.proposition) LIKE ? ESCAPE '!'"
            " OR EXISTS (SELECT 1 FROM question_forecasts t JOIN forecasts tf"
            " ON tf.article_id = t.article_id AND tf.local_id = t.forecast_local_id"
            " WHERE t.question_id = q.id AND LOWER(tf.text) LIKE ? ESCAPE '!'))"
        )
        params += [_like(topic)] * 3
    return ("WHERE " + " AND ".join(where)) if where else "", params


def _suggestion_filters(
    status: str | None, suggestion_id: int | None, question_id: int | None
) -> tuple[str, list[Any]]:
    """WHERE over suggestions ``s``, and its parameters."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("status", status), ("id", suggestion_id), ("question_id", question_id)):
        if value is not None and value != "":
            where.append(f"s.{column} = ?")
            params.append(value)
    return ("WHERE " + " AND ".join(where)) if where else "", params
