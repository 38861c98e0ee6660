"""Suggested resolutions: sentences in later articles that report a question's event.

``suggest(targets, article_id, published, text)`` splits the article into
sentences and clauses, keeps those that name the question's actors and most of
its terms and figures, and reads each for what it reports:

- happened ("took place", "fell below", "did so in April"): **yes** when inside
  the window (a month or year in the clause dates it; otherwise the article date);
  an event dated after the window ends is a **no**;
- did not happen ("has not", "were not raised", "It did not."): **no**, but only
  once the window has ended; "called off", "ruled out" say no before that;
- a conditional question whose condition is reported as not met: **void**.

Clauses that report a forecast rather than an event ("would", "expected",
"had predicted") are skipped. A short follow-up ("It did not.", "There was
none") borrows what it is about from the sentence before. The confidence is a
heuristic in [0, 1]; a person accepts or rejects every suggestion. Pure: no I/O.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from augury.ledger.propositions import PropositionKey, lexicon, opposed, proposition_key

Outcome = Literal["yes", "no", "void"]
MIN_COVERAGE = 0.6  # share of the question's terms a sentence must contain
MIN_CONFIDENCE = 0.3

_ABBREVIATIONS = frozenset(
    "us uk mr mrs ms dr prof gen sen rep gov st jan feb mar apr jun jul aug sep sept oct nov dec"
    " no vs inc corp co ltd jr sr eg ie am pm".split()
)
_BOUNDARY = re.compile(r"([.!?]+)([\"\u201d\u2019')\]]*)(\s+)|\n\s*\n")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b(?:\s+(\d{4}))?", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|during|by|throughout)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_PAST = re.compile(r"\b[a-z]{3,}ed\b")
_MONTH_MAY = re.compile(r"\b(?:in|of|since|by|until|during|early|late|mid-?)\s+May\b")
_FOLLOW_UP = re.compile(r"(?i)\b(?:did|was|were|has|have|had|never)\b")
_LAST_YEAR = re.compile(r"(?i)\blast year\b")


@dataclass(frozen=True)
class Sentence:
    text: str
    span: tuple[int, int]


@dataclass(frozen=True)
class Target:
    """A question as the matcher sees it."""

    question_id: int
    proposition: str
    window_start: dt.date | None
    window_end: dt.date | None
    condition: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """A proposed resolution, with the sentence that supports it."""

    question_id: int
    article_id: str
    sentence: str
    span: tuple[int, int]
    outcome: Outcome
    confidence: float
    event_date: dt.date | None = None
    reason: str = ""

    def to_dict(self) -> dict:
        return {
            "question_id": self.question_id,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "span": self.span,
            "outcome": self.outcome,
            "confidence": self.confidence,
            "event_date": self.event_date,
            "reason": self.reason,
        }


def sentences(text: str) -> list[Sentence]:
    """Split text into sentences with their offsets (abbreviations like "U.S." and
    "Nov." do not end one; paragraph breaks always do)."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1):
            word = re.search(r"([A-Za-z.]+)$", text[start : m.start()])
            following = text[m.end() : m.end() + 1]
            abbreviation = word and word.group(1).replace(".", "").lower() in _ABBREVIATIONS
            if abbreviation and not (following.isupper() and word.group(1).lower() != "no"):
                continue
            if following and following.islower():
                continue
            end = m.end(2)
        else:
            end = m.start()
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(stripped, (start + lead, start + lead + len(stripped))))


