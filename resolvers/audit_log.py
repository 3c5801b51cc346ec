"""`auditLog`: the audit trail, for the auditor role only (§42, §44). Reading it is audited too.

`subject` takes a key as a caller would send it (an ID number, a credit code) and finds the
records of lookups and compares of it through its keyed digest: the key itself is never
stored, and the auditor's search is recorded with the digest, not the key."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from gateway.access.compare_limits import DIGEST_SHOWN
from gateway.errors import BadInput, Forbidden
from gateway.store.models import AuditRecord
from resolvers.dataset_types import PageInfo
from gateway.modes.rows import decode_cursor, encode_cursor


@strawberry.type(description="One audited access or denial.")
class AuditRecordNode:
    id: int
    at: dt.datetime
    principal: Optional[str]
    department: Optional[str]
    dataset: Optional[str]
    mode: Optional[str]
    fields: list[str]
    purpose: Optional[str]
    grant_id: Optional[int]
    rows: int
    outcome: str
    error_code: Optional[str]
    action: str
    detail: str
    hash: str
    subject_digest: Optional[str] = strawberry.field(description=(
        "The keyed digest of the key a lookup or compare reached (never the key itself)."))


@strawberry.type
class AuditConnection:
    nodes: list[AuditRecordNode]
    page_info: PageInfo


def resolve_audit_log(info: Info, first: int = 100, after: Optional[str] = None,
                      principal: Optional[str] = None,
                      dataset: Optional[str] = None,
                      subject: Annotated[Optional[str], strawberry.argument(description=(
                          "Only records naming this key (e.g. an ID number): lookups and "
                          "compares of it, allowed or refused."))] = None) -> AuditConnection:
    ctx = info.context
    if not ctx.caller.has_role("auditor"):
        raise ctx.refuse(Forbidden("the audit trail is for the auditor role only (§42)"),
                         mode="AUDIT_READ")
    if not 1 <= first <= ctx.settings.max_page_size:
        raise BadInput(f"`first` must be between 1 and {ctx.settings.max_page_size}")
    statement = sa.select(AuditRecord).order_by(AuditRecord.id.desc())
    if after is not None:
        statement = statement.where(AuditRecord.id < int(decode_cursor(after)))
    if principal:
        statement = statement.where(AuditRecord.principal == principal)
    if dataset:
        statement = statement.where(AuditRecord.dataset == dataset)
    digest = ctx.subject(subject) if subject and subject.strip() else None
    if digest:
        statement = statement.where(AuditRecord.subject_digest == digest)
    with ctx.services.store() as session:
        found = session.scalars(statement.limit(first + 1)).all()
    page = found[:first]
    ctx.audit(outcome="ALLOWED", mode="AUDIT_READ", action="AUDIT_READ", rows=len(page),
              detail=f"principal={principal or '*'} dataset={dataset or '*'}"
                     + (f" subject={digest[:DIGEST_SHOWN]}…" if digest else ""),
              subject_digest=digest)
    nodes = [AuditRecordNode(id=r.id, at=r.at, principal=r.principal, department=r.department,
                             dataset=r.dataset, mode=r.mode, fields=list(r.fields or []),
                             purpose=r.purpose, grant_id=r.grant_id, rows=r.rows,
                             outcome=r.outcome, error_code=r.error_code, action=r.action,
                             detail=r.detail, hash=r.hash, subject_digest=r.subject_digest)
             for r in page]
    return AuditConnection(nodes=nodes, page_info=PageInfo(
        has_next_page=len(found) > first, end_cursor=encode_cursor(page[-1].id) if page else None))
