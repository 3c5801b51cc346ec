"""Application scenarios (§28): the data authority pre-approves datasets, fields and modes
for a purpose and a list of departments; a request that fits is granted at once. Ending a
scenario revokes every grant it made."""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import datetime as dt

import sqlalchemy as sa

from gateway.catalog.datasets import MODES
from gateway.errors import BadInput
from gateway.access.principals import Caller
from gateway.store.models import CatalogEntry, Department, Grant, Purpose, Scenario
from gateway.store.text_limits import fitted, require_fits
from gateway.workflows.common import (audit_action, future_date, get_or_404, notify,
                                      require_role)

if TYPE_CHECKING:
    from gateway.services import Services


@dataclasses.dataclass
class ScenarioItem:
    dataset: str
    modes: list[str]
    fields: list[str]


def define(services: Services, caller: Caller, name: str, purpose: str, items: list[ScenarioItem],
           departments: list[str], valid_until: dt.date) -> Scenario:
    require_role(caller, "data_authority")
    now = services.clock.now()
    if not name.strip() or not purpose.strip():
        raise BadInput("a scenario needs a name and a purpose")
    if not items or not departments:
        raise BadInput("a scenario names at least one dataset and one eligible department")
    future_date(services, valid_until, "validUntil")
    with services.store() as session, session.begin():
        for item in items:
            entry = session.get(CatalogEntry, item.dataset)
            if entry is None:
                raise BadInput(f"unknown dataset {item.dataset!r}")
            names = {f.name for f in entry.fields}
            if not item.modes or not set(item.modes) <= set(MODES) or not item.fields \
                    or not set(item.fields) <= names:
                raise BadInput(f"{item.dataset}: modes are some of {', '.join(MODES)}, "
                               f"fields some of {', '.join(sorted(names))}")
        for code in departments:
            get_or_404(session, Department, code, "department")
        if session.get(Purpose, purpose) is None:
            session.add(Purpose(code=purpose, name=purpose, description=f"scenario {name}"))
        scenario = Scenario(name=name.strip(), purpose=purpose,
                            items=[dataclasses.asdict(i) for i in items],
                            departments=sorted(set(departments)), valid_until=valid_until,
                            created_at=now, created_by=caller.principal)
        session.add(scenario)
        session.flush()
        for code in scenario.departments:
            notify(session, now, department=code, kind="SCENARIO_DEFINED",
                   message=f"scenario {scenario.name} ({purpose}) lets you request "
                           f"{', '.join(i.dataset for i in items)} with immediate approval",
                   subject_kind="SCENARIO", subject_id=scenario.id)
    audit_action(services, caller, "DEFINE_SCENARIO", purpose=purpose,
                 detail=f"scenario {scenario.id} {scenario.name}")
    return scenario


def end(services: Services, caller: Caller, scenario_id: int, reason: str = "") -> Scenario:
    require_role(caller, "data_authority")
    now = services.clock.now()
    with services.store() as session, session.begin():
        scenario = get_or_404(session, Scenario, scenario_id, "scenario")
        if scenario.ended_at is not None:
            raise BadInput(f"scenario {scenario_id} has already ended")
        require_fits(Grant, "revoke_reason", reason, "reason")
        scenario.ended_at, scenario.ended_by = now, caller.principal
        grants = session.scalars(sa.select(Grant).where(Grant.scenario_id == scenario.id,
                                                        Grant.revoked_at.is_(None))).all()
        for grant in grants:
            grant.revoked_at, grant.revoked_by = now, caller.principal
            grant.revoke_reason = fitted(Grant, "revoke_reason", f"scenario {scenario.name} ended"
                                         + (f": {reason}" if reason else ""))
            notify(session, now, department=grant.department_code, kind="GRANT_REVOKED",
                   message=f"grant {grant.id} on {grant.dataset_code} ended with scenario "
                           f"{scenario.name}", subject_kind="GRANT", subject_id=grant.id)
    audit_action(services, caller, "END_SCENARIO",
                 detail=f"scenario {scenario.id}; {len(grants)} grants revoked")
    return scenario


def list_scenarios(services: Services) -> list[Scenario]:
    with services.store() as session:
        return list(session.scalars(sa.select(Scenario).order_by(Scenario.id)))
