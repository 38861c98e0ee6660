"""Hedges: how sure a speaker was, as the chance that the proposition comes true.

``find_hedge(clause)`` reads the hedge on a clause's main proposition ("would
probably", "is highly unlikely to", "I don't think ... will") from the
dependency parse, and composes the values of the hedge lexicon
(``augury/lexicon/hedges.json``, every number sourced) into one probability.
The result keeps the hedge words, their offsets and the rule that was applied,
so a person can see why a forecast got its number.

``find_hedge_cues(doc)`` lists every hedge or weasel cue in a text, for
sentence-level hedge detection ("is this sentence hedged?").

The probability is always the chance that the POSITIVE proposition comes true;
``polarity`` says whether the speaker asserted it or its negation: "is highly
unlikely to meet" -> 0.05, negative; "may not ease" -> 0.60, negative.

Pure functions over a parsed spaCy Doc or Span (tagger, parser and lemmatizer
for ``find_hedge``; tagger and lemmatizer suffice for ``find_hedge_cues``).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from augury.extract import doc_text
from augury.lexicon import HedgeEntry, HedgeLexicon, hedge_lexicon
from augury.model import Polarity

CharSpan = tuple[int, int]

CUE_KINDS = ("forecast", "weasel", "uncertainty", "peacock")
NEGATION = "negation"  # hedge_class of a piece that negates the proposition itself
STATED = "stated"  # hedge_class of a percentage the speaker gave ("a 70% chance")

_MODIFIER_WINDOW = 4  # words before a hedge head that may belong to its phrase
_NOUN_FRAME_DEPS = ("attr", "nsubj", "nsubjpass", "dobj")
_PERCENT_WORDS = ("%", "percent", "per")


@dataclass(frozen=True)
class HedgePiece:
    """One hedge word or construction in a clause, before composition."""

    phrase: str  # the lexicon phrase; "not" for negation of the proposition
    text: str  # as written: "highly unlikely", "won't", "don't think"
    probability: float  # the lexicon value, after any intensifier
    basis: str = ""  # where the number comes from, short
    polarity: Polarity = "positive"  # of the word itself: "unlikely" is negative
    hedge_class: str = "hedge"
    negation_mode: str = "complement"
    negated: bool = False
    intensifier: str | None = None
    note: str | None = None  # e.g. why 'would' was read as 'will'
    tokens: tuple[int, ...] = ()  # doc token indices of every word of the piece


@dataclass(frozen=True)
class Hedge:
    """The hedge on one proposition, composed into a probability, with its reasons."""

    text: str  # the hedge words in text order; gaps shown as " ... "
    spans: tuple[CharSpan, ...]  # character offsets of those words (one per run of words)
    probability: float  # chance, 0..1, that the positive proposition comes true
    polarity: Polarity  # "negative" when the speaker asserted the negation
    rule: str  # human-readable: the pieces, their values and sources, the arithmetic
    pieces: tuple[HedgePiece, ...] = field(default=(), repr=False)

    @property
    def phrases(self) -> tuple[str, ...]:
        """The lexicon phrases that produced the number."""
        return tuple(p.phrase for p in self.pieces)

    @property
    def span(self) -> CharSpan | None:
        """From the first to the last hedge word."""
        return (self.spans[0][0], self.spans[-1][1]) if self.spans else None


# ----------------------------------------------------------------------------- composition


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def piece(
    phrase: str,
    *,
    negated: bool = False,
    intensifier: str | None = None,
    text: str | None = None,
    tokens: Sequence[int] = (),
    note: str | None = None,
    lexicon: HedgeLexicon | None = None,
) -> HedgePiece:
    """A hedge piece for a lexicon phrase, with an optional intensifier ("very") and negation.

    An intensifier on a phrase that is not gradable is ignored.
    """
    lexicon = lexicon or hedge_lexicon()
    entry = lexicon.entry(phrase)
    probability, basis = entry.probability, entry.basis
    if intensifier is not None and entry.gradable and intensifier in lexicon.intensifiers:
        scale = lexicon.intensifiers[intensifier]
        probability = _logistic(scale.factor * _logit(entry.probability))
        basis = (
            f"'{intensifier}' x{scale.factor:.2f} log-odds [{scale.basis}] on "
            f"'{phrase}' {entry.probability:.2f} [{entry.basis}]"
        )
    else:
        intensifier = None
    shown = text or (f"{intensifier} {phrase}" if intensifier else phrase)
    return HedgePiece(
        phrase=phrase,
        text=shown,
        probability=probability,
        basis=basis,
        polarity=entry.polarity,
        hedge_class=entry.hedge_class,
        negation_mode=entry.negation,
        negated=negated,
        intensifier=intensifier,
        note=note,
        tokens=tuple(tokens),
    )


def _flat(pieces: Sequence[HedgePiece], lexicon: HedgeLexicon) -> tuple[float, int, list[str]]:
    """Commitment to what is asserted, the number of flips, and the rule terms."""
    hedges = [p for p in pieces if p.hedge_class != NEGATION]
    others = [p for p in hedges if p.hedge_class != "future"]
    possibilities = [p for p in hedges if p.hedge_class == "possibility" and not p.negated]
    kept = min(possibilities, key=lambda p: p.probability) if len(possibilities) > 1 else None
    commitment, flips, terms, factors = 1.0, 0, [], 0
    for p in pieces:
        name = f"'{p.text}'"
        if p.hedge_class != STATED and p.phrase.lower() not in p.text.lower():
            name += f" = '{p.phrase}'"
        value = f"{name} {p.probability:.2f} [{p.basis}]"
        if p.note:
            value += f" ({p.note})"
        if p.hedge_class == NEGATION:
            flips += 1
            terms.append(f"'{p.text}' negates the proposition")
            continue
        if kept is not None and p is not kept and any(p is q for q in possibilities):
            terms.append(f"'{p.text}' counted once with '{kept.text}' (harmonic concord)")
            continue
        if p.hedge_class == "future" and others:
            flips += p.negated
            terms.append(f"'{p.text}' is tense only here" + (", negated" if p.negated else ""))
            continue
        c, term = p.probability, value
        if p.polarity == "negative":
            c, flips = 1 - p.probability, flips + 1
            term += f" ({c:.2f} that not)"
        if p.negated:
            if p.negation_mode == "impossible":
                c, flips = lexicon.will.probability, flips + 1
                term += f" negated: impossible, {c:.2f} that not (the value of 'will')"
            elif p.negation_mode == "unsure":
                c = 0.5
                term += " negated: an open question, 0.50"
            else:
                flips += 1
                term += " negated"
        commitment *= c
        factors += 1
        terms.append(term)
    if factors > 1:
        terms[-1] += f" = {commitment:.2f}"
    return commitment, flips, terms


def compose(
    pieces: Sequence[HedgePiece], lexicon: HedgeLexicon | None = None
) -> tuple[float, Polarity, str]:
    """Compose hedge pieces (outermost first) into (probability, polarity, rule).

    The rules are listed, with their reasons, in the ``composition`` section of
    ``hedges.json``. In short: commitments multiply, negation flips what is
    asserted, a future marker beside another hedge is only tense, and a volition
    verb ("might want to") multiplies P(wants) by the value of 'want'.
    """
    lexicon = lexicon or hedge_lexicon()
    pieces = list(pieces)
    volition = next((i for i, p in enumerate(pieces) if p.hedge_class == "volition"), None)
    if volition is None:
        commitment, flips, terms = _flat(pieces, lexicon)
        probability = commitment if flips % 2 == 0 else 1 - commitment
        rule = " x ".join(terms)
        if flips % 2:
            rule += f"; the negation is asserted -> P = 1 - {commitment:.2f} = {probability:.2f}"
        else:
            rule += f" -> P = {probability:.2f}"
        polarity: Polarity = "negative" if flips % 2 else "positive"
        return probability, polarity, rule
    # "might want to hold": P(hold) = P(wants) x value('want'), then any hedge on 'hold'.
    want = pieces[volition]
    p_wants, wants_polarity, wants_rule = (
        compose(pieces[:volition], lexicon) if volition else (1.0, "positive", "stated")
    )
    probability = p_wants * want.probability
    rule = (
        f"P(wants) = {p_wants:.2f} [{wants_rule}] x '{want.text}' "
        f"{want.probability:.2f} [{want.basis}] = {probability:.2f}"
    )
    polarity = wants_polarity
    inner = pieces[volition + 1 :]
    if inner:
        commitment, flips, terms = _flat(inner, lexicon)
        inner_p = commitment if flips % 2 == 0 else 1 - commitment
        probability *= inner_p
        rule += f"; then x {' x '.join(terms)} -> P = {probability:.2f}"
        if flips % 2:
            polarity = "positive" if polarity == "negative" else "negative"
    return probability, polarity, rule


# ----------------------------------------------------------------------------- the parse


@dataclass
class _Site:
    """A place in the clause's chain of heads: a hedge word and the verb that frames it."""

    frame: Token  # the verb whose auxiliaries, negation and adverbs are read
    head: Token | None = None  # the hedge word itself ("expected", "likely", "chance")
    entry: HedgeEntry | None = None
    words: tuple[Token, ...] = ()  # the words of the matched written form
    stated: float | None = None  # a stated percentage instead of a lexicon entry
    # Words shown in the hedge text but carrying no value: 'is' and 'to' of "is likely to".
    frame_words: tuple[Token, ...] = ()


