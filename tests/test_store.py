"""The store on both back ends: SQLite in a temporary folder, PostgreSQL in a throwaway schema."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import uuid

import psycopg
import pytest

from augury.model import (
    Analysis,
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
from augury.store import StoreError, open_store, rows, sqlite_path
from augury.store.identity import (
    identify,
    person_key,
    same_person,
    shares_surname,
    title_key,
)
from augury.store.schema import LATEST
from augury.store.sqlite import fts5_query

PG_URL = os.environ.get("AUGURY_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


# -- fixtures ------------------------------------------------------------------


def pg_admin() -> psycopg.Connection:
    """A connection to the test server, or a skip saying why there is none."""
    try:
        return psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        pytest.skip(f"PostgreSQL not reachable at {PG_URL} (set AUGURY_TEST_PG): {error}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    """A URL to an empty database: a fresh file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'augury.db'}"
        return
    admin = pg_admin()
    schema = f"augury_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


@pytest.fixture
def store(url):
    with open_store(url) as opened:
        yield opened


def analysis(
    article_id: str = "a1",
    url: str | None = "https://example.com/summit",
    speakers: list[Speaker] | None = None,
    text: str = "Trump is likely to call for renegotiation of the deal, said Yang Moo-jin.",
) -> Analysis:
    """A small analysis: one speaker, one statement, one claim, one forecast."""
    speakers = speakers or [Speaker("sp1", "Yang Moo-jin", "person", "president", "UNKS")]
    return Analysis(
        article=Article(id=article_id, text=text, title="Summit talk", url=url),
        speakers=speakers,
        statements=[Statement("st1", speakers[0].id, "indirect", text[:54], (0, 54))],
        claims=[Claim("c1", "st1", "forecast", text[:54], (0, 54))],
        forecasts=[
            Forecast("f1", "st1", speakers[0].id, text[:54], (0, 54),
                     "Trump calls for renegotiation", "likely", 0.7)
        ],
    )  # fmt: skip


def full_analysis() -> Analysis:
    """Every field of every model class set, including the optional ones."""
    text = (
        "Seo Jae-min said the US might pull 4,500 troops, costing $1.2 billion. "
        '"If talks fail," he said, "a summit is highly unlikely before 2028."'
    )
    return Analysis(
        article=Article(
            id="f" * 64,
            text=text,
            title="Troops and talks",
            url="https://example.com/troops",
            source="Example Times",
            published=dt.date(2025, 11, 3),
            path="articles/troops.txt",
        ),
        speakers=[
            Speaker("sp1", "Seo Jae-min", "person", "research fellow", "KINU", [(0, 11), (83, 85)]),
            Speaker("sp2", "experts", "group"),
        ],
        statements=[
            Statement("st1", "sp1", "indirect", "the US might pull 4,500 troops", (17, 47),
                      "said", (12, 16), (0, 11), [(17, 47)]),
            Statement("st2", "sp1", "direct", "If talks fail, a summit is highly unlikely",
                      (72, 140), "said", (86, 90), (83, 85), [(72, 81), (93, 140)]),
            Statement("st3", None, "direct", "orphan", (0, 6)),
        ],
        claims=[
            Claim("c1", "st1", "forecast", "the US might pull 4,500 troops", (17, 47)),
            Claim("c2", None, "other", "costing $1.2 billion", (49, 69)),
        ],
        forecasts=[
            Forecast("f1", "st1", "sp1", "the US might pull 4,500 troops", (17, 47),
                     "the US pulls 4,500 troops", "might", 0.4,
                     Window(dt.date(2025, 11, 3), dt.date(2029, 1, 20), None, True),
                     None, "positive", "might=0.4", ["f2"]),
            Forecast("f2", "st2", "sp1", "a summit is highly unlikely before 2028", (93, 140),
                     "Trump and Kim hold a summit", "highly unlikely", 0.05,
                     Window(None, dt.date(2027, 12, 31), "before 2028", False),
                     Condition("If talks fail", (73, 86)), "negative", None, []),
            Forecast("f3", None, None, "x", (0, 1), "x", None, 0.5),
        ],
        quantities=[
            Quantity("4,500 troops", (35, 47), 4500.0, "troops", "count"),
            Quantity("$1.2 billion", (57, 69), 1.2e9, "USD", "money"),
        ],
        relations=[
            Relation("divided", "sp2", None, "whether talks fail", (0, 18), None, ["sp1"]),
            Relation("agrees", "sp1", "sp2", "echoed this view", (20, 36), "st1"),
        ],
    )  # fmt: skip


