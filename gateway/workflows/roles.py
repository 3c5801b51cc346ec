"""Roles and separated duties (§42). Only the security admin assigns roles; nobody holds two
of: security admin, data operator (steward or data authority operator), auditor."""
from __future__ import annotations

from typing import TYPE_CHECKING

from gateway.errors import BadInput, RoleConflict
from gateway.access.principals import ROLES, Caller
from gateway.store.models import Principal, RoleAssignment
from gateway.workflows.common import audit_action, get_or_404, require_role

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


def assign(services: Services, caller: Caller, principal: str, role: str) -> Principal:
    require_role(caller, "security_admin")
    if role not in ROLES:
        raise BadInput(f"role is one of {', '.join(ROLES)}")
    now = services.clock.now()
    with services.store() as session, session.begin():
        target = get_or_404(session, Principal, principal, "principal")
        held = {r.role for r in target.roles}
        if role in held:
            raise BadInput(f"{principal} already holds {role}")
        other = _conflict(held, role)
        if other:
            raise RoleConflict(f"{principal} holds {other} ({DUTIES[other]}); {role} is "
                               f"{DUTIES[role]}: one person may not hold both (§42)")
        target.roles.append(RoleAssignment(role=role, assigned_by=caller.principal, assigned_at=now))
    audit_action(services, caller, "ASSIGN_ROLE", detail=f"{role} to {principal}")
    return target


def remove(services: Services, caller: Caller, principal: str, role: str) -> Principal:
    require_role(caller, "security_admin")
    with services.store() as session, session.begin():
        target = get_or_404(session, Principal, principal, "principal")
        kept = [r for r in target.roles if r.role != role]
        if len(kept) == len(target.roles):
            raise BadInput(f"{principal} does not hold {role}")
        target.roles = kept
    audit_action(services, caller, "REMOVE_ROLE", detail=f"{role} from {principal}")
    return target
