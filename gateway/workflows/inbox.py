"""Notifications (a department's or principal's inbox) and public notices (§39)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.access.principals import Caller
from gateway.store.models import Notice, Notification

if TYPE_CHECKING:
    from gateway.services import Services


def _mine(caller: Caller):
    who = [Notification.principal_name == caller.principal]
    if caller.department:
        who.append(sa.and_(Notification.department_code == caller.department,
                           Notification.principal_name.is_(None)))
        who.append(Notification.department_code == caller.department)
    return sa.or_(*who)


def notifications(services: Services, caller: Caller, unread_only: bool = False) -> list[Notification]:
    if caller.anonymous:
        return []
    statement = sa.select(Notification).where(_mine(caller)).order_by(Notification.id.desc())
    if unread_only:
        statement = statement.where(Notification.read_at.is_(None))
    with services.store() as session:
        return list(session.scalars(statement.limit(500)))


def mark_read(services: Services, caller: Caller, ids: list[int]) -> int:
    if caller.anonymous or not ids:
        return 0
    with services.store() as session, session.begin():
        result = session.execute(sa.update(Notification).where(
            Notification.id.in_(ids), _mine(caller), Notification.read_at.is_(None))
            .values(read_at=services.clock.now()))
        return result.rowcount


def notices(services: Services) -> list[Notice]:
    with services.store() as session:
        return list(session.scalars(sa.select(Notice).order_by(Notice.id.desc())))
