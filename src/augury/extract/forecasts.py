"""Forecasts: a checkable proposition, a probability, a window, a condition.

For every claim typed ``forecast`` (see ``claims``):

- probability and polarity come from the hedge (``hedges``: survey-derived
  lexicon, with the rule that produced the number kept beside it);
- the window from the time expressions of the sentence, normalised against the
  publication date (``timex.forecast_window``; a documented default when the
  text gives no time, marked ``defaulted``);
- the condition from an "if"/"unless" clause;
- the proposition is the clause in its positive, plain form: the hedge words,
  the negation, the condition and the time expression taken out, a pronoun
  subject replaced by the person it refers to.

Alternatives ("might realign it, but may leave it as it is if ...") become two
forecasts linked to each other.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from augury.extract import doc_text
from augury.extract.claims import (
    Clause,
    _lexicon,
    claim_type,
    content_pieces,
    hedge_for,
    split_clauses,
)
from augury.extract.hedges import Hedge
from augury.extract.timex import find_timexes, forecast_window
from augury.model import Claim, Condition, Forecast, Speaker, Statement

_DROP_ADVERBS = {
    "also",
    "still",
    "even",
    "just",
    "probably",
    "likely",
    "certainly",
    "perhaps",
    "possibly",
    "surely",
    "definitely",
    "almost",
    "eventually",
    "then",
    "however",
}
_PRONOUNS = {"he", "she", "they", "it"}
_UNHEDGED = {"will", "would"}  # plain future: in the author's voice, a report, not a forecast


def extract_forecasts(
    doc: Doc,
    statements: list[Statement],
    speakers: list[Speaker],
    published: dt.date | None,
) -> tuple[list[Claim], list[Forecast], list[Speaker]]:
    """Claims and forecasts of one article; returns new speakers (the author) to add."""
    cue_lemmas = {st.id: _cue_lemma(doc, st) for st in statements}
    clauses: list[Clause] = []
    covered: set[int] = set()
    for st in statements:
        for piece in content_pieces(doc, st):
            clauses.extend(split_clauses(piece, st))
            covered.update(range(piece.start, piece.end))
        for span in (st.cue_span, st.source_span):
            if span:
                s = doc.char_span(*span, alignment_mode="expand")
                if s is not None:
                    covered.update(t.i for t in s.sent)
    for sent in doc.sents:  # the author's own voice
        if not any(t.i in covered for t in sent) and not _is_headline(sent):
            clauses.extend(split_clauses(sent, None))

    claims: list[Claim] = []
    forecasts: list[Forecast] = []
    by_predicate: dict[int, Forecast] = {}
    people = _people(doc)
    author: Speaker | None = None
    names = {s.id: s.name for s in speakers}
    for clause in sorted(clauses, key=lambda c: c.span):
        st = clause.statement
        cue_lemma = cue_lemmas.get(st.id) if st else None
        hedge = hedge_for(clause, cue_lemma)
        kind = claim_type(clause, hedge, cue_lemma)
        if kind == "forecast" and st is not None and _reported_earlier(st):
            # "Kim had predicted that ...": an old forecast retold, not a new one.
            kind = "other"
        if st is None and (kind != "forecast" or hedge is None or set(hedge.phrases) <= _UNHEDGED):
            continue  # only the author's hedged forecasts are kept
        start, end = clause.span
        claim = Claim(
            f"cl{len(claims) + 1}",
            st.id if st else None,
            kind,  # type: ignore[arg-type]
            doc_text(doc)[start:end],
            (start, end),
        )
        claims.append(claim)
        if kind != "forecast":
            continue
        if st is None and author is None:
            author = _author(speakers)
        forecast = _forecast(
            doc,
            clause,
            hedge,
            published,
            people,
            speaker=st.speaker if st else author.id if author else None,
            number=len(forecasts) + 1,
            speaker_name=names.get(st.speaker) if st else None,
        )
        forecasts.append(forecast)
        by_predicate[clause.predicate.i] = forecast
        if clause.alternative_to is not None and clause.alternative_to.i in by_predicate:
            other = by_predicate[clause.alternative_to.i]
            forecast.linked.append(other.id)
            other.linked.append(forecast.id)
    new = [author] if author is not None and author not in speakers else []
    return claims, forecasts, new


def _reported_earlier(st: Statement) -> bool:
    return bool(st.cue) and st.cue.lower().split()[0] in {"had", "'d"}


def _people(doc: Doc) -> list[Span]:
    """Named people, including a surname the tagger labelled otherwise ("Trump" as ORG)."""
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    parts = {w for e in persons for w in e.text.split()}
    return [e for e in doc.ents if e.label_ == "PERSON" or (len(e) == 1 and e.text in parts)]


def _author(speakers: list[Speaker]) -> Speaker:
    spec = _lexicon()["author"]
    for s in speakers:
        if s.name == spec["name"]:
            return s
    return Speaker(id=spec["id"], name=spec["name"], kind=spec["kind"])


def _is_headline(sent: Span) -> bool:
    text = sent.text.strip()
    return "\n" in sent.text_with_ws[-2:] and not text.endswith((".", "?", "!", "\u201d", '"'))


def _cue_lemma(doc: Doc, st: Statement) -> str | None:
    if not st.cue_span:
        return None
    span = doc.char_span(*st.cue_span, alignment_mode="expand")
    if span is None:
        return None
    verbs = [t for t in span if t.pos_ in {"VERB", "AUX"}] or list(span)
    return verbs[-1].lemma_.lower()


def _forecast(
    doc: Doc,
    clause: Clause,
    hedge: Hedge | None,
    published: dt.date | None,
    people: list[Span],
    speaker: str | None,
    number: int,
    speaker_name: str | None = None,
) -> Forecast:
    start, end = clause.span
    condition_tokens, condition = _condition(clause)
    window = forecast_window(clause.piece, published)
    timex_chars = [t.span for t in find_timexes(clause.piece, published)]
    proposition = _proposition(clause, hedge, condition_tokens, timex_chars, people, speaker_name)
    return Forecast(
        id=f"fc{number}",
        statement=clause.statement.id if clause.statement else None,
        speaker=speaker,
        text=doc_text(doc)[start:end],
        span=(start, end),
        proposition=proposition,
        hedge=hedge.text if hedge else None,
        probability=hedge.probability if hedge else 0.5,
        window=window,
        condition=condition,
        polarity=hedge.polarity if hedge else "positive",
        hedge_rule=hedge.rule if hedge else "no hedge word found: 0.5 (no information)",
    )


def _condition(clause: Clause) -> tuple[set[int], Condition | None]:
    """An "if"/"unless" clause inside the forecast's words."""
    marks = _lexicon()["condition_marks"]
    for tok in clause.tokens:
        if tok.dep_ != "advcl":
            continue
        mark = " ".join(
            c.lower_ for c in tok.children if c.dep_ in {"mark", "advmod"} and c.i < tok.i
        )
        if any(mark == m or mark.endswith(" " + m) for m in marks):
            words = [t for t in tok.subtree if not (t.is_punct and t.i == tok.right_edge.i)]
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            text = doc_text(clause.predicate.doc)[start:end]
            return {t.i for t in tok.subtree}, Condition(text, (start, end))
    return set(), None