def _plain(text: str) -> str:
    """Lower case with typographic apostrophes made plain ("don’t" -> "don't")."""
    return text.lower().replace("\u2019", "'")


def _form_key(tokens: Sequence[Token]) -> str:
    doc = tokens[0].doc
    text = doc_text(doc)
    return " ".join(_plain(text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]).split())


def _match(
    tok: Token, lexicon: HedgeLexicon, kinds: Collection[str]
) -> tuple[HedgeEntry, tuple[Token, ...]] | None:
    """The lexicon entry headed by ``tok``: the longest written form that ends at it."""
    doc = tok.doc
    for start in range(max(tok.left_edge.i, tok.i - _MODIFIER_WINDOW), tok.i + 1):
        words = tuple(doc[start : tok.i + 1])
        entry = lexicon.by_form.get(_form_key(words))
        if entry is None and start == tok.i:
            entry = lexicon.by_form.get(tok.lemma_.lower())
        if entry is not None and entry.kind in kinds:
            return entry, words
    return None


def _modals(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"]


def _verb_entry(tok: Token, lexicon: HedgeLexicon, classes: Collection[str]) -> HedgeEntry | None:
    """A hedge verb ('expected', 'think', 'going', 'set', 'want') in the role it needs."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    found = _match(tok, lexicon, ("verb",))
    if found is None or found[0].hedge_class not in classes:
        return None
    entry = found[0]
    if entry.phrase == "going to" and tok.tag_ != "VBG":
        return None
    if entry.phrase == "set to" and tok.tag_ != "VBN":
        return None
    if entry.needs_modal and not any(_match(m, lexicon, ("modal",)) for m in _modals(tok)):
        return None
    return entry


_GOVERNOR_CLASSES = ("hedge", "future", "volition", "belief")  # head of an xcomp
_CLAUSE_CLASSES = ("hedge", "belief")  # head of a that-clause (ccomp)


def _adjective_site(tok: Token, lexicon: HedgeLexicon, frame: Token) -> _Site | None:
    found = _match(tok, lexicon, ("adjective", "verb"))
    if found is None:
        return None
    return _Site(frame=frame, head=tok, entry=found[0], words=found[1])


def _stated_percent(noun: Token) -> tuple[float, tuple[Token, ...]] | None:
    for tok in noun.subtree:
        if tok.i >= noun.i or not tok.like_num or tok.i + 1 >= len(tok.doc):
            continue
        if tok.doc[tok.i + 1].lower_ not in _PERCENT_WORDS:
            continue
        try:
            value = float(tok.text.replace(",", ""))
        except ValueError:
            continue
        if 0 <= value <= 100:
            return value / 100, tuple(tok.doc[tok.i : noun.i + 1])
    return None


def _noun_site(noun: Token, lexicon: HedgeLexicon) -> _Site | None:
    frame = noun.head if noun.dep_ in _NOUN_FRAME_DEPS else noun
    if noun.lemma_.lower() in lexicon.stated_probability_nouns:
        stated = _stated_percent(noun)
        if stated is not None:
            return _Site(frame=frame, head=noun, words=stated[1], stated=stated[0])
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    found = _match(noun, lexicon, ("noun",))
    if found is None:
        return None
    return _Site(frame=frame, head=noun, entry=found[0], words=found[1])


def _climb(
    pred: Token, lo: int, hi: int, lexicon: HedgeLexicon
) -> tuple[list[_Site], Token | None]:
    """Sites from the predicate up through the words that hedge it; and a reporting verb."""
    sites = [_Site(frame=pred)]
    cur = pred
    for _ in range(12):
        head, dep = cur.head, cur.dep_
        if head is cur:
            break
        if dep == "ccomp" and head.lemma_.lower() in lexicon.reporting_verbs:
            return sites, head  # may lie outside the clause: only used for backshift
        if not lo <= head.i < hi:
            break
        site = None
        if dep in ("acl", "ccomp", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            site = _noun_site(head, lexicon)
        elif dep == "xcomp":
            entry = _verb_entry(head, lexicon, _GOVERNOR_CLASSES)
            if entry is not None:
                site = _Site(
                    frame=head, head=head, entry=entry, words=_match(head, lexicon, ("verb",))[1]
                )
            elif head.dep_ == "acomp":
                site = _adjective_site(head, lexicon, frame=head.head)
        elif dep == "ccomp":
            entry = _verb_entry(head, lexicon, _CLAUSE_CLASSES)
            if entry is not None:
                site = _Site(
                    frame=head, head=head, entry=entry, words=_match(head, lexicon, ("verb",))[1]
                )
            else:
                site = next(
                    (
                        s
                        for c in head.children
                        if c.dep_ == "acomp"
                        if (s := _adjective_site(c, lexicon, frame=head))
                    ),
                    None,
                )
        elif dep == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in cur.children):
            site = _Site(frame=head)  # "would pressure Seoul ... and reduce": shares 'would'
        if site is None:
            break
        if dep == "xcomp" and site.head is not None:
            be = (
                [site.frame]
                if site.frame is not site.head
                else [
                    c
                    for c in site.head.children
                    if c.dep_ in ("aux", "auxpass") and c.lemma_ == "be"
                ]
            )
            to = [c for c in cur.children if c.dep_ == "aux" and c.tag_ == "TO"]
            site.frame_words = tuple(t for t in be + to if t.lemma_ in ("be", "to"))
        sites.append(site)
        cur = site.frame
    return sites, None


def _descend(root: Token, lo: int, hi: int, lexicon: HedgeLexicon) -> Token:
    """From a clause root down to the predicate of its proposition."""
    tok = root
    for _ in range(12):
        kids = [c for c in tok.children if lo <= c.i < hi]

        def kid(*deps: str, among: Iterable[Token] = kids) -> Token | None:
            return next((c for c in among if c.dep_ in deps), None)

        nxt = None
        if tok.lemma_.lower() in lexicon.reporting_verbs:
            nxt = kid("ccomp")
        elif _verb_entry(tok, lexicon, _GOVERNOR_CLASSES):
            nxt = kid("xcomp") or kid("ccomp")
        if nxt is None:
            for c in kids:
                if c.dep_ == "acomp" and _match(c, lexicon, ("adjective", "verb")):
                    nxt = kid("xcomp", among=c.children) or kid("ccomp")
                elif c.dep_ in _NOUN_FRAME_DEPS and _noun_site(c, lexicon):
                    nxt = kid("acl", "ccomp", "relcl", among=c.children)
                if nxt is not None:
                    break
        if nxt is None:
            return tok
        tok = nxt
    return tok


def _negators(tok: Token, lexicon: HedgeLexicon) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "neg" and _plain(c.text) in lexicon.negators]


def _with_do(neg: Token) -> tuple[int, ...]:
    """'don't': the negator with its do-support auxiliary."""
    prev = neg.doc[neg.i - 1] if neg.i else None
    if prev is not None and prev.lemma_ == "do" and prev.head == neg.head:
        return (prev.i, neg.i)
    return (neg.i,)


def _intensifier(head: Token, words: Sequence[Token], lexicon: HedgeLexicon) -> Token | None:
    return next(
        (
            c
            for c in head.children
            if c.dep_ in ("advmod", "amod") and c.lower_ in lexicon.intensifiers and c not in words
        ),
        None,
    )


def _site_pieces(site: _Site, lexicon: HedgeLexicon) -> list[HedgePiece]:
    """The hedge pieces of one site: modals, adverbs and negation on its frame, its own word."""
    frame = site.frame
    found: list[tuple[Token, HedgeEntry | None, tuple[Token, ...]]] = []  # (token, entry, words)
    for modal in _modals(frame):
        match = _match(modal, lexicon, ("modal",))
        found.append((modal, match[0] if match else None, (modal,)))
    for adverb in (c for c in frame.children if c.dep_ == "advmod"):
        match = _match(adverb, lexicon, ("adverb", "adjective"))
        if match is not None:
            found.append((adverb, match[0], match[1]))
    negators = _negators(frame, lexicon)
    if site.head is not None and site.head is not frame:
        negators += _negators(site.head, lexicon)
        negators += [
            c
            for c in site.head.children
            if c.dep_ == "det" and c.lower_ in lexicon.negators and c not in site.words
        ]

    pieces: list[HedgePiece] = []
    negated_owner: Token | None = None
    if negators:
        modals = [tok for tok, _, _ in found if tok.dep_ in ("aux", "auxpass")]
        negated_owner = modals[0] if modals else site.head
    neg_tokens = tuple(i for n in negators for i in _with_do(n))
    neg_text = " ".join(n.text for n in negators)

    def build(tok: Token, entry: HedgeEntry, words: Sequence[Token]) -> HedgePiece:
        negated = negated_owner is tok
        intensifier = _intensifier(tok, words, lexicon) if entry.gradable else None
        idx = {w.i for w in words} | ({intensifier.i} if intensifier is not None else set())
        if negated:
            idx |= set(neg_tokens)
        return piece(
            entry.phrase,
            negated=negated,
            intensifier=intensifier.lower_ if intensifier is not None else None,
            text=_text(tok.doc, sorted(idx)),
            tokens=sorted(idx),
            lexicon=lexicon,
        )

    for tok, entry, words in sorted(found, key=lambda f: f[0].i):
        if entry is not None:
            pieces.append(build(tok, entry, words))
    if site.head is not None:
        if site.stated is not None:
            idx = [w.i for w in site.words]
            negated = negated_owner is site.head
            if negated:
                idx = sorted(set(idx) | set(neg_tokens))
            pieces.append(
                HedgePiece(
                    phrase=STATED,
                    text=_text(frame.doc, idx),
                    probability=site.stated,
                    basis="stated by the speaker",
                    hedge_class="hedge",
                    negated=negated,
                    tokens=tuple(idx),
                )
            )
        elif site.entry is not None:
            pieces.append(build(site.head, site.entry, site.words))
    if negators and not any(p.negated for p in pieces):
        # No hedge here takes the negation ("can't", or none at all): it negates the
        # proposition itself.
        pieces.append(
            HedgePiece(
                phrase="not",
                text=neg_text or "not",
                probability=1.0,
                basis="negation",
                hedge_class=NEGATION,
                tokens=neg_tokens,
            )
        )
    return pieces


def _text(doc: Doc, indices: Sequence[int]) -> str:
    text = doc_text(doc)
    return " ... ".join(text[a:b] for a, b in _runs(doc, indices))


def _runs(doc: Doc, indices: Iterable[int]) -> list[CharSpan]:
    """Character spans of runs of consecutive tokens."""
    runs: list[CharSpan] = []
    last = None
    for i in sorted(set(indices)):
        tok = doc[i]
        if last is not None and i == last + 1:
            runs[-1] = (runs[-1][0], tok.idx + len(tok))
        else:
            runs.append((tok.idx, tok.idx + len(tok)))
        last = i
    return runs


def _backshift(
    pieces: list[HedgePiece], reporting: Token | None, lexicon: HedgeLexicon
) -> list[HedgePiece]:
    """'Experts agreed that Trump would ...': 'would' under a past reporting verb is 'will'.

    Not in direct speech: '"Trump would probably ...," Yang said' keeps its 'would'.
    """
    if reporting is None or reporting.tag_ != "VBD":
        return pieces
    doc = reporting.doc
    out = []
    for p in pieces:
        quoted = p.tokens and any(
            doc[i].is_quote
            for i in range(min(reporting.i, p.tokens[0]), max(reporting.i, p.tokens[0]))
        )
        if p.phrase == "would" and not quoted:
            p = replace(
                piece("will", negated=p.negated, text=p.text, tokens=p.tokens, lexicon=lexicon),
                note=f"'would' under past '{reporting.text}' = backshifted 'will'",
            )
        out.append(p)
    return out


def hedge_of(predicate: Token, within: Span | None = None) -> Hedge | None:
    """The hedge on the proposition whose main verb is ``predicate``; None if unhedged.

    ``within`` bounds the search (default: the predicate's sentence).
    """
    lexicon = hedge_lexicon()
    bounds = within if within is not None else predicate.sent
    sites, reporting = _climb(predicate, bounds.start, bounds.end, lexicon)
    pieces: list[HedgePiece] = []
    for site in reversed(sites):  # outermost first
        pieces.extend(_site_pieces(site, lexicon))
    pieces = _backshift(pieces, reporting, lexicon)
    if not any(p.hedge_class != NEGATION for p in pieces):
        return None
    probability, polarity, rule = compose(pieces, lexicon)
    doc = predicate.doc
    indices = sorted(
        {i for p in pieces for i in p.tokens}
        | {t.i for site in sites if site.head is not None for t in site.frame_words}
    )
    return Hedge(
        text=_text(doc, indices),
        spans=tuple(_runs(doc, indices)),
        probability=probability,
        polarity=polarity,
        rule=rule,
        pieces=tuple(pieces),
    )


def find_hedge(clause: Span | Doc) -> Hedge | None:
    """The hedge on the main proposition of one clause or sentence; None if unhedged.

    A question ("Will the bank cut rates?") asserts nothing, so it has no hedge.
    """
    span = clause[:] if isinstance(clause, Doc) else clause
    words = [t for t in span if not t.is_space]
    if not words or words[-1].text == "?":
        return None
    lexicon = hedge_lexicon()
    predicate = _descend(span.root, span.start, span.end, lexicon)
    return hedge_of(predicate, within=span)


# ----------------------------------------------------------------------------- cues


@dataclass(frozen=True)
class _Cue:
    words: tuple[str, ...]
    phrase: str
    kind: str  # forecast | weasel | uncertainty | peacock
    modal: bool = False  # only as a modal verb ("may", not "May")
    gradable: bool = False


_WORD = re.compile(r"[\w']+|[^\w\s]")


@functools.cache
def _cue_index() -> dict[str, tuple[_Cue, ...]]:
    """First word -> cues starting with it, longest first."""
    lexicon = hedge_lexicon()
    cues: list[_Cue] = []
    for entry in lexicon.hedges:
        if entry.cue:
            for form in (entry.phrase, *entry.forms):
                cues.append(
                    _Cue(
                        tuple(_WORD.findall(form)),
                        entry.phrase,
                        "forecast",
                        modal=entry.kind == "modal",
                        gradable=entry.gradable,
                    )
                )
    for weasel in lexicon.weasel_cues:
        for form in (weasel.phrase, *weasel.forms):
            cues.append(_Cue(tuple(_WORD.findall(form)), weasel.phrase, weasel.category))
    index: dict[str, list[_Cue]] = {}
    for cue in cues:
        index.setdefault(cue.words[0], []).append(cue)
    return {w: tuple(sorted(c, key=lambda c: -len(c.words))) for w, c in index.items()}


def _word_matches(word: str, tok: Token) -> bool:
    return word == _plain(tok.text) or word == tok.lemma_.lower()


def find_hedge_cues(
    doc_or_span: Doc | Span,
    kinds: Collection[str] = CUE_KINDS,
    only: Collection[str] | None = None,
) -> list[tuple[int, int, str]]:
    """Every hedge cue in the text: (start_char, end_char, lexicon phrase), in text order.

    ``kinds`` picks the families: ``forecast`` (the hedge lexicon, without pure
    certainty markers such as 'will'), ``weasel`` ("some critics", "it is believed"),
    ``uncertainty`` ("seems", "unclear") and ``peacock`` ("legendary").
    ``only`` keeps just the cues whose phrase is in it (e.g. a tuned set).
    A word matches a token's lower-case text or its lemma; modals must be tagged MD.
    """
    span = doc_or_span[:] if isinstance(doc_or_span, Doc) else doc_or_span
    doc = span.doc
    tagged = doc.has_annotation("TAG")
    intensifiers = hedge_lexicon().intensifiers
    index = _cue_index()
    found: list[tuple[int, int, str]] = []
    i = span.start
    while i < span.end:
        tok = doc[i]
        candidates = index.get(_plain(tok.text), ()) + index.get(tok.lemma_.lower(), ())
        match = None
        for cue in sorted(set(candidates), key=lambda c: -len(c.words)):
            end = i + len(cue.words)
            if cue.kind not in kinds or (only is not None and cue.phrase not in only):
                continue
            if end > span.end or (cue.modal and tagged and tok.tag_ != "MD"):
                continue
            if all(_word_matches(w, doc[i + k]) for k, w in enumerate(cue.words)):
                match = (cue, end)
                break
        if match is None:
            i += 1
            continue
        cue, end = match
        start_tok, phrase = doc[i], cue.phrase
        if cue.gradable and i > span.start and doc[i - 1].lower_ in intensifiers:
            start_tok, phrase = doc[i - 1], f"{doc[i - 1].lower_} {cue.phrase}"
        last = doc[end - 1]
        found.append((start_tok.idx, last.idx + len(last), phrase))
        i = end
    return found
