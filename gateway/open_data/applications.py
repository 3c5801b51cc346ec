"""Conditional open use (§36(2)): an organisation applies for fields of a conditionally open
dataset, for a purpose and one channel, and signs the dataset's commitment text; the owner's
steward approves (never wider than asked) or rejects within 5 working days; the data
authority can suspend the use, which stops every channel of the applicant on the dataset at once.

Channels, once approved:
- ``DOWNLOAD``: the portal's ``/open/datasets/{code}.csv|json|parquet`` with the applicant's
  bearer token gives the approved fields, masked by the open-channel policy;
- ``API``: a grant for the applicant principal (modes ROWS and/or STATS, the approved fields,
  the application's purpose, origin ``OPEN_APPLICATION``); its answers are masked by the
  open-channel policy (``Permission.channel == "open"``);
- ``SANDBOX``: the approved application itself; the sandbox asks
  ``approved_sandbox_application``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import datetime as dt
import hashlib

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.clock import SHANGHAI
from gateway.errors import (ApplicationExpired, ApplicationRequired, ApplicationSuspended,
                            BadInput, Forbidden, NotFound, NotOpen, WideningNotAllowed)
from gateway.access.grants import OPEN_APPLICATION
from gateway.identifiers import credit_code_problem
from gateway.access.principals import Caller
from gateway.open_data.anonymity import check_on_release
from gateway.store.models import CatalogEntry, Grant, OpenApplication, Purpose
from gateway.store.text_limits import fitted
from gateway.workflows.common import (audit_action, due_in, end_of_day, future_date, get_or_404,
                                      notify, published_entry, require_role)

if TYPE_CHECKING:
    from gateway.services import Services

CHANNELS = ("DOWNLOAD", "API", "SANDBOX")
API_MODES = ("ROWS", "STATS")
GRANT_ORIGIN = OPEN_APPLICATION
ANSWER_WITHIN = 5  # working days
MAX_REPORT_EVERY_DAYS = 366


@dataclasses.dataclass
class ApplicationInput:
    dataset: str
    fields: list[str]
    purpose: str
    purpose_description: str
    channel: str
    commitment_accepted: bool
    commitment_sha256: str | None = None


def commitment_digest(text: str) -> str:
    """SHA-256 (hex) of the commitment text as signed, UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _applicant(caller: Caller) -> str:
    if caller.anonymous or caller.kind != "ORGANIZATION" or not caller.credit_code:
        raise Forbidden("conditional open data is applied for by an organisation's principal, "
                        "identified by its unified social credit code (§22, §36(2))")
    problem = credit_code_problem(caller.credit_code)
    if problem:
        raise Forbidden(f"your organisation's credit code on record is not valid ({problem}); "
                        "ask the security admin to correct it")
    return caller.credit_code


