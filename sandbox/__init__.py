"""The SQL sandbox: researchers' SELECT queries on locked-down DuckDB snapshots.

Public API:
- SandboxManager(root_dir, limits, clock): open / get / run / close / sweep sessions;
- Session.run(sql) -> Result(columns, rows); Session.request_release(sql, why) -> ReleaseRequest;
- SandboxLimits, TablePolicy; errors in sandbox.errors.
"""
from sandbox.errors import (
    OutputCheckFailed,
    ResultTooLarge,
    SandboxForbidden,
    SandboxMemory,
    SandboxTimeout,
    SessionExpired,
    SessionUnreadable,
)
from sandbox.limits import SandboxLimits
from sandbox.release import ReleaseRequest
from sandbox.sessions import Result, SandboxManager, Session
from sandbox.tables import TablePolicy

__all__ = [
    "OutputCheckFailed", "ReleaseRequest", "Result", "ResultTooLarge", "SandboxForbidden",
    "SandboxLimits", "SandboxManager", "SandboxMemory", "SandboxTimeout", "Session",
    "SessionExpired", "SessionUnreadable", "TablePolicy",
]