@functools.cache
def _phrases(name: str) -> re.Pattern[str]:
    words = sorted(lexicon().raw["resolution"][name], key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?i)(?<![\w'])(?:" + body + r")(?![\w])")


def _clauses(text: str) -> list[str]:
    breaks = lexicon().raw["resolution"]["clause_breaks"]
    pattern = "|".join(re.escape(b) for b in sorted(breaks, key=len, reverse=True))
    return [c.strip(" ,;") for c in re.split(pattern, text) if c.strip(" ,;")]


def _anaphoric(sentence: str) -> bool:
    """A short past-tense follow-up that needs the sentence before: "It did so in April."."""
    words = sentence.split()
    starts = lexicon().raw["resolution"]["anaphora_starts"]
    return (
        bool(words)
        and words[0].lower().strip("\"'\u201c,") in starts
        and len(words) <= 12
        and bool(_FOLLOW_UP.search(sentence))
    )


def _merged(a: PropositionKey, b: PropositionKey) -> PropositionKey:
    return PropositionKey(a.actors | b.actors, a.terms | b.terms, a.figures | b.figures, b.negated)


def _coverage(question: PropositionKey, found: PropositionKey) -> float:
    """How much of the question a clause names; 0 when figures or most actors are
    missing. A report may leave out one actor ("tariffs on Korean chips were not raised")
    when it names no other."""
    missing = question.actors - found.actors
    if missing and (len(missing) > 1 or found.actors - question.actors or not found.actors):
        return 0.0
    if not question.figures <= found.figures:
        return 0.0
    shared = question.terms & found.terms
    if not question.terms:
        return 1.0 if question.actors else 0.0
    # One shared word is too little to go on unless an actor is shared as well.
    if opposed(question, found) or not shared or (len(shared) < 2 and not question.actors):
        return 0.0
    return len(shared) / len(question.terms)


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _dates(clause: str, published: dt.date, context: str = "") -> list[tuple[dt.date, dt.date]]:
    """Month or year mentions as date ranges. A bare month takes the year the clause
    or the sentence before names ("in 2025", "last year"), else its latest occurrence
    on or before publication."""
    years = [int(y) for y in _YEAR.findall(context + " " + clause)]
    if _LAST_YEAR.search(clause + " " + context):
        years.append(published.year - 1)
    ranges = []
    for m in _MONTH.finditer(clause):
        month = _MONTHS[m.group(1).lower()]
        if m.group(2):
            year = int(m.group(2))
        elif years:
            year = years[-1]
        else:
            year = published.year if month <= published.month else published.year - 1
        ranges.append(_month(year, month))
    for m in _YEAR.finditer(clause):
        year = int(m.group(1))
        ranges.append((dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return ranges


def _reads(clause: str) -> str | None:
    """What a clause reports: 'forecast', 'called_off', 'not', 'happened' or nothing."""
    if _phrases("reported_forecast").search(_MONTH_MAY.sub(" ", clause)):
        return "forecast"
    if _phrases("called_off").search(clause):
        return "called_off"
    if _phrases("negative").search(clause):
        return "not"
    irregular = _phrases("irregular_past")
    if (
        _phrases("happened_verbs").search(clause)
        or irregular.search(clause)
        or _PAST.search(clause.lower())
    ):
        return "happened"
    return None


def _inside(day_range: tuple[dt.date, dt.date], target: Target) -> bool | None:
    """True inside the window, False after it, None before it began."""
    first, last = day_range
    if target.window_end and first > target.window_end:
        return False
    if target.window_start and last < target.window_start:
        return None
    return True


def _judge(
    target: Target, reading: str, clause: str, published: dt.date, context: str
) -> tuple[Outcome, float, dt.date | None, str] | None:
    """(outcome, confidence adjustment, event date, reason) for one matched clause."""
    ended = target.window_end is not None and published > target.window_end
    if reading == "called_off":
        return "no", -0.05, None, "reported as called off or ruled out"
    if reading == "not":
        if ended:
            return "no", 0.0, None, "reported as not having happened; the window is over"
        return None  # "has not happened yet" is no resolution while the window is open
    ranges = _dates(clause, published, context)
    for day_range in ranges:
        inside = _inside(day_range, target)
        if inside:
            start = max(day_range[0], target.window_start or day_range[0])
            return "yes", 0.1, start, "reported as happened inside the window"
        if inside is False:
            return "no", -0.15, day_range[0], "reported as happened, but after the window"
    if ranges:
        return None  # happened before the window opened: an older event
    if ended:
        return "yes", -0.2, None, "reported as happened; when is unclear (after the window?)"
    return "yes", 0.0, published, "reported as happened before this article"


def suggest(
    targets: Sequence[Target],
    article_id: str,
    published: dt.date,
    text: str,
    min_confidence: float = MIN_CONFIDENCE,
) -> list[Suggestion]:
    """The best suggested resolution per question found in one article."""
    keyed = [(t, proposition_key(t.proposition), _condition_key(t)) for t in targets]
    best: dict[int, Suggestion] = {}
    previous: Sentence | None = None
    for sentence in sentences(text):
        for found in _suggestions(keyed, article_id, published, sentence, previous):
            held = best.get(found.question_id)
            if held is None or found.confidence > held.confidence:
                best[found.question_id] = found
        previous = sentence
    return [s for s in best.values() if s.confidence >= min_confidence]


def _condition_key(target: Target) -> PropositionKey | None:
    return proposition_key(target.condition) if target.condition else None


def _suggestions(
    keyed: Iterable[tuple[Target, PropositionKey, PropositionKey | None]],
    article_id: str,
    published: dt.date,
    sentence: Sentence,
    previous: Sentence | None,
) -> Iterable[Suggestion]:
    borrowed = previous is not None and _anaphoric(sentence.text)
    context = proposition_key(previous.text) if borrowed and previous else None
    context_text = previous.text if borrowed and previous else ""
    evidence = (
        Sentence(f"{previous.text} {sentence.text}", (previous.span[0], sentence.span[1]))
        if borrowed and previous
        else sentence
    )
    if sentence.text.rstrip("\"'\u201d\u2019").endswith("?"):
        return  # a question asks; it reports nothing
    for clause in _clauses(sentence.text):
        reading = _reads(clause)
        if reading in (None, "forecast"):
            continue
        own = key = proposition_key(clause)
        if context is not None:
            key = _merged(context, key)
        for target, question, condition in keyed:
            # "There was none": a follow-up naming nothing of the event itself is
            # about what the sentence before ended on, the condition if it had one.
            about_condition = borrowed and not own.terms & question.terms
            made = _suggestion(
                target,
                question,
                condition,
                key,
                reading,
                clause,
                published,
                context_text,
                about_condition,
            )
            if made:
                outcome, confidence, day, reason = made
                if borrowed:
                    confidence -= 0.1
                yield Suggestion(
                    target.question_id,
                    article_id,
                    evidence.text,
                    evidence.span,
                    outcome,
                    round(min(max(confidence, 0.05), 0.95), 2),
                    day,
                    reason,
                )


def _suggestion(
    target: Target,
    question: PropositionKey,
    condition: PropositionKey | None,
    key: PropositionKey,
    reading: str,
    clause: str,
    published: dt.date,
    context: str,
    about_condition: bool = False,
) -> tuple[Outcome, float, dt.date | None, str] | None:
    coverage = _coverage(question, key)
    on_condition = _coverage(condition, key) if condition else 0.0
    if condition and on_condition >= MIN_COVERAGE and (on_condition > coverage or about_condition):
        if reading in ("not", "called_off") and (
            target.window_end is None or published > target.window_end
        ):
            return "void", 0.4 + 0.3 * on_condition, None, "the condition did not hold"
        return None
    if coverage < MIN_COVERAGE:
        return None
    judged = _judge(target, reading, clause, published, context)
    if judged is None:
        return None
    outcome, adjust, day, reason = judged
    if condition:
        adjust -= 0.15
        reason += "; conditional: check that the condition held"
    return outcome, 0.45 + 0.35 * coverage + adjust, day, reason
