"""Figures in text: augury's extract_quantities beside the quantulum3 library.

    python benchmarks/quantities.py [--data PATH] [--news FILE] [--json OUT] [--errors]

Two sets of cases, both parsed once with ``augury.nlp.load()``:

- quantulum3's own English regression tests (``quantulum3_tests`` in the shared
  datasets: sentences with value, quantulum unit name and surface). Only the
  part that augury models is scored as "in scope": money (quantulum's currency
  names mapped to ISO codes), percentages, and counts / bare numbers (quantulum
  "dimensionless", "dozen", "count per week" ...). Physical units (km, kg,
  degrees ...) are scored separately under a name -> symbol map; years are left
  out because augury does not report them by design; the few other units are
  "unmapped". quantulum reads "($99.99)" as -99.99 (accounting); a news
  extractor reads brackets as a conversion, so that expectation is scored as
  +99.99 (the report says how many were changed).
- benchmarks/data/news_quantities.jsonl: news-style sentences written for this
  project, each with every expected quantity (text, value, unit, kind); some
  expect none (ordinals, years, dates, identifiers) and test precision. Batch
  "dev" was written while the extractor was built (so it flatters it); batch
  "blind" was written before its first run, and is reported on its own.

A predicted quantity matches an expected one when their character spans overlap,
the values agree (relative 1e-6) and the units agree (a quantulum range is
matched by its mean or by both its ends). Three unit rules:
"value+unit+kind" (kind too), "value+unit", and "value+class", where any count
or bare number stands for a count whatever its noun (quantulum3 has no notion of
the counted noun). Each expected and each predicted quantity is used once.

Baseline: quantulum3 (``pip install quantulum3==0.10.0``; a benchmark-only
dependency) with its classifier switched off, since the classifier file it ships
does not load with current scikit-learn; it then disambiguates units by its
built-in rules. Its units are mapped into augury's conventions (currency ->
ISO code, percentage -> "%", dimensionless -> bare number). If quantulum3 is not
installed, a regex baseline (number + optional scale word + optional currency or
percent sign) runs instead.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from common import DATASETS_ENV, REPO_ROOT, datasets_root

sys.path.insert(0, str(REPO_ROOT / "src"))

from augury import nlp as nlp_mod  # noqa: E402
from augury.extract.quantities import extract_quantities  # noqa: E402

NEWS_CASES = REPO_ROOT / "benchmarks" / "data" / "news_quantities.jsonl"

# quantulum unit names -> augury units.
CURRENCY = {
    "dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "japanese yen": "JPY",
    "yen": "JPY",
    "chinese yuan": "CNY",
    "south korean won": "KRW",
    "swiss franc": "CHF",
    "indian rupee": "INR",
    "russian ruble": "RUB",
    "canadian dollar": "CAD",
    "australian dollar": "AUD",
    "hong kong dollar": "HKD",
}
CURRENCY_RATES = {"dollar per hour": "USD/hour", "dollar per kilogram": "USD/kg"}
COUNT_FACTORS = {
    "dimensionless": 1,
    "dozen": 12,
    "baker's dozen": 13,
    "gross": 144,
    "count per week": 1,
}
PHYSICAL = {
    "kilometre": "km",
    "metre": "m",
    "mile": "mi",
    "inch": "in",
    "nanometre": "nm",
    "picometre": "pm",
    "square kilometre": "km2",
    "square mile": "mi2",
    "cubic kilometre": "km3",
    "kilogram": "kg",
    "milligram": "mg",
    "tonne": "t",
    "pound-mass": "lb",
    "litre": "L",
    "centilitre": "cL",
    "cubic centimetre": "mL",
    "gallon": "gal",
    "degree Celsius": "°C",
    "degree fahrenheit": "°F",
    "degree Fahrenheit": "°F",
    "kelvin": "K",
    "watt": "W",
    "watt hour": "Wh",
    "megawatt hour": "MWh",
    "kilometre per hour": "km/h",
    "megabyte": "MB",
    "exabyte": "EB",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "gigahertz": "GHz",
    "electronvolt": "eV",
    "teraelectronvolt": "TeV",
    "milligray": "mGy",
    "gray": "Gy",
    "byte": "B",
}


@dataclass
class Item:
    """One quantity, expected or predicted, in augury's terms."""

    start: int
    end: int
    value: float
    unit: str | None
    kind: str
    scope: str = ""  # expected items of the quantulum set: money|percent|count|physical|...
    ends: tuple[float, float] | None = None  # a quantulum range: its two ends