def _proposition(
    clause: Clause,
    hedge: Hedge | None,
    condition: set[int],
    timexes: list[tuple[int, int]],
    people: list[Span],
    speaker_name: str | None = None,
) -> str:
    """The clause stated plainly and positively."""
    hedge_chars = set()
    if hedge is not None:
        for a, b in hedge.spans:
            hedge_chars.update(range(a, b))
    in_time: set[int] = set()
    for t in clause.tokens:
        if any(a <= t.idx < b for a, b in timexes):
            if (
                t.dep_ == "advmod"
                and t.head.pos_ in {"VERB", "ADJ"}
                and t.head.dep_ in {"amod", "acl", "relcl"}
            ):
                continue  # "a recently agreed deal": the time belongs to the noun phrase
            in_time.add(t.i)
            # "in his second term": the preposition and all it governs go too.
            head = t
            while (
                head.dep_ != "pobj"
                and head.head.i != head.i
                and head.head.i in {x.i for x in clause.tokens}
                and head.head.dep_ not in {"prep"}
                and head.dep_ in {"poss", "amod", "compound", "det", "nummod", "quantmod"}
            ):
                head = head.head
            if head.dep_ == "pobj" and head.head.dep_ == "prep":
                in_time.update(x.i for x in head.head.subtree)
    tokens = _belief_complement(clause) or clause.tokens
    main_verbs = {clause.predicate.i, *(t.i for t in clause.predicate.ancestors)}
    if hedge is not None:
        main_verbs |= {i for p in hedge.pieces for i in p.tokens}
        main_verbs |= {clause.predicate.doc[i].head.i for p in hedge.pieces for i in p.tokens}
    keep: list[Token] = []
    for t in tokens:
        # Only the negation the hedge already accounts for goes ("will not come"); a
        # negation inside the proposition stays ("harder, not easier").
        negates_main = t.dep_ == "neg" and t.head.i in main_verbs
        if t.i in condition or t.idx in hedge_chars or negates_main or t.i in in_time:
            continue
        if t.dep_ == "advmod" and t.lower_ in _DROP_ADVERBS:
            continue
        if t.dep_ in {"aux", "auxpass"} and t.lemma_.lower() in {
            "will",
            "would",
            "may",
            "might",
            "could",
            "shall",
            "do",
        }:
            continue
        keep.append(t)
    # "expects Washington to announce": the infinitive marker of the main verb goes.
    main = next((t.i for t in keep if t.pos_ in {"VERB", "AUX"}), None)
    keep = [t for t in keep if not (t.lower_ == "to" and t.dep_ == "aux" and t.head.i == main)]
    # A preposition left without its object once the time expression went.
    keep = [t for t in keep if not (t.dep_ == "prep" and not any(c in keep for c in t.children))]
    while keep and (keep[-1].is_punct or keep[-1].dep_ in {"cc", "prep", "mark"}):
        keep.pop()
    while keep and (keep[0].is_punct or keep[0].dep_ in {"cc", "mark", "advmod"}):
        keep.pop(0)
    out = ""
    for n, t in enumerate(keep):
        text = t.text
        if t.lower_ in {"he", "she"} and t.dep_ in {"nsubj", "nsubjpass"}:
            text = _antecedent(t, people, speaker_name) or text
        elif (
            t.lower_ in {"it", "they"}
            and t.dep_ in {"nsubj", "nsubjpass"}
            and (t.head.i in main_verbs)
        ):
            text = _thing_antecedent(t) or text
        out += text
        adjacent = n + 1 < len(keep) and keep[n + 1].i == t.i + 1
        out += t.whitespace_ if adjacent else " "
    out = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(out.split())).strip(" ,;:")
    return out[:1].upper() + out[1:] if out else clause.piece.text


