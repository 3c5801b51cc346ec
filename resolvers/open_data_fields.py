"""Queries and mutations of open data: releases (§35), conditional open use (§36(2)) and its
usage reports. Every mutation is audited, refusals included (``workflow_fields._run``)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
from strawberry.types import Info

from gateway.errors import NotFound
from gateway.open_data import applications, releases, usage_reports
from gateway.open_data.applications import commitment_digest
from gateway.store.models import CatalogEntry, OpenApplication, OpenRelease
from resolvers import open_data_types as t
from resolvers.catalog_types import Mode
from resolvers.workflow_fields import _run
from resolvers.ids import number


def _with_grant(services, application) -> t.OpenApplication:
    with services.store() as session:
        return t.open_application(application, applications.application_grant_id(session, application))


# --- queries ---------------------------------------------------------------------------------

def open_releases_field(info: Info, dataset: Optional[str] = None,
                        status: Optional[t.ReleaseStatus] = None) -> list[t.OpenRelease]:
    rows = _run(info, "LIST_OPEN_RELEASES", releases.list_releases, dataset,
                status.value if status else None)
    return [t.open_release(r) for r in rows]


def open_applications_field(info: Info, status: Optional[t.ApplicationStatus] = None
                            ) -> list[t.OpenApplication]:
    rows = _run(info, "LIST_OPEN_APPLICATIONS", applications.list_applications,
                status.value if status else None)
    return [_with_grant(info.context.services, a) for a in rows]


def _visible(services, caller, application_id: int):
    with services.store() as session:
        return applications.visible_application(session, caller, application_id)


def open_application_field(info: Info, id: strawberry.ID) -> t.OpenApplication:
    application = _run(info, "READ_OPEN_APPLICATION", _visible, number(id),
                       about=(OpenApplication, number(id)))
    return _with_grant(info.context.services, application)


def usage_reports_field(info: Info, application_id: strawberry.ID) -> list[t.UsageReport]:
    rows = _run(info, "LIST_USAGE_REPORTS", usage_reports.list_reports, number(application_id))
    return [t.usage_report(r) for r in rows]


def open_commitment_field(info: Info, dataset: str) -> t.OpenCommitment:
    with info.context.services.store() as session:
        entry = session.get(CatalogEntry, dataset)
        if entry is None or entry.status != "PUBLISHED" or entry.open_type != "CONDITIONAL":
            raise NotFound(f"{dataset!r} is not a published conditionally open dataset")
        text = entry.open_commitment or ""
    return t.OpenCommitment(dataset=dataset, text=text, sha256=commitment_digest(text))


QUERY_FIELDS = {
    "openReleases": strawberry.field(resolver=open_releases_field, name="openReleases",
                                     description="Releases of open datasets and their review (§35)."),
    "openApplications": strawberry.field(
        resolver=open_applications_field, name="openApplications",
        description="Applications for conditionally open data: your own, those on your "
                    "department's data, or (data authority) all (§36(2))."),
    "openApplication": strawberry.field(resolver=open_application_field, name="openApplication"),
    "usageReports": strawberry.field(resolver=usage_reports_field, name="usageReports"),
    "openCommitment": strawberry.field(
        resolver=open_commitment_field, name="openCommitment",
        description="The commitment an applicant for a conditionally open dataset signs."),
}


# --- mutations -------------------------------------------------------------------------------

@strawberry.type
class OpenDataMutation:
    @strawberry.mutation(description="Submit an unconditionally open dataset of your department for release (§35).")
    def submit_open_release(self, info: Info, code: str, note: str = "") -> t.OpenRelease:
        return t.open_release(_run(info, "SUBMIT_OPEN_RELEASE", releases.submit, code, note,
                                   dataset=code))

    @strawberry.mutation(description="Approve (downloadable at once) or reject a release (data authority).")
    def review_open_release(self, info: Info, id: strawberry.ID, approve: bool, note: str = "") -> t.OpenRelease:
        action = "APPROVE_OPEN_RELEASE" if approve else "REJECT_OPEN_RELEASE"
        return t.open_release(_run(info, action, releases.review, number(id), approve, note,
                                   about=(OpenRelease, number(id))))

    @strawberry.mutation(description="Stop releasing a dataset (owner's steward or data authority).")
    def withdraw_open_release(self, info: Info, id: strawberry.ID, reason: str) -> t.OpenRelease:
        return t.open_release(_run(info, "WITHDRAW_OPEN_RELEASE", releases.withdraw, number(id), reason,
                                   about=(OpenRelease, number(id))))

    @strawberry.mutation(description="Apply for conditionally open data, signing its commitment (§36(2)).")
    def apply_for_open_data(self, info: Info, input: t.ApplyForOpenDataInput) -> t.OpenApplication:
        ask = applications.ApplicationInput(
            dataset=input.dataset, fields=input.fields, purpose=input.purpose,
            purpose_description=input.purpose_description, channel=input.channel.value,
            commitment_accepted=input.commitment_accepted,
            commitment_sha256=input.commitment_sha256)
        return _with_grant(info.context.services, _run(info, "APPLY_OPEN_DATA", applications.apply,
                                                      ask, dataset=input.dataset))

    @strawberry.mutation(description="Approve as asked or narrower, with an expiry and a usage-report schedule.")
    def approve_open_application(self, info: Info, id: strawberry.ID, expires_on: dt.date,
                                 report_every_days: int, fields: Optional[list[str]] = None,
                                 modes: Optional[list[Mode]] = None) -> t.OpenApplication:
        application = _run(info, "APPROVE_OPEN_APPLICATION", applications.approve, number(id),
                           expires_on, report_every_days, fields,
                           [m.value for m in modes] if modes is not None else None,
                           about=(OpenApplication, number(id)))
        return _with_grant(info.context.services, application)

    @strawberry.mutation
    def reject_open_application(self, info: Info, id: strawberry.ID, reason: str) -> t.OpenApplication:
        return _with_grant(info.context.services, _run(
            info, "REJECT_OPEN_APPLICATION", applications.reject, number(id), reason,
            about=(OpenApplication, number(id))))

    @strawberry.mutation(description="Stop every channel of an approved application (data authority).")
    def suspend_open_application(self, info: Info, id: strawberry.ID, reason: str) -> t.OpenApplication:
        return _with_grant(info.context.services, _run(
            info, "SUSPEND_OPEN_APPLICATION", applications.suspend, number(id), reason,
            about=(OpenApplication, number(id))))

    @strawberry.mutation(description="Report how the data of an approved application was used (§36).")
    def submit_usage_report(self, info: Info, application_id: strawberry.ID, body: str) -> t.UsageReport:
        return t.usage_report(_run(info, "SUBMIT_USAGE_REPORT", usage_reports.submit,
                                   number(application_id), body,
                                   about=(OpenApplication, number(application_id))))
