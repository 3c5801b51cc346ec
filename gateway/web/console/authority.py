"""The data authority's pages: catalog drafts to review (publish, or send back with a note),
application scenarios (§28: define, end), overdue work across departments with the §17
update clocks, and a dashboard of charts (gateway/web/console/charts.py).

The use cases are GraphQL's own (gateway.workflows.catalog_review.review, scenarios.define
and end, overdue.overdue_items) plus the authority's read-outs (gateway.workflows.
authority_view); a page of another role is 403 and audited (CONSOLE_AUTHORITY), a refused
act is audited with the mutation's action name."""
from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from gateway.audit import audit_refusal
from gateway.catalog.datasets import MODES
from gateway.errors import REFUSALS, BadInput
from gateway.workflows import authority_view, catalog_review, departments, overdue, scenarios
from gateway.web.console import charts
from gateway.web.console.page import Page, checked_post, page_for

ROLE = authority_view.ROLE
SHOWN_REVIEWED = 20
STATE_FILLS = {"PENDING": "#b35900", "APPROVED": "#0b4f8a", "REJECTED": "#5a5a5a"}
OVERDUE_FILLS = {"OVERDUE": "#a40000", "DUE_SOON": "#b35900"}
ACCESS_FILLS = {"ALLOWED": "#0b4f8a", "DENIED": "#a40000"}


async def _open(request: Request) -> tuple[Page, Response | None]:
    """The page, or the response refusing it: sign in first, or 403 (audited)."""
    page = await page_for(request)
    if page.session is None:
        return page, page.sign_in_first()
    if not page.caller.has_role(ROLE):
        return page, page.forbid("the data authority's pages are for the data_authority role",
                                 "CONSOLE_AUTHORITY")
    return page, None


async def _act(request: Request, action: str) -> tuple[Page, dict | None, Response | None]:
    """A POST of the authority's: CSRF checked, the role checked (403 audited as `action`)."""
    page, form, refused = await checked_post(request)
    if refused is None and not page.caller.has_role(ROLE):
        refused = page.forbid(f"{action} is the data authority's act", action)
    return page, form, refused


def _one(form: dict, name: str) -> str:
    return (form.get(name) or [""])[0]


# --- catalog drafts ------------------------------------------------------------------------

async def drafts_page(request: Request) -> Response:
    page, refused = await _open(request)
    if refused is not None:
        return refused
    every = await page.door.run_blocking(catalog_review.drafts, page.services, page.caller)
    submitted = [d for d in every if d.status == "SUBMITTED"]
    reviewed = [d for d in every if d.status in ("PUBLISHED", "RETURNED")][::-1][:SHOWN_REVIEWED]
    done = ""
    just = request.query_params.get("reviewed", "")
    for d in reviewed:
        if str(d.id) == just:
            done = page.t(f"authority.draft_{d.status.lower()}_ok", code=d.entry_code)
    return page.render("authority_drafts.html", submitted=submitted, reviewed=reviewed, done=done)


def _draft_and_current(services, caller, draft_id: int):
    """The draft and the published entry it would replace (None for a new one)."""
    draft = authority_view.draft(services, caller, draft_id)
    with services.store() as session:
        return draft, services.catalog(session).get(draft.entry_code)


async def _draft_view(page: Page, draft_id: int, status: int = 200, error=None) -> Response:
    draft, current = await page.door.run_blocking(_draft_and_current, page.services,
                                                  page.caller, draft_id)
    return page.render("authority_draft.html", status=status, draft=draft, spec=draft.spec,
                       current=current, error=error)


async def draft_page(request: Request) -> Response:
    page, refused = await _open(request)
    if refused is not None:
        return refused
    draft_id = page.path_id()
    if draft_id is None:
        return page.not_found()
    try:
        return await _draft_view(page, draft_id)
    except REFUSALS as exc:
        audit_refusal(page.services.audit.append, page.caller, exc, action="READ_CATALOG_DRAFT")
        return page.refused(exc)


async def _review(request: Request, publish_it: bool) -> Response:
    action = "PUBLISH_CATALOG_ENTRY" if publish_it else "RETURN_CATALOG_DRAFT"
    page, form, refused = await _act(request, action)
    if refused is not None:
        return refused
    draft_id = page.path_id()
    if draft_id is None:
        return page.not_found()
    try:
        draft = await page.door.run_blocking(catalog_review.review, page.services, page.caller,
                                             draft_id, publish_it, _one(form, "note"))
    except REFUSALS as exc:
        audit_refusal(page.services.audit.append, page.caller, exc, action=action)
        try:
            return await _draft_view(page, draft_id, exc.http_status, exc)
        except REFUSALS:
            return page.refused(exc)
    return RedirectResponse(f"/authority/drafts?reviewed={draft.id}", status_code=303)


async def publish(request: Request) -> Response:
    return await _review(request, True)


async def send_back(request: Request) -> Response:
    return await _review(request, False)


# --- scenarios -----------------------------------------------------------------------------

def _scenario_choices(services):
    with services.store() as session:
        datasets = sorted(services.catalog(session).datasets.values(), key=lambda d: d.code)
    return datasets, departments.list_departments(services, include_inactive=False)


async def _scenarios_view(page: Page, status: int = 200, error=None, done: str = "",
                          form: dict | None = None) -> Response:
    services = page.services
    every = await page.door.run_blocking(scenarios.list_scenarios, services)
    datasets, depts = await page.door.run_blocking(_scenario_choices, services)
    today = services.clock.today()
    return page.render("authority_scenarios.html", status=status, scenarios=every[::-1],
                       today=today, datasets=datasets, departments=depts, modes=MODES,
                       error=error, done=done, form=form or {},
                       default_until=dt.date(today.year + 1, 12, 31).isoformat())


