"""normcheck: a linter for translated news text."""

__version__ = "0.1.0"
