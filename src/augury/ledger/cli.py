"""The ledger's commands: questions, resolve, suggestions, scores, brief.

Thin over ``augury.ledger.service``. Every command first puts new forecasts into
questions (``service.regroup``), so what it shows is up to date. The commands
attach themselves to ``augury.cli.main`` at the end of this module; importing
either module first works.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import click
from rich.markup import escape
from rich.table import Table

from augury.cli import _date, _open_store, console, db_option, err, main
from augury.ledger import service
from augury.ledger.charts import ChartError, calibration_chart
from augury.store import StoreError

by_option = click.option("--by", metavar="NAME", help="Who did it [default: your user name].")


def _format(*choices: str):
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True
    )


@contextmanager
def _ledger(db: str | None, regroup: bool = True):
    """An open store, new forecasts grouped, and user errors as one clear line."""
    store = _open_store(db)
    try:
        if regroup:
            service.regroup(store)
        yield store
    except (StoreError, ChartError) as error:
        raise click.ClickException(str(error)) from None
    finally:
        store.close()


def _json(payload) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


def _pct(p: float | None) -> str:
    return "–" if p is None else f"{round(100 * p)}%"


def _status(status: str) -> str:
    return "expired, awaiting resolution" if status == "expired" else status


# -- questions -----------------------------------------------------------------------


@click.group(invoke_without_command=True)
@click.option("--status", type=click.Choice(service.STATUSES), help="Only questions in this state.")
@click.option("--topic", metavar="TEXT", help="Only questions whose words contain TEXT.")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--offset", type=int, default=0)
@_format("table", "json")
@db_option
@click.pass_context
def questions(ctx, status, topic, limit, offset, fmt, db) -> None:
    """List forecast questions: consensus, spread, and whether experts are divided.

    Subcommands change them by hand (grouping never undoes this):
    show, merge, split, rename.
    """
    if ctx.invoked_subcommand:
        return
    with _ledger(db) as store:
        views = service.list_questions(store, status, topic, limit, offset)
        if fmt == "json":
            _json([v.to_dict() for v in views])
            return
        if not views:
            err.print("no questions yet (forecasts are grouped into questions as they arrive)")
            return
        table = Table(show_lines=True)
        for column in ("id", "question", "status", "forecasts", "consensus", "spread"):
            table.add_column(column)
        for v in views:
            agreed, q = v.consensus, v.question
            state = _status(q.status) + (f": {q.outcome} on {q.resolved_on}" if q.outcome else "")
            table.add_row(
                str(q.id),
                escape(q.title) + ("\n[bold yellow]experts divided[/]" if v.divided else ""),
                state,
                str(len(v.forecasts)),
                _pct(agreed.median if agreed else None),
                f"{_pct(agreed.low)}–{_pct(agreed.high)}" if agreed else "–",
            )
        console.print(table)


@questions.command("show")
@click.argument("question_id", type=int)
@_format("table", "json")
@db_option
def show_question(question_id, fmt, db) -> None:
    """One question: every forecast in it, its resolutions and the edits people made."""
    with _ledger(db) as store:
        view = service.get_question(store, question_id)
        history = store.resolution_history(question_id)
        edits = store.question_edits(question_id)
        if fmt == "json":
            _json(
                view.to_dict()
                | {
                    "resolutions": [r.to_dict() for r in history],
                    "edits": [e.to_dict() for e in edits],
                }
            )
            return
        q, agreed = view.question, view.consensus
        console.print(f"[bold]Q{q.id}. {escape(q.title)}[/bold]  ({_status(q.status)})")
        console.print(
            f"window {q.window_start or '?'} to {q.window_end or '?'}; consensus "
            f"{_pct(agreed.median if agreed else None)}"
            + (" — [bold yellow]experts divided[/]" if view.divided else "")
        )
        table = Table(show_lines=True)
        for column in ("forecast", "expert", "p(yes)", "said", "article"):
            table.add_column(column)
        for f in view.forecasts:
            said = escape(f.text) + (f"\n[dim]({f.stance})[/dim]" if f.stance else "")
            table.add_row(
                f"{f.article_id[:10]}:{f.forecast_local_id}",
                escape(f.expert),
                _pct(f.probability) + (" (inv.)" if f.inverted else ""),
                said,
                f"{escape(f.article_title or '')}\n[dim]{f.published or '?'}[/dim]",
            )
        console.print(table)
        for r in history:
            mark = "current" if r.is_current else f"superseded by #{r.superseded_by}"
            console.print(
                f"resolution #{r.id}: {r.outcome} on {r.resolved_on} by "
                f"{escape(r.resolved_by)} ({mark}): {escape(r.evidence)}"
            )
        for e in edits:
            console.print(
                f"[dim]{e.edited_at:%Y-%m-%d} {escape(e.edited_by)} {e.action}: "
                f"{escape(json.dumps(e.detail, ensure_ascii=False))}[/dim]"
            )


@questions.command("merge")
@click.argument("keep", type=int)
@click.argument("other", type=int)
@by_option
@db_option
def merge(keep, other, by, db) -> None:
    """Merge question OTHER into KEEP (they ask the same thing)."""
    with _ledger(db) as store:
        moved = service.merge_questions(store, keep, other, by)
        click.echo(f"merged question {other} into {keep} ({moved} forecasts moved)")


@questions.command("split")
@click.argument("question_id", type=int)
@click.option(
    "--forecast",
    "forecasts",
    multiple=True,
    required=True,
    metavar="ARTICLE:ID",
    help="A forecast to move (as `questions show` lists it); repeat for more.",
)
@click.option("--title", help="Title of the new question [default: made from its proposition].")
@by_option
@db_option
def split(question_id, forecasts, title, by, db) -> None:
    """Move some forecasts of a question into a new question of their own."""
    with _ledger(db) as store:
        new_id = service.split_question(store, question_id, forecasts, title, by)
        click.echo(f"moved {len(forecasts)} forecasts from question {question_id} to {new_id}")


@questions.command("rename")
@click.argument("question_id", type=int)
@click.argument("title")
@by_option
@db_option
def rename(question_id, title, by, db) -> None:
    """Give a question a clearer title."""
    with _ledger(db) as store:
        service.rename_question(store, question_id, title, by)
        click.echo(f"question {question_id} is now: {title}")


# -- resolutions ---------------------------------------------------------------------


@click.command()
@click.argument("question_id", metavar="QUESTION", type=int)
@click.option("--outcome", type=click.Choice(service.OUTCOMES), required=True)
@click.option(
    "--on",
    "on",
    callback=_date,
    required=True,
    metavar="YYYY-MM-DD",
    help="When it resolved (the day the event happened or the window closed).",
)
@click.option(
    "--evidence",
    required=True,
    metavar="TEXT_OR_URL",
    help="What shows it: a sentence, a note or a URL.",
)
@by_option
@db_option
def resolve(question_id, outcome, on, evidence, by, db) -> None:
    """Resolve QUESTION yes, no or void; resolving again corrects it (history is kept)."""
    with _ledger(db) as store:
        before = store.get_question(question_id)
        made = service.resolve(store, question_id, outcome, on, evidence, by)
        verb = f"corrected (was {before.outcome})" if before and before.outcome else "resolved"
        click.echo(
            f"question {question_id} {verb}: {made.outcome} on {made.resolved_on} "
            f"by {made.resolved_by}"
        )


@click.command()
@click.option("--accept", type=int, metavar="ID", help="Accept suggestion ID as the resolution.")
@click.option("--reject", type=int, metavar="ID", help="Reject suggestion ID.")
@click.option(
    "--since",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Only scan articles published since this day.",
)
@by_option
@_format("table", "json")
@db_option
def suggestions(accept, reject, since, by, fmt, db) -> None:
    """Suggested resolutions found in later articles; accept or reject them by id."""
    if accept and reject:
        raise click.UsageError("Give --accept or --reject, not both.")
    with _ledger(db) as store:
        if accept:
            made = service.accept_suggestion(store, accept, by)
            click.echo(
                f"question {made.question_id} resolved {made.outcome} on "
                f"{made.resolved_on} from suggestion {accept}"
            )
            return
        if reject:
            service.reject_suggestion(store, reject, by)
            click.echo(f"suggestion {reject} rejected")
            return
        pending = service.suggest_resolutions(store, since)
        if fmt == "json":
            _json([s.to_dict() for s in pending])
            return
        if not pending:
            err.print("no suggested resolutions pending")
            return
        table = Table(show_lines=True)
        for column in ("id", "question", "outcome", "confidence", "evidence", "article"):
            table.add_column(column)
        for s in pending:
            table.add_row(
                str(s.id),
                f"Q{s.question_id}. {escape(s.question_title)}",
                s.outcome,
                f"{s.confidence:.2f}",
                escape(s.sentence) + f"\n[dim]{s.reason}[/dim]",
                f"{escape(s.article_title or s.article_id[:10])}\n[dim]{s.published or '?'}[/dim]",
            )
        console.print(table)


# -- scores and briefings --------------------------------------------------------------


@click.command()
@_format("table", "json")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Also draw the calibration chart (.png or .svg).",
)
@click.option(
    "--latest-only", is_flag=True, help="Count only each expert's latest forecast per question."
)
@db_option
def scores(fmt, chart, latest_only, db) -> None:
    """Brier, log and baseline scores and calibration, per expert and per group."""
    with _ledger(db) as store:
        found = service.scores(store, latest_only)
        if chart:
            top = [c for c in found.experts if c.resolved >= 5][:4]
            calibration_chart([found.overall, *top], chart)
            err.print(f"calibration chart written to {chart}")
        if fmt == "json":
            _json(found.to_dict())
            return
        table = Table(title="Resolved forecasts (void left out)")
        for column in ("who", "kind", "resolved", "Brier ↓", "log score ↑", "baseline ↑"):
            table.add_column(column)
        for card in [found.overall, *found.experts, *found.groups]:
            table.add_row(
                escape(card.name),
                card.kind,
                str(card.resolved),
                *(f"{v:.3f}" if v is not None else "–" for v in (card.brier, card.log_score)),
                f"{card.baseline:.1f}" if card.baseline is not None else "–",
            )
        console.print(table)
        console.print(f"{len(found.unresolved)} forecasts await resolution; {found.void} void.")


@click.command()
@click.option("--topic", metavar="TEXT", help="Only questions whose words contain TEXT.")
@click.option(
    "--since",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Only questions with forecasts, and resolutions, since this day.",
)
@click.option("--format", "fmt", type=click.Choice(["markdown", "html"]), required=True)
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write to this file [default: standard output].",
)
@db_option
def brief(topic, since, fmt, output, db) -> None:
    """A briefing: open questions with consensus and the experts on each side, what
    resolved recently and who got it right, with links back to the articles."""
    with _ledger(db) as store:
        output.write(service.brief(store, topic, since, fmt))
        if output is not sys.stdout and output.name != "<stdout>":
            err.print(f"briefing written to {output.name}")


COMMANDS = (questions, resolve, suggestions, scores, brief)


def attach(group: click.Group) -> click.Group:
    """Add the ledger commands to a click group."""
    for command in COMMANDS:
        group.add_command(command)
    return group


attach(main)
