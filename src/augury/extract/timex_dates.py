"""Calendar arithmetic and TIMEX3 values: from a value string to the days it covers.

A TIMEX3 DATE value names a calendar period ("2026", "2026-Q3", "2026-W12",
"202" for the 2020s). ``interval_of`` turns one into its first and last day, so
that every rule only has to build the value string. Periods are closed
intervals of ``datetime.date``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from augury.extract.timex_vocab import CLOCK_UNITS, SEASON_MONTHS, UNITS

Interval = tuple[dt.date, dt.date]

_DAY = dt.timedelta(days=1)
_VALUE = re.compile(
    r"^(?:(?P<century>\d{2})|(?P<decade>\d{3})|(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{1,2})(?:-(?P<wday>\d|WE))?"
    r"|Q(?P<quarter>\d)|H(?P<half>\d)|(?P<season>SP|SU|FA|WI)))?)(?:T.*)?$"
)
_DURATION = re.compile(r"^PT?(?P<amount>\d+(?:\.\d+)?|X)(?P<unit>[SMHDWYQ]|DE|CE)$")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month, months later (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, amount: float, unit: str) -> dt.date:
    """Move a day by a number of calendar units (names from ``UNITS``; clock units: no move)."""
    if unit in CLOCK_UNITS:
        return day
    letter, size = UNITS[unit]
    total = amount * size
    if letter == "Y":
        return add_months(day, round(total * 12))
    if letter == "M":
        return add_months(day, round(total))
    if letter == "W":
        return day + dt.timedelta(weeks=total)
    return day + dt.timedelta(days=total)


def shift_by_duration(day: dt.date, value: str, sign: int = 1) -> dt.date | None:
    """Move a day by a TIMEX3 duration ("P5Y", "P18M", "P2W"); None if vague."""
    match = _DURATION.match(value)
    if not match or match["amount"] == "X" or value.startswith("PT"):
        return None
    unit = {
        "Y": "year",
        "M": "month",
        "W": "week",
        "D": "day",
        "Q": "quarter",
        "DE": "decade",
        "CE": "century",
    }[match["unit"]]
    return shift(day, sign * float(match["amount"]), unit)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_interval(year: int, first_month: int, count: int) -> Interval:
    """The days of ``count`` months starting with a month (may cross a year)."""
    start = dt.date(year, first_month, 1)
    last = add_months(start, count - 1)
    return start, month_end(last.year, last.month)


def iso_week_interval(year: int, week: int) -> Interval:
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday, monday + dt.timedelta(days=6)


def week_value(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def interval_of(value: str) -> Interval | None:
    """The first and last day a TIMEX3 DATE value covers, or None (vague or unknown)."""
    match = _VALUE.match(value or "")
    if not match:
        return None
    parts = match.groupdict()
    if parts["century"]:
        first = int(parts["century"]) * 100
        return dt.date(first, 1, 1), dt.date(first + 99, 12, 31)
    if parts["decade"]:
        first = int(parts["decade"]) * 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    return _interval_in_year(int(parts["year"]), parts)


def _interval_in_year(year: int, parts: dict[str, str | None]) -> Interval | None:
    if parts["day"]:
        day = dt.date(year, int(parts["month"]), int(parts["day"]))
        return day, day
    if parts["month"]:
        return months_interval(year, int(parts["month"]), 1)
    if parts["week"]:
        return _week_part(year, int(parts["week"]), parts["wday"])
    if parts["quarter"]:
        return months_interval(year, 3 * int(parts["quarter"]) - 2, 3)
    if parts["half"]:
        return months_interval(year, 6 * int(parts["half"]) - 5, 6)
    if parts["season"]:
        return months_interval(year, SEASON_MONTHS[parts["season"]], 3)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _week_part(year: int, week: int, weekday: str | None) -> Interval | None:
    try:
        monday, sunday = iso_week_interval(year, week)
    except ValueError:
        return None
    if weekday == "WE":
        return sunday - _DAY, sunday
    if weekday:
        day = monday + dt.timedelta(days=int(weekday) - 1)
        return day, day
    return monday, sunday


def part_of(interval: Interval, mod: str | None) -> Interval:
    """The early / middle / late third of a period (``mod`` START, MID, END).

    Periods of whole months split by months when they divide by three (a year:
    January-April, May-August, September-December); others split by days.
    """
    if mod not in ("START", "MID", "END"):
        return interval
    start, end = interval
    third = {"START": 0, "MID": 1, "END": 2}[mod]
    months = _whole_months(start, end)
    if months and months % 3 == 0:
        first = add_months(start, third * months // 3)
        last = add_months(first, months // 3 - 1)
        return first, month_end(last.year, last.month)
    days = (end - start).days + 1
    first = start + dt.timedelta(days=third * days // 3)
    last = start + dt.timedelta(days=(third + 1) * days // 3 - 1)
    return first, max(first, last)


def _whole_months(start: dt.date, end: dt.date) -> int | None:
    if start.day != 1 or end != month_end(end.year, end.month):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def duration_value(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: (5, "year") -> "P5Y", (None, "month") -> "PXM", (3, "hour") -> "PT3H"."""
    letter, size = UNITS[unit]
    clock = "T" if unit in CLOCK_UNITS else ""
    if amount is None:
        return f"P{clock}X{letter}"
    total = amount * size
    if total != int(total):  # "half a year" -> P6M, "half an hour" -> PT30M
        return _smaller_unit_value(total, letter, clock)
    return f"P{clock}{int(total)}{letter}"


def _smaller_unit_value(total: float, letter: str, clock: str) -> str:
    smaller = {
        "Y": ("M", 12),
        "M": ("D", 30),
        "W": ("D", 7),
        "D": ("H", 24),
        "H": ("M", 60),
        "S": ("S", 1),
    }
    next_letter, factor = smaller[letter]
    if clock or next_letter == "H":
        return f"PT{round(total * factor)}{next_letter}"
    return f"P{round(total * factor)}{next_letter}"
