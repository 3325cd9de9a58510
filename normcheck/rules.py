"""Rule metadata and rule selection by code prefix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from normcheck.errors import ConfigError
from normcheck.finding import Applicability, Severity


@dataclass(frozen=True)
class Rule:
    """What a rule is, with the documentation `normcheck explain` prints."""

    code: str
    name: str
    summary: str
    severity: Severity
    fix: Applicability | None
    what: str
    why: str
    example_before: str
    example_after: str | None
    fix_safety: str
    fix_varies: bool = False  # some of its fixes are safe and some unsafe (`fix` is the usual one)

    @property
    def fix_label(self) -> str:
        """How `normcheck rules` and `explain` show the fix: "safe", "unsafe", "safe/unsafe", "-"."""
        if self.fix is None:
            return "-"
        return "safe/unsafe" if self.fix_varies else self.fix.value


@dataclass(frozen=True)
class RuleSelection:
    """--select / --ignore: the longest matching prefix decides, as in ruff."""

    select: tuple[str, ...] = ("NC",)
    ignore: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        return _longest_prefix_allows(self.select, self.ignore, code)


@lru_cache(maxsize=1024)
def _longest_prefix_allows(select: tuple[str, ...], ignore: tuple[str, ...], code: str) -> bool:
    """Cached: it is asked once per finding, and the answer depends on these three values only."""
    best_select = max((len(prefix) for prefix in select if code.startswith(prefix)), default=-1)
    best_ignore = max((len(prefix) for prefix in ignore if code.startswith(prefix)), default=-1)
    return best_select >= 0 and best_select > best_ignore


def parse_code_list(values: Iterable[str], known_codes: Sequence[str], option: str) -> tuple[str, ...]:
    """Split comma-separated codes and reject any that select no rule (a typo must not pass silently)."""
    codes: list[str] = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if code in ("ALL",):
                code = "NC"
            if not any(known.startswith(code) for known in known_codes):
                raise ConfigError(f"{option}: '{part.strip()}' matches no rule code (see `normcheck rules`)")
            codes.append(code)
    return tuple(codes)
