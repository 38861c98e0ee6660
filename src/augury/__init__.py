"""augury: a ledger of what experts say and predict in the news."""

__version__ = "0.1.0"
