"""Claims: each statement split into clauses, and each clause typed.

A statement often holds several claims: "would probably pressure Seoul to raise
defence spending, scale back exercises and reduce deployments" is three
forecasts that share one hedge and one speaker. ``split_clauses`` finds them
from the parse; ``claim_type`` types each one as a forecast, prescription,
assessment, past event, question or other.

The author's own voice counts too: a hedged sentence outside any statement
("X is expected to ...") is a forecast with no statement, kept as the author's.
A scheduled fact ("will contribute 1.52 trillion won in 2026 under the
agreement") is not anybody's forecast.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from augury.extract.hedges import Hedge, compose, find_hedge, hedge_of, piece
from augury.lexicon import load_json
from augury.model import Statement

_VERBAL = {"VERB", "AUX"}
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d", "may", "might", "could"}
_PAST_TAGS = {"VBD", "VBN"}


@functools.cache
def _lexicon() -> dict:
    return load_json("claims.json")


@dataclass
class Clause:
    """One claim inside a statement (or in the author's voice) before it is typed."""

    predicate: Token  # the main verb of this part
    tokens: list[Token]  # the words of this part, in text order
    statement: Statement | None
    piece: Span  # the sentence piece (inside the statement's content) it came from
    shared_with: list[Token] = field(default_factory=list)  # other parts sharing a hedge
    alternative_to: Token | None = None  # "might ... but may ..."
    hedge_head: Token | None = None  # where the shared hedge is read from

    @property
    def span(self) -> tuple[int, int]:
        return self.tokens[0].idx, self.tokens[-1].idx + len(self.tokens[-1])


def content_pieces(doc: Doc, statement: Statement) -> list[Span]:
    """The sentence-sized pieces of a statement's content, as spaCy spans."""
    pieces = []
    for start, end in statement.segments or [statement.span]:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for sent in span.sents:
            lo, hi = max(sent.start, span.start), min(sent.end, span.end)
            piece = doc[lo:hi]
            if any(t.is_alpha for t in piece):
                pieces.append(piece)
    return pieces


def _conjuncts(verb: Token, lo: int, hi: int) -> list[Token]:
    """Verbs joined to ``verb`` by "and"/"or"/"but", inside [lo, hi)."""
    out = []
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in _VERBAL and lo <= child.i < hi:
            out.append(child)
            out.extend(_conjuncts(child, lo, hi))
    return out


def _own_words(head: Token, drop: set[int], lo: int, hi: int) -> list[Token]:
    """``head``'s subtree inside [lo, hi), less the subtrees rooted at ``drop``."""
    skipped: set[int] = set()
    for i in drop:
        skipped.update(t.i for t in head.doc[i].subtree)
    return [
        t
        for t in head.subtree
        if lo <= t.i < hi and t.i not in skipped and not (t.dep_ == "cc" and t.head.i in drop)
    ]


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ in {"cc", "mark"}):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def split_clauses(piece: Span, statement: Statement | None) -> list[Clause]:
    """The claims in one sentence piece: the main verb, its conjuncts, and the
    conjuncts of its complement ("pressure Seoul to raise, scale back and reduce")."""
    lo, hi = piece.start, piece.end
    root = piece.root
    if root.pos_ not in _VERBAL:
        verbs = [t for t in piece if t.pos_ in _VERBAL and t.dep_ in {"ccomp", "ROOT"}]
        if not verbs:
            return []
        root = verbs[0]
    heads = [root, *_conjuncts(root, lo, hi)]
    clauses: list[Clause] = []
    for n, head in enumerate(heads):
        others = {h.i for h in heads if h is not head and h.i > head.i}
        words = _trim(_own_words(head, others, lo, hi))
        if not words:
            continue
        # An alternative: "might realign it, but may leave it as it is".
        alt = None
        if n:
            between = head.doc[heads[n - 1].i : head.i]
            if any(t.dep_ == "cc" and t.lower_ in {"but", "yet", "or"} for t in between):
                alt = heads[n - 1]
            if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children):
                # "... but may leave it": the subject is the first conjunct's.
                subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subject is not None:
                    words = sorted({*subject.subtree, *words}, key=lambda t: t.i)
        parts = _complement_parts(head, lo, hi)
        if len(parts) > 1:
            prefix = [
                t
                for t in words
                if t.i < parts[0].i and t.i not in {w.i for p in parts for w in p.subtree}
            ]
            markers = [c for c in parts[0].children if c.dep_ == "aux" and c.lower_ == "to"]
            for part in parts:
                siblings = {p.i for p in parts if p is not part and p.i > part.i}
                own = _own_words(part, siblings, lo, hi)
                if part is not parts[0] and not any(c.lower_ == "to" for c in part.children):
                    own = [*markers, *own]  # "pressure Seoul to raise ... (to) scale back"
                tokens = _trim(sorted({*prefix, *own}, key=lambda t: t.i))
                clauses.append(
                    Clause(
                        part,
                        tokens,
                        statement,
                        piece,
                        shared_with=[p for p in parts if p is not part],
                        hedge_head=head,
                    )
                )
            continue
        clauses.append(Clause(head, words, statement, piece, alternative_to=alt, hedge_head=head))
    return clauses


