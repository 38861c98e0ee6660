"""Train the cue-head classifier (``augury/lexicon/cue_model.json``) on PolNeAR train.

    python benchmarks/train_cue_model.py [--data PATH] [--C 0.5] [--penalty l1]
                                         [--cache DIR] [--dev] [--out FILE]

Every candidate token (``cue_model.is_candidate``: verbs and auxiliaries) of
the train split is one example. Its label: the token is the syntactic head of
a gold Cue span (the span's root in the spaCy parse). Features come from
``augury.extract.cue_model.cue_features``, the same function inference uses,
hashed with CRC-32. A logistic regression (scikit-learn, benchmark-only) is
fitted and only its non-zero weights are written, quantised.

``--dev`` also reports token-level scores on the dev split (for tuning ``--C``).
The test split is never read. ``--cache DIR`` keeps the parses as DocBin files
outside the repository so that reruns skip parsing; never point it inside the
repository: a DocBin holds the corpus text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from common import REPO_ROOT, PolnearDoc, load_polnear, resolve_dataset

from augury.extract.cue_model import (
    FEATURE_VERSION,
    MODEL_FILE,
    N_BUCKETS,
    feature_buckets,
    is_candidate,
    model_from_dict,
)

DEFAULT_OUT = REPO_ROOT / "src" / "augury" / "lexicon" / MODEL_FILE
# Weights are stored as integers: round(weight * SCALE).
SCALE = 1000
SOURCE = (
    "Fitted on the PolNeAR v1.0.0 train split only (840 articles, first annotator id in "
    "sorted order; github.com/networkdynamics/PolNeAR, commit c3eee83); dev used to choose "
    "C; test never read. PolNeAR has no data licence (the articles belong to their "
    "publishers), so no corpus text is stored here: only logistic-regression weights over "
    "CRC-32-hashed feature buckets, which are statistics of the data, not text. Labels: "
    "a verb/auxiliary is positive when it is the spaCy root of a gold Cue span."
)


def parse(docs: list[PolnearDoc], split: str, n_process: int, cache: Path | None) -> list:
    """spaCy Docs for ``docs`` in order, from the DocBin cache when it is there."""
    from spacy.tokens import DocBin

    from augury import nlp as augury_nlp

    nlp = augury_nlp.load()
    path = cache / f"polnear-{split}.spacy" if cache else None
    if path and path.exists():
        parsed = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in parsed] == [d.text for d in docs]:
            return parsed
        print(f"{path} does not match the {split} split; parsing again", file=sys.stderr)
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16, n_process=n_process))
    if path:
        if REPO_ROOT in path.resolve().parents:
            sys.exit(f"refusing to cache parses inside the repository: {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=parsed).to_disk(path)
    return parsed


def cue_heads(doc, gold: PolnearDoc) -> set[int]:
    """Token indices of the heads (span roots) of the gold Cue spans."""
    heads = set()
    for att in gold.attributions:
        if not att.cue:
            continue
        start, end = min(s for s, _ in att.cue), max(e for _, e in att.cue)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            heads.add(span.root.i)
    return heads


def examples(parsed: list, docs: list[PolnearDoc]) -> tuple[list[list[int]], list[int], int]:
    """Hashed features and labels of every candidate; also gold heads that are no candidate."""
    rows, labels, missed = [], [], 0
    for doc, gold in zip(parsed, docs, strict=True):
        heads = cue_heads(doc, gold)
        for tok in doc:
            if is_candidate(tok):
                rows.append(feature_buckets(tok))
                labels.append(int(tok.i in heads))
        missed += sum(not is_candidate(doc[i]) for i in heads)
    return rows, labels, missed


def matrix(rows: list[list[int]]):
    """A CSR matrix of feature counts (colliding features add up, as at inference)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((b for r in rows for b in r), dtype=np.int32, count=indptr[-1])
    data = np.ones(len(indices), dtype=np.float64)
    m = csr_matrix((data, indices, indptr), shape=(len(rows), N_BUCKETS))
    m.sum_duplicates()
    return m


