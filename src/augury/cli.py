"""The ``augury`` command line: thin over augury.services and the store."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from augury import __version__, services
from augury.ingest import DEFAULT_MAX_BYTES, IngestProblem, count_inputs
from augury.model import Analysis
from augury.nlp import ModelNotFound
from augury.store.base import HIGHLIGHT, StoreError

console = Console()
err = Console(stderr=True)

# Colours for speakers in `augury show`, in order of first appearance.
SPEAKER_STYLES = [
    "cyan",
    "magenta",
    "green",
    "yellow",
    "blue",
    "red",
    "bright_cyan",
    "bright_magenta",
    "bright_green",
    "bright_yellow",
]


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _open_store(db: str | None):
    from augury.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as e:
        raise click.ClickException(str(e)) from None


db_option = click.option(
    "--db",
    envvar="AUGURY_DB",
    metavar="URL",
    help="Database: a file path, sqlite:///PATH or postgresql://... "
    "[env AUGURY_DB; default: augury.db in the user data folder]",
)
model_option = click.option(
    "--model",
    envvar="AUGURY_MODEL",
    metavar="NAME",
    help="spaCy pipeline to load [env AUGURY_MODEL; default: the bundled en_core_web_sm].",
)
published_option = click.option(
    "--published",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Publication date for every article read (overrides the article's own).",
)
max_bytes_option = click.option(
    "--max-bytes",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Skip input files larger than this.",
)


class AuguryGroup(click.Group):
    """Turns the errors a user can cause into one clear line, not a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (ModelNotFound, StoreError) as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=AuguryGroup)
@click.version_option(__version__, prog_name="augury")
def main() -> None:
    """augury: a ledger of what experts say and predict in the news.

    Read articles, find who said what, store it, search it.
    Start with:  augury ingest examples/   then   augury statements
    """
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def _report_problem(problem: IngestProblem) -> None:
    # Plain text, never wrapped: one problem, one line, easy to grep.
    click.secho("skipped ", fg="yellow", err=True, nl=False)
    click.echo(str(problem), err=True)


# -- analyze -------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table", "markdown"]),
    default="json",
    show_default=True,
)
@model_option
@max_bytes_option
def analyze(paths, published, fmt, model, max_bytes) -> None:
    """Extract who said what from PATHS and print it, without storing anything.

    PATHS are files (.txt .html .jsonl .rss .atom .xml), folders, or - for
    standard input. With --format json one article prints one object and
    several print a JSON array; jsonl prints one object per line.
    """
    problems: list[IngestProblem] = []

    def note(problem: IngestProblem) -> None:
        problems.append(problem)
        _report_problem(problem)

    results = services.read_and_analyze(
        paths,
        published=published,
        model=model,
        max_bytes=max_bytes,
        stdin=sys.stdin,
        on_problem=note,
    )
    if fmt == "jsonl":
        for analysis in results:
            click.echo(json.dumps(analysis.to_dict(), ensure_ascii=False))
    elif fmt == "json":
        items = [a.to_dict() for a in results]
        if items:
            payload = items[0] if len(items) == 1 else items
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        for analysis in results:
            click.echo(_markdown(analysis))
    else:
        for analysis in results:
            _print_statements_table(analysis)
    if problems:
        sys.exit(2)


def _speaker_label(analysis: Analysis, speaker_id: str | None) -> str:
    speaker = analysis.speaker(speaker_id)
    if speaker is None:
        return "(unknown)"
    extra = ", ".join(x for x in (speaker.title, speaker.affiliation) if x)
    return f"{speaker.name} ({extra})" if extra else speaker.name


def _print_statements_table(analysis: Analysis) -> None:
    a = analysis.article
    heading = a.title or a.path or a.id
    date = a.published.isoformat() if a.published else "date unknown"
    table = Table(title=f"{heading} — {date}", show_lines=True, title_justify="left")
    table.add_column("speaker", style="bold", max_width=32)
    table.add_column("kind", width=8)
    table.add_column("statement")
    for st in analysis.statements:
        table.add_row(_speaker_label(analysis, st.speaker), st.kind, st.text)
    console.print(table)
    if analysis.forecasts:
        names = {s.id: s.name for s in analysis.speakers}
        console.print(
            _forecast_table([(names.get(f.speaker), f.to_dict()) for f in analysis.forecasts])
        )


