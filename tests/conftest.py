"""Shared fixtures. The spaCy pipeline loads once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from augury.nlp import load

    return load()
