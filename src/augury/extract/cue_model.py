"""A learned check on attribution cues: how likely a token heads a cue.

A logistic regression over hashed features of one token in a spaCy parse
(its lemma, dependency arcs, children, neighbours, quotation marks). The
weights live in ``lexicon/cue_model.json``; ``benchmarks/train_cue_model.py``
writes them from the PolNeAR train split. Inference is plain Python: no
scikit-learn at run time.

``cue_features`` is the one feature function: training imports it from here,
so that training and inference always compute the same features.
"""

from __future__ import annotations

import functools
import math
import zlib
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from augury.extract import doc_text
from augury.extract.quotes import QUOTE_MARKS, find_quotes
from augury.lexicon import load_json

MODEL_FILE = "cue_model.json"
# Bump when cue_features changes: a model trained on other features is refused.
FEATURE_VERSION = 1
N_BUCKETS = 2**18
CANDIDATE_POS = frozenset({"VERB", "AUX"})
_KEY_DEPS = (
    "nsubj",
    "nsubjpass",
    "ccomp",
    "xcomp",
    "dobj",
    "dative",
    "prep",
    "prt",
    "agent",
    "advcl",
    "oprd",
    "attr",
    "acomp",
    "neg",
    "aux",
    "auxpass",
)
# Doc.user_data caches, in types a Doc can still be serialised with.
_QUOTED_KEY = "augury.cue_model.quoted"  # bytes: 1 for a token inside a quotation
_MEMO_KEY = "augury.cue_model.p"  # list: each token's probability, -1.0 until computed


def is_candidate(tok: Token) -> bool:
    """Tokens the model scores: verbs and auxiliaries (also a verb tagged as a noun)."""
    return tok.pos_ in CANDIDATE_POS or tok.tag_.startswith("VB")


@functools.cache
def _lexicon() -> tuple[dict[str, str], frozenset[str]]:
    """Cue lemma -> its group in cues.json, and the lemmas that need a particle."""
    data = load_json("cues.json")
    groups: dict[str, str] = {}
    for group in ("attitude", "cognition", "speech"):  # speech wins where lists overlap
        groups.update(dict.fromkeys(data[group], group))
    groups.update({k: groups.get(k, "phrasal") for k in data["phrasal"]})
    return groups, frozenset(data["needs_particle"])


def _quoted(doc: Doc) -> bytes:
    """One flag per token: inside a quotation (computed once per Doc)."""
    cached = doc.user_data.get(_QUOTED_KEY)
    if cached is None:
        inside = bytearray(len(doc))
        for quote in find_quotes(doc_text(doc)):
            for start, end in quote.segments:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    inside[span.start : span.end] = b"\x01" * len(span)
        cached = doc.user_data[_QUOTED_KEY] = bytes(inside)
    return cached


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def cue_features(tok: Token) -> list[str]:
    """The features of a candidate cue token, as strings (hashed by ``feature_buckets``)."""
    doc = tok.doc
    lemma = _lemma(tok)
    groups, needs_particle = _lexicon()
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    head = tok.head
    feats = [
        f"l={lemma}", f"p={tok.pos_}", f"t={tok.tag_}", f"d={tok.dep_}",
        f"l|d={lemma}|{tok.dep_}", f"l|t={lemma}|{tok.tag_}",
        f"lex={groups.get(lemma, '-')}", f"lex|d={groups.get(lemma, '-')}|{tok.dep_}",
        f"root={head is tok}",
    ]  # fmt: skip
    if head is not tok:
        feats += [
            f"h={_lemma(head)}",
            f"h.p={head.pos_}",
            f"h|d={_lemma(head)}|{tok.dep_}",
            f"h.d={head.dep_}",
            f"d|h.d={tok.dep_}|{head.dep_}",
        ]
    if lemma in needs_particle:
        feats.append("needs_prt")
    for dep in sorted(deps):
        feats += [f"cd={dep}", f"l|cd={lemma}|{dep}"]
    feats.append(f"cds={'+'.join(sorted(deps & set(_KEY_DEPS)))}")
    for c in children:
        if c.dep_ in {"prep", "prt", "agent"}:
            feats += [f"prep={c.lower_}", f"l|prep={lemma}|{c.lower_}"]
        elif c.dep_ in {"nsubj", "nsubjpass"}:
            kind = c.ent_type_ or ("PRON" if c.pos_ == "PRON" else c.pos_)
            feats += [f"subj={kind}", f"l|subj={lemma}|{kind}", f"subj.l={_lemma(c)}"]
        elif c.dep_ in {"ccomp", "xcomp"}:
            side = "L" if c.i < tok.i else "R"
            marks = sorted(m.lower_ for m in c.children if m.dep_ == "mark")
            feats += [
                f"comp={c.dep_}{side}",
                f"l|comp={lemma}|{c.dep_}{side}",
                f"comp.mark={'+'.join(marks) or '-'}",
                f"comp.p={c.dep_}|{c.pos_}",
            ]
            if "that" in marks:
                feats += ["that", f"l|that={lemma}"]
        elif c.dep_ in {"dobj", "dative", "oprd", "attr"}:
            kind = c.ent_type_ or c.pos_
            feats += [
                f"obj={c.dep_}|{kind}",
                f"obj.l={c.dep_}|{_lemma(c)}",
                f"l|obj.l={lemma}|{_lemma(c)}",
            ]
            for prep in c.children:  # "a flurry of tweets", "a series of attacks"
                if prep.dep_ == "prep":
                    feats += [f"obj.prep={_lemma(prep)}"] + [
                        f"obj.pobj={_lemma(o)}" for o in prep.children if o.dep_ == "pobj"
                    ]
        elif c.dep_ in {"aux", "auxpass", "neg"}:
            feats.append(f"aux={c.lower_}")
    # A cue inside the content of another one is not annotated (nested attribution).
    up, steps = tok, 0
    while up.head is not up and steps < 3:
        steps += 1
        if _lemma(up.head) in groups:
            feats += [f"anc_lex={steps}|{up.dep_}", f"anc_lex.l={_lemma(up.head)}"]
            break
        up = up.head
    quoted = _quoted(doc)
    feats.append(f"inq={bool(quoted[tok.i])}")
    sub_q = any(quoted[tok.i + 1 : tok.right_edge.i + 1])
    feats += [f"sub_q={sub_q}", f"l|sub_q={lemma}|{sub_q}"]
    sent = tok.sent
    feats.append(f"sent_start={tok.i == sent.start}")
    feats.append(f"sent_pos={min(4, (tok.i - sent.start) // 3)}")
    for offset in (-2, -1, 1, 2):
        j = tok.i + offset
        if sent.start <= j < sent.end:
            other = doc[j]
            word = "Q" if other.text in QUOTE_MARKS else _lemma(other)
            feats += [f"w{offset}={word}", f"t{offset}={other.tag_}"]
            if offset in (-1, 1):
                feats.append(f"l|w{offset}={lemma}|{word}")
            if quoted[j] and other.text not in QUOTE_MARKS:
                feats.append(f"q{offset}")
        else:
            feats.append(f"w{offset}=<s>")
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.text == ":" or nxt.text in QUOTE_MARKS):
        feats.append(f"next={nxt.text == ':' and ':' or 'Q'}")
        feats.append(f"l|next={lemma}|{nxt.text == ':' and ':' or 'Q'}")
    # Is a quotation next to the verb's clause ("..., Seo said" / "Seo said, “...")?
    before = [t for t in doc[max(sent.start, tok.i - 4) : tok.i] if t.text in QUOTE_MARKS]
    after = [t for t in doc[tok.i + 1 : min(sent.end, tok.i + 5)] if t.text in QUOTE_MARKS]
    feats += [f"qb={bool(before)}", f"qa={bool(after)}"]
    if before or after:
        feats.append(f"l|qba={lemma}|{bool(before)}{bool(after)}")
    return feats


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_BUCKETS


