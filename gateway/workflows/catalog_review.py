"""The catalog lifecycle (§12, §17, §39): stewards save and submit drafts of their own
department's entries; the data authority publishes them (a new version each time) or returns
them with a note. A change of legal basis or duties starts a 15-working-day clock to update
the entry; deprecating an entry needs a reason and publishes a notice."""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.catalog.datasets import bump_catalog_generation
from gateway.catalog.entries import publish, snapshot_of, validate_spec, write_entry
from gateway.errors import BadInput, Forbidden
from gateway.access.principals import Caller
from gateway.store.models import (CatalogDraft, CatalogDuty, CatalogEntry, CatalogVersion, Notice)
from gateway.workflows.common import (audit_action, due_in, get_or_404, notify,
                                      require_department, require_role,
                                      require_steward_or_authority)

if TYPE_CHECKING:
    from gateway.services import Services

UPDATE_WITHIN = 15  # working days, §17


def _own(caller: Caller, department: str, what: str) -> None:
    if caller.department != department or not caller.has_role("steward"):
        raise Forbidden(f"only a steward of {department} may {what}")


def save_draft(services: Services, caller: Caller, spec: dict) -> CatalogDraft:
    require_role(caller, "steward")
    department = require_department(caller)
    validate_spec(spec)
    now = services.clock.now()
    with services.store() as session, session.begin():
        entry = session.get(CatalogEntry, spec["code"])
        owner = entry.owner_department if entry else spec.get("owner_department") or department
        _own(caller, owner, f"edit {spec['code']}")
        _bound_to_own_source(session, spec, owner)
        spec = {**spec, "owner_department": owner}
        draft = session.scalars(sa.select(CatalogDraft).where(
            CatalogDraft.entry_code == spec["code"],
            CatalogDraft.status.in_(["DRAFT", "RETURNED"]))).first()
        if draft is not None and draft.department_code != owner:
            # a new code another department is drafting is theirs until it is published
            raise Forbidden(f"{spec['code']} is being drafted by {draft.department_code}; "
                            "choose another code")
        if draft is None:
            draft = CatalogDraft(entry_code=spec["code"], department_code=owner)
            session.add(draft)
        draft.spec, draft.status, draft.saved_by, draft.saved_at = spec, "DRAFT", caller.principal, now
        session.flush()
    audit_action(services, caller, "SAVE_CATALOG_DRAFT", dataset=spec["code"], detail=f"draft {draft.id}")
    return draft


def _bound_to_own_source(session, spec: dict, owner: str) -> None:
    """A draft reads only a live source of its own department: a steward cannot bind an
    entry to another department's database (and so draft, sample or publish its tables)."""
    from gateway.store.models import Source

    code = spec.get("source_code")
    if not code:
        return
    source = session.get(Source, code)
    if source is None or source.retired_at is not None:
        raise BadInput(f"{spec['code']}: source {code} is not a registered live source; "
                       "see `sources` or register it first")
    if source.department_code != owner:
        raise Forbidden(f"{spec['code']}: source {code} belongs to {source.department_code}; "
                        f"an entry of {owner} reads only its own department's sources")


def submit_draft(services: Services, caller: Caller, draft_id: int) -> CatalogDraft:
    now = services.clock.now()
    with services.store() as session, session.begin():
        draft = get_or_404(session, CatalogDraft, draft_id, "catalog draft")
        _own(caller, draft.department_code, f"submit draft {draft_id}")
        if draft.status not in ("DRAFT", "RETURNED"):
            raise BadInput(f"draft {draft_id} is {draft.status}")
        draft.status, draft.submitted_at = "SUBMITTED", now
        authority = _authority_departments(session)
        for code in authority:
            notify(session, now, department=code, kind="CATALOG_SUBMITTED",
                   message=f"{draft.department_code} submitted {draft.entry_code} for review",
                   subject_kind="CATALOG_DRAFT", subject_id=draft.id)
    audit_action(services, caller, "SUBMIT_CATALOG_DRAFT", dataset=draft.entry_code)
    return draft


def _authority_departments(session) -> list[str]:
    from gateway.store.models import Department

    return list(session.scalars(sa.select(Department.code).where(Department.is_data_authority)))


