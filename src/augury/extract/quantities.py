"""Figures in news text: money in any currency, percentages and their changes, counts.

``extract_quantities(doc)`` reads one parsed spaCy ``Doc`` and returns
``Quantity`` objects whose ``span`` indexes ``doc.text`` (``text`` is
``doc.text[start:end]``). spaCy's MONEY/PERCENT/CARDINAL entities split or miss
too much ("HK$10bn", "1.52 trillion won", "£3.5bn"), so numbers are read from the
characters by a small lexer and grammar; the parse supplies what the characters
cannot: the counted noun, dates and times, the verb of a change.

Kinds and units (the ``unit`` field):

- ``money``: the ISO 4217 code ("USD", "KRW"); ``None`` where the currency word
  has no usual reading ("5 million pesos"). "$" alone is USD, "¥" alone JPY.
  A rate adds the period or the thing priced: "10 billion dollars a year" ->
  "USD/year", "$80 a barrel" -> "USD/bbl" (measures by their symbol). Counts
  and measures take rates the same way ("500,000 barrels per day" -> "bbl/day").
  "pound(s)" is money only with a scale word, a qualifier, a MONEY entity or a
  money verb, else weight ("lb", kind ``other``); "won" is money only with a
  scale word, a value of 1,000 or more, a qualifier or a conversion after it.
  An exchange rate is money in the base currency per unit of the other:
  "the won ... 1,500 per dollar" -> 1500 "KRW/USD" (the base is the last "the
  <currency>" in the 400 characters before; without one it stays a bare number).
- ``percent``: "%" for a level ("a 25 percent tariff", "rose to 5 percent").
- ``percent_change``: a change stated in percent, signed (falls are negative):
  "an 8.3 percent increase" -> 8.3 "%", "fell 5%" -> -5 "%". Percentage points
  ("pp") and basis points ("bp") are always changes (positive unless a fall is
  stated).
- ``count``: the counted noun, lower-cased as written: "28,500 American troops"
  -> 28500 "troops"; the span runs to the noun. Counts are whole numbers.
- ``other``: a physical measure or a duration with its symbol ("km", "t",
  "year" for "a two-year deal"), or ``None`` for a bare number ("it was 42").

Not quantities: ordinals ("the 12th agreement"), years and dates ("in 2026",
"March 3"), times of day, parts of names and identifiers ("F-35", "Resolution
2231", "COVID-19"), and a lone "one" ("one of the experts"). A bracketed figure
is a conversion, never an accounting negative: "1.52 trillion won ($1.1
billion)" gives two positive amounts. Ranges share their unit and scale: "$1 to
2 billion" gives 1e9 and 2e9 USD.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from augury.extract import doc_text
from augury.lexicon import load_json
from augury.model import Quantity

LEXICON_FILE = "quantities.json"

# ---------------------------------------------------------------- lexicon, compiled once


@dataclass(frozen=True)
class _Lexicon:
    currency_codes: frozenset[str]
    symbols: dict[str, str]
    prefix_re: re.Pattern[str]
    after_symbol_re: re.Pattern[str]
    code_after_re: re.Pattern[str]
    name_re: re.Pattern[str]
    name_of_form: dict[str, str]  # "dollars" -> "dollar"
    names: dict[str, Any]
    money_verbs: frozenset[str]
    weight_verbs: frozenset[str]
    scale_words: dict[str, int]
    scale_abbr: dict[str, int]
    money_scales: dict[str, int]
    units: dict[str, int]
    tens: dict[str, int]
    multipliers: dict[str, int]
    denominators: dict[str, int]
    percent_re: re.Pattern[str]
    points_re: re.Pattern[str]
    points: dict[str, str]
    change_nouns: dict[str, int]
    change_verbs: dict[str, int]
    hedges: frozenset[str]
    change_after_re: re.Pattern[str]
    periods: dict[str, str]
    rate_adverbs: dict[str, str]
    rate_re: re.Pattern[str]
    adverb_re: re.Pattern[str]
    measure_words: dict[str, str]
    measure_symbols: dict[str, str]
    measure_word_re: re.Pattern[str]
    measure_symbol_re: re.Pattern[str]
    time_word_re: re.Pattern[str]
    year_nouns: frozenset[str]
    date_words: frozenset[str]
    identifier_words: frozenset[str]


def _alternation(items: list[str]) -> str:
    """A regex alternation of literal strings, longest first (so "US$" beats "$")."""
    return "|".join(re.escape(i) for i in sorted(set(items), key=len, reverse=True))


def _spaced(phrase: str) -> str:
    """A literal multi-word phrase whose spaces may be any run of spaces or hyphens."""
    return r"[\s-]+".join(re.escape(w) for w in phrase.split())


def _spaced_alternation(phrases: list[str]) -> str:
    return "|".join(_spaced(p) for p in sorted(set(phrases), key=len, reverse=True))


@cache
def _lexicon() -> _Lexicon:
    data = load_json(LEXICON_FILE)
    codes = frozenset(k for k in data["currencies"] if not k.startswith("_"))
    symbols = {k: v for k, v in data["symbols"].items() if not k.startswith("_")}
    bare_codes = sorted(codes - set(data["codes_not_matched_bare"]))
    # Symbols that start with a letter need a non-letter before them ("HK$", not "THK$").
    prefix_alts = _alternation([*symbols, *bare_codes])
    prefix_re = re.compile(rf"(?<![^\W\d_])(?:{prefix_alts})\s?$")
    after_symbol_re = re.compile(rf"\s?({_alternation(data['after_symbols'])})")
    code_after_re = re.compile(rf"\s({'|'.join(bare_codes)})(?![^\W\d_])")

    names = {k: v for k, v in data["names"].items() if not k.startswith("_")}
    name_of_form: dict[str, str] = {}
    qualifiers: set[str] = set()
    for name, entry in names.items():
        for form in entry["forms"]:
            name_of_form[form] = name
        qualifiers.update(entry["qualified"])
    qual_alt = "|".join(_spaced(q) for q in sorted(qualifiers, key=len, reverse=True))
    form_alt = "|".join(_spaced(f) for f in sorted(name_of_form, key=len, reverse=True))
    name_re = re.compile(
        rf"[\s-]+(?:(?P<qual>{qual_alt})\s+)?(?P<form>{form_alt})(?![^\W\d_])", re.IGNORECASE
    )

    scales = data["scales"]
    words = data["number_words"]
    percent = data["percent"]
    points = {k.lower(): v for k, v in percent["points"].items()}
    changes = data["changes"]
    rates = data["rates"]
    measures = data["measures"]
    nots = data["not_quantities"]
    percent_words = [p for p in percent["percent"] if p != "%"]
    return _Lexicon(
        currency_codes=codes,
        symbols=symbols,
        prefix_re=prefix_re,
        after_symbol_re=after_symbol_re,
        code_after_re=code_after_re,
        name_re=name_re,
        name_of_form=name_of_form,
        names=names,
        money_verbs=frozenset(data["money_verbs"]),
        weight_verbs=frozenset(data["weight_verbs"]),
        scale_words=scales["words"],
        scale_abbr=scales["abbreviations"],
        money_scales=scales["money_only"],
        units=words["units"],
        tens=words["tens"],
        multipliers=words["multipliers"],
        denominators=words["denominators"],
        percent_re=re.compile(
            rf"\s?%|[\s-]+(?:{'|'.join(_spaced(p) for p in percent_words)})(?![^\W\d_])",
            re.IGNORECASE,
        ),
        points_re=re.compile(
            rf"[\s-]+({'|'.join(_spaced(p) for p in sorted(points, key=len, reverse=True))})"
            r"(?![^\W\d_])",
            re.IGNORECASE,
        ),
        points=points,
        change_nouns=changes["nouns"],
        change_verbs=changes["verbs"],
        hedges=frozenset(changes["hedges"]),
        change_after_re=re.compile(
            r"[\s-]+(?:(?:year[\s-]on[\s-]year|year[\s-]over[\s-]year|on[\s-]year|annual|"
            r"annualised|annualized|yearly|monthly|quarterly|average|overall|nominal|real|"
            r"cumulative|further|sharp|steep|marginal|modest)[\s,]+){0,2}"
            rf"(?P<noun>{_alternation(list(changes['nouns']))})(?![^\W\d_])",
            re.IGNORECASE,
        ),
        periods=rates["periods"],
        rate_adverbs=rates["adverbs"],
        rate_re=re.compile(
            r"(?:\s+(?P<lead>a|an|per|each|every)\s+|\s*(?P<slash>/)\s*)(?P<what>[^\W\d_]+)"
            r"(?![^\W\d_])",
            re.IGNORECASE,
        ),
        adverb_re=re.compile(
            rf"\s+(?P<adv>{_alternation(list(rates['adverbs']))}|per\s+annum)(?![^\W\d_])",
            re.IGNORECASE,
        ),
        measure_words={k.lower(): v for k, v in measures["words"].items()},
        measure_symbols=measures["symbols"],
        measure_word_re=re.compile(
            rf"[\s-]+({_spaced_alternation(list(measures['words']))})(?![^\W\d_])",
            re.IGNORECASE,
        ),
        measure_symbol_re=re.compile(rf"\s?({_alternation(list(measures['symbols']))})(?![^\W_])"),
        time_word_re=re.compile(
            rf"\s?(?:{_alternation(nots['time_words'])})(?![^\W\d_])", re.IGNORECASE
        ),
        year_nouns=frozenset(nots["year_nouns"]),
        date_words=frozenset(nots["date_words"]),
        identifier_words=frozenset(nots["identifier_words"]),
    )


# ---------------------------------------------------------------- lexer

_LEXEME = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:\.\d+)?)"
    r"|(?P<word>(?:[^\W\d_]\.){2,}|[^\W\d_]+)"
    r"|(?P<sym>\S)"
)
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "s"})  # "12th", "the 1960s"
_VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅛": 0.125}
_SPACES = " \u00a0\u202f"


@dataclass(frozen=True)
class _Lexeme:
    kind: str  # num | word | sym
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def _lex(text: str) -> list[_Lexeme]:
    return [
        _Lexeme(m.lastgroup or "sym", m.group(), m.start(), m.end()) for m in _LEXEME.finditer(text)
    ]


# ---------------------------------------------------------------- numbers


@dataclass
class _Number:
    start: int  # characters of the figure itself (no currency, no unit)
    end: int
    stop: int  # index of the first lexeme after it
    value: Decimal
    scale: int = 1  # the scale word applied, 1 if none
    spelled: bool = False
    lone_one: bool = False
    plain_integer: bool = False  # digits only, no separators: a year candidate


@dataclass
class _Candidate:
    """A figure on its way to becoming a Quantity."""

    start: int
    end: int
    value: float
    unit: str | None
    kind: str
    number: _Number
    weak: bool = False  # kept only if a neighbour in a range gives it a unit
    currency_from: str = ""  # "prefix" | "suffix" | ""
    notes: set[str] = field(default_factory=set)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


class _Reader:
    """Reads the quantities of one Doc. One instance per call; holds no global state."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = _lexicon()
        self.lexemes = _lex(self.text)
        self._starts = [lexeme.start for lexeme in self.lexemes]
        self.has_ents = doc.has_annotation("ENT_IOB")
        self.has_tags = doc.has_annotation("TAG")
        self.has_deps = doc.has_annotation("DEP")
        self._token_at: list[int] = [-1] * (len(self.text) + 1)
        for tok in doc:
            for c in range(tok.idx, tok.idx + len(tok.text)):
                self._token_at[c] = tok.i

    # ------------------------------------------------------------ helpers

    def token(self, char: int) -> Token | None:
        if 0 <= char < len(self.text) and self._token_at[char] >= 0:
            return self.doc[self._token_at[char]]
        return None

    def token_after(self, char: int) -> Token | None:
        """The first token that starts at or after ``char``."""
        for c in range(char, len(self.text)):
            if self._token_at[c] >= 0:
                tok = self.doc[self._token_at[c]]
                if tok.idx >= char:
                    return tok
        return None

    def ent_label(self, char: int) -> str:
        tok = self.token(char)
        return tok.ent_type_ if tok is not None and self.has_ents else ""

    def glued(self, i: int) -> bool:
        """Lexeme i touches the one before it."""
        return i > 0 and self.lexemes[i - 1].end == self.lexemes[i].start

    def word(self, i: int) -> str:
        if 0 <= i < len(self.lexemes) and self.lexemes[i].kind == "word":
            return self.lexemes[i].lower
        return ""

    def index_at(self, char: int) -> int:
        """Index of the first lexeme that starts at or after ``char``."""
        return bisect.bisect_left(self._starts, char)

    # ------------------------------------------------------------ the number grammar

    def currency_prefix(self, start: int) -> tuple[int, str] | None:
        """(start, ISO code) of a currency symbol or code right before ``start``."""
        m = self.lex.prefix_re.search(self.text, max(0, start - 12), start)
        if not m:
            return None
        symbol = m.group().strip()
        code = self.lex.symbols.get(symbol) or (
            symbol if symbol in self.lex.currency_codes else None
        )
        return (m.start(), code) if code else None

    def is_identifier(self, i: int, has_prefix: bool) -> bool:
        """Digits glued to letters or to a hyphenated name: "G7", "F-35", "COVID-19"."""
        if has_prefix or not self.glued(i):
            return False
        before = self.lexemes[i - 1]
        if before.kind == "word":
            return True
        if before.text in "-–/.#:" and self.glued(i - 1):
            prev = self.lexemes[i - 2]
            if prev.kind == "word" or before.text in "/.#:":
                return True
        return False

    def parse_digits(self, i: int, has_prefix: bool) -> _Number | None:
        lx = self.lexemes
        first = lx[i]
        value = _decimal(first.text)
        if value is None:
            return None
        end, j = first.end, i + 1
        plain = first.text.isdigit()
        # "10 000": groups of exactly three digits after single spaces.
        if re.fullmatch(r"\d{1,3}", first.text):
            while (
                j < len(lx)
                and lx[j].kind == "num"
                and re.fullmatch(r"\d{3}", lx[j].text)
                and lx[j].start == lx[j - 1].end + 1
                and self.text[lx[j - 1].end] in _SPACES
                and not (
                    j + 1 < len(lx) and lx[j + 1].kind == "num" and lx[j + 1].start == lx[j].end + 1
                )
            ):
                value = value * 1000 + Decimal(lx[j].text)
                end, j, plain = lx[j].end, j + 1, False
        # Times and scores ("10:30") and versions ("1.2.3"): not quantities.
        if (
            j + 1 < len(lx)
            and lx[j].text in ":."
            and lx[j].start == end
            and lx[j + 1].kind == "num"
            and lx[j + 1].start == lx[j].end
        ):
            return None
        # Fractions: "1/4", "2 1/2"; "3/4/2024" is a date.
        if (
            j + 1 < len(lx)
            and lx[j].text == "/"
            and lx[j].start == end
            and lx[j + 1].kind == "num"
            and lx[j + 1].start == lx[j].end
        ):
            if j + 2 < len(lx) and lx[j + 2].text == "/" and lx[j + 2].start == lx[j + 1].end:
                return None
            denominator = _decimal(lx[j + 1].text)
            # Only a fraction of something ("1/4 inch", "1/40 of"); "9/11" is a name.
            if not denominator or not (
                self.lex.measure_word_re.match(self.text, lx[j + 1].end)
                or re.match(r"\s+of\b", self.text[lx[j + 1].end :])
            ):
                return None
            value, end, j, plain = value / denominator, lx[j + 1].end, j + 2, False
        elif (
            j + 3 < len(lx)
            and lx[j].kind == "num"
            and lx[j].start == end + 1
            and lx[j + 1].text == "/"
            and lx[j + 2].kind == "num"
            and lx[j + 1].start == lx[j].end
            and lx[j + 2].start == lx[j + 1].end
        ):
            numerator, denominator = _decimal(lx[j].text), _decimal(lx[j + 2].text)
            if numerator is not None and denominator and numerator < denominator:
                value += numerator / denominator
                end, j, plain = lx[j + 2].end, j + 3, False
        if j < len(lx) and lx[j].text in _VULGAR and lx[j].start == end:
            value += Decimal(str(_VULGAR[lx[j].text]))
            end, j, plain = lx[j].end, j + 1, False
        number = _Number(first.start, end, j, value, plain_integer=plain)
        # Letters glued to the digits: an ordinal, a scale, a unit, or an identifier.
        if j < len(lx) and lx[j].kind == "word" and lx[j].start == end:
            suffix = lx[j].text
            if suffix.lower() in _ORDINAL_SUFFIXES:
                return None
            if suffix in self.lex.scale_abbr or (has_prefix and suffix in self.lex.money_scales):
                scale = self.lex.scale_abbr.get(suffix) or self.lex.money_scales[suffix]
                return self._scaled(number, scale, lx[j].end, j + 1)
            if suffix == "m" and self._plural_noun_after(lx[j].end):
                return self._scaled(number, 1_000_000, lx[j].end, j + 1)
            if not (
                self.lex.measure_symbol_re.match(self.text, end)
                or self.lex.time_word_re.match(self.text, end)
            ):
                return None
            return number
        return self._scale_words(number, has_prefix)

    def _plural_noun_after(self, char: int) -> bool:
        tok = self.token_after(char)
        return bool(
            tok is not None
            and self.has_tags
            and tok.tag_ in ("NNS", "NNPS")
            and tok.lower_ not in self.lex.measure_words
        )

    def _scaled(self, number: _Number, scale: int, end: int, stop: int) -> _Number:
        return replace(
            number,
            value=number.value * scale,
            scale=number.scale * scale,
            end=end,
            stop=stop,
            plain_integer=False,
        )

    def _scale_words(self, number: _Number, has_prefix: bool) -> _Number:
        """Scale words after digits: "1.52 trillion", "20-million", "$5 m", "3 dozen"."""
        lx = self.lexemes
        j = number.stop
        while j < len(lx):
            sep_ok = lx[j].start == number.end + 1 and self.text[number.end] in _SPACES
            hyphen = (
                lx[j].text == "-"
                and lx[j].start == number.end
                and j + 1 < len(lx)
                and lx[j + 1].start == lx[j].end
            )
            k = j + 1 if hyphen else j
            if not (sep_ok or hyphen) or lx[k].kind != "word":
                break
            w = lx[k].text
            scale = (
                self.lex.scale_words.get(w.lower())
                or self.lex.scale_abbr.get(w)
                or self.lex.multipliers.get(w.lower())
                or (self.lex.money_scales.get(w) if has_prefix and not hyphen else None)
            )
            if not scale or (w.lower() == "score"):
                break
            if scale == 100 and number.scale > 1:  # "5 million hundred": not a number
                break
            number = self._scaled(number, scale, lx[k].end, k + 1)
        return number

    def parse_words(self, i: int) -> _Number | None:
        """Spelled-out numbers: "three million", "a dozen", "half a million", "two-thirds"."""
        lx, lex = self.lexemes, self.lex
        w = self.word(i)
        nxt = self.word(i + 1)
        big = {**lex.scale_words, **lex.multipliers}
        if w in ("a", "an"):
            if nxt in big and nxt != "score":
                return self._spelled(i + 1, Decimal(1), start=lx[i].start)
            if nxt in lex.denominators and self.word(i + 2) == "of" and nxt not in ("half",):
                return _Number(
                    lx[i].start,
                    lx[i + 1].end,
                    i + 2,
                    Decimal(1) / lex.denominators[nxt],
                    spelled=True,
                )
            return None
        if w == "half" and nxt in ("a", "an") and self.word(i + 2) in lex.scale_words:
            scale = lex.scale_words[self.word(i + 2)]
            return _Number(
                lx[i].start, lx[i + 2].end, i + 3, Decimal(scale) / 2, scale=scale, spelled=True
            )
        if (
            w == "half"
            and nxt in ("a", "an")
            and any(
                pattern.match(self.text, lx[i + 1].end)
                for pattern in (lex.points_re, lex.percent_re, lex.measure_word_re)
            )
        ):
            return _Number(lx[i].start, lx[i + 1].end, i + 2, Decimal("0.5"), spelled=True)
        if w in lex.units or w in lex.tens:
            return self._spelled(i, None, start=lx[i].start)
        return None

    def _spelled(self, i: int, seed: Decimal | None, start: int) -> _Number | None:
        """Read number words from lexeme i; ``seed`` is 1 for a leading "a"/"an"."""
        lx, lex = self.lexemes, self.lex
        small = {**lex.units, **lex.tens}
        total, current = Decimal(0), seed or Decimal(0)
        # What the last word was: decides which words may follow.
        last = "unit" if seed is not None else ""
        end, j, words, scale_seen = start, i, 0, 1
        while j < len(lx):
            lexeme = lx[j]
            w = lexeme.lower if lexeme.kind == "word" else lexeme.text
            is_word = lexeme.kind == "word"
            if is_word and w in lex.units and last in ("", "hundred", "scale", "and", "tens-"):
                current += lex.units[w]
                last = "unit"
            elif is_word and w in lex.tens and last in ("", "hundred", "scale", "and"):
                current += lex.tens[w]
                last = "tens"
            elif (
                w == "-"
                and last == "tens"
                and j + 1 < len(lx)
                and lx[j + 1].lower in lex.units
                and lx[j + 1].start == lexeme.end
            ):
                last, j = "tens-", j + 1  # "twenty-one"
                continue
            elif is_word and w == "hundred" and last in ("unit", "tens"):
                current, last = (current or 1) * 100, "hundred"
            elif (
                is_word
                and (w in lex.scale_words or w in lex.multipliers)
                and w != "score"
                and last in ("unit", "tens", "hundred")
            ):
                scale = lex.scale_words.get(w) or lex.multipliers[w]
                total += (current or 1) * scale
                current, scale_seen, last = Decimal(0), max(scale_seen, scale), "scale"
            elif w in ("and", "&") and last in ("hundred", "scale") and self.word(j + 1) in small:
                last, j = "and", j + 1  # "a hundred and two"
                continue
            elif w == "," and last == "scale" and scale_seen >= 1000 and self.word(j + 1) in small:
                last, j = "", j + 1  # "three million, two hundred & forty"
                continue
            elif (
                w == "and"
                and last in ("unit", "tens")
                and self.word(j + 1) == "a"
                and self.word(j + 2) == "half"
            ):
                current += Decimal("0.5")  # "two and a half (million)"
                end, j, words = lx[j + 2].end, j + 3, words + 1
                scale = lex.scale_words.get(self.word(j), 0)
                if scale >= 1000:
                    total, current, scale_seen = total + current * scale, Decimal(0), scale
                    end, j = lx[j].end, j + 1
                break
            else:
                break
            end, j, words = lexeme.end, j + 1, words + 1
        if words == 0 and seed is None:
            return None
        value = total + current
        number = _Number(start, end, j, value, scale=scale_seen, spelled=True)
        # A fraction after a small cardinal: "two-thirds", "one sixth", "three halves".
        if value and value < 20 and total == 0 and j < len(lx):
            hyphen = lx[j].text == "-" and lx[j].start == end and j + 1 < len(lx)
            k = j + 1 if hyphen else j
            den_word = self.word(k)
            if den_word in lex.denominators and (
                hyphen or not den_word.startswith("quarter") or self.word(k + 1) == "of"
            ):
                return _Number(
                    start, lx[k].end, k + 1, value / lex.denominators[den_word], spelled=True
                )
        if words == 1 and seed is None and value == 1 and lx[j - 1].lower == "one":
            number.lone_one = True
        return number

    # ------------------------------------------------------------ units after a number

    def money_after(self, number: _Number, end: int) -> tuple[int, str | None, str] | None:
        """(end, code, how) of a currency after the figure: "15€", "won", "Canadian dollars"."""
        lex = self.lex
        m = lex.after_symbol_re.match(self.text, end)
        if m:
            return m.end(), lex.symbols[m.group(1)], "symbol"
        m = lex.code_after_re.match(self.text, end)
        if m:
            return m.end(), m.group(1), "code"
        m = lex.name_re.match(self.text, end)
        if not m:
            return None
        form = re.sub(r"[\s-]+", " ", m.group("form").lower())
        name = lex.name_of_form[form]
        entry = lex.names[name]
        qual = re.sub(r"[\s-]+", " ", (m.group("qual") or "").lower())
        code = entry["qualified"].get(qual) if qual else None
        if code:
            return m.end(), code, "name"
        if qual:  # another currency's qualifier ("Canadian pounds"): money of no known code
            return m.end(), None, "name"
        return self._money_name(number, m.start("form"), m.end(), form, name, entry["default"])

    def _money_name(
        self,
        number: _Number,
        form_start: int,
        form_end: int,
        form: str,
        name: str,
        default: str | None,
    ) -> tuple[int, str | None, str] | None:
        """Apply the reading rules of currency words that are also English words."""
        after = self.text[form_end : form_end + 3]
        money_ent = self.ent_label(form_start) == "MONEY"
        if name == "won":
            if not (
                number.scale > 1
                or number.value >= 1000
                or money_ent
                or after.lstrip().startswith("(")
            ):
                return None
        elif name == "pound" and form not in (
            "pound sterling",
            "pounds sterling",
            "sterling",
            "quid",
        ):
            if self._pound_is_weight(number, form_start, form_end, form):
                return form_end, "lb", "weight"
            if not (
                number.scale > 1
                or money_ent
                or self._sentence_has(form_start, self.lex.money_verbs)
            ):
                return form_end, "lb", "weight"
        elif name in ("real", "rand", "dong") and not money_ent and number.scale == 1:
            return None
        return form_end, default, "name"

    def _pound_is_weight(self, number: _Number, form_start: int, form_end: int, form: str) -> bool:
        if re.match(r"\s+of\b", self.text[form_end : form_end + 5]):
            return True
        if self.text[number.end : form_start] == "-" or "±" in self.text[number.start : form_start]:
            return True
        if form == "pound" and number.value != 1:  # "a twenty pound bag"
            return True
        return self._sentence_has(form_start, self.lex.weight_verbs)

    def _sentence_has(self, char: int, lemmas: frozenset[str]) -> bool:
        tok = self.token(char)
        if tok is None:
            return False
        try:
            sent = tok.sent
        except ValueError:  # no sentence boundaries set
            sent = self.doc[:]
        return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in sent)

    def percent_after(self, end: int) -> tuple[int, str] | None:
        m = self.lex.points_re.match(self.text, end)
        if m:
            return m.end(), self.lex.points[self._points_key(m.group(1))]
        m = self.lex.percent_re.match(self.text, end)
        if m:
            word = m.group().strip(" -").lower()
            if word == "percentage":  # "percentage" alone is no unit ("a percentage of")
                return None
            return m.end(), "%"
        return None

    def _points_key(self, surface: str) -> str:
        """The lexicon key of "percentage-point", "basis  points" and the like."""
        key = surface.lower()
        if key in self.lex.points:
            return key
        return next(k for k in self.lex.points if re.fullmatch(_spaced(k), key))

    def measure_after(self, end: int) -> tuple[int, str] | None:
        m = self.lex.measure_word_re.match(self.text, end)
        if m:
            key = re.sub(r"[\s-]+", " ", m.group(1).lower())
            unit = self.lex.measure_words.get(key) or self.lex.measure_words.get(m.group(1).lower())
            if unit:
                return m.end(), unit
        m = self.lex.measure_symbol_re.match(self.text, end)
        if m:
            return m.end(), self.lex.measure_symbols[m.group(1)]
        return None

    def exchange_rate(self, start: int, end: int) -> tuple[int, str] | None:
        """(end, "KRW/USD") for "the won ... 1,500 per dollar"; the base currency is the
        last "the <currency>" in the 400 characters before, as news names it."""
        lead = _FX_LEAD.match(self.text, end)
        quote = self._currency_word(self.lex.name_re.match(self.text, lead.end())) if lead else None
        if quote is None:
            return None
        base = None
        for m in _THE_CURRENCY.finditer(self.text, max(0, start - 400), start):
            found = self._currency_word(self.lex.name_re.match(self.text, m.end() - 1))
            if found and found[1] != quote[1]:
                base = found[1]
        return (quote[0], f"{base}/{quote[1]}") if base else None

    def _currency_word(self, m: re.Match[str] | None) -> tuple[int, str] | None:
        """(end, code) of a name_re match that names one currency."""
        if m is None:
            return None
        entry = self.lex.names[
            self.lex.name_of_form[re.sub(r"[\s-]+", " ", m.group("form").lower())]
        ]
        qual = re.sub(r"[\s-]+", " ", (m.group("qual") or "").lower())
        code = entry["qualified"].get(qual) if qual else entry["default"]
        return (m.end(), code) if code else None

    def rate_after(self, end: int) -> tuple[int, str] | None:
        """ "a year", "per barrel", "/hour", "annually" after an amount."""
        lex = self.lex
        m = lex.adverb_re.match(self.text, end)
        if m:
            adv = re.sub(r"\s+", " ", m.group("adv").lower())
            return m.end(), "year" if adv == "per annum" else lex.rate_adverbs[adv]
        m = lex.rate_re.match(self.text, end)
        if not m:
            return None
        what = m.group("what").lower()
        if re.match(r"\s+(ago|earlier|before|later)\b", self.text[m.end() :]):
            return None  # "a year ago" dates the amount, it is no rate
        lead = (m.group("lead") or "/").lower()
        if what in lex.periods:
            return m.end(), lex.periods[what]
        if lead in ("per", "/"):
            return m.end(), lex.measure_symbols.get(m.group("what")) or lex.measure_words.get(
                what, what
            )
        if what in (
            "barrel",
            "tonne",
            "ton",
            "gallon",
            "litre",
            "liter",
            "share",
            "head",
            "person",
            "kilogram",
            "kilo",
            "ounce",
            "unit",
            "megawatt",
        ):
            return m.end(), lex.measure_words.get(what, what)
        return None

    # ------------------------------------------------------------ counts, changes, dates

    def counted_noun(self, number: _Number) -> Token | None:
        """The noun a number counts: "28,500 American troops" -> troops."""
        if not self.has_tags:
            return None
        last = self.token(number.end - 1)
        if last is None:
            return None
        first = self.token(number.start) or last
        if self.has_deps:
            for tok in self.doc[first.i : last.i + 1]:
                head = tok.head
                while head.dep_ == "compound" and head.head.i > head.i:
                    head = head.head  # "66 F-16V fighter jets" counts jets
                if (
                    tok.dep_ in ("nummod", "quantmod")
                    and head.i > last.i
                    and head.i - last.i <= 5
                    and head.pos_ in ("NOUN", "PROPN")
                    and head.tag_ not in ("NNP",)
                    and all(
                        t.pos_ in ("ADJ", "PROPN", "NOUN", "PUNCT", "ADV", "NUM")
                        or t.ent_type_ == "NORP"
                        for t in self.doc[last.i + 1 : head.i]
                    )
                    and not any(t.text in "(),;" for t in self.doc[last.i + 1 : head.i])
                ):
                    if head.lower_ not in ("percent", "%"):
                        return head
        for tok in self.doc[last.i + 1 : last.i + 5]:
            if tok.tag_ in ("NNS", "NNPS"):
                nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
                if nxt is not None and nxt.tag_ in ("NNS", "NN") and nxt.pos_ == "NOUN":
                    continue  # a compound: "army bases" counts bases
                return tok
            if (
                tok.pos_ in ("ADJ", "PROPN")
                or tok.ent_type_ == "NORP"
                or tok.text == "-"
                or (tok.pos_ == "NOUN" and tok.tag_ == "NN")
            ):
                continue
            break
        return None

    def change_sign(self, start: int, end: int, unit: str) -> int | None:
        """+1/-1 when a percentage states a change ("fell 5%"), None for a level."""
        lex = self.lex
        m = lex.change_after_re.match(self.text, end)
        if m:
            return lex.change_nouns[m.group("noun").lower()]
        tok = self.token(start)
        if tok is None:
            return None
        via_of = False
        i = tok.i - 1
        steps = 0
        while i >= 0 and steps < 6:
            t = self.doc[i]
            low, lemma = t.lower_, t.lemma_.lower()
            steps += 1
            if low == "to" and i > 0 and self.doc[i - 1].lower_ == "up":  # "up to": a hedge
                i -= 2
                continue
            if low in ("up", "down"):
                return lex.change_verbs[low]
            if low == "of":
                via_of = True
                i -= 1
                continue
            if via_of:
                return lex.change_nouns.get(low)
            if low in ("to", "from", "at"):
                return None
            if low == "by" and self.has_deps:
                head = t.head
                if head.lemma_.lower() in lex.change_verbs and head.pos_ in ("VERB", "AUX"):
                    return lex.change_verbs[head.lemma_.lower()]
            if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
                for key in (lemma, low):
                    if key in lex.change_verbs:
                        return lex.change_verbs[key]
                return None
            if low in lex.hedges or t.is_punct and low in ("-",):
                i -= 1
                continue
            break
        return None

    def is_date_or_time(self, number: _Number) -> bool:
        """ "March 3", "5 June", "Tuesday 4": a day of a month, not a count.

        spaCy's small model calls many bare numbers DATE ("the answer is 42"), so
        its label counts only where the entity also holds a month or day name.
        """
        lx, i = self.lexemes, self.index_at(number.start)
        before = i - 2 if i >= 2 and lx[i - 1].text == "." else i - 1  # "Nov. 3"
        if any(
            lx[k].text in self.lex.date_words for k in (before, number.stop) if 0 <= k < len(lx)
        ):
            return True
        tok = self.token(number.start)
        if tok is None or not self.has_ents or tok.ent_type_ not in ("DATE", "TIME"):
            return False
        ent = next((e for e in self.doc.ents if e.start <= tok.i < e.end), None)
        return ent is not None and any(t.text in self.lex.date_words for t in ent)

    def named_before(self, number: _Number) -> bool:
        """'Resolution 2231', 'Voyager 2', 'English 101': a number that is part of a name."""
        i = self.index_at(number.start) - 1
        if i < 0 or self.lexemes[i].kind != "word":
            return False
        prev = self.lexemes[i]
        if prev.lower in self.lex.identifier_words:
            return True
        tok = self.token(prev.start)
        if tok is None or not self.has_tags:
            return False
        sentence_start = tok.is_sent_start if self.doc.has_annotation("SENT_START") else tok.i == 0
        return (
            tok.tag_ == "NNP"
            and prev.text[:1].isupper()
            and not sentence_start
            and tok.ent_type_ not in ("NORP",)
        )

    # ------------------------------------------------------------ one figure

    def read(self) -> list[_Candidate]:
        lx = self.lexemes
        out: list[_Candidate] = []
        i = 0
        while i < len(lx):
            lexeme = lx[i]
            if lexeme.kind == "num":
                sign = self._sign_before(lexeme.start)  # "$-99.99": the symbol is before it
                prefix = self.currency_prefix(lexeme.start - 1 if sign else lexeme.start)
                if self.is_identifier(i, prefix is not None) or (
                    i + 1 < len(lx)
                    and lx[i + 1].kind == "word"
                    and lx[i + 1].start == lexeme.end
                    and lx[i + 1].lower in _ORDINAL_SUFFIXES
                ):
                    i = self._skip_glued(i)
                    continue
                number = self.parse_digits(i, prefix is not None)
                if number is None:
                    i = self._skip_glued(i)
                    continue
                if self._followed_by_glued_identifier(number):
                    i = self._skip_glued(number.stop)
                    continue
            elif lexeme.kind == "word":
                prefix = None
                number = self.parse_words(i)
                if number is None:
                    i += 1
                    continue
            elif lexeme.text in _VULGAR:
                prefix = None
                number = _Number(
                    lexeme.start, lexeme.end, i + 1, Decimal(str(_VULGAR[lexeme.text]))
                )
            else:
                i += 1
                continue
            candidate = self.figure(number, prefix)
            if candidate is not None:
                out.append(candidate)
                i = max(number.stop, self.index_at(candidate.end))
            else:
                i = number.stop
        return out

    def _sign_before(self, start: int) -> bool:
        """A minus sign glued before the digits that is not a hyphen or a range dash."""
        if start == 0 or self.text[start - 1] not in "-−":
            return False
        before = self.text[start - 2] if start >= 2 else " "
        return before in " \t\n([" or not before.isalnum() and before not in "-−.,%"

    def _skip_glued(self, i: int) -> int:
        """Skip an identifier: the lexemes glued together from ``i`` on."""
        j = i + 1
        while (
            j < len(self.lexemes)
            and self.lexemes[j].start == self.lexemes[j - 1].end
            and self.lexemes[j].text not in ",;)(\"'"
            and not (
                self.lexemes[j].text == "."
                and (j + 1 >= len(self.lexemes) or self.lexemes[j + 1].kind != "num")
            )
        ):
            j += 1
        return j

    def _followed_by_glued_identifier(self, number: _Number) -> bool:
        """More digits glued after the figure: part of a code, not a quantity."""
        lx, j = self.lexemes, number.stop
        return j < len(lx) and lx[j].start == number.end and lx[j].kind == "num"

    def figure(self, number: _Number, prefix: tuple[int, str] | None) -> _Candidate | None:
        start, end = number.start, number.end
        negative = self._sign_before(start)  # "-15€", "$-99.99"
        if prefix is not None:
            start = prefix[0]
            if not negative and self._sign_before(start):  # "-$5"
                negative = True
                start -= 1
        elif negative:
            start -= 1
        value = -number.value if negative else number.value

        def make(kind: str, unit: str | None, q_end: int, **kw: Any) -> _Candidate:
            return _Candidate(start, q_end, float(value), unit, kind, number, **kw)

        # Money: a symbol or code before, or a currency word after.
        if prefix is not None:
            cand = make("money", prefix[1], end, currency_from="prefix")
            return self._with_rate(cand)
        money = self.money_after(number, end)
        if money is not None and money[2] != "weight":
            cand = make("money", money[1], money[0], currency_from="suffix")
            return self._with_rate(cand)
        if money is not None:  # pounds of weight
            return self._with_rate(make("other", "lb", money[0]))
        if self.lex.time_word_re.match(self.text, end):
            return None  # "2 pm"
        percent = self.percent_after(end)
        if percent is not None:
            q_end, unit = percent
            sign = self.change_sign(start, q_end, unit)
            if unit in ("pp", "bp"):
                return (
                    make("percent_change", unit, q_end)
                    if sign is None
                    else _signed(make("percent_change", unit, q_end), sign)
                )
            if sign is None:
                return make("percent", "%", q_end)
            return _signed(make("percent_change", "%", q_end), sign)
        measure = self.measure_after(end)
        if measure is not None:
            q_end, unit = measure
            if (
                unit in ("year", "month", "day", "week")
                and number.plain_integer
                and 1000 <= number.value <= 2100
            ):
                return None  # "2013 years"? more likely a date run-on; leave it
            return self._with_rate(make("other", unit, q_end))
        m = re.match(r"-strong\b", self.text[end : end + 8])
        if m:
            noun = self.token_after(end + m.end())
            if noun is not None and noun.pos_ in ("NOUN", "PROPN"):
                return make("count", noun.lower_, noun.idx + len(noun.text))
        if re.match(r"-[^\W\d_]", self.text[end : end + 2]):
            # "a three-way summit", "a 10-point plan": part of an adjective, no count
            return make("other", None, end, weak=True)
        rate = self.exchange_rate(start, end)
        if rate is not None:
            return make("money", rate[1], rate[0])
        # From here on the figure has no unit of its own: a count, a bare number, or nothing.
        if self.is_date_or_time(number):
            return None
        year_like = number.plain_integer and 1000 <= number.value <= 2100 and not negative
        # Counts are whole numbers, written so: "a 7.8-magnitude quake", "6.0-sigma" count nothing.
        whole = value == value.to_integral_value() and (
            number.scale > 1 or "." not in self.text[number.start : number.end]
        )
        noun = self.counted_noun(number) if whole else None
        if noun is not None and (noun.lower_ in self.lex.year_nouns and year_like):
            return None
        if noun is not None and noun.lower_ not in self.lex.measure_words:
            if year_like and not (
                self.has_deps
                and noun.head != noun
                and self.token(number.end - 1) is not None
                and self.token(number.end - 1).head == noun
            ):
                return None
            noun_end = noun.idx + len(noun.text)
            name = self.lex.name_of_form.get(noun.lower_)
            if name and name not in ("won", "pound", "real", "rand", "dong"):
                # "5 million Jamaican dollars": money, in a currency the lexicon cannot name
                return self._with_rate(make("money", None, noun_end, currency_from="suffix"))
            return self._with_rate(make("count", noun.lower_, noun_end))
        if year_like:
            return None
        weak = number.lone_one or self.named_before(number)
        return make("other", None, end, weak=weak)

    def _with_rate(self, cand: _Candidate) -> _Candidate:
        rate = self.rate_after(cand.end)
        if rate is None:
            return cand
        q_end, per = rate
        unit = f"{cand.unit}/{per}" if cand.unit else f"/{per}"
        return replace(cand, end=q_end, unit=unit)


