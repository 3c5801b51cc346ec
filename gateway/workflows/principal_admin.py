"""Registering who may call: departments' apps and people, organisations and citizens (§42).

Only the security administrator registers, changes and deactivates principals (and assigns
roles, gateway.workflows.roles); nobody acts on their own access. A principal's name is
the subject its identity provider puts in its tokens (DATAGATE_JWT_PRINCIPAL_CLAIM). A
deactivated principal is refused on its next request on every gateway process.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.access.principals import Caller
from gateway.errors import BadInput, InvalidIdNumber, SelfGrant
from gateway.identifiers import id_number_problem, normalize_identifier
from gateway.store.models import Department, Principal
from gateway.store.text_limits import text_lengths
from gateway.workflows.common import audit_action, change_detail, get_or_404, require_role
from gateway.workflows.departments import checked_credit_code

if TYPE_CHECKING:
    from gateway.services import Services

KINDS = ("APP", "PERSON", "ORGANIZATION", "CITIZEN")
DEPARTMENTAL = ("APP", "PERSON")
MAX_NAME = text_lengths(Principal)["name"]


def state(principal: Principal) -> dict:
    return {"name": principal.name, "displayName": principal.display_name, "kind": principal.kind,
            "department": principal.department_code, "active": principal.active,
            "roles": sorted(r.role for r in principal.roles)}


def checked_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME or not name.isprintable() or any(c.isspace() for c in name):
        raise BadInput(f"a principal's name is its identity provider's subject: 1-{MAX_NAME} "
                       "printable characters without spaces (e.g. renshe-app or an e-mail)")
    return name


def register(services: Services, caller: Caller, name: str, display_name: str, kind: str,
             department: str | None = None, id_number: str | None = None,
             credit_code: str | None = None) -> Principal:
    """An app or person of a department, an organisation (credit code) or a citizen (ID
    number); registered with no roles."""
    require_role(caller, "security_admin")
    name = checked_name(name)
    display_name = (display_name or "").strip()
    if not display_name or len(display_name) > 200:
        raise BadInput("give a display name of 1-200 characters, e.g. 人社局业务系统 or 张伟")
    if kind not in KINDS:
        raise BadInput(f"kind is one of {', '.join(KINDS)}")
    if kind in DEPARTMENTAL and not department:
        raise BadInput(f"an {kind} belongs to a department: give its code")
    if kind not in DEPARTMENTAL and department:
        raise BadInput(f"an {kind} belongs to no department (it applies from outside)")
    if kind == "CITIZEN":
        id_number = normalize_identifier(id_number or "")
        problem = id_number_problem(id_number)
        if problem:
            raise InvalidIdNumber(f"a citizen is registered with a valid ID number: {problem}")
    elif id_number:
        raise BadInput("only a citizen is registered with an ID number")
    if kind == "ORGANIZATION":
        credit_code = checked_credit_code(credit_code or "")
    elif credit_code:
        raise BadInput("only an organisation is registered with a credit code")
    now = services.clock.now()
    with services.store() as session, session.begin():
        if session.get(Principal, name) is not None:
            raise BadInput(f"principal {name} exists; choose another name or reactivate it")
        if department:
            home = get_or_404(session, Department, department, "department")
            if not home.active:
                raise BadInput(f"department {department} is deactivated; reactivate it first")
        principal = Principal(name=name, display_name=display_name, kind=kind,
                              department_code=department, id_number=id_number,
                              credit_code=credit_code, active=True, created_at=now,
                              created_by=caller.principal, roles=[])
        session.add(principal)
        after = state(principal)
    audit_action(services, caller, "REGISTER_PRINCIPAL", detail=change_detail(name, None, after))
    return principal


def set_display_name(services: Services, caller: Caller, name: str, display_name: str) -> Principal:
    require_role(caller, "security_admin")
    display_name = (display_name or "").strip()
    if not display_name or len(display_name) > 200:
        raise BadInput("give a display name of 1-200 characters")
    with services.store() as session, session.begin():
        principal = get_or_404(session, Principal, name, "principal")
        before = state(principal)
        principal.display_name = display_name
        after = state(principal)
    audit_action(services, caller, "UPDATE_PRINCIPAL", detail=change_detail(name, before, after))
    return principal


def set_active(services: Services, caller: Caller, name: str, active: bool,
               reason: str = "") -> Principal:
    require_role(caller, "security_admin")
    if name == caller.principal:
        raise SelfGrant("nobody (de)activates their own principal; ask another security "
                        "administrator (§42)")
    if not active and not reason.strip():
        raise BadInput("say why the principal is deactivated (it is kept in the audit trail)")
    with services.store() as session, session.begin():
        principal = get_or_404(session, Principal, name, "principal")
        if principal.active == active:
            raise BadInput(f"{name} is already {'active' if active else 'deactivated'}")
        if active and principal.department_code:
            home = session.get(Department, principal.department_code)
            if home is not None and not home.active:
                raise BadInput(f"{name}'s department {home.code} is deactivated; reactivate it first")
        before = state(principal)
        principal.active = active
        after = state(principal)
    detail = change_detail(name, before, after)
    audit_action(services, caller, "ACTIVATE_PRINCIPAL" if active else "DEACTIVATE_PRINCIPAL",
                 detail=f"{detail} {reason.strip()}".strip())
    return principal


def list_principals(services: Services, caller: Caller,
                    department: str | None = None) -> list[Principal]:
    """Everyone registered: for the security administrator and the auditor."""
    require_role(caller, "security_admin", "auditor")
    statement = sa.select(Principal).order_by(Principal.name)
    if department:
        statement = statement.where(Principal.department_code == department)
    with services.store() as session:
        return list(session.scalars(statement))

