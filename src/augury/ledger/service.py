"""What the command line and the web app call to work the forecast ledger.

Each function takes an open ``Store``; the store does the SQL, the modules of
``augury.ledger`` do the thinking (grouping, resolution, scoring, briefs).
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from augury.ledger import brief as briefing
from augury.ledger.consensus import Consensus, consensus, divided, side, stance, statement_context
from augury.ledger.grouping import ForecastItem, QuestionDraft, group, question_title
from augury.ledger.propositions import proposition_key
from augury.ledger.resolution import Target, suggest
from augury.ledger.scoring import ScoreCard, score_card
from augury.store import Store, StoreError, rows
from augury.store.ledger import (
    MemberRow,
    Membership,
    NewQuestion,
    QuestionRow,
    ResolutionRow,
    SuggestionRow,
    bulk,
)

OUTCOMES = ("yes", "no", "void")
STATUSES = ("open", "expired", "resolved")


def _who(by: str | None) -> str:
    if by and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


# -- questions ---------------------------------------------------------------------


@dataclass
class RegroupResult:
    new_questions: int
    assigned: int
    expired: int

    def to_dict(self) -> dict[str, int]:
        return {
            "new_questions": self.new_questions,
            "assigned": self.assigned,
            "expired": self.expired,
        }


def regroup(store: Store, today: dt.date | None = None) -> RegroupResult:
    """Put forecasts that are in no question yet into questions; never moves one that is.

    Questions a person merged, split or renamed keep what the person did: their
    forecasts stay, their title stays; new forecasts may still join them.
    """
    found = store.unassigned_forecasts()
    assigned = new = 0
    if found:
        drafts = _drafts(store)
        items = [
            ForecastItem(
                r["article_id"],
                r["local_id"],
                r["proposition"],
                rows.to_date(r["window_end"]),
                rows.to_date(r["window_start"]) or rows.to_date(r["published"]),
                r["condition_text"],
            )
            for r in found
        ]
        starts = {id(d): d.window_start for d in drafts}
        made, assignments = group(items, drafts)
        texts = store.article_texts(r["article_id"] for r in found)
        by_ref = {(r["article_id"], r["local_id"]): r for r in found}
        index = {id(q): i for i, q in enumerate(made)}
        memberships = []
        for a in assignments:
            r = by_ref[a.item.article_id, a.item.local_id]
            probability = float(r["probability"])
            start = r["statement_start"] if r["statement_start"] is not None else r["span_start"]
            end = r["statement_end"] if r["statement_end"] is not None else r["span_end"]
            memberships.append(
                Membership(
                    a.item.article_id,
                    a.item.local_id,
                    1 - probability if a.inverted else probability,
                    a.inverted,
                    stance(statement_context(texts.get(a.item.article_id, ""), start, end)),
                    round(a.similarity, 4),
                    a.question.id,
                    index.get(id(a.question)),
                )
            )
        store.save_grouping(
            [
                NewQuestion(
                    q.title, q.proposition, str(q.key), q.condition, q.window_start, q.window_end
                )
                for q in made
            ],
            memberships,
            {
                d.id: d.window_start
                for d in drafts
                if d.id is not None and d.window_start and d.window_start != starts[id(d)]
            },
        )
        assigned, new = len(assignments), len(made)
    expired = store.refresh_question_status(today or dt.date.today())
    return RegroupResult(new, assigned, expired)


def _drafts(store: Store) -> list[QuestionDraft]:
    questions, members = store.grouping_index()
    drafts = {
        r["id"]: QuestionDraft(
            r["proposition"],
            rows.to_date(r["window_end"]),
            rows.to_date(r["window_start"]),
            r["condition_text"],
            r["id"],
        )
        for r in questions
    }
    for m in members:
        draft = drafts.get(m["question_id"])
        if draft is not None:
            draft.add(proposition_key(m["proposition"]), bool(m["inverted"]))
    return list(drafts.values())


@dataclass
class QuestionView:
    """A question with its forecasts, their consensus, and who is on which side."""

    question: QuestionRow
    forecasts: list[MemberRow] = field(default_factory=list)

    @property
    def consensus(self) -> Consensus | None:
        return consensus([f.probability for f in self.forecasts])

    @property
    def divided(self) -> bool:
        return divided([f.probability for f in self.forecasts], [f.stance for f in self.forecasts])

    def side(self, name: str) -> list[MemberRow]:
        return [f for f in self.forecasts if side(f.probability) == name]

    def to_dict(self) -> dict:
        found = self.consensus
        return self.question.to_dict() | {
            "consensus": found.to_dict() if found else None,
            "divided": self.divided,
            "forecasts": [f.to_dict() | {"side": side(f.probability)} for f in self.forecasts],
        }


def list_questions(
    store: Store,
    status: str | None = None,
    topic: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    *,
    person_id: int | None = None,
    ends_after: dt.date | None = None,
    ends_before: dt.date | None = None,
) -> list[QuestionView]:
    """Questions with their forecasts and consensus; status is open, expired or resolved.

    ``person_id``: only questions with a forecast by that person; ``ends_after`` and
    ``ends_before``: only windows ending on or after/before those days.
    """
    check_status(status)
    found = store.list_questions(
        status=status,
        topic=topic,
        limit=limit,
        offset=offset,
        person_id=person_id,
        ends_after=ends_after,
        ends_before=ends_before,
    )
    return _views(store, found)


def check_status(status: str | None) -> None:
    """A clear error for a question status that is not open, expired or resolved."""
    if status and status not in STATUSES:
        raise StoreError(f"Unknown status {status!r}: use one of {', '.join(STATUSES)}.")


def get_question(store: Store, question_id: int) -> QuestionView:
    """One question with its forecasts; a clear error when there is none."""
    found = store.get_question(question_id)
    if found is None:
        raise StoreError(f"No question {question_id}; see `augury questions`.")
    return _views(store, [found])[0]


def _views(store: Store, questions: Sequence[QuestionRow]) -> list[QuestionView]:
    members: dict[int, list[MemberRow]] = defaultdict(list)
    for m in store.question_members([q.id for q in questions]):
        members[m.question_id].append(m)
    return [QuestionView(q, members[q.id]) for q in questions]


def merge_questions(store: Store, keep: int, other: int, by: str | None = None) -> int:
    """Merge question ``other`` into ``keep`` (a person's decision; grouping keeps it)."""
    kept, gone = store.get_question(keep), store.get_question(other)
    if kept is None or gone is None:
        raise StoreError(f"No question {other if kept else keep}; see `augury questions`.")
    flip = proposition_key(kept.proposition).negated != proposition_key(gone.proposition).negated
    return store.merge_questions(keep, other, flip, _who(by))


def split_question(
    store: Store,
    question_id: int,
    forecasts: Iterable[str],
    title: str | None = None,
    by: str | None = None,
) -> int:
    """Move forecasts (``ARTICLE:LOCAL_ID``, article id prefix allowed) into a new question."""
    members = store.question_members([question_id])
    chosen: list[MemberRow] = []
    for ref in forecasts:
        article, _, local = ref.partition(":")
        hits = [
            m for m in members if m.article_id.startswith(article) and m.forecast_local_id == local
        ]
        if len(hits) != 1:
            raise StoreError(
                f"{ref!r} names {'no' if not hits else 'more than one'} forecast of question "
                f"{question_id}; give ARTICLE_ID:FORECAST_ID as `augury questions show` lists them."
            )
        chosen.append(hits[0])
    if not chosen:
        raise StoreError("Name the forecasts to move: --forecast ARTICLE_ID:FORECAST_ID.")
    first = chosen[0]
    negated = proposition_key(first.proposition).negated
    moves = []
    for m in chosen:
        inverted = proposition_key(m.proposition).negated != negated
        p = 1 - m.forecast_probability if inverted else m.forecast_probability
        moves.append((m.article_id, m.forecast_local_id, p, inverted))
    new = NewQuestion(
        title or question_title(first.proposition, first.window_end, first.condition),
        first.proposition,
        str(proposition_key(first.proposition)),
        first.condition,
        first.window_start or first.published,
        first.window_end,
    )
    return store.split_question(question_id, moves, new, _who(by))


def rename_question(store: Store, question_id: int, title: str, by: str | None = None) -> None:
    """Give a question a better title; grouping will not change it back."""
    if not title.strip():
        raise StoreError("A question needs a title; give some words.")
    store.rename_question(question_id, title.strip(), _who(by))


# -- resolutions ---------------------------------------------------------------------


def resolve(
    store: Store,
    question_id: int,
    outcome: str,
    on: dt.date,
    evidence: str,
    by: str | None = None,
    article_id: str | None = None,
    span: tuple[int, int] | None = None,
) -> ResolutionRow:
    """Resolve (or correct the resolution of) a question, with evidence: text or a URL."""
    if outcome not in OUTCOMES:
        raise StoreError(f"Unknown outcome {outcome!r}: use yes, no or void.")
    if not evidence or not evidence.strip():
        raise StoreError("A resolution needs evidence: a sentence, a note or a URL.")
    evidence = evidence.strip()
    url = evidence if re.match(r"https?://\S+$", evidence) else None
    return store.add_resolution(
        question_id,
        outcome,
        on,
        evidence,
        _who(by),
        evidence_url=url,
        article_id=article_id,
        span=span,
    )


def suggest_resolutions(store: Store, since: dt.date | None = None) -> list[SuggestionRow]:
    """Scan articles published after each unresolved question's first forecast for
    sentences that report its event; store new suggestions and return all pending."""
    targets: list[tuple[Target, dt.date, set[str]]] = []
    for view in list_questions(store, limit=None):
        q = view.question
        dated = [f.published for f in view.forecasts if f.published]
        if q.status == "resolved" or not dated:
            continue
        target = Target(q.id, q.proposition, q.window_start, q.window_end, q.condition)
        targets.append((target, min(dated), {f.article_id for f in view.forecasts}))
    if targets:
        start = min(first for _, first, _ in targets)
        if since:
            start = max(start, since - dt.timedelta(days=1))
        found = []
        for article in store.articles_published_after(start):
            published = rows.to_date(article["published"])
            open_targets = [
                t for t, first, own in targets if first < published and article["id"] not in own
            ]
            if open_targets:
                found += suggest(open_targets, article["id"], published, article["text"])
        store.add_suggestions([s.to_dict() for s in found])
    return store.list_suggestions("pending")


def _suggestion(store: Store, suggestion_id: int) -> SuggestionRow:
    found = store.list_suggestions(None, suggestion_id)
    if not found:
        raise StoreError(f"No suggestion {suggestion_id}; see `augury suggestions`.")
    if found[0].status != "pending":
        raise StoreError(f"Suggestion {suggestion_id} was already {found[0].status}.")
    return found[0]


def accept_suggestion(store: Store, suggestion_id: int, by: str | None = None) -> ResolutionRow:
    """Turn a suggestion into a resolution, with its sentence and article as evidence."""
    s = _suggestion(store, suggestion_id)
    evidence = s.sentence + (f" ({s.url})" if s.url else "")
    made = resolve(
        store,
        s.question_id,
        s.outcome,
        s.event_date or s.published or dt.date.today(),
        evidence,
        by,
        article_id=s.article_id,
        span=s.span,
    )
    store.decide_suggestion(suggestion_id, "accepted", _who(by), made.id)
    return made


def reject_suggestion(store: Store, suggestion_id: int, by: str | None = None) -> None:
    """Mark a suggestion wrong; it will not be suggested again."""
    _suggestion(store, suggestion_id)
    store.decide_suggestion(suggestion_id, "rejected", _who(by))


# -- scores ---------------------------------------------------------------------------


@dataclass
class Scores:
    """Scores per expert, per group (affiliation) and overall; unresolved listed apart."""

    experts: list[ScoreCard]
    groups: list[ScoreCard]
    overall: ScoreCard
    unresolved: list[MemberRow]
    void: int
    latest_only: bool

    def to_dict(self) -> dict:
        return {
            "latest_only": self.latest_only,
            "overall": self.overall.to_dict(),
            "experts": [c.to_dict() for c in self.experts],
            "groups": [c.to_dict() for c in self.groups],
            "void": self.void,
            "unresolved": [
                {
                    "question_id": m.question_id,
                    "question": m.question_title,
                    "expert": m.expert,
                    "probability": m.probability,
                    "published": m.published,
                    "status": m.status,
                }
                for m in self.unresolved
            ],
        }


def _expert_key(m: MemberRow) -> tuple:
    return ("person", m.person_id) if m.person_id is not None else ("name", m.expert)


def scores(store: Store, latest_only: bool = False) -> Scores:
    """Brier, log and baseline scores and calibration of resolved, non-void forecasts.

    Every forecast counts once at its own date, so an expert who said the same
    thing three times is scored three times, unless ``latest_only``: then only
    each expert's latest forecast per question counts. A forecast published after
    its question was resolved is not scored.
    """
    with bulk():
        return _scores(store.question_members(), latest_only)


def _scores(members: list[MemberRow], latest_only: bool) -> Scores:
    scored = [
        m
        for m in members
        if m.outcome in ("yes", "no")
        and not (m.published and m.resolved_on and m.published > m.resolved_on)
    ]
    if latest_only:
        latest: dict[tuple, MemberRow] = {}
        for m in scored:  # oldest first, so the last one seen wins
            latest[(_expert_key(m), m.question_id)] = m
        scored = list(latest.values())
    by_expert: dict[tuple, list[MemberRow]] = defaultdict(list)
    by_group: dict[str, list[MemberRow]] = defaultdict(list)
    for m in scored:
        by_expert[_expert_key(m)].append(m)
        if m.affiliation:
            by_group[m.affiliation].append(m)

    def pairs(found: list[MemberRow]) -> list[tuple[float, int]]:
        return [(m.probability, 1 if m.outcome == "yes" else 0) for m in found]

    experts = [
        score_card(found[0].expert, "expert", pairs(found), found[0].person_id)
        for found in by_expert.values()
    ]
    groups = [score_card(name, "group", pairs(found)) for name, found in by_group.items()]
    order = lambda c: (-c.resolved, c.brier if c.brier is not None else 1, c.name)  # noqa: E731
    return Scores(
        experts=sorted(experts, key=order),
        groups=sorted(groups, key=order),
        overall=score_card("all", "all", pairs(scored)),
        unresolved=[m for m in members if m.outcome is None],
        void=sum(m.outcome == "void" for m in members),
        latest_only=latest_only,
    )


# -- briefings ------------------------------------------------------------------------


def brief(
    store: Store,
    topic: str | None = None,
    since: dt.date | None = None,
    fmt: str = "markdown",
    today: dt.date | None = None,
) -> str:
    """A briefing on ``topic``: open questions with consensus and the experts on each
    side, what resolved since ``since`` and who got it right, figures and sources."""
    with bulk():
        return briefing.render(brief_data(store, topic, since, today), fmt)


def brief_data(
    store: Store,
    topic: str | None = None,
    since: dt.date | None = None,
    today: dt.date | None = None,
) -> briefing.Briefing:
    """The plain data of a briefing (see ``brief``); the web app renders it its own way."""
    members = store.question_members(topic=topic)
    by_question: dict[int, list[MemberRow]] = defaultdict(list)
    for m in members:
        by_question[m.question_id].append(m)
    figures = _figures(store, members)
    open_questions, resolved = [], []
    recent = {r.question_id: r for r in store.current_resolutions(since)}
    for question_id, found in by_question.items():
        first = found[0]
        if first.status in ("open", "expired"):
            if since is None or any(m.published and m.published >= since for m in found):
                open_questions.append(_brief_question(first, found, figures))
        elif question_id in recent:
            resolved.append(_brief_resolution(first, found, recent[question_id]))
    open_questions.sort(key=lambda q: (q.window_end is None, q.window_end or dt.date.max, q.id))
    resolved.sort(key=lambda r: (r.resolved_on, r.id), reverse=True)
    return briefing.Briefing(topic, since, today or dt.date.today(), open_questions, resolved)


def _brief_forecast(
    m: MemberRow, figures: dict[tuple[str, str], list[str]] | None = None
) -> briefing.BriefForecast:
    return briefing.BriefForecast(
        m.expert,
        m.affiliation,
        m.probability,
        m.text,
        m.published,
        m.article_title,
        m.url,
        m.stance,
        (figures or {}).get((m.article_id, m.forecast_local_id), []),
    )


def _brief_question(
    first: MemberRow, found: list[MemberRow], figures: dict[tuple[str, str], list[str]]
) -> briefing.BriefQuestion:
    view = QuestionView(_question_of(first), found)
    agreed = view.consensus
    sides = {
        name: [_brief_forecast(m, figures) for m in view.side(name)]
        for name in ("yes", "no", "even")
    }
    return briefing.BriefQuestion(
        first.question_id,
        first.question_title,
        first.status,
        min(
            (m.window_start or m.published for m in found if m.window_start or m.published),
            default=None,
        ),
        first.window_end,
        agreed.median if agreed else None,
        agreed.low if agreed else None,
        agreed.high if agreed else None,
        view.divided,
        **sides,
    )


def _question_of(m: MemberRow) -> QuestionRow:
    """Enough of a question row for a view built from its forecasts."""
    return QuestionRow(
        m.question_id,
        m.question_title,
        m.proposition,
        "",
        m.condition,
        m.window_start,
        m.window_end,
        m.status,
        dt.datetime.min,
        dt.datetime.min,
        False,
        0,
        m.outcome,
        m.resolved_on,
    )


def _brief_resolution(
    first: MemberRow, found: list[MemberRow], made: ResolutionRow
) -> briefing.BriefResolution:
    truth = {"yes": "yes", "no": "no"}.get(made.outcome)
    scored = [m for m in found if not (m.published and m.published > made.resolved_on)]
    return briefing.BriefResolution(
        first.question_id,
        first.question_title,
        made.outcome,
        made.resolved_on,
        made.evidence,
        made.evidence_url,
        made.resolved_by,
        right=[_brief_forecast(m) for m in scored if truth and side(m.probability) == truth],
        wrong=[
            _brief_forecast(m)
            for m in scored
            if truth and side(m.probability) not in (truth, "even")
        ],
    )


def _figures(store: Store, members: Sequence[MemberRow]) -> dict[tuple[str, str], list[str]]:
    """Quantities quoted inside each forecast's words, by (article id, forecast id)."""
    spans: dict[str, list[MemberRow]] = defaultdict(list)
    for m in members:
        spans[m.article_id].append(m)
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for q in store.quantities_in(spans):
        for m in spans[q["article_id"]]:
            if m.span[0] <= q["span_start"] and q["span_end"] <= m.span[1]:
                out[m.article_id, m.forecast_local_id].append(q["text"])
    return out
