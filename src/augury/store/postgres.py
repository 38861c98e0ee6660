"""PostgreSQL back end: psycopg 3, tsvector columns with GIN indexes, websearch_to_tsquery."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg
from psycopg.rows import dict_row

from augury.store.base import HIGHLIGHT, Backend, Params, Row, StoreError, redact

CONNECT_TIMEOUT_S = 5
# Any constant will do; it only has to be the same in every augury process.
_MIGRATION_LOCK = 0x61756775

# Errors a user can cause (server gone, no rights, a search_path naming no schema,
# data the constraints refuse); others are bugs and keep their traceback.
_USER_ERRORS = (
    psycopg.OperationalError,
    psycopg.IntegrityError,
    psycopg.DataError,
    psycopg.errors.InsufficientPrivilege,
    psycopg.errors.InvalidSchemaName,
)

_HEADLINE = (
    f"StartSel={HIGHLIGHT[0]}, StopSel={HIGHLIGHT[1]}, MaxWords=30, MinWords=10, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)

# Rank first and cut to the limit, then build snippets: ts_headline re-parses the text,
# too slow to run on every match.
_SEARCH = f"""
WITH q AS (SELECT websearch_to_tsquery('english', ?) AS query),
hits AS (
  SELECT 'article' AS kind, a.id AS article_id, NULL::bigint AS statement_pk,
         ts_rank(a.search, q.query) AS score
  FROM articles a CROSS JOIN q WHERE a.search @@ q.query
  UNION ALL
  SELECT 'statement', s.article_id, s.id, ts_rank(s.search, q.query)
  FROM statements s CROSS JOIN q WHERE s.search @@ q.query
  ORDER BY score DESC LIMIT ?
)
SELECT h.kind, h.article_id, s.local_id AS statement_id, a.title, a.published,
       sp.name AS speaker, h.score,
       ts_headline('english', COALESCE(s.text, a.text), q.query, '{_HEADLINE}') AS snippet
FROM hits h CROSS JOIN q
JOIN articles a ON a.id = h.article_id
LEFT JOIN statements s ON s.id = h.statement_pk
LEFT JOIN speakers sp ON sp.article_id = s.article_id AND sp.local_id = s.speaker_local_id
ORDER BY h.score DESC
"""


@functools.lru_cache(maxsize=256)
def _paramstyle(sql: str) -> str:
    # Shared SQL uses "?" and has no "?" or "%" of its own; psycopg wants "%s".
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresBackend(Backend):
    name = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = redact(url)
        try:
            self.conn = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_S
            )
        except psycopg.Error as error:
            reason = str(error).strip().splitlines()[-1] if str(error).strip() else repr(error)
            raise StoreError(
                f"Cannot connect to PostgreSQL at {self.url}: {reason}. "
                "Check that the server runs and the URL (host, port, user, database) is right."
            ) from error

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except _USER_ERRORS as error:
            reason = (str(error).strip().splitlines() or [repr(error)])[0]
            raise StoreError(f"PostgreSQL at {self.url}: {reason}") from error

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        with self._errors(), self.conn.cursor() as cursor:
            cursor.execute(_paramstyle(sql), params)
            return cursor.fetchall() if cursor.description else []

    def execute_many(self, sql: str, rows: Sequence[Params]) -> None:
        if not rows:
            return
        with self._errors(), self.conn.cursor() as cursor:
            cursor.executemany(_paramstyle(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # psycopg nests inner blocks as savepoints; the outer block commits or rolls back.
        with self._errors(), self.conn.transaction():
            yield

    def lock_schema(self) -> None:
        self.query("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def search(self, text: str, limit: int) -> list[Row]:
        if not text.strip():
            return []
        return self.query(_SEARCH, (text, limit))

    def close(self) -> None:
        self.conn.close()
