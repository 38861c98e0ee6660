"""Time expressions anchored on events in the election calendar.

"the midterms", "the 2026 midterms", "the next U.S. presidential election in
2028" resolve to an election day; "his second term" to a term of office. Both
come from ``lexicon/elections.json`` (see ``augury.lexicon.calendar``).

Which election: a year in the phrase picks that year's; "next"/"upcoming" the
first on or after the DCT, "last"/"previous" the last before it; otherwise the
tense decides (a past-tense clause means the last one, any other the next).
Which country: the one the phrase names ("U.S.", "South Korean"), else the only
one the word can mean ("midterms"), else the country most named in the
sentence, else the calendar's default (the U.S.).

Which term: the holder is a PERSON named in the text read (the forecast
clause), else in its sentence, else the nearest earlier PERSON in the document
who held an office in the calendar, else the U.S. president in office at the
DCT; the ordinal ("second") or "next"/"current"/"last" then picks the term.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from augury.extract import timex_patterns as p
from augury.extract.timex_context import PAST, TextContext
from augury.extract.timex_rules import Reading, Rule, date_reading
from augury.extract.timex_vocab import ORDINALS
from augury.lexicon.calendar import Calendar, Election, ElectionAlias, OfficeTerm, load_calendar

_NEXT_WORDS = frozenset({"next", "upcoming", "coming", "forthcoming", "following"})
_LAST_WORDS = frozenset({"last", "previous", "recent", "past", "preceding"})
_DEADLINE_WORDS = ("before", "after", "until", "by", "ahead of", "following")


def event_rules(calendar: Calendar | None = None) -> tuple[Rule, ...]:
    """The election and office-term rules for a calendar (the bundled one by default)."""
    return _event_rules(calendar or load_calendar())


@functools.lru_cache(maxsize=4)
def _event_rules(calendar: Calendar) -> tuple[Rule, ...]:
    return (
        Rule(
            "election",
            _election_pattern(calendar),
            lambda m, ctx, at: read_election(m, ctx, calendar),
        ),
        Rule("office_term", _term_pattern(), lambda m, ctx, at: read_term(m, ctx, at, calendar)),
    )


def _election_pattern(calendar: Calendar) -> re.Pattern[str]:
    phrases = [phrase for alias in calendar.aliases for phrase in alias.phrases]
    cues = [cue for cues in calendar.country_cues.values() for cue in cues]
    country = rf"(?:{p.alt(cues)})(?:['’]s)?"
    when = p.alt(_NEXT_WORDS | _LAST_WORDS)
    return re.compile(
        rf"{p.L}(?:the\s+)?(?:(?P<when>{when})\s+)?(?:(?P<country>{country})\s+)?"
        rf"(?:(?P<year>{p.YEAR})\s+)?(?:(?P<country2>{country})\s+)?"
        rf"(?P<alias>{p.alt(phrases)})(?:\s+(?:in|of)\s+(?P<year2>{p.YEAR}))?{p.R}",
        re.IGNORECASE,
    )


def _term_pattern() -> re.Pattern[str]:
    which = p.alt([*ORDINALS, "next", "current", "last", "previous", "final", "present"])
    # "his term": the extent is the word "term" (group x), as in "his second term"
    return p.compile_rule(
        rf"{p.L}(?:(?P<which>{which})\s+(?:presidential\s+)?term"
        rf"|(?P<whose>his|her|their)\s+(?:presidential\s+)?(?P<x>term)){p.R}"
    )


# --- elections ------------------------------------------------------------------------


def read_election(m: re.Match[str], ctx: TextContext, calendar: Calendar) -> Reading | None:
    alias = _alias_of(m["alias"], calendar)
    year = m["year"] or m["year2"]
    qualified = bool(year or m["when"] or _after_signal(m, ctx))
    if alias is None or (alias.needs_qualifier and not qualified):
        return None
    if _pronoun_us(m):
        return None
    country = _country(m, ctx, alias, calendar)
    kinds = alias.kinds.get(country) or next(iter(alias.kinds.values()))
    election = _pick_election(calendar.elections_of(country, kinds), m, ctx, year)
    if election is None and year:
        return date_reading(year)  # an election the calendar does not list: its year
    if election is None:
        return Reading("DATE", "XXXX-XX-XX") if ctx.dct is None else None
    day = election.date.isoformat()
    return Reading("DATE", day, interval=(election.date, election.date), anchor=election.id)


def _after_signal(m: re.Match[str], ctx: TextContext) -> bool:
    """ "before the election", "until the elections": a deadline, so the next one is meant."""
    return m[0].lower().startswith("the") and bool(
        re.search(rf"{p.L}{p.alt(_DEADLINE_WORDS)}\s+$", ctx.text[: m.start()], re.IGNORECASE)
    )


def _pronoun_us(m: re.Match[str]) -> bool:
    """The country cue "US" matched the pronoun "us" (the patterns ignore case)."""
    country = m["country"] or m["country2"] or ""
    return country.lower() == "us" and country != "US"


def _alias_of(phrase: str, calendar: Calendar) -> ElectionAlias | None:
    phrase = " ".join(phrase.lower().split())
    return next((a for a in calendar.aliases if phrase in (x.lower() for x in a.phrases)), None)


def _country(m: re.Match[str], ctx: TextContext, alias: ElectionAlias, calendar: Calendar) -> str:
    named = m["country"] or m["country2"]
    if named:
        return _country_of_cue(named, calendar) or calendar.default_country
    if len(alias.kinds) == 1:
        return next(iter(alias.kinds))
    return _country_of_sentence(m, ctx, calendar) or calendar.default_country


def _country_of_cue(cue: str, calendar: Calendar) -> str | None:
    cue = re.sub(r"['’]s$", "", cue).lower()
    return next(
        (
            country
            for country, cues in calendar.country_cues.items()
            if cue in (c.lower() for c in cues)
        ),
        None,
    )


def _country_of_sentence(m: re.Match[str], ctx: TextContext, calendar: Calendar) -> str | None:
    token = ctx.token_at(ctx.start_char + m.start())
    sentence = token.sent.text if token is not None else ctx.text
    counts = {
        country: sum(len(re.findall(rf"{p.L}{re.escape(cue)}{p.R}", sentence)) for cue in cues)
        for country, cues in calendar.country_cues.items()
    }
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else None


def _pick_election(
    elections: list[Election], m: re.Match[str], ctx: TextContext, year: str | None
) -> Election | None:
    if year:
        return next((e for e in elections if e.date.year == int(year)), None)
    if ctx.dct is None:
        return None
    when = (m["when"] or "").lower()
    if when in _LAST_WORDS or (not when and ctx.direction(ctx.start_char + m.start()) == PAST):
        return next((e for e in reversed(elections) if e.date <= ctx.dct), None)
    return next((e for e in elections if e.date >= ctx.dct), None)


# --- terms of office -------------------------------------------------------------------


def read_term(m: re.Match[str], ctx: TextContext, at: int, calendar: Calendar) -> Reading | None:
    holder_terms = _holder_terms(ctx, at, calendar)
    if not holder_terms:
        return None
    first = holder_terms[0]
    length = calendar.term_length(first.country, first.office) or "PXY"
    term = _pick_term(holder_terms, (m["which"] or "his").lower(), ctx.dct)
    if term is None:
        return Reading("DURATION", length)
    return Reading("DURATION", length, interval=(term.start, term.end), anchor=term.id)


def _holder_terms(ctx: TextContext, at: int, calendar: Calendar) -> list[OfficeTerm]:
    for name in _people_near(ctx, at):
        if terms := calendar.terms_held_by(name):
            return terms
    if ctx.dct is None:
        return []
    current = calendar.term_at(ctx.dct, calendar.default_country)
    return calendar.terms_held_by(current.holder) if current else []


def _people_near(ctx: TextContext, at: int) -> Iterator[str]:
    """PERSON names: in the text read, then its sentence, then earlier ones, nearest first."""
    people = [e for e in ctx.doc.ents if e.label_ == "PERSON"]
    token = ctx.token_at(at)
    sentence = token.sent if token is not None else None
    yield from (e.text for e in people if ctx.start_char <= e.start_char < ctx.end_char)
    if sentence is not None:
        yield from (
            e.text for e in people if sentence.start_char <= e.start_char < sentence.end_char
        )
    yield from (e.text for e in reversed(people) if e.end_char <= at)


def _pick_term(terms: list[OfficeTerm], which: str, dct: dt.date | None) -> OfficeTerm | None:
    if which in ORDINALS:
        return next((t for t in terms if t.ordinal == ORDINALS[which]), None)
    if which == "final":
        return terms[-1]
    if dct is None:
        return None
    current = next((t for t in terms if t.start <= dct <= t.end), None)
    if which in ("current", "present"):
        return current
    if which == "his":  # "his term": the one he holds, else the one he is about to begin
        return current or next((t for t in terms if t.start > dct), None)
    if which == "next":
        return next((t for t in terms if t.start > dct), None)
    return next((t for t in reversed(terms) if t.end < dct), None)  # last, previous
