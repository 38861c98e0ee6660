"""The grammar of English time expressions: each rule is a regex and a reader.

A reader turns one regex match into a TIMEX3 ``Reading`` (type, value, mod and
the days it covers), resolving relative expressions against the document
creation time (DCT) the way HeidelTime does: "last year" is the DCT's year
minus one; a bare "Thursday" or "June" is the nearest one in the direction the
clause's tense points (the past when the tense says nothing, as news reports
mostly look back). Without a DCT, relative expressions keep TIMEX3 ``X``
placeholders ("XXXX-06") and no interval.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from augury.extract import timex_patterns as p
from augury.extract.timex_context import FUTURE, NEAREST, PAST, TextContext
from augury.extract.timex_dates import (
    Interval,
    duration_value,
    interval_of,
    month_value,
    part_of,
    quarter_of,
    shift,
    shift_by_duration,
    week_value,
)
from augury.extract.timex_vocab import (
    AGO_WORDS,
    AMBIGUOUS_MONTHS,
    CLOCK_UNITS,
    DAY_WORDS,
    DIRECTION_WORDS,
    MONTHS,
    NIGHT_WORDS,
    NUMBER_WORDS,
    ORDINALS,
    PART_MODS,
    PARTS_OF_DAY,
    REFERENCE_WORDS,
    SEASONS,
    SET_WORDS,
    SHIFT_WORDS,
    UNIT_PLURALS,
    UNITS,
    VAGUE_HORIZONS,
    WEEKDAYS,
)

TEMPORAL_PREPOSITIONS = frozenset(
    {
        "in",
        "since",
        "by",
        "of",
        "until",
        "till",
        "from",
        "before",
        "after",
        "during",
        "through",
        "to",
        "between",
        "around",
        "circa",
        "early",
        "late",
        "mid",
        "fiscal",
        "year",
        "and",
        "or",
        "for",
        "throughout",
        "on",
        "as",
        "the",
        "'s",
        "’s",
        "than",
    }
)


@dataclass(frozen=True)
class Reading:
    """What a time expression means: a TIMEX3 type, value and mod, and its days."""

    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    interval: Interval | None = None
    anchor: str | None = None  # id of the election or office term it names
    part_only: bool = False  # "the year": a time expression only inside "the end of the year"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], TextContext, int], Reading | None]


# --- small readers shared by the rules ---------------------------------------------


def date_reading(value: str, mod: str | None = None, type_: str = "DATE") -> Reading:
    """A DATE (or TIME) reading whose interval follows from its value."""
    interval = interval_of(value)
    return Reading(type_, value, mod, part_of(interval, mod) if interval else None)


def number(text: str | None) -> float | None:
    """ "18" -> 18, "twenty-five" -> 25, "two and a half" -> 2.5, "a" -> 1; None if vague."""
    if not text:
        return None
    text = " ".join(text.lower().replace(",", "").split())
    half = text.endswith(" and a half")
    text = text.removesuffix(" and a half")
    try:
        value = float(text)
    except ValueError:
        value = _number_words(text)
    return None if value is None else value + (0.5 if half else 0)


def _number_words(text: str) -> float | None:
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    parts = text.replace("-", " ").split()
    if parts and all(part in NUMBER_WORDS for part in parts):
        total = 0.0
        for part in parts:
            value = NUMBER_WORDS[part]
            total = total * value if value == 100 and total else total + value
        return total
    return None


def unit_name(text: str) -> str:
    word = text.lower()
    return UNIT_PLURALS.get(word, word)


def is_plural(text: str) -> bool:
    return text.lower() in UNIT_PLURALS


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _doc_offset(m: re.Match[str], ctx: TextContext, group: int | str = 0) -> int:
    return ctx.start_char + m.start(group)


def _word_before(m: re.Match[str], ctx: TextContext) -> str:
    words = ctx.text[: m.start()].split()
    return words[-1].lower().strip('("“') if words else ""


# --- resolving a period without a year ---------------------------------------------


def cyclic(
    dct: dt.date, value_for_year: Callable[[int], str], direction: int, strict: bool = False
) -> str:
    """The year's occurrence of a repeating period (June, summer, Q3) nearest the DCT.

    PAST: the latest that has begun by the DCT (``strict``: that has ended);
    FUTURE: the earliest not yet over (``strict``: not yet begun); NEAREST: the
    closest, a period holding the DCT first.
    """
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        value = value_for_year(year)
        if (interval := interval_of(value)) is not None:
            options.append((value, interval))
    if direction == PAST:
        kept = [o for o in options if (o[1][1] < dct if strict else o[1][0] <= dct)]
        return kept[-1][0] if kept else options[0][0]
    if direction == FUTURE:
        kept = [o for o in options if (o[1][0] > dct if strict else o[1][1] >= dct)]
        return kept[0][0] if kept else options[-1][0]
    return min(options, key=lambda o: _distance(dct, o[1]))[0]


def _distance(day: dt.date, interval: Interval) -> int:
    start, end = interval
    return 0 if start <= day <= end else min(abs((start - day).days), abs((end - day).days))


def shift_direction(word: str | None) -> int | None:
    """+1 / 0 / -1 for "next" / "this" / "last"; None without a word."""
    if not word:
        return None
    return SHIFT_WORDS.get(" ".join(word.lower().split()))


def resolve_cyclic(
    ctx: TextContext,
    at: int,
    value_for_year: Callable[[int], str],
    shift_word: str | None,
    direction: int | None = None,
) -> str:
    """Pick the year of a month/season/quarter named without one.

    "this June" is the DCT year's (or the period holding the DCT: "this winter"
    in January); "last"/"next" the previous/next one wholly before/after the
    DCT; without such a word the tense (or ``direction``) decides.
    """
    moved = shift_direction(shift_word)
    if moved is None:
        return cyclic(
            ctx.dct, value_for_year, ctx.direction(at) if direction is None else direction
        )
    if moved == 0:
        holding = cyclic(ctx.dct, value_for_year, NEAREST)
        interval = interval_of(holding)
        return (
            holding
            if interval and interval[0] <= ctx.dct <= interval[1]
            else (value_for_year(ctx.dct.year))
        )
    return cyclic(ctx.dct, value_for_year, moved, strict=True)


# --- calendar dates -----------------------------------------------------------------


def read_iso_date(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return date_reading(day.isoformat())


def read_month_day(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    month, day = MONTHS[m["month"].lower()], int(m["day"])
    if not _capitalised(m["month"]) or not _valid_day(month, day):
        return None
    if m["year"]:
        return date_reading(f"{int(m['year']):04d}-{month:02d}-{day:02d}")
    if ctx.dct is None:
        return date_reading(f"XXXX-{month:02d}-{day:02d}")
    if m["wd"] and (year := _year_matching_weekday(ctx.dct, month, day, m["wd"])):
        return date_reading(_day_value(year, month, day))
    value = resolve_cyclic(ctx, at, lambda y: _day_value(y, month, day), None)
    return date_reading(value)


def _year_matching_weekday(dct: dt.date, month: int, day: int, weekday: str) -> int | None:
    """ "Saturday, April 25": the year near the DCT in which April 25 is a Saturday."""
    wanted = WEEKDAYS[weekday.lower()]
    for year in (dct.year, dct.year + 1, dct.year - 1):
        try:
            if dt.date(year, month, day).isoweekday() == wanted:
                return year
        except ValueError:
            continue
    return None


def _valid_day(month: int, day: int) -> bool:
    try:
        dt.date(2000, month, day)  # a leap year, so that 29 February passes
    except ValueError:
        return False
    return True


def _day_value(year: int, month: int, day: int) -> str:
    if month == 2 and day == 29 and not _leap(year):
        day = 28
    return f"{year:04d}-{month:02d}-{day:02d}"


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def read_month_year(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    if not _capitalised(m["month"]):
        return None
    return date_reading(month_value(int(m["year"]), MONTHS[m["month"].lower()]))


def read_month_relative_year(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    """ "June last year", "January this year"."""
    if not _capitalised(m["month"]):
        return None
    month = MONTHS[m["month"].lower()]
    if ctx.dct is None:
        return date_reading(f"XXXX-{month:02d}")
    return date_reading(month_value(ctx.dct.year + SHIFT_WORDS[m["yshift"].lower()], month))


def read_month(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    name = m["month"]
    if not _capitalised(name) or (not m["shift"] and not _month_word_is_month(m, ctx)):
        return None
    month = MONTHS[name.lower()]
    if ctx.dct is None:
        return date_reading(f"XXXX-{month:02d}")
    return date_reading(resolve_cyclic(ctx, at, lambda y: month_value(y, month), m["shift"]))


def _month_word_is_month(m: re.Match[str], ctx: TextContext) -> bool:
    """ "May" the month, not the modal verb; "March" the month, not the verb."""
    word = m["month"].lower().rstrip(".")
    if word not in AMBIGUOUS_MONTHS:
        return True
    token = ctx.token_at(_doc_offset(m, ctx, "month"))
    return (
        token is not None
        and token.tag_ == "NNP"
        and (
            _word_before(m, ctx) in TEMPORAL_PREPOSITIONS
            or ctx.in_date_entity(token.idx, token.idx + len(token))
        )
    )


def read_year(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    if not m["fiscal"] and not _number_is_year(m, ctx):
        return None
    return date_reading(m["year"])


def _number_is_year(m: re.Match[str], ctx: TextContext) -> bool:
    """A four-digit number is a year after a temporal word, or in a spaCy DATE entity."""
    start, end = _doc_offset(m, ctx, "year"), ctx.start_char + m.end("year")
    token = ctx.token_at(start)
    following = token.nbor(1) if token is not None and token.i + 1 < len(token.doc) else None
    if following is not None and following.pos_ == "NOUN" and not ctx.in_date_entity(start, end):
        return False  # "2000 troops"
    if ctx.in_date_entity(start, end) or _word_before(m, ctx) in TEMPORAL_PREPOSITIONS:
        return True
    return following is None or following.is_punct


def read_short_year(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    if _word_before(m, ctx) not in TEMPORAL_PREPOSITIONS:
        return None
    return date_reading(str(_full_year(int(m["short"]), ctx.dct)))


def _full_year(two_digits: int, dct: dt.date | None) -> int:
    """'98 -> 1998, '05 -> 2005: the century that puts the year at most 20 years ahead."""
    reference = dct.year if dct else dt.date.today().year
    year = reference // 100 * 100 + two_digits
    return year - 100 if year > reference + 20 else year


def read_decade(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    first = int(m["decade"]) if m["decade"] else _full_year(int(m["short"]), ctx.dct)
    return date_reading(str(first // 10), PART_MODS.get((m["part"] or "").lower()))


def read_century(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    ordinal = ORDINALS[m["ord"].lower()]
    return date_reading(f"{ordinal - 1:02d}", PART_MODS.get((m["part"] or "").lower()))


# --- quarters, halves, seasons ----------------------------------------------------


def _year_of_phrase(m: re.Match[str], ctx: TextContext) -> int | None:
    """The year in "of 2026" / "of next year" / "of the year", if the phrase names one."""
    year = m["year"] or m.groupdict().get("year0")
    if year:
        return int(year)
    if m["yshift"] and ctx.dct:
        return ctx.dct.year + (shift_direction(m["yshift"]) or 0)
    if m["ythe"] and ctx.dct:
        return ctx.dct.year
    return None


def _period_in_year(
    m: re.Match[str],
    ctx: TextContext,
    at: int,
    value_for_year: Callable[[int], str],
    placeholder: str,
) -> Reading:
    year = _year_of_phrase(m, ctx)
    if year is not None:
        return date_reading(value_for_year(year))
    if ctx.dct is None:
        return Reading("DATE", placeholder)
    # quarters and halves are mostly reporting periods: the one nearest the DCT
    return date_reading(resolve_cyclic(ctx, at, value_for_year, None, NEAREST))


def read_quarter(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    quarter = ORDINALS.get(m["ord"].lower(), 4)
    return _period_in_year(m, ctx, at, lambda y: f"{y}-Q{quarter}", f"XXXX-Q{quarter}")


def read_half(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    half = 2 if m["ord"].lower() in ("second", "2nd", "latter") else 1
    if _year_of_phrase(m, ctx) is None and not ctx.in_date_entity(at, at + len(m[0])):
        return None  # "the second half" of a match
    return _period_in_year(m, ctx, at, lambda y: f"{y}-H{half}", f"XXXX-H{half}")


def read_season(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    code = SEASONS[m["season"].lower()]
    if not (m["shift"] or m["year"] or _season_context(m, ctx)):
        return None
    if m["year"]:
        return date_reading(f"{m['year']}-{code}")
    if ctx.dct is None:
        return date_reading(f"XXXX-{code}")
    return date_reading(resolve_cyclic(ctx, at, lambda y: f"{y}-{code}", m["shift"]))


def _season_context(m: re.Match[str], ctx: TextContext) -> bool:
    """A bare season noun after "in (the)", "during", "by", "until", "since", "over"."""
    if m["season"].lower() == "fall" and not m["the"]:
        return False
    before = ctx.text[: m.start()].lower().split()[-1:]
    return bool(before) and before[0] in (
        "in",
        "during",
        "by",
        "until",
        "since",
        "over",
        "through",
        "throughout",
        "this",
        "that",
    )


# --- days and times of day --------------------------------------------------------


def weekday_date(dct: dt.date, weekday: int, moved: int | None, direction: int) -> dt.date:
    """The date of a weekday named relative to the DCT ("last Friday", "Friday")."""
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if moved == -1:
        return dct - dt.timedelta(days=back or 7)
    if moved == 1:
        return dct + dt.timedelta(days=ahead or 7)
    if moved == 0:
        return dct + dt.timedelta(days=weekday - dct.isoweekday())
    if direction == FUTURE:
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back)


def read_weekday(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    if not _capitalised(m["wday"]):
        return None
    weekday = WEEKDAYS[m["wday"].lower()]
    part = PARTS_OF_DAY.get((m["pod"] or "").lower())
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday}"
    else:
        moved = shift_direction(m["shift"])
        value = weekday_date(ctx.dct, weekday, moved, ctx.direction(at)).isoformat()
    return _day_or_time(value, part)


def _day_or_time(day_value: str, part: str | None) -> Reading:
    if part:
        reading = date_reading(day_value)
        return Reading("TIME", f"{day_value}T{part}", interval=reading.interval)
    return date_reading(day_value)


def read_day_word(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    offset = DAY_WORDS[m["word"].lower()]
    part = PARTS_OF_DAY.get((m["pod"] or "").lower())
    if ctx.dct is None:
        return Reading("TIME" if part else "DATE", "XXXX-XX-XX" + (f"T{part}" if part else ""))
    return _day_or_time((ctx.dct + dt.timedelta(days=offset)).isoformat(), part)


def read_night_word(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    offset, part = NIGHT_WORDS[" ".join(m["word"].lower().split())]
    if ctx.dct is None:
        return Reading("TIME", f"XXXX-XX-XXT{part}")
    return _day_or_time((ctx.dct + dt.timedelta(days=offset)).isoformat(), part)


def read_this_part_of_day(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    part = PARTS_OF_DAY[m["pod"].lower()]
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return _day_or_time(day, part)


def read_clock(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    """ "10 p.m.", "noon Thursday", "Friday at 3 pm": a TIME on the day named (or the DCT)."""
    if m["noon"]:
        clock = "12:00" if m["noon"].lower() in ("noon", "midday") else "24:00"
    elif int(m["h"]) > 12:
        return None
    else:
        hour = int(m["h"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
        clock = f"{hour:02d}:{m['min'] or '00'}"
    day = _day_named(m, ctx, at)
    return Reading("TIME", f"{day}T{clock}", interval=interval_of(day))


def _day_named(m: re.Match[str], ctx: TextContext, at: int) -> str:
    if ctx.dct is None:
        return f"XXXX-WXX-{WEEKDAYS[m['wday'].lower()]}" if m["wday"] else "XXXX-XX-XX"
    if m["wday"]:
        weekday = WEEKDAYS[m["wday"].lower()]
        return weekday_date(ctx.dct, weekday, None, ctx.direction(at)).isoformat()
    offset = DAY_WORDS[m["dword"].lower()] if m["dword"] else 0
    return (ctx.dct + dt.timedelta(days=offset)).isoformat()


# --- expressions relative to the DCT ------------------------------------------------


def relative_value(dct: dt.date, unit: str, moved: int) -> str:
    """The calendar period ``moved`` units from the DCT's: ("year", -1) -> last year."""
    if unit == "weekend":
        return week_value(dct + dt.timedelta(weeks=moved)) + "-WE"
    day = shift(dct, moved, unit)
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        return week_value(day)
    if unit == "month":
        return month_value(day.year, day.month)
    if unit == "quarter":
        return f"{day.year}-Q{quarter_of(day)}"
    if unit == "decade":
        return str(day.year // 10)
    if unit == "century":
        return f"{day.year // 100:02d}"
    return str(day.year)


def _placeholder(unit: str) -> str:
    return {
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "day": "XXXX-XX-XX",
        "decade": "XXX",
        "century": "XX",
    }.get(unit, "XXXX")


def read_relative_unit(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    """ "last year", "this week", "the coming month"; "the weekend", "the quarter" by tense."""
    unit = m["unit"].lower()
    word = " ".join(m["shift"].lower().split())
    definite = word == "the"
    part_only = definite and unit not in ("weekend", "quarter")
    if unit in ("decade", "century") and word in _SPAN_PHRASES:
        # "over the next decade" is the next ten years, not the 2030s
        value = duration_value(1, unit)
        return Reading(
            "DURATION",
            value,
            interval=_duration_interval(
                ctx.dct, value, unit, SHIFT_WORDS[word.removeprefix("the ")]
            ),
        )
    if ctx.dct is None:
        return Reading("DATE", _placeholder(unit), part_only=part_only)
    if definite and unit == "weekend":
        return date_reading(_weekend_value(ctx.dct, ctx.direction(at)))
    # "the quarter" in a past-tense report is the last one completed
    moved = (
        -1
        if definite and unit == "quarter" and ctx.direction(at) == PAST
        else (0 if definite else SHIFT_WORDS[word.removeprefix("the ")])
    )
    return replace(date_reading(relative_value(ctx.dct, unit, moved)), part_only=part_only)


_SPAN_PHRASES = frozenset({"the next", "the coming", "the past", "the following"})


def _weekend_value(dct: dt.date, direction: int) -> str:
    saturday = weekday_date(dct, 6, None, FUTURE if direction == FUTURE else PAST)
    return week_value(saturday) + "-WE"


def read_ago(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    unit = unit_name(m["unit"])
    sign = AGO_WORDS[" ".join(m["ago"].lower().split())]
    amount = number(m["amount"])
    if unit in CLOCK_UNITS:
        return None
    if amount is None or ctx.dct is None:
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if amount != int(amount):
        return None
    return date_reading(relative_value(ctx.dct, unit, sign * int(amount)))


def read_day_after(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    """ "the day before yesterday", "the day after tomorrow"."""
    offset = -2 if m["which"].lower() == "before" else 2
    if ctx.dct is None:
        return Reading("DATE", "XXXX-XX-XX")
    return date_reading((ctx.dct + dt.timedelta(days=offset)).isoformat())


# --- durations ----------------------------------------------------------------------


def read_duration(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    """ "five years", "the past two years", "the coming months", "a two-year (deal)"."""
    parts = {"amount": "", "dir": "", "the": "", "orso": ""}
    parts.update({k: v or "" for k, v in m.groupdict().items()})
    unit = unit_name(parts["unit"])
    if _not_a_duration(parts, m, ctx, unit):
        return None
    if _amount_is_article(parts) and _per_unit(m, ctx):
        return Reading("SET", duration_value(1, unit))  # "$5 billion a year", "twice a year"
    value = duration_value(number(parts["amount"]), unit)
    direction = DIRECTION_WORDS.get(parts["dir"].lower())
    return Reading(
        "DURATION",
        value,
        "APPROX" if parts["orso"] else None,
        _duration_interval(ctx.dct, value, unit, direction),
    )


def _not_a_duration(parts: dict[str, str], m: re.Match[str], ctx: TextContext, unit: str) -> bool:
    """ "three-quarters of the vote" is a fraction; "a second" an ordinal; "1988 quarter"."""
    if unit == "quarter" and re.match(r"\s+of\b", ctx.text[m.end() :]):
        return True
    if re.fullmatch(p.YEAR, parts["amount"]) and not is_plural(parts["unit"]):
        return True
    return unit == "second" and _amount_is_article(parts)


def _amount_is_article(parts: dict[str, str]) -> bool:
    return parts["amount"].lower() in ("a", "an") and not parts["dir"] and not parts["the"]


def _per_unit(m: re.Match[str], ctx: TextContext) -> bool:
    word = _word_before(m, ctx)
    return (
        word in ("once", "twice", "thrice", "times", "per")
        or any(ch.isdigit() for ch in word)
        or word in ("million", "billion", "trillion", "percent")
    )


def _duration_interval(
    dct: dt.date | None, value: str, unit: str, direction: int | None
) -> Interval | None:
    """The days a directed duration covers: "the past two years" ends at the DCT."""
    if dct is None or direction is None:
        return None
    length = value if "X" not in value else VAGUE_HORIZONS.get(UNITS[unit][0])
    if length is None or length.startswith("PT"):
        return None
    other = shift_by_duration(dct, length, direction)
    if other is None:
        return None
    return (other, dct) if direction < 0 else (dct, other)


def read_bare_plural(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    """ "for years", "within weeks": an unspecified number of units."""
    return Reading("DURATION", duration_value(None, unit_name(m["unit"])))


# --- reference words and sets -------------------------------------------------------


def read_reference(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    word = " ".join(m["word"].lower().split())
    token = ctx.token_at(at)
    if word == "future" and token is not None and token.pos_ != "NOUN":
        return None  # "future growth"
    if word == "soon" and (
        _word_before(m, ctx) == "as"
        or re.match(r"\s+(?:after|afterwards?|thereafter)\b", ctx.text[m.end() :], re.IGNORECASE)
    ):
        return None  # "as soon as", "soon after": tied to another event, not to the DCT
    return Reading("DATE", REFERENCE_WORDS[word])


def read_every(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    what = m["what"].lower()
    if what in UNITS:
        return Reading("SET", duration_value(1, what))
    if what in PARTS_OF_DAY:
        return Reading("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[what]}")
    if what in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[what]}")
    if what in SEASONS:
        return Reading("SET", f"XXXX-{SEASONS[what]}")
    if what in MONTHS:
        return Reading("SET", f"XXXX-{MONTHS[what]:02d}")
    return Reading("SET", "XXXX")


def read_frequency_adverb(m: re.Match[str], ctx: TextContext, at: int) -> Reading | None:
    return Reading("SET", SET_WORDS[m["word"].lower()])


# --- the rule table -----------------------------------------------------------------

_SHIFT_PHRASE = (
    r"(?:the\s+)?(?:past|last|next|coming|previous|following|current|present"
    r"|latest|most\s+recent)"
    r"|this|last|next|coming|upcoming|past"
)

RULES: tuple[Rule, ...] = (
    Rule(
        "iso_date",
        p.compile_rule(rf"{p.L}(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d){p.R}"),
        read_iso_date,
    ),
    Rule(
        "month_day",
        p.compile_rule(
            rf"{p.L}(?:(?P<wd>{p.WEEKDAY}),?\s+)?(?P<month>{p.MONTH})\s*{p.DAY_NUMBER}"
            rf"(?:,?\s+(?P<year>{p.YEAR}))?{p.R}"
        ),
        read_month_day,
    ),
    Rule(
        "day_month",
        p.compile_rule(
            rf"{p.L}(?:(?P<wd>{p.WEEKDAY}),?\s+)?(?:the\s+)?{p.DAY_NUMBER}(?:\s+of)?\s+"
            rf"(?P<month>{p.MONTH})"
            rf"(?:,?\s+(?P<year>{p.YEAR}))?{p.R}"
        ),
        read_month_day,
    ),
    Rule(
        "month_year",
        p.compile_rule(rf"{p.L}(?P<month>{p.MONTH})(?:\s+of)?,?\s+(?P<year>{p.YEAR}){p.R}"),
        read_month_year,
    ),
    Rule(
        "month",
        p.compile_rule(
            rf"{p.L}(?:(?P<shift>last|this|next|past|coming)\s+)?(?P<month>{p.MONTH}){p.R}"
        ),
        read_month,
    ),
    Rule(
        "year",
        p.compile_rule(
            rf"{p.L}(?P<fiscal>fiscal(?:\s+year)?\s+|the\s+year\s+)?(?P<year>{p.YEAR}){p.R}"
        ),
        read_year,
    ),
    Rule("short_year", p.compile_rule(rf"{p.SHORT_YEAR}"), read_short_year),
    Rule(
        "decade",
        p.compile_rule(
            rf"{p.L}(?:the\s+)?(?:(?P<part>early|mid|late)[-\s]+)?"
            rf"(?:(?P<decade>1[6-9]\d0|20\d0)|['’](?P<short>\d0))['’]?s{p.R}"
        ),
        read_decade,
    ),
    Rule(
        "century",
        p.compile_rule(
            rf"{p.L}(?:the\s+)?(?:(?P<part>early|mid|late)[-\s]+)?(?P<ord>{p.ORDINAL})"
            rf"[-\s]+century{p.R}"
        ),
        read_century,
    ),
    Rule(
        "quarter",
        p.compile_rule(
            rf"{p.L}(?:the\s+)?(?:(?P<year0>{p.YEAR})\s+)?(?:fiscal\s+)?"
            rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
            rf"[-\s]+quarter(?:\s+of\s+(?:(?P<year>{p.YEAR})|(?P<yshift>this|next|last)\s+year"
            rf"|(?P<ythe>the)\s+year))?{p.R}"
        ),
        read_quarter,
    ),
    Rule(
        "last_quarter_of",
        p.compile_rule(
            rf"{p.L}the\s+(?P<ord>last|final)\s+quarter\s+of\s+(?:(?P<year>{p.YEAR})"
            rf"|(?P<yshift>this|next|last)\s+year|(?P<ythe>the)\s+year){p.R}"
        ),
        read_quarter,
    ),
    Rule(
        "q_quarter",
        p.compile_rule(
            rf"{p.L}(?:Q(?P<q>[1-4])\s+(?P<year>{p.YEAR})|(?P<year2>{p.YEAR})\s+Q(?P<q2>[1-4])){p.R}"
        ),
        lambda m, ctx, at: date_reading(f"{m['year'] or m['year2']}-Q{m['q'] or m['q2']}"),
    ),
    Rule(
        "half",
        p.compile_rule(
            rf"{p.L}(?:the\s+)?(?P<ord>first|second|1st|2nd|latter)\s+half"
            rf"(?:\s+of\s+(?:(?P<year>{p.YEAR})|(?P<yshift>this|next|last)\s+year"
            rf"|(?P<ythe>the)\s+year))?{p.R}"
        ),
        read_half,
    ),
    Rule(
        "season",
        p.compile_rule(
            rf"{p.L}(?:(?P<shift>last|this|next|past|coming)\s+|(?P<the>the)\s+)?"
            rf"(?P<season>{p.SEASON})(?:\s+(?:of\s+)?(?P<year>{p.YEAR}))?{p.R}"
        ),
        read_season,
    ),
    Rule(
        "weekday",
        p.compile_rule(
            rf"{p.L}(?:(?P<shift>last|this|next|coming|past)\s+)?(?P<wday>{p.WEEKDAY})"
            rf"(?:\s+(?P<pod>{p.PART_OF_DAY}))?{p.R}"
        ),
        read_weekday,
    ),
    Rule(
        "day_word",
        p.compile_rule(rf"{p.L}(?P<word>{p.DAY_WORD})(?:\s+(?P<pod>{p.PART_OF_DAY}))?{p.R}"),
        read_day_word,
    ),
    Rule(
        "day_after",
        p.compile_rule(rf"{p.L}the\s+day\s+(?P<which>before|after)\s+(?:yesterday|tomorrow){p.R}"),
        read_day_after,
    ),
    Rule("night_word", p.compile_rule(rf"{p.L}(?P<word>{p.NIGHT_WORD}){p.R}"), read_night_word),
    Rule(
        "this_part_of_day",
        p.compile_rule(rf"{p.L}this\s+(?P<pod>{p.PART_OF_DAY}){p.R}"),
        read_this_part_of_day,
    ),
    Rule(
        "clock",
        p.compile_rule(rf"{p.L}{p.TIME_OF_DAY}(?:,?\s+(?:on\s+)?{p.DAY_REF})?(?!\w)"),
        read_clock,
    ),
    Rule(
        "day_clock", p.compile_rule(rf"{p.L}{p.DAY_REF},?\s+(?:at\s+)?{p.TIME_OF_DAY}"), read_clock
    ),
    Rule(
        "month_relative_year",
        p.compile_rule(
            rf"{p.L}(?P<month>{p.MONTH})(?:\s+of)?\s+(?P<yshift>this|next|last)\s+year{p.R}"
        ),
        read_month_relative_year,
    ),
    Rule(
        "relative_unit",
        p.compile_rule(
            rf"{p.L}(?P<shift>{_SHIFT_PHRASE}|the)\s+"
            rf"(?:fiscal\s+)?(?P<unit>week|month|year|quarter|decade|century|weekend){p.R}"
        ),
        read_relative_unit,
    ),
    Rule(
        "ago",
        p.compile_rule(
            rf"{p.L}(?P<amount>{p.NUMBER}|{p.VAGUE})\s+(?P<unit>{p.UNIT})(?:\s+or\s+so)?"
            rf"\s+(?P<ago>{p.AGO}){p.R}"
        ),
        read_ago,
    ),
    Rule(
        "duration",
        p.compile_rule(
            rf"{p.L}(?:(?P<the>the)\s+)?(?:(?P<dir>past|last|next|coming|previous|recent|following"
            rf"|upcoming|first|final|initial)\s+)?(?P<amount>{p.NUMBER}|{p.VAGUE})"
            rf"(?:\s+more)?\s+(?P<unit>{p.UNIT})(?P<orso>\s+or\s+so)?{p.R}(?!-\w|\s+old)"
        ),
        read_duration,
    ),
    Rule(
        "unit_adjective",
        p.compile_rule(  # "a two-year deal": "the" belongs to the noun
            rf"{p.L}(?P<amount>{p.NUMBER})-(?P<unit>{p.SINGULAR_UNIT})"
            rf"{p.R}(?!-\w)"
        ),
        read_duration,
    ),
    Rule(
        "directed_plural",
        p.compile_rule(
            rf"{p.L}(?:(?P<the>the)\s+)?(?P<dir>past|last|next|coming|previous|recent|following"
            rf"|upcoming)\s+(?P<unit>{p.PLURAL_UNIT})(?P<orso>\s+or\s+so)?{p.R}"
        ),
        read_duration,
    ),
    Rule(
        "bare_plural",
        p.compile_rule(  # the extent is group x: "for (years)"
            rf"{p.L}(?:for|within|in|over|after|took|takes|take|lasted)\s+(?P<x>(?P<unit>"
            rf"{p.PLURAL_UNIT})){p.R}(?!\s+(?:of|ago|earlier|later|before|after))"
        ),
        read_bare_plural,
    ),
    Rule("reference", p.compile_rule(rf"{p.L}(?P<word>{p.REFERENCE}){p.R}"), read_reference),
    Rule(
        "every",
        p.compile_rule(
            rf"{p.L}(?:every|each)\s+(?:other\s+)?(?P<what>{p.SINGULAR_UNIT}|{p.PART_OF_DAY}"
            rf"|{p.WEEKDAY}|{p.SEASON}|{p.MONTH}|season){p.R}"
        ),
        read_every,
    ),
    Rule(
        "frequency_adverb",
        p.compile_rule(rf"{p.L}(?P<word>{p.SET_WORD}){p.R}"),
        read_frequency_adverb,
    ),
)
