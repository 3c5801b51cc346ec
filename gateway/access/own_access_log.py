"""Who looked me up (§31's spirit): a citizen's view of the lookups and compares of their own
record, found by the keyed digest of their ID number (gateway.audit.subject_digest).

The ID number is the one on the citizen's principal, never one they send, so a citizen sees
their own record's accesses only. Refused and allowed accesses are both shown: an attempt
is something a person has a right to know about too.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa

from gateway.access.request import AccessContext
from gateway.errors import BadInput, Forbidden
from gateway.store.models import AuditRecord, Department

SHOWN_MODES = ("LOOKUP", "COMPARE")


@dataclasses.dataclass(frozen=True)
class Access:
    id: int
    at: dt.datetime
    principal: str | None
    department: str | None
    department_name: str | None
    dataset: str | None
    mode: str | None
    fields: list[str]
    purpose: str | None
    outcome: str
    error_code: str | None


@dataclasses.dataclass(frozen=True)
class AccessPage:
    accesses: list[Access]
    has_next_page: bool


def own_accesses(ctx: AccessContext, first: int, after_id: int | None) -> AccessPage:
    """The accesses to the calling citizen's record, newest first, `first` of them after the
    record `after_id`; FORBIDDEN (audited) for anyone who is not a citizen with an ID number."""
    caller = ctx.caller
    if caller.kind != "CITIZEN" or not caller.id_number:
        raise ctx.refuse(Forbidden(
            "myAccessLog shows a citizen who accessed their own record; it is for citizens' "
            "principals that carry an ID number (auditors read auditLog)"), mode="ACCESS_LOG_READ")
    if not 1 <= first <= ctx.settings.max_page_size:
        raise BadInput(f"`first` must be between 1 and {ctx.settings.max_page_size}")
    digest = ctx.subject(caller.id_number)
    statement = (
        sa.select(AuditRecord, Department.name)
        .outerjoin(Department, Department.code == AuditRecord.department)
        .where(AuditRecord.subject_digest == digest, AuditRecord.mode.in_(SHOWN_MODES))
        .order_by(AuditRecord.id.desc()).limit(first + 1))
    if after_id is not None:
        statement = statement.where(AuditRecord.id < after_id)
    with ctx.services.store() as session:
        found = session.execute(statement).all()
    accesses = [Access(id=r.id, at=r.at, principal=r.principal, department=r.department,
                       department_name=name, dataset=r.dataset, mode=r.mode,
                       fields=list(r.fields or []), purpose=r.purpose, outcome=r.outcome,
                       error_code=r.error_code)
                for r, name in found[:first]]
    ctx.audit(outcome="ALLOWED", mode="ACCESS_LOG_READ", action="ACCESS_LOG_READ",
              rows=len(accesses), subject_digest=digest)
    return AccessPage(accesses=accesses, has_next_page=len(found) > first)
