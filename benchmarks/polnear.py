"""Who said what, scored against PolNeAR: augury beside textacy's direct_quotations.

    python benchmarks/polnear.py --split dev|test [--limit N] [--data PATH]
                                 [--json OUT] [--errors FILE] [--oracle]

Each article is parsed once (``augury.nlp.load()`` + ``nlp.pipe``); augury
(``augury.pipeline.analyze_doc``) and the textacy baseline both read that Doc.
Source, cue and content spans are scored per role; README.md in this folder
defines every metric. ``--oracle`` swaps augury's extractor for one that echoes
the gold annotation (a sanity check of this harness: it must score 1.0).
"""

from __future__ import annotations

import argparse
import json
import string
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from common import GoldAttribution, PolnearDoc, Segment, load_polnear, resolve_dataset

ROLES = ("source", "cue", "content")
METRICS = ("strict", "exact", "any", "prop")
METRIC_LABELS = {
    "strict": "exact, strict",
    "exact": "exact, normalised",
    "any": "any overlap",
    "prop": "proportional",
}
# Stripped from both ends of every span, gold and predicted alike, before the
# "exact, normalised" comparison and before counting characters for overlap.
STRIP_CHARS = frozenset(string.whitespace + ".,;:!?…\"'“”‘’«»()[]—–")
# A speaker whose name is one of these was not resolved to anybody.
PRONOUNS = frozenset(
    """i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs
    themselves one someone somebody anyone anybody who whom this that these those""".split()
)


# --------------------------------------------------------------------------- spans


def normalise(segment: Segment, text: str) -> Segment:
    """Strip whitespace and edge punctuation (STRIP_CHARS); keep the span if nothing is left."""
    start, end = segment
    while start < end and text[start] in STRIP_CHARS:
        start += 1
    while end > start and text[end - 1] in STRIP_CHARS:
        end -= 1
    return (start, end) if start < end else segment


def envelope(segments: Iterable[Segment]) -> Segment:
    segments = list(segments)
    return (min(s for s, _ in segments), max(e for _, e in segments))


def exact_key(segments: tuple[Segment, ...], text: str, normalised: bool) -> Segment:
    """What exact match compares: the envelope of the segments, normalised or not."""
    span = envelope(segments)
    return normalise(span, text) if normalised else span


def char_set(segments: tuple[Segment, ...], text: str) -> frozenset[int]:
    """Non-whitespace character positions covered by the normalised segments."""
    return frozenset(
        i for segment in segments for i in range(*normalise(segment, text)) if not text[i].isspace()
    )


# --------------------------------------------------------------------------- predictions


@dataclass(frozen=True)
class Predicted:
    """One predicted attribution in system-neutral form."""

    source: tuple[Segment, ...]
    cue: tuple[Segment, ...]
    content: tuple[Segment, ...]
    speaker: str | None  # the resolved speaker's name; None when there is none

    def role(self, name: str) -> tuple[Segment, ...]:
        return getattr(self, name)


def _span(span: tuple[int, int] | None) -> tuple[Segment, ...]:
    return ((span[0], span[1]),) if span and span[1] > span[0] else ()


def from_analysis(analysis) -> list[Predicted]:
    """augury Statements -> Predicted: content = segments or [span]; cue; source."""
    predicted = []
    for statement in analysis.statements:
        pieces = statement.segments or [statement.span]
        content = tuple(sorted(s for p in pieces for s in _span(p)))
        speaker = analysis.speaker(statement.speaker) if statement.speaker else None
        predicted.append(
            Predicted(
                source=_span(statement.source_span),
                cue=_span(statement.cue_span),
                content=content,
                speaker=speaker.name if speaker else None,
            )
        )
    return predicted


def _token_span(tokens) -> tuple[Segment, ...]:
    tokens = list(tokens)
    if not tokens:
        return ()
    return ((min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)),)


