"""What each page shows, as data: one function per page, shared by HTML and JSON.

Each function takes an open store (and its arguments) and returns the page's
model from ``schemas``; the HTML route renders it and the ``/api/`` route returns
it. All reading goes through ``augury.store`` and ``augury.ledger.service``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from starlette.requests import Request

from augury.ledger import service
from augury.ledger.consensus import side
from augury.ledger.service import QuestionView, Scores
from augury.model import Analysis
from augury.store import Store, StoreError, open_store
from augury.web import schemas as s

log = logging.getLogger("augury.web")


class NotFound(LookupError):
    """The page names something that is not stored (a 404)."""


# -- pagination --------------------------------------------------------------------------

PER_PAGE = 25
MAX_PER_PAGE = 200


def per_page(value: int | None, default: int = PER_PAGE) -> int:
    return max(1, min(value or default, MAX_PER_PAGE))


def pagination(
    request: Request,
    page: int,
    size: int,
    total: int | None = None,
    has_next: bool = False,
    path: str | None = None,
) -> s.Pagination:
    """Where this page stands, with links that keep every other query parameter.

    ``total``: items in the whole list, when counted (then ``has_next`` follows from
    it). ``path``: where the links point, when not at this request's path.
    """
    pages = max(1, -(-total // size)) if total is not None else None
    if pages is not None:
        has_next = page < pages

    def url(n: int) -> str:
        target = request.url.include_query_params(page=n)
        return f"{path or target.path}?{target.query}"

    # Past the end, "previous" leads back to the last page there is.
    back = min(page - 1, pages) if pages is not None else page - 1
    return s.Pagination(
        page=page,
        per_page=size,
        total=total,
        pages=pages,
        has_prev=page > 1,
        has_next=has_next,
        prev_url=url(back) if page > 1 else None,
        next_url=url(page + 1) if has_next else None,
    )


def _offset(page: int, size: int) -> int:
    return (page - 1) * size


def _window(found: list, size: int) -> tuple[list, bool]:
    """A page of ``size`` from ``size + 1`` fetched rows, and whether more exist."""
    return found[:size], len(found) > size


# -- the ledger's derived data, refreshed now and then -----------------------------------


@dataclass
class Snapshot:
    scores: Scores
    by_person: dict[int, list] = field(default_factory=dict)
    made_at: float = 0.0
    generation: int = 0


class Ledger:
    """Keeps questions grouped and scores computed without redoing it on every request.

    A background thread (``start``, run by the app) groups new forecasts into
    questions (``service.regroup``) and recomputes scores every ``every`` seconds,
    so no request waits for that, and articles ingested with the CLI show up. A
    write made through the app makes the next read recompute the scores at once.
    Without the thread (an app used without its lifespan), reads do the same work
    themselves, at most every ``every`` seconds.
    """

    def __init__(self, db_url: str, every: float = 30.0) -> None:
        self.db_url = db_url
        self.every = every
        self._regroup_lock = threading.Lock()
        self._compute_lock = threading.Lock()
        self._regrouped = time.monotonic()  # create_app has just regrouped
        self._generation = 0
        self._snapshot: Snapshot | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- the background thread

    def start(self) -> None:
        if self._thread is None and self.every > 0:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="augury-ledger", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                with open_store(self.db_url) as store:  # this thread's own connection
                    self._regroup(store)
                    self._compute(store, force=True)
            except Exception:  # keep serving what is there; say why in the log
                log.exception("refreshing the ledger failed")

    @property
    def background(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- called by requests

    def changed(self) -> None:
        """A write went through: the next read recomputes the scores."""
        with self._compute_lock:
            self._generation += 1
            self._snapshot = None

    def refresh(self, store: Store) -> None:
        """Group new forecasts into questions, if no thread does it and it is time."""
        if self.background or time.monotonic() - self._regrouped < self.every:
            return
        self._regroup(store, wait=False)

    def snapshot(self, store: Store) -> Snapshot:
        """Scores and each person's forecasts in questions, up to date with this app's writes."""
        found = self._snapshot
        if found is not None and found.generation == self._generation:
            if self.background or time.monotonic() - found.made_at < self.every:
                return found
        return self._compute(store)

    # -- the work

    def _regroup(self, store: Store, wait: bool = True) -> None:
        if not self._regroup_lock.acquire(blocking=wait):
            return  # another thread is at it; this request reads what is there
        try:
            result = service.regroup(store)
            self._regrouped = time.monotonic()
            if result.new_questions or result.assigned or result.expired:
                self.changed()
        finally:
            self._regroup_lock.release()

    def _compute(self, store: Store, force: bool = False) -> Snapshot:
        with self._compute_lock:
            generation = self._generation
            found = self._snapshot
            if not force and found is not None and found.generation == generation:
                if self.background or time.monotonic() - found.made_at < self.every:
                    return found  # another thread made it while this one waited
        # Computed outside the lock, so that a write (``changed``) never waits for it.
        scores = service.scores(store)
        by_person: dict[int, list] = defaultdict(list)
        for m in store.question_members():
            if m.person_id is not None:
                by_person[m.person_id].append(m)
        made = Snapshot(scores, dict(by_person), time.monotonic(), generation)
        with self._compute_lock:
            if generation == self._generation:
                self._snapshot = made
        return made


# -- conversions ------------------------------------------------------------------------


def analysis_out(analysis: Analysis, persons: dict[str, int] | None = None) -> dict:
    data = analysis.to_dict()
    for speaker in data["speakers"]:
        speaker["person_id"] = (persons or {}).get(speaker["id"])
    return data


def statement_row(row) -> s.StatementRowOut:
    return s.StatementRowOut(**row.to_dict())


def forecast_row(row) -> s.ForecastRowOut:
    return s.ForecastRowOut(**row.to_dict())


_MEMBER_FIELDS = [name for name in s.MemberOut.model_fields if name != "side"]


def member(m) -> s.MemberOut:
    # Attribute by attribute: dataclasses.asdict deep-copies and costs ten times more.
    return s.MemberOut(
        **{name: getattr(m, name) for name in _MEMBER_FIELDS}, side=side(m.probability)
    )


def question(view: QuestionView) -> s.QuestionOut:
    q, agreed = view.question, view.consensus
    return s.QuestionOut(
        id=q.id,
        title=q.title,
        proposition=q.proposition,
        condition=q.condition,
        window_start=q.window_start,
        window_end=q.window_end,
        status=q.status,
        locked_by_person=q.locked_by_person,
        forecasts=q.forecasts,
        outcome=q.outcome,
        resolved_on=q.resolved_on,
        consensus=agreed.to_dict() if agreed else None,
        divided=view.divided,
        experts=list(dict.fromkeys(f.expert for f in view.forecasts)),
    )


def card(c) -> s.ScoreCardOut:
    return s.ScoreCardOut(**c.to_dict())


def person(detail, store: Store | None = None) -> s.PersonOut:
    """A person; with ``store``, each title is dated by the article that gave it."""
    titles = []
    for t in detail.titles:
        published = None
        if store is not None and t.article_id:
            found = store.list_statements(article_id=t.article_id, limit=1)
            published = found[0].published if found else None
        titles.append(s.PersonTitleOut(**t.__dict__, published=published))
    if store is not None:  # in the order the articles came out
        titles.sort(key=lambda t: (t.published is None, t.published or dt.date.min))
    return s.PersonOut(
        id=detail.id,
        name=detail.name,
        kind=detail.kind,
        statements=detail.statements,
        articles=detail.articles,
        titles=titles,
        names=detail.names,
    )


def _views(store: Store, rows: list) -> list[QuestionView]:
    members: dict[int, list] = defaultdict(list)
    for m in store.question_members([q.id for q in rows]):
        members[m.question_id].append(m)
    return [QuestionView(q, members[q.id]) for q in rows]


# -- pages --------------------------------------------------------------------------------


def top_experts(scores: Scores, most: int = 5) -> list:
    """The best Brier scores among experts with the most resolved forecasts."""
    experts = [c for c in scores.experts if c.resolved and c.brier is not None]
    floor = 2 if sum(c.resolved >= 2 for c in experts) >= 3 else 1
    ranked = sorted(
        (c for c in experts if c.resolved >= floor), key=lambda c: (c.brier, -c.resolved, c.name)
    )
    return ranked[:most]


def home(store: Store, ledger: Ledger) -> s.HomePage:
    ledger.refresh(store)
    snap = ledger.snapshot(store)
    closing = _views(store, store.list_questions(status="open", limit=6))
    resolved = []
    for r in store.current_resolutions()[:6]:
        q = store.get_question(r.question_id)
        if q is not None:
            resolved.append(
                s.ResolvedOut(
                    question_id=q.id,
                    title=q.title,
                    outcome=r.outcome,
                    resolved_on=r.resolved_on,
                    evidence=r.evidence,
                )
            )
    return s.HomePage(
        counts=store.counts(),
        recent_articles=[a.__dict__ for a in store.list_articles(limit=8)],
        closing_questions=[question(v) for v in closing],
        awaiting_resolution=store.count_questions(status="expired"),
        recently_resolved=resolved,
        top_experts=[card(c) for c in top_experts(snap.scores)],
    )


def articles(store: Store, request: Request, page: int, size: int) -> s.ArticleListPage:
    found = store.list_articles(limit=size, offset=_offset(page, size))
    return s.ArticleListPage(
        articles=[a.__dict__ for a in found],
        pagination=pagination(request, page, size, store.count_articles()),
    )


def article(store: Store, ref: str) -> tuple[Analysis, s.ArticlePage]:
    try:
        found = store.find_article(ref)
    except StoreError as error:
        raise NotFound(str(error)) from None
    analysis = store.get_article(found) if found else None
    if analysis is None:
        raise NotFound(f"No article with id {ref!r}.")
    persons: dict[str, int] = {}
    for row in store.list_statements(article_id=analysis.article.id, limit=10_000):
        if row.person_id is not None and row.statement.speaker:
            persons[row.statement.speaker] = row.person_id
    for row in store.list_forecasts(article_id=analysis.article.id, limit=10_000):
        if row.person_id is not None and row.forecast.speaker:
            persons.setdefault(row.forecast.speaker, row.person_id)
    data = analysis_out(analysis, persons)
    questions = store.questions_for_article(analysis.article.id)
    for forecast in data["forecasts"]:
        question_id, title = questions.get(forecast["id"], (None, None))
        forecast.update(question_id=question_id, question_title=title)
    return analysis, s.ArticlePage(**data)


def speakers(
    store: Store, request: Request, kind: str | None, page: int, size: int
) -> s.SpeakerListPage:
    found = store.list_persons(kind=kind or None, limit=size, offset=_offset(page, size))
    return s.SpeakerListPage(
        speakers=[p.__dict__ for p in found],
        kind=kind or None,
        pagination=pagination(request, page, size, store.count_persons(kind or None)),
    )


def _person(store: Store, ref: int | str):
    found = store.person(ref)
    if found is None:
        raise NotFound(f"No speaker {ref!r}.")
    return found


SPEAKER_LATEST = 10  # articles, statements and forecasts on a speaker's page


def speaker(store: Store, ledger: Ledger, person_id: int) -> s.SpeakerPage:
    detail = _person(store, person_id)
    ledger.refresh(store)
    snap = ledger.snapshot(store)
    record = next((c for c in snap.scores.experts if c.person_id == detail.id), None)
    mine = snap.by_person.get(detail.id, [])
    scored = [
        m
        for m in mine
        if m.outcome in ("yes", "no")
        and not (m.published and m.resolved_on and m.published > m.resolved_on)
    ]
    latest = store.list_statements(person=detail.id, limit=SPEAKER_LATEST)
    return s.SpeakerPage(
        speaker=person(detail, store),
        articles=[a.__dict__ for a in store.person_articles(detail.id, limit=SPEAKER_LATEST)],
        statements=[statement_row(r) for r in latest],
        forecasts=[
            forecast_row(r) for r in store.list_forecasts(person=detail.id, limit=SPEAKER_LATEST)
        ],
        track_record=card(record) if record else None,
        scored=[member(m) for m in scored],
        awaiting=sum(m.outcome is None for m in mine),
    )


def speaker_articles(
    store: Store, request: Request, person_id: int, page: int, size: int
) -> s.SpeakerArticleListPage:
    detail = _person(store, person_id)
    found = store.person_articles(detail.id, limit=size, offset=_offset(page, size))
    return s.SpeakerArticleListPage(
        speaker=person(detail),
        articles=[a.__dict__ for a in found],
        pagination=pagination(request, page, size, detail.articles),
    )


def speaker_statements(
    store: Store, request: Request, person_id: int, page: int, size: int
) -> s.StatementListPage:
    detail = _person(store, person_id)
    found = store.list_statements(person=detail.id, limit=size, offset=_offset(page, size))
    return s.StatementListPage(
        speaker=person(detail),
        statements=[statement_row(r) for r in found],
        pagination=pagination(request, page, size, detail.statements),
    )


def speaker_forecasts(
    store: Store, request: Request, person_id: int, page: int, size: int
) -> s.ForecastListPage:
    detail = _person(store, person_id)
    found = store.list_forecasts(person=detail.id, limit=size, offset=_offset(page, size))
    return s.ForecastListPage(
        speaker=person(detail),
        forecasts=[forecast_row(r) for r in found],
        pagination=pagination(request, page, size, store.count_forecasts(person=detail.id)),
    )


def questions(
    store: Store,
    ledger: Ledger,
    request: Request,
    filters: s.QuestionFilters,
    page: int,
    size: int,
) -> s.QuestionListPage:
    """Questions by status, topic, speaker and window, paged; all filtering in SQL."""
    service.check_status(filters.status)
    ledger.refresh(store)
    person_id = None
    if filters.speaker:
        ref = filters.speaker.strip()
        who = store.person(ref)
        if who is None:
            raise StoreError(f"No speaker called {ref!r} is stored; see the speakers list.")
        person_id = who.id
    criteria = dict(
        status=filters.status,
        topic=filters.topic,
        person_id=person_id,
        ends_after=filters.ends_after,
        ends_before=filters.ends_before,
    )
    found = store.list_questions(**criteria, limit=size, offset=_offset(page, size))
    return s.QuestionListPage(
        questions=[question(v) for v in _views(store, found)],
        filters=filters,
        pagination=pagination(request, page, size, store.count_questions(**criteria)),
    )


def question_page(
    store: Store,
    ledger: Ledger,
    request: Request,
    question_id: int,
    page: int = 1,
    size: int = PER_PAGE,
    path: str | None = None,
) -> tuple[QuestionView, s.QuestionPage]:
    """A question with a page of its forecasts (oldest first).

    The consensus, the list of experts and the timeline are over every forecast, so
    all of them are read (one query); only the table of forecasts is paged.
    """
    ledger.refresh(store)
    try:
        view = service.get_question(store, question_id)
    except StoreError as error:
        raise NotFound(str(error)) from None
    shown = view.forecasts[_offset(page, size) : _offset(page, size) + size]
    return view, s.QuestionPage(
        question=question(view),
        forecasts=[member(m) for m in shown],
        pagination=pagination(request, page, size, len(view.forecasts), path=path),
        resolutions=[r.to_dict() for r in store.resolution_history(question_id)],
        suggestions=[
            x.to_dict() for x in store.list_suggestions("pending", question_id=question_id)
        ],
        edits=[e.to_dict() for e in store.question_edits(question_id)],
    )


def suggestions(store: Store, request: Request, page: int, size: int) -> s.SuggestionListPage:
    found = store.list_suggestions("pending", limit=size, offset=_offset(page, size))
    return s.SuggestionListPage(
        suggestions=[x.to_dict() for x in found],
        pagination=pagination(request, page, size, store.count_suggestions("pending")),
    )


def scores(
    store: Store, ledger: Ledger, request: Request, latest_only: bool, page: int, size: int
) -> s.ScoresPage:
    ledger.refresh(store)
    found = service.scores(store, latest_only) if latest_only else ledger.snapshot(store).scores
    chunk = found.experts[_offset(page, size) : _offset(page, size) + size]
    return s.ScoresPage(
        latest_only=latest_only,
        overall=card(found.overall),
        experts=[card(c) for c in chunk],
        groups=[card(c) for c in found.groups],
        void=found.void,
        unresolved=len(found.unresolved),
        pagination=pagination(request, page, size, len(found.experts)),
    )


def search(store: Store, request: Request, query: str, page: int, size: int) -> s.SearchPage:
    # Ranked hits are not counted: the page reads one more than it shows to know of a next.
    hits = store.search(query, limit=page * size + 1) if query.strip() else []
    chunk, more = _window(hits[_offset(page, size) :], size)
    return s.SearchPage(
        query=query,
        hits=[h.__dict__ for h in chunk],
        pagination=pagination(request, page, size, has_next=more),
    )


def today() -> dt.date:
    return dt.date.today()