def _markdown(analysis: Analysis) -> str:
    a = analysis.article
    lines = [f"## {a.title or a.path or a.id}", ""]
    lines.append(f"Published: {a.published.isoformat() if a.published else 'unknown'}  ")
    lines.append(f"Article id: `{a.id}`")
    lines.append("")
    lines.append("| speaker | kind | statement |")
    lines.append("|---|---|---|")
    for st in analysis.statements:
        text = st.text.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {_speaker_label(analysis, st.speaker)} | {st.kind} | {text} |")
    if analysis.forecasts:
        lines += [
            "",
            "| speaker | probability | proposition | window | hedge |",
            "|---|---|---|---|---|",
        ]
        for f in analysis.forecasts:
            w = _window_text(f.window.to_dict() if f.window else None)
            prop = f.proposition.replace("|", "\\|")
            lines.append(
                f"| {_speaker_label(analysis, f.speaker)} | {f.probability:.2f} | "
                f"{prop} | {w} | {f.hedge or ''} |"
            )
    return "\n".join(lines) + "\n"


# -- ingest --------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@published_option
@db_option
@model_option
@max_bytes_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option(
    "--processes",
    "-p",
    type=int,
    default=None,
    help="Parser processes [default: 2 for large batches on a multi-core machine].",
)
def ingest(paths, published, db, model, max_bytes, quiet, processes) -> None:
    """Read articles from PATHS, extract who said what, and store it.

    Re-ingesting an article already stored changes nothing; a changed text
    with the same URL is stored as a new version. Exits with status 2 when
    some input was skipped (each is named on standard error).
    """
    store = _open_store(db)
    total = count_inputs(paths)
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, disable=quiet, transient=False) as bar:
        # Files, not articles: a JSONL file or a feed holds many, so the total is a guide.
        task = bar.add_task("ingesting", total=total or None)

        def step(analysis: Analysis | None) -> None:
            bar.advance(task)

        report = services.ingest(
            store,
            paths,
            published=published,
            model=model,
            max_bytes=max_bytes,
            stdin=sys.stdin,
            progress=step,
            n_process=processes,
        )
    for problem in report.problems:
        _report_problem(problem)
    if not quiet:
        click.echo(
            f"stored {report.stored} new article(s), {report.versions} new version(s), "
            f"{report.unchanged} unchanged; {report.statements} statement(s); "
            f"{len(report.problems)} skipped",
            err=True,
        )
    store.close()
    if report.problems:
        sys.exit(2)


# -- reading the ledger ----------------------------------------------------------


@main.command()
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def speakers(db, fmt) -> None:
    """List everyone quoted, with their titles and how often they spoke."""
    store = _open_store(db)
    people = [store.person(p.id) for p in store.list_persons(limit=10_000)]
    if fmt == "json":
        payload = [_plain(p) for p in people]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
        return
    if not people:
        err.print("nobody stored yet (try `augury ingest examples/`)")
        return
    table = Table(show_lines=False)
    for col in ("id", "name", "kind", "titles", "statements", "articles"):
        table.add_column(col)
    for p in people:
        titles = "; ".join(
            ", ".join(x for x in (t.title, t.affiliation) if x)
            for t in p.titles
            if t.title or t.affiliation
        )
        table.add_row(
            str(p.id), escape(p.name), p.kind, escape(titles), str(p.statements), str(p.articles)
        )
    console.print(table)


def said_options(what: str):
    """The options of the commands that list what was said (statements, forecasts)."""

    def decorate(command):
        options = [
            db_option,
            click.option(
                "--speaker", metavar="NAME", help=f"Only {what} by this speaker (name or id)."
            ),
            click.option(
                "--article", metavar="ID", help=f"Only {what} in this article (id or prefix)."
            ),
            click.option("--limit", type=int, default=100, show_default=True),
            click.option("--offset", type=int, default=0),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(["table", "json", "jsonl"]),
                default="table",
                show_default=True,
            ),
        ]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@main.command()
@said_options("statements")
def statements(db, speaker, article, limit, offset, fmt) -> None:
    """List stored statements: who said what, where and when."""
    store = _open_store(db)
    found = store.list_statements(
        **_said_filters(store, speaker, article), limit=limit, offset=offset
    )
    rows = [r.to_dict() for r in found]
    if _print_json(rows, fmt):
        return
    if not rows:
        hint = "" if (speaker or article) else " (try `augury ingest examples/`)"
        err.print("no statements found" + hint)
        return
    table = Table(show_lines=True)
    table.add_column("speaker", style="bold", max_width=28)
    table.add_column("kind", width=8)
    table.add_column("statement")
    table.add_column("article", max_width=30)
    for r in rows:
        where = (
            f"{escape(r['article_title'] or r['article_id'])}\n"
            f"[dim]{r['published'] or 'date unknown'} · {r['article_id'][:10]}[/dim]"
        )
        table.add_row(escape(r["speaker"] or "(unknown)"), r["kind"], escape(r["text"]), where)
    console.print(table)


