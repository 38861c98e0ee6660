"""Extractors: pure functions from a parsed spaCy Doc to data classes in augury.model."""

from __future__ import annotations

from spacy.tokens import Doc

_TEXT = "augury.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
