"""What the JSON API hands out: pydantic models, so that the OpenAPI schema documents them.

Every HTML page renders one of the ``*Page`` models below, and its JSON twin under
``/api/`` returns the same model, so the two never drift apart. Field names follow
the ``augury analyze`` contract (DESIGN.md) and the CLI's ``--format json``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

Span = list[int]


class Pagination(BaseModel):
    """Where a page of a list stands; follow ``next_url`` until it is null."""

    page: int
    per_page: int
    total: int | None = Field(None, description="Items in the whole list (null: not counted).")
    pages: int | None = Field(None, description="Pages in the whole list (null: not counted).")
    has_prev: bool
    has_next: bool
    prev_url: str | None = None
    next_url: str | None = None


# -- the analysis contract ------------------------------------------------------------


class ArticleOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    text: str


class SpeakerOut(BaseModel):
    id: str
    name: str
    kind: str
    title: str | None
    affiliation: str | None
    mentions: list[Span]
    person_id: int | None = Field(
        None, description="The speaker across articles (/api/speakers/ID)."
    )


class StatementOut(BaseModel):
    id: str
    speaker: str | None
    kind: str
    text: str
    span: Span
    cue: str | None
    cue_span: Span | None
    source_span: Span | None


class WindowOut(BaseModel):
    start: dt.date | None
    end: dt.date | None
    text: str | None
    defaulted: bool


class ConditionOut(BaseModel):
    text: str
    span: Span


class ForecastOut(BaseModel):
    id: str
    statement: str | None
    speaker: str | None
    text: str
    span: Span
    proposition: str
    hedge: str | None
    probability: float
    window: WindowOut | None
    condition: ConditionOut | None
    polarity: str
    hedge_rule: str | None = None
    linked: list[str] = []


class ClaimOut(BaseModel):
    id: str
    statement: str | None
    type: str
    text: str
    span: Span


class QuantityOut(BaseModel):
    text: str
    span: Span
    value: float
    unit: str | None
    kind: str


class RelationOut(BaseModel):
    """Agreement or disagreement between speakers (speaker ids are the article's)."""

    type: str  # agrees | disagrees | divided
    speaker: str | None
    target: str | None
    text: str
    span: Span
    statement: str | None
    sides: list[str]


class AnalysisOut(BaseModel):
    """The ``augury analyze`` JSON contract of one article."""

    article: ArticleOut
    speakers: list[SpeakerOut]
    statements: list[StatementOut]
    forecasts: list[ForecastOut]
    claims: list[ClaimOut]
    quantities: list[QuantityOut]
    relations: list[RelationOut] = []


# -- articles ----------------------------------------------------------------------------


class ArticleSummaryOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    ingested_at: dt.datetime
    previous_version_id: str | None
    statements: int
    forecasts: int


class ArticleListPage(BaseModel):
    articles: list[ArticleSummaryOut]
    pagination: Pagination


class ArticleForecastOut(ForecastOut):
    """A forecast of a stored article, with the question it was grouped into."""

    question_id: int | None = Field(
        None, description="The question (/api/questions/ID); null until it is grouped."
    )
    question_title: str | None = None


class ArticlePage(AnalysisOut):
    """An article and everything extracted from it; speakers carry their person id,
    forecasts their question."""

    forecasts: list[ArticleForecastOut]  # type: ignore[assignment]


# -- speakers ---------------------------------------------------------------------------


class PersonSummaryOut(BaseModel):
    id: int
    name: str
    kind: str
    statements: int
    articles: int
    titles: int


class SpeakerListPage(BaseModel):
    speakers: list[PersonSummaryOut]
    kind: str | None
    pagination: Pagination


class PersonTitleOut(BaseModel):
    title: str | None
    affiliation: str | None
    article_id: str | None = Field(description="The article that first gave this title.")
    first_seen: dt.datetime = Field(description="When that article was stored.")
    published: dt.date | None = Field(None, description="When that article was published.")


class PersonOut(BaseModel):
    id: int
    name: str
    kind: str
    statements: int
    articles: int
    titles: list[PersonTitleOut]
    names: list[str]


class StatementRowOut(BaseModel):
    """A statement with who said it and where (as ``augury statements --format json``)."""

    id: str
    speaker: str | None = Field(description="The speaker's name as the article gave it.")
    person_id: int | None
    kind: str
    text: str
    span: Span
    cue: str | None
    cue_span: Span | None
    source_span: Span | None
    article_id: str
    article_title: str | None
    published: dt.date | None


class ForecastRowOut(ForecastOut):
    """A forecast with who made it and where (as ``augury forecasts --format json``)."""

    speaker: str | None = Field(description="The speaker's name as the article gave it.")
    person_id: int | None
    article_id: str
    article_title: str | None
    published: dt.date | None


class PersonArticleOut(BaseModel):
    """An article that quotes a speaker, with how much the speaker said there."""

    id: str
    title: str | None
    source: str | None
    published: dt.date | None
    statements: int = Field(description="The speaker's statements in this article.")
    forecasts: int = Field(description="The speaker's forecasts in this article.")


class CalibrationBinOut(BaseModel):
    low: float
    high: float
    count: int
    mean_probability: float | None
    observed: float | None


class ScoreCardOut(BaseModel):
    name: str
    kind: str
    person_id: int | None
    resolved: int
    brier: float | None = Field(description="Mean squared error; 0 is perfect, lower is better.")
    log_score: float | None = Field(description="Mean ln p(outcome); higher is better.")
    baseline: float | None = Field(description="Metaculus baseline score vs 50%; higher is better.")
    calibration: list[CalibrationBinOut]


class MemberOut(BaseModel):
    """A forecast inside a question: who, how likely the question resolves yes, when."""

    question_id: int
    article_id: str
    forecast_local_id: str
    probability: float = Field(description="Chance the question resolves yes, by this forecast.")
    inverted: bool
    stance: str | None
    similarity: float | None
    assigned_by: str
    forecast_probability: float
    polarity: str
    hedge: str | None
    text: str
    span: Span
    proposition: str
    statement_local_id: str | None
    condition: str | None
    window_start: dt.date | None
    window_end: dt.date | None
    speaker_name: str | None
    speaker_kind: str | None
    speaker_title: str | None
    affiliation: str | None
    person_id: int | None
    person_name: str | None
    published: dt.date | None
    article_title: str | None
    url: str | None
    question_title: str
    status: str
    outcome: str | None
    resolved_on: dt.date | None
    expert: str
    side: Literal["yes", "no", "even"]


class SpeakerPage(BaseModel):
    speaker: PersonOut
    articles: list[PersonArticleOut] = Field(
        description="The latest articles that quote the speaker; see /articles."
    )
    statements: list[StatementRowOut] = Field(description="The latest few; see /statements.")
    forecasts: list[ForecastRowOut] = Field(description="The latest few; see /forecasts.")
    track_record: ScoreCardOut | None
    scored: list[MemberOut] = Field(description="The speaker's resolved forecasts.")
    awaiting: int = Field(description="The speaker's forecasts in unresolved questions.")


class StatementListPage(BaseModel):
    speaker: PersonOut
    statements: list[StatementRowOut]
    pagination: Pagination


class ForecastListPage(BaseModel):
    speaker: PersonOut
    forecasts: list[ForecastRowOut]
    pagination: Pagination


class SpeakerArticleListPage(BaseModel):
    speaker: PersonOut
    articles: list[PersonArticleOut]
    pagination: Pagination


# -- questions ---------------------------------------------------------------------------


class ConsensusOut(BaseModel):
    median: float
    low: float
    high: float
    spread: float
    count: int


class QuestionOut(BaseModel):
    id: int
    title: str
    proposition: str
    condition: str | None
    window_start: dt.date | None
    window_end: dt.date | None
    status: Literal["open", "expired", "resolved"]
    locked_by_person: bool
    forecasts: int
    outcome: str | None
    resolved_on: dt.date | None
    consensus: ConsensusOut | None
    divided: bool
    experts: list[str]


class QuestionFilters(BaseModel):
    status: str | None = None
    topic: str | None = None
    speaker: str | None = None
    ends_after: dt.date | None = None
    ends_before: dt.date | None = None


class QuestionListPage(BaseModel):
    questions: list[QuestionOut]
    filters: QuestionFilters
    pagination: Pagination


class ResolutionOut(BaseModel):
    id: int
    question_id: int
    outcome: str
    resolved_on: dt.date
    evidence: str
    evidence_url: str | None
    article_id: str | None
    span: Span | None
    resolved_by: str
    recorded_at: dt.datetime
    is_current: bool
    superseded_by: int | None


class SuggestionOut(BaseModel):
    id: int
    question_id: int
    question_title: str
    article_id: str
    article_title: str | None
    url: str | None
    published: dt.date | None
    sentence: str
    span: Span
    outcome: str
    event_date: dt.date | None
    confidence: float
    reason: str | None
    status: str
    decided_by: str | None
    resolution_id: int | None


class EditOut(BaseModel):
    id: int
    action: str
    question_id: int
    other_question_id: int | None
    detail: dict
    edited_by: str
    edited_at: dt.datetime


class QuestionPage(BaseModel):
    question: QuestionOut = Field(description="With consensus and experts over every forecast.")
    forecasts: list[MemberOut] = Field(description="A page of the forecasts, oldest first.")
    pagination: Pagination = Field(description="Pages of the forecasts.")
    resolutions: list[ResolutionOut] = Field(description="Oldest first; the last is current.")
    suggestions: list[SuggestionOut] = Field(description="Pending suggested resolutions.")
    edits: list[EditOut]


class SuggestionListPage(BaseModel):
    suggestions: list[SuggestionOut]
    pagination: Pagination


# -- scores, home, search ------------------------------------------------------------------


class ScoresPage(BaseModel):
    latest_only: bool
    overall: ScoreCardOut
    experts: list[ScoreCardOut]
    groups: list[ScoreCardOut]
    void: int
    unresolved: int = Field(description="Forecasts in questions not resolved yet.")
    pagination: Pagination


class ResolvedOut(BaseModel):
    question_id: int
    title: str
    outcome: str
    resolved_on: dt.date
    evidence: str


class HomePage(BaseModel):
    counts: dict[str, int]
    recent_articles: list[ArticleSummaryOut]
    closing_questions: list[QuestionOut] = Field(
        description="Open questions whose window ends soonest."
    )
    awaiting_resolution: int = Field(description="Questions whose window ended, not resolved.")
    recently_resolved: list[ResolvedOut]
    top_experts: list[ScoreCardOut]


class SearchHitOut(BaseModel):
    kind: Literal["article", "statement"]
    article_id: str
    statement_id: str | None
    title: str | None
    published: dt.date | None
    speaker: str | None
    snippet: str = Field(description="Matched words are wrapped in « and ».")
    score: float


class SearchPage(BaseModel):
    query: str
    hits: list[SearchHitOut]
    pagination: Pagination


# -- writes -----------------------------------------------------------------------------------


class AnalyzeIn(BaseModel):
    text: str = Field(description="Plain text, HTML, JSONL or a feed; its format is sniffed.")
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    store: bool = Field(False, description="Also store it (a write: needs the token if set).")


class AnalyzeResult(AnalysisOut):
    stored: Literal["new", "version", "unchanged", "replaced"] | None = None


class ResolveIn(BaseModel):
    outcome: Literal["yes", "no", "void"]
    on: dt.date
    evidence: str = Field(description="A sentence, a note or a URL.")
    by: str | None = None


class MergeIn(BaseModel):
    other: int = Field(description="The question to merge into this one (it goes away).")
    by: str | None = None


class RenameIn(BaseModel):
    title: str
    by: str | None = None


class SplitIn(BaseModel):
    forecasts: list[str] = Field(description="ARTICLE_ID:FORECAST_ID of each forecast to move.")
    title: str | None = None
    by: str | None = None


class DecideIn(BaseModel):
    by: str | None = None


class Done(BaseModel):
    ok: bool = True
    message: str
    question_id: int | None = None


class ErrorOut(BaseModel):
    detail: str
