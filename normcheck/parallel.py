"""Running work over a process pool: streamed input, bounded work in flight, results in input order.

Items are read lazily and handed to the workers in small batches; never more than a few batches per
worker are in flight, so an archive of millions of articles is never held in memory whole, as paths or
as texts. Results come back in the order the items went in, so the output is the same for any number of
jobs. Each worker process receives the check context once, when it starts (gazetteer loaded and index
built once per worker), never per item.

Ctrl-C asks the run to stop: no new work is handed out, the work in flight is finished (a file is
written whole or not at all), and the caller reports what was done. A second Ctrl-C aborts at once; even
then every file is either the old or the new version, because fixed files are written to a temporary
file and renamed over the original.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from types import FrameType, TracebackType
from typing import Any, Generic, TypeVar

Context = TypeVar("Context")
Item = TypeVar("Item")
Result = TypeVar("Result")

# Batches in flight per worker: enough to keep every worker busy while the main process writes output.
_IN_FLIGHT_PER_JOB = 4
_FIRST_BATCH = 8


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Passthrough(Generic[Item]):
    """An item that is not work (a marker such as "archive ends here"): handed back in its place in order."""

    value: Item


class StopRequest:
    """Turns the first Ctrl-C into a request to stop after the work in progress; the second one aborts.

    Installed only in the main thread (signal handlers cannot be set elsewhere); elsewhere it is inert.
    """

    def __init__(self, on_request: Callable[[], None] | None = None) -> None:
        self.requested = False
        self._on_request = on_request
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> StopRequest:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        if self._on_request is not None:
            self._on_request()


def ignore_interrupts() -> None:
    """From now on Ctrl-C does nothing (for the last moments of a run that has already stopped)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


# The check context of this worker process, set once by `_start_worker`. It exists only in worker
# processes (the main process passes its context explicitly), which is why a module global is right here.
_worker_context: list[Any] = []


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    # Raising (instead of dying on the signal) lets a file being written remove its temporary copy.
    raise SystemExit(128 + signum)


def _start_worker(context: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides what Ctrl-C means
    signal.signal(signal.SIGTERM, _stop_worker)
    _worker_context[:] = [context]


def _run_batch(task: Callable[[Any, Any], Any], batch: list[Any]) -> list[Any]:
    context = _worker_context[0]
    return [task(context, item) for item in batch]


def _pool_context() -> Any:
    # fork starts workers in milliseconds and shares the already-built gazetteer index copy-on-write;
    # where fork is missing or unsafe (macOS, Windows) the platform default is used.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _batches(items: Iterable[Any], largest: int, first: int | None = None) -> Iterator[tuple[bool, Any]]:
    """(True, [work items]) or (False, Passthrough), in input order; a passthrough closes the batch before it.

    Batches start small and double up to `largest`: a short run still spreads over every worker, a long
    one sends few, large messages (each message costs the main process a pickle, a pipe and a thread switch).
    """
    size = min(first or _FIRST_BATCH, largest)
    batch: list[Any] = []
    for item in items:
        if isinstance(item, Passthrough):
            if batch:
                yield True, batch
                batch = []
            yield False, item
            continue
        batch.append(item)
        if len(batch) >= size:
            yield True, batch
            batch = []
            size = min(size * 2, largest)
    if batch:
        yield True, batch


class OrderedPool(Generic[Context]):
    """`map` a picklable task over items with `jobs` processes (1: in this process); results keep input order.

    Use as a context manager: the worker processes start on entry (before any thread of the caller's, so
    forking is safe) and are shut down on exit.
    """

    def __init__(self, context: Context, jobs: int, batch_size: int = 256) -> None:
        self.context = context
        self.jobs = max(1, jobs)
        self.batch_size = max(1, batch_size)
        self._pool: Pool | None = None

    def __enter__(self) -> OrderedPool[Context]:
        if self.jobs > 1:
            self._pool = _pool_context().Pool(self.jobs, initializer=_start_worker, initargs=(self.context,))
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if exc_type is None:
            pool.close()
        else:
            pool.terminate()  # workers remove their temporary files on SIGTERM (see _stop_worker)
        pool.join()

    def map(
        self,
        task: Callable[[Context, Any], Result],
        items: Iterable[Any],
        stop: StopRequest | None = None,
    ) -> Iterator[Any]:
        """Yield task(context, item) for each work item and each Passthrough as it is, in input order.

        When `stop` is requested, no further item is started; what is in flight is finished and yielded.
        """

        def stopped() -> bool:
            return stop is not None and stop.requested

        if self._pool is None:
            for is_work, value in _batches(items, self.batch_size):
                if not is_work:
                    yield value
                    continue
                for item in value:
                    if stopped():
                        return
                    yield task(self.context, item)
                if stopped():
                    return
            return
        pool = self._pool
        pending: deque[tuple[bool, Any]] = deque()
        source = _batches(items, self.batch_size)
        exhausted = False
        limit = self.jobs * _IN_FLIGHT_PER_JOB
        while True:
            while not exhausted and not stopped() and len(pending) < limit:
                step = next(source, None)
                if step is None:
                    exhausted = True
                    break
                is_work, value = step
                pending.append((True, pool.apply_async(_run_batch, (task, value))) if is_work else (False, value))
            if not pending:
                return
            is_work, value = pending.popleft()
            if not is_work:
                yield value
                continue
            async_result: AsyncResult[list[Result]] = value
            yield from async_result.get()
