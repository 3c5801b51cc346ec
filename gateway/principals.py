"""Who is calling: the resolved principal with its department and roles."""
from __future__ import annotations

import dataclasses

from sqlalchemy.orm import Session

from gateway.errors import Unauthenticated
from gateway.store.models import Principal

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
    principal = session.get(Principal, name)
    if principal is None or not principal.active:
        raise Unauthenticated(
            f"the token names principal {name!r}, which is unknown or disabled here; "
            "ask the security admin to (re)enable it or use another token")
    return Caller(
        principal=principal.name, department=principal.department_code,
        roles=frozenset(r.role for r in principal.roles), kind=principal.kind,
        id_number=principal.id_number, credit_code=principal.credit_code,
    )