def _said_filters(store, speaker: str | None, article: str | None) -> dict:
    """Store filters from --speaker (name or id) and --article (id or prefix)."""
    article_id = None
    if article:
        article_id = store.find_article(article)
        if article_id is None:
            raise click.ClickException(f"no article with id {article!r}")
    person = int(speaker) if speaker and speaker.isdigit() else speaker
    return {"person": person, "article_id": article_id}


def _print_json(rows: list[dict], fmt: str) -> bool:
    """Print rows as json or jsonl; False when the format is a table."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    elif fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
    else:
        return False
    return True


@main.command()
@said_options("forecasts")
def forecasts(db, speaker, article, limit, offset, fmt) -> None:
    """List stored forecasts: the proposition, how likely, by when, and who said it."""
    store = _open_store(db)
    found = store.list_forecasts(
        **_said_filters(store, speaker, article), limit=limit, offset=offset
    )
    rows = [r.to_dict() for r in found]
    if _print_json(rows, fmt):
        return
    if not rows:
        err.print("no forecasts found")
        return
    console.print(_forecast_table([(r["speaker"], r) for r in rows], show_article=True))


def _window_text(window: dict | None) -> str:
    if not window or not window.get("end"):
        return "no window"
    text = f"{window['start'] or '?'} → {window['end']}"
    return text + (" (default)" if window.get("defaulted") else "")


def _forecast_table(items, show_article: bool = False) -> Table:
    """Forecasts as a table: (speaker name, forecast dict) pairs."""
    table = Table(show_lines=True)
    table.add_column("speaker", style="bold", max_width=22)
    table.add_column("p", justify="right", width=5)
    table.add_column("proposition")
    table.add_column("window", max_width=26)
    table.add_column("hedge / condition", max_width=30)
    if show_article:
        table.add_column("article", max_width=24)
    for who, f in items:
        hedge = escape(f["hedge"] or "—")
        if f["polarity"] == "negative":
            hedge += " [dim](negated)[/dim]"
        if f.get("condition"):
            hedge += f"\n[italic]{escape(f['condition']['text'])}[/italic]"
        cells = [
            escape(who or "(unknown)"),
            f"{f['probability']:.2f}",
            escape(f["proposition"]),
            _window_text(f.get("window")),
            hedge,
        ]
        if show_article:
            cells.append(
                f"{escape(f.get('article_title') or '')}\n"
                f"[dim]{f.get('published') or 'date unknown'}[/dim]"
            )
        table.add_row(*cells)
    return table


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def search(query, db, limit, fmt) -> None:
    """Full-text search over articles and statements."""
    store = _open_store(db)
    hits = [_plain(h) for h in store.search(query, limit=limit)]
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2, default=str))
        return
    if not hits:
        err.print(f"nothing matches {query!r}")
        return
    table = Table(show_lines=True)
    for col in ("kind", "article", "who", "match"):
        table.add_column(col)
    for h in hits:
        snippet = escape(str(h["snippet"]))
        snippet = snippet.replace(HIGHLIGHT[0], "[bold reverse]").replace(
            HIGHLIGHT[1], "[/bold reverse]"
        )
        where = f"{escape(h['title'] or '')}\n[dim]{h['article_id'][:10]}[/dim]"
        table.add_row(h["kind"], where, escape(h["speaker"] or ""), snippet)
    console.print(table)


@main.command()
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write here instead of standard output.",
)
def export(db, fmt, output) -> None:
    """Export everything: jsonl gives one analysis per article (the analyze
    contract); csv gives one statement per row."""
    store = _open_store(db)
    analyses: Iterable[Analysis] = store.export()
    if fmt == "jsonl":
        for analysis in analyses:
            output.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
        return
    writer = csv.writer(output)
    writer.writerow(
        [
            "article_id",
            "article_title",
            "published",
            "statement_id",
            "speaker",
            "speaker_kind",
            "title",
            "affiliation",
            "kind",
            "cue",
            "text",
            "start",
            "end",
        ]
    )
    for analysis in analyses:
        a = analysis.article
        for st in analysis.statements:
            sp = analysis.speaker(st.speaker)
            writer.writerow(
                [
                    a.id,
                    a.title or "",
                    a.published.isoformat() if a.published else "",
                    st.id,
                    sp.name if sp else "",
                    sp.kind if sp else "",
                    (sp.title or "") if sp else "",
                    (sp.affiliation or "") if sp else "",
                    st.kind,
                    st.cue or "",
                    st.text,
                    st.span[0],
                    st.span[1],
                ]
            )


@main.command()
@click.argument("article_id")
@db_option
def show(article_id, db) -> None:
    """Print an article with its statements marked: content in the speaker's
    colour, the speaker's mention in bold, the cue underlined."""
    store = _open_store(db)
    found = store.find_article(article_id)
    if found is None:
        raise click.ClickException(f"no article with id {article_id!r} (see `augury statements`)")
    analysis = store.get_article(found)
    console.print(render_marked(analysis))


