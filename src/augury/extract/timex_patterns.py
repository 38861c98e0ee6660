"""Regular-expression building blocks for English time expressions.

Each fragment is built from the word tables in ``timex_vocab`` and names its
parts with groups, so that a rule reads like the phrase it matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from augury.extract.timex_vocab import (
    AGO_WORDS,
    APPROX_MODS,
    DAY_WORDS,
    MONTHS,
    NIGHT_WORDS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    REFERENCE_WORDS,
    SEASONS,
    SET_WORDS,
    SHIFT_WORDS,
    UNIT_PLURALS,
    UNITS,
    VAGUE_AMOUNTS,
    WEEKDAYS,
)


def alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any blank."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def compile_rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


L = r"(?<!\w)"  # start of a word
R = r"(?!\w)"  # end of a word ("today's" ends a word at the apostrophe)
S = r"\s+"

YEAR = r"(?<![\d,.$£€#/])(?<!\d-)(?:1[6-9]\d\d|20\d\d)(?![\d%/]|,\d|\.\d|-\d)"
SHORT_YEAR = r"['’](?P<short>\d\d)(?!\w)"  # '98
DAY_NUMBER = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
MONTH = alt(MONTHS)
WEEKDAY = alt(WEEKDAYS)
SEASON = alt(SEASONS)
PART_OF_DAY = alt(PARTS_OF_DAY)
ORDINAL = alt(ORDINALS)
SHIFT = alt(SHIFT_WORDS)
SINGULAR_UNIT = alt(UNITS)
UNIT = alt([*UNITS, *UNIT_PLURALS])
PLURAL_UNIT = alt(UNIT_PLURALS)
NUMBER_WORD = alt(NUMBER_WORDS)
_TENS = alt(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
_ONES = alt(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
NUMBER = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_TENS}[-\s]+{_ONES}|{NUMBER_WORD})"
    rf"(?:\s+and\s+a\s+half)?"
)
VAGUE = alt(VAGUE_AMOUNTS)
APPROX = alt(APPROX_MODS)
REFERENCE = alt(REFERENCE_WORDS)
AGO = alt(AGO_WORDS)
DAY_WORD = alt(DAY_WORDS)
NIGHT_WORD = alt(NIGHT_WORDS)
SET_WORD = alt(SET_WORDS)

TIME_OF_DAY = (
    r"(?:(?P<h>\d{1,2})(?::(?P<min>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m)(?!\w)"
    r"|(?P<noon>noon|midday|midnight))(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC))?"
)
DAY_REF = rf"(?:(?P<wday>{WEEKDAY})|(?P<dword>{DAY_WORD}))"

# "the end of", "early", "mid-": the part of a period a phrase points at.
PART_PREFIX = compile_rule(
    rf"{L}(?:(?P<det>the\s+)?(?:very\s+)?(?P<noun>beginning|start|middle|end|close|turn)\s+of\s+"
    r"|(?P<adj>early|earlier|late|later|mid|middle)(?:-|\s+)|(?P<end>end)-)$"
)
APPROX_PREFIX = compile_rule(rf"{L}(?P<approx>{APPROX})\s+$")