# -- schema and opening --------------------------------------------------------


def test_migrates_a_fresh_database_and_reopens_without_migrating(url):
    with open_store(url) as store:
        assert store.migrated == list(range(1, LATEST + 1))
        assert store.schema_version() == LATEST
        store.save_analysis(analysis())
    with open_store(url) as store:
        assert store.migrated == []
        assert store.counts()["articles"] == 1


def test_refuses_a_database_from_a_newer_augury(url):
    with open_store(url) as store:
        store.backend.query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (LATEST + 1, "future", dt.datetime.now(dt.UTC)),
        )
    with pytest.raises(StoreError, match="newer than this augury"):
        open_store(url)


def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(tmp_path):
    with open_store(str(tmp_path / "ledger.db")) as store:
        assert store.backend.journal_mode() == "wal"
        assert store.backend.query("PRAGMA foreign_keys")[0]["foreign_keys"] == 1
        assert store.backend.query("PRAGMA busy_timeout")[0]["timeout"] > 0


def test_memory_database_works():
    for memory in (":memory:", "sqlite://"):
        with open_store(memory) as store:
            assert store.save_analysis(analysis()).status == "new"


def test_default_location_comes_from_env_then_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("AUGURY_DB", str(tmp_path / "from-env.db"))
    open_store(None).close()
    assert (tmp_path / "from-env.db").exists()
    monkeypatch.delenv("AUGURY_DB")
    monkeypatch.setattr("platformdirs.user_data_dir", lambda app: str(tmp_path / "data" / app))
    open_store(None).close()
    assert (tmp_path / "data" / "augury" / "augury.db").exists()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("mysql://me:secret@db/news", "Unsupported database URL"),
        ("postgresql://postgres@127.0.0.1:1/test", "Cannot connect to PostgreSQL"),
        ("postgresql://me:secret@127.0.0.1:1/test", r"me:\*\*\*@"),
        ("/no/such/folder/augury.db", "does not exist"),
    ],
)
def test_bad_url_gives_a_clear_error(bad, message):
    with pytest.raises(StoreError, match=message) as error:
        open_store(bad)
    assert "secret" not in str(error.value)


@pytest.mark.postgres
def test_a_search_path_naming_no_schema_gives_a_clear_error():
    pg_admin().close()
    with pytest.raises(StoreError, match="no schema has been selected"):
        open_store(f"{PG_URL}?options=-csearch_path%3Daugury_no_such_schema")


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not sqlite at all " * 100)
    with pytest.raises(StoreError, match="notes.txt"):
        open_store(str(junk))
    with pytest.raises(StoreError, match="is a folder"):
        open_store(str(tmp_path))


# -- writes ----------------------------------------------------------------------


def test_saving_the_same_article_twice_changes_nothing(store):
    assert store.save_analysis(analysis(), model="sm").status == "new"
    before = store.counts()
    assert store.save_analysis(analysis(), model="sm").status == "unchanged"
    assert store.counts() == before
    assert before["speakers"] == before["statements"] == before["persons"] == 1


def test_changed_text_at_the_same_url_is_a_new_version(store):
    store.save_analysis(analysis("v1"))
    second = store.save_analysis(analysis("v2", text="Updated: " + "x" * 60))
    third = store.save_analysis(analysis("v3", text="Corrected: " + "y" * 60))
    assert (second.status, second.previous_version_id) == ("version", "v1")
    assert (third.status, third.previous_version_id) == ("version", "v2")
    other = store.save_analysis(analysis("w1", url="https://example.com/other"))
    assert (other.status, other.previous_version_id) == ("new", None)
    versions = {a.id: a.previous_version_id for a in store.list_articles()}
    assert versions == {"v1": None, "v2": "v1", "v3": "v2", "w1": None}


def test_replace_swaps_in_a_new_extraction(store):
    store.save_analysis(analysis())
    again = analysis()
    again.forecasts = []
    assert store.save_analysis(again, replace=True).status == "replaced"
    assert store.get_article("a1").forecasts == []
    assert store.counts()["articles"] == 1


