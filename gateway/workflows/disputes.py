"""Disputes (§30): a user of shared data reports a record that looks wrong; the source
department confirms it or corrects it within 10 working days, and the raiser is told."""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.errors import BadInput, Forbidden
from gateway.access.principals import Caller
from gateway.store.models import Dispute
from gateway.workflows.common import (audit_action, due_in, get_or_404, notify,
                                      published_entry, require_department)

if TYPE_CHECKING:
    from gateway.services import Services

ANSWER_WITHIN = 10  # working days, §30
OUTCOMES = ("CONFIRMED", "CORRECTED")


def raise_dispute(services: Services, caller: Caller, dataset: str, key: str, field: str,
                  description: str) -> Dispute:
    department = require_department(caller)
    now = services.clock.now()
    with services.store() as session, session.begin():
        entry = published_entry(session, dataset)
        if field not in {f.name for f in entry.fields}:
            raise BadInput(f"{dataset} has no field {field!r}")
        if not key.strip() or not description.strip():
            raise BadInput("say which record (its key) and what looks wrong")
        dispute = Dispute(dataset_code=dataset, owner_department=entry.owner_department,
                          record_key=key.strip(), field=field, description=description.strip(),
                          raised_by=caller.principal, raiser_department=department,
                          raised_at=now, due_on=due_in(services, ANSWER_WITHIN), status="OPEN")
        session.add(dispute)
        session.flush()
        notify(session, now, department=entry.owner_department, kind="DISPUTE_RAISED",
               message=f"{department} disputes {field} of {dataset} record {dispute.record_key}: "
                       f"{dispute.description}; answer by {dispute.due_on.isoformat()}",
               subject_kind="DISPUTE", subject_id=dispute.id)
    audit_action(services, caller, "RAISE_DISPUTE", dataset=dataset, fields=[field],
                 detail=f"dispute {dispute.id}")
    return dispute


def resolve(services: Services, caller: Caller, dispute_id: int, outcome: str, note: str) -> Dispute:
    now = services.clock.now()
    if outcome not in OUTCOMES:
        raise BadInput(f"outcome is one of {', '.join(OUTCOMES)}")
    with services.store() as session, session.begin():
        dispute = get_or_404(session, Dispute, dispute_id, "dispute")
        if caller.department != dispute.owner_department or not caller.has_role("steward"):
            raise Forbidden(f"only a steward of {dispute.owner_department} resolves dispute {dispute_id}")
        if dispute.status != "OPEN":
            raise BadInput(f"dispute {dispute_id} is already {dispute.status}")
        if not note or not note.strip():
            raise BadInput("say what was checked or corrected")
        dispute.status, dispute.outcome_note = outcome, note.strip()
        dispute.resolved_at, dispute.resolved_by = now, caller.principal
        notify(session, now, department=dispute.raiser_department, principal=dispute.raised_by,
               kind="DISPUTE_RESOLVED",
               message=f"dispute {dispute.id} on {dispute.dataset_code} {dispute.record_key}: "
                       f"{outcome.lower()} - {dispute.outcome_note}",
               subject_kind="DISPUTE", subject_id=dispute.id)
    audit_action(services, caller, "RESOLVE_DISPUTE", dataset=dispute.dataset_code,
                 fields=[dispute.field], detail=f"dispute {dispute.id} {outcome}")
    return dispute


def list_disputes(services: Services, caller: Caller, status: str | None = None) -> list[Dispute]:
    department = require_department(caller)
    statement = sa.select(Dispute).order_by(Dispute.id)
    if not caller.has_role("data_authority"):
        statement = statement.where(sa.or_(Dispute.owner_department == department,
                                           Dispute.raiser_department == department))
    if status:
        statement = statement.where(Dispute.status == status)
    with services.store() as session:
        return list(session.scalars(statement))
