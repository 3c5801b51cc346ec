"""One audit record per sandbox call, written when the call ends, whatever its outcome."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from gateway.audit import audit_refusal, record_for
from gateway.errors import REFUSALS, Internal, fault_reference
from gateway.access.principals import Caller

if TYPE_CHECKING:
    from gateway.sandbox_service.service import SandboxService, _Meta

log = logging.getLogger("datagate.sandbox")

MODE = "SANDBOX"


class _AuditScope:
    """Writes one audit record when the block ends: ALLOWED as the block says, or DENIED with
    the refusal's code (INTERNAL with a reference for a fault, which is logged)."""

    def __init__(self, service: SandboxService, caller: Caller, action: str, meta: _Meta | None,
                 dataset: str | None, detail: str):
        self.service, self.caller, self.action = service, caller, action
        self.values: dict = {"dataset": meta.audit_dataset if meta else dataset,
                             "purpose": meta.purpose if meta else None, "detail": detail}

    def __enter__(self) -> dict:
        return self.values

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is not None and not isinstance(exc, Exception):
            return False
        if isinstance(exc, Exception) and not isinstance(exc, REFUSALS):
            reference = fault_reference(exc, log, "sandbox fault")
            self.values["detail"] = f"reference {reference}; " + (self.values.get("detail") or "")
            exc = Internal(f"reference {reference}")
        where = dict(self.values, mode=MODE, action=self.action)
        where["detail"] = (where.get("detail") or "")[:500]
        outcome = where.pop("outcome", "ALLOWED")
        if exc is None:
            self.service.services.audit.append(record_for(self.caller, outcome, **where))
        else:
            audit_refusal(self.service.services.audit.append, self.caller, exc, **where)
        return False
