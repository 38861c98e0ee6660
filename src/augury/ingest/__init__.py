"""Ingest: read articles from text, HTML, JSON Lines, RSS/Atom feeds, folders and stdin.

Pure readers: no database, no spaCy parsing. Every article's text is normalised
(``normalise_text``) and identified by ``article_id``, the first 16 hex
characters of the SHA-256 of that text, so the same article read twice, from a
CRLF or an LF file, gets the same id. Bad input is yielded as an
``IngestProblem`` and reading goes on with the rest.
"""

from augury.ingest.checks import DEFAULT_MAX_BYTES, IngestProblem
from augury.ingest.normalise import article_id, normalise_text
from augury.ingest.paths import count_inputs, read_paths

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IngestProblem",
    "article_id",
    "count_inputs",
    "normalise_text",
    "read_paths",
]
