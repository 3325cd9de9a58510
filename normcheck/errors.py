"""Error types and the documented exit codes."""

from __future__ import annotations

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class NormcheckError(Exception):
    """An error the user can act on: printed as one line, never as a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return where + self.message


class InputError(NormcheckError):
    """An article that cannot be read as text (unreadable, binary, bad encoding)."""


class GazetteerError(NormcheckError):
    """A gazetteer file that is missing, not YAML, or breaks the schema."""


class ConfigError(NormcheckError):
    """A bad option value or rule code."""
