"""Forecasts -> questions: which forecasts ask the same thing of the future.

Two forecasts belong to one question when they name the same actors (aliases
folded), state the same figures, carry the same condition (or none), their
windows end within ``WINDOW_DAYS`` of each other, no antonym splits them, and
their content terms overlap (Dice >= ``THRESHOLD``); see ``propositions``. A
negated proposition ("North Korea does not conduct a test") joins the question of
its positive form, marked ``inverted`` so that its probability is flipped.

``group`` only ever adds: it assigns new forecasts to existing or new questions
and never moves a forecast that already has one, which is how the ledger keeps
what a person merged, split or renamed. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from augury.ledger.propositions import (
    PropositionKey,
    dice,
    lexicon,
    opposed,
    proposition_key,
    stem,
)

THRESHOLD = 0.6  # Dice overlap of content terms; tuned on the dev split of the pairs
# When each side has a term the other lacks ("tariffs on chips" / "on cars"), the
# difference is more likely a substitution than a paraphrase: ask for more overlap.
SUBSTITUTION_THRESHOLD = 0.8
WINDOW_DAYS = 7  # "by the end of 2026" and "in 2026" agree; "before the midterms" does not


@dataclass(frozen=True)
class ForecastItem:
    """A forecast as grouping sees it: where it is stored and what it is about."""

    article_id: str
    local_id: str
    proposition: str
    window_end: dt.date | None = None
    window_start: dt.date | None = None
    condition: str | None = None


@dataclass
class QuestionDraft:
    """A question as grouping sees it: stored (``id`` set) or new."""

    proposition: str
    window_end: dt.date | None
    window_start: dt.date | None = None
    condition: str | None = None
    id: int | None = None
    # (key, inverted relative to the question) of its forecasts -> how many share it
    members: dict[tuple[PropositionKey, bool], int] = field(default_factory=dict)

    def add(self, key: PropositionKey, inverted: bool) -> None:
        self.members[key, inverted] = self.members.get((key, inverted), 0) + 1

    @property
    def key(self) -> PropositionKey:
        return proposition_key(self.proposition)

    @property
    def title(self) -> str:
        return question_title(self.proposition, self.window_end, self.condition)


@dataclass(frozen=True)
class Assignment:
    """One forecast put into one question."""

    item: ForecastItem
    question: QuestionDraft
    inverted: bool  # the forecast's proposition is the negation of the question's
    similarity: float


def _windows_agree(a: dt.date | None, b: dt.date | None, days: int) -> bool:
    if a is None or b is None:
        return a is b
    return abs((a - b).days) <= days


def _figures_agree(a: PropositionKey, b: PropositionKey) -> bool:
    """Equal, or one a part of the other ("the 13th round" / "the two allies open a 13th round")."""
    if not a.figures or not b.figures:
        return a.figures == b.figures
    return a.figures <= b.figures or b.figures <= a.figures


def _conditions_agree(a: str | None, b: str | None, threshold: float) -> bool:
    if not a or not b:
        return not a and not b
    ka, kb = proposition_key(a), proposition_key(b)
    return ka.actors == kb.actors and not opposed(ka, kb) and dice(ka.terms, kb.terms) >= threshold


def match(
    question: QuestionDraft,
    item: ForecastItem,
    key: PropositionKey | None = None,
    threshold: float = THRESHOLD,
    window_days: int = WINDOW_DAYS,
) -> tuple[float, bool, float] | None:
    """(similarity, inverted, mean similarity) when ``item`` belongs in ``question``.

    Similarity is the best over the question's forecasts; the mean over all of them
    breaks ties between questions (after a split, the side most like the new one wins).
    """
    key = key or proposition_key(item.proposition)
    if not _windows_agree(question.window_end, item.window_end, window_days):
        return None
    if not _conditions_agree(question.condition, item.condition, threshold):
        return None
    members = question.members or {(question.key, False): 1}
    best: tuple[float, bool] | None = None
    total = 0.0
    for (member, member_inverted), count in members.items():
        if member.actors != key.actors or not _figures_agree(member, key) or opposed(member, key):
            continue
        similarity = dice(member.terms, key.terms)
        substituted = member.terms - key.terms and key.terms - member.terms
        needed = max(threshold, SUBSTITUTION_THRESHOLD) if substituted else threshold
        if similarity >= needed:
            total += similarity * count
            if best is None or similarity > best[0]:
                best = (similarity, (member.negated != key.negated) != member_inverted)
    return (*best, total / sum(members.values())) if best else None


def _block(key: PropositionKey, condition: str | None) -> tuple[frozenset[str], bool]:
    return key.actors, bool(condition)


def group(
    forecasts: Iterable[ForecastItem],
    questions: Sequence[QuestionDraft] = (),
    threshold: float = THRESHOLD,
    window_days: int = WINDOW_DAYS,
) -> tuple[list[QuestionDraft], list[Assignment]]:
    """Assign each forecast to the best matching question, making new ones as needed.

    Returns the new questions and every assignment. Forecasts are taken in the
    order given (oldest first is best: a question is named after its first forecast).
    """
    blocks: dict[tuple[frozenset[str], bool], list[QuestionDraft]] = defaultdict(list)
    for question in questions:
        for actors in {m.actors for m, _ in question.members} or {question.key.actors}:
            blocks[actors, bool(question.condition)].append(question)
    made: list[QuestionDraft] = []
    assignments: list[Assignment] = []
    for item in forecasts:
        key = proposition_key(item.proposition)
        best: tuple[float, bool, float, QuestionDraft] | None = None
        for question in blocks[_block(key, item.condition)]:
            found = match(question, item, key, threshold, window_days)
            if found and (best is None or (found[0], found[2]) > (best[0], best[2])):
                best = (*found, question)
        if best is None:
            question = QuestionDraft(
                proposition=item.proposition,
                window_end=item.window_end,
                window_start=item.window_start,
                condition=item.condition,
            )
            made.append(question)
            blocks[_block(key, item.condition)].append(question)
            best = (1.0, False, 1.0, question)
        similarity, inverted, _, question = best
        question.add(key, inverted)
        if item.window_start and (
            question.window_start is None or item.window_start < question.window_start
        ):
            question.window_start = item.window_start
        assignments.append(Assignment(item, question, inverted, similarity))
    return made, assignments


def same_question(a: ForecastItem, b: ForecastItem, **settings) -> tuple[bool, bool]:
    """(same question?, inverted?) for two forecasts: the pairwise form of ``group``."""
    draft = QuestionDraft(a.proposition, a.window_end, a.window_start, a.condition)
    found = match(draft, b, **settings)
    return (found is not None, bool(found and found[1]))


# -- titles ----------------------------------------------------------------------

_NOT_BEFORE_VERB = frozenset(
    "the a an its their his her of on in for with to and by at from few many several some".split()
)
_AFTER_VERB = frozenset(
    "a an the its their his her another new no more less past below above over under into to in"
    " on at by for with from against off up down out back place part".split()
)
_IRREGULAR = {"is": "be", "has": "have", "does": "do", "goes": "go"}


def _base_form(verb: str) -> str:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if re.search(r"(ss|sh|ch|x|z|o)es$", verb):
        return verb[:-2]
    return verb[:-1]


def _as_question(proposition: str) -> str:
    """The proposition ready to follow "Will": "the US pulls" -> "the US pull". A guess
    from word shapes: an -s word not after a determiner, before an object or preposition.
    Propositions already in the base form ("the won weaken") are left as they are."""
    words = proposition.split()
    for i, word in enumerate(words[1:], 1):
        previous = words[i - 1]
        following = words[i + 1].lower() if i + 1 < len(words) else None
        if (
            word in _IRREGULAR
            or word.isalpha()
            and word.islower()
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is"))
            and len(word) > 3
            and previous.lower() not in _NOT_BEFORE_VERB
            and "-" not in previous  # "Korean-made cars": a compound before a plural noun
            and following is not None
            and (following in _AFTER_VERB or following[0].isdigit() or following[0] == "$")
        ):
            return " ".join([*words[:i], _base_form(word), *words[i + 1 :]])
    return proposition


def question_title(
    proposition: str, window_end: dt.date | None, condition: str | None = None
) -> str:
    """A question's title, as in "Will Trump and Kim Jong-un hold a summit by 2028-11-07?"."""
    text = _as_question(proposition.strip().rstrip("."))
    first, _, rest = text.partition(" ")
    lex = lexicon()
    if first.lower() in lex.stopwords or stem(first) in lex.concepts:
        text = f"{first.lower()} {rest}"  # "The won ..." -> "Will the won ..."
    by = f" by {window_end.isoformat()}" if window_end else ""
    if condition:
        condition = condition.strip().rstrip(",.")
        if not re.match(r"(?i)(if|unless|provided|as long as|once|when)\b", condition):
            condition = "if " + condition
        return f"Will {text}{by}, {condition[0].lower()}{condition[1:]}?"
    return f"Will {text}{by}?"
