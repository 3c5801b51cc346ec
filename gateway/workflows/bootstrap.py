"""The first step on an empty store (`datagate init`): the data authority's department and
a first security administrator, from whom everything else is made through the API.

It runs once: a store that has any department or principal is live, and is refused. The
act is audited as done by the operator who ran it on the server (there is no principal yet).
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.access.principals import Caller
from gateway.errors import AlreadyInitialized
from gateway.store.models import CatalogEntry, Department, Principal, RoleAssignment
from gateway.workflows import departments, principal_admin
from gateway.workflows.common import audit_action, change_detail

if TYPE_CHECKING:
    from gateway.services import Services

OPERATOR = Caller(principal="datagate-init", kind="OPERATOR")


@dataclasses.dataclass(frozen=True)
class StoreState:
    departments: int
    principals: int
    published: int

    @property
    def empty(self) -> bool:
        return self.departments == 0 and self.principals == 0


def store_state(services: Services) -> StoreState:
    def count(model, *where):
        return session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0

    with services.store() as session:
        return StoreState(departments=count(Department), principals=count(Principal),
                          published=count(CatalogEntry, CatalogEntry.status == "PUBLISHED"))


def initialize(services: Services, *, authority_code: str, authority_name: str,
               authority_credit_code: str, admin: str, admin_display_name: str) -> Principal:
    """The data authority (a department) and its first security administrator."""
    code = departments.checked_code(authority_code)
    name = departments.checked_name(authority_name)
    credit = departments.checked_credit_code(authority_credit_code)
    admin = principal_admin.checked_name(admin)
    display = (admin_display_name or "").strip() or "安全管理员"
    now = services.clock.now()
    with services.store() as session, session.begin():
        if session.scalars(sa.select(Department.code)).first() is not None or \
                session.scalars(sa.select(Principal.name)).first() is not None:
            raise AlreadyInitialized(
                "this store already has departments or principals; `datagate init` runs once, "
                "on an empty store. Manage this one with the administration commands "
                "(datagate department, principal, role) or point DATAGATE_DATABASE_URL elsewhere")
        authority = Department(code=code, name=name, credit_code=credit, active=True,
                               is_data_authority=True)
        principal = Principal(name=admin, display_name=display, kind="PERSON",
                              department_code=code, active=True, created_at=now,
                              created_by=OPERATOR.principal,
                              roles=[RoleAssignment(role="security_admin",
                                                    assigned_by=OPERATOR.principal,
                                                    assigned_at=now)])
        session.add_all([authority, principal])
        session.flush()
        after = {"department": departments.state(authority),
                 "securityAdmin": principal_admin.state(principal)}
    audit_action(services, OPERATOR, "INITIALIZE_STORE", detail=change_detail(code, None, after))
    return principal
