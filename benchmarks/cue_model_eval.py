"""The cue model as an experiment: PolNeAR scores with ``_Extractor.is_cue`` swapped.

    python benchmarks/cue_model_eval.py [--split dev] [--data PATH] [--cache DIR]
                                        [--model FILE] [--thresholds 0.4,0.5] [--reject 0,0.1]

Variants, each over the same parsed Docs (``attribution.py`` is not edited; its
``_Extractor.is_cue`` is replaced for the run):

- ``rules``: the cue lexicon and rules as they are;
- ``or@T-R``: a cue if the rules say so and the model's probability is >= R,
  OR the probability is >= T (``or@T-0``: rules OR model);
- ``model@T``: the model alone (probability >= T).

The last line times the model alone: features and weights for every candidate
token of an article. Tune on dev; test is refused, as in polnear.py's ``--errors``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from common import load_polnear, resolve_dataset
from polnear import SystemResult, from_analysis
from train_cue_model import parse

import augury.pipeline as pipeline
from augury.extract import attribution
from augury.extract.cue_model import CueModel, load_cue_model, model_from_dict
from augury.model import Article

RULES = attribution._Extractor.is_cue
# The numbers to tune for: source exact-normalised and content any-overlap F1.
SHOWN = (("source", "exact"), ("cue", "exact"), ("content", "any"))

IsCue = Callable[[attribution._Extractor, object], bool]


def variant(model: CueModel, threshold: float | None, reject: float | None, rules: bool) -> IsCue:
    """An ``is_cue`` for one variant (threshold None: rules only; rules False: model only)."""

    def is_cue(self, tok) -> bool:
        if threshold is None:
            return RULES(self, tok)
        p = model.probability(tok)
        if rules and RULES(self, tok):
            return reject is None or p >= reject
        return p >= threshold

    return is_cue


def score(name: str, is_cue: IsCue, docs, parsed) -> tuple[SystemResult, float]:
    """Run the extractor with ``is_cue`` over every article; (scores, seconds)."""
    attribution._Extractor.is_cue = is_cue
    result = SystemResult(name)
    seconds = 0.0
    try:
        for gold, doc in zip(docs, parsed, strict=True):
            doc.user_data.clear()  # no probabilities memoised by an earlier variant
            article = Article(id=gold.name, text=gold.text, title="", source=gold.publisher)
            t0 = time.perf_counter()
            analysis = pipeline.analyze_doc(article, doc)
            seconds += time.perf_counter() - t0
            result.add_document(gold, from_analysis(analysis))
    finally:
        attribution._Extractor.is_cue = RULES
    return result, seconds


def row(name: str, result: SystemResult, seconds: float, n_docs: int) -> str:
    cells = []
    for role, metric in SHOWN:
        s = result.roles[role].scores()[metric]
        cells.append(f"{s['p']:.3f} {s['r']:.3f} {s['f1']:.3f}")
    ms = 1000 * seconds / n_docs
    return f"{name:14} | " + " | ".join(cells) + f" | {result.statements:5} | {ms:6.1f}"


def overhead(model: CueModel, parsed) -> float:
    """Milliseconds per article to score every candidate token (features + weights)."""
    t0 = time.perf_counter()
    for doc in parsed:
        doc.user_data.clear()
        for tok in doc:
            model.probability(tok)
    return 1000 * (time.perf_counter() - t0) / len(parsed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--data", help="the polnear dataset folder (default: ../shared/datasets)")
    parser.add_argument("--cache", type=Path, help="folder for DocBin parses (outside the repo)")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--model", type=Path, help="a cue model file (default: the shipped one)")
    parser.add_argument(
        "--thresholds",
        default="0.3,0.4,0.5,0.6,0.7",
        help="comma-separated T: a token the rules reject is a cue at p >= T",
    )
    parser.add_argument("--reject", default="0,0.05,0.1,0.2",
                        help="comma-separated R: a rule cue is kept at p >= R")  # fmt: skip
    args = parser.parse_args(argv)

    root = resolve_dataset("polnear", args.data, marker=f"data/{args.split}/text")
    docs = load_polnear(root, args.split)
    parsed = parse(docs, args.split, args.n_process, args.cache)
    if args.model:
        model = model_from_dict(json.loads(args.model.read_text(encoding="utf-8")))
    else:
        model = load_cue_model()
    thresholds = [float(x) for x in args.thresholds.split(",") if x]
    rejects = [float(x) for x in args.reject.split(",") if x]
    variants: list[tuple[str, IsCue]] = [("rules", variant(model, None, None, True))]
    for t in thresholds:
        variants += [(f"or@{t}-{r}", variant(model, t, r, True)) for r in rejects if r < t]
        variants.append((f"model@{t}", variant(model, t, None, False)))

    head = " | ".join(f"{role} {metric:>5}  P     R     F1 " for role, metric in SHOWN)
    print(f"PolNeAR {args.split}: {len(docs)} articles; cue model: {model.meta.get('trainer')}")
    print(f"{'variant':14} | {head} | stmts | ms/art")
    for name, is_cue in variants:
        result, seconds = score(name, is_cue, docs, parsed)
        print(row(name, result, seconds, len(docs)), flush=True)
    print(f"scoring every candidate token: {overhead(model, parsed):.1f} ms per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