def unit_class(item: Item) -> str | None:
    """The unit under the lenient rule: every count and bare number is just "count"."""
    if item.kind == "count" or (item.kind == "other" and item.unit is None):
        return "count"
    return item.unit


def same_unit(expected: Item, predicted: Item, rule: str) -> bool:
    if rule == "value+unit+kind" and expected.kind != predicted.kind:
        return False
    if rule == "value+class" or expected.scope == "count":
        return unit_class(expected) == unit_class(predicted)
    if expected.scope == "percent":  # quantulum does not tell a change from a level
        return predicted.unit == "%"
    return expected.unit == predicted.unit


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def match(expected: list[Item], predicted: list[Item], rule: str) -> list[tuple[Item, Item]]:
    """Greedy one-to-one matching in text order.

    A quantulum range ("7 to 10", value 8.5 with uncertainty 1.5) is matched by
    its mean (quantulum's convention) or by its two ends, each a prediction of
    its own (augury's convention).
    """
    used: set[int] = set()
    pairs = []
    for e in expected:
        for targets in ([e.value], list(e.ends or ())):
            found: list[int] = []
            for target in targets:
                for k, p in enumerate(predicted):
                    if k in used or k in found or p.end <= e.start or p.start >= e.end:
                        continue
                    if close(target, p.value) and same_unit(e, p, rule):
                        found.append(k)
                        break
            if targets and len(found) == len(targets):
                used.update(found)
                pairs.append((e, predicted[found[0]]))
                break
    return pairs


# --------------------------------------------------------------------------- systems


def augury_system(doc) -> list[Item]:
    return [Item(q.span[0], q.span[1], q.value, q.unit, q.kind) for q in extract_quantities(doc)]


