"""A citizen gives a consent (§31) from /me/consents: the scenarios that could use one, each
with its eligible departments and the consent-required fields of its datasets, offered as a
form; the answer is `giveConsent`'s use case (gateway.workflows.consent.give), refusals
audited as GIVE_CONSENT. Withdrawing is citizen.py's."""
from __future__ import annotations

import dataclasses
import datetime as dt

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.errors import REFUSALS, BadInput
from gateway.web.console.page import checked_post
from gateway.workflows import consent, scenarios


@dataclasses.dataclass(frozen=True)
class Offer:
    """One consent that could be given: to a department, for a scenario, on a dataset."""
    scenario_id: int
    scenario_name: str
    department: str
    dataset: str
    dataset_name: str
    fields: tuple[str, ...]  # the consent-required fields the scenario uses
    valid_until: dt.date  # the scenario's end: the default and the latest sensible date


def offers(services) -> list[Offer]:
    today = services.clock.today()
    found = []
    for s in scenarios.list_scenarios(services):
        if s.ended_at is not None or s.valid_until < today:
            continue
        for item in s.items:
            dataset = services.published.get(item["dataset"])
            if dataset is None:
                continue
            needing = tuple(f.name for f in dataset.fields
                            if f.consent_required and f.name in item["fields"])
            for department in needing and s.departments:
                found.append(Offer(s.id, s.name, department, dataset.code, dataset.name,
                                   needing, s.valid_until))
    return found


async def consents_page(page, status: int = 200, error=None) -> Response:
    """My consents and the consents I could give; `error` a refused give, shown above its form."""
    try:
        found = await page.door.run_blocking(consent.my_consents, page.services, page.caller)
    except REFUSALS as exc:  # not a citizen
        page.door.refuse(page.caller, exc, action="LIST_CONSENTS")
        return page.render("error.html", status=exc.http_status, code=exc.code,
                           message=page.t("error.forbidden"))
    offered = await page.door.run_blocking(offers, page.services)
    given = page.request.query_params.get("given", "")
    return page.render("my_consents.html", status=status, consents=found, offers=offered,
                       error=error, given=given if given.isdigit() else "",
                       today=page.services.clock.today())


def _one(form: dict, name: str) -> str:
    return (form.get(name) or [""])[0].strip()


async def give_consent(request: Request) -> Response:
    page, form, refused = await checked_post(request)
    if refused is not None:
        return refused
    services, caller = page.services, page.caller
    try:
        try:
            scenario_id = int(_one(form, "scenario"))
            until = dt.date.fromisoformat(_one(form, "valid_until"))
        except ValueError:
            raise BadInput("choose a scenario and a date (YYYY-MM-DD) the consent holds until")
        given = await page.door.run_blocking(
            consent.give, services, caller, _one(form, "department"), scenario_id,
            _one(form, "dataset"), form.get("field", []), until)
    except REFUSALS as exc:
        page.door.refuse(caller, exc, action="GIVE_CONSENT", dataset=_one(form, "dataset") or None)
        return await consents_page(page, status=exc.http_status, error=exc)
    return RedirectResponse(f"/me/consents?given={given.id}", status_code=303)
