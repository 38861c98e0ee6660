"""The Store: every read and write of augury's data, over either back end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from augury import __version__
from augury.model import Analysis, Speaker
from augury.store import identity, rows
from augury.store.base import (
    ArticleSummary,
    Backend,
    ForecastRow,
    PersonArticle,
    PersonDetail,
    PersonSummary,
    Run,
    SaveResult,
    SaveStatus,
    SearchHit,
    StatementRow,
    StoreError,
)
from augury.store.ledger import LedgerStore
from augury.store.schema import migrate, schema_version

# Children of an article, in an order that deletes dependents first.
_EXTRACTED = ("relations", "quantities", "forecasts", "claims", "statements", "speakers")
_STATUS_COUNT = {"new": "new", "version": "versioned", "unchanged": "unchanged"}
_STATEMENTS_OF_PERSON = (
    "SELECT COUNT(*) FROM statements s JOIN speakers sp ON sp.article_id = s.article_id"
    " AND sp.local_id = s.speaker_local_id WHERE sp.person_id = p.id"
)
_PERSON_COLUMNS = f"""p.id, p.name, p.kind, ({_STATEMENTS_OF_PERSON}) AS statements,
  (SELECT COUNT(DISTINCT sp.article_id) FROM speakers sp WHERE sp.person_id = p.id) AS articles,
  (SELECT COUNT(*) FROM person_titles t WHERE t.person_id = p.id) AS titles"""
# Newest first; undated articles last on both back ends (they order NULLs differently).
_NEWEST_FIRST = "(a.published IS NULL), a.published DESC, a.seq DESC"


def _insert(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(("article_id", *columns))
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * (len(columns) + 1))})"


def _like_prefix(prefix: str) -> str:
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store(LedgerStore):
    """augury's database. Open one with ``augury.store.open_store``."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        try:
            self.migrated = migrate(backend)  # versions applied on this open, for logging
        except BaseException:
            backend.close()
            raise

    @property
    def url(self) -> str:
        return self.backend.url

    @property
    def dialect(self) -> str:
        return self.backend.name

    def schema_version(self) -> int:
        return schema_version(self.backend)

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------

    def save_analysis(
        self,
        analysis: Analysis,
        model: str | None = None,
        *,
        run_id: int | None = None,
        replace: bool = False,
    ) -> SaveResult:
        """Store one article and all extracted from it, in one transaction.

        Saving an article id that is already stored changes nothing (status
        ``unchanged``) unless ``replace`` is set, which swaps in the new extraction.
        A new id at a known URL is stored as a new version of the newest one there.
        """
        article = analysis.article
        if not article.id:
            raise StoreError("Cannot save an article without an id (its content hash).")
        db = self.backend
        with db.transaction():
            existing = db.one(
                "SELECT previous_version_id FROM articles WHERE id = ?", (article.id,)
            )
            status: SaveStatus
            if existing is None:
                previous = self._newest_version(article.url, article.id)
                values = (*rows.article_row(article), model, _now(), previous, run_id)
                inserted = db.query(
                    f"INSERT INTO articles ({', '.join(rows.ARTICLE_COLUMNS)}, model, ingested_at,"
                    f" previous_version_id, run_id) VALUES ({', '.join('?' * len(values))})"
                    " ON CONFLICT (id) DO NOTHING RETURNING seq",
                    values,
                )
                # Nothing inserted: another process stored it since we looked.
                status = ("version" if previous else "new") if inserted else "unchanged"
            elif replace:
                previous, status = existing["previous_version_id"], "replaced"
                for table in _EXTRACTED:
                    db.query(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
                sets = ", ".join(f"{c} = ?" for c in (*rows.ARTICLE_COLUMNS[1:], "model"))
                db.query(
                    f"UPDATE articles SET {sets} WHERE id = ?",
                    (*rows.article_row(article)[1:], model, article.id),
                )
            else:
                previous, status = existing["previous_version_id"], "unchanged"
            if status in ("new", "version", "replaced"):
                self._save_extraction(analysis)
            if run_id is not None and status in _STATUS_COUNT:
                self._count(run_id, {_STATUS_COUNT[status]: 1}, add=True)
        return SaveResult(article.id, status, previous)

    def _newest_version(self, url: str | None, article_id: str) -> str | None:
        if not url:
            return None
        row = self.backend.one(
            "SELECT a.id FROM articles a WHERE a.url = ? AND a.id <> ? AND NOT EXISTS"
            " (SELECT 1 FROM articles b WHERE b.previous_version_id = a.id)"
            " ORDER BY a.seq DESC LIMIT 1",
            (url, article_id),
        )
        return row["id"] if row else None

    def _save_extraction(self, analysis: Analysis) -> None:
        db, article_id = self.backend, analysis.article.id
        person_names = [s.name for s in analysis.speakers if s.kind == "person"]
        speakers = [
            rows.speaker_row(s, self._person_id(s, article_id, person_names))
            for s in analysis.speakers
        ]
        quantities = [rows.quantity_row(i, q) for i, q in enumerate(analysis.quantities)]
        relations = [rows.relation_row(i, r) for i, r in enumerate(analysis.relations)]
        for table, columns, values in (
            ("speakers", rows.SPEAKER_COLUMNS, speakers),
            ("statements", rows.STATEMENT_COLUMNS, map(rows.statement_row, analysis.statements)),
            ("claims", rows.CLAIM_COLUMNS, map(rows.claim_row, analysis.claims)),
            ("forecasts", rows.FORECAST_COLUMNS, map(rows.forecast_row, analysis.forecasts)),
            ("quantities", rows.QUANTITY_COLUMNS, quantities),
            ("relations", rows.RELATION_COLUMNS, relations),
        ):
            db.execute_many(_insert(table, columns), [(article_id, *v) for v in values])

    def _person_id(self, speaker: Speaker, article_id: str, person_names: list[str]) -> int:
        """The persons row a speaker belongs to, made if new; records a new title too."""
        key, name = identity.identify(speaker.name, speaker.kind, article_id, person_names)
        # DO UPDATE (not NOTHING) so that RETURNING yields the id of an existing row.
        row = self.backend.query(
            "INSERT INTO persons (kind, key, name, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kind, key) DO UPDATE SET key = excluded.key RETURNING id",
            (speaker.kind, key, name, _now()),
        )[0]
        person_id = int(row["id"])
        if speaker.title or speaker.affiliation:
            self.backend.query(
                "INSERT INTO person_titles"
                " (person_id, title, affiliation, title_key, article_id, first_seen)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, title_key) DO NOTHING",
                (
                    person_id,
                    speaker.title,
                    speaker.affiliation,
                    identity.title_key(speaker.title, speaker.affiliation),
                    article_id,
                    _now(),
                ),
            )
        return person_id

    def log_run(self, model: str | None = None, command: str | None = None) -> int:
        """Start logging an ingest run; returns its id for ``save_analysis``/``finish_run``."""
        with self.backend.transaction():
            row = self.backend.query(
                "INSERT INTO runs (started_at, command, model, augury_version, problems)"
                " VALUES (?, ?, ?, ?, ?) RETURNING id",
                (_now(), command, model, __version__, rows.to_json([])),
            )[0]
        return int(row["id"])

    def finish_run(
        self,
        run_id: int,
        problems: Sequence[str] = (),
        counts: Mapping[str, int] | None = None,
        status: str | None = None,
    ) -> None:
        """Close a run: when it ended, what went wrong, and counts (read, failed ...) to set."""
        with self.backend.transaction():
            if counts:
                self._count(run_id, counts, add=False)
            self.backend.query(
                "UPDATE runs SET finished_at = ?, status = ?, problems = ? WHERE id = ?",
                (
                    _now(),
                    status or ("problems" if problems else "ok"),
                    rows.to_json(list(problems)),
                    run_id,
                ),
            )

    def _count(self, run_id: int, counts: Mapping[str, int], add: bool) -> None:
        unknown = set(counts) - set(rows.RUN_COUNTS)
        if unknown:
            raise ValueError(f"unknown run counts {sorted(unknown)}; known: {rows.RUN_COUNTS}")
        # Column names come from the fixed list above, never from the caller.
        sets = ", ".join(
            f"articles_{n} = articles_{n} + ?" if add else f"articles_{n} = ?" for n in counts
        )
        self.backend.query(f"UPDATE runs SET {sets} WHERE id = ?", (*counts.values(), run_id))

    # -- reads ----------------------------------------------------------------

    def get_article(self, article_id: str) -> Analysis | None:
        """One article with everything extracted from it, or None."""
        db = self.backend
        row = db.one(
            f"SELECT {', '.join(rows.ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        )
        if row is None:
            return None

        def children(table: str, columns: Sequence[str]) -> list[dict[str, Any]]:
            return db.query(
                f"SELECT {', '.join(columns)} FROM {table} WHERE article_id = ? ORDER BY id",
                (article_id,),
            )

        return Analysis(
            article=rows.article(row),
            speakers=[rows.speaker(r) for r in children("speakers", rows.SPEAKER_COLUMNS)],
            statements=[rows.statement(r) for r in children("statements", rows.STATEMENT_COLUMNS)],
            forecasts=[rows.forecast(r) for r in children("forecasts", rows.FORECAST_COLUMNS)],
            claims=[rows.claim(r) for r in children("claims", rows.CLAIM_COLUMNS)],
            quantities=[rows.quantity(r) for r in children("quantities", rows.QUANTITY_COLUMNS)],
            relations=[rows.relation(r) for r in children("relations", rows.RELATION_COLUMNS)],
        )

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
        """Articles, newest first, with how many statements and forecasts each holds."""
        found = self.backend.query(
            "SELECT a.id, a.title, a.url, a.source, a.published, a.ingested_at,"
            " a.previous_version_id,"
            " (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements,"
            " (SELECT COUNT(*) FROM forecasts f WHERE f.article_id = a.id) AS forecasts"
            f" FROM articles a ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [rows.article_summary(r) for r in found]

    def count_articles(self) -> int:
        """How many articles are stored (each version of one counts)."""
        return self.backend.count("SELECT COUNT(*) AS n FROM articles")

    def find_article(self, prefix: str) -> str | None:
        """The full id of the one article whose id starts with ``prefix``, or None."""
        prefix = prefix.strip()
        if not prefix:
            raise StoreError("Give an article id or the first few characters of one.")
        found = self.backend.query(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '!' ORDER BY id LIMIT 6",
            (_like_prefix(prefix),),
        )
        ids = [r["id"] for r in found]
        if prefix in ids:
            return prefix
        if len(ids) <= 1:
            return ids[0] if ids else None
        shown = ", ".join(i[: len(prefix) + 6] for i in ids[:5])
        raise StoreError(
            f"Article id {prefix!r} is ambiguous: it starts {shown}"
            f"{' and more' if len(ids) > 5 else ''}. Give more characters."
        )

    def list_persons(
        self, kind: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[PersonSummary]:
        """Speakers known across articles, the most quoted first."""
        where, params = ("WHERE p.kind = ?", [kind]) if kind else ("", [])
        found = self.backend.query(
            f"SELECT {_PERSON_COLUMNS} FROM persons p {where}"
            " ORDER BY statements DESC, p.name, p.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [PersonSummary(**r) for r in found]

    def count_persons(self, kind: str | None = None) -> int:
        """How many speakers ``list_persons`` has to show, of one kind or of all."""
        where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
        return self.backend.count(f"SELECT COUNT(*) AS n FROM persons {where}", params)

    def person_articles(
        self, person: int | str, limit: int = 50, offset: int = 0
    ) -> list[PersonArticle]:
        """The articles that quote a person, newest first, with the person's statements
        and forecasts in each."""
        person_id = self._person(person)
        said = (
            "(SELECT COUNT(*) FROM {} x JOIN speakers sp ON sp.article_id = x.article_id"
            " AND sp.local_id = x.speaker_local_id WHERE x.article_id = a.id AND sp.person_id = ?)"
        )
        found = self.backend.query(
            f"SELECT a.id, a.title, a.source, a.published,"
            f" {said.format('statements')} AS statements, {said.format('forecasts')} AS forecasts"
            " FROM articles a"
            " WHERE a.id IN (SELECT sp.article_id FROM speakers sp WHERE sp.person_id = ?)"
            f" ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?",
            (person_id, person_id, person_id, limit, offset),
        )
        return [PersonArticle(**(r | {"published": rows.to_date(r["published"])})) for r in found]

    def person(self, ref: int | str) -> PersonDetail | None:
        """A person by id or by name (any spelling that folds to the same key)."""
        person_id = self._resolve_person(ref)
        if person_id is None:
            return None
        db = self.backend
        row = db.one(f"SELECT {_PERSON_COLUMNS} FROM persons p WHERE p.id = ?", (person_id,))
        if row is None:
            return None
        titles = db.query(
            "SELECT title, affiliation, article_id, first_seen FROM person_titles"
            " WHERE person_id = ? ORDER BY first_seen, id",
            (person_id,),
        )
        names = db.query(
            "SELECT DISTINCT name FROM speakers WHERE person_id = ? ORDER BY name", (person_id,)
        )
        return PersonDetail(
            **{k: v for k, v in row.items() if k != "titles"},
            titles=[rows.person_title(t) for t in titles],
            names=[n["name"] for n in names],
        )

    def _person(self, ref: int | str) -> int:
        """The id of a person named by id or name; a clear error when there is none."""
        person_id = self._resolve_person(ref)
        if person_id is None:
            raise StoreError(f"No speaker called {ref!r} is stored; see the persons list.")
        return person_id

    def _resolve_person(self, ref: int | str) -> int | None:
        if isinstance(ref, int) or ref.strip().isdigit():
            return int(ref)
        key = identity.person_key(ref)
        # A full name first (a person before a group of the same name), then a bare
        # surname that is known in exactly one article.
        row = self.backend.one(
            "SELECT id FROM persons WHERE key = ?"
            " ORDER BY CASE kind WHEN 'person' THEN 0 ELSE 1 END, id LIMIT 1",
            (key,),
        )
        if row:
            return int(row["id"])
        bare = self.backend.query(
            "SELECT id FROM persons WHERE key LIKE ? ESCAPE '!' LIMIT 2", (_like_prefix(key + "@"),)
        )
        return int(bare[0]["id"]) if len(bare) == 1 else None

    def list_statements(
        self,
        person: int | str | None = None,
        article_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[StatementRow]:
        """Statements with speaker and article, newest article first; filter by person/article."""
        found = self._said("statements", rows.STATEMENT_COLUMNS, person, article_id, limit, offset)
        return [rows.statement_record(r) for r in found]

    def list_forecasts(
        self,
        person: int | str | None = None,
        article_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[ForecastRow]:
        """Forecasts with speaker and article, newest article first; filter by person/article."""
        found = self._said("forecasts", rows.FORECAST_COLUMNS, person, article_id, limit, offset)
        return [ForecastRow(forecast=rows.forecast(r), **rows.said_where(r)) for r in found]

    def count_statements(
        self, person: int | str | None = None, article_id: str | None = None
    ) -> int:
        """How many statements ``list_statements`` has to show with the same filters."""
        return self._count_said("statements", person, article_id)

    def count_forecasts(
        self, person: int | str | None = None, article_id: str | None = None
    ) -> int:
        """How many forecasts ``list_forecasts`` has to show with the same filters."""
        return self._count_said("forecasts", person, article_id)

    def _said_filters(
        self, table: str, person: int | str | None, article_id: str | None
    ) -> tuple[str, list[Any]]:
        """FROM and WHERE of statements or forecasts (``x``) joined to their speaker (``sp``)."""
        if table not in {"statements", "forecasts"}:
            raise ValueError(table)  # table names come from this module only, never the caller
        where, params = [], []
        if person is not None:
            where.append("sp.person_id = ?")
            params.append(self._person(person))
        if article_id is not None:
            where.append("x.article_id = ?")
            params.append(article_id)
        sql = (
            f"FROM {table} x JOIN articles a ON a.id = x.article_id"
            " LEFT JOIN speakers sp ON sp.article_id = x.article_id"
            " AND sp.local_id = x.speaker_local_id"
            f" {'WHERE ' + ' AND '.join(where) if where else ''}"
        )
        return sql, params

    def _said(
        self,
        table: str,
        columns: Sequence[str],
        person: int | str | None,
        article_id: str | None,
        limit: int,
        offset: int,
    ) -> list[Any]:
        """Rows of ``table`` (statements or forecasts) joined to speaker and article."""
        source, params = self._said_filters(table, person, article_id)
        return self.backend.query(
            f"SELECT {', '.join('x.' + c for c in columns)}, x.article_id,"
            " sp.name AS speaker_name, sp.person_id, a.title AS article_title,"
            f" a.published {source} ORDER BY {_NEWEST_FIRST}, x.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )

    def _count_said(self, table: str, person: int | str | None, article_id: str | None) -> int:
        source, params = self._said_filters(table, person, article_id)
        return self.backend.count(f"SELECT COUNT(*) AS n {source}", params)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Articles and statements matching ``text`` (web-search syntax), best first."""
        return [rows.search_hit(r) for r in self.backend.search(text, limit)]

    def export(self) -> Iterator[Analysis]:
        """Every stored article with its extraction, oldest first."""
        ids = [r["id"] for r in self.backend.query("SELECT id FROM articles ORDER BY seq")]
        for article_id in ids:
            analysis = self.get_article(article_id)
            if analysis is not None:  # deleted meanwhile
                yield analysis

    def counts(self) -> dict[str, int]:
        """How many rows each kind of thing has, for a summary."""
        tables = "articles persons speakers statements claims forecasts quantities runs".split()
        row = self.backend.one(
            "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {t}) AS {t}" for t in tables)
        )
        return {t: int(row[t]) for t in tables} if row else {}

    def list_runs(self, limit: int = 20) -> list[Run]:
        """The latest ingest runs, newest first."""
        found = self.backend.query("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [rows.run(r) for r in found]
