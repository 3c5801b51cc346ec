"""Roles and separated duties (§42). Only the security admin assigns roles; nobody holds two
of: security admin, data operator (steward or data authority operator), auditor."""
from __future__ import annotations

from typing import TYPE_CHECKING

from gateway.errors import BadInput, RoleConflict, SelfGrant
from gateway.access.principals import ROLES, Caller
from gateway.store.models import Department, Principal, RoleAssignment
from gateway.workflows.common import audit_action, change_detail, get_or_404, require_role

if TYPE_CHECKING:
    from gateway.services import Services

DUTIES = {"security_admin": "security administration", "steward": "data operation",
          "data_authority": "data operation", "auditor": "audit"}


def _conflict(held: set[str], role: str) -> str | None:
    duty = DUTIES.get(role)
    for other in held:
        if duty and DUTIES.get(other) and DUTIES[other] != duty:
            return other
    return None


# roles held only by people or apps of a department (the rest: organisations, citizens)
DEPARTMENT_ROLES = ("steward", "data_authority", "security_admin", "auditor", "app")


def _fits(session, target: Principal, role: str) -> None:
    """A role the principal can hold: departmental roles need a department (the data
    authority's for data_authority and the administrators'), app is for apps."""
    if role in DEPARTMENT_ROLES and not target.department_code:
        raise BadInput(f"{role} is held by a department's principal; {target.name} has none")
    if role == "app" and target.kind != "APP":
        raise BadInput(f"app is the role of an APP principal; {target.name} is a {target.kind}")
    if role == "data_authority":
        home = session.get(Department, target.department_code)
        if home is None or not home.is_data_authority:
            raise BadInput(f"data_authority is held by principals of the data authority's "
                           f"department; {target.name} is of {target.department_code}")


def _not_self(caller: Caller, principal: str) -> None:
    if principal == caller.principal:
        raise SelfGrant("nobody changes their own roles, so that no administrator can give "
                        "themself data (§42); ask another security administrator")


def assign(services: Services, caller: Caller, principal: str, role: str) -> Principal:
    require_role(caller, "security_admin")
    _not_self(caller, principal)
    if role not in ROLES:
        raise BadInput(f"role is one of {', '.join(ROLES)}")
    now = services.clock.now()
    with services.store() as session, session.begin():
        target = get_or_404(session, Principal, principal, "principal")
        held = {r.role for r in target.roles}
        if role in held:
            raise BadInput(f"{principal} already holds {role}")
        _fits(session, target, role)
        other = _conflict(held, role)
        if other:
            raise RoleConflict(f"{principal} holds {other} ({DUTIES[other]}); {role} is "
                               f"{DUTIES[role]}: one person may not hold both (§42)")
        target.roles.append(RoleAssignment(role=role, assigned_by=caller.principal, assigned_at=now))
    audit_action(services, caller, "ASSIGN_ROLE",
                 detail=change_detail(principal, {"roles": sorted(held)},
                                      {"roles": sorted(held | {role})}))
    return target


def remove(services: Services, caller: Caller, principal: str, role: str) -> Principal:
    require_role(caller, "security_admin")
    _not_self(caller, principal)
    with services.store() as session, session.begin():
        target = get_or_404(session, Principal, principal, "principal")
        held = sorted(r.role for r in target.roles)
        kept = [r for r in target.roles if r.role != role]
        if len(kept) == len(target.roles):
            raise BadInput(f"{principal} does not hold {role}")
        target.roles = kept
    audit_action(services, caller, "REMOVE_ROLE",
                 detail=change_detail(principal, {"roles": held},
                                      {"roles": [r for r in held if r != role]}))
    return target
