"""Typed errors. Each carries the `extensions.code` that reaches GraphQL or HTTP callers.

Messages are written for a person: say what was refused and what to do about it.
"""
from __future__ import annotations

import logging
import uuid

from masking.errors import MaskingError
from sandbox.errors import SandboxError


class DatagateError(Exception):
    """Base of every refusal the gateway gives on purpose."""

    code = "INTERNAL"
    http_status = 400

    def __init__(self, message: str, *, extensions: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extensions = dict(extensions or {})

    def as_extensions(self) -> dict:
        return {"code": self.code, **self.extensions}


def _error(name: str, code: str, status: int = 400) -> type[DatagateError]:
    return type(name, (DatagateError,), {"code": code, "http_status": status})


Unauthenticated = _error("Unauthenticated", "UNAUTHENTICATED", 401)
ForbiddenDataset = _error("ForbiddenDataset", "FORBIDDEN_DATASET", 403)
ForbiddenMode = _error("ForbiddenMode", "FORBIDDEN_MODE", 403)
ForbiddenField = _error("ForbiddenField", "FORBIDDEN_FIELD", 403)
Forbidden = _error("Forbidden", "FORBIDDEN", 403)
PurposeRequired = _error("PurposeRequired", "PURPOSE_REQUIRED")
PurposeMismatch = _error("PurposeMismatch", "PURPOSE_MISMATCH", 403)
GrantExpired = _error("GrantExpired", "GRANT_EXPIRED", 403)
GrantRevoked = _error("GrantRevoked", "GRANT_REVOKED", 403)
InvalidIdNumber = _error("InvalidIdNumber", "INVALID_ID_NUMBER")
InvalidCreditCode = _error("InvalidCreditCode", "INVALID_CREDIT_CODE")
BadInput = _error("BadInput", "BAD_INPUT")
RateLimited = _error("RateLimited", "RATE_LIMITED", 429)
DeadlineExceeded = _error("DeadlineExceeded", "DEADLINE_EXCEEDED", 504)
NotFound = _error("NotFound", "NOT_FOUND", 404)
# a live sandbox session held by another gateway host (421 Misdirected Request)
SessionElsewhere = _error("SessionElsewhere", "SESSION_ELSEWHERE", 421)
WideningNotAllowed = _error("WideningNotAllowed", "WIDENING_NOT_ALLOWED")
ConsentRequired = _error("ConsentRequired", "CONSENT_REQUIRED", 403)
RoleConflict = _error("RoleConflict", "ROLE_CONFLICT", 409)
SelfGrant = _error("SelfGrant", "SELF_GRANT", 403)  # an administrator acting on their own access
AlreadyInitialized = _error("AlreadyInitialized", "ALREADY_INITIALIZED", 409)
SourceUnavailable = _error("SourceUnavailable", "SOURCE_UNAVAILABLE", 503)
KeyNotUnique = _error("KeyNotUnique", "KEY_NOT_UNIQUE")  # a draft's key column repeats
PrivacyBudgetExhausted = _error("PrivacyBudgetExhausted", "PRIVACY_BUDGET_EXHAUSTED", 429)
# Open data (§35, §36)
NotOpen = _error("NotOpen", "NOT_OPEN", 403)
NotReleased = _error("NotReleased", "NOT_RELEASED", 404)
ApplicationRequired = _error("ApplicationRequired", "APPLICATION_REQUIRED", 403)
ApplicationSuspended = _error("ApplicationSuspended", "APPLICATION_SUSPENDED", 403)
ApplicationExpired = _error("ApplicationExpired", "APPLICATION_EXPIRED", 403)
ReleaseNotAnonymous = _error("ReleaseNotAnonymous", "K_ANONYMITY_NOT_MET", 403)  # row-level release under k
# A catalog spreadsheet with problems; its extensions carry them (gateway.workflows.catalog_import)
CatalogImportRejected = _error("CatalogImportRejected", "CATALOG_IMPORT_INVALID")


class Internal(DatagateError):
    """A fault of the gateway, as the caller and the audit trail see it: a reference to the
    log, never the fault itself."""

    code = "INTERNAL"
    http_status = 500


def fault_reference(exc: BaseException, log: logging.Logger, what: str) -> str:
    """The reference of a fault: new at its first report, which logs it with its trace, and the
    same at every later one (the one place references are made)."""
    reference = getattr(exc, "reference", None)
    if reference is None:
        reference = uuid.uuid4().hex[:12]
        log.error("%s (reference %s)", what, reference, exc_info=exc)
        try:
            exc.reference = reference
        except AttributeError:  # an exception that takes no attributes: logged each time
            pass
    return reference

# What the gateway answers as a refusal (code, HTTP status, message, extensions): its own
# errors and those of the libraries it calls, which have the same shape.
REFUSALS = (DatagateError, SandboxError, MaskingError)
Refusal = DatagateError | SandboxError | MaskingError
