"""What the data authority reads across departments (§17, §28, §44): one draft under review,
the §17 update clocks, and the figures of its dashboard (requests by state and department,
overdue work by department, data accesses per day from the audit trail).

Deciding stays with the workflows themselves (catalog_review.review, scenarios.define/end):
the web console's authority pages call those, as GraphQL does."""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import datetime as dt

import sqlalchemy as sa

from gateway.access.principals import Caller
from gateway.catalog.datasets import MODES
from gateway.clock import SHANGHAI
from gateway.store.models import AuditRecord, CatalogDraft, CatalogDuty, ShareRequest
from gateway.workflows.common import get_or_404, require_role
from gateway.workflows.overdue import overdue_items

if TYPE_CHECKING:
    from gateway.services import Services

ROLE = "data_authority"
REQUEST_STATES = ("PENDING", "APPROVED", "REJECTED")


def draft(services: Services, caller: Caller, draft_id: int) -> CatalogDraft:
    """One catalog draft, as the data authority reviews it."""
    require_role(caller, ROLE)
    with services.store() as session:
        return get_or_404(session, CatalogDraft, draft_id, "catalog draft")


def update_clocks(services: Services, caller: Caller) -> list[Owed]:
    """Every entry still to be updated after a change of its legal basis or duties (§17),
    nearest deadline first, with working days left (or overdue)."""
    require_role(caller, ROLE)
    with services.store() as session:
        duties = list(session.scalars(sa.select(CatalogDuty).where(CatalogDuty.done_at.is_(None))))
    return soonest_first(services, duties)


def working_days_left(services: Services, due_on: dt.date) -> int:
    today, calendar = services.clock.today(), services.calendar
    if due_on >= today:
        return calendar.working_days_between(today, due_on)
    return -calendar.working_days_between(due_on, today)


@dataclasses.dataclass(frozen=True)
class Owed:
    """Something a department owes an answer to (a share request, a dispute, an application)
    and the working days left to its deadline."""

    item: object  # a store row with due_on and id
    working_days_left: int  # negative: overdue by that many


def soonest_first(services: Services, items) -> list[Owed]:
    """``items`` nearest deadline first (then oldest), each with its working days left."""
    return [Owed(i, working_days_left(services, i.due_on))
            for i in sorted(items, key=lambda i: (i.due_on, i.id))]


@dataclasses.dataclass(frozen=True)
class Figures:
    requests: dict[str, dict[str, int]]  # department answering -> state -> count
    overdue: dict[str, dict[str, int]]  # department owing -> OVERDUE | DUE_SOON -> count
    accesses: list[tuple[dt.date, int, int]]  # day (Shanghai), allowed, refused


def figures(services: Services, caller: Caller, days: int = 14) -> Figures:
    require_role(caller, ROLE)
    with services.store() as session:
        rows = session.execute(sa.select(
            ShareRequest.owner_department, ShareRequest.status, sa.func.count())
            .group_by(ShareRequest.owner_department, ShareRequest.status)).all()
        accesses = _accesses_per_day(session, services.clock.today(), days)
    requests: dict[str, dict[str, int]] = {}
    for department, status, count in rows:
        requests.setdefault(department, {})[status] = count
    overdue: dict[str, dict[str, int]] = {}
    for item in overdue_items(services):
        counts = overdue.setdefault(item.owner, {})
        counts[item.status] = counts.get(item.status, 0) + 1
    return Figures(dict(sorted(requests.items())), dict(sorted(overdue.items())), accesses)


def _accesses_per_day(session, today: dt.date, days: int) -> list[tuple[dt.date, int, int]]:
    """Lookups, compares, statistics and row reads per day in Shanghai, allowed and refused:
    one pass over the trail, bucketed by the days' bounds (portable across the stores)."""
    first = today - dt.timedelta(days=days - 1)
    starts = [dt.datetime.combine(first + dt.timedelta(days=i), dt.time(), SHANGHAI)
              for i in range(days + 1)]
    bucket = sa.case(*[(AuditRecord.at < starts[i + 1], i) for i in range(days)], else_=days)
    counted = session.execute(
        sa.select(bucket, AuditRecord.outcome, sa.func.count())
        .where(AuditRecord.at >= starts[0], AuditRecord.at < starts[-1],
               AuditRecord.mode.in_(MODES))
        .group_by(bucket, AuditRecord.outcome)).all()
    per_day = [[first + dt.timedelta(days=i), 0, 0] for i in range(days)]
    for index, outcome, count in counted:
        if 0 <= index < days:
            per_day[index][1 if outcome == "ALLOWED" else 2] += count
    return [tuple(d) for d in per_day]