def _complement_parts(head: Token, lo: int, hi: int) -> list[Token]:
    """Coordinated verbs in the complement of ``head``: each is a separate claim."""
    for child in head.children:
        purpose = child.dep_ == "advcl" and any(c.lower_ == "to" for c in child.children)
        if (
            (child.dep_ in {"xcomp", "ccomp"} or purpose)
            and lo <= child.i < hi
            and child.pos_ in _VERBAL
        ):
            conj = _conjuncts(child, lo, hi)
            if conj:
                return [child, *conj]
            inner = _complement_parts(child, lo, hi)
            if inner:
                return inner
    return []


def _aux_lemmas(verb: Token) -> set[str]:
    found = set()
    tok = verb
    for _ in range(4):  # climb "want to hold", "likely to call", "expected to revive"
        found |= {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
        found |= {c.lemma_.lower() for c in tok.children if c.dep_ in {"aux", "auxpass"}}
        if tok.dep_ in {"xcomp", "acomp"} and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return found


def claim_type(clause: Clause, hedge: Hedge | None, cue_lemma: str | None) -> str:
    """forecast | prescription | assessment | past_event | question | other."""
    lex = _lexicon()
    pred = clause.predicate
    text = " ".join(t.lower_ for t in clause.tokens)
    if clause.piece.text.rstrip().rstrip("\u201d\"\u2019' ").endswith("?"):
        return "question"
    auxes = _aux_lemmas(pred)
    if (
        cue_lemma in lex["prescriptive_cues"]
        or auxes & set(lex["prescriptive_modals"])
        or any(phrase in text for phrase in lex["prescriptive_phrases"])
    ):
        return "prescription"
    if clause.statement is None and any(m in text for m in lex["scheduled_markers"]):
        return "other"
    if (
        hedge is not None
        and hedge.pieces
        and any(
            p.hedge_class in {"future", "hedge", "possibility", "certainty", "volition", "stated"}
            for p in hedge.pieces
        )
    ):
        return "forecast"
    if auxes & _FUTURE_AUX or "going to" in text or cue_lemma in lex["forecasting_cues"]:
        return "forecast"
    if hedge is not None:  # belief hedges on a present state: "I don't think X is"
        return "assessment"
    has = {c.lower_ for c in pred.children if c.dep_ == "aux"}
    if pred.tag_ in _PAST_TAGS or has & {"has", "have", "had", "did"}:
        return "past_event"
    if pred.tag_ in {"VBZ", "VBP"} or pred.lemma_ == "be":
        return "assessment"
    return "other"


def hedge_for(clause: Clause, cue_lemma: str | None = None) -> Hedge | None:
    """The hedge on a clause; parts of one construction share their head's hedge.

    With no hedge word in the clause, a reporting verb that carries one stands
    in for it: "Kim expects Washington to ..." reads as "is expected to".
    """
    doc = clause.predicate.doc
    inside = {t.i for t in clause.tokens}
    sub = [t for t in clause.predicate.subtree if t.i in inside]
    own = find_hedge(doc[sub[0].i : sub[-1].i + 1]) if sub else None
    hedge = own or hedge_of(clause.predicate, within=clause.piece)
    head = clause.hedge_head or clause.predicate
    if hedge is None and head is not clause.predicate:
        hedge = hedge_of(head, within=clause.piece)
    phrase = _lexicon()["cue_hedges"].get(cue_lemma or "")
    if hedge is None and phrase and clause.statement is not None:
        stand_in = piece(
            phrase,
            text=clause.statement.cue or phrase,
            note=f"reporting verb '{clause.statement.cue}' read as '{phrase}'",
        )
        probability, polarity, rule = compose([stand_in])
        span = clause.statement.cue_span
        hedge = Hedge(
            text=stand_in.text,
            spans=(span,) if span else (),
            probability=probability,
            polarity=polarity,
            rule=f"cue '{clause.statement.cue}' read as '{phrase}': {rule}",
            pieces=(stand_in,),
        )
    return hedge
