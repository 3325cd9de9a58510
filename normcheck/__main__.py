"""Allows `python -m normcheck`."""

from normcheck.cli import entry_point

entry_point()
