"""GraphQL types of the workflows (api.md "Workflows") and their conversion from the store."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

import strawberry
from strawberry.scalars import JSON

from resolvers.catalog_types import Mode


@strawberry.enum
class RequestStatus(enum.Enum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@strawberry.enum
class Box(enum.Enum):
    INBOX = "INBOX"
    OUTBOX = "OUTBOX"


@strawberry.enum
class DisputeOutcome(enum.Enum):
    CONFIRMED = "CONFIRMED"
    CORRECTED = "CORRECTED"


@strawberry.enum
class OverdueKind(enum.Enum):
    SHARE_REQUEST = "SHARE_REQUEST"
    DISPUTE = "DISPUTE"
    CATALOG_UPDATE = "CATALOG_UPDATE"
    USAGE_REPORT = "USAGE_REPORT"


@strawberry.enum
class OverdueStatus(enum.Enum):
    OVERDUE = "OVERDUE"
    DUE_SOON = "DUE_SOON"


@strawberry.type
class GrantRef:
    id: strawberry.ID


@strawberry.type(description="Permission for a department to use modes on fields of a dataset.")
class GrantInfo:
    id: strawberry.ID
    dataset: str
    department: Optional[str]
    principal: Optional[str]
    modes: list[Mode]
    fields: list[str]
    purpose: str
    expires_at: dt.datetime
    origin: str
    scenario_id: Optional[strawberry.ID]
    revoked_at: Optional[dt.datetime]
    revoke_reason: Optional[str]
    key_mismatch_limit: Optional[int] = strawberry.field(description=(
        "Non-matching compares of one key the grantee may make a day before that key is "
        "refused: the grant's own, else DATAGATE_COMPARE_KEY_MISMATCH_LIMIT; null without "
        "COMPARE."))


def grant_info(g, default_mismatch_limit: int) -> GrantInfo:
    mismatches = (g.key_mismatch_limit or default_mismatch_limit) if "COMPARE" in g.modes else None
    return GrantInfo(id=g.id, dataset=g.dataset_code, department=g.department_code,
                     principal=g.principal_name, modes=[Mode(m) for m in g.modes],
                     fields=list(g.fields), purpose=g.purpose, expires_at=g.expires_at,
                     origin=g.origin, scenario_id=g.scenario_id, revoked_at=g.revoked_at,
                     revoke_reason=g.revoke_reason, key_mismatch_limit=mismatches)


@strawberry.type(description="A department's request for another's data (§26, §29).")
class ShareRequest:
    id: strawberry.ID
    status: RequestStatus
    dataset: str
    modes: list[Mode]
    fields: list[str]
    purpose: str
    purpose_description: str
    users: str
    expires_on: dt.date
    requester_department: str
    owner_department: str
    requested_by: str
    filed_at: dt.datetime
    due_on: dt.date
    decided_at: Optional[dt.datetime]
    decided_by: Optional[str]
    reason: Optional[str]
    legal_basis: Optional[str]
    scenario_id: Optional[strawberry.ID]
    grant: Optional[GrantRef]


def share_request(r) -> ShareRequest:
    return ShareRequest(
        id=r.id, status=RequestStatus(r.status), dataset=r.dataset_code,
        modes=[Mode(m) for m in r.modes], fields=list(r.fields), purpose=r.purpose,
        purpose_description=r.purpose_description, users=r.users, expires_on=r.expires_on,
        requester_department=r.requester_department, owner_department=r.owner_department,
        requested_by=r.requested_by, filed_at=r.filed_at, due_on=r.due_on,
        decided_at=r.decided_at, decided_by=r.decided_by, reason=r.reason,
        legal_basis=r.legal_basis, scenario_id=r.scenario_id,
        grant=GrantRef(id=r.grant_id) if r.grant_id else None)


@strawberry.type
class ScenarioItem:
    dataset: str
    modes: list[Mode]
    fields: list[str]


@strawberry.type(description="An application scenario (§28).")
class Scenario:
    id: strawberry.ID
    name: str
    purpose: str
    items: list[ScenarioItem]
    departments: list[str]
    valid_until: dt.date
    ended_at: Optional[dt.datetime]


def scenario(s) -> Scenario:
    return Scenario(id=s.id, name=s.name, purpose=s.purpose, departments=list(s.departments),
                    items=[ScenarioItem(dataset=i["dataset"], modes=[Mode(m) for m in i["modes"]],
                                        fields=list(i["fields"])) for i in s.items],
                    valid_until=s.valid_until, ended_at=s.ended_at)


@strawberry.type(description="A reported wrong record (§30).")
class Dispute:
    id: strawberry.ID
    dataset: str
    key: str
    field: str
    description: str
    status: str
    raised_by: str
    raiser_department: Optional[str]
    owner_department: str
    raised_at: dt.datetime
    due_on: dt.date
    outcome_note: Optional[str]
    resolved_at: Optional[dt.datetime]


def dispute(d) -> Dispute:
    return Dispute(id=d.id, dataset=d.dataset_code, key=d.record_key, field=d.field,
                   description=d.description, status=d.status, raised_by=d.raised_by,
                   raiser_department=d.raiser_department, owner_department=d.owner_department,
                   raised_at=d.raised_at, due_on=d.due_on, outcome_note=d.outcome_note,
                   resolved_at=d.resolved_at)


@strawberry.type(description="A citizen's consent to release consent-required fields (§31).")
class Consent:
    id: strawberry.ID
    department: str
    scenario_id: strawberry.ID
    dataset: str
    fields: list[str]
    valid_until: dt.date
    given_at: dt.datetime
    withdrawn_at: Optional[dt.datetime]


def consent(c) -> Consent:
    return Consent(id=c.id, department=c.department_code, scenario_id=c.scenario_id,
                   dataset=c.dataset_code, fields=list(c.fields), valid_until=c.valid_until,
                   given_at=c.given_at, withdrawn_at=c.withdrawn_at)


@strawberry.type
class Notification:
    id: strawberry.ID
    kind: str
    message: str
    subject_kind: Optional[str]
    subject_id: Optional[strawberry.ID]
    created_at: dt.datetime
    read: bool


def notification(n) -> Notification:
    return Notification(id=n.id, kind=n.kind, message=n.message, subject_kind=n.subject_kind,
                        subject_id=n.subject_id, created_at=n.created_at,
                        read=n.read_at is not None)


@strawberry.type(description="A public announcement (§39).")
class Notice:
    id: strawberry.ID
    kind: str
    dataset: Optional[str]
    title: str
    body: str
    published_at: dt.datetime


def notice(n) -> Notice:
    return Notice(id=n.id, kind=n.kind, dataset=n.dataset_code, title=n.title, body=n.body,
                  published_at=n.published_at)


@strawberry.type(description="A published version of a catalog entry.")
class CatalogVersion:
    version: int
    published_at: dt.datetime
    published_by: Optional[str]
    note: str
    entry: JSON


def catalog_version(v) -> CatalogVersion:
    return CatalogVersion(version=v.version, published_at=v.published_at,
                          published_by=v.published_by, note=v.note, entry=v.snapshot)


@strawberry.type(description="A proposed state of a catalog entry, under review.")
class CatalogDraft:
    id: strawberry.ID
    code: str
    department: str
    status: str
    saved_by: str
    submitted_at: Optional[dt.datetime]
    review_note: Optional[str]
    entry: JSON


def catalog_draft(d) -> CatalogDraft:
    return CatalogDraft(id=d.id, code=d.entry_code, department=d.department_code, status=d.status,
                        saved_by=d.saved_by, submitted_at=d.submitted_at,
                        review_note=d.review_note, entry=d.spec)


@strawberry.type
class CatalogDuty:
    id: strawberry.ID
    code: str
    reason: str
    due_on: dt.date


@strawberry.type(description="Work past (or within a working day of) its deadline (§44).")
class OverdueItem:
    kind: OverdueKind
    id: strawberry.ID
    due_on: dt.date
    owner: str
    status: OverdueStatus
    subject: str


def overdue_item(i) -> OverdueItem:
    return OverdueItem(kind=OverdueKind(i.kind), id=i.id, due_on=i.due_on, owner=i.owner,
                       status=OverdueStatus(i.status), subject=i.subject)


@strawberry.type
class PrincipalRoles:
    principal: str
    roles: list[str]