def textacy_predict(doc) -> tuple[list[Predicted], str | None]:
    """textacy.extract.triples.direct_quotations as Predicted; (preds, why it bailed)."""
    from textacy.extract.triples import direct_quotations  # imported up front by run()

    try:
        triples = list(direct_quotations(doc))
    except ValueError as error:  # e.g. an odd number of quote marks: textacy gives up
        return [], str(error)
    return [
        Predicted(
            source=_token_span(t.speaker),
            cue=_token_span(t.cue),
            content=_span((t.content.start_char, t.content.end_char)),
            speaker=" ".join(tok.text for tok in t.speaker) or None,
        )
        for t in triples
    ], None


def oracle_extractor(gold_by_text: dict[str, PolnearDoc]) -> Callable:
    """An ``extract_attributions`` that returns the gold annotation as augury objects."""
    from augury.model import Speaker, Statement

    def extract(doc):
        gold = gold_by_text[doc.text]
        text = gold.text
        speakers: dict[str, Speaker] = {}
        statements = []
        for n, att in enumerate(gold.attributions, 1):
            speaker_id = None
            source_span = envelope(att.source) if att.source else None
            if source_span:
                name = text[slice(*normalise(source_span, text))]
                if name not in speakers:
                    speakers[name] = Speaker(id=f"sp{len(speakers) + 1}", name=name)
                speakers[name].mentions.append(source_span)
                speaker_id = speakers[name].id
            content = envelope(att.content) if att.content else (0, 0)
            cue_span = envelope(att.cue) if att.cue else None
            quoted = any(q in text[slice(*content)] for q in '"“”')
            statements.append(
                Statement(
                    id=f"st{n}",
                    speaker=speaker_id,
                    kind="direct" if quoted else "indirect",
                    text=text[slice(*content)],
                    span=content,
                    cue=text[slice(*cue_span)] if cue_span else None,
                    cue_span=cue_span,
                    source_span=source_span,
                    segments=list(att.content),
                )
            )
        return list(speakers.values()), statements

    return extract


# --------------------------------------------------------------------------- scoring


def prf(tp_p: float, n_p: float, tp_r: float, n_r: float) -> dict[str, float]:
    """Precision tp_p/n_p, recall tp_r/n_r, and their harmonic mean."""
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


@dataclass
class RoleCounts:
    """Counts for one role, summed over documents (micro-average)."""

    n_pred: int = 0
    n_gold: int = 0
    strict_tp: int = 0
    exact_tp: int = 0
    any_pred_hit: int = 0  # predicted spans that overlap some gold span
    any_gold_hit: int = 0  # gold spans that overlap some predicted span
    pred_chars: int = 0
    pred_chars_hit: int = 0
    gold_chars: int = 0
    gold_chars_hit: int = 0

    def add(self, other: RoleCounts) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def scores(self) -> dict[str, dict[str, float]]:
        return {
            "strict": prf(self.strict_tp, self.n_pred, self.strict_tp, self.n_gold),
            "exact": prf(self.exact_tp, self.n_pred, self.exact_tp, self.n_gold),
            "any": prf(self.any_pred_hit, self.n_pred, self.any_gold_hit, self.n_gold),
            "prop": prf(self.pred_chars_hit, self.pred_chars, self.gold_chars_hit, self.gold_chars),
        }


def score_role(
    predicted: list[tuple[Segment, ...]], gold: list[tuple[Segment, ...]], text: str
) -> RoleCounts:
    """Score one role of one document. Items are span lists; empty ones are not items."""
    predicted = [p for p in predicted if p]
    gold = [g for g in gold if g]
    counts = RoleCounts(n_pred=len(predicted), n_gold=len(gold))
    for normalised in (False, True):
        pred_keys = Counter(exact_key(p, text, normalised) for p in predicted)
        gold_keys = Counter(exact_key(g, text, normalised) for g in gold)
        tp = sum((pred_keys & gold_keys).values())  # one-to-one: multiset intersection
        if normalised:
            counts.exact_tp = tp
        else:
            counts.strict_tp = tp
    pred_chars = [char_set(p, text) for p in predicted]
    gold_chars = [char_set(g, text) for g in gold]
    all_pred = frozenset().union(*pred_chars)
    all_gold = frozenset().union(*gold_chars)
    for chars in pred_chars:
        hit = len(chars & all_gold)
        counts.any_pred_hit += hit > 0
        counts.pred_chars += len(chars)
        counts.pred_chars_hit += hit
    for chars in gold_chars:
        hit = len(chars & all_pred)
        counts.any_gold_hit += hit > 0
        counts.gold_chars += len(chars)
        counts.gold_chars_hit += hit
    return counts


