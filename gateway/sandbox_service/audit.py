"""One audit record per sandbox call, written when the call ends, whatever its outcome."""
from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from gateway.errors import REFUSALS
from gateway.access.principals import Caller

if TYPE_CHECKING:
    from gateway.sandbox_service.sessions import SandboxService, _Meta

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
        if exc is None:
            self.values.setdefault("outcome", "ALLOWED")
        elif isinstance(exc, REFUSALS):
            self.values.update(outcome="DENIED", error_code=exc.code)
        elif isinstance(exc, Exception):
            reference = uuid.uuid4().hex[:12]
            log.error("sandbox fault (reference %s)", reference, exc_info=exc)
            self.values.update(outcome="DENIED", error_code="INTERNAL",
                               detail=f"reference {reference}; " + self.values.get("detail", ""))
            exc.reference = reference
        else:
            return False
        self.values["detail"] = (self.values.get("detail") or "")[:500]
        self.service._audit(self.caller, self.action, **self.values)
        return False
