"""Sentence-level hedge detection on WikiWeasel (CoNLL-2010 Task 1, Wikipedia).

    python benchmarks/wikiweasel.py [--data PATH] [--limit N] [--n-process 2]

A sentence counts as hedged when ``augury.extract.hedges.find_hedge_cues`` finds
a cue in it. Reported on the test split, beside a baseline in the same run:

  baseline        "contains any lexicon word": a plain lower-cased token match of
                  the words of the hedge lexicon's phrases (no spaCy). Those words
                  include "to" (of "going to"), so it fires on most sentences; a
                  second baseline matches whole phrases and forms instead ("is
                  going to" needs "going to")
  forecast cues   find_hedge_cues(kinds=("forecast",)): the hedge lexicon only
  all cues        find_hedge_cues(): hedge lexicon + weasel, uncertainty, peacock cues
  tuned cues      all cues, keeping only the cue phrases whose smoothed precision on
                  the TRAIN split is >= t; t is chosen to maximise train F1

Nothing is tuned on test. Published systems score about 60 F1 on the CoNLL-2010
Wikipedia test set; this copy's split differs (see wikiweasel_hedge/FORMAT.md),
so numbers are comparable only roughly.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from common import REPO_ROOT, resolve_dataset

sys.path.insert(0, str(REPO_ROOT / "src"))

from augury.extract.hedges import find_hedge_cues  # noqa: E402
from augury.lexicon import hedge_lexicon  # noqa: E402
from augury.nlp import model_name  # noqa: E402

# find_hedge_cues reads tags and lemmas only (tok2vec, tagger, attribute_ruler, lemmatizer).
UNUSED_PIPES = ["parser", "ner", "senter"]
PTB_BRACKETS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": '"',
    "''": '"',
}
SMOOTHING = 2.0  # pseudo-sentences at the train base rate added to each cue's precision
THRESHOLDS = [round(0.05 * i, 2) for i in range(21)]


@dataclass
class Sentence:
    text: str  # as in the file (CoNLL-2010 tokenisation)
    label: bool  # True = uncertain
    cues: frozenset[str] = frozenset()  # phrases find_hedge_cues found
    forecast_cues: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[bool], predicted: Iterable[bool]) -> Score:
    tp = fp = fn = 0
    for g, p in zip(gold, predicted, strict=True):
        tp += g and p
        fp += p and not g
        fn += g and not p
    return Score(tp, fp, fn)


def read_split(path: Path, limit: int | None) -> list[Sentence]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [
            Sentence(row["text"].strip(), row["label"].strip() == "1")
            for row in csv.DictReader(handle)
        ]
    if limit and limit < len(rows):  # the files are sorted by label: sample evenly
        rows = rows[:: len(rows) // limit][:limit]
    return rows


def detokenise(text: str) -> str:
    """CoNLL-2010 bracket and quote tokens back to characters, for spaCy."""
    return " ".join(PTB_BRACKETS.get(word, word) for word in text.split())


def attach_cues(sentences: list[Sentence], nlp, n_process: int, batch_size: int) -> float:
    """Run find_hedge_cues over every sentence; return sentences per second."""
    start = time.perf_counter()
    texts = (detokenise(s.text) for s in sentences)
    for sentence, doc in zip(
        sentences, nlp.pipe(texts, n_process=n_process, batch_size=batch_size), strict=True
    ):
        sentence.cues = frozenset(phrase for _, _, phrase in find_hedge_cues(doc))
        sentence.forecast_cues = frozenset(
            phrase for _, _, phrase in find_hedge_cues(doc, kinds=("forecast",))
        )
    return len(sentences) / (time.perf_counter() - start)


def lexicon_words() -> frozenset[str]:
    """The words of every phrase of the hedge lexicon (the baseline's vocabulary)."""
    return frozenset(word for entry in hedge_lexicon().hedges for word in entry.phrase.split())


def lexicon_phrases() -> frozenset[tuple[str, ...]]:
    """Every written form of every hedge lexicon entry, as lower-case word tuples."""
    return frozenset(
        tuple(form.split())
        for entry in hedge_lexicon().hedges
        for form in (entry.phrase, *entry.forms)
    )


def baseline(sentence: Sentence, words: Collection[str]) -> bool:
    return any(token in words for token in sentence.text.lower().split())


def phrase_baseline(sentence: Sentence, phrases: Collection[tuple[str, ...]]) -> bool:
    tokens = sentence.text.lower().split()
    return any(tuple(tokens[i : i + len(p)]) == p for p in phrases for i in range(len(tokens)))


def cue_precision(train: list[Sentence]) -> dict[str, tuple[float, int]]:
    """Smoothed train precision and support of every cue phrase."""
    base = sum(s.label for s in train) / len(train)
    seen, hedged = Counter(), Counter()
    for s in train:
        for cue in s.cues:
            seen[cue] += 1
            hedged[cue] += s.label
    return {cue: ((hedged[cue] + SMOOTHING * base) / (n + SMOOTHING), n) for cue, n in seen.items()}


def tune(
    train: list[Sentence], precision: dict[str, tuple[float, int]]
) -> tuple[float, frozenset[str], Score]:
    """The precision threshold that maximises F1 on train, and the cue set it keeps."""
    best = None
    gold = [s.label for s in train]
    for t in THRESHOLDS:
        keep = frozenset(c for c, (p, _) in precision.items() if p >= t)
        result = score(gold, [bool(s.cues & keep) for s in train])
        if best is None or result.f1 > best[2].f1:
            best = (t, keep, result)
    assert best is not None
    return best


def report(name: str, train: Score, test: Score) -> None:
    print(
        f"{name:<34}{train.precision:>7.3f}{train.recall:>7.3f}{train.f1:>7.3f}"
        f"   {test.precision:>7.3f}{test.recall:>7.3f}{test.f1:>7.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the wikiweasel_hedge/ dataset folder")
    parser.add_argument("--limit", type=int, help="read only the first N sentences per split")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument(
        "--show-cues", type=int, default=25, help="list the N most frequent tuned cues"
    )
    args = parser.parse_args(argv)
    root = resolve_dataset("wikiweasel_hedge", args.data, "test.csv")

    import spacy

    nlp = spacy.load(model_name(), exclude=UNUSED_PIPES)
    train = read_split(root / "train.csv", args.limit)
    test = read_split(root / "test.csv", args.limit)
    speed = attach_cues(train, nlp, args.n_process, args.batch_size)
    speed = (speed + attach_cues(test, nlp, args.n_process, args.batch_size)) / 2

    words = lexicon_words()
    precision = cue_precision(train)
    threshold, keep, _ = tune(train, precision)
    gold_train, gold_test = [s.label for s in train], [s.label for s in test]

    def both(predict) -> tuple[Score, Score]:
        return (
            score(gold_train, [predict(s) for s in train]),
            score(gold_test, [predict(s) for s in test]),
        )

    print(
        f"WikiWeasel sentence-level hedge detection: train {len(train):,} sentences "
        f"({sum(gold_train):,} uncertain), test {len(test):,} ({sum(gold_test):,})"
    )
    print(
        f"pipeline {model_name()} with {', '.join(nlp.pipe_names)}; "
        f"n_process={args.n_process}; {speed:,.0f} sentences/s\n"
    )
    print(f"{'detector':<34}{'train P':>7}{'R':>7}{'F1':>7}   {'test P':>7}{'R':>7}{'F1':>7}")
    phrases = lexicon_phrases()
    report("baseline: any lexicon word", *both(lambda s: baseline(s, words)))
    report("baseline: any lexicon phrase", *both(lambda s: phrase_baseline(s, phrases)))
    report("find_hedge_cues, forecast lexicon", *both(lambda s: bool(s.forecast_cues)))
    report("find_hedge_cues, all cues", *both(lambda s: bool(s.cues)))
    report(f"find_hedge_cues, tuned (t={threshold:.2f})", *both(lambda s: bool(s.cues & keep)))
    print(
        f"\nbaseline vocabulary: {len(words)} words; tuned cue set: {len(keep)} of "
        f"{len(precision)} cue phrases seen in train (smoothed train precision >= "
        f"{threshold:.2f}; threshold chosen on train F1 only)"
    )
    if args.show_cues:
        top = sorted(keep, key=lambda c: -precision[c][1])[: args.show_cues]
        print(
            "most frequent tuned cues (train precision, support): "
            + ", ".join(f"{c} ({precision[c][0]:.2f}, {precision[c][1]})" for c in top)
        )
        dropped = sorted((c for c in precision if c not in keep), key=lambda c: -precision[c][1])[
            : args.show_cues
        ]
        print(
            "most frequent dropped cues: "
            + ", ".join(f"{c} ({precision[c][0]:.2f}, {precision[c][1]})" for c in dropped)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
