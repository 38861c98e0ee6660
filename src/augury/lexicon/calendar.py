"""Election dates and terms of office, read from ``elections.json``.

The data file cites a source for every entry; this module only loads it and
answers the questions the time-expression resolver asks: which election of a
kind falls in a year, which comes next or came last, which term a person held.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

ELECTIONS_FILE = Path(__file__).with_name("elections.json")


@dataclass(frozen=True)
class Election:
    """One election day."""

    id: str
    country: str  # ISO 3166 alpha-2
    kind: str  # presidential | midterm | legislative
    name: str
    date: dt.date
    status: str  # held | scheduled
    source: tuple[str, ...]


@dataclass(frozen=True)
class OfficeTerm:
    """One term of office of one holder (a president's first term, second term ...)."""

    id: str
    country: str
    office: str
    holder: str
    holder_aliases: tuple[str, ...]
    ordinal: int  # the holder's 1st, 2nd ... term in this office
    start: dt.date
    end: dt.date
    status: str  # served | serving | removed
    source: tuple[str, ...]

    def held_by(self, name: str) -> bool:
        """True when a person's name (as written in a text) names this term's holder."""
        name = name.strip().removesuffix("'s").removesuffix("’s")
        # "President Trump" names Trump; "Lee Hea-jeong" does not name "Lee" (Jae-myung).
        return any(name == alias or name.endswith(" " + alias) for alias in self.holder_aliases)


@dataclass(frozen=True)
class ElectionAlias:
    """Words that name an election: which kinds they mean in each country."""

    phrases: tuple[str, ...]
    kinds: dict[str, tuple[str, ...]]
    needs_qualifier: bool = False  # bare "the election" is too vague; "the next election" is not


@dataclass(frozen=True, eq=False)  # hashed by identity: one loaded file, one cache entry
class Calendar:
    """Everything in ``elections.json``."""

    elections: tuple[Election, ...]
    terms: tuple[OfficeTerm, ...]
    aliases: tuple[ElectionAlias, ...]
    country_cues: dict[str, tuple[str, ...]]
    default_country: str
    term_lengths: dict[str, str] = field(default_factory=dict)  # "US-president" -> "P4Y"
    sources: dict[str, dict[str, str]] = field(default_factory=dict)

    def elections_of(self, country: str | None, kinds: tuple[str, ...] | None) -> list[Election]:
        """Elections of a country (any if None) and of some kinds (any if None), by date."""
        return sorted(
            (
                e
                for e in self.elections
                if (country is None or e.country == country) and (kinds is None or e.kind in kinds)
            ),
            key=lambda e: e.date,
        )

    def term_length(self, country: str, office: str) -> str | None:
        """The TIMEX3 duration of a term of office ("P4Y"), if known."""
        return self.term_lengths.get(f"{country}-{office}")

    def term_at(self, day: dt.date, country: str, office: str = "president") -> OfficeTerm | None:
        """The term in force on a day (the later one on a handover day)."""
        current = [
            t
            for t in self.terms
            if t.country == country and t.office == office and t.start <= day <= t.end
        ]
        return max(current, key=lambda t: t.start, default=None)

    def terms_held_by(self, name: str) -> list[OfficeTerm]:
        """Terms whose holder the name matches, by start date."""
        return sorted((t for t in self.terms if t.held_by(name)), key=lambda t: t.start)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _election(entry: dict) -> Election:
    return Election(
        entry["id"],
        entry["country"],
        entry["kind"],
        entry["name"],
        _date(entry["date"]),
        entry["status"],
        tuple(entry["source"]),
    )


def _term(entry: dict) -> OfficeTerm:
    return OfficeTerm(
        entry["id"],
        entry["country"],
        entry["office"],
        entry["holder"],
        tuple(entry["holder_aliases"]),
        int(entry["ordinal"]),
        _date(entry["start"]),
        _date(entry["end"]),
        entry["status"],
        tuple(entry["source"]),
    )


def _alias(entry: dict) -> ElectionAlias:
    return ElectionAlias(
        tuple(entry["phrases"]),
        {country: tuple(kinds) for country, kinds in entry["kinds"].items()},
        bool(entry.get("needs_qualifier", False)),
    )


def parse_calendar(data: dict) -> Calendar:
    """Build a Calendar from the parsed JSON of an elections file."""
    return Calendar(
        elections=tuple(_election(e) for e in data["elections"]),
        terms=tuple(_term(t) for t in data["terms"]),
        aliases=tuple(_alias(a) for a in data["aliases"]),
        country_cues={c: tuple(v["cues"]) for c, v in data["countries"].items()},
        default_country=data["default_country"],
        term_lengths={office: v["term"] for office, v in data["offices"].items()},
        sources=data["sources"],
    )


@functools.lru_cache(maxsize=4)
def load_calendar(path: str | Path | None = None) -> Calendar:
    """Load (once per process) the election and office-term calendar."""
    path = Path(path) if path else ELECTIONS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"cannot read the election calendar {path}: {err}") from err
    return parse_calendar(data)
