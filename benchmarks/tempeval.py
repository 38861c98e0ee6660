"""TempEval-3 Task A (time expressions): span and value scores of augury's timex finder.

Scores the way the TempEval-3 scorer does (UzZaman et al. 2013):

* span: precision/recall/F1 over TIMEX3 entities, **strict** (identical
  extent) and **relaxed** (any overlap; each gold and system timex matched at
  most once, exact matches first, then the largest overlap);
* attributes (type, value) are compared on relaxed-matched pairs;
  ``value accuracy`` = correct values / matched pairs, and the ranking metric
  ``value F1`` = relaxed F1 x value accuracy (= F1 of correct values against
  all system and all gold timexes);
* per gold type (DATE, DURATION): the gold timexes of that type, the system
  timexes matched to them, and the unmatched system timexes that the system
  typed so. The DCT is not part of the text and is not scored.

Two systems run side by side: ``augury`` (``find_timexes``) and the
``spacy`` baseline: spaCy DATE/TIME entities as spans, each valued by the
first four-digit year it contains (else no value).

Tune on the training split (TBAQ-cleaned: TimeBank + AQUAINT) and report the
test split (TE3-Platinum):

    python benchmarks/tempeval.py                     # TE3-Platinum (test)
    python benchmarks/tempeval.py --split train       # TBAQ-cleaned (development)
    python benchmarks/tempeval.py --split train --errors 40
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from augury import nlp as nlp_mod
from augury.extract.timex import find_timexes

DATA = Path(
    os.environ.get(
        "AUGURY_TEMPEVAL3", Path(__file__).resolve().parents[2] / "shared/datasets/tempeval3"
    )
)
SPLITS = {
    "platinum": ["te3-platinum"],
    "train": ["TBAQ-cleaned/TimeBank", "TBAQ-cleaned/AQUAINT"],
}
SCORED_TYPES = ("DATE", "DURATION")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str
    value: str | None
    text: str = ""


@dataclass
class Document:
    name: str
    text: str
    dct: dt.date
    gold: list[Mention]


# --- reading TimeML ----------------------------------------------------------------------


def read_tml(path: Path) -> Document:
    """The TEXT of a TimeML file with its tags removed, its TIMEX3s as offsets, and the DCT."""
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:
        raise ValueError(f"{path}: no <DCT><TIMEX3> element")
    pieces: list[str] = []
    gold: list[Mention] = []
    _walk(root.find("TEXT"), pieces, gold)
    return Document(
        path.stem, "".join(pieces), dt.date.fromisoformat(dct_timex.get("value", "")[:10]), gold
    )


def _walk(element: ET.Element | None, pieces: list[str], gold: list[Mention]) -> None:
    if element is None:
        return
    pieces.append(element.text or "")
    for child in element:
        start = sum(map(len, pieces))
        _walk(child, pieces, gold)
        if child.tag == "TIMEX3":
            text = "".join(pieces)[start:]
            gold.append(
                Mention(start, start + len(text), child.get("type", ""), child.get("value"), text)
            )
        pieces.append(child.tail or "")


def read_split(split: str, data: Path = DATA) -> list[Document]:
    folders = [data / folder for folder in SPLITS[split]]
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        sys.exit(f"TempEval-3 data not found at {missing[0]}; set AUGURY_TEMPEVAL3 or --data.")
    return [read_tml(path) for folder in folders for path in sorted(folder.glob("*.tml"))]


# --- systems -------------------------------------------------------------------------------


def augury_system(doc: Doc, dct: dt.date) -> list[Mention]:
    # Elections are EVENTs in TimeML, not TIMEX3s: leave them out of this benchmark.
    return [
        Mention(*t.span, t.type, t.value, t.text)
        for t in find_timexes(doc, dct)
        if t.rule != "election"
    ]


_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


def spacy_baseline(doc: Doc, dct: dt.date) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            year = _YEAR.search(ent.text)
            mentions.append(
                Mention(
                    ent.start_char,
                    ent.end_char,
                    ent.label_,
                    year.group(1) if year else None,
                    ent.text,
                )
            )
    return mentions


SYSTEMS: dict[str, Callable[[Doc, dt.date], list[Mention]]] = {
    "spacy": spacy_baseline,
    "augury": augury_system,
}


# --- scoring -------------------------------------------------------------------------------


def relaxed_pairs(gold: list[Mention], system: list[Mention]) -> list[tuple[Mention, Mention]]:
    """One-to-one overlap matching: exact extents first, then by overlap size."""
    candidates = []
    for g in gold:
        for s in system:
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = (g.start, g.end) == (s.start, s.end)
                candidates.append((not exact, -overlap, g.start, s.start, g, s))
    pairs, used_gold, used_system = [], set(), set()
    for *_, g, s in sorted(candidates, key=lambda c: c[:4]):
        if id(g) not in used_gold and id(s) not in used_system:
            pairs.append((g, s))
            used_gold.add(id(g))
            used_system.add(id(s))
    return pairs


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def tally(gold: list[Mention], system: list[Mention], only_type: str | None = None) -> Tally:
    pairs = relaxed_pairs(gold, system)
    if only_type:
        matched = {id(s) for _, s in pairs}
        system = [s for g, s in pairs if g.type == only_type] + [
            s for s in system if id(s) not in matched and s.type == only_type
        ]
        pairs = [(g, s) for g, s in pairs if g.type == only_type]
        gold = [g for g in gold if g.type == only_type]
    gold_spans = {(g.start, g.end) for g in gold}
    return Tally(
        gold=len(gold),
        system=len(system),
        strict=sum((s.start, s.end) in gold_spans for s in system),
        relaxed=len(pairs),
        value=sum(g.value == s.value for g, s in pairs),
        type=sum(g.type == s.type for g, s in pairs),
    )


def prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    precision = correct / system if system else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def scores(t: Tally) -> dict[str, float]:
    _, _, strict_f1 = prf(t.strict, t.system, t.gold)
    relaxed_p, relaxed_r, relaxed_f1 = prf(t.relaxed, t.system, t.gold)
    accuracy = t.value / t.relaxed if t.relaxed else 0.0
    return {
        "strict F1": strict_f1,
        "relaxed P": relaxed_p,
        "relaxed R": relaxed_r,
        "relaxed F1": relaxed_f1,
        "type acc": t.type / t.relaxed if t.relaxed else 0.0,
        "value acc": accuracy,
        "value F1": relaxed_f1 * accuracy,
    }


# --- running -------------------------------------------------------------------------------


def evaluate(documents: list[Document], parsed: list[Doc]) -> dict[str, dict[str, Tally]]:
    """Tallies per system and per scope ("all", "DATE", "DURATION")."""
    results: dict[str, dict[str, Tally]] = {}
    for name, system in SYSTEMS.items():
        scopes = {scope: Tally() for scope in ("all", *SCORED_TYPES)}
        for document, doc in zip(documents, parsed, strict=True):
            mentions = system(doc, document.dct)
            scopes["all"].add(tally(document.gold, mentions))
            for kind in SCORED_TYPES:
                scopes[kind].add(tally(document.gold, mentions, kind))
        results[name] = scopes
    return results


def print_table(results: dict[str, dict[str, Tally]], title: str) -> None:
    columns = [
        "strict F1",
        "relaxed P",
        "relaxed R",
        "relaxed F1",
        "type acc",
        "value acc",
        "value F1",
    ]
    print(f"\n{title}")
    print(
        f"{'system':<8} {'scope':<9} {'gold':>5} {'sys':>5} "
        + " ".join(f"{c:>10}" for c in columns)
    )
    for name, scopes in results.items():
        for scope, t in scopes.items():
            row = scores(t)
            print(
                f"{name:<8} {scope:<9} {t.gold:>5} {t.system:>5} "
                + " ".join(f"{100 * row[c]:>10.2f}" for c in columns)
            )


def print_errors(documents: list[Document], parsed: list[Doc], limit: int) -> None:
    """Value errors, missed and spurious timexes of augury, most frequent first."""
    errors: Counter[str] = Counter()
    for document, doc in zip(documents, parsed, strict=True):
        mentions = augury_system(doc, document.dct)
        pairs = relaxed_pairs(document.gold, mentions)
        matched_gold = {id(g) for g, _ in pairs}
        matched_system = {id(s) for _, s in pairs}
        for g, s in pairs:
            if g.value != s.value:
                errors[f"value  {g.text!r} gold={g.value} sys={s.value} dct={document.dct}"] += 1
        errors.update(
            f"missed {g.text!r} {g.type} {g.value}"
            for g in document.gold
            if id(g) not in matched_gold
        )
        errors.update(
            f"extra  {s.text!r} {s.type} {s.value}" for s in mentions if id(s) not in matched_system
        )
    for line, count in errors.most_common(limit):
        print(f"{count:>4}  {line}")


def parse(texts: Iterable[str]) -> list[Doc]:
    nlp = nlp_mod.load()
    return list(nlp.pipe(texts, batch_size=16))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="platinum")
    parser.add_argument("--data", type=Path, default=DATA, help="the tempeval3 folder")
    parser.add_argument("--errors", type=int, default=0, help="print the N commonest errors")
    args = parser.parse_args(argv)
    documents = read_split(args.split, args.data)
    started = time.perf_counter()
    parsed = parse(d.text for d in documents)
    results = evaluate(documents, parsed)
    seconds = time.perf_counter() - started
    print_table(
        results,
        f"TempEval-3 Task A, {args.split} ({len(documents)} documents, "
        f"{sum(len(d.gold) for d in documents)} gold TIMEX3; {seconds:.1f}s)",
    )
    if args.errors:
        print_errors(documents, parsed, args.errors)


if __name__ == "__main__":
    main()
