"""Query and mutation fields of the workflows. Each mutation is audited, refusals included."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import strawberry
from strawberry.types import Info

from gateway.errors import REFUSALS
from gateway.workflows import (catalog_review, consent, disputes, grant_admin, inbox, overdue,
                               roles, scenarios, share_requests)
from gateway.audit import audit_refusal
from gateway.store.models import Consent, Dispute, Grant, ShareRequest
from resolvers import workflow_types as t
from resolvers.workflow_inputs import (CatalogEntryInput, RequestShareInput, ScenarioInput,
                                       entry_spec)
from resolvers.ids import number


def _run(info: Info, action: str, fn, *args, dataset: str | None = None, about=None):
    """Run a workflow operation; a refusal is audited with its code before it is raised.
    ``about``: (model, id) of the request, release, grant … acted on, whose dataset the
    refusal's record then names (an auditor filters the trail by dataset)."""
    ctx = info.context
    try:
        return fn(ctx.services, ctx.caller, *args)
    except REFUSALS as exc:
        if dataset is None and about is not None:
            dataset = _dataset_of(ctx.services, *about)
        audit_refusal(ctx.services.audit.append, ctx.caller, exc, action=action, dataset=dataset)
        raise


def _dataset_of(services, model, id_: int) -> str | None:
    with services.store() as session:
        return getattr(session.get(model, id_), "dataset_code", None)


# --- queries ---------------------------------------------------------------------------

def share_requests_field(info: Info, box: t.Box = t.Box.INBOX,
                         status: Optional[t.RequestStatus] = None) -> list[t.ShareRequest]:
    rows = _run(info, "LIST_SHARE_REQUESTS", share_requests.list_requests, box.value,
                status.value if status else None)
    return [t.share_request(r) for r in rows]


def share_request_field(info: Info, id: strawberry.ID) -> t.ShareRequest:
    return t.share_request(_run(info, "READ_SHARE_REQUEST", share_requests.get_request, number(id)))


def grants_field(info: Info, dataset: Optional[str] = None) -> list[t.GrantInfo]:
    default = info.context.settings.compare_key_mismatch_limit
    return [t.grant_info(g, default)
            for g in _run(info, "LIST_GRANTS", grant_admin.list_grants, dataset)]


def scenarios_field(info: Info) -> list[t.Scenario]:
    return [t.scenario(s) for s in scenarios.list_scenarios(info.context.services)]


def disputes_field(info: Info, status: Optional[str] = None) -> list[t.Dispute]:
    return [t.dispute(d) for d in _run(info, "LIST_DISPUTES", disputes.list_disputes, status)]


def consents_field(info: Info) -> list[t.Consent]:
    return [t.consent(c) for c in _run(info, "LIST_CONSENTS", consent.my_consents)]


def notifications_field(info: Info, unread_only: bool = False) -> list[t.Notification]:
    ctx = info.context
    return [t.notification(n) for n in inbox.notifications(ctx.services, ctx.caller, unread_only)]


def notices_field(info: Info) -> list[t.Notice]:
    return [t.notice(n) for n in inbox.notices(info.context.services)]


def catalog_history_field(info: Info, code: str) -> list[t.CatalogVersion]:
    return [t.catalog_version(v) for v in catalog_review.history(info.context.services, code)]


def catalog_drafts_field(info: Info) -> list[t.CatalogDraft]:
    return [t.catalog_draft(d) for d in _run(info, "LIST_CATALOG_DRAFTS", catalog_review.drafts)]


def overdue_field(info: Info) -> list[t.OverdueItem]:
    """The data authority sees everything; a department (or a principal) what it owes."""
    ctx = info.context
    if ctx.caller.anonymous:
        return []
    department = None if ctx.caller.has_role("data_authority") else ctx.caller.department
    if department is None and not ctx.caller.has_role("data_authority"):
        department = ctx.caller.principal  # an organisation's principal: the reports it owes
    return [t.overdue_item(i) for i in overdue.overdue_items(ctx.services, department)]


