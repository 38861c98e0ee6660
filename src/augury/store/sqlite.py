"""SQLite back end: one file (or ``:memory:``), WAL mode, FTS5 search."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from augury.store.base import HIGHLIGHT, Backend, Params, Row, StoreError

BUSY_TIMEOUT_MS = 10_000
_OPEN, _CLOSE = HIGHLIGHT

_SEARCH = f"""
SELECT 'article' AS kind, a.id AS article_id, NULL AS statement_id, a.title, a.published,
       NULL AS speaker, snippet(articles_fts, -1, '{_OPEN}', '{_CLOSE}', '…', 16) AS snippet,
       -bm25(articles_fts, 4.0, 1.0) AS score
FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
WHERE articles_fts MATCH ?
UNION ALL
SELECT 'statement', s.article_id, s.local_id, a.title, a.published, sp.name,
       snippet(statements_fts, 0, '{_OPEN}', '{_CLOSE}', '…', 24), -bm25(statements_fts)
FROM statements_fts JOIN statements s ON s.id = statements_fts.rowid
JOIN articles a ON a.id = s.article_id
LEFT JOIN speakers sp ON sp.article_id = s.article_id AND sp.local_id = s.speaker_local_id
WHERE statements_fts MATCH ?
ORDER BY score DESC LIMIT ?
"""

_TERM = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


def fts5_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query, in the manner of websearch_to_tsquery.

    Words and "quoted phrases" must all match; ``or`` between terms allows either;
    a leading ``-`` excludes a term. FTS5 syntax characters in the input are inert.
    """
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for neg_phrase, phrase, neg_word, word in _TERM.findall(text):
        raw = phrase if phrase else word
        if not phrase and raw.casefold() == "or":
            pending_or = bool(positive)
            continue
        if not re.search(r"\w", raw):
            continue
        term = '"' + raw.replace('"', "") + '"'
        if neg_phrase or neg_word:
            negative.append(term)
        elif pending_or:
            positive[-1] = f"{positive[-1]} OR {term}"
        else:
            positive.append(term)
        pending_or = False
    if not positive:
        return ""
    query = " AND ".join(f"({p})" if " OR " in p else p for p in positive)
    return query + "".join(f" NOT {n}" for n in negative)


def _adapt(value: Any) -> Any:
    # Explicit, because sqlite3's default date adapters are deprecated since 3.12.
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _rows(cursor: sqlite3.Cursor) -> list[Row]:
    if cursor.description is None:
        return []
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class SQLiteBackend(Backend):
    name = "sqlite"

    def __init__(self, path: str) -> None:
        self.url = path
        if path != ":memory:":
            target = Path(path)
            if target.is_dir():
                raise StoreError(f"Cannot open database {path!r}: it is a folder, not a file.")
            if not target.parent.is_dir():
                raise StoreError(
                    f"Cannot open database {path!r}: the folder {str(target.parent)!r} "
                    "does not exist. Create it first or choose another path."
                )
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL, much faster
        except sqlite3.Error as error:
            raise StoreError(f"Cannot open SQLite database {path!r}: {error}.") from error
        self._depth = 0

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.ProgrammingError:
            raise  # misuse of the driver: a bug, not a user's problem
        except sqlite3.DatabaseError as error:  # locked, not a database, constraint ...
            raise StoreError(f"SQLite database {self.url!r}: {error}.") from error

    def _run(self, sql: str, params: Params) -> sqlite3.Cursor:
        with self._errors():
            return self.conn.execute(sql, [_adapt(p) for p in params])

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        cursor = self._run(sql, params)
        with self._errors():
            return _rows(cursor)

    def execute_many(self, sql: str, rows: Sequence[Params]) -> None:
        with self._errors():
            self.conn.executemany(sql, [[_adapt(p) for p in row] for row in rows])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:  # nested: a savepoint, as psycopg does
            name = f"nested_{self._depth}"
            self._run(f"SAVEPOINT {name}", ())
            self._depth += 1
            try:
                yield
            except BaseException:
                self._run(f"ROLLBACK TO {name}", ())
                raise
            finally:
                self._depth -= 1
                self._run(f"RELEASE {name}", ())
            return
        # IMMEDIATE takes the write lock up front, so two writers queue on the busy
        # timeout instead of failing when a read lock cannot be upgraded.
        self._run("BEGIN IMMEDIATE", ())
        self._depth = 1
        try:
            yield
            self._run("COMMIT", ())
        except BaseException:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise
        finally:
            self._depth = 0

    def search(self, text: str, limit: int) -> list[Row]:
        query = fts5_query(text)
        if not query:
            return []
        return self.query(_SEARCH, (query, query, limit))

    def journal_mode(self) -> str:
        return str(self.conn.execute("PRAGMA journal_mode").fetchone()[0])

    def close(self) -> None:
        self.conn.close()
