"""The request threads (gateway.web.worker_threads): every request's blocking work goes
through them, so their contract is pinned here beside the HTTP tests that use them."""
from __future__ import annotations

import asyncio
import contextvars
import threading
import time

import pytest

from gateway.web.worker_threads import WorkerThreads

note = contextvars.ContextVar("note", default="unset")


def test_at_most_limit_threads_run_and_every_result_comes_back():
    workers = WorkerThreads(2, "test")
    running, most = set(), [0]
    lock = threading.Lock()

    def work(n):
        with lock:
            running.add(threading.current_thread().name)
            most[0] = max(most[0], len(running))
        time.sleep(0.02)
        with lock:
            running.discard(threading.current_thread().name)
        return n * n

    async def main():
        return await asyncio.gather(*(workers.run(work, n) for n in range(8)))

    try:
        assert asyncio.run(main()) == [n * n for n in range(8)]
    finally:
        workers.close()
    assert most[0] == 2


def test_errors_are_raised_in_the_awaiting_task_and_the_context_is_the_callers():
    workers = WorkerThreads(4, "test")

    def fails():
        raise LookupError(note.get())

    async def main():
        note.set("request 7")
        seen = await workers.run(note.get)
        with pytest.raises(LookupError, match="request 7"):
            await workers.run(fails)
        return seen

    try:
        assert asyncio.run(main()) == "request 7"
    finally:
        workers.close()


def test_work_whose_task_was_cancelled_still_runs_and_settles_nothing():
    workers = WorkerThreads(1, "test")
    done = threading.Event()

    def slow():
        time.sleep(0.05)
        done.set()
        return "late"

    async def main():
        task = asyncio.ensure_future(workers.run(slow))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.1)  # the thread's settle of a cancelled future raises nothing
        return await workers.run(lambda: "next")

    try:
        assert asyncio.run(main()) == "next"
    finally:
        workers.close()
    assert done.is_set()
