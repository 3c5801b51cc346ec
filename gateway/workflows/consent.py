"""Consent (§31): a citizen allows a named department to receive named consent-required
fields of a dataset for a named scenario, until a date, and may withdraw it. Lookup releases
consent-required fields only where such a consent exists for the looked-up person."""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.errors import BadInput, Forbidden
from gateway.access.principals import Caller
from gateway.store.models import CatalogEntry, Consent, Department, Scenario
from gateway.workflows.common import audit_action, future_date, get_or_404, notify

if TYPE_CHECKING:
    from gateway.services import Services


def _citizen(caller: Caller) -> str:
    if caller.kind != "CITIZEN" or not caller.id_number:
        raise Forbidden("consent is given by the data subject: a citizen's token, which carries "
                        "the citizen's ID number")
    return caller.id_number


def give(services: Services, caller: Caller, department: str, scenario_id: int, dataset: str,
         fields: list[str], valid_until: dt.date) -> Consent:
    subject = _citizen(caller)
    now = services.clock.now()
    future_date(services, valid_until, "validUntil")
    with services.store() as session, session.begin():
        get_or_404(session, Department, department, "department")
        get_or_404(session, Scenario, scenario_id, "scenario")
        entry = get_or_404(session, CatalogEntry, dataset, "dataset")
        needing = {f.name for f in entry.fields if f.consent_required}
        if not fields or not set(fields) <= needing:
            raise BadInput(f"consent covers consent-required fields of {dataset}: "
                           f"{', '.join(sorted(needing)) or 'it has none'}")
        consent = Consent(subject_id_number=subject, department_code=department,
                          scenario_id=scenario_id, dataset_code=dataset, fields=sorted(set(fields)),
                          valid_until=valid_until, given_at=now)
        session.add(consent)
        session.flush()
        notify(session, now, department=department, kind="CONSENT_GIVEN",
               message=f"a citizen consented to {', '.join(consent.fields)} of {dataset} for "
                       f"scenario {scenario_id} until {valid_until.isoformat()}",
               subject_kind="CONSENT", subject_id=consent.id)
    audit_action(services, caller, "GIVE_CONSENT", dataset=dataset, fields=consent.fields,
                 detail=f"consent {consent.id} to {department}")
    return consent


def withdraw(services: Services, caller: Caller, consent_id: int) -> Consent:
    subject = _citizen(caller)
    now = services.clock.now()
    with services.store() as session, session.begin():
        consent = get_or_404(session, Consent, consent_id, "consent")
        if consent.subject_id_number != subject:
            raise Forbidden(f"consent {consent_id} is someone else's")
        if consent.withdrawn_at is not None:
            raise BadInput(f"consent {consent_id} was already withdrawn")
        consent.withdrawn_at = now
        notify(session, now, department=consent.department_code, kind="CONSENT_WITHDRAWN",
               message=f"consent {consent.id} to {', '.join(consent.fields)} of "
                       f"{consent.dataset_code} was withdrawn", subject_kind="CONSENT",
               subject_id=consent.id)
    audit_action(services, caller, "WITHDRAW_CONSENT", dataset=consent.dataset_code,
                 fields=consent.fields, detail=f"consent {consent.id}")
    return consent


def my_consents(services: Services, caller: Caller) -> list[Consent]:
    subject = _citizen(caller)
    with services.store() as session:
        return list(session.scalars(sa.select(Consent).where(
            Consent.subject_id_number == subject).order_by(Consent.id)))


def consented_fields(session: Session, subject: str, department: str, dataset: str,
                     purpose: str, scenario_id: int | None, today: dt.date) -> set[str]:
    """Fields this person allowed this department for this use (scenario or its purpose)."""
    rows = session.execute(
        sa.select(Consent.fields, Consent.scenario_id, Scenario.purpose)
        .join(Scenario, Scenario.id == Consent.scenario_id)
        .where(Consent.subject_id_number == subject, Consent.department_code == department,
               Consent.dataset_code == dataset, Consent.withdrawn_at.is_(None),
               Consent.valid_until >= today)).all()
    allowed: set[str] = set()
    for fields, consent_scenario, scenario_purpose in rows:
        if consent_scenario == scenario_id or scenario_purpose == purpose:
            allowed |= set(fields)
    return allowed
