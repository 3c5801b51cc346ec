"""Share requests (§26, §29): ask, answer within 5 working days, minimal authorisation."""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import datetime as dt

import sqlalchemy as sa

from gateway.catalog.datasets import MODES
from gateway.errors import BadInput, Forbidden, WideningNotAllowed
from gateway.access.principals import Caller
from gateway.store.models import CatalogEntry, Grant, Purpose, Scenario, ShareRequest
from gateway.workflows.common import (audit_action, due_in, end_of_day, future_date, get_or_404,
                                      notify, published_entry, require_department,
                                      require_role)

if TYPE_CHECKING:
    from gateway.services import Services

ANSWER_WITHIN = 5  # working days, §26


@dataclasses.dataclass
class RequestInput:
    dataset: str
    modes: list[str]
    fields: list[str]
    purpose: str
    purpose_description: str
    users: str
    expires_on: dt.date


def request_share(services: Services, caller: Caller, ask: RequestInput) -> ShareRequest:
    require_role(caller, "steward", "app")
    department = require_department(caller)
    now = services.clock.now()
    with services.store() as session, session.begin():
        entry = published_entry(session, ask.dataset)
        if entry.share_type == "NONE":
            raise BadInput(f"{ask.dataset} is not shared (share type NONE, §13(3)); "
                           "it cannot be requested")
        if entry.owner_department == department:
            raise BadInput(f"{ask.dataset} belongs to your own department; you have every mode already")
        _check_ask(entry, ask)
        future_date(services, ask.expires_on, "expiresOn")
        if session.get(Purpose, ask.purpose) is None:
            session.add(Purpose(code=ask.purpose, name=ask.purpose,
                                description=ask.purpose_description))
        request = ShareRequest(
            dataset_code=entry.code, owner_department=entry.owner_department,
            requester_department=department, requested_by=caller.principal,
            modes=sorted(set(ask.modes)), fields=sorted(set(ask.fields)), purpose=ask.purpose,
            purpose_description=ask.purpose_description, users=ask.users,
            expires_on=ask.expires_on, status="PENDING", filed_at=now,
            due_on=due_in(services, ANSWER_WITHIN))
        session.add(request)
        session.flush()
        scenario = _matching_scenario(session, services, request)
        if scenario is not None:
            grant = _grant_for(request, now, by=f"scenario:{scenario.id}", origin="SCENARIO",
                               scenario_id=scenario.id)
            session.add(grant)
            session.flush()
            request.status, request.decided_at = "APPROVED", now
            request.decided_by, request.grant_id = f"scenario:{scenario.id}", grant.id
            request.scenario_id = scenario.id
            notify(session, now, department=department, kind="REQUEST_APPROVED",
                   message=f"request {request.id} for {entry.code} was granted at once by "
                           f"scenario {scenario.id} ({scenario.name})",
                   subject_kind="SHARE_REQUEST", subject_id=request.id)
            notify(session, now, department=entry.owner_department, kind="SCENARIO_GRANT",
                   message=f"{department} was granted {entry.code} by scenario {scenario.name}",
                   subject_kind="SHARE_REQUEST", subject_id=request.id)
        else:
            notify(session, now, department=entry.owner_department, kind="REQUEST_RECEIVED",
                   message=f"{department} asks for {', '.join(request.modes)} on {entry.code} "
                           f"({', '.join(request.fields)}) for {request.purpose}; "
                           f"answer by {request.due_on.isoformat()}",
                   subject_kind="SHARE_REQUEST", subject_id=request.id)
    audit_action(services, caller, "REQUEST_SHARE", dataset=request.dataset_code,
                 fields=request.fields, purpose=request.purpose,
                 detail=f"request {request.id} {request.status}")
    return request