def test_a_failure_mid_save_leaves_nothing_half_written(store, monkeypatch):
    def boom(forecast):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(rows, "forecast_row", boom)
    with pytest.raises(RuntimeError):
        store.save_analysis(full_analysis())
    assert set(store.counts().values()) == {0}
    monkeypatch.undo()
    assert store.save_analysis(full_analysis()).status == "new"
    assert store.get_article("f" * 64) == full_analysis()


def test_a_killed_process_leaves_the_database_consistent(url):
    # The child dies (no cleanup at all) after the article row and the speakers are written.
    child = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {os.path.dirname(__file__)!r})
        from test_store import full_analysis
        from augury.store import open_store, rows
        rows.claim_row = lambda claim: os._exit(9)
        open_store(sys.argv[1]).save_analysis(full_analysis())
        """
    )
    died = subprocess.run([sys.executable, "-c", child, url], capture_output=True, timeout=60)
    assert died.returncode == 9, died.stderr.decode()
    with open_store(url) as store:
        assert set(store.counts().values()) == {0}
        assert store.save_analysis(full_analysis()).status == "new"


def test_a_statement_naming_an_unknown_speaker_is_refused(store):
    broken = analysis()
    broken.statements[0].speaker = "sp9"
    with pytest.raises(StoreError):
        store.save_analysis(broken)
    assert store.counts()["articles"] == 0


def test_runs_log_what_each_ingest_produced(store):
    run = store.log_run(model="en_core_web_sm", command="augury ingest news/")
    store.save_analysis(analysis("a1"), run_id=run)
    store.save_analysis(analysis("a1"), run_id=run)
    store.save_analysis(analysis("a2"), run_id=run)
    store.finish_run(run, problems=["bad.html: no text"], counts={"read": 4, "failed": 1})
    [logged] = store.list_runs()
    assert logged.counts == {"read": 4, "new": 1, "versioned": 1, "unchanged": 1, "failed": 1}
    assert (logged.status, logged.problems, logged.model) == (
        "problems", ["bad.html: no text"], "en_core_web_sm",
    )  # fmt: skip
    assert logged.finished_at >= logged.started_at


# -- reads -----------------------------------------------------------------------


def test_get_article_round_trips_every_field(store):
    store.save_analysis(full_analysis(), model="en_core_web_sm")
    assert store.get_article("f" * 64) == full_analysis()
    assert store.get_article("missing") is None
    assert [a.to_dict() for a in store.export()] == [full_analysis().to_dict()]


def test_person_identity_across_articles(store):
    first = [
        Speaker("sp1", "Yang Moo-jin", "person", "president",
                "the University of North Korean Studies"),
        Speaker("sp2", "Kim Jung-un", "person"),
        Speaker("sp3", "experts", "group"),
    ]  # fmt: skip
    second = [
        Speaker("sp1", "YANG Moo-Jin", "person", "a professor",
                "the University of North Korean Studies"),
        Speaker("sp2", "Kim Yo-jong", "person", "vice department director", "WPK"),
        Speaker("sp3", "Experts", "group"),
    ]  # fmt: skip
    store.save_analysis(analysis("a1", speakers=first))
    store.save_analysis(analysis("a2", url=None, speakers=second))
    persons = {(p.name, p.kind): p for p in store.list_persons()}
    assert set(persons) == {
        ("Yang Moo-jin", "person"), ("Kim Jung-un", "person"), ("Kim Yo-jong", "person"),
        ("experts", "group"),
    }  # fmt: skip
    yang = store.person("Yang Moojin")
    assert (yang.statements, yang.articles, len(yang.titles)) == (2, 2, 2)
    assert [t.title for t in yang.titles] == ["president", "a professor"]
    assert yang.names == ["YANG Moo-Jin", "Yang Moo-jin"]
    assert persons[("Yang Moo-jin", "person")].titles == 2
    assert store.person(yang.id).name == "Yang Moo-jin"
    assert store.list_persons(kind="group")[0].articles == 2


def test_a_bare_surname_is_never_matched_across_articles(store):
    store.save_analysis(analysis("a1", url=None, speakers=[Speaker("sp1", "Seo")]))
    store.save_analysis(analysis("a2", url=None, speakers=[Speaker("sp1", "Seo")]))
    both = [Speaker("sp1", "Seo"), Speaker("sp2", "Seo Jae-min", title="fellow")]
    store.save_analysis(analysis("a3", url=None, speakers=both))
    seos = [p for p in store.list_persons() if p.name.startswith("Seo")]
    assert sorted((p.name, p.articles) for p in seos) == [
        ("Seo", 1), ("Seo", 1), ("Seo Jae-min", 1),
    ]  # fmt: skip
    assert store.person("Seo Jae-min").names == ["Seo", "Seo Jae-min"]
    assert store.person("Seo") is None  # two article-scoped Seos: ambiguous
    # Two speakers of a3 are the one person: a3 is listed once, with both one's words.
    (a3,) = store.person_articles("Seo Jae-min")
    assert (a3.id, a3.statements, a3.forecasts) == ("a3", 1, 1)


def test_list_statements_by_person_and_article(store):
    store.save_analysis(full_analysis())
    store.save_analysis(analysis("a1"))
    by_seo = store.list_statements(person="Seo Jae-min")
    assert [r.statement.id for r in by_seo] == ["st1", "st2"]
    assert by_seo[0].article_title == "Troops and talks"
    assert by_seo[0].published == dt.date(2025, 11, 3)
    assert by_seo[0].speaker_name == "Seo Jae-min"
    everything = store.list_statements()
    assert [r.article_id for r in everything][-1] == "a1"  # undated articles last
    assert len(store.list_statements(article_id="a1")) == 1
    assert len(store.list_statements(limit=2, offset=2)) == 2
    with pytest.raises(StoreError, match="No speaker"):
        store.list_statements(person="Nobody Atall")


def test_a_persons_articles_newest_first_with_what_they_said(store):
    seo = [Speaker("sp1", "Seo Jae-min", "person")]
    store.save_analysis(full_analysis())  # 3 Nov 2025: two statements, two forecasts
    store.save_analysis(analysis("a1"))  # Yang only, undated
    store.save_analysis(analysis("a2", url=None, speakers=seo))  # undated
    later = analysis("a3", url=None, speakers=seo)
    later.article.published = dt.date(2026, 1, 5)
    store.save_analysis(later)
    found = store.person_articles("Seo Jae-min")
    assert [(a.id, a.statements, a.forecasts) for a in found] == [
        ("a3", 1, 1), ("f" * 64, 2, 2), ("a2", 1, 1),
    ]  # fmt: skip
    assert found[1].title == "Troops and talks" and found[1].source == "Example Times"
    assert found[1].published == dt.date(2025, 11, 3)
    seo_id = store.person("Seo Jae-min").id
    assert [a.id for a in store.person_articles(seo_id, limit=1, offset=1)] == ["f" * 64]
    assert store.person_articles(seo_id, offset=3) == []
    assert [a.id for a in store.person_articles("Yang Moo-jin")] == ["a1"]
    with pytest.raises(StoreError, match="No speaker"):
        store.person_articles("Nobody Atall")


def test_counts_agree_with_the_lists(store):
    store.save_analysis(full_analysis())
    store.save_analysis(analysis("a1"))
    store.save_analysis(analysis("a2", url=None, speakers=[Speaker("sp1", "Seo Jae-min")]))
    assert store.count_articles() == len(store.list_articles()) == 3
    assert store.count_persons() == len(store.list_persons()) == 3
    assert store.count_persons("group") == len(store.list_persons(kind="group")) == 1
    assert store.count_persons("organization") == 0
    for person in (None, "Seo Jae-min", "Yang Moo-jin"):
        for article_id in (None, "a2"):
            said = store.list_statements(person=person, article_id=article_id)
            assert store.count_statements(person, article_id) == len(said)
            forecast = store.list_forecasts(person=person, article_id=article_id)
            assert store.count_forecasts(person, article_id) == len(forecast)
    assert store.count_statements("Seo Jae-min") == 3 and store.count_forecasts() == 5
    with pytest.raises(StoreError, match="No speaker"):
        store.count_forecasts("Nobody Atall")


def test_list_and_find_articles(store):
    for article_id in ("abc123", "abd456", "xyz789"):
        store.save_analysis(analysis(article_id, url=None))
    summaries = store.list_articles(limit=2)
    assert len(summaries) == 2 and summaries[0].statements == 1
    assert summaries[0].ingested_at.tzinfo is not None
    assert store.find_article("xy") == "xyz789"
    assert store.find_article("abc123") == "abc123"
    assert store.find_article("q") is None
    with pytest.raises(StoreError, match="ambiguous"):
        store.find_article("ab")
    assert store.find_article("a%") is None  # LIKE wildcards are literal


def test_search_finds_a_statement_word(store):
    store.save_analysis(full_analysis())
    store.save_analysis(analysis("a1"))
    hits = store.search("renegotiation")
    statement_hits = [h for h in hits if h.kind == "statement"]
    assert [(h.article_id, h.statement_id, h.speaker) for h in statement_hits] == [
        ("a1", "st1", "Yang Moo-jin")
    ]
    assert "\u00abrenegotiation\u00bb" in statement_hits[0].snippet
    assert {h.kind for h in hits} == {"article", "statement"}
    assert hits == sorted(hits, key=lambda h: -h.score)
    assert {h.article_id for h in store.search("troops")} == {"f" * 64}  # stemmed
    # The full article has both words; only its first statement has "troops" alone.
    excluding = store.search("troops -summit")
    assert [(h.kind, h.statement_id) for h in excluding] == [("statement", "st1")]
    assert store.search("") == [] and store.search('"') == []
    assert store.search('renegotiation AND ( NEAR "') is not None  # syntax is inert


# -- pure helpers ----------------------------------------------------------------


def test_same_person_folds_case_diacritics_and_hyphens():
    assert same_person("Yang Moo-jin", "Yang Moojin")
    assert same_person("Yang Moo-jin", "YANG Moo-Jin")
    assert same_person("Kim Jong Un", "Kim Jong-un")
    assert same_person("José Martínez", "Jose Martinez")
    assert same_person("Dr. Victor D. Cha", "Victor Cha")
    assert not same_person("Kim Jung-un", "Kim Yo-jong")
    assert not same_person("Seo", "Seo Jae-min")
    assert not same_person("Seo", "Seo")
    assert person_key("Yang Moo-jin") == person_key("yang  moo\u2010jin") == "yangmoojin"


def test_identify_rules():
    names = ["Seo Jae-min", "Victor Cha"]
    assert identify("Seo", "person", "art1", names) == ("seojaemin", "Seo Jae-min")
    assert identify("Cha", "person", "art1", names) == ("victorcha", "Victor Cha")
    assert identify("Seo", "person", "art1", ["Seo"]) == ("seo@art1", "Seo")
    assert identify("Kim", "person", "a", ["Kim Jong-un", "Kim Yo-jong"]).key == "kim@a"
    assert identify("Experts", "group", "art1", []) == ("experts", "Experts")
    assert identify("Yang Moo-jin", "person", "art1", []).key == "yangmoojin"
    assert shares_surname("Cha", "Victor Cha") and not shares_surname("Jae", "Seo Jae-min")


def test_title_key_ignores_case_and_spacing():
    assert title_key("A  Professor", "UNKS") == title_key("a professor", " unks ")
    assert title_key("professor", None) != title_key(None, "professor")


def test_fts5_query_is_safe_and_websearch_like():
    assert fts5_query("summit talks") == '"summit" AND "talks"'
    assert fts5_query('"cost sharing" or tariffs') == '("cost sharing" OR "tariffs")'
    assert fts5_query("summit -troops") == '"summit" NOT "troops"'
    assert fts5_query('AND ( NEAR "') == '"AND" AND "NEAR"'
    assert fts5_query("-troops") == "" and fts5_query("  ") == ""


def test_a_nested_transaction_rolls_back_alone(store):
    db = store.backend
    with db.transaction():
        store.log_run(command="outer")
        with pytest.raises(RuntimeError), db.transaction():
            store.log_run(command="inner")
            raise RuntimeError("inner fails")
    assert [r.command for r in store.list_runs()] == ["outer"]


def test_sqlite_urls_name_files_as_sqlalchemy_does():
    assert sqlite_path("sqlite:///news.db") == "news.db"
    assert sqlite_path("sqlite:////srv/news.db") == "/srv/news.db"
    assert sqlite_path("sqlite://") == sqlite_path(":memory:") == ":memory:"
    assert sqlite_path("~/news.db") == os.path.expanduser("~/news.db")
