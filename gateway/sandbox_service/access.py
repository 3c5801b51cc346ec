"""Who may use the sandbox on what: a bearer token, an approved SANDBOX application for every
dataset (checked at opening and again before every query), and well-formed requests."""
from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa

from gateway.catalog.datasets import Dataset
from gateway.errors import (ApplicationExpired, ApplicationRequired, ApplicationSuspended,
                            BadInput, ForbiddenDataset, Unauthenticated)
from gateway.open_data.applications import approved_sandbox_application, live_application
from gateway.access.principals import Caller
from gateway.store.models import OpenApplication
from gateway.store.sandbox_models import SandboxRelease
from gateway.store.text_limits import text_lengths

MAX_DATASETS = 8
MAX_SQL_CHARS = text_lengths(SandboxRelease)["sql"]  # a query's too, kept or not


def _why_not_approved(session, principal: str, dataset: Dataset, today: dt.date) -> ForbiddenDataset:
    """FORBIDDEN_DATASET saying why (no application, suspended, expired; `reason` its code)."""
    try:
        live_application(session, principal, dataset.code, "SANDBOX", today)
    except ApplicationRequired:
        return ForbiddenDataset(
            f"you have no approved sandbox application for {dataset.code}; apply for its "
            f"conditional open use (§36(2), applyForOpenData with channel SANDBOX), sign the "
            f"commitment, and wait for the approval of {dataset.owner_department}",
            extensions={"reason": ApplicationRequired.code})
    except (ApplicationSuspended, ApplicationExpired) as exc:
        return ForbiddenDataset(exc.message, extensions={"reason": exc.code})
    return ForbiddenDataset(f"no approved sandbox application for {dataset.code}")


@dataclasses.dataclass(frozen=True)
class _Approval:
    dataset: Dataset
    application_id: int
    purpose: str
    fields: tuple[str, ...]


class _AccessChecks:
    """The application checks of SandboxService (mixed into it: uses its gateway, manager,
    `_meta_of` and `_forget`)."""

    def _approval(self, session, caller: Caller, dataset: Dataset | None, code: str,
                  today: dt.date) -> _Approval:
        if dataset is None:
            raise ForbiddenDataset(f"there is no published dataset {code!r}; `catalog` lists the codes")
        if dataset.open_type == "NONE":
            raise ForbiddenDataset(f"{code} is not open data (open type NONE, §15); "
                                   "it cannot be used in the sandbox")
        app = approved_sandbox_application(session, caller.principal, code, today)
        if app is None:
            raise _why_not_approved(session, caller.principal, dataset, today)
        fields = tuple(f for f in dataset.field_names if f in set(app.fields or []))
        if not fields:
            raise ForbiddenDataset(f"your sandbox application {app.id} for {code} names no field "
                                   "the catalog still has")
        return _Approval(dataset, app.id, app.purpose, fields)

    def _check_applications(self, session_id: str) -> None:
        """Every application the session rests on must still be approved and unexpired."""
        meta = self._meta_of(session_id)
        if meta is None:
            return
        today = self.services.clock.today()
        with self.services.store() as session:
            apps = session.scalars(sa.select(OpenApplication)
                                   .where(OpenApplication.id.in_(meta.applications))).all()
        for app in apps:
            if app.status != "APPROVED" or (app.expires_on is not None and app.expires_on < today):
                self.manager.close(session_id, meta.owner)
                self._forget(session_id, closed=True)
                state = "is suspended" if app.status == "SUSPENDED" else (
                    f"expired on {app.expires_on}" if app.status == "APPROVED" else f"is {app.status}")
                raise ForbiddenDataset(f"your sandbox application {app.id} for {app.dataset_code} "
                                       f"{state}; the session was closed and its data deleted")


def _require_principal(caller: Caller) -> None:
    if caller.anonymous:
        raise Unauthenticated("the sandbox needs a bearer token: send 'Authorization: Bearer <token>'")


def _dataset_list(datasets) -> list[str]:
    if not isinstance(datasets, list) or not datasets or not all(isinstance(d, str) and d for d in datasets):
        raise BadInput('Name the datasets to load: {"datasets": ["socialInsurance"]}.')
    if len(set(datasets)) != len(datasets):
        raise BadInput("A dataset is named twice.")
    if len(datasets) > MAX_DATASETS:
        raise BadInput(f"At most {MAX_DATASETS} datasets go into one session.")
    return list(datasets)


def _codes_for_audit(datasets) -> str | None:
    if isinstance(datasets, list):
        return ",".join(str(d) for d in datasets)[:64] or None
    return None


def _sql_text(sql) -> str:
    if not isinstance(sql, str) or not sql.strip():
        raise BadInput('Send one SQL SELECT statement: {"sql": "SELECT ..."}.')
    if len(sql) > MAX_SQL_CHARS:
        raise BadInput(f"The SQL is longer than {MAX_SQL_CHARS} characters.")
    return sql


def _detail(sql) -> str:
    return sql[:500] if isinstance(sql, str) else ""
