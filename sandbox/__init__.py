"""The SQL sandbox: researchers' SELECT queries on locked-down DuckDB snapshots.

Public API:
- SandboxManager(root_dir, limits, clock): open / get / run / close / sweep sessions;
- Session.run(sql) -> Result(columns, rows); Session.request_release(sql, why) -> ReleaseRequest;
- SandboxLimits, TablePolicy; errors in sandbox.errors (all SandboxError, each with the
  `code` and `http_status` a caller is answered with).
"""
from sandbox.errors import (
    BadQuery,
    OutputCheckFailed,
    ResultTooLarge,
    SandboxError,
    SandboxForbidden,
    SandboxMemory,
    SandboxTimeout,
    SessionExpired,
    SessionNotFound,
    SessionUnreadable,
)
from sandbox.limits import SandboxLimits
from sandbox.release import ReleaseRequest
from sandbox.sessions import Result, SandboxManager, Session
from sandbox.tables import TablePolicy

__all__ = [
    "BadQuery", "OutputCheckFailed", "ReleaseRequest", "Result", "ResultTooLarge", "SandboxError",
    "SandboxForbidden", "SandboxLimits", "SandboxManager", "SandboxMemory", "SandboxTimeout",
    "Session", "SessionExpired", "SessionNotFound", "SessionUnreadable", "TablePolicy",
]
