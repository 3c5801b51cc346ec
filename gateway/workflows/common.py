"""Pieces every workflow shares: roles, deadlines, notifications, audit of actions."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from gateway.audit import record_for
from gateway.clock import SHANGHAI
from gateway.errors import BadInput, Forbidden, NotFound
from gateway.access.principals import Caller
from gateway.store.models import Notification
from gateway.store.text_limits import fitted

if TYPE_CHECKING:
    from gateway.services import Services


def require_role(caller: Caller, *roles: str) -> None:
    if caller.anonymous or not any(caller.has_role(r) for r in roles):
        names = " or ".join(roles)
        raise Forbidden(f"this needs the {names} role; you have "
                        f"{', '.join(sorted(caller.roles)) or 'none'}")


def require_steward_or_authority(caller: Caller, department: str, what: str) -> None:
    """A steward of ``department`` or the data authority may do ``what``; nobody else."""
    if caller.has_role("data_authority"):
        return
    if caller.department == department and caller.has_role("steward"):
        return
    raise Forbidden(f"only a steward of {department} or the data authority {what}")


def require_department(caller: Caller) -> str:
    if not caller.department:
        raise Forbidden("this is for principals of a department")
    return caller.department


def get_or_404(session: Session, model, key, what: str):
    row = session.get(model, key)
    if row is None:
        raise NotFound(f"there is no {what} {key}")
    return row


def published_entry(session: Session, code: str, error=BadInput):
    """The published catalog entry ``code``; ``error`` (BAD_INPUT unless said) if there is none."""
    from gateway.store.models import CatalogEntry

    entry = session.get(CatalogEntry, code)
    if entry is None or entry.status != "PUBLISHED":
        raise error(f"{code!r} is not a published dataset; see `catalog`")
    return entry


def end_of_day(day: dt.date) -> dt.datetime:
    """The instant a date (Asia/Shanghai) ends, in UTC: grants last through their last day."""
    local = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
    return local.astimezone(dt.timezone.utc)


def future_date(services: Services, day: dt.date, what: str) -> dt.date:
    if day <= services.clock.today():
        raise BadInput(f"{what} must be after today ({services.clock.today().isoformat()})")
    return day


def due_in(services: Services, working_days: int) -> dt.date:
    """The deadline counted from today in Chinese working days (the filing day not counted)."""
    return services.calendar.add_working_days(services.clock.today(), working_days)


def notify(session: Session, now: dt.datetime, *, department: str | None, kind: str, message: str,
           subject_kind: str | None = None, subject_id: int | None = None,
           principal: str | None = None) -> None:
    session.add(Notification(department_code=department, principal_name=principal, kind=kind,
                             message=fitted(Notification, "message", message),
                             subject_kind=subject_kind, subject_id=subject_id, created_at=now))


def change_detail(subject: str, before: dict | None, after: dict | None) -> str:
    """An administrative act's audit detail: what it acted on, and its state before and after
    (None where it did not exist), as compact JSON that an auditor can diff."""
    import json

    return json.dumps({"subject": subject, "before": before, "after": after},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def audit_action(services: Services, caller: Caller, action: str, *, dataset: str | None = None,
                 detail: str = "", fields: list[str] | None = None, purpose: str | None = None,
                 grant_id: int | None = None) -> None:
    """Record a workflow action that was done; refusals go through gateway.audit.audit_refusal."""
    services.audit.append(record_for(
        caller, "ALLOWED", dataset=dataset, mode=None, fields=sorted(fields or []),
        purpose=purpose, grant_id=grant_id, action=action, detail=detail))
