"""A proposition reduced to what decides whether two forecasts ask the same question.

``proposition_key("Trump revives personal diplomacy with Kim")`` gives the actors
it names, aliases folded (``north_korea``, ``united_states``), its content terms,
stemmed and with synonyms folded (``personal`` and ``direct`` are one term), the
figures it states (``1,500`` -> ``1500``, ``twice`` -> ``2``) and whether it is
negated ("does not conduct", "fails to reach"). The word lists live in
``augury/lexicon/ledger.json``. Pure and fast: no parser, no I/O after the first load.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from augury.lexicon import load_json

LEXICON_FILE = "ledger.json"

_TOKEN = re.compile(r"\$?\d[\d,]*(?:\.\d+)?%?|[A-Za-z][A-Za-z']*\+?")
_YEAR = re.compile(r"^(19|20)\d\d$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": " ", "\u2014": " "})


@dataclass(frozen=True)
class PropositionKey:
    """What a proposition is about, in a form that compares across paraphrases."""

    actors: frozenset[str]
    terms: frozenset[str]
    figures: frozenset[str]
    negated: bool

    def __str__(self) -> str:
        parts = ["+".join(sorted(self.actors)) or "-", " ".join(sorted(self.terms)) or "-"]
        if self.figures:
            parts.append(" ".join(sorted(self.figures)))
        return ("not " if self.negated else "") + " | ".join(parts)


@dataclass(frozen=True)
class Lexicon:
    aliases: dict[tuple[str, ...], str]  # alias tokens -> actor id
    longest_alias: int
    not_actors: frozenset[str]
    needs_capital: frozenset[str]  # aliases that are also common words ("us")
    stopwords: frozenset[str]
    light_verbs: frozenset[str]
    time_words: frozenset[str]
    negators: frozenset[str]
    number_words: dict[str, str]
    concepts: dict[str, str]  # stem -> concept (first word of its synonym class)
    antonyms: frozenset[frozenset[str]]
    raw: dict


@functools.cache
def lexicon() -> Lexicon:
    """The ledger word lists, loaded once."""
    data = load_json(LEXICON_FILE)
    aliases: dict[tuple[str, ...], str] = {}
    for actor, names in data["actors"].items():
        for name in names:
            aliases.setdefault(tuple(w for w, _ in _words(name)), actor)
    concepts: dict[str, str] = {}
    for synonyms in data["synonyms"]:
        head = stem(synonyms[0])
        for word in synonyms:
            concepts.setdefault(stem(word), head)
    antonyms = frozenset(
        frozenset(concepts.get(stem(w), stem(w)) for w in pair) for pair in data["antonyms"]
    )
    return Lexicon(
        aliases=aliases,
        longest_alias=max(len(a) for a in aliases),
        not_actors=frozenset(data["not_actors"]),
        needs_capital=frozenset(data["needs_capital"]),
        stopwords=frozenset(data["stopwords"]),
        light_verbs=frozenset(data["light_verbs"]),
        time_words=frozenset(data["time_words"]),
        negators=frozenset(data["negators"]),
        number_words=dict(data["number_words"]),
        concepts=concepts,
        antonyms=antonyms,
        raw=data,
    )


def stem(word: str) -> str:
    """A light suffix stripper: enough for "raises"/"raised"/"raising" to meet."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    for suffix in ("ing", "ed"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
                w = w[:-1]  # "cutting" -> "cut", "planned" -> "plan"
            break
    else:
        if len(w) > 4 and re.search(r"(ss|sh|ch|x|z)es$", w):
            w = w[:-2]
        elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    return w[:-1] if len(w) > 4 and w.endswith("e") else w


def _words(text: str) -> list[tuple[str, bool]]:
    """(lower-case token, was capitalised) pairs; "U.S." -> "us", "Jong-un" -> "jong un"."""
    text = text.translate(_APOSTROPHES)
    text = re.sub(r"\b([A-Za-z])\.(?=[A-Za-z]\.)", r"\1", text)  # U.S. -> US.
    text = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", text)
    text = re.sub(r"n't\b", " not", text)
    text = re.sub(r"(?<=[A-Za-z])'s?\b", "", text)  # possessives: "Japan's" -> "Japan"
    return [(m.group().lower(), m.group()[0].isupper()) for m in _TOKEN.finditer(text)]


def _figure(token: str) -> str | None:
    digits = token.strip("$%").replace(",", "")
    if not digits or not digits[0].isdigit():
        return None
    return (
        None if _YEAR.match(digits) else digits.rstrip("0").rstrip(".") if "." in digits else digits
    )


@functools.lru_cache(maxsize=65536)
def proposition_key(text: str) -> PropositionKey:
    """Reduce a proposition (or any sentence) to actors, terms, figures and negation."""
    lex = lexicon()
    words = _words(text)
    actors: set[str] = set()
    terms: set[str] = set()
    figures: set[str] = set()
    negated = False
    i = 0
    while i < len(words):
        for n in range(min(lex.longest_alias, len(words) - i), 0, -1):
            actor = lex.aliases.get(tuple(w for w, _ in words[i : i + n]))
            if actor and not (n == 1 and words[i][0] in lex.needs_capital and not words[i][1]):
                actors.add(actor)
                i += n
                break
        else:
            word, capital = words[i]
            if i == 0 and not (i + 1 < len(words) and words[i + 1][1]):
                capital = False  # "Tariffs were not raised", "Cheap oil": a sentence start
            if capital and word not in lex.not_actors and word not in lex.stopwords:
                # An unknown name: join the capitalised run ("SK Hynix", "Bank of Japan").
                j = i + 1
                while j < len(words) and (
                    words[j][1] or (words[j][0] == "of" and j + 1 < len(words) and words[j + 1][1])
                ):
                    j += 1
                actors.add("_".join(w for w, _ in words[i:j]))
                i = j
                continue
            _add_word(word, lex, terms, figures)
            negated ^= word in lex.negators
            i += 1
    return PropositionKey(frozenset(actors), frozenset(terms), frozenset(figures), negated)


def _add_word(word: str, lex: Lexicon, terms: set[str], figures: set[str]) -> None:
    figure = lex.number_words.get(word) or _figure(word)
    if figure:
        figures.add(figure)
        return
    stemmed = stem(word)
    if not any(
        w in lex.stopwords or w in lex.light_verbs or w in lex.time_words or w in lex.negators
        for w in (word, stemmed)
    ) and not _YEAR.match(word):
        terms.add(lex.concepts.get(stemmed, stemmed))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two term sets (1.0 when both are empty)."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def opposed(a: PropositionKey, b: PropositionKey) -> bool:
    """True when an antonym pair splits the two ("raises" vs "cuts", "lifts" vs "imposes")."""
    only_a, only_b = a.terms - b.terms, b.terms - a.terms
    return any(
        len(pair) == 2 and (pair & only_a) and (pair & only_b) and not (pair <= only_a)
        for pair in lexicon().antonyms
    )