def review(services: Services, caller: Caller, draft_id: int, publish_it: bool, note: str) -> CatalogDraft:
    """The data authority publishes a submitted draft, or returns it with a note."""
    require_role(caller, "data_authority")
    now = services.clock.now()
    with services.store() as session, session.begin():
        draft = get_or_404(session, CatalogDraft, draft_id, "catalog draft")
        if draft.status != "SUBMITTED":
            raise BadInput(f"draft {draft_id} is {draft.status}; only submitted drafts are reviewed")
        draft.reviewed_by, draft.review_note = caller.principal, note
        if publish_it:
            _bound_to_own_source(session, draft.spec, draft.department_code)  # retired since?
            entry = write_entry(session, draft.spec, now)
            version = publish(session, entry, by=caller.principal, now=now, note=note)
            draft.status = "PUBLISHED"
            for duty in session.scalars(sa.select(CatalogDuty).where(
                    CatalogDuty.entry_code == entry.code, CatalogDuty.done_at.is_(None))):
                duty.done_at = now
            message = f"{entry.code} was published as version {version.version}"
        else:
            if not note.strip():
                raise BadInput("returning a draft needs a note saying what to change")
            draft.status = "RETURNED"
            message = f"{draft.entry_code} was returned: {note}"
        notify(session, now, department=draft.department_code,
               kind="CATALOG_PUBLISHED" if publish_it else "CATALOG_RETURNED", message=message,
               subject_kind="CATALOG_DRAFT", subject_id=draft.id)
    audit_action(services, caller, "PUBLISH_CATALOG_ENTRY" if publish_it else "RETURN_CATALOG_DRAFT",
                 dataset=draft.entry_code, detail=note)
    return draft


def record_duty_change(services: Services, caller: Caller, code: str, reason: str) -> CatalogDuty:
    """A change of legal basis or duties: the entry must be updated within 15 working days."""
    now = services.clock.now()
    with services.store() as session, session.begin():
        entry = get_or_404(session, CatalogEntry, code, "catalog entry")
        require_steward_or_authority(caller, entry.owner_department, "records such a change")
        if not reason.strip():
            raise BadInput("say what changed (the law, the department's duties)")
        duty = CatalogDuty(entry_code=code, department_code=entry.owner_department,
                           reason=reason.strip(), recorded_at=now, recorded_by=caller.principal,
                           due_on=due_in(services, UPDATE_WITHIN))
        session.add(duty)
        session.flush()
        notify(session, now, department=entry.owner_department, kind="CATALOG_UPDATE_DUE",
               message=f"update {code} by {duty.due_on.isoformat()}: {duty.reason}",
               subject_kind="CATALOG_DUTY", subject_id=duty.id)
    audit_action(services, caller, "RECORD_CATALOG_DUTY", dataset=code, detail=reason)
    return duty


def deprecate(services: Services, caller: Caller, code: str, reason: str) -> Notice:
    now = services.clock.now()
    with services.store() as session, session.begin():
        entry = get_or_404(session, CatalogEntry, code, "catalog entry")
        require_steward_or_authority(caller, entry.owner_department, f"deprecates {code}")
        if entry.status == "DEPRECATED":
            raise BadInput(f"{code} is already deprecated")
        if not reason.strip():
            raise BadInput("deprecating an entry needs a reason; it is published (§39)")
        entry.status = "DEPRECATED"
        entry.updated_at = now
        bump_catalog_generation(session)
        notice = Notice(kind="DEPRECATION", dataset_code=code, title=f"{entry.name}（{code}）停止提供",
                        body=reason.strip(), published_at=now)
        session.add(notice)
        session.flush()
    audit_action(services, caller, "DEPRECATE_CATALOG_ENTRY", dataset=code, detail=reason)
    return notice


def open_draft_id(services: Services, code: str, status: str) -> int:
    """The id of the one draft of dataset ``code`` in ``status`` (scripts name drafts by
    their dataset; there is at most one open draft of an entry at a time)."""
    from gateway.errors import NotFound

    with services.store() as session:
        found = session.scalars(sa.select(CatalogDraft.id).where(
            CatalogDraft.entry_code == code, CatalogDraft.status == status)
            .order_by(CatalogDraft.id.desc())).first()
    if found is None:
        raise NotFound(f"there is no {status.lower()} draft of {code}; see catalogDrafts")
    return found


def history(services: Services, code: str) -> list[CatalogVersion]:
    with services.store() as session:
        return list(session.scalars(sa.select(CatalogVersion).where(
            CatalogVersion.entry_code == code).order_by(CatalogVersion.version)))


def drafts(services: Services, caller: Caller) -> list[CatalogDraft]:
    statement = sa.select(CatalogDraft).order_by(CatalogDraft.id)
    if not caller.has_role("data_authority"):
        statement = statement.where(CatalogDraft.department_code == require_department(caller))
    with services.store() as session:
        return list(session.scalars(statement))


__all__ = ["save_draft", "submit_draft", "review", "record_duty_change", "deprecate", "history",
           "drafts", "snapshot_of"]
