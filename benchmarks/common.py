"""Shared bits of the benchmarks: where the datasets live, and a PolNeAR reader.

Datasets are never copied into the project. They are read from
``$AUGURY_DATASETS`` if set, else from ``../shared/datasets`` next to the
repository. A benchmark whose dataset is missing prints why and exits 0, so that
a checkout without the data still passes a "run all benchmarks" step.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

REPO_ROOT = Path(__file__).resolve().parent.parent
DATASETS_ENV = "AUGURY_DATASETS"
DEFAULT_DATASETS = REPO_ROOT.parent / "shared" / "datasets"

Segment = tuple[int, int]


def datasets_root() -> Path:
    """The folder that holds all datasets: $AUGURY_DATASETS, else ../shared/datasets."""
    env = os.environ.get(DATASETS_ENV)
    return Path(env) if env else DEFAULT_DATASETS


def resolve_dataset(name: str, override: str | None = None, marker: str = "") -> Path:
    """The folder of dataset ``name``; exits 0 with a message when it is missing.

    ``override`` (a ``--data`` argument) wins over the default location.
    ``marker`` is a path inside the dataset that must exist for it to count as found.
    """
    root = Path(override) if override else datasets_root() / name
    if not (root / marker).exists():
        skip(
            f"dataset {name!r} not found at {root / marker}, skipping. "
            f"Pass --data PATH (the {name} folder itself) or set ${DATASETS_ENV} "
            f"to the folder that holds {name}/."
        )
    return root


def skip(message: str) -> NoReturn:
    """Say why a benchmark did not run and exit successfully."""
    print(message, file=sys.stderr)
    sys.exit(0)


# --------------------------------------------------------------------------- PolNeAR

POLNEAR_SPLITS = ("train", "dev", "test")
# Record starts in a BRAT .ann file; any other line continues the previous record.
_RECORD_START = re.compile(r"^(T|E|#)\d+\t")
_ROLE_TYPES = {"Source", "Cue", "Content"}
TRIGGER_TYPES = ("Attribution", "Attribution-no-source")


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution (a BRAT event): its source, cue and content segments."""

    id: str
    trigger: str  # "Attribution" or "Attribution-no-source"
    source: tuple[Segment, ...] = ()
    cue: tuple[Segment, ...] = ()
    content: tuple[Segment, ...] = ()  # Content and Content2, in text order

    def role(self, name: str) -> tuple[Segment, ...]:
        return getattr(self, name)


@dataclass
class PolnearDoc:
    """One PolNeAR article with the annotation of one annotator."""

    name: str  # <publisher>_<YYYY-MM-DD>_<slug>
    split: str
    annotator: str
    annotators: list[str]
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    dropped_events: int = 0  # degenerate events (no cue and no content)

    @property
    def publisher(self) -> str:
        return self.name.split("_", 2)[0]

    @property
    def published(self) -> str:
        parts = self.name.split("_", 2)
        return parts[1] if len(parts) > 1 else ""


def polnear_texts(root: Path, split: str) -> list[tuple[str, str]]:
    """(basename, text) of every article of a split, sorted by name."""
    folder = root / "data" / split / "text"
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def parse_segments(offsets: str) -> tuple[Segment, ...]:
    """``"207 579;581 851"`` -> ((207, 579), (581, 851))."""
    segments = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        segments.append((int(start), int(end)))
    return tuple(sorted(segments))


def read_brat(ann: str) -> tuple[dict[str, tuple[str, tuple[Segment, ...]]], list[list[str]]]:
    """Text-bound spans {T-id: (type, segments)} and events [[trigger, role:T, ...]].

    The text column is ignored (span text is sliced from the article), which also
    makes the three records whose text column holds a newline harmless.
    """
    records: list[str] = []
    for line in ann.splitlines():
        if _RECORD_START.match(line) or not records:
            records.append(line)
        else:  # continuation of a record whose text column held a newline
            records[-1] += "\n" + line
    spans: dict[str, tuple[str, tuple[Segment, ...]]] = {}
    events: list[list[str]] = []
    for record in records:
        fields = record.split("\t")
        if record.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (kind, parse_segments(offsets))
        elif record.startswith("E") and len(fields) >= 2:
            events.append([fields[0], *fields[1].split()])
    return spans, events


def gold_attributions(ann: str) -> tuple[list[GoldAttribution], int]:
    """The attributions of one .ann file, and how many degenerate events were dropped.

    Kept: every event with a cue or a content. ``Content2`` joins ``Content``.
    Dropped: events with neither (a bare trigger). Discuss/Discard spans and
    the trigger spans themselves are never scored.
    """
    spans, events = read_brat(ann)
    kept: list[GoldAttribution] = []
    dropped = 0
    for event in events:
        event_id, trigger_arg, *role_args = event
        trigger = trigger_arg.split(":", 1)[0]
        if trigger not in TRIGGER_TYPES:
            continue
        roles: dict[str, list[Segment]] = {"Source": [], "Cue": [], "Content": []}
        for arg in role_args:
            role, _, tid = arg.partition(":")
            role = "Content" if role.startswith("Content") else role
            if role in _ROLE_TYPES and tid in spans:
                roles[role].extend(spans[tid][1])
        if not roles["Cue"] and not roles["Content"]:
            dropped += 1
            continue
        kept.append(
            GoldAttribution(
                id=event_id,
                trigger=trigger,
                source=tuple(sorted(roles["Source"])),
                cue=tuple(sorted(roles["Cue"])),
                content=tuple(sorted(roles["Content"])),
            )
        )
    return kept, dropped


def load_polnear(root: Path, split: str, limit: int | None = None) -> list[PolnearDoc]:
    """The articles of a split with the first annotator's attributions, sorted by name.

    Where several annotators did one article (20 core articles), the first
    annotator id in sorted order is used, so scores are reproducible.
    """
    if split not in POLNEAR_SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}; choose from {POLNEAR_SPLITS}")
    ann_dir = root / "data" / split / "attributions"
    docs: list[PolnearDoc] = []
    for name, text in polnear_texts(root, split):
        anns = sorted(ann_dir.glob(f"{glob_escape(name)}_????.ann"))
        annotators = [p.stem.rsplit("_", 1)[1] for p in anns]
        if not anns:
            print(f"warning: {split}/{name} has no .ann file; skipped", file=sys.stderr)
            continue
        attributions, dropped = gold_attributions(anns[0].read_text(encoding="utf-8"))
        docs.append(
            PolnearDoc(
                name=name,
                split=split,
                annotator=annotators[0],
                annotators=annotators,
                text=text,
                attributions=attributions,
                dropped_events=dropped,
            )
        )
        if limit is not None and len(docs) >= limit:
            break
    return docs


def glob_escape(name: str) -> str:
    """Escape glob metacharacters in a file name ("[", "*", "?")."""
    return re.sub(r"([\[\]*?])", r"[\1]", name)
