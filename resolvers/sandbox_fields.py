"""The SQL sandbox in GraphQL: the mutations mirror the HTTP endpoints (gateway/web/sandbox_routes.py)
and, like them, call gateway.sandbox_service, which checks and audits every call."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers.workflow_types import Box
from resolvers.ids import number


@strawberry.enum
class SandboxReleaseStatus(enum.Enum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@strawberry.type
class SandboxColumn:
    name: str
    type: str


@strawberry.type
class SandboxTable:
    name: str = strawberry.field(description="The dataset code.")
    columns: list[SandboxColumn]


@strawberry.type
class SandboxMasking:
    dataset: str
    field: str
    operator: str = strawberry.field(
        description="The open-channel operator the field passed through; `withheld`: not loaded.")


@strawberry.type
class SandboxSession:
    id: strawberry.ID
    tables: list[SandboxTable]
    expires_at: dt.datetime
    masking: list[SandboxMasking]


@strawberry.type
class SandboxResult:
    columns: list[str]
    rows: JSON = strawberry.field(description="Rows as lists of values, in column order.")


@strawberry.type
class SandboxFailedCheck:
    check: str
    message: str


@strawberry.type
class SandboxReleaseReview:
    department: str
    status: SandboxReleaseStatus
    decided_by: Optional[str]
    decided_at: Optional[dt.datetime]
    note: Optional[str]


@strawberry.type
class SandboxRelease:
    id: strawberry.ID
    session_id: strawberry.ID
    requester: str
    datasets: list[str]
    sql: str
    justification: str
    failed_checks: list[SandboxFailedCheck]
    status: SandboxReleaseStatus
    row_count: int
    requested_at: dt.datetime
    decided_at: Optional[dt.datetime]
    reviews: list[SandboxReleaseReview]
    columns: Optional[list[str]] = strawberry.field(
        description="The result: for its requester once approved, for a reviewing steward always.")
    rows: Optional[JSON]


def _instant(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def sandbox_session(body: dict) -> SandboxSession:
    return SandboxSession(
        id=body["id"], expires_at=_instant(body["expiresAt"]),
        tables=[SandboxTable(name=t["name"], columns=[SandboxColumn(name=c["name"], type=c["type"])
                                                      for c in t["columns"]])
                for t in body["tables"]],
        masking=[SandboxMasking(dataset=d, field=f, operator=op)
                 for d, fields in body.get("masking", {}).items() for f, op in fields.items()])


def sandbox_release(body: dict) -> SandboxRelease:
    return SandboxRelease(
        id=body["id"], session_id=body["sessionId"], requester=body["requester"],
        datasets=body["datasets"], sql=body["sql"], justification=body["justification"],
        failed_checks=[SandboxFailedCheck(check=c["check"], message=c["message"])
                       for c in body["failedChecks"]],
        status=SandboxReleaseStatus(body["status"]), row_count=body["rowCount"],
        requested_at=_instant(body["requestedAt"]), decided_at=_instant(body["decidedAt"]),
        reviews=[SandboxReleaseReview(department=r["department"], status=SandboxReleaseStatus(r["status"]),
                                      decided_by=r["decidedBy"], decided_at=_instant(r["decidedAt"]),
                                      note=r["note"]) for r in body["reviews"]],
        columns=body.get("columns"), rows=body.get("rows"))


def _service(info: Info):
    return info.context.services.sandbox, info.context.caller


def sandbox_releases_field(info: Info, box: Optional[Box] = None,
                           status: Optional[SandboxReleaseStatus] = None) -> list[SandboxRelease]:
    service, caller = _service(info)
    return [sandbox_release(r) for r in service.releases(
        caller, box.value if box else None, status.value if status else None)]


def sandbox_release_field(info: Info, id: strawberry.ID) -> SandboxRelease:
    service, caller = _service(info)
    return sandbox_release(service.release(caller, number(id)))


def sandbox_session_field(info: Info, id: strawberry.ID) -> SandboxSession:
    service, caller = _service(info)
    return sandbox_session(service.describe(caller, id))


QUERY_FIELDS = {
    "sandboxReleases": strawberry.field(
        resolver=sandbox_releases_field, name="sandboxReleases",
        description="Sandbox results withheld by the output checks: INBOX, your department's "
                    "queue to review (stewards, rows included); OUTBOX, your own requests."),
    "sandboxRelease": strawberry.field(
        resolver=sandbox_release_field, name="sandboxRelease",
        description="One release; its rows once approved (or to the reviewing steward)."),
    "sandboxSession": strawberry.field(resolver=sandbox_session_field, name="sandboxSession",
                                       description="One of your open sandbox sessions."),
}


@strawberry.type
class SandboxMutation:
    @strawberry.mutation(description="Open a sandbox session on datasets you hold an approved "
                                     "SANDBOX application for (§36); tables are named by dataset code.")
    def open_sandbox_session(self, info: Info, datasets: list[str]) -> SandboxSession:
        service, caller = _service(info)
        return sandbox_session(service.open(caller, datasets))

    @strawberry.mutation(description="Run one SELECT in your session; the result leaves only if it "
                                     "passes the output checks (else OUTPUT_CHECK_FAILED).")
    def run_sandbox_query(self, info: Info, session_id: strawberry.ID, sql: str) -> SandboxResult:
        service, caller = _service(info)
        result = service.run_query(caller, session_id, sql)
        return SandboxResult(columns=result["columns"], rows=result["rows"])

    @strawberry.mutation(description="Ask the owner's steward to release a result the output "
                                     "checks refused.")
    def request_sandbox_release(self, info: Info, session_id: strawberry.ID, sql: str,
                                justification: str) -> SandboxRelease:
        service, caller = _service(info)
        return sandbox_release(service.request_release(caller, session_id, sql, justification))

    @strawberry.mutation(description="Close your session; its data is deleted.")
    def close_sandbox_session(self, info: Info, session_id: strawberry.ID) -> bool:
        service, caller = _service(info)
        service.close(caller, session_id)
        return True

    @strawberry.mutation(description="Approve or reject a withheld result (steward of the owning "
                                     "department; a rejection needs a note).")
    def decide_sandbox_release(self, info: Info, id: strawberry.ID, approve: bool,
                               note: Optional[str] = None) -> SandboxRelease:
        service, caller = _service(info)
        return sandbox_release(service.decide(caller, number(id), approve, note))
