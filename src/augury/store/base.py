"""What the store hands out (result records, errors) and what a back end must provide."""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from augury.model import Forecast, Statement

SaveStatus = Literal["new", "version", "unchanged", "replaced"]
Row = dict[str, Any]
Params = Sequence[Any]

# Marks around the matched words in a search snippet: rare in news text, unlike brackets.
HIGHLIGHT = ("\u00ab", "\u00bb")


def redact(url: str) -> str:
    """The URL without its password, fit for an error message."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class StoreError(Exception):
    """A problem a user can cause or fix: a bad URL, an unreachable server, a locked file."""


@dataclass(frozen=True)
class SaveResult:
    """What ``save_analysis`` did with one article."""

    article_id: str
    status: SaveStatus
    previous_version_id: str | None = None


@dataclass
class ArticleSummary:
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    ingested_at: dt.datetime
    previous_version_id: str | None
    statements: int
    forecasts: int


@dataclass
class PersonArticle:
    """An article a person is quoted in, with how much they said there."""

    id: str
    title: str | None
    source: str | None
    published: dt.date | None
    statements: int  # the person's statements in this article
    forecasts: int  # the person's forecasts in this article


@dataclass
class PersonTitle:
    """A title and affiliation a person was given, and the article that first gave it."""

    title: str | None
    affiliation: str | None
    article_id: str | None
    first_seen: dt.datetime


@dataclass
class PersonSummary:
    id: int
    name: str
    kind: str
    statements: int
    articles: int
    titles: int


@dataclass
class PersonDetail:
    id: int
    name: str
    kind: str
    statements: int
    articles: int
    titles: list[PersonTitle] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # every spelling the articles used


@dataclass(kw_only=True)
class _Said:
    """Who said something and where; shared by statement and forecast rows."""

    article_id: str
    article_title: str | None
    published: dt.date | None
    speaker_name: str | None
    person_id: int | None

    def _where(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker_name,
            "person_id": self.person_id,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "published": self.published,
        }


@dataclass
class StatementRow(_Said):
    """A statement with who said it and where."""

    statement: Statement

    def to_dict(self) -> dict[str, Any]:
        """The statement, flat, with its speaker's name and its article."""
        return self.statement.to_dict() | self._where()


@dataclass
class ForecastRow(_Said):
    """A forecast with who made it and where."""

    forecast: Forecast

    def to_dict(self) -> dict[str, Any]:
        """The forecast, flat, with its speaker's name and its article."""
        return self.forecast.to_dict() | self._where()


@dataclass
class SearchHit:
    kind: Literal["article", "statement"]
    article_id: str
    statement_id: str | None  # Statement.id within the article, for statement hits
    title: str | None
    published: dt.date | None
    speaker: str | None
    snippet: str  # matched words wrapped in HIGHLIGHT marks
    score: float  # higher is better; comparable within one search only


@dataclass
class Run:
    """One ingest run and what it produced."""

    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    command: str | None
    model: str | None
    augury_version: str | None
    counts: dict[str, int]
    problems: list[str]


class Backend(ABC):
    """One database connection and the little that differs between SQL dialects.

    SQL is written once, with ``?`` placeholders; a back end adapts it to its driver.
    """

    name: ClassVar[str]  # the dialect name used to pick DDL in schema.py
    url: str

    @abstractmethod
    def query(self, sql: str, params: Params = ()) -> list[Row]:
        """Run one statement and return its rows as dicts."""

    @abstractmethod
    def execute_many(self, sql: str, rows: Sequence[Params]) -> None:
        """Run one statement once per parameter row."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All-or-nothing block; a nested block is a savepoint inside the outer one."""

    @abstractmethod
    def search(self, text: str, limit: int) -> list[Row]:
        """Ranked full-text hits over articles and statements (see ``SearchHit``)."""

    @abstractmethod
    def close(self) -> None: ...

    def lock_schema(self) -> None:
        """Keep two processes from migrating at once (inside a transaction)."""
        return None  # enough where BEGIN already takes the write lock (SQLite)

    def one(self, sql: str, params: Params = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def count(self, sql: str, params: Params = ()) -> int:
        """The number a ``SELECT COUNT(*) AS n ...`` statement gives."""
        row = self.one(sql, params)
        return int(row["n"]) if row else 0
