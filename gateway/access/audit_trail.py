"""The audit trail as the auditor reads it (§42, §44): GraphQL's `auditLog` and the web
console's trail page and CSV export. Reading it is audited too.

`subject` takes a key as a caller would send it (an ID number, a credit code) and finds the
records of lookups and compares of it through its keyed digest: the key itself is never
stored, and the auditor's search is recorded with the digest, not the key."""
from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa

from gateway.access.compare_limits import DIGEST_SHOWN
from gateway.access.request import AccessContext
from gateway.errors import BadInput, Forbidden
from gateway.modes.rows import decode_cursor
from gateway.store.models import AuditRecord

OUTCOMES = ("ALLOWED", "DENIED")


@dataclasses.dataclass(frozen=True)
class TrailFilter:
    principal: str | None = None
    dataset: str | None = None
    subject: str | None = None  # a key as sent; searched by its keyed digest
    outcome: str | None = None  # ALLOWED | DENIED
    action: str | None = None
    since: dt.datetime | None = None  # records at or after this instant
    until: dt.datetime | None = None  # records before this instant


@dataclasses.dataclass(frozen=True)
class TrailPage:
    records: list[AuditRecord]
    has_next_page: bool


def read_trail(ctx: AccessContext, first: int, after: str | None,
               where: TrailFilter) -> TrailPage:
    """The records matching `where`, newest first, `first` of them after the cursor `after`
    (gateway.modes.rows.encode_cursor of a record's id); FORBIDDEN (audited) unless the
    caller is an auditor."""
    if not ctx.caller.has_role("auditor"):
        raise ctx.refuse(Forbidden("the audit trail is for the auditor role only (§42)"),
                         mode="AUDIT_READ")
    if not 1 <= first <= ctx.settings.max_page_size:
        raise BadInput(f"`first` must be between 1 and {ctx.settings.max_page_size}")
    if where.outcome and where.outcome not in OUTCOMES:
        raise BadInput(f"outcome is one of {', '.join(OUTCOMES)}, not {where.outcome!r}")
    statement = sa.select(AuditRecord).order_by(AuditRecord.id.desc())
    if after is not None:
        statement = statement.where(AuditRecord.id < int(decode_cursor(after)))
    for column, value in ((AuditRecord.principal, where.principal),
                          (AuditRecord.dataset, where.dataset),
                          (AuditRecord.outcome, where.outcome),
                          (AuditRecord.action, where.action)):
        if value:
            statement = statement.where(column == value)
    if where.since is not None:
        statement = statement.where(AuditRecord.at >= where.since)
    if where.until is not None:
        statement = statement.where(AuditRecord.at < where.until)
    digest = ctx.subject(where.subject) if where.subject and where.subject.strip() else None
    if digest:
        statement = statement.where(AuditRecord.subject_digest == digest)
    with ctx.services.store() as session:
        found = session.scalars(statement.limit(first + 1)).all()
    page = found[:first]
    shown = f"principal={where.principal or '*'} dataset={where.dataset or '*'}"
    if where.outcome or where.action:
        shown += f" outcome={where.outcome or '*'} action={where.action or '*'}"
    if where.since or where.until:
        shown += (f" from={where.since.isoformat() if where.since else '*'}"
                  f" until={where.until.isoformat() if where.until else '*'}")
    ctx.audit(outcome="ALLOWED", mode="AUDIT_READ", action="AUDIT_READ", rows=len(page),
              detail=shown + (f" subject={digest[:DIGEST_SHOWN]}…" if digest else ""),
              subject_digest=digest)
    return TrailPage(records=page, has_next_page=len(found) > first)


def verify_trail(ctx: AccessContext):
    """The hash chain walked whole (gateway.audit.verify_chain), for an auditor: intact with
    its head (the anchor to keep off the store), or the first broken record. FORBIDDEN
    (audited) for anyone else; the check itself is audited."""
    from gateway.audit import verify_chain

    if not ctx.caller.has_role("auditor"):
        raise ctx.refuse(Forbidden("verifying the audit trail is for the auditor role only"),
                         mode="AUDIT_VERIFY")
    with ctx.services.store() as session:
        report = verify_chain(session)
    ctx.audit(outcome="ALLOWED", mode="AUDIT_VERIFY", action="AUDIT_VERIFY", rows=report.checked,
              detail=(f"intact; head {report.head_id}:{report.head_hash}" if report.ok else
                      f"broken at record {report.first_broken}: {report.reason}"))
    return report
