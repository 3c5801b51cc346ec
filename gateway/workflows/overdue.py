"""Overdue warnings (§44): requests, disputes, catalog updates (and usage reports) past
their deadline, with who owes them; those due within one working day show as DUE_SOON."""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import datetime as dt

import sqlalchemy as sa

from gateway.store.models import CatalogDuty, Dispute, ShareRequest

if TYPE_CHECKING:
    from gateway.services import Services


@dataclasses.dataclass(frozen=True)
class OverdueItem:
    kind: str  # SHARE_REQUEST | DISPUTE | CATALOG_UPDATE | USAGE_REPORT
    id: int
    due_on: dt.date
    owner: str
    status: str  # OVERDUE | DUE_SOON
    subject: str


def overdue_items(services: Services, department: str | None = None) -> list[OverdueItem]:
    today = services.clock.today()
    soon = services.calendar.add_working_days(today, 1)
    pending = []
    with services.store() as session:
        for r in session.scalars(sa.select(ShareRequest).where(ShareRequest.status == "PENDING")):
            pending.append(("SHARE_REQUEST", r.id, r.due_on, r.owner_department,
                            f"{r.requester_department} asks for {r.dataset_code}"))
        for d in session.scalars(sa.select(Dispute).where(Dispute.status == "OPEN")):
            pending.append(("DISPUTE", d.id, d.due_on, d.owner_department,
                            f"{d.field} of {d.dataset_code} {d.record_key}"))
        for c in session.scalars(sa.select(CatalogDuty).where(CatalogDuty.done_at.is_(None))):
            pending.append(("CATALOG_UPDATE", c.id, c.due_on, c.department_code,
                            f"update {c.entry_code}: {c.reason}"))
        pending.extend(_usage_reports(session))
    items = []
    for kind, ident, due_on, owner, subject in pending:
        if department and owner != department:
            continue
        if due_on < today:
            status = "OVERDUE"
        elif due_on <= soon:
            status = "DUE_SOON"
        else:
            continue
        items.append(OverdueItem(kind, ident, due_on, owner, status, subject))
    return sorted(items, key=lambda i: (i.due_on, i.kind, i.id))


def _usage_reports(session) -> list[tuple]:
    """Missing usage reports of conditional open data (§36), owed by the applicant."""
    from gateway.open_data.usage_reports import owed_reports

    return owed_reports(session)