def quantulum_system() -> tuple[str, Callable[[object], list[Item]]]:
    """quantulum3 if it is installed, else the regex baseline; (label, system)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import quantulum3
            from quantulum3 import classifier as q_classifier
            from quantulum3 import parser as q_parser
    except ImportError:
        return "regex", regex_system
    # The shipped classifier was pickled with an old scikit-learn; use the rules.
    q_classifier.USE_CLF = False
    version = getattr(quantulum3, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("quantulum3")

    def run(doc) -> list[Item]:
        items = []
        for q in q_parser.parse(doc.text):
            name = q.unit.name
            if q.unit.entity.name == "currency":
                unit = getattr(q.unit, "currency_code", None) or CURRENCY.get(name, name)
                kind = "money"
            elif name in CURRENCY_RATES:
                unit, kind = CURRENCY_RATES[name], "money"
            elif name == "percentage":
                unit, kind = "%", "percent"
            elif name in COUNT_FACTORS:
                unit, kind = None, "other"
            else:
                unit, kind = PHYSICAL.get(name, name), "other"
            value = float(q.value) * COUNT_FACTORS.get(name, 1)
            items.append(Item(q.span[0], q.span[1], value, unit, kind))
        return items

    return f"quantulum3 {version}", run


_REGEX_NUMBER = re.compile(
    r"(?P<cur>[$€£¥₩])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|tn)\b)?"
    r"(?P<pct>\s?%|\s(?:percent|per cent)\b)?"
)
_REGEX_SCALES = {
    None: 1,
    "thousand": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_REGEX_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}


def regex_system(doc) -> list[Item]:
    """Baseline: a number, an optional scale word, an optional currency sign or percent."""
    items = []
    for m in _REGEX_NUMBER.finditer(doc.text):
        value = float(m.group("num").replace(",", "")) * _REGEX_SCALES[m.group("scale")]
        if m.group("cur"):
            unit, kind = _REGEX_CURRENCY[m.group("cur")], "money"
        elif m.group("pct"):
            unit, kind = "%", "percent"
        else:
            unit, kind = None, "other"
        items.append(Item(m.start(), m.end(), value, unit, kind))
    return items


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    text: str
    expected: list[Item]
    source: str  # file name
    id: str = ""
    batch: str = ""  # news cases: "dev" (written while developing) or "blind" (before a run)


def locate(text: str, surface: str, after: int = 0) -> tuple[int, int]:
    start = text.find(surface, after)
    if start < 0:
        start = text.find(surface)
    if start < 0:
        raise ValueError(f"surface {surface!r} not found in {text!r}")
    return start, start + len(surface)


def quantulum_scope(entry: dict) -> tuple[str, str | None, float]:
    """(scope, augury unit, factor) of one quantulum expectation."""
    name, value, surface = entry["unit"], float(entry["value"]), entry["surface"]
    if name in CURRENCY:
        return "money", CURRENCY[name], 1
    if name in CURRENCY_RATES:
        return "money", CURRENCY_RATES[name], 1
    if name == "percentage":
        return "percent", "%", 1
    if name in COUNT_FACTORS:
        if name == "dimensionless" and re.fullmatch(r"\d{4}", surface) and 1000 <= value <= 2100:
            return "year", None, 1
        return "count", None, COUNT_FACTORS[name]
    if name in PHYSICAL:
        return "physical", PHYSICAL[name], 1
    return "unmapped", name, 1


def load_quantulum(root: Path) -> tuple[list[Case], int, int]:
    """The cases; how many accounting negatives were turned positive; how many ranges."""
    cases, adjusted, ranges = [], 0, 0
    for file in ("quantities.json", "quantities.ambiguity.json"):
        for n, raw in enumerate(json.loads((root / file).read_text(encoding="utf-8"))):
            text, expected, cursor = raw["req"], [], 0
            for entry in raw["res"]:
                start, end = locate(text, entry["surface"], cursor)
                cursor = end
                scope, unit, factor = quantulum_scope(entry)
                value = float(entry["value"]) * factor
                if value < 0 and entry["surface"].startswith("(") and scope == "money":
                    value, start, end = -value, start + 1, end - 1  # a conversion in news
                    adjusted += 1
                kind = {"money": "money", "percent": "percent", "count": "count"}.get(
                    scope, "other"
                )
                spread = entry.get("uncertainty")
                is_range = spread and not re.search(r"±|\+/-", entry["surface"])
                ends = (value - spread, value + spread) if is_range else None
                ranges += bool(ends)
                expected.append(Item(start, end, value, unit, kind, scope, ends))
            cases.append(Case(text, expected, file, f"{file}#{n}"))
    return cases, adjusted, ranges


def load_news(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        text, expected, cursor = raw["text"], [], 0
        for q in raw["quantities"]:
            start, end = locate(text, q["text"], cursor)
            cursor = end
            expected.append(Item(start, end, float(q["value"]), q["unit"], q["kind"], "news"))
        cases.append(Case(text, expected, path.name, raw.get("id", ""), raw.get("batch", "")))
    return cases


# --------------------------------------------------------------------------- scoring

RULES = ("value+unit+kind", "value+unit", "value+class")


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score_news(cases: list[Case], preds: list[list[Item]]) -> dict:
    out: dict = {}
    n_gold = sum(len(c.expected) for c in cases)
    n_pred = sum(len(p) for p in preds)
    for rule in RULES:
        tp, whole = 0, 0
        for case, pred in zip(cases, preds, strict=True):
            k = len(match(case.expected, pred, rule))
            tp += k
            whole += k == len(case.expected) == len(pred)
        out[rule] = prf(tp, n_pred, n_gold) | {"tp": tp, "sentences_all_right": whole}
    out["gold"], out["predicted"] = n_gold, n_pred
    empty = [p for c, p in zip(cases, preds, strict=True) if not c.expected]
    out["false_alarms_in_sentences_expecting_none"] = sum(len(p) for p in empty)
    return out


def score_quantulum(cases: list[Case], preds: list[list[Item]]) -> dict:
    scopes = Counter(e.scope for c in cases for e in c.expected)
    right: Counter[str] = Counter()
    spurious = 0
    for case, pred in zip(cases, preds, strict=True):
        for scope in scopes:
            gold = [e for e in case.expected if e.scope == scope]
            right[scope] += len(match(gold, pred, "value+unit"))
        spurious += sum(
            1 for p in pred if not any(p.start < e.end and e.start < p.end for e in case.expected)
        )
    in_scope = ("money", "percent", "count")
    n_in = sum(scopes[s] for s in in_scope)
    return {
        "sentences": len(cases),
        "expected": sum(scopes.values()),
        "by_scope": {
            s: {
                "n": scopes[s],
                "right": right[s],
                "share": right[s] / scopes[s] if scopes[s] else None,
            }
            for s in sorted(scopes)
        },
        "in_scope": {
            "n": n_in,
            "share_of_all": n_in / sum(scopes.values()),
            "right": sum(right[s] for s in in_scope),
            "share_right": sum(right[s] for s in in_scope) / n_in if n_in else None,
        },
        "spurious": spurious,
    }


# --------------------------------------------------------------------------- report


def run_systems(cases: list[Case], nlp, systems: dict[str, Callable]) -> dict[str, list]:
    docs = list(nlp.pipe([c.text for c in cases], batch_size=64))
    out: dict[str, list] = {}
    for name, system in systems.items():
        t0 = time.perf_counter()
        out[name] = [system(doc) for doc in docs]
        out[name + ":seconds"] = time.perf_counter() - t0
    return out


def print_quantulum(scores: dict[str, dict], adjusted: int, ranges: int) -> None:
    names = list(scores)
    first = scores[names[0]]
    print(
        f"\nquantulum3 English tests: {first['sentences']} sentences, "
        f"{first['expected']} expected quantities ({adjusted} accounting negative read as "
        f"a positive conversion; {ranges} ranges matched by their mean or their two ends)"
    )
    print(f"  {'scope':<12}{'n':>5}" + "".join(f"{n:>22}" for n in names))
    for scope in ("money", "percent", "count", "physical", "year", "unmapped"):
        row = first["by_scope"].get(scope)
        if not row:
            continue
        cells = []
        for n in names:
            r = scores[n]["by_scope"][scope]
            cells.append(
                f"{r['right']:>4} ({r['share']:.0%})" if scope != "year" else "   (not scored)"
            )
        print(f"  {scope:<12}{row['n']:>5}" + "".join(f"{c:>22}" for c in cells))
    ins = first["in_scope"]
    print(
        f"  in scope (money+percent+count): {ins['n']} of {first['expected']} "
        f"({ins['share_of_all']:.0%})"
    )
    for n in names:
        s = scores[n]
        print(
            f"    {n:<20} value+unit right: {s['in_scope']['right']}/{ins['n']} "
            f"({s['in_scope']['share_right']:.1%}); predictions overlapping no expected "
            f"quantity: {s['spurious']}"
        )


def print_news(scores: dict[str, dict], n_cases: int, batch: str) -> None:
    names = list(scores)
    first = scores[names[0]]
    print(f"\nnews cases ({batch}): {n_cases} sentences, {first['gold']} expected quantities")
    print(f"  {'rule':<18}" + "".join(f"{n + ' P/R/F1':>34}" for n in names))
    for rule in RULES:
        cells = [
            f"{s[rule]['precision']:.3f}/{s[rule]['recall']:.3f}/{s[rule]['f1']:.3f}"
            for s in scores.values()
        ]
        print(f"  {rule:<18}" + "".join(f"{c:>34}" for c in cells))
    print(
        "  sentences with every quantity right (value+unit+kind, nothing extra): "
        + ", ".join(
            f"{n} {s['value+unit+kind']['sentences_all_right']}/{n_cases}"
            for n, s in scores.items()
        )
    )
    print(
        "  predictions in the sentences that expect none: "
        + ", ".join(
            f"{n} {s['false_alarms_in_sentences_expecting_none']}" for n, s in scores.items()
        )
    )


def print_errors(cases: list[Case], preds: list[list[Item]], label: str, rule: str) -> None:
    print(f"\nerrors of {label} ({rule}):")
    for case, pred in zip(cases, preds, strict=True):
        pairs = match(case.expected, pred, rule)
        missed = [
            e
            for e in case.expected
            if all(e is not a for a, _ in pairs) and e.scope not in ("year", "unmapped")
        ]
        extra = [p for p in pred if all(p is not b for _, b in pairs)]
        if not missed and not extra:
            continue
        print(f"  [{case.id}] {case.text}")
        for e in missed:
            print(f"      missed {case.text[e.start : e.end]!r} {e.value:g} {e.unit} {e.kind}")
        for p in extra:
            print(f"      extra  {case.text[p.start : p.end]!r} {p.value:g} {p.unit} {p.kind}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", help="folder of quantulum3_tests (default: shared datasets)")
    ap.add_argument("--news", default=str(NEWS_CASES), help="news cases (JSONL)")
    ap.add_argument("--json", help="write the scores to this file")
    ap.add_argument("--errors", action="store_true", help="list augury's misses and extras")
    args = ap.parse_args(argv)

    nlp = nlp_mod.load()
    baseline_label, baseline = quantulum_system()
    systems = {"augury": augury_system, baseline_label: baseline}
    report: dict = {"baseline": baseline_label, "model": nlp.meta.get("name")}

    news = load_news(Path(args.news))
    news_preds = run_systems(news, nlp, systems)
    report["news"] = {n: score_news(news, news_preds[n]) for n in systems}
    report["news"]["seconds"] = {n: news_preds[n + ":seconds"] for n in systems}
    print_news({n: report["news"][n] for n in systems}, len(news), "all")
    for batch in sorted({c.batch for c in news} - {""}):
        keep = [k for k, c in enumerate(news) if c.batch == batch]
        subset = [news[k] for k in keep]
        report["news_" + batch] = {
            n: score_news(subset, [news_preds[n][k] for k in keep]) for n in systems
        }
        print_news({n: report["news_" + batch][n] for n in systems}, len(subset), batch)

    root = Path(args.data) if args.data else datasets_root() / "quantulum3_tests"
    if not (root / "quantities.json").exists():
        print(
            f"\nquantulum3_tests not found at {root}: skipped. Pass --data PATH or set "
            f"${DATASETS_ENV} to the folder that holds quantulum3_tests/."
        )
        return finish(report, args)
    q_cases, adjusted, ranges = load_quantulum(root)
    q_preds = run_systems(q_cases, nlp, systems)
    report["quantulum3_tests"] = {n: score_quantulum(q_cases, q_preds[n]) for n in systems}
    report["quantulum3_tests"]["accounting_negatives_adjusted"] = adjusted
    report["quantulum3_tests"]["ranges_scored_by_their_ends"] = ranges
    print_quantulum({n: report["quantulum3_tests"][n] for n in systems}, adjusted, ranges)
    print(
        "  (these are quantulum3's own regression tests: its score there is not a fair comparison)"
    )

    if args.errors:
        print_errors(news, news_preds["augury"], "augury on news cases", "value+unit+kind")
        print_errors(q_cases, q_preds["augury"], "augury on quantulum3 tests", "value+unit")
    return finish(report, args)


def finish(report: dict, args: argparse.Namespace) -> int:
    if args.json:
        Path(args.json).write_text(
            json.dumps(report, indent=2, default=asdict) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
