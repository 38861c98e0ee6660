"""Who said what: statements with their source, cue and content spans.

Rules over one spaCy parse, in passes:

1. Quoted passages (``quotes.find_quotes``) are tied to a cue in the same
   sentence: after the quote (“...,” Seo said), before it (Seo said, “...”), to a
   dash and a name closing the paragraph (“...” — Esther Tapia), or, with no cue
   of their own, to the speaker of the quote just before them (a follow-on
   paragraph, or the second half of a quote split around its cue).
2. Transcript lines: "WALLACE: Do you ...".
3. The headline, the article's first line: "Harbour Board: Fares Will Rise",
   "Mayor Warns Of Delays".
4. "as X put it" clauses: "The harbour, as the director noted, rarely freezes".
5. "according to X, ..." phrases (before reported speech, so that "Most voters
   say ..., according to the poll" is the poll's).
6. Reported speech: a cue ("said", "warned", "expects", "called on") with a
   subject and a complement; a parenthetical cue ("The plan, Kim said, will
   fail"). A complement that holds a short quoted fragment makes the statement
   ``mixed``. A complement ends where another statement begins ("said A,
   adding B" is two statements).
7. Reporting nouns with an owner: "Moreno's claim that the vote was rigged".

Which words are cues is decided by a small learned model over the parse
(``cue_model``, trained on PolNeAR train) together with the cue lexicon
(``lexicon/cues.json``). Speakers are resolved at the end, in text order
(``speakers.SpeakerRegistry``), so that "Seo" and "he" look back at what came
before.

Attributions are univocal, as in PolNeAR and PARC: text already inside a
statement's content is not searched again for nested ones.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from augury.extract import doc_text
from augury.extract.cue_model import load_cue_model
from augury.extract.quotes import OPENING_MARKS, QUOTE_MARKS, Quote, find_quotes
from augury.extract.speakers import SpeakerRegistry
from augury.lexicon import load_json
from augury.model import Speaker, Statement

# The learned cue model (cue_model.py) overrules the lexicon: a token is a cue at
# probability >= _CUE_ACCEPT; a lexicon cue below _CUE_REJECT is not. Tuned on PolNeAR dev.
_CUE_ACCEPT = 0.4
_CUE_REJECT = 0.2
_SUBJECTS = {"nsubj", "nsubjpass"}
_COMPLEMENTS = {"ccomp", "xcomp", "dobj", "obj", "attr", "oprd", "dative"}
_RELATIVE = {"who", "which", "that"}
_POINTING = {"this", "that", "these", "those", "it", "so"}
_NOT_CONTENT = {
    "punct",
    "cc",
    "conj",
    "advcl",
    "npadvmod",
    "mark",
    "nsubj",
    "nsubjpass",
    "aux",
    "auxpass",
    "neg",
    "prt",
    "advmod",
    "parataxis",
    "dep",
    "relcl",
}
# Nouns for someone's words besides the reporting nouns of cues.json: "His message was clear".
_WORDS_NOUNS = frozenset(
    "response message rhetoric language words tweet letter speech answer reply".split()
)
# Occasions of a statement: "Kim in a speech", "the senator at a hearing".
_OCCASIONS = frozenset(
    """speech post statement interview filing letter tweet email op-ed appearance address
    conference briefing release announcement debate hearing rally time""".split()
)
# Entity types that can own a reporting noun: "a Harbour Institute analysis".
_SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Section labels of headlines ("Live Updates: ...", "Morning Email: ..."), not sources.
_SECTION_LABELS = frozenset(
    """latest update updates daily briefing email newsletter notice guide exclusive analysis
    opinion editorial video watch live review recap explainer factbox timeline
    podcast note""".split()
)
# Headline verbs beyond the cue lexicon: "Senator Slams Plan", "Mayor Rips Budget".
_HEADLINE_VERBS = frozenset("slam rip blast knock praise endorse pan tout vow".split())
# Reporting verbs of "as X put it" clauses.
_AS_VERBS = frozenset(
    """say note point put write observe report explain argue suggest predict warn
    acknowledge admit concede claim insist remind recall emphasize stress tell describe
    show indicate find reveal announce confirm state add conclude declare expect
    mention estimate testify contend complain joke quip""".split()
)
_DASH_AFTER = re.compile(r"[ \t\u00a0]*(\u2015|\u2014|\u2013|--|-)[ \t\u00a0]*(?=[A-Z])")
_OBJECTS = {"dobj", "obj", "dative", "npadvmod"}
_CONTENT_PREPS = {
    "as",
    "on",
    "for",
    "upon",
    "of",
    "about",
    "that",
    "against",
    "over",
    "toward",
    "towards",
    "with",
    "at",
}
_TRAILING = " \t\n,.;:\u2014-"
# Cue verbs heading a clause that only frames a quote ("..., Seo said at a
# seminar on Thursday."): how many tokens may separate the quote and the cue.
_MAX_TAIL = 60


@dataclass(frozen=True)
class CueLexicon:
    verbs: frozenset[str]  # speech, cognition and attitude verbs
    speech: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    needs_particle: frozenset[str]
    addressee_object: frozenset[str]
    attitude_adjectives: frozenset[str]
    nouns: frozenset[str]


@functools.cache
def cue_lexicon() -> CueLexicon:
    data = load_json("cues.json")
    return CueLexicon(
        verbs=frozenset(data["speech"])
        | frozenset(data["cognition"])
        | frozenset(data["attitude"]),
        speech=frozenset(data["speech"]),
        phrasal={k: frozenset(v) for k, v in data["phrasal"].items()},
        needs_particle=frozenset(data["needs_particle"]),
        addressee_object=frozenset(data["addressee_object"]),
        attitude_adjectives=frozenset(data["attitude_adjectives"]),
        nouns=frozenset(data["nouns"]),
    )


@dataclass
class _Found:
    """A statement before its speaker is resolved and ids are given out.

    Speakers are resolved only once every statement is found, in the order of
    the text, so that "Seo" and "he" always look back at what came before.
    """

    subject: Token | None  # head of the source phrase
    kind: str
    segments: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    follows: _Found | None = None  # a follow-on quote takes this statement's speaker
    speaker: Speaker | None = None
    phrase: Span | None = None  # the source noun phrase, parsed once
    perceived: bool = False  # "X seemed tired": the writer's view, spoken by the author


def extract_attributions(doc: Doc) -> tuple[list[Speaker], list[Statement]]:
    """Find speakers and their statements in one parsed article."""
    return _Extractor(doc).run()


class _Extractor:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = cue_lexicon()
        self.cue_model = load_cue_model()
        self.registry = SpeakerRegistry()
        self.anonymous_markers = self.registry.anon_markers
        self.found: list[_Found] = []
        self.taken = bytearray(len(doc.text))  # characters inside some statement's content
        self.used_cues: set[int] = set()
        self.quotes = find_quotes(doc.text)
        # Characters inside a quoted passage (four words or more).
        self.in_long_quote = bytearray(len(self.text))
        for quote in self.quotes:
            for a, b in quote.segments:
                if len(self.text[a:b].split()) >= 4:
                    self.in_long_quote[a:b] = b"\x01" * (b - a)
        # Named people outside quotation marks: antecedents for "he"/"she".
        self.people = [
            e
            for e in doc.ents
            if e.label_ == "PERSON"
            and not any(q.start <= e.start_char < q.end for q in self.quotes)
        ]
        self.people = self._with_short_mentions(self.people)

    def _with_short_mentions(self, people: list[Span]) -> list[Span]:
        """Add later one-word mentions of named people: "Han closed the forum" after
        "Han Ji-woo" is Han too, though the tagger may not tag a lone surname."""
        parts: dict[str, int] = {}  # a name part -> where its full name first appears
        for ent in people:
            words = ent.text.split()
            if len(words) > 1:
                for word in (words[0], words[-1]):  # given name or surname, either order
                    parts.setdefault(word.lower(), ent.end_char)
        if not parts:
            return people
        tagged = {t.i for ent in people for t in ent}
        extra = [
            self.doc[t.i : t.i + 1]
            for t in self.doc
            if t.pos_ == "PROPN"
            and t.i not in tagged
            and t.lower_ in parts
            and parts[t.lower_] <= t.idx
            and not self.in_long_quote[t.idx]
        ]
        return sorted(people + extra, key=lambda span: span.start_char)

    # -- helpers -------------------------------------------------------------

    def _claim(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def _is_taken(self, start: int, end: int) -> bool:
        return any(self.taken[start:end])

    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def attitude(self, tok: Token) -> Token | None:
        """The adjective of "is confident that ...", "was critical of ...", if ``tok`` heads one."""
        if tok.lemma_.lower() not in {"be", "seem", "remain", "appear", "sound"}:
            return None
        if not any(c.dep_ in _SUBJECTS for c in tok.children):
            return None
        return next(
            (
                c
                for c in tok.children
                if c.dep_ == "acomp" and c.lemma_.lower() in self.lex.attitude_adjectives
            ),
            None,
        )

    def is_cue(self, tok: Token) -> bool:
        if self.attitude(tok) is not None:
            return True
        p = self.cue_model.probability(tok)
        if p >= _CUE_ACCEPT or (p >= _CUE_REJECT and self.lexicon_cue(tok)):
            return True
        # "An official who asked not to be named said ...": the parser may hang
        # "said" inside the anonymity clause, where the model rarely sees a cue.
        return (
            tok.lemma_.lower() in self.lex.verbs
            and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)
            and any(up.dep_ == "relcl" and self._anonymity_clause(up) for up in tok.ancestors)
        )

    def lexicon_cue(self, tok: Token) -> bool:
        if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and tok.tag_ == "VBZ"):
            return False
        lemma = tok.lemma_.lower()
        if lemma not in self.lex.verbs:
            # Any verb with a subject and a "that"-clause reports an attitude:
            # "Republicans fumed that ...", "the memo conceded that ...".
            return (
                tok.pos_ == "VERB"
                and any(
                    c.dep_ == "ccomp"
                    and c.i > tok.i
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    for c in tok.children
                )
                and any(c.dep_ in _SUBJECTS for c in tok.children)
            )
        if lemma in self.lex.needs_particle:
            parts = {c.lower_ for c in tok.children if c.dep_ in {"prt", "prep"}}
            if lemma == "call" and {c.dep_ for c in tok.children} >= {"dobj", "oprd"}:
                return True  # "called the plan a gamble": a label is an attribution
            return bool(parts & self.lex.phrasal.get(lemma, frozenset()))
        return True

    def _for_mark(self, cue: Token) -> Token | None:
        """The "for" right after ``cue`` that opens its "for X to Y" clause ("calling for")."""
        after = self.doc[cue.i + 1] if cue.i + 1 < len(self.doc) else None
        if (
            after is not None
            and after.lower_ == "for"
            and after.dep_ == "mark"
            and after.head.dep_ == "advcl"
            and after.head.head.i == cue.i
        ):
            return after
        return None

    def cue_span(self, tok: Token) -> tuple[int, int]:
        """The cue: the verb with its auxiliaries, negation and particle."""
        parts = [tok] + [
            c
            for c in tok.children
            if c.dep_ in {"aux", "auxpass", "neg", "prt"}
            and abs(c.i - tok.i) <= 3
            # "now says", "has also questioned": an adverb inside the verb group
            or c.dep_ == "advmod"
            and c.i < tok.i
            and tok.i - c.i <= 2
            and c.pos_ == "ADV"
        ]
        if tok.lemma_.lower() in self.lex.phrasal:
            parts += [
                c
                for c in tok.children
                if c.dep_ == "prep"
                and c.lower_ in self.lex.phrasal[tok.lemma_.lower()]
                and c.i == tok.i + 1
            ]
        for_mark = self._for_mark(tok)
        if for_mark is not None:
            parts.append(for_mark)  # "calling for the city to act"
        adjective = self.attitude(tok)
        if adjective is not None:  # "is confident", "was critical of"
            parts += [
                adjective,
                *(
                    c
                    for c in adjective.children
                    if c.dep_ == "prep" and c.i == adjective.i + 1 and c.lower_ != "that"
                ),
            ]
        start = min(p.idx for p in parts)
        end = max(p.idx + len(p) for p in parts)
        return start, end

    def subject(self, verb: Token) -> Token | None:
        """The grammatical subject of a cue, inherited through "..., saying" and "and"."""
        # "An official who asked not to be named said ...": the parser may hang the
        # cue inside the anonymity clause; its subject is the noun the clause describes.
        for up in verb.ancestors:
            if up.dep_ == "relcl" and self._anonymity_clause(up):
                return up.head
        seen = 0
        while verb is not None and seen < 4:
            # Nearest subject first: "Commuters, Strand suggested, ..." may give the
            # cue two.
            children = sorted(verb.children, key=lambda c: (c.i > verb.i, abs(c.i - verb.i)))
            for child in children:
                if child.dep_ in _SUBJECTS and not (
                    self.in_long_quote[child.idx] and not self.in_long_quote[verb.idx]
                ):  # never a word inside someone else's quote
                    if child.dep_ == "nsubjpass":
                        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                        pobj = (
                            next((c for c in agent.children if c.dep_ == "pobj"), None)
                            if agent is not None
                            else None
                        )
                        return pobj
                    return self._inserted_name(child, verb) or self._owner(child) or child
            if verb.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and verb.head.i != verb.i:
                verb = verb.head
                seen += 1
                if verb.dep_ == "prep" and verb.pos_ == "ADP" and verb.head.pos_ in {"VERB", "AUX"}:
                    verb = verb.head  # "After thanking the drivers, she promised ..."
                continue
            return None
        return None

    def _occasion(self, prep: Token) -> bool:
        """A prepositional phrase giving the time or the occasion of a statement."""
        if prep.lower_ not in {"on", "in", "at", "during", "after", "before"}:
            return False
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return (
                prep.lower_ == "in"
                and prep.i + 1 < len(self.doc)
                and self.doc[prep.i + 1].lower_ in {"general", "particular"}
            )
        if pobj.ent_type_ in {"DATE", "TIME"}:
            return True
        return pobj.lemma_.lower() in _OCCASIONS

    def _owner(self, subj: Token) -> Token | None:
        """ "His remarks suggested ...", "Vallo's response was ...": whose words they were."""
        lemma = subj.lemma_.lower()
        if lemma not in self.lex.nouns and lemma not in _WORDS_NOUNS:
            return None
        return next((c for c in subj.children if c.dep_ == "poss"), None)

    def _inserted_name(self, subj: Token, verb: Token) -> Token | None:
        """ "Commuters, Strand suggested, will ...": a name the parser made an
        apposition of the noun before it, right before an inserted cue."""
        if subj.pos_ != "NOUN" or subj.i > verb.i:
            return None
        after = self.doc[verb.i + 1] if verb.i + 1 < verb.sent.end - 1 else None
        for child in subj.children:
            if (
                child.dep_ == "appos"
                and child.pos_ == "PROPN"
                and child.right_edge.i == verb.i - 1
                and after is not None
                and after.text == ","
            ):
                return child
        return None

    def source_phrase(self, head: Token) -> Span:
        """The whole noun phrase of a source, without a trailing relative clause's comma."""
        left, right = head.left_edge.i, head.right_edge.i
        # "Ms. Okafor, who chairs ...", "Strand, speaking to drivers": a clause
        # after a name is not part of the source (an apposition is).
        if head.pos_ == "PROPN":
            for child in head.rights:
                if (
                    child.dep_ in {"relcl", "acl", "advcl"}
                    and child.left_edge.i > 0
                    and self.doc[child.left_edge.i - 1].text == ","
                ):
                    right = min(right, child.left_edge.i - 2)
        # "Strand on Friday", "a judge in October", "Vallo in her speech": when and
        # where they said it is not who said it.
        for child in head.rights:
            if child.dep_ == "prep" and child.i <= right and self._occasion(child):
                right = min(right, child.i - 1)
        # A dateline before the source: "OSLO -- Mayor Ida Strand", "BRUSSELS - ...".
        for tok in self.doc[left : head.i]:
            if tok.text in {"--", "\u2013", "\u2014", "\u2015"} or (
                tok.text == "-"
                and tok.whitespace_
                and tok.i > 0
                and self.doc[tok.i - 1].whitespace_
            ):
                left = tok.i + 1
        # A quote inside the subject's subtree is not part of the source.
        span = self.doc[left : right + 1]
        while len(span) > 1 and (span[-1].text in {",", "-", "\u2014", ";"} or span[-1].is_space):
            span = span[:-1]
        while len(span) > 1 and span[0].is_punct:
            span = span[1:]
        while len(span) > 1 and span[-1].dep_ == "case":
            span = span[:-1]  # "Trump's claim": the source is "Trump"
        # A headline or subhead on the line before is not part of the source.
        breaks = [t.i for t in span if "\n" in t.text_with_ws and t.i < head.i]
        if breaks:
            span = self.doc[breaks[-1] + 1 : span.end]
        return span

    def source_extent(self, phrase: Span, head: Token) -> tuple[int, int]:
        """The characters reported as the source: the phrase, with what describes it.

        ``source_phrase`` is the name for the speaker registry; the reported span
        also holds a possessive's "'s" ("Moreno's claim") and a relative clause
        set off by commas right after the head ("Ida Strand, who chairs the board,
        said"), as PolNeAR and PARC mark them.
        """
        start, end = phrase.start_char, phrase.end_char
        after = self.doc[phrase.end] if phrase.end < len(self.doc) else None
        if after is not None and after.dep_ == "case" and after.head.i == head.i:
            end = after.idx + len(after)
        for child in head.rights:
            if (
                child.dep_ == "relcl"
                and child.i >= phrase.end
                and child.left_edge.i > 0
                and self.doc[child.left_edge.i - 1].text == ","
                and child.left_edge.lower_ in {"who", "which", "whose"}
            ):
                end = max(end, child.right_edge.idx + len(child.right_edge))
        # "Ida Strand, who chairs the board, said": the comma closing an apposition
        # or a relative clause belongs to the source, as PolNeAR and PARC mark it.
        if self.text[end : end + 1] == "," and "," in self.text[start:end]:
            end += 1
        return start, end

    def sourced(self, subj: Token, kind: str, segments, cue) -> _Found:
        """A statement whose source is the noun phrase headed by ``subj``."""
        phrase = self.source_phrase(subj)
        start, end = self.source_extent(phrase, subj)
        # A misparse can put the cue inside the subject's subtree ("an official who
        # asked not to be named said ..."): the source stops before cue and content.
        after = [a for a, _ in [*(cue and [cue] or []), *segments] if a > start]
        if after and end > min(after):
            end = min(after)
            while end > start and self.text[end - 1] in " ,;\u2014-":
                end -= 1
        return _Found(subj, kind, list(segments), cue, (start, end), phrase=phrase)

    def named(self, phrase: Span, kind: str, segments, cue, head: Token | None = None) -> _Found:
        """A statement whose source is exactly ``phrase``: the name after a dash, a
        headline's or an "as" clause's, where the parse tree does not delimit it.
        Its head is the last proper noun ("Senator Kim") unless given."""
        if head is None:
            head = max(phrase, key=lambda t: t.i if t.pos_ == "PROPN" else -1)
        source = (phrase.start_char, phrase.end_char)
        return _Found(head, kind, list(segments), cue, source, phrase=phrase)

    def resolve_speakers(self) -> None:
        for found in sorted(self.found, key=lambda f: (f.source or f.segments[0])[0]):
            if found.subject is not None:
                phrase = found.phrase or self.source_phrase(found.subject)
                found.speaker = self.registry.resolve(found.subject, phrase, self.people)
            elif found.perceived:
                found.speaker = self.registry.author(found.cue)
        for found in self.found:  # follow-on quotes, after their leaders
            lead = found
            while lead.follows is not None:
                lead = lead.follows
            if lead is not found:
                found.speaker = lead.speaker

    # -- pass 1: quoted passages ---------------------------------------------

    def attach_quotes(self, quotes: list[Quote]) -> None:
        last: _Found | None = None
        for quote in quotes:
            if self._is_taken(quote.start, quote.end):
                continue
            if quote.is_passage(self.text):
                found = self._cue_after(quote) or self._cue_before(quote)
            elif quote.word_count(self.text) and quote.inner(self.text)[-1:] in ",?!.":
                # A short reply closed by its own punctuation: “You winning?” she said.
                found = self._cue_after(quote, max_tail=4)
            else:
                found = None
            if found is None and last is not None and self._follows(last, quote):
                found = _Found(None, "direct", list(quote.segments), None, None, follows=last)
            if found is None:
                continue
            self.found.append(found)
            for seg in found.segments:
                self._claim(*seg)
            last = found

    def _follows(self, last: _Found, quote: Quote) -> bool:
        """Whether a quote with no cue continues the previous direct quote.

        True when only the previous quote's own attribution sentence and at
        most one paragraph break stand between them.
        """
        if last.kind != "direct":
            return False
        end = max([last.segments[-1][1], *(x[1] for x in (last.cue, last.source) if x)])
        tok = self._token_at(max(end - 1, 0))
        if tok is not None:
            end = max(end, tok.sent.end_char)
        gap = self.text[end : quote.start]
        if gap.count("\n") > 2 or len(gap.strip()) > 0:
            return False
        return True

    def _cue_after(self, quote: Quote, max_tail: int = _MAX_TAIL) -> _Found | None:
        """“...,” Seo said — a cue in the rest of the sentence that closes the quote."""
        close = self._token_at(quote.end - 1)
        if close is None:
            return None
        # The tail runs to the end of the sentence or to the next opening mark.
        tokens: list[Token] = []
        i = close.i + 1
        while i < len(self.doc) and len(tokens) < max_tail:
            tok = self.doc[i]
            if tok.text in OPENING_MARKS and tokens or "\n" in tok.text:
                break
            tokens.append(tok)
            if tok.is_sent_end and tok.is_punct:
                break
            i += 1
        dashed = self._dash_source(quote, tokens)
        if dashed is not None:
            return dashed
        # “... to change.” She adds, “...”: a quote closed by a full stop ends its
        # sentence; a cue right before the next quote introduces that one.
        # Only a short tail that ends the sentence ("... on time.” Okafor said.")
        # can still be its attribution.
        inner = quote.inner(self.text).rstrip()
        if inner.endswith(".") and tokens and tokens[0].text[:1].isupper():
            nxt = self.doc[i] if i < len(self.doc) else None
            if nxt is not None and nxt.text in OPENING_MARKS:
                return None
            ends = next((k for k, t in enumerate(tokens) if t.text in {".", "!", "?"}), None)
            if ends is None or ends > 6:
                return None
        # Only a tail that starts like an attribution: ", Seo said" / " said Seo".
        if (
            not tokens
            or tokens[0].text not in {",", "\u2014", "-", "said", "says"}
            and tokens[0].pos_ not in {"PROPN", "PRON", "DET", "NOUN"}
            and not tokens[0].text[:1].isupper()
            # "“What a day!” beamed Ruth Okafor": any cue, inverted
            and not (tokens[0].pos_ == "VERB" and len(tokens) > 1 and tokens[1].pos_ == "PROPN")
        ):
            return None
        for tok in tokens:
            if tok.i in self.used_cues or not self.is_cue(tok):
                continue
            subj = self.subject(tok) or self._inverted_subject(tok)
            if subj is None or subj.idx < quote.end:
                continue
            return self._direct(quote, tok, subj)
        return None

    def _dash_source(self, quote: Quote, tokens: list[Token]) -> _Found | None:
        """“...” — Esther Tapia: a dash and a name closing the paragraph."""
        # Read the dash from the text: the tokenizer may glue it to the closing mark.
        m = _DASH_AFTER.match(self.text, quote.end)
        if m is None:
            return None
        dash = (m.start(1), m.end(1))
        name = [t for t in tokens if not t.is_space and t.idx >= dash[1]]
        while name and name[-1].is_punct:
            name.pop()
        if (
            not name
            or len(name) > 6
            or not all(
                t.pos_ in {"PROPN", "NOUN", "ADJ", "PUNCT", "X"}
                and (t.text[:1].isupper() or t.is_punct)
                for t in name
            )
        ):
            return None
        return self.named(self.doc[name[0].i : name[-1].i + 1], "direct", quote.segments, dash)

    # -- pass 2: transcripts ---------------------------------------------------

    def attach_transcript(self) -> None:
        """Transcripts: "WALLACE: Do you ...", a speaker's name and a colon opening a line."""
        people = {w.lower() for e in self.doc.ents if e.label_ == "PERSON" for w in e.text.split()}
        for sent in self.doc.sents:
            first = sent[0]
            if first.i > 0 and "\n" not in self.doc[first.i - 1].text_with_ws:
                continue
            colon = next((t for t in sent[:4] if t.text == ":"), None)
            if colon is None or colon.i == sent.start:
                continue
            # The parser may end the sentence at the colon ("FALLIN:" alone): the
            # turn is the rest of the line either way.
            if colon.i + 1 >= len(self.doc) or self.doc[colon.i + 1].is_space:
                continue
            name = self.doc[sent.start : colon.i]
            while len(name) > 1 and (name[0].is_punct or name[0].is_space):
                name = name[1:]
            ok = all(t.is_upper or t.ent_type_ == "PERSON" for t in name if t.is_alpha) and (
                any(t.ent_type_ == "PERSON" for t in name)
                or all(t.lower_ in people for t in name if t.is_alpha)
            )
            if not ok:
                continue
            end = sent.end_char
            line_end = self.text.find("\n", colon.idx)
            if line_end != -1:
                end = line_end
            start = colon.idx + 1
            while start < end and self.text[start] == " ":
                start += 1
            if end - start < 3 or self._is_taken(start, end):
                continue
            head = name.root
            found = self.sourced(head, "direct", [(start, end)], (colon.idx, colon.idx + 1))
            found.source = (name.start_char, name.end_char)
            self.found.append(found)
            self._claim(start, end)

    def _inverted_subject(self, verb: Token) -> Token | None:
        """ "..., said Seo" — the parser may label the postposed subject oddly.

        Also a name right before the cue that the tagger took for something
        else ("Oh said", with "Oh" read as an interjection).
        """
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if (
            before is not None
            and before.text[:1].isupper()
            and before.pos_ in {"INTJ", "PROPN", "NOUN", "ADJ"}
            and before.dep_ not in _SUBJECTS
        ):
            return before
        for child in verb.rights:
            if child.dep_ in _SUBJECTS | {"dobj", "npadvmod", "attr", "appos"} and (
                child.pos_ in {"PROPN", "PRON"} or child.ent_type_ == "PERSON"
            ):
                return child
        return None

    def _cue_before(self, quote: Quote) -> _Found | None:
        """Seo said, “...” — a cue clause right before the opening mark."""
        open_tok = self._token_at(quote.start)
        if open_tok is None:
            return None
        # Walk back over ", " or ": " to the clause that introduces the quote.
        i = open_tok.i - 1
        while (
            i >= 0
            and self.doc[i].text in {",", ":", "\u2014", "-"}
            and "\n" not in self.doc[i].text
        ):
            i -= 1
        if i >= 0 and "\n" in self.doc[i].text and self.doc[i - 1].text == ":":
            i -= 2  # "The Times reports:" and the quote in the next paragraph
            return self._cue_before_at(quote, i, introduced=True) if i >= 0 else None
        if i < 0 or "\n" in self.doc[i].text:
            return None
        return self._cue_before_at(quote, i, introduced=i < open_tok.i - 1)

    def _cue_before_at(self, quote: Quote, i: int, introduced: bool) -> _Found | None:
        """The cue of a quote, searched back from token ``i``."""
        # Without a comma or colon before it, a quote that starts mid-clause is a
        # fragment of reported speech (mixed), unless it directly follows the cue.
        if not introduced and not self.is_cue(self.doc[i]):
            return None
        sent = self.doc[i].sent
        for tok in reversed(list(self.doc[sent.start : i + 1])):
            if tok.i in self.used_cues or not self.is_cue(tok):
                continue
            subj = self.subject(tok) or self._inverted_subject(tok)
            if subj is None or self._is_taken(subj.idx, subj.idx + 1):
                continue
            # The quote must follow the cue's clause closely (same sentence, or
            # only punctuation and the cue's own modifiers in between).
            if quote.start - (tok.idx + len(tok)) > 80:
                return None
            return self._direct(quote, tok, subj)
        return None

    def _direct(self, quote: Quote, cue: Token, subj: Token) -> _Found:
        self.used_cues.add(cue.i)
        return self.sourced(subj, "direct", quote.segments, self.cue_span(cue))

    # -- pass 3: headlines -----------------------------------------------------

    def attach_headline(self) -> None:
        """The article's first line when it is a headline: "Kim: Rates will fall",
        "Kim Warns Rates Will Fall" (the tagger rarely reads a title-case verb)."""
        end = self.text.find("\n")
        if end <= 0:
            return
        line = self.doc.char_span(0, end, alignment_mode="contract")
        if line is None or len(line) < 3:
            return
        words = [t for t in line if not t.is_space]
        if words[0].lower_ in {"how", "why", "what", "when", "where", "who", "if", "is", "are"}:
            return  # a question or a clause, not "Source: what they said"
        colon = next((t for t in words[:8] if t.text == ":"), None)
        if colon is not None:
            name, cue_tok, rest = words[: words.index(colon)], colon, colon.i + 1
            # "EXCLUSIVE – Ida Strand: ...": a label before a dash is not the source.
            dashes = [n for n, t in enumerate(name) if t.text in {"\u2013", "\u2014", "-", "--"}]
            if dashes:
                name = name[dashes[-1] + 1 :]
            if name and name[-1].lower_ in _SECTION_LABELS:
                return  # "Live Updates: ...", "Morning Email: ..."
            if any(self._headline_verb(t.lower_) for t in name[1:]):
                return  # "Vallo Backs Strand: ..." says what the next words are
        else:
            k = next(
                (
                    n
                    for n, t in enumerate(words[1:7], start=1)
                    if t.text[:1].isupper() and self._headline_verb(t.lower_)
                ),
                None,
            )
            if k is None:
                return
            name, cue_tok, rest = words[:k], words[k], words[k].i + 1
        while name and name[-1].pos_ == "ADV":
            name = name[:-1]  # "Strand Finally Endorses Vallo"
        if not name or not name[0].text[:1].isupper() or len(name) > 6:
            return
        if any(t.pos_ == "PRON" for t in name):
            return
        if any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in name):
            return
        if any(t.lower_ in {"on", "in", "at", "for", "to", "as"} for t in name):
            return  # "Vallo on the Budget Talks: ..." names a topic, not a source
        start = self.doc[rest].idx if rest < len(self.doc) else end
        stop = end
        while start < stop and self.text[start] in " \t:":
            start += 1
        while stop > start and self.text[stop - 1] in _TRAILING:
            stop -= 1
        if len(self.text[start:stop].split()) < 2 or self._is_taken(start, stop):
            return
        phrase = self.doc[name[0].i : name[-1].i + 1]
        cue = (cue_tok.idx, cue_tok.idx + len(cue_tok))
        self.found.append(self.named(phrase, "indirect", [(start, stop)], cue))
        self.used_cues.add(cue_tok.i)
        self._claim(start, stop)

    def _headline_verb(self, word: str) -> bool:
        """ "warns", "urges", "slams": a reporting verb in the third person singular."""
        if not word.endswith("s") or len(word) < 4:
            return False
        stems = {word[:-1], word[:-2] if word.endswith("es") else word[:-1]}
        if word.endswith("ies"):
            stems.add(word[:-3] + "y")
        return bool(stems & (self.lex.speech | _HEADLINE_VERBS))

    # -- pass 4: "as X put it" ------------------------------------------------

    def _as_cue(self, tok: Token) -> Token | None:
        """The cue verb of an "as" clause starting at ``tok``, if there is one.

        The clause is a subject and a reporting verb with nothing left to report
        ("as the memo put it", "as Kim noted"): the sentence around it is what
        was reported. "as well as", "as Kim spoke" and "as it is known" are not.
        """
        sent = tok.sent
        if self.doc[tok.i + 1].pos_ not in {"DET", "PROPN", "NOUN", "PRON", "NUM"}:
            return None
        has_noun = False
        for other in self.doc[tok.i + 1 : min(sent.end, tok.i + 16)]:
            if other.pos_ in {"NOUN", "PROPN", "PRON"}:
                has_noun = True
            elif other.text in {",", ";", ":"} or other.is_quote or other.text in QUOTE_MARKS:
                return None
            if other.pos_ == "VERB" or other.pos_ == "AUX" and other.dep_ not in {"aux", "auxpass"}:
                lemma = other.lemma_.lower()
                if not has_noun or lemma not in _AS_VERBS or other.tag_ == "VBG":
                    return None
                if any(c.dep_ == "auxpass" for c in other.children):
                    return None
                # Nothing reported inside the clause itself (the parser may still
                # hang the main clause on the verb: "..., as Kim noted, is late").
                stop = next(
                    (t.i for t in self.doc[other.i + 1 : sent.end] if t.text in {",", "\u2014"}),
                    sent.end,
                )
                for child in other.children:
                    if not other.i < child.i < stop:
                        continue
                    if child.dep_ in {"ccomp", "xcomp"} or (
                        child.dep_ in _OBJECTS
                        and child.lower_ not in {"it", "so"}
                        and child.ent_type_ not in {"DATE", "TIME"}  # "reported just today"
                    ):
                        return None
                return other
        return None

    def attach_as_clauses(self) -> None:
        """ "The harbour, as one adviser noted, rarely freezes"; "..., as the memo put it"."""
        for tok in self.doc:
            if tok.lower_ != "as" or tok.i + 2 >= len(self.doc):
                continue
            sent = tok.sent
            before = self.doc[tok.i - 1] if tok.i > sent.start else None
            if (
                before is not None
                and before.text not in {",", "\u2014", "--", "("}
                and not (before.pos_ == "CCONJ" and before.i == sent.start)  # "But as Kim noted"
            ):
                continue
            cue = self._as_cue(tok)
            if cue is None or cue.i in self.used_cues:
                continue
            closing = next(
                (t for t in self.doc[cue.i + 1 : sent.end] if t.text in {",", "\u2014", "--", ")"}),
                None,
            )
            tail = self.doc[cue.i + 1 : closing.i if closing is not None else sent.end]
            if any(t.is_quote or t.text in QUOTE_MARKS or t.text == ":" for t in tail):
                continue  # "as the memo put it: “...”" is a quote with its cue before
            pieces = []
            if before is not None and before.pos_ != "CCONJ":
                pieces.append((sent.start_char, before.idx))
            if closing is not None:
                pieces.append((closing.idx + len(closing), sent.end_char))
            segments = [(a, b) for a, b in self._trimmed(pieces) if len(self.text[a:b].split()) > 1]
            if not segments or any(self._is_taken(a, b) for a, b in segments):
                continue
            words = [t for t in self.doc[tok.i + 1 : cue.i] if t.dep_ not in {"aux", "auxpass"}]
            while words and words[-1].pos_ in {"ADV", "AUX", "PART"}:
                words.pop()
            if not words:
                continue
            subj = self.doc[words[0].i : words[-1].i + 1].root
            self.used_cues.add(cue.i)
            cue_end = cue
            if cue.i + 1 < sent.end and (
                self.doc[cue.i + 1].lower_ == "it" or self.doc[cue.i + 1].dep_ == "prt"
            ):
                cue_end = self.doc[cue.i + 1]
            phrase = self.doc[words[0].i : words[-1].i + 1]
            cue_chars = (cue.idx, cue_end.idx + len(cue_end))
            self.found.append(self.named(phrase, "indirect", segments, cue_chars, head=subj))
            for a, b in segments:
                self._claim(a, b)

    # -- pass 6: reported speech ---------------------------------------------

    def attach_reported(self, quotes: list[Quote]) -> None:
        cues = [t for t in self.doc if t.i not in self.used_cues and self.is_cue(t)]
        # Outermost first: a cue nearer the root of its sentence wins.
        # A cue set off by commas inside the sentence it reports goes first: "The
        # plan, Kim said, will fail" (the parser often makes "fail" the root).
        cues.sort(key=lambda t: (not self._inserted(t), _depth(t), t.i))
        # Words inside a quotation are someone's words: "I think", "we knew" there
        # are part of what they said, not attributions of their own.
        quoted = self.in_long_quote
        # "said A, adding that B", "says A and said B": a second cue of the same
        # speaker that the parser hung inside the first one's complement.
        shared: dict[int, Token] = {}
        for cue in cues:
            if self._is_taken(cue.idx, cue.idx + len(cue)) or quoted[cue.idx]:
                continue
            subj = shared.get(cue.i) or self.subject(cue)
            if subj is None or self._is_taken(subj.idx, subj.idx + len(subj)):
                continue
            if subj.lower_ in {"there", "this", "these", "those"}:
                continue
            if subj.lower_ in _RELATIVE and subj.head.dep_ != "relcl":
                continue
            if cue.dep_ == "relcl" and self._anonymity_clause(cue):
                continue  # "an official who asked not to be named" says nothing itself
            inserted = subj.dep_ == "appos" and subj.head.head.i == cue.i  # "Voters, Kim said, ..."
            if inserted:
                segments = self.parenthetical(cue, subj) or self.complement(cue, subj)
            else:
                segments = self.complement(cue, subj) or self.parenthetical(cue, subj)
            if segments and len(segments) == 1:
                segments = self._before_taken(*segments[0])
            if segments and len(segments) == 1:
                segments = self._before_next_cue(cue, subj, *segments[0], cues, shared)
            if not segments or any(self._is_taken(a, b) for a, b in segments):
                continue
            inside = [q for q in quotes for a, b in segments if q.start >= a and q.end <= b]
            kind = "mixed" if inside else "indirect"
            self.used_cues.add(cue.i)
            if self._perceived(cue):
                # "The senator seemed tired": how things looked to the writer, not
                # something the senator said. The author's, with no source span.
                cue_chars = self.cue_span(cue)
                found = _Found(None, kind, list(segments), cue_chars, None, perceived=True)
                self.found.append(found)
            else:
                self.found.append(self.sourced(subj, kind, segments, self.cue_span(cue)))
            for a, b in segments:
                self._claim(a, b)

    def _inserted(self, cue: Token) -> bool:
        """Whether ``cue`` heads a clause inserted between commas ("..., Kim said, ...")."""
        if cue.dep_ != "parataxis" or cue.head.pos_ not in {"VERB", "AUX"}:
            return False
        last = cue.right_edge
        closer = (
            last
            if last.is_punct
            else (self.doc[last.i + 1] if last.i + 1 < len(self.doc) else None)
        )
        return closer is not None and closer.text == "," and cue.i > cue.sent.start

    def _before_next_cue(
        self, cue: Token, subj: Token, start: int, end: int, cues: list[Token], shared: dict
    ) -> list[tuple[int, int]]:
        """Cut a complement before the first later cue that starts a statement of its own.

        "Vallo said she doubted it, arguing that ..." and "Okafor says X and said
        Y" are two statements of one speaker: the parser often hangs the second cue
        inside the first one's complement, and it inherits the subject (recorded in
        ``shared``). "Most riders said X, and a third said Y" joins another
        speaker's statement on.
        """
        inside = sorted(
            (t for t in cues if start < t.idx < end and t.i != cue.i), key=lambda t: t.i
        )
        for other in inside:
            own = next((c for c in other.children if c.dep_ in _SUBJECTS and c.i < other.i), None)
            if own is not None:
                joint = self.doc[own.left_edge.i - 1] if own.left_edge.idx > start else None
                comma = self.doc[joint.i - 1] if joint is not None and joint.i > 0 else None
                if not (
                    other.dep_ in {"conj", "advcl", "ccomp"}
                    and joint is not None
                    and joint.lower_ in {"and", "but", "while", "whereas"}
                    and comma is not None
                    and comma.text == ","
                    and comma.idx > start
                ):
                    continue
                new_end, inherits = comma.idx, False
            else:
                before = self.doc[other.i - 1]
                # '..., claiming' or '... party," claiming': a participle after a comma.
                quote_comma = (
                    before.text in QUOTE_MARKS
                    and before.i > 0
                    and self.doc[before.i - 1].text == ","
                )
                if other.tag_ == "VBG" and (before.text == "," or quote_comma):
                    new_end = before.idx if before.text == "," else before.idx + len(before)
                elif (
                    other.tag_ in {"VBD", "VBZ", "VBG"}
                    and before.lower_ == "and"
                    and other.dep_ == "conj"
                ):
                    new_end = before.idx
                else:
                    continue
                inherits = True
            new_end = self._trim_end(start, new_end)
            if len(self.text[start:new_end].split()) < 3:
                continue
            if inherits:
                shared[other.i] = subj
            return [(start, new_end)]
        return [(start, end)]

    def _perceived(self, cue: Token) -> bool:
        """ "seems to be", "appeared unlikely": a raising verb without a reporting verb under it.

        "seemed to suggest that", "appears to believe" still report the subject's view.
        """
        if cue.lemma_.lower() not in {"seem", "appear"}:
            return False
        xcomp = next((c for c in cue.children if c.dep_ == "xcomp"), None)
        if xcomp is None or xcomp.pos_ != "VERB":
            return True
        return xcomp.lemma_.lower() not in self.lex.verbs

    def _before_taken(self, start: int, end: int) -> list[tuple[int, int]] | None:
        """A complement cut where another statement begins inside it.

        "Brenner said families who move abroad would lose it, and when pressed, the
        economist replied, “...”": the quote already belongs to "replied"; what "said"
        reports ends before the conjunction that leads to it.
        """
        taken = self.taken.find(b"\x01", start, end)
        if taken < 0:
            return [(start, end)]
        cut = self._token_at(taken)
        if cut is None:
            return None
        # Back up to the start of the clause holding the other statement: the
        # conjunct it hangs in ("..., and when pressed, she replied, “...”"), or
        # else the words since the last comma.
        stop = cut.i
        for up in [cut, *cut.ancestors]:
            if up.idx < start:
                break
            if up.dep_ == "conj" and up.left_edge.idx > start:
                stop = min(stop, up.left_edge.i)
        if stop == cut.i:
            for tok in reversed(self.doc[: cut.i]):
                if tok.idx < start or tok.text in {",", ";", "\u2014", "--"} or tok.dep_ == "cc":
                    break
                stop = tok.i
        end = self._trim_end(start, self.doc[stop].idx)
        if len(self.text[start:end].split()) < 3:
            return None
        return [(start, end)]

    def _trimmed(self, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Character ranges without leading commas and spaces or trailing punctuation;
        empty ones dropped."""
        out = []
        for start, end in pieces:
            while start < end and self.text[start] in " \t\n,;:\u2014":
                start += 1
            while end > start and self.text[end - 1] in _TRAILING:
                end -= 1
            if end > start:
                out.append((start, end))
        return out

    def _trim_end(self, start: int, end: int) -> int:
        """``end`` moved back over trailing punctuation and a dangling "and"/"but"."""
        while end > start:
            if self.text[end - 1] in _TRAILING:
                end -= 1
            elif self.text.endswith((" and", " but"), start, end):
                end -= 4
            else:
                break
        return end

    def _anonymity_clause(self, cue: Token) -> bool:
        clause = self.doc[cue.left_edge.i : cue.right_edge.i + 1].text.lower()
        return any(marker in clause for marker in self.anonymous_markers)

    def parenthetical(self, cue: Token, subj: Token) -> list[tuple[int, int]] | None:
        """ "The depot, Okafor said, will reopen in May": the sentence around the cue."""
        sent = cue.sent
        if cue.dep_ == "ROOT":
            # The parser may make the inserted cue the root: "The drivers, Okafor
            # explained later, were paid on time." The clause runs from the subject to
            # the next comma.
            after = next((t for t in self.doc[cue.i + 1 : sent.end] if t.text == ","), None)
            left = subj.left_edge
            before = self.doc[left.i - 1] if left.i > sent.start else None
        elif cue.dep_ in {"parataxis", "ccomp", "advcl", "conj"} and cue.head.pos_ in {
            "VERB",
            "AUX",
        }:
            clause = [t for t in cue.subtree if not t.is_punct]
            left, right = clause[0], clause[-1]
            if subj.head.i == cue.i and subj.left_edge.i > left.i:
                # "Instead, Strand told reporters, ...", "Commuters, Strand suggested, ...": the
                # parser hung the words before the subject on the cue too.
                left = subj.left_edge
            before = self.doc[left.i - 1] if left.i > sent.start else None
            after = self.doc[right.i + 1] if right.i + 1 < sent.end else None
        else:
            return None
        if before is None or before.text != "," or after is None or after.text != ",":
            return None
        segments = self._trimmed([(sent.start_char, before.idx), (after.idx + 1, sent.end_char)])
        if len(segments) == 2 and len(self.text[slice(*segments[0])].split()) == 1:
            first = self._token_at(segments[0][0])
            if first is not None and first.pos_ in {"CCONJ", "ADV", "INTJ"}:
                tail = self._before_taken(*segments[1])  # "But, Strand added, the buses ..."
                if tail is None or len(self.text[tail[0][0] : tail[0][1]].split()) < 2:
                    return None
                return tail
        if len(segments) != 2:
            return None
        # A sentence the parser ran on past a quote: keep what lies between the
        # statements around it.
        (a, b), (c, d) = segments
        last = self.taken.rfind(b"\x01", a, b)
        if last >= 0:
            a = last + 1
            while a < b and self.text[a] in " \t\n,.;:\"'\u201c\u201d\u2019":
                a += 1
        tail = self._before_taken(c, d)
        if tail is None or b - a < 3 or len(self.text[tail[0][0] : tail[0][1]].split()) < 2:
            return None
        return [(a, b), tail[0]]

    def complement(self, cue: Token, subj: Token) -> list[tuple[int, int]] | None:
        """The content of a reported statement: the cue's complement clause(s)."""
        parts: list[Token] = []
        lemma = cue.lemma_.lower()
        adjective = self.attitude(cue)
        if adjective is not None:
            # "is confident that rates will fall", "was critical of the plan"
            for child in adjective.children:
                if child.dep_ in {"ccomp", "xcomp"}:
                    parts.append(child)
                elif child.dep_ == "prep":
                    parts.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
            parts.extend(c for c in cue.children if c.dep_ == "ccomp" and c.i > adjective.i)
            if not parts:
                return None
        for child in cue.children:
            if child.dep_ in _COMPLEMENTS and child.i > cue.i:
                if child.dep_ in _OBJECTS and lemma in self.lex.addressee_object:
                    continue  # "told reporters", "urged the government": the addressee
                if child.ent_type_ in {"DATE", "TIME"} and child.dep_ in _OBJECTS:
                    continue  # "said Monday that ..."
                parts.append(child)
            elif (
                child.dep_ == "prep"
                and child.i > cue.i
                and (child.lower_ in _CONTENT_PREPS or lemma in self.lex.phrasal)
            ):
                parts.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
                parts.extend(
                    c for c in cue.children if c.dep_ in {"xcomp", "ccomp"} and c.i > child.i
                )
            elif child.dep_ in {"ccomp"} and child.i < cue.i and child.i > subj.i - 50:
                parts.append(child)  # "The plan will fail, Kim said."
            elif child.dep_ == "advcl" and child.i > cue.i and self._for_mark(cue) is not None:
                parts.append(child)  # "called for the city to act": "for" ... "to"
        if not parts:
            # "told the forum, when she was still teaching, that ...": a that-clause
            # the parser hung lower down still belongs to the cue.
            parts = [
                t
                for t in cue.subtree
                if t.dep_ == "ccomp"
                and t.i > cue.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children)
            ][:1]
        if not parts:
            # "blasted the plan as reckless", "called X a Y": whatever follows the cue
            # inside its clause is what was said.
            parts = [
                c
                for c in cue.rights
                if c.dep_ not in _NOT_CONTENT
                and c.ent_type_ not in {"DATE", "TIME"}
                and not (c.dep_ in _OBJECTS and lemma in self.lex.addressee_object)
            ]
        if not parts:
            return None
        clauses = [p for p in parts if p.dep_ == "ccomp" and p.i > cue.i]
        if clauses:
            parts = clauses  # "predicted at a forum in March that ...": the clause only
        start = min(p.left_edge.idx for p in parts)
        for_mark = self._for_mark(cue)
        if for_mark is not None and for_mark.idx == start:
            start = for_mark.idx + len(for_mark)  # "for" belongs to the cue "calling for"
        # "said Monday that ...": content starts at the complementiser.
        marks = [m for p in clauses for m in p.children if m.dep_ == "mark" and m.lower_ == "that"]
        if marks and marks[0].idx > start:
            start = marks[0].idx
        last = max(parts, key=lambda p: p.right_edge.i).right_edge
        end = last.idx + len(last)
        # Content never includes its own cue or source.
        if start <= cue.idx < end or start <= subj.idx < end:
            if all(p.i > cue.i for p in parts):
                start = max(start, cue.idx + len(cue))
            elif start < subj.left_edge.idx:
                end = subj.left_edge.idx  # pre-posed content: "X will happen, Kim said at ..."
            else:
                return None
        while end > start and self.text[end - 1] in _TRAILING:
            end -= 1
        while start < end and self.text[start] in " \t,:":
            start += 1
        words = self.text[start:end].split()
        if end - start < 3 or not words:
            return None
        # "echo her concerns" says something; "echoed this view" only points back.
        if len(words) <= 2 and words[0].lower() in _POINTING:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and all(t.ent_type_ in {"DATE", "TIME"} or t.is_punct for t in span):
            return None  # "spoke on Monday": a time is not what was said
        return [(start, end)]

    # -- pass 7: reported speech headed by a noun -----------------------------

    def attach_noun_cues(self) -> None:
        """ "Trump's claim that the vote was rigged", "Kim's warning that prices would rise"."""
        for noun in self.doc:
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.lex.nouns:
                continue
            if self._is_taken(noun.idx, noun.idx + len(noun)):
                continue
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            clause = next(
                (
                    c
                    for c in noun.children
                    if c.dep_ in {"acl", "ccomp"}
                    and c.i > noun.i
                    and any(
                        m.lower_ in {"that", "to"} and m.dep_ in {"mark", "aux"} for m in c.children
                    )
                ),
                None,
            )
            if owner is None and clause is not None:
                # "a New York Times report that ...": the name before the noun.
                names = [
                    c for c in noun.lefts if c.dep_ == "compound" and c.ent_type_ in _SOURCE_ENTS
                ]
                owner = names[-1] if names else None
            if owner is None or clause is None:
                continue
            start, last = clause.left_edge.idx, clause.right_edge
            end = last.idx + len(last)
            while end > start and self.text[end - 1] in _TRAILING:
                end -= 1
            if end - start < 8 or self._is_taken(start, end):
                continue
            found = self.sourced(
                owner, "indirect", [(start, end)], (noun.idx, noun.idx + len(noun))
            )
            self.found.append(found)
            self._claim(start, end)

    # -- pass 5: "according to" ----------------------------------------------

    def attach_according_to(self) -> None:
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc):
                continue
            to = self.doc[tok.i + 1]
            if to.lower_ != "to" or self._is_taken(tok.idx, to.idx + 2):
                continue
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase_end = pobj.right_edge.idx + len(pobj.right_edge)
            sent = tok.sent
            # The content is the rest of the sentence around the phrase.
            if tok.i == sent.start or self.doc[tok.i - 1].is_punct and tok.i - 1 == sent.start:
                pieces = [(phrase_end, sent.end_char)]
            else:
                pieces = [(sent.start_char, tok.idx)]
                # "Prices, according to the survey, will rise": both sides.
                after = pobj.right_edge.i + 1
                if (
                    self.doc[tok.i - 1].text == ","
                    and after + 1 < sent.end
                    and self.doc[after].text == ","
                ):
                    pieces.append((self.doc[after].idx + 1, sent.end_char))
            segments = self._trimmed(pieces)
            if (
                not segments
                or sum(b - a for a, b in segments) < 8
                or any(self._is_taken(a, b) for a, b in segments)
            ):
                continue
            self.found.append(self.sourced(pobj, "indirect", segments, (tok.idx, to.idx + len(to))))
            for start, end in segments:
                self._claim(start, end)

    # -- all together ---------------------------------------------------------

    def run(self) -> tuple[list[Speaker], list[Statement]]:
        quotes = self.quotes
        self.attach_quotes(quotes)
        self.attach_transcript()
        self.attach_headline()
        self.attach_as_clauses()
        self.attach_according_to()
        self.attach_reported(quotes)
        self.attach_noun_cues()
        self.resolve_speakers()
        self.found.sort(key=lambda f: f.segments[0][0])
        statements = []
        for n, f in enumerate(self.found, start=1):
            start, end = f.segments[0][0], f.segments[-1][1]
            statements.append(
                Statement(
                    id=f"st{n}",
                    speaker=f.speaker.id if f.speaker else None,
                    kind=f.kind,  # type: ignore[arg-type]
                    text=self.text[start:end],
                    span=(start, end),
                    cue=self.text[f.cue[0] : f.cue[1]] if f.cue else None,
                    cue_span=f.cue,
                    source_span=f.source,
                    segments=list(f.segments) if len(f.segments) > 1 else [],
                )
            )
        used = {s.speaker for s in statements}
        speakers = [s for s in self.registry.speakers if s.id in used]
        return _renumber(speakers, statements)


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _renumber(
    speakers: list[Speaker], statements: list[Statement]
) -> tuple[list[Speaker], list[Statement]]:
    """Speaker ids in order of first appearance: sp1, sp2 ..."""
    speakers = sorted(speakers, key=lambda s: min(s.mentions) if s.mentions else (0, 0))
    mapping = {s.id: f"sp{n}" for n, s in enumerate(speakers, start=1)}
    for s in speakers:
        s.id = mapping[s.id]
    for st in statements:
        st.speaker = mapping.get(st.speaker) if st.speaker else None
    return speakers, statements
