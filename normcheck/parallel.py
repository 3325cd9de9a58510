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
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
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


class WorkerError(RuntimeError):
    """A task raised in a worker process (a bug: its traceback is in the message), or a worker died."""


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    # Raising (instead of dying on the signal) lets a file being written remove its temporary copy; a second
    # signal is ignored, or it could cut that clean-up short.
    signal.signal(signum, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def _serve(context: Any, inbox: Any, outbox: Connection) -> None:
    """A worker process: run batches from `inbox` with the context it was started with, reply on `outbox`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides what Ctrl-C means
    signal.signal(signal.SIGTERM, _stop_worker)
    while True:
        message = inbox.get()
        if message is None:
            return
        batch_id, task, batch = message
        try:
            results = [task(context, item) for item in batch]
        except Exception:
            outbox.send((batch_id, False, traceback.format_exc()))
            continue
        outbox.send((batch_id, True, results))


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

    Use as a context manager; workers are shut down on exit. They start when the first batch of work is
    ready, not before: a run whose items all pass through (results the cache already had) never pays for
    them. `before_start` runs just before forking (build what workers share), `after_start` just after (the
    caller may start threads then: forking with threads running is unsafe). Each worker has its own task
    queue and its own result pipe. (multiprocessing.Pool was tried first: its worker-handler thread wakes on
    every result and cost the main process a third of its CPU time.)
    """

    def __init__(
        self,
        context: Context,
        jobs: int,
        batch_size: int = 256,
        before_start: Callable[[], None] | None = None,
        after_start: Callable[[], None] | None = None,
    ) -> None:
        self.context = context
        self.jobs = max(1, jobs)
        self.batch_size = max(1, batch_size)
        self._before_start = before_start
        self._after_start = after_start
        self._workers: list[BaseProcess] = []
        self._inboxes: list[Any] = []
        self._outboxes: list[Connection] = []

    def __enter__(self) -> OrderedPool[Context]:
        if self.jobs == 1 and self._after_start is not None:
            self._after_start()
        return self

    def _start(self) -> None:
        if self._before_start is not None:
            self._before_start()
        mp = _pool_context()
        for _ in range(self.jobs):
            inbox = mp.Queue()
            reader, writer = mp.Pipe(duplex=False)
            worker = mp.Process(target=_serve, args=(self.context, inbox, writer), daemon=True)
            worker.start()
            writer.close()  # the worker's end; closing ours lets a dead worker show as end of file
            self._workers.append(worker)
            self._inboxes.append(inbox)
            self._outboxes.append(reader)
        if self._after_start is not None:
            self._after_start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        workers, self._workers = self._workers, []
        if exc_type is None:
            for inbox in self._inboxes:
                inbox.put(None)
        else:
            for worker in workers:
                worker.terminate()  # workers remove their temporary files on SIGTERM (see _stop_worker)
        for inbox in self._inboxes:
            if exc_type is not None:
                inbox.cancel_join_thread()
            inbox.close()
        for worker in workers:
            worker.join()
        for outbox in self._outboxes:
            outbox.close()
        self._inboxes, self._outboxes = [], []

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

        if self.jobs == 1:
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
        pending: deque[tuple[bool, Any]] = deque()  # (True, batch id) or (False, passthrough), input order
        done: dict[int, list[Any]] = {}
        outstanding = [0] * self.jobs
        source = _batches(items, self.batch_size)
        exhausted = False
        limit = self.jobs * _IN_FLIGHT_PER_JOB
        next_id = 0
        while True:
            while not exhausted and not stopped() and sum(outstanding) < limit:
                step = next(source, None)
                if step is None:
                    exhausted = True
                    break
                is_work, value = step
                if not is_work:
                    pending.append((False, value))
                    continue
                if not self._workers:
                    self._start()
                worker = outstanding.index(min(outstanding))
                self._inboxes[worker].put((next_id, task, value))
                outstanding[worker] += 1
                pending.append((True, next_id))
                next_id += 1
            if not pending:
                return
            is_work, value = pending[0]
            if is_work:
                while value not in done:
                    self._collect(done, outstanding)
            pending.popleft()
            if is_work:
                yield from done.pop(value)
            else:
                yield value

    def _collect(self, done: dict[int, list[Any]], outstanding: list[int]) -> None:
        """Wait for at least one batch's results (or a worker's death) and file them under their batch id."""
        sentinels = {worker.sentinel: worker for worker in self._workers}
        for ready in wait([*self._outboxes, *sentinels]):
            if isinstance(ready, int):
                worker = sentinels[ready]
                index = self._workers.index(worker)
                if outstanding[index] and not self._outboxes[index].poll():
                    raise WorkerError(f"a worker process stopped unexpectedly (exit code {worker.exitcode})")
                continue
            assert isinstance(ready, Connection)
            index = self._outboxes.index(ready)
            try:
                batch_id, ok, payload = ready.recv()
            except EOFError:
                raise WorkerError("a worker process stopped unexpectedly") from None
            outstanding[index] -= 1
            if not ok:
                raise WorkerError(f"a check failed in a worker process:\n{payload}")
            done[batch_id] = payload