def token_scores(y, p, threshold: float = 0.5) -> dict[str, float]:
    from sklearn.metrics import average_precision_score

    tp = sum(1 for t, q in zip(y, p, strict=True) if t and q >= threshold)
    n_pred = int(sum(q >= threshold for q in p))
    n_gold = int(sum(y))
    prec, rec = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return {
        "p": round(prec, 4),
        "r": round(rec, 4),
        "f1": round(2 * prec * rec / (prec + rec) if prec + rec else 0.0, 4),
        "avg_precision": round(float(average_precision_score(y, p)), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="the polnear dataset folder (default: ../shared/datasets)")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--penalty", choices=("l1", "l2"), default="l1")
    parser.add_argument("--min-weight", type=float, default=0.001,
                        help="drop weights smaller than this (absolute)")  # fmt: skip
    parser.add_argument("--n-process", type=int, default=2, help="spaCy worker processes")
    parser.add_argument("--cache", type=Path, help="folder for DocBin parses (outside the repo)")
    parser.add_argument("--dev", action="store_true", help="also score tokens on dev")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model file to write")
    parser.add_argument("--no-write", action="store_true", help="train and score only")
    args = parser.parse_args(argv)

    import numpy as np
    import sklearn
    from sklearn.linear_model import LogisticRegression

    root = resolve_dataset("polnear", args.data, marker="data/train/text")
    started = time.perf_counter()
    train_docs = load_polnear(root, "train")
    parsed = parse(train_docs, "train", args.n_process, args.cache)
    parsed_at = time.perf_counter()
    rows, labels, not_candidates = examples(parsed, train_docs)
    x, y = matrix(rows), np.array(labels)
    featured_at = time.perf_counter()
    solver = "liblinear" if args.penalty == "l1" else "lbfgs"
    classifier = LogisticRegression(
        C=args.C,
        l1_ratio=1.0 if args.penalty == "l1" else 0.0,
        solver=solver,
        max_iter=2000,
        random_state=0,
    )
    classifier.fit(x, y)
    fitted_at = time.perf_counter()
    print(
        f"train: {len(train_docs)} articles, {len(y)} candidates, {int(y.sum())} cue heads "
        f"({not_candidates} gold cue heads are no candidate); parse "
        f"{parsed_at - started:.1f}s, features {featured_at - parsed_at:.1f}s, fit "
        f"{fitted_at - featured_at:.1f}s (scikit-learn {sklearn.__version__}, "
        f"{args.penalty} C={args.C})",
        file=sys.stderr,
    )
    print(f"train tokens: {token_scores(y, classifier.predict_proba(x)[:, 1])}", file=sys.stderr)

    if args.dev:
        dev_docs = load_polnear(root, "dev")
        dev_rows, dev_labels, _ = examples(parse(dev_docs, "dev", args.n_process, args.cache),
                                           dev_docs)  # fmt: skip
        dev_p = classifier.predict_proba(matrix(dev_rows))[:, 1]
        for threshold in (0.3, 0.4, 0.5, 0.6):
            print(f"dev tokens @{threshold}: {token_scores(dev_labels, dev_p, threshold)}",
                  file=sys.stderr)  # fmt: skip

    coef = classifier.coef_[0]
    keep = np.flatnonzero(np.abs(coef) >= args.min_weight)
    quantised = np.round(coef[keep] * SCALE).astype(int)
    nonzero = quantised != 0
    model = {
        "_about": "Cue-head classifier for augury.extract.cue_model: logistic regression "
        "over hashed token features. Written by benchmarks/train_cue_model.py; do not edit.",
        "source": SOURCE,
        "split": "train",
        "trained": dt.date.today().isoformat(),
        "trainer": f"scikit-learn {sklearn.__version__} LogisticRegression "
        f"(l1_ratio={classifier.l1_ratio}, C={args.C}, solver={solver})",
        "feature_version": FEATURE_VERSION,
        "hash": "zlib.crc32(utf-8 feature string) % buckets",
        "buckets": N_BUCKETS,
        "examples": {"candidates": int(len(y)), "positives": int(y.sum())},
        "bias": round(float(classifier.intercept_[0]), 4),
        "scale": SCALE,
        "ids": keep[nonzero].tolist(),
        "weights": quantised[nonzero].tolist(),
    }
    print(f"{len(model['ids'])} non-zero weights of {N_BUCKETS}", file=sys.stderr)
    # The hand-written inference must agree with scikit-learn (up to quantisation).
    hand = model_from_dict(model)
    sample = [t for doc in parsed[:20] for t in doc if is_candidate(t)]
    theirs = classifier.predict_proba(matrix([feature_buckets(t) for t in sample]))[:, 1]
    gap = max(abs(hand.probability(t) - q) for t, q in zip(sample, theirs, strict=True))
    print(f"inference check on {len(sample)} tokens: max |p - sklearn p| = {gap:.4f}",
          file=sys.stderr)  # fmt: skip
    if gap > 0.02:
        sys.exit("the hand-written inference disagrees with scikit-learn; not writing")
    if not args.no_write:
        args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
