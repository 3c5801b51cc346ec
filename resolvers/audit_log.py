"""`auditLog`: the audit trail, for the auditor role only (§42, §44); the use case is
gateway.access.audit_trail, which the web console's trail page runs too."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import strawberry
from strawberry.types import Info

from gateway.access.audit_trail import TrailFilter, read_trail, verify_trail
from resolvers.dataset_types import PageInfo
from gateway.modes.rows import encode_cursor


@strawberry.type(description="One audited access or denial.")
class AuditRecordNode:
    id: strawberry.ID
    at: dt.datetime
    principal: Optional[str]
    department: Optional[str]
    dataset: Optional[str]
    mode: Optional[str]
    fields: list[str]
    purpose: Optional[str]
    grant_id: Optional[strawberry.ID]
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
                          "compares of it, allowed or refused."))] = None,
                      since: Annotated[Optional[dt.datetime], strawberry.argument(description=(
                          "Only records at or after this instant."))] = None,
                      until: Annotated[Optional[dt.datetime], strawberry.argument(description=(
                          "Only records before this instant."))] = None) -> AuditConnection:
    found = read_trail(info.context, first, after,
                       TrailFilter(principal=principal, dataset=dataset, subject=subject,
                                   since=since, until=until))
    page = found.records
    nodes = [AuditRecordNode(id=r.id, at=r.at, principal=r.principal, department=r.department,
                             dataset=r.dataset, mode=r.mode, fields=list(r.fields or []),
                             purpose=r.purpose, grant_id=r.grant_id, rows=r.rows,
                             outcome=r.outcome, error_code=r.error_code, action=r.action,
                             detail=r.detail, hash=r.hash, subject_digest=r.subject_digest)
             for r in page]
    return AuditConnection(nodes=nodes, page_info=PageInfo(
        has_next_page=found.has_next_page, end_cursor=encode_cursor(page[-1].id) if page else None))


@strawberry.type(description="The audit trail's hash chain, walked whole.")
class AuditChain:
    intact: bool
    checked: int = strawberry.field(description="Records whose hashes hold, from the first on.")
    head: Optional[str] = strawberry.field(description=(
        "RECORD_ID:SHA256 of the last record when intact: keep it off the store and pass it to "
        "`datagate audit verify --anchor` later (docs/operations.md)."))
    first_broken: Optional[strawberry.ID]
    reason: Optional[str]


def resolve_audit_chain(info: Info) -> AuditChain:
    report = verify_trail(info.context)
    return AuditChain(intact=report.ok, checked=report.checked,
                      head=f"{report.head_id}:{report.head_hash}" if report.ok and report.head_id else None,
                      first_broken=report.first_broken, reason=report.reason)