QUERY_FIELDS = {
    "shareRequests": strawberry.field(resolver=share_requests_field, name="shareRequests",
                                      description="Your department's inbox or outbox of requests."),
    "shareRequest": strawberry.field(resolver=share_request_field, name="shareRequest"),
    "grants": strawberry.field(resolver=grants_field,
                               description="Grants of your department, or on its data."),
    "scenarios": strawberry.field(resolver=scenarios_field),
    "disputes": strawberry.field(resolver=disputes_field),
    "consents": strawberry.field(resolver=consents_field, description="A citizen's own consents."),
    "notifications": strawberry.field(resolver=notifications_field),
    "notices": strawberry.field(resolver=notices_field, description="Public notices (§39)."),
    "catalogHistory": strawberry.field(resolver=catalog_history_field, name="catalogHistory"),
    "catalogDrafts": strawberry.field(resolver=catalog_drafts_field, name="catalogDrafts"),
    "overdue": strawberry.field(resolver=overdue_field,
                                description="Work past or near its deadline (§44)."),
}


# --- mutations ---------------------------------------------------------------------------

@strawberry.type
class Mutation:
    @strawberry.mutation(description="Ask another department for data (§26).")
    def request_share(self, info: Info, input: RequestShareInput) -> t.ShareRequest:
        ask = share_requests.RequestInput(
            dataset=input.dataset, modes=[m.value for m in input.modes], fields=input.fields,
            purpose=input.purpose, purpose_description=input.purpose_description,
            users=input.users, expires_on=input.expires_on)
        return t.share_request(_run(info, "REQUEST_SHARE", share_requests.request_share, ask,
                                    dataset=input.dataset))

    @strawberry.mutation(description="Approve as asked or narrower; never wider.")
    def approve_share_request(self, info: Info, id: strawberry.ID, modes: Optional[list[t.Mode]] = None,
                              fields: Optional[list[str]] = None,
                              expires_on: Optional[dt.date] = None,
                              epsilon_budget: Optional[float] = None,
                              epsilon_per_query: Optional[float] = None,
                              rate_limit: Optional[str] = None,
                              daily_key_cap: Optional[int] = None,
                              key_mismatch_limit: Optional[int] = None) -> t.ShareRequest:
        conditions = share_requests.GrantConditions(epsilon_budget, epsilon_per_query,
                                                    rate_limit, daily_key_cap, key_mismatch_limit)
        return t.share_request(_run(
            info, "APPROVE_SHARE_REQUEST", share_requests.approve, number(id),
            [m.value for m in modes] if modes is not None else None, fields, expires_on,
            conditions, about=(ShareRequest, number(id))))

    @strawberry.mutation(description="Reject with a reason (and the legal basis for unconditional data).")
    def reject_share_request(self, info: Info, id: strawberry.ID, reason: str,
                             legal_basis: Optional[str] = None) -> t.ShareRequest:
        return t.share_request(_run(info, "REJECT_SHARE_REQUEST", share_requests.reject, number(id),
                                    reason, legal_basis, about=(ShareRequest, number(id))))

    @strawberry.mutation
    def revoke_grant(self, info: Info, id: strawberry.ID, reason: str) -> t.GrantInfo:
        return t.grant_info(_run(info, "REVOKE_GRANT", grant_admin.revoke, number(id), reason,
                                 about=(Grant, number(id))),
                            info.context.settings.compare_key_mismatch_limit)

    @strawberry.mutation(description="Define an application scenario (data authority, §28).")
    def define_scenario(self, info: Info, input: ScenarioInput) -> t.Scenario:
        items = [scenarios.ScenarioItem(dataset=i.dataset, modes=[m.value for m in i.modes],
                                        fields=i.fields) for i in input.items]
        return t.scenario(_run(info, "DEFINE_SCENARIO", scenarios.define, input.name,
                               input.purpose, items, input.departments, input.valid_until))

    @strawberry.mutation(description="End a scenario; the grants it made are revoked.")
    def end_scenario(self, info: Info, id: strawberry.ID, reason: str = "") -> t.Scenario:
        return t.scenario(_run(info, "END_SCENARIO", scenarios.end, number(id), reason))

    @strawberry.mutation(description="Report a record that looks wrong (§30).")
    def raise_dispute(self, info: Info, dataset: str, key: str, field: str,
                      description: str) -> t.Dispute:
        return t.dispute(_run(info, "RAISE_DISPUTE", disputes.raise_dispute, dataset, key, field,
                              description, dataset=dataset))

    @strawberry.mutation(description="Confirm or correct a disputed record (source steward).")
    def resolve_dispute(self, info: Info, id: strawberry.ID, outcome: t.DisputeOutcome, note: str) -> t.Dispute:
        return t.dispute(_run(info, "RESOLVE_DISPUTE", disputes.resolve, number(id), outcome.value, note,
                              about=(Dispute, number(id))))

    @strawberry.mutation(description="A citizen allows a department consent-required fields (§31).")
    def give_consent(self, info: Info, department: str, scenario_id: strawberry.ID, dataset: str,
                     fields: list[str], valid_until: dt.date) -> t.Consent:
        return t.consent(_run(info, "GIVE_CONSENT", consent.give, department, number(scenario_id),
                              dataset, fields, valid_until, dataset=dataset))

    @strawberry.mutation
    def withdraw_consent(self, info: Info, id: strawberry.ID) -> t.Consent:
        return t.consent(_run(info, "WITHDRAW_CONSENT", consent.withdraw, number(id),
                              about=(Consent, number(id))))

    @strawberry.mutation(description="Give a principal a role (security admin only, §42).")
    def assign_role(self, info: Info, principal: str, role: str) -> t.PrincipalRoles:
        p = _run(info, "ASSIGN_ROLE", roles.assign, principal, role)
        return t.PrincipalRoles(principal=p.name, roles=sorted(r.role for r in p.roles))

    @strawberry.mutation
    def remove_role(self, info: Info, principal: str, role: str) -> t.PrincipalRoles:
        p = _run(info, "REMOVE_ROLE", roles.remove, principal, role)
        return t.PrincipalRoles(principal=p.name, roles=sorted(r.role for r in p.roles))

    @strawberry.mutation
    def mark_notifications_read(self, info: Info, ids: list[strawberry.ID]) -> int:
        ctx = info.context
        return inbox.mark_read(ctx.services, ctx.caller, [number(i, "notification") for i in ids])

    @strawberry.mutation(description="Save a draft of an entry of your department (§12).")
    def save_catalog_draft(self, info: Info, entry: CatalogEntryInput) -> t.CatalogDraft:
        return t.catalog_draft(_run(info, "SAVE_CATALOG_DRAFT", catalog_review.save_draft,
                                    entry_spec(entry), dataset=entry.code))

    @strawberry.mutation
    def submit_catalog_draft(self, info: Info, id: strawberry.ID) -> t.CatalogDraft:
        return t.catalog_draft(_run(info, "SUBMIT_CATALOG_DRAFT", catalog_review.submit_draft, number(id)))

    @strawberry.mutation(description="Publish a submitted draft as a new version (data authority).")
    def publish_catalog_draft(self, info: Info, id: strawberry.ID, note: str = "") -> t.CatalogDraft:
        return t.catalog_draft(_run(info, "PUBLISH_CATALOG_ENTRY", catalog_review.review, number(id),
                                    True, note))

    @strawberry.mutation(description="Return a submitted draft with a note (data authority).")
    def return_catalog_draft(self, info: Info, id: strawberry.ID, note: str) -> t.CatalogDraft:
        return t.catalog_draft(_run(info, "RETURN_CATALOG_DRAFT", catalog_review.review, number(id),
                                    False, note))

    @strawberry.mutation(description="Record a change of legal basis or duties: 15 working days to update (§17).")
    def record_catalog_change(self, info: Info, code: str, reason: str) -> t.CatalogDuty:
        d = _run(info, "RECORD_CATALOG_DUTY", catalog_review.record_duty_change, code, reason,
                 dataset=code)
        return t.CatalogDuty(id=d.id, code=d.entry_code, reason=d.reason, due_on=d.due_on)

    @strawberry.mutation(description="Mark an entry no longer valid and publish a notice (§39).")
    def deprecate_catalog_entry(self, info: Info, code: str, reason: str) -> t.Notice:
        return t.notice(_run(info, "DEPRECATE_CATALOG_ENTRY", catalog_review.deprecate, code,
                             reason, dataset=code))
