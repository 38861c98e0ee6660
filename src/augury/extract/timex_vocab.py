"""The words of English time expressions and what each one means.

Every table the time-expression grammar (``timex_rules``) and the window rules
(``timex``) read lives here, so that a word is added in one place. Values follow
TimeML TIMEX3 conventions (ISO 8601 with TimeML extensions: seasons ``SP``,
parts of the day ``MO``, reference points ``PRESENT_REF``).
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "jan.": 1,
    "jan": 1,
    "february": 2,
    "feb.": 2,
    "feb": 2,
    "march": 3,
    "mar.": 3,
    "april": 4,
    "apr.": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun.": 6,
    "july": 7,
    "jul.": 7,
    "august": 8,
    "aug.": 8,
    "aug": 8,
    "september": 9,
    "sept.": 9,
    "sep.": 9,
    "sept": 9,
    "october": 10,
    "oct.": 10,
    "oct": 10,
    "november": 11,
    "nov.": 11,
    "nov": 11,
    "december": 12,
    "dec.": 12,
    "dec": 12,
}
# Month names that are also common words; they count as months only when tagged
# as proper nouns or written next to a day or a year.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "jan", "aug", "sept", "oct", "dec", "nov"})

WEEKDAYS: dict[str, int] = {  # ISO weekday numbers
    "monday": 1,
    "tuesday": 2,
    "wednesday": 3,
    "thursday": 4,
    "friday": 5,
    "saturday": 6,
    "sunday": 7,
}

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
# Meteorological seasons of the northern hemisphere: first month and length.
# Winter starts in December of its year and runs into the next year.
SEASON_MONTHS: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "half a": 0.5,
    "a half": 0.5,
}
# Words that stand for an unknown amount: "several years" -> PXY.
VAGUE_AMOUNTS = ("several", "a few", "few", "some", "many", "a number of", "numerous")

ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
    "eleventh": 11,
    "11th": 11,
    "twelfth": 12,
    "12th": 12,
    "thirteenth": 13,
    "13th": 13,
    "fourteenth": 14,
    "14th": 14,
    "fifteenth": 15,
    "15th": 15,
    "sixteenth": 16,
    "16th": 16,
    "seventeenth": 17,
    "17th": 17,
    "eighteenth": 18,
    "18th": 18,
    "nineteenth": 19,
    "19th": 19,
    "twentieth": 20,
    "20th": 20,
    "twenty-first": 21,
    "21st": 21,
}

# Calendar units: the TIMEX3 duration letter and how many of them one unit is.
# Quarters and decades are written in months and years: P3M, P10Y.
UNITS: dict[str, tuple[str, int]] = {
    "second": ("S", 1),
    "minute": ("M", 1),
    "hour": ("H", 1),
    "day": ("D", 1),
    "week": ("W", 1),
    "month": ("M", 1),
    "quarter": ("M", 3),
    "year": ("Y", 1),
    "decade": ("Y", 10),
    "century": ("Y", 100),
}
CLOCK_UNITS = frozenset({"second", "minute", "hour"})  # written after "PT"
UNIT_PLURALS: dict[str, str] = {
    "seconds": "second",
    "minutes": "minute",
    "hours": "hour",
    "days": "day",
    "weeks": "week",
    "months": "month",
    "quarters": "quarter",
    "years": "year",
    "decades": "decade",
    "centuries": "century",
}

# "early/mid/late X" and "the beginning/middle/end of X" -> TIMEX3 mod.
PART_MODS: dict[str, str] = {
    "early": "START",
    "earlier": "START",
    "beginning": "START",
    "start": "START",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "later": "END",
    "end": "END",
    "close": "END",
    "turn": "START",
}
# Quantity hedges in front of a duration or a date -> TIMEX3 mod.
APPROX_MODS: dict[str, str] = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "just under": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "more than": "MORE_THAN",
    "just over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}

# Words for the present, the past and the future as a whole.
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "recently": "PAST_REF",
    "the past": "PAST_REF",
    "lately": "PAST_REF",
    "the future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the foreseeable future": "FUTURE_REF",
    "shortly": "FUTURE_REF",
    "the long term": "FUTURE_REF",
    "the long run": "FUTURE_REF",
}

# Relative words: which way and how far they move from the reference date.
SHIFT_WORDS: dict[str, int] = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "latest": -1,
    "most recent": -1,
    "this": 0,
    "current": 0,
    "the current": 0,
    "the present": 0,
    "next": 1,
    "coming": 1,
    "upcoming": 1,
    "following": 1,
}
DIRECTION_WORDS: dict[str, int] = {  # "the past two years", "the next few months"
    "past": -1,
    "last": -1,
    "previous": -1,
    "recent": -1,
    "preceding": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "upcoming": 1,
}
AGO_WORDS: dict[str, int] = {  # "two years ago"; "a year earlier" counts from the DCT too
    "ago": -1,
    "earlier": -1,
    "from now": 1,
    "hence": 1,
}

DAY_WORDS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1}
NIGHT_WORDS: dict[str, tuple[int, str]] = {  # -> (day offset, part of day)
    "tonight": (0, "NI"),
    "overnight": (0, "NI"),
    "last night": (-1, "NI"),
}

SET_WORDS: dict[str, str] = {  # adverbs of frequency -> TIMEX3 SET value
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "hourly": "PT1H",
}

# The horizon of a vague forward duration ("the coming months") or of a
# forward reference word ("soon"), used when such a phrase bounds a forecast
# window. Keys are TIMEX3 units of "PX<unit>" and reference words.
VAGUE_HORIZONS: dict[str, str] = {
    "D": "P10D",
    "W": "P6W",
    "M": "P6M",
    "Y": "P5Y",
    "H": "PT12H",
    "soon": "P6M",
    "shortly": "P3M",
    "the near future": "P1Y",
    "the foreseeable future": "P5Y",
    "the long term": "P10Y",
    "the long run": "P10Y",
}

# Words that announce what a time expression does to a forecast window.
WINDOW_SIGNALS: dict[str, str] = {
    "by": "until",
    "before": "before",
    "until": "until",
    "till": "until",
    "through": "until",
    "no later than": "until",
    "ahead of": "before",
    "prior to": "before",
    "up to": "until",
    "within": "within",
    "in the next": "within",
    "over the next": "within",
    "during the next": "within",
    "in": "in",
    "during": "in",
    "on": "in",
    "at": "in",
    "throughout": "in",
    "for": "in",
    "over": "within",
    "after": "after",
    "following": "after",
    "from": "after",
    "starting": "after",
    "beginning": "after",
    "since": "since",
    "between": "between",
}
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo", "’ll"})
# Words right before a bare date that say which way it lies, whatever the tense:
# "extended until Nov. 20", "effective Feb. 1" (ahead); "since March" (behind).
DIRECTION_CUES: dict[str, int] = {
    "until": 1,
    "till": 1,
    "through": 1,
    "by": 1,
    "effective": 1,
    "payable": 1,
    "expire": 1,
    "expires": 1,
    "due": 1,
    "since": -1,
}
