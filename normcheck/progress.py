"""A progress line on stderr for long runs: items done, rate, time left. Only ever on a terminal."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import TextIO

_REDRAW_SECONDS = 0.2
_BAR_WIDTH = 24


def wanted(stream: TextIO, requested: bool | None) -> bool:
    """On when asked for; by default only when `stream` is a terminal and this is not a CI run."""
    if requested is not None:
        return requested
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("CI")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class Progress:
    """`advance()` after each item; `clear()` before other output goes to the same terminal.

    The total is counted in a background thread (a second, cheap walk of the inputs), so the run starts at
    once and the bar shows a percentage and the time left as soon as the count is in.
    """

    def __init__(self, stream: TextIO, unit: str = "items", enabled: bool = True) -> None:
        self.stream = stream
        self.unit = unit
        self.enabled = enabled
        self.done = 0
        self.total: int | None = None
        self._started = time.monotonic()
        self._last_draw = 0.0
        self._shown = False

    def count_in_background(self, counter: Callable[[], int]) -> None:
        if not self.enabled:
            return

        def count() -> None:
            self.total = counter()

        threading.Thread(target=count, name="normcheck-count", daemon=True).start()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last_draw >= _REDRAW_SECONDS:
            self._last_draw = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = max((now if now is not None else time.monotonic()) - self._started, 1e-9)
        rate = self.done / elapsed
        total = self.total
        if total:
            share = min(1.0, self.done / total)
            filled = int(share * _BAR_WIDTH)
            left = (total - self.done) / rate if rate > 0 else 0.0
            return (
                f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {self.done:,}/{total:,} {self.unit} "
                f"{rate:,.0f}/s, {_duration(left)} left"
            )
        return f"{self.done:,} {self.unit} {rate:,.0f}/s, {_duration(elapsed)} so far"

    def _draw(self, now: float) -> None:
        self.stream.write("\r\x1b[K" + self.line(now))
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