def render_marked(analysis: Analysis) -> Text:
    """The article text with statements, sources and cues styled per speaker."""
    a = analysis.article
    styles = {
        s.id: SPEAKER_STYLES[i % len(SPEAKER_STYLES)] for i, s in enumerate(analysis.speakers)
    }
    out = Text()
    date = a.published.isoformat() if a.published else "date unknown"
    out.append(f"{a.title or a.id}\n", style="bold underline")
    out.append(f"{a.source or ''} {date}  id {a.id}\n\n", style="dim")
    body = Text(a.text)
    for st in analysis.statements:
        style = styles.get(st.speaker or "", "white")
        for start, end in st.segments or [st.span]:
            body.stylize(style, start, end)
        if st.source_span:
            body.stylize(f"bold {style}", *st.source_span)
        if st.cue_span:
            body.stylize("underline", *st.cue_span)
    for q in analysis.quantities:
        body.stylize("reverse", *q.span)
    for f in analysis.forecasts:
        body.stylize("bold underline", *f.span)
    out.append_text(body)
    if analysis.forecasts:
        out.append("\n\nforecasts:\n", style="bold")
        for f in analysis.forecasts:
            who = next((s.name for s in analysis.speakers if s.id == f.speaker), "?")
            window = _window_text(f.window.to_dict() if f.window else None)
            out.append(
                f"  {f.probability:.2f}  {f.proposition}",
                style=styles.get(f.speaker or "", "white"),
            )
            out.append(f"  — {who}; {window}; hedge {f.hedge or 'none'}\n", style="dim")
    out.append("\n\nspeakers:\n", style="bold")
    for s in analysis.speakers:
        extra = ", ".join(x for x in (s.title, s.affiliation) if x)
        out.append(f"  ■ {s.name}", style=styles[s.id])
        out.append(f"  {s.kind}{' — ' + extra if extra else ''}\n", style="dim")
    return out


def _plain(obj) -> dict:
    if isinstance(obj, dict):
        return obj
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if hasattr(obj, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(obj)
    return dict(obj)


# The ledger commands (questions, resolve, suggestions, scores, brief) attach
# themselves to ``main`` when their module is imported.
import augury.ledger.cli  # noqa: E402, F401


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--token",
    envvar="AUGURY_TOKEN",
    metavar="TOKEN",
    help="Writes need this token [env AUGURY_TOKEN; made up and printed when --host is "
    "not loopback and none is given].",
)
@click.option("--private", is_flag=True, help="Reads need the token too.")
@click.option(
    "--max-upload",
    type=int,
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest article (bytes) accepted by the analyze form and API.",
)
def serve(db, host, port, token, private, max_upload) -> None:
    """Serve the web app: every page with its JSON twin under /api/ (see /api).

    Bound to 127.0.0.1 by default, where anyone on this machine may read and
    write. On another address every write (ingest, resolve, merge) needs the token.
    """
    import secrets

    try:
        import uvicorn

        from augury.web import create_app
        from augury.web.security import LOOPBACK_NAMES, is_loopback
    except ImportError as error:
        raise click.ClickException(
            f"The web app needs {error.name}: pip install fastapi uvicorn python-multipart."
        ) from None
    from augury.store import default_url

    loopback = is_loopback(host)
    if private and not token:
        raise click.UsageError("--private needs a token: give --token or set AUGURY_TOKEN.")
    if not loopback and not token:
        token = secrets.token_urlsafe(24)
        err.print(
            f"Listening on {host}: writes need a token. This run's token is [bold]{token}[/]\n"
            "(choose your own with --token or AUGURY_TOKEN)."
        )
    app = create_app(
        db or default_url(),
        token=token,
        public_reads=not private,
        max_upload_bytes=max_upload,
        allowed_hosts=(*LOOPBACK_NAMES, host) if loopback else None,
    )
    shown = f"[{host}]" if ":" in host else host
    err.print(f"augury at http://{shown}:{port}/  (JSON API: /api, Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


if __name__ == "__main__":
    main()
