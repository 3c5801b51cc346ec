"""The caller a verified token names, and principals made from the identity provider's tokens.

A first valid token of a subject the store does not know is refused, unless the operator
turned on DATAGATE_PROVISION_PRINCIPALS: then the principal is created in the department its
department claim (DATAGATE_JWT_DEPARTMENT_CLAIM) names, which must exist and be active, with
no roles (only the security admin grants one, §42). It is an APP when the token is a
client-credentials token (gateway.access.tokens.VerifiedToken.client), else a PERSON.
A principal that exists but is deactivated, or whose department is, is never re-made.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.access.principals import Caller, load_caller
from gateway.access.tokens import VerifiedToken
from gateway.audit import record_for
from gateway.errors import Unauthenticated
from gateway.store.models import Department, Principal

if TYPE_CHECKING:
    from gateway.services import Services


def caller_for(services: Services, session: Session, token: VerifiedToken) -> Caller:
    """The principal `token` names with its department and the store's roles; provisioned
    first if it is unknown and provisioning is on. Unauthenticated otherwise."""
    try:
        return load_caller(session, token.principal)
    except Unauthenticated:
        if session.scalar(sa.select(Principal.name).where(Principal.name == token.principal)):
            raise  # deactivated, or its department is: refused, never re-made
    return provision(services, token)


def provision(services: Services, token: VerifiedToken) -> Caller:
    settings = services.settings
    name = token.principal
    if not settings.provision_principals:
        raise Unauthenticated(
            f"the token names principal {name!r}, which is not known here; ask the security "
            "admin to add it (principals are not provisioned from the identity provider's "
            "tokens unless the operator sets DATAGATE_PROVISION_PRINCIPALS)")
    claim = settings.jwt_department_claim
    if claim is None:
        raise Unauthenticated(
            f"principal {name!r} is not known here and cannot be provisioned: no department "
            "claim is configured; ask the operator to set DATAGATE_JWT_DEPARTMENT_CLAIM")
    if token.department is None:
        raise Unauthenticated(
            f"principal {name!r} is not known here and cannot be provisioned: its token has no "
            f"{claim} claim naming its department; ask the identity provider's administrator "
            "to add it")
    kind = "APP" if token.client else "PERSON"
    try:
        with services.store() as session, session.begin():
            department = session.get(Department, token.department)
            if department is None or not department.active:
                state = "unknown" if department is None else "deactivated"
                raise Unauthenticated(
                    f"principal {name!r} is not known here and cannot be provisioned: the "
                    f"department {token.department!r} its {claim} claim names is {state} here; "
                    "ask the security admin to add the principal or the department")
            session.add(Principal(name=name, kind=kind, department_code=department.code,
                                  active=True, created_at=services.clock.now(), created_by=None))
    except sa.exc.IntegrityError:  # a concurrent first request made it
        with services.store() as session:
            return load_caller(session, name)
    caller = Caller(principal=name, department=token.department, kind=kind)
    detail = json.dumps({"principal": name, "kind": kind, "department": token.department,
                         "roles": [], "by": "identity provider token"},
                        ensure_ascii=False, separators=(",", ":"))
    services.audit.append(record_for(caller, "ALLOWED", action="PROVISION_PRINCIPAL",
                                     detail=detail))
    return caller
