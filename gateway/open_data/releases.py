"""Releasing unconditionally open data (§35): the owner's steward submits a dataset, the data
authority reviews it within 5 working days; only the newest approved, not withdrawn release
makes the dataset downloadable on the portal.

Submitting and approving both run the release's k-anonymity check (``gateway.open_data.
anonymity``): a release that would single people out is refused there, with the classes'
sizes, rather than approved and then refused at every download; one that holds after
generalising says how in the notification and the audit detail."""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.catalog.field_policies import open_fields
from gateway.errors import BadInput, Forbidden, NotFound, NotOpen
from gateway.access.principals import Caller
from gateway.open_data.anonymity import check_on_release
from gateway.store.models import CatalogEntry, Department, OpenRelease
from gateway.store.text_limits import require_fits
from gateway.workflows.common import (audit_action, due_in, get_or_404, notify,
                                      published_entry, require_department, require_role,
                                      require_steward_or_authority)

if TYPE_CHECKING:
    from gateway.services import Services

REVIEW_WITHIN = 5  # working days


def _authorities(session: Session) -> list[str]:
    return list(session.scalars(sa.select(Department.code).where(Department.is_data_authority)))


def submit(services: Services, caller: Caller, code: str, note: str = "") -> OpenRelease:
    require_role(caller, "steward")
    department = require_department(caller)
    now = services.clock.now()
    with services.store() as session, session.begin():
        entry = published_entry(session, code, NotFound)
        if entry.owner_department != department:
            raise Forbidden(f"only a steward of {entry.owner_department} releases {code}")
        if entry.open_type != "UNCONDITIONAL":
            raise NotOpen(f"{code} has open type {entry.open_type}: only unconditionally open "
                          "data is released to everyone (§35); conditionally open data is "
                          "reached by application (§36(2))")
        pending = session.scalars(sa.select(OpenRelease.id).where(
            OpenRelease.dataset_code == code, OpenRelease.status == "SUBMITTED")).first()
        if pending is not None:
            raise BadInput(f"release {pending} of {code} is already waiting for review")
        anonymity = _anonymity(services, session, code)
        release = OpenRelease(dataset_code=code, department_code=department, status="SUBMITTED",
                              submitted_by=caller.principal, submitted_at=now,
                              due_on=due_in(services, REVIEW_WITHIN), note=note.strip() or None,
                              anonymity=anonymity or None)
        session.add(release)
        session.flush()
        for authority in _authorities(session):
            notify(session, now, department=authority, kind="RELEASE_SUBMITTED",
                   message=f"{department} submits {code} for open release; review by "
                           f"{release.due_on.isoformat()}" + (f". {anonymity}" if anonymity else ""),
                   subject_kind="OPEN_RELEASE", subject_id=release.id)
    audit_action(services, caller, "SUBMIT_OPEN_RELEASE", dataset=code,
                 detail=f"release {release.id}" + (f"; {anonymity}" if anonymity else ""))
    return release


def review(services: Services, caller: Caller, release_id: int, approve: bool, note: str = "") -> OpenRelease:
    """The data authority approves (the dataset becomes downloadable) or rejects with a note."""
    require_role(caller, "data_authority")
    now = services.clock.now()
    with services.store() as session, session.begin():
        release = get_or_404(session, OpenRelease, release_id, "open release")
        if release.status != "SUBMITTED":
            raise BadInput(f"release {release_id} is {release.status}; only submitted ones are reviewed")
        if not approve and not note.strip():
            raise BadInput("rejecting a release needs a note saying why")
        entry = session.get(CatalogEntry, release.dataset_code)
        if approve and (entry is None or entry.status != "PUBLISHED" or entry.open_type != "UNCONDITIONAL"):
            raise NotOpen(f"{release.dataset_code} is no longer a published unconditionally open "
                          "dataset; reject the release")
        # the data may have changed since it was submitted: checked again before it opens
        anonymity = _anonymity(services, session, release.dataset_code) if approve else ""
        release.status = "APPROVED" if approve else "REJECTED"
        release.reviewed_by, release.reviewed_at = caller.principal, now
        release.note = note.strip() or release.note
        if approve:
            release.anonymity = anonymity or None
        notify(session, now, department=release.department_code,
               kind="RELEASE_APPROVED" if approve else "RELEASE_REJECTED",
               message=f"open release {release.id} of {release.dataset_code} was "
                       + ("approved: it is downloadable now" if approve else f"rejected: {note}")
                       + (f". {anonymity}" if anonymity else ""),
               subject_kind="OPEN_RELEASE", subject_id=release.id)
    audit_action(services, caller, "APPROVE_OPEN_RELEASE" if approve else "REJECT_OPEN_RELEASE",
                 dataset=release.dataset_code,
                 detail=f"release {release.id}: {note}" + (f"; {anonymity}" if anonymity else ""))
    return release


