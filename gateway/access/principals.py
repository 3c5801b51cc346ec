"""Who is calling: the resolved principal with its department and roles."""
from __future__ import annotations

import dataclasses

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.errors import Unauthenticated
from gateway.store.models import Department, Principal, RoleAssignment

ROLES = ("steward", "data_authority", "security_admin", "auditor", "app", "researcher", "citizen")


@dataclasses.dataclass(frozen=True)
class Caller:
    principal: str | None
    department: str | None = None
    roles: frozenset[str] = frozenset()
    kind: str = "ANONYMOUS"
    id_number: str | None = None
    credit_code: str | None = None

    @property
    def anonymous(self) -> bool:
        return self.principal is None

    def has_role(self, role: str) -> bool:
        return role in self.roles


ANONYMOUS = Caller(principal=None)


def load_caller(session: Session, name: str) -> Caller:
    """The principal a token names, with its roles (one statement; on every request)."""
    rows = session.execute(
        sa.select(Principal.name, Principal.department_code, Principal.kind, Principal.id_number,
                  Principal.credit_code, Principal.active, Department.active.label("department_active"),
                  RoleAssignment.role)
        .outerjoin(Department, Department.code == Principal.department_code)
        .outerjoin(RoleAssignment, RoleAssignment.principal_name == Principal.name)
        .where(Principal.name == name)).all()
    if not rows or not rows[0].active or rows[0].department_active is False:
        raise Unauthenticated(
            f"the token names principal {name!r}, which is unknown or deactivated here (or its "
            "department is); ask the security admin to (re)activate it or use another token")
    first = rows[0]
    return Caller(
        principal=first.name, department=first.department_code,
        roles=frozenset(r.role for r in rows if r.role), kind=first.kind,
        id_number=first.id_number, credit_code=first.credit_code,
    )
