"""Time expressions (TIMEX3) and the time window of a forecast.

``find_timexes`` finds time expressions in a parsed text and normalises them
against the document creation time (DCT; for news, the publication date), in
the TimeML TIMEX3 scheme: "next year" -> DATE "2027", "within five years" ->
DURATION "P5Y", "the 2026 midterms" -> DATE "2026-11-03". Candidates come from
a rule grammar (``timex_rules``, ``timex_events``) in the manner of HeidelTime;
spaCy's DATE/TIME entities vouch for bare numbers as years.

``forecast_window`` reads the expressions of one forecast clause together with
the word that introduces them ("by", "before", "within", "between ... and") and
returns the ``Window`` inside which the forecast is to come true:

=====================================================  ================================
phrase                                                 window
=====================================================  ================================
"in 2026", "next year", "early next year"              the period itself
"in his second term", "during his term"                the term of office (calendar)
"by / until / no later than X", "by the end of X"      DCT .. last day of X
"before X"                                             DCT .. the day before X begins;
                                                       DCT .. X for a one-day event
                                                       ("before the midterms")
"within / over the next five years", "in 5 years"      DCT .. DCT + 5 years
"over the next decade"                                 DCT .. DCT + 10 years
"in the coming months", "soon", "in the long run"      DCT .. DCT + a horizon from
                                                       ``timex_vocab.VAGUE_HORIZONS``
                                                       (months: 6; "soon": 6 months)
"after X" ("after the election")                       the day after X .. one default
                                                       length (a year) later
"between X and Y", "from X to Y"                       first day of X .. last day of Y
=====================================================  ================================

Which expression: one introduced by a signal word wins over a bare one, then
the first in the text; a length with no signal word ("a four-year term", "the
talks lasted two days") and an expression of the past ("last year", "said on
Thursday" on the DCT) bound no window.

Default window: when the clause holds no time expression that bounds a forecast
(none at all, or only "now", "recently", a past date), the window runs from the
DCT to the DCT plus ``DEFAULT_WINDOW_YEARS`` (one year) and ``defaulted`` is
True: most forecasts in the news are about the months ahead, and a year is the
horizon forecasting tournaments commonly score at.

Without a DCT, expressions that need one ("next year", "within five years")
give a window with unknown (None) dates and ``defaulted`` False; absolute ones
("in 2026", "by the 2028 election") still resolve, with an unknown start for
"by"-type windows; and the default window is (None, None) with ``defaulted``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span

from augury.extract import doc_text
from augury.extract import timex_patterns as p
from augury.extract.timex_context import PAST, TextContext
from augury.extract.timex_dates import Interval, add_months, part_of, shift_by_duration
from augury.extract.timex_events import event_rules
from augury.extract.timex_rules import RULES, Reading, Rule
from augury.extract.timex_vocab import APPROX_MODS, PART_MODS, VAGUE_HORIZONS, WINDOW_SIGNALS
from augury.lexicon.calendar import Calendar
from augury.model import Span as CharSpan
from augury.model import Window

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

DEFAULT_WINDOW_YEARS = 1
_DAY = dt.timedelta(days=1)
_SIGNAL = re.compile(
    rf"{p.L}(?P<signal>{p.alt(WINDOW_SIGNALS)})\s+"
    r"(?:(?:his|her|their|its|the|a|an|this|that|[A-Z][\w.-]*['’]s)\s+)?$",
    re.IGNORECASE,
)
_INTERVAL_JOIN = re.compile(
    r"^\s*(?:,\s*)?(?:and|to|until|till|through|-|–)\s+(?:the\s+)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class Timex:
    """One time expression: where it is, its TIMEX3 type/value/mod, the days it covers."""

    text: str
    span: CharSpan  # offsets into the Doc's text
    type: TimexType
    value: str
    mod: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    anchor: str | None = None  # id of the election or office term in lexicon/elections.json
    rule: str = ""  # the grammar rule that read it

    @property
    def interval(self) -> Interval | None:
        return (self.start, self.end) if self.start and self.end else None


@dataclass(frozen=True)
class _Hit:
    start: int  # offsets into TextContext.text
    end: int
    reading: Reading
    rule: str
    priority: int


# --- finding time expressions ------------------------------------------------------------


def find_timexes(
    doc_or_span: Doc | Span, dct: dt.date | None, *, calendar: Calendar | None = None
) -> list[Timex]:
    """Time expressions in a parsed text, normalised against the creation date ``dct``."""
    return _find(TextContext(doc_or_span, dct), calendar)


def _find(ctx: TextContext, calendar: Calendar | None) -> list[Timex]:
    rules = (*event_rules(calendar), *RULES)
    hits = _non_overlapping(_all_hits(ctx, rules))
    hits = [_with_prefixes(hit, ctx, hits) for hit in hits]
    return [_timex(hit, ctx) for hit in hits if not hit.reading.part_only]


def _all_hits(ctx: TextContext, rules: tuple[Rule, ...]) -> list[_Hit]:
    hits = []
    for priority, rule in enumerate(rules):
        for match in rule.pattern.finditer(ctx.text):
            start, end = _extent(match)
            reading = rule.read(match, ctx, ctx.start_char + start)
            if reading is not None:
                hits.append(_Hit(start, end, reading, rule.name, priority))
    return hits


def _extent(match: re.Match[str]) -> tuple[int, int]:
    """The matched text, or its group ``x`` where a rule reads context around the expression."""
    if "x" in match.re.groupindex and match.start("x") >= 0:
        return match.span("x")
    return match.span()


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    """Longest first; on a tie, the rule listed first."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.priority, h.start)):
        if all(hit.end <= c.start or c.end <= hit.start for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _with_prefixes(hit: _Hit, ctx: TextContext, hits: list[_Hit]) -> _Hit:
    """Take in "the end of" / "early" (a part of a period) or "about" / "nearly" (a hedge)."""
    floor = max((h.end for h in hits if h.end <= hit.start), default=0)
    before = ctx.text[floor : hit.start]
    if hit.reading.type in ("DATE", "TIME") and (m := p.PART_PREFIX.search(before)):
        return replace(hit, start=floor + m.start(), reading=_part_reading(hit.reading, m, ctx.dct))
    if _takes_approx(hit, ctx.text[hit.start : hit.end]) and (m := p.APPROX_PREFIX.search(before)):
        mod = APPROX_MODS[" ".join(m["approx"].lower().split())]
        return replace(hit, start=floor + m.start(), reading=replace(hit.reading, mod=mod))
    return hit


def _part_reading(reading: Reading, m: re.Match[str], dct: dt.date | None) -> Reading:
    word = (m["noun"] or m["adj"] or m["end"]).lower()
    mod = PART_MODS[word]
    interval = reading.interval
    if interval and dct and word in ("earlier", "later") and interval[0] <= dct <= interval[1]:
        interval = (interval[0], dct) if word == "earlier" else (dct, interval[1])
    elif interval:
        interval = part_of(interval, mod)
    return replace(reading, mod=mod, interval=interval, part_only=False)


def _takes_approx(hit: _Hit, text: str) -> bool:
    # "over the next two years" is a span of time, not "more than" it
    return (
        hit.rule in ("duration", "ago")
        and not hit.reading.value.endswith("_REF")
        and not text.lower().startswith("the ")
    )


def _timex(hit: _Hit, ctx: TextContext) -> Timex:
    reading = hit.reading
    start, end = reading.interval or (None, None)
    return Timex(
        text=ctx.text[hit.start : hit.end],
        span=(ctx.start_char + hit.start, ctx.start_char + hit.end),
        type=reading.type,  # type: ignore[arg-type]
        value=reading.value,
        mod=reading.mod,
        start=start,
        end=end,
        anchor=reading.anchor,
        rule=hit.rule,
    )


# --- the window of a forecast ------------------------------------------------------------


@dataclass(frozen=True)
class _Bound:
    """A time expression read as a window bound: the window and the words it spans."""

    window: Window
    start_char: int  # where the phrase begins in the Doc (the signal word, if any)
    timex_char: int  # where the time expression begins
    signalled: bool


def forecast_window(
    span: Doc | Span,
    dct: dt.date | None,
    *,
    default_years: int = DEFAULT_WINDOW_YEARS,
    calendar: Calendar | None = None,
) -> Window:
    """The window a forecast clause refers to; the default window if it names none.

    Of several time expressions, one introduced by a signal word ("by", "within")
    wins over a bare one, then the first. Expressions of the past ("last
    year", "said on Thursday" on the DCT) say when something was said or
    happened, not when the forecast comes due, and are passed over.
    """
    ctx = TextContext(span, dct)
    timexes = _find(ctx, calendar)
    bounds = _interval_bounds(timexes, doc_text(ctx.doc)) or [
        bound
        for timex in timexes
        if (bound := _bound(timex, doc_text(ctx.doc), dct, default_years)) is not None
    ]
    bounds = [b for b in bounds if not _looks_back(b, ctx)]
    if not bounds:
        return default_window(dct, default_years)
    return min(bounds, key=lambda b: (not b.signalled, b.start_char)).window


def default_window(dct: dt.date | None, default_years: int = DEFAULT_WINDOW_YEARS) -> Window:
    """The window of a forecast whose text gives no time: DCT .. DCT + ``default_years``."""
    if dct is None:
        return Window(None, None, None, defaulted=True)
    return Window(dct, add_months(dct, 12 * default_years), None, defaulted=True)


def _signal_before(timex: Timex, doc_text: str) -> re.Match[str] | None:
    return _SIGNAL.search(doc_text[max(0, timex.span[0] - 40) : timex.span[0]])


def _signal_kind(match: re.Match[str] | None) -> str | None:
    return WINDOW_SIGNALS[" ".join(match["signal"].lower().split())] if match else None


def _interval_bounds(timexes: list[Timex], doc_text: str) -> list[_Bound]:
    """ "between X and Y", "from X to Y": the first day of X to the last day of Y."""
    bounds = []
    for first, second in zip(timexes, timexes[1:], strict=False):
        signal = _signal_before(first, doc_text)
        if _signal_kind(signal) not in ("between", "after") or not _INTERVAL_JOIN.match(
            doc_text[first.span[1] : second.span[0]]
        ):
            continue
        if first.start is None or second.end is None:
            continue
        begin = first.span[0] - (len(signal[0]) if signal else 0)
        window = Window(first.start, second.end, doc_text[begin : second.span[1]])
        bounds.append(_Bound(window, begin, first.span[0], True))
    return bounds


def _bound(timex: Timex, doc_text: str, dct: dt.date | None, default_years: int) -> _Bound | None:
    signal = _signal_before(timex, doc_text)
    if signal is None and timex.type == "DURATION" and timex.interval is None:
        return None  # "the talks lasted two days": a length, not a deadline
    kind = _signal_kind(signal) or "in"
    dates = _window_dates(timex, kind, dct, default_years)
    if dates is None:
        return None
    begin = timex.span[0] - (len(signal[0]) if signal else 0)
    window = Window(*dates, doc_text[begin : timex.span[1]])
    return _Bound(window, begin, timex.span[0], signal is not None)


def _looks_back(bound: _Bound, ctx: TextContext) -> bool:
    end, dct = bound.window.end, ctx.dct
    if dct is None or end is None:
        return False
    return end < dct or (end == dct and ctx.direction(bound.timex_char) == PAST)


def _window_dates(
    timex: Timex, kind: str, dct: dt.date | None, default_years: int
) -> tuple[dt.date | None, dt.date | None] | None:
    """(start, end) of the window a signal word and a time expression make; None: not one."""
    if timex.type == "SET" or timex.value in ("PRESENT_REF", "PAST_REF") or kind == "since":
        return None
    if timex.value == "FUTURE_REF":
        return _ahead(dct, _horizon_of(timex.text), default_years)
    if timex.rule == "unit_adjective" or (timex.anchor is None and timex.rule == "office_term"):
        return None  # "a four-year term"; a term the calendar does not know
    if timex.type == "DURATION" and timex.interval is None:
        return _duration_window(timex, kind, dct, default_years)
    if timex.interval is None:
        return None, None  # a relative expression without a DCT
    if kind == "before" and timex.mod == "END":
        # "before the end of the year" means by the end of it, as "by" does.
        kind = "until"
    return _period_window(timex.interval, kind, dct, default_years)


def _period_window(
    interval: Interval, kind: str, dct: dt.date | None, default_years: int
) -> tuple[dt.date | None, dt.date | None]:
    start, end = interval
    if kind in ("until", "within"):
        return dct, end
    if kind == "before":
        return dct, (start - _DAY if end > start else start)
    if kind == "after":
        return end + _DAY, add_months(end + _DAY, 12 * default_years)
    return start, end


def _duration_window(
    timex: Timex, kind: str, dct: dt.date | None, default_years: int
) -> tuple[dt.date | None, dt.date | None]:
    length = timex.value if "X" not in timex.value else VAGUE_HORIZONS.get(timex.value[-1])
    if dct is None or length is None or length.startswith("PT"):
        return None, None
    end = shift_by_duration(dct, length)
    if kind == "after" and end is not None:
        return end, add_months(end, 12 * default_years)
    return dct, end


def _horizon_of(text: str) -> str | None:
    return VAGUE_HORIZONS.get(" ".join(text.lower().split()))


def _ahead(
    dct: dt.date | None, horizon: str | None, default_years: int
) -> tuple[dt.date | None, dt.date | None]:
    if dct is None:
        return None, None
    end = shift_by_duration(dct, horizon) if horizon else None
    return dct, end or add_months(dct, 12 * default_years)
