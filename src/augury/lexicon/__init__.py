"""Data files the extractors read. Each file cites where its contents come from."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def load_json(name: str) -> Any:
    """Load a lexicon data file shipped inside the package (cached)."""
    return json.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))
