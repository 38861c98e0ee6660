"""Services shared by the command line and the web app: read, analyse, store.

Both front ends are thin: they parse their arguments, call one of these
functions and present what it returns.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from augury import nlp as nlp_mod
from augury.ingest import DEFAULT_MAX_BYTES, IngestProblem, read_paths
from augury.model import Analysis, Article
from augury.pipeline import analyze_many

# Below this many articles a second process costs more than it saves.
_PARALLEL_FROM = 24


@dataclass
class IngestReport:
    """What one ingest run did."""

    stored: int = 0
    unchanged: int = 0
    versions: int = 0
    statements: int = 0
    problems: list[IngestProblem] = field(default_factory=list)

    @property
    def read(self) -> int:
        return self.stored + self.unchanged + self.versions


def default_processes(n_articles: int) -> int:
    """Use both cores of a small machine for a batch big enough to pay for it."""
    if n_articles < _PARALLEL_FROM:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def analyze_articles(
    articles: Iterable[Article],
    model: str | None = None,
    n_process: int = 1,
) -> Iterator[Analysis]:
    """Analyse articles in order, parsing them in batches."""
    nlp = nlp_mod.load(model)
    yield from analyze_many(articles, nlp, n_process=n_process)


def read_and_analyze(
    paths: Sequence[str],
    published: dt.date | None = None,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
    on_problem: Callable[[IngestProblem], None] | None = None,
    n_process: int | None = None,
) -> Iterator[Analysis]:
    """Read inputs and analyse every article; problems go to ``on_problem``."""
    articles: list[Article] = []
    for item in read_paths(paths, published=published, max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, IngestProblem):
            if on_problem:
                on_problem(item)
        else:
            articles.append(item)
    procs = n_process if n_process is not None else default_processes(len(articles))
    yield from analyze_articles(articles, model=model, n_process=procs)


def ingest(
    store,
    paths: Sequence[str],
    published: dt.date | None = None,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
    progress: Callable[[Analysis | None], None] | None = None,
    n_process: int | None = None,
) -> IngestReport:
    """Read, analyse and store articles; each article is saved in its own transaction.

    Articles already stored (same content hash) are not parsed again, so a
    re-run after an interruption only does the work that is left.
    """
    report = IngestReport()
    model_name = nlp_mod.model_name(model)
    run_id = store.log_run(model=model_name, command="ingest " + " ".join(paths))
    fresh: list[Article] = []
    for item in read_paths(paths, published=published, max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, IngestProblem):
            report.problems.append(item)
            if progress:
                progress(None)
        elif store.find_article(item.id) == item.id:
            report.unchanged += 1  # already stored: nothing to parse
            if progress:
                progress(None)
        else:
            fresh.append(item)
    procs = n_process if n_process is not None else default_processes(len(fresh))
    for analysis in analyze_articles(fresh, model=model, n_process=procs):
        result = store.save_analysis(analysis, model=model_name, run_id=run_id)
        if result.status == "unchanged":
            report.unchanged += 1
        elif result.status == "version":
            report.versions += 1
            report.statements += len(analysis.statements)
        else:
            report.stored += 1
            report.statements += len(analysis.statements)
        if progress:
            progress(analysis)
    store.finish_run(
        run_id,
        problems=[str(p) for p in report.problems],
        counts={"read": report.read, "unchanged": report.unchanged, "failed": len(report.problems)},
        status="ok" if not report.problems else "partial",
    )
    return report