def gold_role(att: GoldAttribution, role: str) -> tuple[Segment, ...]:
    """A gold role as scored: content as its segments; source and cue as one envelope.

    augury keeps one span for a source or a cue, so the few discontinuous gold
    sources ("Rep. Don Edwards (D. Calif.)" split round a parenthesis) count as
    their envelope; content keeps its segments (union for overlap metrics).
    """
    segments = att.role(role)
    if role == "content" or not segments:
        return segments
    return (envelope(segments),)


def is_name(speaker: str | None) -> bool:
    return bool(speaker and speaker.strip().lower() not in PRONOUNS)


@dataclass
class SystemResult:
    """Everything one system scored over a split."""

    name: str
    roles: dict[str, RoleCounts] = field(default_factory=lambda: {r: RoleCounts() for r in ROLES})
    statements: int = 0
    named: int = 0  # statements whose speaker resolves to a name, not a pronoun
    on_gold_pronoun: int = 0  # statements whose source overlaps a gold pronoun source
    on_gold_pronoun_named: int = 0
    seconds: float = 0.0
    failed_docs: list[str] = field(default_factory=list)

    def add_document(self, doc: PolnearDoc, predicted: list[Predicted]) -> None:
        text = doc.text
        for role in ROLES:
            gold = [gold_role(a, role) for a in doc.attributions]
            self.roles[role].add(score_role([p.role(role) for p in predicted], gold, text))
        pronoun_chars = frozenset().union(
            *(
                char_set(a.source, text)
                for a in doc.attributions
                if a.source and is_pronoun(text, a.source)
            )
        )
        for p in predicted:
            self.statements += 1
            self.named += is_name(p.speaker)
            if p.source and char_set(p.source, text) & pronoun_chars:
                self.on_gold_pronoun += 1
                self.on_gold_pronoun_named += is_name(p.speaker)

    def to_dict(self) -> dict:
        return {
            "statements": self.statements,
            "speaker_named_share": self.named / self.statements if self.statements else None,
            "on_gold_pronoun_source": self.on_gold_pronoun,
            "on_gold_pronoun_source_named_share": (
                self.on_gold_pronoun_named / self.on_gold_pronoun if self.on_gold_pronoun else None
            ),
            "seconds": round(self.seconds, 3),
            "failed_docs": self.failed_docs,
            "roles": {
                role: {"counts": asdict(c), "scores": c.scores()} for role, c in self.roles.items()
            },
        }


def is_pronoun(text: str, segments: tuple[Segment, ...]) -> bool:
    return text[slice(*exact_key(segments, text, True))].lower() in PRONOUNS


# --------------------------------------------------------------------------- error analysis


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width // 2 - 2] + " … " + text[-width // 2 + 2 :]


def _show(text: str, segments: tuple[Segment, ...]) -> str:
    return _clip(" | ".join(text[s:e] for s, e in segments)) if segments else "-"


def _context(text: str, segment: Segment, width: int = 90) -> str:
    start, end = segment
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"…{left}⟦{text[start:end]}⟧{right}…".replace("\n", " ¶ ").split())


def cue_lemmas(doc, segments: tuple[Segment, ...]) -> tuple[str, str]:
    """(head lemma, lemmas of the whole cue) of a cue: ("say", "have say")."""
    if not segments:
        return "(no cue)", "(no cue)"
    span = doc.char_span(*envelope(segments), alignment_mode="expand")
    if not span:
        return "(unaligned)", "(unaligned)"
    return span.root.lemma_.lower(), " ".join(t.lemma_.lower() for t in span)


