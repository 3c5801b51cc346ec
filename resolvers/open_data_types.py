"""GraphQL types of open data (§35, §36): releases, applications, usage reports."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

import strawberry

from resolvers.workflow_types import GrantRef


@strawberry.enum(description="How conditionally open data is used (§36(2)).")
class OpenChannel(enum.Enum):
    DOWNLOAD = "DOWNLOAD"
    API = "API"
    SANDBOX = "SANDBOX"


@strawberry.enum
class ApplicationStatus(enum.Enum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    SUSPENDED = "SUSPENDED"


@strawberry.enum
class ReleaseStatus(enum.Enum):
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


@strawberry.type(description="Releasing an unconditionally open dataset on the portal (§35).")
class OpenRelease:
    id: strawberry.ID
    dataset: str
    department: str
    status: ReleaseStatus
    submitted_by: str
    submitted_at: dt.datetime
    due_on: Optional[dt.date]
    reviewed_by: Optional[str]
    reviewed_at: Optional[dt.datetime]
    note: Optional[str]
    anonymity: Optional[str] = strawberry.field(description=(
        "What the k-anonymity check over the open fields' quasi-identifiers found when the "
        "release was submitted, and again when it was approved: k, the share of rows unique "
        "before and after, the generalisation steps taken, the rows suppressed. Null where no "
        "quasi-identifier is released."))


def open_release(r) -> OpenRelease:
    return OpenRelease(id=r.id, dataset=r.dataset_code, department=r.department_code,
                       status=ReleaseStatus(r.status), submitted_by=r.submitted_by,
                       submitted_at=r.submitted_at, due_on=r.due_on,
                       reviewed_by=r.reviewed_by, reviewed_at=r.reviewed_at, note=r.note,
                       anonymity=r.anonymity)


@strawberry.type(description="An application for conditionally open data with its signed commitment (§36(2)).")
class OpenApplication:
    id: strawberry.ID
    dataset: str
    owner_department: str
    applicant: str
    applicant_credit_code: Optional[str]
    fields: list[str]
    purpose: str
    purpose_description: str
    channel: OpenChannel
    status: ApplicationStatus
    filed_at: dt.datetime
    due_on: dt.date
    commitment_text: str = strawberry.field(description="The commitment text as signed.")
    commitment_sha256: str
    signed_by: str
    signed_at: dt.datetime
    expires_on: Optional[dt.date]
    report_every_days: Optional[int]
    next_report_due: Optional[dt.date]
    decided_by: Optional[str]
    decided_at: Optional[dt.datetime]
    reason: Optional[str] = strawberry.field(description="Why it was rejected or suspended.")
    suspended_at: Optional[dt.datetime]
    grant: Optional[GrantRef] = strawberry.field(description="The API channel's grant.")


def open_application(a, grant_id: int | None = None) -> OpenApplication:
    return OpenApplication(
        id=a.id, dataset=a.dataset_code, owner_department=a.owner_department,
        applicant=a.applicant, applicant_credit_code=a.applicant_credit_code,
        fields=list(a.fields), purpose=a.purpose, purpose_description=a.purpose_description,
        channel=OpenChannel(a.channel), status=ApplicationStatus(a.status),
        filed_at=a.filed_at, due_on=a.due_on, commitment_text=a.commitment_text,
        commitment_sha256=a.commitment_hash, signed_by=a.signed_by,
        signed_at=a.signed_at, expires_on=a.expires_on,
        report_every_days=a.report_every_days, next_report_due=a.next_report_due,
        decided_by=a.decided_by, decided_at=a.decided_at, reason=a.reason,
        suspended_at=a.suspended_at,
        grant=GrantRef(id=grant_id) if grant_id else None)


@strawberry.type(description="A periodic report of how conditionally open data was used (§36).")
class UsageReport:
    id: strawberry.ID
    application_id: strawberry.ID
    submitted_by: str
    submitted_at: dt.datetime
    body: str


def usage_report(r) -> UsageReport:
    return UsageReport(id=r.id, application_id=r.application_id, submitted_by=r.submitted_by,
                       submitted_at=r.submitted_at, body=r.body)


@strawberry.type(description="The text an applicant for conditionally open data signs.")
class OpenCommitment:
    dataset: str
    text: str
    sha256: str


@strawberry.input(description="An application for conditionally open data (§36(2)).")
class ApplyForOpenDataInput:
    dataset: str
    fields: list[str]
    purpose: str
    channel: OpenChannel
    commitment_accepted: bool = strawberry.field(
        description="true: you sign the dataset's commitment text (openCommitment)")
    purpose_description: str = ""
    commitment_sha256: Optional[str] = strawberry.field(
        default=None, description="SHA-256 of the text you read; refused if it changed since")


__all__ = ["ApplicationStatus", "ApplyForOpenDataInput", "OpenApplication",
           "OpenChannel", "OpenCommitment", "OpenRelease", "ReleaseStatus", "UsageReport",
           "open_application", "open_release", "usage_report"]