def _check_ask(entry: CatalogEntry, ask: RequestInput) -> None:
    if not ask.modes or not set(ask.modes) <= set(MODES):
        raise BadInput(f"name at least one mode of {', '.join(MODES)}")
    names = {f.name for f in entry.fields}
    unknown = sorted(set(ask.fields) - names)
    if not ask.fields or unknown:
        raise BadInput(f"fields must be some of {', '.join(sorted(names))}"
                       + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    if not ask.purpose.strip():
        raise BadInput("name the purpose (a purpose code, e.g. subsistence-allowance-review)")


def _matching_scenario(session, services: Services, request: ShareRequest) -> Scenario | None:
    today = services.clock.today()
    candidates = session.scalars(sa.select(Scenario).where(
        Scenario.ended_at.is_(None), Scenario.purpose == request.purpose,
        Scenario.valid_until >= today))
    for scenario in candidates:
        if request.requester_department not in scenario.departments:
            continue
        if request.expires_on > scenario.valid_until:
            continue
        for item in scenario.items:
            if (item["dataset"] == request.dataset_code
                    and set(request.modes) <= set(item["modes"])
                    and set(request.fields) <= set(item["fields"])):
                return scenario
    return None


def _grant_for(request: ShareRequest, now: dt.datetime, *, by: str, origin: str,
               scenario_id: int | None = None) -> Grant:
    return Grant(dataset_code=request.dataset_code, department_code=request.requester_department,
                 modes=list(request.modes), fields=list(request.fields), purpose=request.purpose,
                 expires_at=end_of_day(request.expires_on), created_at=now, created_by=by,
                 origin=origin, scenario_id=scenario_id, request_id=request.id)


def _pending_for_owner(session, caller: Caller, request_id: int) -> ShareRequest:
    request = get_or_404(session, ShareRequest, request_id, "share request")
    if caller.department != request.owner_department or not caller.has_role("steward"):
        raise Forbidden(f"only a steward of {request.owner_department} answers request {request_id}")
    if request.status != "PENDING":
        raise BadInput(f"request {request_id} is already {request.status}")
    return request


@dataclasses.dataclass
class GrantConditions:
    """What an owner may attach to an approval: a privacy budget for stats, compare limits."""

    epsilon_budget: float | None = None
    epsilon_per_query: float | None = None
    rate_limit: str | None = None
    daily_key_cap: int | None = None
    key_mismatch_limit: int | None = None

    def check(self) -> None:
        from limits import parse

        for name in ("epsilon_budget", "epsilon_per_query", "daily_key_cap"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise BadInput(f"{name} must be positive")
        if self.key_mismatch_limit is not None and self.key_mismatch_limit < 1:
            raise BadInput(f"keyMismatchLimit is how many non-matching compares of one key a "
                           f"department may make a day: a positive whole number, not "
                           f"{self.key_mismatch_limit}")
        if self.epsilon_per_query is not None and self.epsilon_budget is None:
            raise BadInput("epsilonPerQuery needs an epsilonBudget")
        if self.rate_limit is not None:
            try:
                parse(self.rate_limit)
            except ValueError:
                raise BadInput(f"rateLimit {self.rate_limit!r} is not like '60/minute'") from None


def approve(services: Services, caller: Caller, request_id: int, modes: list[str] | None = None,
            fields: list[str] | None = None, expires_on: dt.date | None = None,
            conditions: GrantConditions | None = None) -> ShareRequest:
    """Approve as asked, or narrower (fewer modes or fields, an earlier expiry); never wider.
    Conditions (a privacy budget, compare limits) only narrow what the grant allows."""
    now = services.clock.now()
    with services.store() as session, session.begin():
        request = _pending_for_owner(session, caller, request_id)
        wider = []
        if modes is not None and not set(modes) <= set(request.modes):
            wider.append(f"modes {', '.join(sorted(set(modes) - set(request.modes)))}")
        if fields is not None and not set(fields) <= set(request.fields):
            wider.append(f"fields {', '.join(sorted(set(fields) - set(request.fields)))}")
        if expires_on is not None and expires_on > request.expires_on:
            wider.append(f"expiry {expires_on.isoformat()} after the asked {request.expires_on.isoformat()}")
        if wider:
            raise WideningNotAllowed(f"approval may only narrow request {request_id}; "
                                     f"not asked for: {'; '.join(wider)} (minimal authorisation, §29)")
        if modes is not None and not modes or fields is not None and not fields:
            raise BadInput("approve at least one mode and one field, or reject the request")
        if expires_on is not None:
            future_date(services, expires_on, "expiresOn")
        request.modes = sorted(set(modes)) if modes is not None else request.modes
        request.fields = sorted(set(fields)) if fields is not None else request.fields
        request.expires_on = expires_on or request.expires_on
        grant = _grant_for(request, now, by=caller.principal, origin="REQUEST")
        if conditions is not None:
            conditions.check()
            for name, value in dataclasses.asdict(conditions).items():
                setattr(grant, name, value)
        session.add(grant)
        session.flush()
        request.status, request.decided_at, request.decided_by = "APPROVED", now, caller.principal
        request.grant_id = grant.id
        notify(session, now, department=request.requester_department, kind="REQUEST_APPROVED",
               message=f"request {request.id} for {request.dataset_code} was approved: "
                       f"{', '.join(request.modes)} on {', '.join(request.fields)} until "
                       f"{request.expires_on.isoformat()} (grant {grant.id})",
               subject_kind="SHARE_REQUEST", subject_id=request.id)
    audit_action(services, caller, "APPROVE_SHARE_REQUEST", dataset=request.dataset_code,
                 fields=request.fields, purpose=request.purpose, grant_id=request.grant_id,
                 detail=f"request {request.id}")
    return request


def reject(services: Services, caller: Caller, request_id: int, reason: str,
           legal_basis: str | None = None) -> ShareRequest:
    now = services.clock.now()
    with services.store() as session, session.begin():
        request = _pending_for_owner(session, caller, request_id)
        if not reason or not reason.strip():
            raise BadInput("a rejection needs a reason the requester can act on")
        entry = session.get(CatalogEntry, request.dataset_code)
        if entry.share_type == "UNCONDITIONAL" and not (legal_basis or "").strip():
            raise BadInput(f"{entry.code} is shared unconditionally: refusing it needs the legal "
                           "basis (法律法规依据, §5(3)) in legalBasis")
        request.status, request.decided_at, request.decided_by = "REJECTED", now, caller.principal
        request.reason, request.legal_basis = reason.strip(), (legal_basis or "").strip() or None
        notify(session, now, department=request.requester_department, kind="REQUEST_REJECTED",
               message=f"request {request.id} for {request.dataset_code} was rejected: {request.reason}",
               subject_kind="SHARE_REQUEST", subject_id=request.id)
    audit_action(services, caller, "REJECT_SHARE_REQUEST", dataset=request.dataset_code,
                 purpose=request.purpose, detail=f"request {request.id}: {request.reason}")
    return request


def list_requests(services: Services, caller: Caller, box: str, status: str | None) -> list[ShareRequest]:
    department = require_department(caller)
    column = ShareRequest.owner_department if box == "INBOX" else ShareRequest.requester_department
    statement = sa.select(ShareRequest).where(column == department).order_by(ShareRequest.id)
    if status:
        statement = statement.where(ShareRequest.status == status)
    with services.store() as session:
        return list(session.scalars(statement))


def get_request(services: Services, caller: Caller, request_id: int) -> ShareRequest:
    with services.store() as session:
        request = get_or_404(session, ShareRequest, request_id, "share request")
    if caller.department not in (request.owner_department, request.requester_department) \
            and not caller.has_role("data_authority"):
        raise Forbidden(f"request {request_id} is between other departments")
    return request
