"""Speakers: turn the source of an attribution into a person, group or organisation.

``SpeakerRegistry`` keeps the speakers of one article and resolves later
mentions to them: a full name or a bare surname ("Seo") to the person
introduced earlier, whatever the name order (Korean, Chinese and Japanese names
put the family name first), and "he"/"she" to the most recent person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from augury.extract import doc_text
from augury.lexicon import load_json
from augury.model import Speaker, SpeakerKind

PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "them"}
FIRST_PERSON = {"i", "we", "me", "us"}
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON | {"it", "you", "who", "which", "that"}
_DETERMINERS = {
    "a",
    "an",
    "the",
    "some",
    "many",
    "several",
    "most",
    "other",
    "few",
    "two",
    "three",
    "both",
    "all",
    "one",
    "these",
    "those",
    "its",
    "their",
    "our",
}
_TITLE_WORDS = {
    "president",
    "president-elect",
    "professor",
    "prof.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "minister",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "ambassador",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "general",
    "gen.",
    "admiral",
    "adm.",
    "judge",
    "justice",
    "mayor",
    "speaker",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "economist",
    "analyst",
    "chief",
    "vice",
    "deputy",
    "former",
    "foreign",
    "defense",
    "defence",
    "finance",
    "prime",
    "state",
    "u.s.",
    "senior",
    "fellow",
    "researcher",
    "lawmaker",
    "commissioner",
}
_AFFILIATION_PREP = re.compile(r"\s+(?:at|of|with|for|from)\s+(?:the\s+)?$", re.I)


# The speaker name of the article's own voice (lexicon/claims.json "author" uses it too).
AUTHOR = "the author"


def _fold(name: str) -> str:
    """Compare names without case, accents, hyphens or dots."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"[\s.\-\u2010-\u2015']+", " ", name).strip().lower()


def name_parts(name: str) -> list[str]:
    """Words of a name, folded ("Lee Hea-jeong" -> ["lee", "hea jeong"])."""
    # Keep a hyphenated given name ("Hea-jeong") as one part.
    return [_fold(p) for p in re.split(r"\s+", name.strip()) if _fold(p)]


@dataclass
class _Entry:
    speaker: Speaker
    parts: list[str]
    last_seen: int  # character offset of the latest mention
    folded: str = ""
    aliases: set[str] = field(default_factory=set)


class SpeakerRegistry:
    """The speakers of one article, and resolution of new mentions to them."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self._lex = load_json("cues.json")
        self.group_nouns = set(self._lex["group_nouns"])
        self.org_nouns = set(self._lex["organization_nouns"])
        self.person_roles = set(self._lex["person_roles"]) | self.group_nouns
        self.anon_markers = tuple(self._lex["anonymous_markers"])

    @property
    def speakers(self) -> list[Speaker]:
        return [e.speaker for e in self.entries]

    def _new(self, name: str, kind: SpeakerKind, at: int) -> _Entry:
        speaker = Speaker(id=f"sp{len(self.entries) + 1}", name=name, kind=kind)
        entry = _Entry(speaker, name_parts(name), at, _fold(name))
        self.entries.append(entry)
        return entry

    def _mention(self, entry: _Entry, start: int, end: int) -> Speaker:
        if (start, end) not in entry.speaker.mentions:
            entry.speaker.mentions.append((start, end))
        entry.last_seen = max(entry.last_seen, start)
        return entry.speaker

    # -- people --------------------------------------------------------------

    def find_person(self, name: str) -> _Entry | None:
        """An earlier person this name refers to: same full name, or a part of it."""
        folded = _fold(name)
        parts = name_parts(name)
        people = [e for e in self.entries if e.speaker.kind == "person"]
        for entry in sorted(people, key=lambda e: -e.last_seen):
            if entry.folded == folded or folded in entry.aliases:
                return entry
        if len(parts) == 1:
            # A bare surname or given name: the most recent person who has it.
            for entry in sorted(people, key=lambda e: -e.last_seen):
                if parts[0] in entry.parts:
                    return entry
        else:
            # A fuller name for someone first met by one name only.
            for entry in sorted(people, key=lambda e: -e.last_seen):
                if len(entry.parts) == 1 and entry.parts[0] in parts:
                    entry.speaker.name = name
                    entry.parts, entry.folded = parts, folded
                    return entry
        return None

    def person(
        self,
        name: str,
        start: int,
        end: int,
        mention: tuple[int, int] | None = None,
        title: str | None = None,
        affiliation: str | None = None,
    ) -> Speaker:
        entry = self.find_person(name) or self._new(name, "person", start)
        if title and not entry.speaker.title:
            entry.speaker.title = title
        if affiliation and not entry.speaker.affiliation:
            entry.speaker.affiliation = affiliation
        return self._mention(entry, *(mention or (start, end)))

    def _from_people(self, word: str, at: int, people) -> _Entry | None:
        """A full name, mentioned earlier but not yet a speaker, that contains ``word``."""
        folded = _fold(word)
        for ent in reversed([p for p in people if p.start_char < at]):
            if folded in name_parts(ent.text) and len(name_parts(ent.text)) > 1:
                return self._new(ent.text, "person", ent.start_char)
        return None

    def _named_for_a_role(self, head: Token, name: str) -> bool:
        """ "Odile Ferrand, the city engineer": a two- or three-word name set beside a
        person's role is a person, whatever the entity tagger says."""
        words = name.split()
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
            return False
        if any(w.lower() in self.org_nouns for w in words):
            return False
        return any(
            c.dep_ == "appos" and c.lemma_.lower() in self.person_roles for c in head.children
        )

    def pronoun(
        self, word: str, at: int, mention: tuple[int, int], people: list[Span] = ()
    ) -> Speaker | None:
        """The most recent speaker, or named person, a pronoun can refer to.

        ``people`` are PERSON entities outside quotation marks: "he" after
        "Trump threatened ..." is Trump even if Trump has not spoken yet.
        """
        word = word.lower()
        if word in PERSON_PRONOUNS:
            kinds = {"person", "anonymous"}
        elif word in GROUP_PRONOUNS:
            kinds = {"group", "organization"}
        else:
            return None
        candidates = [e for e in self.entries if e.speaker.kind in kinds and e.last_seen < at]
        best = max(candidates, key=lambda e: e.last_seen) if candidates else None
        if word in PERSON_PRONOUNS:
            earlier = [p for p in people if p.end_char <= at]
            if earlier and (best is None or earlier[-1].start_char > best.last_seen):
                ent = earlier[-1]
                return self.person(ent.text, ent.start_char, ent.end_char, mention=mention)
        if best is None:
            return None
        return self._mention(best, *mention)

    def author(self, mention: tuple[int, int]) -> Speaker:
        """The writer of the article: "I" and "we" outside quotes, "X seemed tired"."""
        return self.other(AUTHOR, "anonymous", mention)

    def other(self, name: str, kind: SpeakerKind, mention: tuple[int, int]) -> Speaker:
        """A group, organisation or anonymous source, merged by name within the article."""
        folded = _fold(name)
        for entry in self.entries:
            if entry.speaker.kind == kind and entry.folded == folded:
                return self._mention(entry, *mention)
        return self._mention(self._new(name, kind, mention[0]), *mention)

    def _mention_speaker(self, speaker: Speaker, start: int, end: int) -> None:
        for entry in self.entries:
            if entry.speaker is speaker:
                self._mention(entry, start, end)

    # -- resolving a source noun phrase --------------------------------------

    def resolve(self, head: Token, phrase: Span, people: list[Span] = ()) -> Speaker | None:
        """The speaker named by a source noun phrase whose syntactic head is ``head``."""
        doc = head.doc
        mention = (phrase.start_char, phrase.end_char)
        low = head.lower_
        if low in {"who", "which", "that"} and head.head.dep_ == "relcl":
            # "Mr. Obama, who understood that ...": the relative clause's antecedent.
            antecedent = head.head.head
            left, right = antecedent.left_edge.i, head.head.i
            speaker = self.resolve(antecedent, doc[left:right], people)
            if speaker is not None:
                self._mention_speaker(speaker, head.idx, head.idx + len(head))
            return speaker
        if low in FIRST_PERSON:
            # Outside quotation marks "I" and "we" are the writer's own voice.
            return self.author((head.idx, head.idx + len(head)))
        if low == "it":
            return self.pronoun("they", head.idx, (head.idx, head.idx + len(head)), people)
        if low in PRONOUNS:
            return self.pronoun(low, head.idx, (head.idx, head.idx + len(head)), people)
        if head.text[:1].isupper() and len(phrase) <= 2 and head.pos_ != "PRON":
            # A bare surname ("Seo", "Oh", "Han", whatever the tagger made of it)
            # naming someone met before, as a speaker or as a named person.
            known = self.find_person(head.text) or self._from_people(head.text, head.idx, people)
            if known is not None:
                return self._mention(known, head.idx, head.idx + len(head))
        if low in {"official", "source", "diplomat", "officer", "analyst", "aide"} and any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children
        ):
            for entry in sorted(self.entries, key=lambda e: -e.last_seen):
                if entry.speaker.kind == "anonymous" and entry.folded.endswith(low):
                    return self._mention(entry, *mention)  # "the official" said again
        person = _person_entity(head, phrase)
        text = phrase.text
        if any(m in text.lower() for m in self.anon_markers):
            return self.other(_common_name(phrase, head), "anonymous", mention)
        if person is not None:
            title, affiliation = titles_for(person, phrase)
            return self.person(
                person.text,
                person.start_char,
                person.end_char,
                mention=(person.start_char, person.end_char),
                title=title,
                affiliation=affiliation,
            )
        lemma = head.lemma_.lower()
        if head.pos_ == "PROPN" or head.ent_type_ in {"ORG", "NORP", "GPE", "PERSON"}:
            ent = _entity_at(head, phrase)
            full = _proper_name(head)
            if ent is not None and ent.text == head.text and " " in full and ent.label_ != "ORG":
                # "Ana Petrova" with only "Petrova" tagged (as a place): a person's name.
                first = min(
                    [
                        head.i,
                        *(t.i for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"),
                    ]
                )
                return self.person(full, head.doc[first].idx, head.idx + len(head))
            name = ent.text if ent is not None else full
            name = re.sub(r"^the\s+", "", name, flags=re.I)
            if len(name.split()) <= 3 and self.find_person(name) is not None:
                span = ent if ent is not None else head.doc[head.i : head.i + 1]
                return self.person(name, span.start_char, span.end_char)
            if ent is not None and ent.label_ in {"ORG", "GPE", "NORP", "FAC"}:
                if self._named_for_a_role(head, name):
                    title, affiliation = titles_for(ent, phrase)
                    return self.person(
                        name, ent.start_char, ent.end_char, title=title, affiliation=affiliation
                    )
                return self.other(name, "organization", mention)
            if len(name.split()) <= 3 and lemma not in self.org_nouns:
                # An untagged proper name heading a source is most often a
                # person the NER missed ("Seo said").
                return self.person(name, head.idx, head.idx + len(head))
            return self.other(name, "organization", mention)
        if lemma in self.group_nouns or (
            head.tag_ in {"NNS", "NNPS"} and lemma not in self.org_nouns
        ):
            if _is_indefinite_singular(head):
                return self.other(_common_name(phrase, head), "anonymous", mention)
            return self.other(_common_name(phrase, head), "group", mention)
        if lemma in self.org_nouns:
            return self.other(_common_name(phrase, head, keep_det=True), "organization", mention)
        if _is_indefinite_singular(head):
            return self.other(_common_name(phrase, head), "anonymous", mention)
        return self.other(_common_name(phrase, head, keep_det=True), "group", mention)


def _entity_at(token: Token, within: Span | None = None) -> Span | None:
    """The entity holding ``token``, cut to ``within`` when it runs past it
    (a headline "Kim Warns Rates Will Fall" tagged as one PERSON)."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            if within is not None and (ent.start < within.start or ent.end > within.end):
                start, end = max(ent.start, within.start), min(ent.end, within.end)
                return Span(token.doc, start, end, label=ent.label_)
            return ent
    return None


def _person_entity(head: Token, phrase: Span) -> Span | None:
    """The PERSON entity that names the source: at its head, or opening the phrase.

    "Oh Ha-eun, an energy analyst at ..." may be parsed with "analyst" as the
    head; the name that opens the phrase is still the speaker.
    """
    ent = _entity_at(head, phrase)
    if ent is not None and ent.label_ == "PERSON":
        return _trim_possessive(ent)
    for ent in phrase.ents:
        if ent.label_ == "PERSON" and (
            ent.root.head.i == head.i or ent.start == phrase.start or ent.start <= head.i < ent.end
        ):
            return _trim_possessive(ent)
    # An untagged (or mis-tagged) name before an apposition: "Oh Ha-eun, an
    # analyst at ...", "Han Ji-woo, professor of ...".
    doc = head.doc
    i = phrase.start
    while i < phrase.end and (
        doc[i].text[:1].isupper()
        and doc[i].pos_ in {"PROPN", "INTJ", "NOUN", "ADJ"}
        or i > phrase.start
        and doc[i - 1].whitespace_ == ""
        and doc[i].text != ","
    ):
        i += 1
    if phrase.start < i < phrase.end and doc[i].text == "," and i - phrase.start <= 6:
        name = doc[phrase.start : i]
        if not any(t.lower_ in _DETERMINERS or t.ent_type_ in {"ORG", "GPE"} for t in name):
            return name
    return None


def _trim_possessive(ent: Span) -> Span:
    if ent[-1].tag_ == "POS" and len(ent) > 1:
        return ent[:-1]
    return ent


def _proper_name(head: Token) -> str:
    tokens = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    tokens = [*tokens, head]
    return head.doc[tokens[0].i : head.i + 1].text


def _is_indefinite_singular(head: Token) -> bool:
    return head.tag_ == "NN" and any(
        c.dep_ == "det" and c.lower_ in {"a", "an", "one"} for c in head.children
    )


def _common_name(phrase: Span, head: Token, keep_det: bool = False) -> str:
    """A short name for a group or organisation: its modifiers and head noun."""
    doc = head.doc
    left = [
        t for t in head.lefts if t.dep_ in {"amod", "compound", "nmod", "det", "nummod", "poss"}
    ]
    start = left[0].i if left else head.i
    tokens = list(doc[start : head.i + 1])
    if not keep_det:
        while tokens and tokens[0].lower_ in _DETERMINERS:
            tokens = tokens[1:]
    elif tokens and tokens[0].lower_ not in {"the", "a", "an"} and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    name = doc[tokens[0].i : tokens[-1].i + 1].text if tokens else head.text
    first = name.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and tokens and tokens[0].pos_ != "PROPN":
        name = name[0].lower() + name[1:]  # "Experts" at a sentence start -> "experts"
    return name


def titles_for(person: Span, phrase: Span) -> tuple[str | None, str | None]:
    """Title and affiliation from an apposition or the words before a name.

    "Han Ji-woo, professor of economics at Sogang University" gives
    ("professor of economics", "Sogang University"); "Finance Minister Choi"
    gives ("Finance Minister", None).
    """
    doc = person.doc
    text = doc_text(doc)
    # The apposition: ", <title/affiliation>," right after the name.
    after = text[person.end_char : phrase.end_char + 200]
    match = re.match(r"\s*,\s*([^,;\u201c\u201d\"]{3,160}?)\s*(?:,|\.(?=\s|$)|\bsaid\b|$)", after)
    if match and phrase.start_char <= person.start_char:
        appos = match.group(1).strip()
        first = appos.split(" ", 1)[0].lower()
        if first in {"who", "which", "that", "said", "says", "told", "added", "and", "but"}:
            return _pre_title(person), None
        start = person.end_char + match.start(1)
        return _split_title(doc, appos, start)
    return _pre_title(person), None


def _split_title(doc, appos: str, start: int) -> tuple[str | None, str | None]:
    end = start + len(appos)
    orgs = [
        e
        for e in doc.ents
        if e.label_ in {"ORG", "FAC", "GPE", "NORP"} and e.start_char >= start and e.end_char <= end
    ]
    affiliation = None
    title = appos
    if orgs:
        org = (
            orgs[0]
            if orgs[0].label_ == "ORG"
            else next((o for o in orgs if o.label_ == "ORG"), orgs[0])
        )
        before = doc_text(doc)[start : org.start_char]
        if _AFFILIATION_PREP.search(before) or not before.strip():
            named = doc_text(doc)[org.start_char : end].strip()
            affiliation = re.sub(r"^the\s+", "", named, flags=re.I)
            # "... University who led the centre until January": the clause is not the name.
            affiliation = re.split(r"\s+(?:who|which|that|where|since|until)\s+", affiliation)[0]
            title = _AFFILIATION_PREP.sub("", before).strip() or None
    else:
        m = re.search(
            r"\s+(?:at|of)\s+(?:the\s+)?([A-Z][\w.&'\-]*(?:\s+(?:of|for|and|on|[A-Z][\w.&'\-]*))*)$",
            appos,
        )
        if m:
            affiliation = m.group(1)
            title = appos[: m.start()].strip() or None
    if title:
        title = re.sub(r"^(?:a|an|the)\s+", "", title, flags=re.I)
    return title or None, affiliation


def _pre_title(person: Span) -> str | None:
    """Title words right before the name: "Finance Minister", "U.S. President-elect"."""
    doc = person.doc
    i = person.start
    words: list[Token] = []
    while i > 0:
        tok = doc[i - 1]
        if tok.lower_ in _TITLE_WORDS or (
            tok.pos_ in {"PROPN", "NOUN", "ADJ"} and words and tok.ent_type_ in {"GPE", "NORP"}
        ):
            words.insert(0, tok)
            i -= 1
            continue
        if tok.pos_ == "PROPN" and tok.ent_type_ in {"GPE", "NORP", "ORG"} and words:
            words.insert(0, tok)
            i -= 1
            continue
        break
    if not words:
        return None
    return doc[words[0].i : words[-1].i + 1].text
