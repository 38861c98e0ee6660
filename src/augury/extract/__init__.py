"""Extractors: pure functions from a parsed spaCy Doc to data classes in augury.model."""
