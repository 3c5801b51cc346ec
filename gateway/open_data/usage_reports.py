"""Usage reports of conditional open data (§36): due every ``report_every_days`` from approval.

An approved application owes the report of the period ending on ``next_report_due``. Filing
one settles that period (the next falls ``report_every_days`` later); a report for a period
that has not started yet is refused, so reports cannot be filed ahead. A missing report joins
the ``overdue`` list as ``USAGE_REPORT``, owed by the applicant, until it is filed; nothing is
owed for periods starting after the application expired, or while it is suspended.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.errors import BadInput, Forbidden
from gateway.access.principals import Caller
from gateway.store.models import OpenApplication, UsageReport
from gateway.store.text_limits import text_lengths
from gateway.workflows.common import audit_action, get_or_404, notify
from gateway.open_data.applications import visible_application

if TYPE_CHECKING:
    from gateway.services import Services

MAX_REPORT_CHARS = text_lengths(UsageReport)["body"]


def submit(services: Services, caller: Caller, application_id: int, body: str) -> UsageReport:
    now, today = services.clock.now(), services.clock.today()
    with services.store() as session, session.begin():
        application = get_or_404(session, OpenApplication, application_id, "open application")
        if application.applicant != caller.principal:
            raise Forbidden(f"usage reports of application {application_id} are filed by its "
                            f"applicant, {application.applicant}")
        if application.status != "APPROVED":
            raise BadInput(f"application {application_id} is {application.status}; reports are "
                           "filed for approved applications")
        if not body.strip() or len(body) > MAX_REPORT_CHARS:
            raise BadInput(f"say how the data was used (1 to {MAX_REPORT_CHARS} characters)")
        every = dt.timedelta(days=application.report_every_days)
        due = application.next_report_due
        if due - every > today:
            raise BadInput(f"the report for the period ending {due.isoformat()} can be filed from "
                           f"{(due - every).isoformat()}; nothing is owed before")
        report = UsageReport(application_id=application.id, submitted_by=caller.principal,
                             submitted_at=now, body=body.strip())
        session.add(report)
        application.next_report_due = due + every
        session.flush()
        notify(session, now, department=application.owner_department, kind="USAGE_REPORT_FILED",
               message=f"{application.applicant} reported the use of {application.dataset_code} "
                       f"(application {application.id}) for the period ending {due.isoformat()}",
               subject_kind="OPEN_APPLICATION", subject_id=application.id)
    audit_action(services, caller, "SUBMIT_USAGE_REPORT", dataset=application.dataset_code,
                 purpose=application.purpose,
                 detail=f"application {application.id}, report {report.id}, period ending {due.isoformat()}")
    return report


def list_reports(services: Services, caller: Caller, application_id: int) -> list[UsageReport]:
    with services.store() as session:
        visible_application(session, caller, application_id)
        return list(session.scalars(sa.select(UsageReport).where(
            UsageReport.application_id == application_id).order_by(UsageReport.id)))


def owed_reports(session: Session) -> list[tuple]:
    """(kind, id, due_on, owner, subject) of every report owed now, for the overdue list."""
    owed = []
    for a in session.scalars(sa.select(OpenApplication).where(
            OpenApplication.status == "APPROVED", OpenApplication.next_report_due.is_not(None))):
        starts = a.next_report_due - dt.timedelta(days=a.report_every_days or 0)
        if a.expires_on is not None and starts > a.expires_on:
            continue
        owed.append(("USAGE_REPORT", a.id, a.next_report_due, a.applicant,
                     f"usage report on {a.dataset_code} ({a.purpose}), application {a.id}"))
    return owed
