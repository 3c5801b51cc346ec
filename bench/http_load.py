"""A lean HTTP/1.1 load generator for the benchmarks (asyncio, keep-alive, no HTTP library).

httpx costs about 0.7 ms of CPU per request in the client; on a 2-core machine that shares
its cores with the gateway and the database, the client then measures itself more than the
gateway. This one sends prepared request bytes over persistent connections and reads each
answer by its Content-Length, about 30 µs of client CPU per request, and still checks every
answer (status 200, and the caller's own check of the JSON body).
"""
from __future__ import annotations

import asyncio
import socket
import time
from typing import Callable

import orjson


def post_request(host: str, port: int, path: str, body: dict, headers: dict[str, str]) -> bytes:
    payload = orjson.dumps(body)
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Content-Type: application/json",
             f"Content-Length: {len(payload)}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


class KeepAliveClient:
    """One persistent connection for requests that depend on each other (paging by cursor)."""

    def __init__(self, host: str, port: int, headers: dict[str, str]):
        self._host, self._port, self._headers = host, port, headers
        self._socket = socket.create_connection((host, port))
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._reader = self._socket.makefile("rb", buffering=1 << 16)

    def post(self, path: str, body: dict) -> tuple[int, bytes]:
        self._socket.sendall(post_request(self._host, self._port, path, body, self._headers))
        status = int(self._reader.readline()[9:12])
        length = 0
        while (line := self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, self._reader.read(length)

    def close(self) -> None:
        self._reader.close()
        self._socket.close()


def run(host: str, port: int, requests: list[bytes], concurrency: int,
        check: Callable[[bytes], bool]) -> tuple[list[float], float]:
    """Send every request once, `concurrency` at a time; (latencies in s, wall seconds)."""
    return asyncio.run(_run(host, port, requests, concurrency, check))


async def _run(host, port, requests, concurrency, check):
    pending = iter(requests)
    latencies: list[float] = []
    failures: list[str] = []

    async def worker():
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for request in pending:
                started = time.perf_counter()
                writer.write(request)
                status, body = await _read_response(reader)
                latencies.append(time.perf_counter() - started)
                if status != 200 or not check(body):
                    failures.append(f"{status}: {body[:300]!r}")
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - started
    if failures:
        raise AssertionError(f"{len(failures)} answers failed the check, e.g. {failures[0]}")
    return latencies, wall
