"""Who is who across articles: pure rules that turn a speaker's name into an identity key.

No database here, so the rules can be tested on their own. The store keys each
``persons`` row by ``(kind, identify(...).key)``.

The rules, in short:

- Two full names are one person when they spell the same name, ignoring case,
  diacritics, hyphens, apostrophes, the spaces inside a romanised given name,
  honorifics and middle initials: "Yang Moo-jin" == "Yang Moojin" ==
  "YANG Moo-Jin"; "Kim Jong Un" == "Kim Jong-un".
- A shared surname is not enough: "Kim Jung-un" and "Kim Yo-jong" stay apart.
- A bare surname ("Seo") is never matched across articles: there are too many
  Seos. Inside one article it joins the one full name that carries it; when it
  is the only name known, it gets a person of its own, scoped to that article.
- Groups, organisations and anonymous sources are keyed by kind and name, so
  "experts" in one article and "Experts" in another are one collective speaker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

# Joiners inside a name part: "Moo-jin" == "Moojin", "O'Hanlon" == "OHanlon".
_JOINERS = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014'\u2019`\u00b4]")
_WORD = re.compile(r"\w+")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame"})


def name_tokens(name: str) -> list[str]:
    """The parts of a name, folded: no case, diacritics, joiners, honorifics, middle initials."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    tokens = _WORD.findall(_JOINERS.sub("", text))
    while len(tokens) > 1 and tokens[0] in _HONORIFICS:
        tokens.pop(0)
    last = len(tokens) - 1
    return [t for i, t in enumerate(tokens) if len(t) > 1 or i in (0, last)]


def person_key(name: str) -> str:
    """The normalised form two spellings of one name share ("yangmoojin")."""
    # Parts are joined without a space because romanised given names are written
    # both ways ("Kim Jong Un", "Kim Jong-un").
    return "".join(name_tokens(name))


def is_bare(name: str) -> bool:
    """True for a one-word name such as a surname on its own ("Seo")."""
    return len(name_tokens(name)) == 1


def shares_surname(bare: str, full: str) -> bool:
    """Whether a one-word name is the first or last part of a full name.

    Korean and Chinese names put the surname first, most Western names last.
    """
    part, parts = name_tokens(bare), name_tokens(full)
    return len(part) == 1 and len(parts) > 1 and part[0] in (parts[0], parts[-1])


def same_person(name_a: str, name_b: str) -> bool:
    """Whether two names, seen in different articles, name the same person."""
    if is_bare(name_a) or is_bare(name_b):
        return False
    key = person_key(name_a)
    return bool(key) and key == person_key(name_b)


class Identity(NamedTuple):
    key: str  # persons.key, unique per kind
    name: str  # the name to show: the full name when a bare surname was resolved


def identify(name: str, kind: str, article_id: str, names_in_article: Iterable[str]) -> Identity:
    """Who a speaker is across articles; ``names_in_article`` are the article's person names."""
    key = person_key(name) or " ".join(name.split()).casefold()
    if kind != "person" or not is_bare(name):
        return Identity(key, name)
    owners = {person_key(full): full for full in names_in_article if shares_surname(name, full)}
    if len(owners) == 1:
        return Identity(*owners.popitem())
    return Identity(f"{key}@{article_id}", name)


def title_key(title: str | None, affiliation: str | None) -> str:
    """One key per distinct (title, affiliation), ignoring case and spacing."""
    return "|".join(" ".join((part or "").split()).casefold() for part in (title, affiliation))