class ErrorReport:
    """Missed gold attributions, false positives and boundary errors, per document.

    A gold attribution is *found* when a predicted statement overlaps its cue or
    its content (non-whitespace characters, normalised spans); a prediction
    overlapping no gold cue or content is a *false positive*.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        # Missed and gold counts by the cue's head lemma, and by its whole lemma sequence.
        self.gold_heads: Counter[str] = Counter()
        self.missed_heads: Counter[str] = Counter()
        self.gold_phrases: Counter[str] = Counter()
        self.missed_phrases: Counter[str] = Counter()
        self.totals = Counter()

    def add(self, gold: PolnearDoc, doc, predicted: list[Predicted]) -> None:
        text = gold.text
        chars = {id(p): (char_set(p.cue, text), char_set(p.content, text)) for p in predicted}
        matched_preds: set[int] = set()
        missed, boundary = [], []
        for att in gold.attributions:
            cue, content = char_set(att.cue, text), char_set(att.content, text)
            head, phrase = cue_lemmas(doc, att.cue)
            self.gold_heads[head] += 1
            self.gold_phrases[phrase] += 1
            by_cue = [p for p in predicted if chars[id(p)][0] & cue]
            by_content = [p for p in predicted if chars[id(p)][1] & content]
            for p in by_cue + by_content:
                matched_preds.add(id(p))
            best = max(by_cue, key=lambda p: len(chars[id(p)][0] & cue), default=None) or max(
                by_content, key=lambda p: len(chars[id(p)][1] & content), default=None
            )
            if best is None:
                self.missed_heads[head] += 1
                self.missed_phrases[phrase] += 1
                missed.append(att)
            else:
                diffs = _boundary_diffs(att, best, text)
                if diffs:
                    boundary.append((att, diffs))
        false_pos = [p for p in predicted if id(p) not in matched_preds]
        self.totals.update(
            gold=len(gold.attributions), missed=len(missed), fp=len(false_pos),
            boundary=len(boundary), predicted=len(predicted),
        )  # fmt: skip
        if not (missed or false_pos or boundary):
            return
        out = self.lines
        out.append(
            f"== {gold.name} (annotator {gold.annotator}): gold {len(gold.attributions)}, "
            f"predicted {len(predicted)}, missed {len(missed)}, false positives "
            f"{len(false_pos)}, boundary {len(boundary)}"
        )
        for att in missed:
            anchor = envelope(att.cue or att.content)
            out.append(
                f"  MISSED  cue {_show(text, att.cue)!r} [{cue_lemmas(doc, att.cue)[1]}]  "
                f"source {_show(text, att.source)!r}"
            )
            out.append(f"          content: {_show(text, att.content)}")
            out.append(f"          context: {_context(text, anchor)}")
        for p in false_pos:
            anchor = envelope(p.cue or p.content or p.source or ((0, 0),))
            out.append(
                f"  FALSE+  cue {_show(text, p.cue)!r}  source {_show(text, p.source)!r}  "
                f"speaker {p.speaker!r}"
            )
            out.append(f"          content: {_show(text, p.content)}")
            out.append(f"          context: {_context(text, anchor)}")
        for att, diffs in boundary:
            out.append(f"  BOUNDARY cue {_show(text, att.cue)!r}")
            for role, gold_text, pred_text in diffs:
                out.append(f"          {role:7} gold: {gold_text}")
                out.append(f"          {'':7} ours: {pred_text}")
        out.append("")

    def write(self, path: Path, header: str) -> None:
        t = self.totals
        lines = [
            header,
            "",
            ErrorReport.__doc__.strip().splitlines()[0],
            "Found = a prediction overlaps the gold cue or content; FALSE+ = a prediction",
            "overlapping no gold cue or content; BOUNDARY = found, but source, cue or content",
            "differ after normalisation. Context marks the cue with ⟦ ⟧; ¶ is a line break.",
            "",
            f"gold {t['gold']}  predicted {t['predicted']}  missed {t['missed']}  "
            f"false positives {t['fp']}  boundary {t['boundary']}",
            "",
        ]
        for title, missed, gold in (
            ("cue head lemma", self.missed_heads, self.gold_heads),
            ("whole cue, lemmatised", self.missed_phrases, self.gold_phrases),
        ):
            lines.append(f"Missed gold attributions by {title} (missed / gold, top 60):")
            ranked = sorted(missed, key=lambda k: (-missed[k], -gold[k], k))[:60]
            lines += [f"  {missed[k]:5} / {gold[k]:<5} {k}" for k in ranked] or ["  (none)"]
            lines.append("")
        lines += self.lines
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _boundary_diffs(att: GoldAttribution, p: Predicted, text: str) -> list[tuple[str, str, str]]:
    diffs = []
    for role in ROLES:
        gold, ours = att.role(role), p.role(role)
        if not gold and not ours:
            continue
        if gold and ours and exact_key(gold, text, True) == exact_key(ours, text, True):
            continue
        diffs.append((role, _show(text, gold), _show(text, ours)))
    return diffs


# --------------------------------------------------------------------------- running


def run(args: argparse.Namespace) -> dict:
    root = resolve_dataset("polnear", args.data, marker=f"data/{args.split}/text")
    docs = load_polnear(root, args.split, args.limit)
    if not docs:
        print(f"no PolNeAR articles found in {root}/data/{args.split}", file=sys.stderr)
        sys.exit(1)

    try:
        import textacy.extract.triples  # noqa: F401  (the baseline; imported before timing)
    except ImportError:
        print(
            "textacy is not installed; it is the baseline of this benchmark. "
            "Install the bench extra: pip install -e '.[bench]' (textacy==0.13.0).",
            file=sys.stderr,
        )
        sys.exit(1)
    import augury.pipeline as pipeline
    from augury import nlp as augury_nlp
    from augury.model import Article

    system_name = "oracle" if args.oracle else "augury"
    if args.oracle:  # the harness's self-test: gold in, gold out
        pipeline.extract_attributions = oracle_extractor({d.text: d for d in docs})

    started = time.perf_counter()
    nlp = augury_nlp.load(args.model)
    load_seconds = time.perf_counter() - started
    ours, baseline = SystemResult(system_name), SystemResult("textacy")
    errors = ErrorReport() if args.errors else None
    baseline_bailed = 0

    stream = nlp.pipe(
        ((d.text, d) for d in docs), as_tuples=True, batch_size=args.batch_size,
        n_process=args.n_process,
    )  # fmt: skip
    for n, (doc, gold) in enumerate(stream, 1):
        article = Article(
            id=gold.name, text=gold.text, title=gold.text.split("\n", 1)[0],
            source=gold.publisher, path=f"polnear/{gold.split}/{gold.name}",
        )  # fmt: skip
        t0 = time.perf_counter()
        try:
            predicted = from_analysis(pipeline.analyze_doc(article, doc))
        except Exception:
            print(f"augury failed on {gold.name}:", file=sys.stderr)
            traceback.print_exc()
            ours.failed_docs.append(gold.name)
            predicted = []
        t1 = time.perf_counter()
        baseline_pred, bailed = textacy_predict(doc)
        t2 = time.perf_counter()
        ours.seconds += t1 - t0
        baseline.seconds += t2 - t1
        baseline_bailed += bailed is not None
        ours.add_document(gold, predicted)
        baseline.add_document(gold, baseline_pred)
        if errors:
            errors.add(gold, doc, predicted)
        if not args.quiet and n % 10 == 0:
            print(f"  {n}/{len(docs)} articles", file=sys.stderr)
    total_seconds = time.perf_counter() - started

    result = {
        "dataset": "PolNeAR v1.0.0",
        "split": args.split,
        "articles": len(docs),
        "multi_annotator_articles": sum(len(d.annotators) > 1 for d in docs),
        "annotator_rule": "first annotator id in sorted order",
        "gold": {
            "attributions": sum(len(d.attributions) for d in docs),
            "dropped_degenerate_events": sum(d.dropped_events for d in docs),
            **{role: ours.roles[role].n_gold for role in ROLES},
        },
        "model": nlp.meta.get("name"),
        "model_version": nlp.meta.get("version"),
        "n_process": args.n_process,
        "seconds": {
            "total": round(total_seconds, 2),
            "load": round(load_seconds, 2),
            "parse": round(total_seconds - load_seconds - ours.seconds - baseline.seconds, 2),
        },
        "normalisation_strip_chars": "".join(sorted(STRIP_CHARS)),
        "systems": {
            system_name: ours.to_dict(),
            "textacy": baseline.to_dict() | {"bailed_docs": baseline_bailed},
        },
    }
    print_report(result, [system_name, "textacy"])
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    if errors:
        errors.write(
            Path(args.errors),
            f"{system_name} errors on PolNeAR {args.split}, {len(docs)} articles",
        )
        print(f"wrote {args.errors}", file=sys.stderr)
    return result


def print_report(result: dict, systems: list[str]) -> None:
    gold = result["gold"]
    print(
        f"\nPolNeAR {result['split']}: {result['articles']} articles, "
        f"{gold['attributions']} gold attributions "
        f"(source {gold['source']}, cue {gold['cue']}, content {gold['content']}); "
        f"model {result['model']} {result['model_version']}"
    )
    head = f"{'role':8} {'metric':18}" + "".join(f" | {s[:17]:^17}" for s in systems)
    cols = "".join(f" | {'P':>5} {'R':>5} {'F1':>5}" for _ in systems)
    print(head)
    print(f"{'':8} {'':18}{cols}")
    print("-" * len(head))
    for role in ROLES:
        for metric in METRICS:
            row = f"{role if metric == 'strict' else '':8} {METRIC_LABELS[metric]:18}"
            for s in systems:
                sc = result["systems"][s]["roles"][role]["scores"][metric]
                row += f" | {sc['p']:5.3f} {sc['r']:5.3f} {sc['f1']:5.3f}"
            print(row)
        print("-" * len(head))
    for s in systems:
        r = result["systems"][s]
        named = r["speaker_named_share"]
        on_pron = r["on_gold_pronoun_source_named_share"]
        extra = f", bailed on {r['bailed_docs']} articles" if "bailed_docs" in r else ""
        failed = f", FAILED on {len(r['failed_docs'])} articles" if r["failed_docs"] else ""
        print(
            f"{s}: {r['statements']} statements in {r['seconds']:.1f}s{extra}{failed}; "
            f"speaker is a name, not a pronoun: "
            f"{'n/a' if named is None else f'{named:.1%}'}; on gold pronoun sources "
            f"({r['on_gold_pronoun_source']}): "
            f"{'n/a' if on_pron is None else f'{on_pron:.1%}'} resolved to a name"
        )
    sec = result["seconds"]
    print(
        f"time: {sec['total']:.1f}s total (load {sec['load']:.1f}s, parse {sec['parse']:.1f}s, "
        f"n_process {result['n_process']})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "train"), default="dev")
    parser.add_argument("--limit", type=int, help="score only the first N articles (by name)")
    parser.add_argument("--data", help="the polnear dataset folder (default: ../shared/datasets)")
    parser.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    parser.add_argument("--errors", metavar="FILE", help="write an error analysis (dev/train)")
    parser.add_argument("--oracle", action="store_true", help="score gold against itself")
    parser.add_argument("--model", help="spaCy pipeline (default: augury's configured one)")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy worker processes")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.errors and args.split == "test":
        parser.error("--errors is for tuning: use it on dev (or train), never on test")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