def _belief_complement(clause: Clause) -> list[Token] | None:
    """ "I don't think the U.S. is shifting", "he did not expect the won to collapse":
    the proposition is what is believed, not the believing."""
    pred = clause.predicate
    if pred.lemma_.lower() not in _lexicon()["cue_hedges"] or not any(
        c.dep_ == "nsubj" for c in pred.children
    ):
        return None  # "is expected to open": passive, the subject is the proposition's
    inside = {t.i for t in clause.tokens}
    for child in pred.children:
        if child.dep_ == "ccomp" and child.i in inside:
            return [
                t
                for t in child.subtree
                if t.i in inside and not (t.lower_ == "to" and t.head.i == child.i)
            ]
    obj = next((c for c in pred.children if c.dep_ in {"dobj", "nsubj"} and c.i > pred.i), None)
    comp = next((c for c in pred.children if c.dep_ == "xcomp"), None)
    if comp is not None:
        words = [*(obj.subtree if obj is not None else []), *comp.subtree]
        return [t for t in words if t.i in inside and not (t.lower_ == "to" and t.head.i == comp.i)]
    return None


def _thing_antecedent(pronoun: Token) -> str | None:
    """ "Pyongyang might agree, but it may refuse more": "it" is the subject before it,
    in the same sentence or the one before, when that subject is a noun phrase."""
    sent = pronoun.sent
    doc = pronoun.doc
    candidates = [
        t
        for t in doc[max(0, sent.start - 60) : pronoun.i]
        if t.dep_ in {"nsubj", "nsubjpass"}
        and t.pos_ in {"PROPN", "NOUN"}
        and t.ent_type_ != "PERSON"  # people are "he" and "she"
        and (t.tag_ in {"NNS", "NNPS"}) == (pronoun.lower_ == "they")
    ]
    if not candidates:
        return None
    head = candidates[-1]
    words = [w for w in head.subtree if w.i <= head.i or w.dep_ in {"compound", "amod"}]
    return doc[words[0].i : head.i + 1].text if words else head.text


def _antecedent(pronoun: Token, people: list[Span], speaker: str | None) -> str | None:
    """The person "he"/"she" most likely means: the latest one who was a subject.

    Never the speaker: people quoted about themselves say "I".
    """
    own = set(speaker.split()) if speaker else set()
    earlier = [
        p
        for p in people
        if p.end_char <= pronoun.idx
        and pronoun.idx - p.end_char < 600
        and not set(p.text.split()) & own
    ]
    subjects = [p for p in earlier if p.root.dep_ in {"nsubj", "nsubjpass"}]
    chosen = (subjects or earlier or [None])[-1]
    return chosen.text if chosen is not None else None
