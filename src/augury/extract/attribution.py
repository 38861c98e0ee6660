"""Who said what: speakers and statements (placeholder until the extractor lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from augury.model import Speaker, Statement


def extract_attributions(doc: Doc) -> tuple[list[Speaker], list[Statement]]:
    """Find speakers and their statements in one parsed article."""
    return [], []
