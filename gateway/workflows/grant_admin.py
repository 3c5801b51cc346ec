"""Listing and revoking grants. The owner's steward or the data authority revokes; the next
query under the grant is refused with GRANT_REVOKED (grants are read from the store on every
request, so every gateway process sharing the store sees it at once)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.errors import BadInput, Forbidden
from gateway.access.principals import Caller
from gateway.store.models import CatalogEntry, Grant
from gateway.workflows.common import (audit_action, get_or_404, notify,
                                      require_steward_or_authority)

if TYPE_CHECKING:
    from gateway.services import Services


def list_grants(services: Services, caller: Caller, dataset: str | None = None) -> list[Grant]:
    """The data authority sees every grant; a department its own and those on its data."""
    statement = sa.select(Grant).order_by(Grant.id)
    if dataset:
        statement = statement.where(Grant.dataset_code == dataset)
    if not caller.has_role("data_authority"):
        if not caller.department:
            raise Forbidden("grants are listed for departments and the data authority")
        owned = sa.select(CatalogEntry.code).where(CatalogEntry.owner_department == caller.department)
        statement = statement.where(sa.or_(Grant.department_code == caller.department,
                                           Grant.principal_name == caller.principal,
                                           Grant.dataset_code.in_(owned)))
    with services.store() as session:
        return list(session.scalars(statement))


def revoke(services: Services, caller: Caller, grant_id: int, reason: str) -> Grant:
    now = services.clock.now()
    with services.store() as session, session.begin():
        grant = get_or_404(session, Grant, grant_id, "grant")
        owner = session.get(CatalogEntry, grant.dataset_code).owner_department
        require_steward_or_authority(caller, owner, f"revokes grant {grant_id}")
        if grant.revoked_at is not None:
            raise BadInput(f"grant {grant_id} was already revoked")
        if not reason or not reason.strip():
            raise BadInput("say why the grant is revoked")
        grant.revoked_at, grant.revoked_by, grant.revoke_reason = now, caller.principal, reason.strip()
        notify(session, now, department=grant.department_code, principal=grant.principal_name,
               kind="GRANT_REVOKED",
               message=f"grant {grant.id} on {grant.dataset_code} was revoked: {grant.revoke_reason}",
               subject_kind="GRANT", subject_id=grant.id)
    audit_action(services, caller, "REVOKE_GRANT", dataset=grant.dataset_code, grant_id=grant.id,
                 purpose=grant.purpose, detail=grant.revoke_reason)
    return grant
