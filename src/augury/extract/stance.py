"""Agreement and disagreement between the speakers of one article.

- "Yang echoed this view, saying ..." -> Yang ``agrees`` with the speaker quoted
  just before;
- "On the other hand, Yang said ..." -> Yang ``disagrees`` with them;
- "Experts were divided on whether ..." -> the group is ``divided`` on that
  question, and the people quoted next, each on their own side, are its sides.

The cue phrases are the ledger's (``lexicon/ledger.json``, "stance"), so the
extractor and the ledger read agreement the same way. Pure: no I/O.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc

from augury.extract import doc_text
from augury.lexicon import load_json
from augury.model import Relation, Speaker, Statement

# How many statements after "were divided on whether ..." can be its sides.
_SIDES_WINDOW = 4
_SIDES_PARAGRAPHS = 2  # ... quoted within this many paragraphs of it


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    stance = load_json("ledger.json")["stance"]
    return {
        name: re.compile(
            r"(?i)\b(?:"
            + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
            + r")\b"
        )
        for name, phrases in stance.items()
    }


def extract_relations(
    doc: Doc, statements: list[Statement], speakers: list[Speaker]
) -> tuple[list[Relation], list[Speaker]]:
    """Relations between speakers; returns new speakers (a group named only in a
    "were divided" sentence) to add to the article's."""
    text = doc_text(doc)
    patterns = _patterns()
    relations: list[Relation] = []
    ordered = sorted(statements, key=lambda s: s.span[0])
    for n, st in enumerate(ordered):
        if st.speaker is None or n == 0:
            continue
        before = next(
            (p for p in reversed(ordered[:n]) if p.speaker not in (None, st.speaker)), None
        )
        if before is None:
            continue
        context = _frame(doc, st)
        for kind in ("disagrees", "agrees"):
            match = patterns[kind].search(context[0])
            if match:
                start = context[1] + match.start()
                relations.append(
                    Relation(
                        kind,
                        st.speaker,
                        before.speaker,
                        match.group(0),
                        (start, start + len(match.group(0))),
                        st.id,
                    )
                )
                break
    new: list[Speaker] = []
    for sent in doc.sents:
        match = patterns["divided"].search(sent.text)
        if not match:
            continue
        start = sent.start_char + match.start()
        group = _group(doc, sent, start, speakers + new)
        about_start = sent.start_char + match.end()
        about = text[about_start : sent.end_char].strip().rstrip(".")
        # The sides are the people quoted in the next few paragraphs.
        after = [
            s
            for s in ordered
            if s.span[0] >= sent.end_char
            and sum(1 for line in text[sent.end_char : s.span[0]].split("\n") if line.strip())
            <= _SIDES_PARAGRAPHS
        ][:_SIDES_WINDOW]
        sides = list(dict.fromkeys(s.speaker for s in after if s.speaker))
        relations.append(
            Relation(
                "divided",
                group.id if group else None,
                None,
                about,
                (about_start, about_start + len(about)),
                None,
                sides,
            )
        )
        if group is not None and group not in speakers and group not in new:
            new.append(group)
    return relations, new


def _frame(doc: Doc, st: Statement) -> tuple[str, int]:
    """The words of a statement's sentences outside what was said (where stance cues
    are), with the statement's own cue blanked unless it says "with" ("agreed with")."""
    text = doc_text(doc)
    start = min(x[0] for x in (st.span, st.cue_span, st.source_span) if x)
    end = max(x[1] for x in (st.span, st.cue_span, st.source_span) if x)
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(end - 1, start), end, alignment_mode="expand")
    lo = first.sent.start_char if first is not None else start
    hi = last.sent.end_char if last is not None else end
    chars = list(text[lo:hi])
    blank = [st.span]
    if st.cue_span and " with" not in text[st.cue_span[1] : st.cue_span[1] + 5]:
        blank.append(st.cue_span)
    for a, b in blank:
        for i in range(max(a, lo), min(b, hi)):
            chars[i - lo] = " "
    return "".join(chars), lo


def _group(doc: Doc, sent, at: int, speakers: list[Speaker]) -> Speaker | None:
    """The group that is divided: the subject before "were divided"."""
    words = [t for t in sent if t.idx < at and t.dep_ in {"nsubj", "nsubjpass"}]
    if not words:
        return None
    head = words[-1]
    name = head.lemma_.lower() if head.tag_ == "NNS" else head.text.lower()
    name = head.text.lower() if head.tag_ == "NNS" else name
    for s in speakers:
        if s.name.lower() == name:
            return s
    return Speaker(
        id=f"sp{len(speakers) + 1}",
        name=name,
        kind="group",
        mentions=[(head.idx, head.idx + len(head))],
    )