def apply(services: Services, caller: Caller, ask: ApplicationInput) -> OpenApplication:
    credit_code = _applicant(caller)
    now = services.clock.now()
    with services.store() as session, session.begin():
        entry = published_entry(session, ask.dataset, NotFound)
        if entry.open_type == "UNCONDITIONAL":
            raise BadInput(f"{ask.dataset} is unconditionally open: download it from the portal "
                           "(/open/datasets), no application is needed")
        if entry.open_type != "CONDITIONAL":
            raise NotOpen(f"{ask.dataset} is not open data (open type {entry.open_type}, §15)")
        _check_ask(entry, ask)
        text = entry.open_commitment or ""
        if not text.strip():
            raise BadInput(f"{ask.dataset} has no commitment text yet; its owner must add one "
                           "before applications are taken")
        digest = commitment_digest(text)
        if not ask.commitment_accepted:
            raise BadInput("read the dataset's commitment (openCommitment) and sign it with "
                           "commitmentAccepted: true")
        if ask.commitment_sha256 and ask.commitment_sha256.lower() != digest:
            raise BadInput(f"the commitment text of {ask.dataset} changed since you read it; "
                           "read it again (openCommitment) and sign the current text")
        pending = session.scalars(sa.select(OpenApplication.id).where(
            OpenApplication.applicant == caller.principal,
            OpenApplication.dataset_code == entry.code, OpenApplication.channel == ask.channel,
            OpenApplication.status == "PENDING")).first()
        if pending is not None:
            raise BadInput(f"application {pending} for {entry.code} by {ask.channel} is still pending")
        if session.get(Purpose, ask.purpose) is None:
            session.add(Purpose(code=ask.purpose, name=ask.purpose,
                                description=ask.purpose_description))
        application = OpenApplication(
            dataset_code=entry.code, owner_department=entry.owner_department,
            applicant=caller.principal, applicant_credit_code=credit_code,
            fields=sorted(set(ask.fields)), purpose=ask.purpose.strip(),
            purpose_description=ask.purpose_description, channel=ask.channel, status="PENDING",
            filed_at=now, due_on=due_in(services, ANSWER_WITHIN), commitment_text=text,
            commitment_hash=digest, signed_by=caller.principal, signed_at=now)
        session.add(application)
        session.flush()
        notify(session, now, department=entry.owner_department, kind="OPEN_APPLICATION_RECEIVED",
               message=f"{caller.principal} ({credit_code}) applies for {entry.code} by "
                       f"{ask.channel} ({', '.join(application.fields)}) for {application.purpose}; "
                       f"answer by {application.due_on.isoformat()}",
               subject_kind="OPEN_APPLICATION", subject_id=application.id)
    audit_action(services, caller, "APPLY_OPEN_DATA", dataset=application.dataset_code,
                 fields=application.fields, purpose=application.purpose,
                 detail=f"application {application.id} {application.channel}; commitment "
                        f"sha256 {digest}")
    return application