def _anonymity(services: Services, session: Session, code: str) -> str:
    """The k-anonymity check of releasing every open field of ``code`` (K_ANONYMITY_NOT_MET
    when it fails), or what the release does to hold."""
    dataset = services.catalog(session).get(code)
    if dataset is None:
        return ""
    return check_on_release(services, dataset, [f.name for f in open_fields(dataset)])


def withdraw(services: Services, caller: Caller, release_id: int, reason: str) -> OpenRelease:
    """Stop releasing a dataset (owner's steward or the data authority); downloads end at once."""
    now = services.clock.now()
    with services.store() as session, session.begin():
        release = get_or_404(session, OpenRelease, release_id, "open release")
        require_steward_or_authority(caller, release.department_code,
                                     f"withdraws release {release_id}")
        if release.status not in ("SUBMITTED", "APPROVED"):
            raise BadInput(f"release {release_id} is {release.status}")
        if not reason.strip():
            raise BadInput("withdrawing a release needs a reason")
        require_fits(OpenRelease, "note", reason.strip(), "reason")  # kept as the releases' note
        stopped = session.scalars(sa.select(OpenRelease).where(
            OpenRelease.dataset_code == release.dataset_code,
            OpenRelease.status.in_(["SUBMITTED", "APPROVED"]))).all()
        for each in stopped:  # withdrawing stops the dataset's release, older approvals too
            each.status, each.note = "WITHDRAWN", reason.strip()
            each.reviewed_by, each.reviewed_at = caller.principal, now
    audit_action(services, caller, "WITHDRAW_OPEN_RELEASE", dataset=release.dataset_code,
                 detail=f"release {release.id}: {reason}")
    return release


def list_releases(services: Services, caller: Caller, dataset: str | None = None,
                  status: str | None = None) -> list[OpenRelease]:
    if caller.anonymous:
        raise Forbidden("sign in to see release reviews; the portal lists released datasets")
    statement = sa.select(OpenRelease).order_by(OpenRelease.id)
    if dataset:
        statement = statement.where(OpenRelease.dataset_code == dataset)
    if status:
        statement = statement.where(OpenRelease.status == status)
    with services.store() as session:
        return list(session.scalars(statement))


def current_release(session: Session, code: str) -> OpenRelease | None:
    """The release that makes ``code`` downloadable: its newest approved one."""
    return session.scalars(sa.select(OpenRelease).where(
        OpenRelease.dataset_code == code, OpenRelease.status == "APPROVED")
        .order_by(OpenRelease.reviewed_at.desc(), OpenRelease.id.desc())).first()


def current_releases(session: Session) -> dict[str, OpenRelease]:
    """The current release of every released dataset, by code."""
    found: dict[str, OpenRelease] = {}
    for release in session.scalars(sa.select(OpenRelease).where(OpenRelease.status == "APPROVED")
                                   .order_by(OpenRelease.reviewed_at.desc(), OpenRelease.id.desc())):
        found.setdefault(release.dataset_code, release)
    return found
