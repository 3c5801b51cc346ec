"""The SQL sandbox: researchers' SELECT queries on locked-down DuckDB snapshots.

Public API:
- SandboxManager(root_dir, limits, clock): open / get / run / close / sweep sessions;
- Session.run(sql) -> Result(columns, rows); Session.request_release(sql, why) -> ReleaseRequest;
- SandboxLimits, TablePolicy; errors in sandbox.errors (all SandboxError, each with the
  `code` and `http_status` a caller is answered with).

The names below are imported lazily, so that importing the errors (as the gateway's own
errors module does) does not load DuckDB and Arrow.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "BadQuery": "sandbox.errors",
    "OutputCheckFailed": "sandbox.errors",
    "ResultTooLarge": "sandbox.errors",
    "SandboxError": "sandbox.errors",
    "SandboxForbidden": "sandbox.errors",
    "SandboxMemory": "sandbox.errors",
    "SandboxTimeout": "sandbox.errors",
    "SessionExpired": "sandbox.errors",
    "SessionNotFound": "sandbox.errors",
    "SessionUnreadable": "sandbox.errors",
    "SandboxLimits": "sandbox.limits",
    "ReleaseRequest": "sandbox.release",
    "Result": "sandbox.sessions",
    "SandboxManager": "sandbox.sessions",
    "Session": "sandbox.sessions",
    "TablePolicy": "sandbox.tables",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sandbox' has no attribute {name!r}")