def feature_buckets(tok: Token) -> list[int]:
    """Hashed ``cue_features``: one bucket per distinct feature (collisions add up)."""
    return [_bucket(f) for f in dict.fromkeys(cue_features(tok))]


@dataclass(frozen=True)
class CueModel:
    """Logistic-regression weights over hashed features."""

    bias: float
    weights: dict[int, float]
    meta: dict

    def score(self, tok: Token) -> float:
        """The log-odds that ``tok`` heads an attribution cue."""
        get = self.weights.get
        return self.bias + sum(get(b, 0.0) for b in feature_buckets(tok))

    def probability(self, tok: Token) -> float:
        """The probability that ``tok`` heads an attribution cue; 0 for non-candidates.

        Memoised per Doc (one model per process): the attribution extractor asks
        about a token many times.
        """
        if not is_candidate(tok):
            return 0.0
        memo = tok.doc.user_data.get(_MEMO_KEY)
        if memo is None:
            memo = tok.doc.user_data[_MEMO_KEY] = [-1.0] * len(tok.doc)
        p = memo[tok.i]
        if p < 0:
            z = self.score(tok)
            p = memo[tok.i] = 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0
        return p


class CueModelError(RuntimeError):
    """The cue model file is missing or does not match this code's features."""


def model_from_dict(data: dict) -> CueModel:
    """A ``CueModel`` from the contents of a model file."""
    if data.get("feature_version") != FEATURE_VERSION or data.get("buckets") != N_BUCKETS:
        raise CueModelError(
            f"{MODEL_FILE} was trained for feature version {data.get('feature_version')} with "
            f"{data.get('buckets')} buckets; this code computes version {FEATURE_VERSION} with "
            f"{N_BUCKETS}. Retrain it with benchmarks/train_cue_model.py."
        )
    scale = data["scale"]
    weights = {int(b): w / scale for b, w in zip(data["ids"], data["weights"], strict=True)}
    meta = {k: v for k, v in data.items() if k not in {"ids", "weights"}}
    return CueModel(bias=data["bias"], weights=weights, meta=meta)


@functools.cache
def load_cue_model() -> CueModel:
    """The shipped cue model (loaded once)."""
    try:
        data = load_json(MODEL_FILE)
    except FileNotFoundError as error:
        raise CueModelError(f"{MODEL_FILE} is missing from augury/lexicon") from error
    return model_from_dict(data)