def _signed(cand: _Candidate, sign: int) -> _Candidate:
    return replace(cand, value=abs(cand.value) * sign if cand.value else cand.value)


# "1,500 per dollar", "110 to the dollar"; "the won", "the South Korean won"
_FX_LEAD = re.compile(r"\s+(?:per|to\s+the|against\s+the|to\s+one|for\s+one)(?=[\s-])")
_THE_CURRENCY = re.compile(r"\bthe\s", re.IGNORECASE)

# ---------------------------------------------------------------- ranges

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|or)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


def _share_ranges(text: str, cands: list[_Candidate]) -> None:
    """ "$1 to 2 billion", "between 20,000 and 30,000 troops", "50-80%": share unit and scale."""
    for a, b in zip(cands, cands[1:], strict=False):
        join = _RANGE_JOIN.fullmatch(text[a.end : b.start])
        if not join:
            continue
        if join.group().strip().lower() == "and" and not _BETWEEN.search(
            text, max(0, a.start - 12), a.start
        ):
            continue  # "C$40 and 20 million troops" is a list, not a range
        if (
            b.number.scale > 1
            and a.number.scale == 1
            and not a.number.spelled
            and abs(a.number.value) < 1000
            and a.kind in ("other", "money")
        ):
            a.value *= b.number.scale  # the scale word stays in b's span
        if (
            a.number.scale > 1
            and b.number.scale == 1
            and abs(b.number.value) < 1000
            and b.kind == "other"
            and b.unit is None
        ):
            b.value *= a.number.scale
        if a.unit is None and a.kind == "other" and (b.unit is not None or b.kind == "money"):
            a.kind, a.unit, a.weak = b.kind, b.unit, False
            if b.kind == "percent_change" and b.value < 0:
                a.value = -abs(a.value)
        elif (
            b.unit is None
            and b.kind == "other"
            and a.kind == "money"
            and a.currency_from == "prefix"
        ):
            b.kind, b.unit, b.weak = "money", a.unit, False


# ---------------------------------------------------------------- public API


def extract_quantities(doc: Doc) -> list[Quantity]:
    """The money, percentages, percentage changes, counts and measures in ``doc``, in order."""
    reader = _Reader(doc)
    cands = reader.read()
    _share_ranges(doc.text, cands)
    quantities: list[Quantity] = []
    last_end = -1
    for cand in sorted(cands, key=lambda c: (c.start, -c.end)):
        if cand.weak or cand.start < last_end:
            continue
        value = round(cand.value, 10)
        if value == int(value) and abs(value) < 2**53:
            value = float(int(value))
        quantities.append(
            Quantity(
                text=doc_text(doc)[cand.start : cand.end],
                span=(cand.start, cand.end),
                value=value,
                unit=cand.unit,
                kind=cand.kind,
            )
        )
        last_end = cand.end
    return quantities
