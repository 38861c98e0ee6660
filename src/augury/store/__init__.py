"""augury's database: the only layer that speaks SQL.

``open_store(url)`` picks the back end from the URL: a file path, ``sqlite:///path``
or ``:memory:`` for SQLite (the default), ``postgresql://...`` for PostgreSQL.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

from augury.store.base import (
    HIGHLIGHT,
    ArticleSummary,
    PersonDetail,
    PersonSummary,
    PersonTitle,
    Run,
    SaveResult,
    SearchHit,
    StatementRow,
    StoreError,
    redact,
)
from augury.store.core import Store

__all__ = [
    "HIGHLIGHT",
    "ArticleSummary",
    "PersonDetail",
    "PersonSummary",
    "PersonTitle",
    "Run",
    "SaveResult",
    "SearchHit",
    "StatementRow",
    "Store",
    "StoreError",
    "default_url",
    "open_store",
]

ENV_VAR = "AUGURY_DB"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def default_url() -> str:
    """$AUGURY_DB, else ``augury.db`` in the user's data folder (created if missing)."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    folder = Path(platformdirs.user_data_dir("augury"))
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "augury.db")


def sqlite_path(url: str) -> str:
    """The file a SQLite URL names; ``sqlite:///rel.db`` and ``sqlite:////abs.db``
    as in SQLAlchemy, and ``sqlite://`` or ``:memory:`` for an in-memory database."""
    if url.startswith("sqlite://"):
        url = url.removeprefix("sqlite://")
        url = url.removeprefix("/") or ":memory:"
    return url if url == ":memory:" else str(Path(url).expanduser())


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate as needed) the database at ``url``; see the module doc."""
    url = (url or default_url()).strip()
    scheme = _SCHEME.match(url)
    name = scheme.group(1).lower() if scheme else "sqlite"
    if name in ("postgresql", "postgres"):
        from augury.store.postgres import PostgresBackend

        return Store(PostgresBackend(url))
    if name == "sqlite":
        from augury.store.sqlite import SQLiteBackend

        return Store(SQLiteBackend(sqlite_path(url)))
    raise StoreError(
        f"Unsupported database URL {redact(url)!r}: use a file path, sqlite:///path.db or "
        "postgresql://user@host:port/database (or set $AUGURY_DB to one of them)."
    )
