"""The gateway's request threads: blocking work handed over by the event loop, the result
handed back to it.

asyncio's run_in_executor wraps a concurrent.futures.Future in an asyncio future and chains
the two (two futures, a condition, callbacks both ways, and the executor's semaphore and
thread count on every call), on the event loop every request passes (docs/performance.md).
Here a call is a tuple on a queue, and the thread that ran it settles the loop's own future
through call_soon_threadsafe.
"""
from __future__ import annotations

import asyncio
import contextvars
import queue
import threading


class WorkerThreads:
    """At most ``limit`` threads, started as work arrives with none of them idle (as
    ThreadPoolExecutor starts its threads), daemons, so a process exits without them."""

    def __init__(self, limit: int, name: str):
        self._limit, self._name = limit, name
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._idle = threading.Semaphore(0)  # released by each thread as it waits for work
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def run(self, fn, *args) -> asyncio.Future:
        """``fn(*args)`` on a thread, in a copy of the caller's context; awaited in the loop."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put((loop, future, contextvars.copy_context(), fn, args))
        if not self._idle.acquire(blocking=False) and len(self._threads) < self._limit:
            with self._lock:
                if len(self._threads) < self._limit:
                    thread = threading.Thread(target=self._work, daemon=True,
                                              name=f"{self._name}_{len(self._threads)}")
                    self._threads.append(thread)
                    thread.start()
        return future

    def close(self) -> None:
        """Each thread ends once the work queued before is done."""
        with self._lock:
            for _ in self._threads:
                self._queue.put(None)
            self._threads = []

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            loop, future, context, fn, args = item
            try:
                outcome = (context.run(fn, *args), None)
            except BaseException as exc:  # noqa: BLE001 - raised again in the awaiting task
                outcome = (None, exc)
            try:
                loop.call_soon_threadsafe(_settle, future, outcome)
            except RuntimeError:  # the loop closed: no one is waiting any more
                pass
            # nothing of the request is kept alive by an idle thread
            item = loop = future = context = fn = args = outcome = None
            self._idle.release()


def _settle(future: asyncio.Future, outcome: tuple) -> None:
    if future.cancelled():  # the awaiting task was cancelled (its client went away)
        return
    result, error = outcome
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
