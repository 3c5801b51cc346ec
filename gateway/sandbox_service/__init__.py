"""The SQL sandbox as the gateway offers it (§36): who may open a session on what, running
queries, and the steward's release queue. HTTP (gateway/web/sandbox_routes.py) and GraphQL
(resolvers/sandbox_fields.py) both call this service; every call is audited.

- Opening needs an approved conditional-open application with channel SANDBOX for every
  named dataset (gateway.open_data.applications: APPROVED, not past its `expires_on`,
  not suspended); the session gets exactly the
  approved fields, masked by the open-channel policy (gateway.sandbox_service.snapshots). The
  applications are checked again before every query: suspending one closes the session.
- One `SandboxManager` per Gateway; sessions live in the process that opened them (their
  DuckDB files under DATAGATE_SANDBOX_DIR). The store keeps a record of each session, so any
  process sharing the store answers SESSION_EXPIRED for an expired one.
- A result refused by the output checks may be submitted for release with a justification;
  it waits, withheld, in the queue of the steward of every department owning a dataset of the
  session. All must approve; one rejection rejects it (and deletes the withheld rows).
- Audit actions: SANDBOX_OPEN, SANDBOX_QUERY (every query: allowed with its row count, or
  refused with its code, escape attempts included; detail = the first 500 characters of
  the SQL), SANDBOX_RELEASE_REQUEST, SANDBOX_RELEASE_DECISION, SANDBOX_RELEASE_FETCH,
  SANDBOX_CLOSE. Mode is SANDBOX.

Modules: ``sessions`` (SandboxService: opening, queries, closing, sweeping), ``access`` (the
application and request checks), ``releases`` (the release queue), ``audit`` (one record
per call), ``json_values`` (answers as JSON).
"""
from __future__ import annotations

import importlib

# Imported lazily (as the sandbox package's own names are), so that a worker loads DuckDB and
# Arrow when a session is first opened, not at start (tests/test_worker_footprint.py).
_EXPORTS = {
    "MAX_DATASETS": "access", "MAX_SQL_CHARS": "access", "MODE": "audit",
    "json_rows": "json_values", "json_value": "json_values", "shanghai": "json_values",
    "MAX_JUSTIFICATION_CHARS": "releases", "release_dict": "releases",
    "SWEEP_EVERY_SECONDS": "service", "SandboxService": "service", "limits_from": "service",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"gateway.sandbox_service.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'gateway.sandbox_service' has no attribute {name!r}")