def _check_ask(entry: CatalogEntry, ask: ApplicationInput) -> None:
    if ask.channel not in CHANNELS:
        raise BadInput(f"channel is one of {', '.join(CHANNELS)}")
    offered = set(entry.provision_methods or [])
    if ask.channel not in offered:
        raise BadInput(f"{entry.code} is provided by {', '.join(sorted(offered)) or 'no method'}, "
                       f"not {ask.channel}")
    names = {f.name for f in entry.fields}
    unknown = sorted(set(ask.fields) - names)
    if not ask.fields or unknown:
        raise BadInput(f"fields must be some of {', '.join(sorted(names))}"
                       + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    if not ask.purpose.strip():
        raise BadInput("name the purpose (a purpose code, e.g. labour-market-research)")


def _pending_for_owner(session: Session, caller: Caller, application_id: int) -> OpenApplication:
    application = get_or_404(session, OpenApplication, application_id, "open application")
    if caller.department != application.owner_department or not caller.has_role("steward"):
        raise Forbidden(f"only a steward of {application.owner_department} answers application "
                        f"{application_id}")
    if application.status != "PENDING":
        raise BadInput(f"application {application_id} is already {application.status}")
    return application


def approve(services: Services, caller: Caller, application_id: int, expires_on: dt.date,
            report_every_days: int, fields: list[str] | None = None,
            modes: list[str] | None = None) -> OpenApplication:
    """Approve as asked or narrower (fewer fields; for API, ROWS and/or STATS), with an expiry
    and a usage-report schedule: a report is due every ``report_every_days`` from today."""
    now = services.clock.now()
    with services.store() as session, session.begin():
        application = _pending_for_owner(session, caller, application_id)
        if fields is not None and not set(fields) <= set(application.fields):
            raise WideningNotAllowed(
                f"approval may only narrow application {application_id}; not asked for: "
                f"{', '.join(sorted(set(fields) - set(application.fields)))}")
        if fields is not None and not fields:
            raise BadInput("approve at least one field, or reject the application")
        if modes is not None and (application.channel != "API" or not modes
                                  or not set(modes) <= set(API_MODES)):
            raise BadInput("modes are for the API channel: ROWS and/or STATS")
        future_date(services, expires_on, "expiresOn")
        if not 1 <= report_every_days <= MAX_REPORT_EVERY_DAYS:
            raise BadInput(f"reportEveryDays is between 1 and {MAX_REPORT_EVERY_DAYS}")
        approved = sorted(set(fields)) if fields is not None else list(application.fields)
        anonymity = _anonymity(services, session, application, approved, modes)
        today = services.clock.today()
        application.fields = approved
        application.status, application.decided_at, application.decided_by = "APPROVED", now, caller.principal
        application.expires_on, application.report_every_days = expires_on, report_every_days
        application.next_report_due = today + dt.timedelta(days=report_every_days)
        grant = None
        if application.channel == "API":
            grant = Grant(dataset_code=application.dataset_code, principal_name=application.applicant,
                          modes=sorted(set(modes or API_MODES)), fields=list(application.fields),
                          purpose=application.purpose, expires_at=end_of_day(expires_on),
                          created_at=now, created_by=caller.principal, origin=GRANT_ORIGIN,
                          request_id=application.id)
            session.add(grant)
            session.flush()
        notify(session, now, department=None, principal=application.applicant,
               kind="OPEN_APPLICATION_APPROVED",
               message=f"application {application.id} for {application.dataset_code} by "
                       f"{application.channel} was approved: {', '.join(application.fields)} until "
                       f"{expires_on.isoformat()}; usage reports every {report_every_days} days, "
                       f"the first by {application.next_report_due.isoformat()}"
                       + (f". {anonymity}" if anonymity else ""),
               subject_kind="OPEN_APPLICATION", subject_id=application.id)
    audit_action(services, caller, "APPROVE_OPEN_APPLICATION", dataset=application.dataset_code,
                 fields=application.fields, purpose=application.purpose,
                 grant_id=grant.id if grant else None,
                 detail=f"application {application.id}" + (f"; {anonymity}" if anonymity else ""))
    return application


def _anonymity(services: Services, session: Session, application: OpenApplication,
               fields: list[str], modes: list[str] | None) -> str:
    """The k-anonymity check of the rows an approval lets out (a DOWNLOAD, or API ROWS):
    K_ANONYMITY_NOT_MET at once, rather than at the applicant's first download; else what
    the release does to hold. The sandbox lets no row out (its output checks count groups)."""
    rows_leave = application.channel == "DOWNLOAD" or (
        application.channel == "API" and "ROWS" in (modes or API_MODES))
    dataset = services.catalog(session).get(application.dataset_code)
    if not rows_leave or dataset is None:
        return ""
    return check_on_release(services, dataset, fields)


def reject(services: Services, caller: Caller, application_id: int, reason: str) -> OpenApplication:
    now = services.clock.now()
    with services.store() as session, session.begin():
        application = _pending_for_owner(session, caller, application_id)
        if not reason.strip():
            raise BadInput("a rejection needs a reason the applicant can act on")
        application.status, application.decided_at = "REJECTED", now
        application.decided_by, application.reason = caller.principal, reason.strip()
        notify(session, now, department=None, principal=application.applicant,
               kind="OPEN_APPLICATION_REJECTED",
               message=f"application {application.id} for {application.dataset_code} was "
                       f"rejected: {application.reason}",
               subject_kind="OPEN_APPLICATION", subject_id=application.id)
    audit_action(services, caller, "REJECT_OPEN_APPLICATION", dataset=application.dataset_code,
                 purpose=application.purpose, detail=f"application {application.id}: {reason}")
    return application


def suspend(services: Services, caller: Caller, application_id: int, reason: str) -> OpenApplication:
    """The data authority stops the applicant's use of the dataset: this application and every
    other approved one of the same applicant for the same dataset, whatever the channel
    (downloads refused, API grants revoked, sandbox refused), at once."""
    require_role(caller, "data_authority")
    now = services.clock.now()
    with services.store() as session, session.begin():
        application = get_or_404(session, OpenApplication, application_id, "open application")
        if application.status != "APPROVED":
            raise BadInput(f"application {application_id} is {application.status}; only approved "
                           "ones are suspended")
        if not reason.strip():
            raise BadInput("say why the access is suspended; the applicant and owner are told")
        stopped = session.scalars(sa.select(OpenApplication).where(
            OpenApplication.applicant == application.applicant,
            OpenApplication.dataset_code == application.dataset_code,
            OpenApplication.status == "APPROVED").order_by(OpenApplication.id)).all()
        for each in stopped:
            each.status, each.reason = "SUSPENDED", reason.strip()
            each.suspended_by, each.suspended_at = caller.principal, now
            for grant in application_grants(session, each):
                if grant.revoked_at is None:
                    grant.revoked_at, grant.revoked_by = now, caller.principal
                    grant.revoke_reason = fitted(Grant, "revoke_reason",
                                                 f"application {each.id} suspended: {each.reason}")
        ids = ", ".join(str(a.id) for a in stopped)
        for department, principal in ((application.owner_department, None),
                                      (None, application.applicant)):
            notify(session, now, department=department, principal=principal,
                   kind="OPEN_APPLICATION_SUSPENDED",
                   message=f"use of {application.dataset_code} by {application.applicant} was "
                           f"suspended (applications {ids}): {application.reason}",
                   subject_kind="OPEN_APPLICATION", subject_id=application.id)
    audit_action(services, caller, "SUSPEND_OPEN_APPLICATION", dataset=application.dataset_code,
                 purpose=application.purpose, detail=f"applications {ids}: {reason}")
    return application


def application_grants(session: Session, application: OpenApplication) -> list[Grant]:
    """The grants an API application made (origin OPEN_APPLICATION, request_id = its id)."""
    return list(session.scalars(sa.select(Grant).where(
        Grant.origin == GRANT_ORIGIN, Grant.request_id == application.id)))


def list_applications(services: Services, caller: Caller, status: str | None = None) -> list[OpenApplication]:
    """An applicant sees its own; a steward those on its department's data; the data
    authority every one."""
    statement = sa.select(OpenApplication).order_by(OpenApplication.id)
    if caller.anonymous:
        raise Forbidden("sign in to see open-data applications")
    if not caller.has_role("data_authority"):
        mine = [OpenApplication.applicant == caller.principal]
        if caller.department and caller.has_role("steward"):
            mine.append(OpenApplication.owner_department == caller.department)
        statement = statement.where(sa.or_(*mine))
    if status:
        statement = statement.where(OpenApplication.status == status)
    with services.store() as session:
        return list(session.scalars(statement))


def visible_application(session: Session, caller: Caller, application_id: int) -> OpenApplication:
    application = get_or_404(session, OpenApplication, application_id, "open application")
    if not (caller.principal == application.applicant or caller.has_role("data_authority")
            or (caller.has_role("steward") and caller.department == application.owner_department)):
        raise Forbidden(f"application {application_id} is someone else's")
    return application


def application_grant_id(session: Session, application: OpenApplication) -> int | None:
    grants = application_grants(session, application)
    return grants[0].id if grants else None


def live_application(session: Session, principal: str, dataset: str, channel: str,
                     today: dt.date) -> OpenApplication:
    """The principal's approved, unexpired application for ``dataset`` by ``channel``, or the
    refusal saying why there is none (suspended, expired, never approved)."""
    found = list(session.scalars(sa.select(OpenApplication).where(
        OpenApplication.applicant == principal, OpenApplication.dataset_code == dataset,
        OpenApplication.channel == channel,
        OpenApplication.status.in_(["APPROVED", "SUSPENDED"])).order_by(OpenApplication.id.desc())))
    live = [a for a in found if a.status == "APPROVED" and a.expires_on and a.expires_on >= today]
    if live:
        return live[0]
    if found and found[0].status == "SUSPENDED":
        raise ApplicationSuspended(f"your application {found[0].id} for {dataset} was suspended "
                                   f"by the data authority: {found[0].reason}")
    if found:
        raise ApplicationExpired(f"your application {found[0].id} for {dataset} expired on "
                                 f"{found[0].expires_on.isoformat()}; apply again")
    raise ApplicationRequired(
        f"{dataset} is conditionally open (§36(2)): apply with applyForOpenData (channel "
        f"{channel}), signing its commitment, and download with your bearer token once approved")


def approved_sandbox_application(session: Session, principal: str, dataset: str,
                                 today: dt.date | None = None) -> OpenApplication | None:
    """The principal's approved, unexpired SANDBOX application for ``dataset``, or None.

    For the sandbox: its tables hold only ``application.fields`` of ``dataset``, masked by the
    open-channel policy (``gateway.catalog.field_policies``). Pass the gateway's ``clock.today()``;
    without it, today in Asia/Shanghai. A suspended application gives None at once.
    """
    today = today or dt.datetime.now(SHANGHAI).date()
    try:
        return live_application(session, principal, dataset, "SANDBOX", today)
    except (ApplicationRequired, ApplicationSuspended, ApplicationExpired):
        return None