async def scenarios_page(request: Request) -> Response:
    page, refused = await _open(request)
    if refused is not None:
        return refused
    just = request.query_params.get("done", "")
    done = page.t("authority.scenario_" + just.split("-")[0] + "_ok", id=just.split("-")[-1]) \
        if just.split("-")[0] in ("defined", "ended") else ""
    return await _scenarios_view(page, done=done)


def _scenario_ask(form: dict) -> tuple:
    """The define form's values as scenarios.define takes them; BAD_INPUT for a bad date."""
    try:
        until = dt.date.fromisoformat(_one(form, "valid_until"))
    except ValueError:
        raise BadInput("validUntil is a date like 2027-12-31") from None
    fields = [f for f in _one(form, "fields").replace("，", ",").replace(" ", ",").split(",") if f]
    item = scenarios.ScenarioItem(dataset=_one(form, "dataset"), modes=form.get("mode", []),
                                  fields=fields)
    return (_one(form, "name"), _one(form, "purpose").strip(), [item],
            form.get("department", []), until)


async def define_scenario(request: Request) -> Response:
    page, form, refused = await _act(request, "DEFINE_SCENARIO")
    if refused is not None:
        return refused
    try:
        ask = _scenario_ask(form)
        scenario = await page.door.run_blocking(scenarios.define, page.services, page.caller, *ask)
    except REFUSALS as exc:
        audit_refusal(page.services.audit.append, page.caller, exc, action="DEFINE_SCENARIO")
        return await _scenarios_view(page, exc.http_status, exc, form=form)
    return RedirectResponse(f"/authority/scenarios?done=defined-{scenario.id}", status_code=303)


async def end_scenario(request: Request) -> Response:
    page, form, refused = await _act(request, "END_SCENARIO")
    if refused is not None:
        return refused
    scenario_id = page.path_id()
    if scenario_id is None:
        return page.not_found()
    try:
        await page.door.run_blocking(scenarios.end, page.services, page.caller, scenario_id,
                                     _one(form, "reason").strip())
    except REFUSALS as exc:
        audit_refusal(page.services.audit.append, page.caller, exc, action="END_SCENARIO")
        return await _scenarios_view(page, exc.http_status, exc)
    return RedirectResponse(f"/authority/scenarios?done=ended-{scenario_id}", status_code=303)


# --- overdue and the §17 clocks ----------------------------------------------------------

async def overdue_page(request: Request) -> Response:
    page, refused = await _open(request)
    if refused is not None:
        return refused
    items = await page.door.run_blocking(overdue.overdue_items, page.services)
    clocks = await page.door.run_blocking(authority_view.update_clocks, page.services, page.caller)
    left = {i: authority_view.working_days_left(page.services, i.due_on) for i in items}
    return page.render("authority_overdue.html", items=items, left=left, clocks=clocks)


# --- the dashboard -------------------------------------------------------------------------

def _charts(page: Page, figures: authority_view.Figures) -> list[tuple[charts.Chart, str]]:
    t = page.t
    states = [charts.Series(s, t("status." + s), STATE_FILLS[s])
              for s in authority_view.REQUEST_STATES]
    late = [charts.Series(s, t("authority.overdue_status." + s), OVERDUE_FILLS[s])
            for s in OVERDUE_FILLS]
    outcomes = [charts.Series(s, t("outcome." + s), ACCESS_FILLS[s]) for s in ACCESS_FILLS]
    per_day = {day.strftime("%m-%d"): {"ALLOWED": allowed, "DENIED": denied}
               for day, allowed, denied in figures.accesses}
    first, last = figures.accesses[0][0], figures.accesses[-1][0]
    return [
        (charts.stacked("chart-requests", t("authority.chart_requests"),
                        t("authority.chart_requests_desc"), list(figures.requests), states,
                        figures.requests), t("authority.department")),
        (charts.stacked("chart-overdue", t("authority.chart_overdue"),
                        t("authority.chart_overdue_desc"), list(figures.overdue), late,
                        figures.overdue), t("authority.department")),
        (charts.stacked("chart-accesses", t("authority.chart_accesses"),
                        t("authority.chart_accesses_desc", first=first.isoformat(),
                          last=last.isoformat()), list(per_day), outcomes, per_day,
                        vertical=True), t("authority.day")),
    ]


async def dashboard_page(request: Request) -> Response:
    page, refused = await _open(request)
    if refused is not None:
        return refused
    figures = await page.door.run_blocking(authority_view.figures, page.services, page.caller)
    return page.render("authority_dashboard.html", charts=_charts(page, figures))


def routes() -> list[Route]:
    return [
        Route("/authority", dashboard_page, methods=["GET"]),
        Route("/authority/drafts", drafts_page, methods=["GET"]),
        Route("/authority/drafts/{id}", draft_page, methods=["GET"]),
        Route("/authority/drafts/{id}/publish", publish, methods=["POST"]),
        Route("/authority/drafts/{id}/return", send_back, methods=["POST"]),
        Route("/authority/scenarios", scenarios_page, methods=["GET"]),
        Route("/authority/scenarios", define_scenario, methods=["POST"]),
        Route("/authority/scenarios/{id}/end", end_scenario, methods=["POST"]),
        Route("/authority/overdue", overdue_page, methods=["GET"]),
    ]
