"""The limits a sandbox session runs under, passed in explicitly (never global)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class SandboxLimits:
    """Resource and release limits of sandbox sessions.

    timeout_seconds: wall-clock time one query may run before it is interrupted.
    memory_limit_mb: DuckDB's memory limit per session.
    max_temp_mb: temporary (spill) disk per session, inside the session folder.
    threads: DuckDB worker threads per session.
    max_rows: rows one result may have; more is RESULT_TOO_LARGE.
    max_result_bytes: bytes one result may have, as execution.check_size counts them;
        more is RESULT_TOO_LARGE.
    session_ttl: how long a session lives after it is opened.
    process_idle: how long a session's query process may wait for a query before it is
        ended (a new one starts at the next query).
    min_group_size: the fewest people an aggregated output row may describe,
        unless a table's policy sets its own threshold.
    """

    timeout_seconds: float = 10.0
    memory_limit_mb: int = 512
    max_temp_mb: int = 1024
    threads: int = 1
    max_rows: int = 10_000
    max_result_bytes: int = 16 * 1024 * 1024
    session_ttl: timedelta = timedelta(hours=2)
    min_group_size: int = 5
    process_idle: timedelta = timedelta(minutes=10)

    def __post_init__(self) -> None:
        positive = {
            "timeout_seconds": self.timeout_seconds,
            "memory_limit_mb": self.memory_limit_mb,
            "max_temp_mb": self.max_temp_mb,
            "threads": self.threads,
            "max_rows": self.max_rows,
            "max_result_bytes": self.max_result_bytes,
            "min_group_size": self.min_group_size,
        }
        for name, value in positive.items():
            if value <= 0:
                raise ValueError(f"SandboxLimits.{name} must be positive, got {value!r}")
        if self.session_ttl <= timedelta(0):
            raise ValueError("SandboxLimits.session_ttl must be positive")
        if self.process_idle <= timedelta(0):
            raise ValueError("SandboxLimits.process_idle must be positive")
