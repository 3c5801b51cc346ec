"""The public open-data portal: the open catalog searched and filtered, one dataset's page,
the notices (§39). Anonymous; the same catalog the JSON routes serve (gateway.open_data.dcat),
the downloads are the open-data routes' own (gateway.web.open_data_routes)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from gateway.open_data import dcat
from gateway.web.console.page import page_for
from gateway.workflows.inbox import notices

FILTERS = ("department", "theme", "open_type", "frequency")


def _open_catalog(services, base_url: str) -> list[dict]:
    with services.store() as session:
        return dcat.catalog_json(dcat.open_entries(services, session), base_url,
                                 services.settings.open_data_license)["datasets"]


def matching(datasets: list[dict], q: str, department: str, open_type: str,
             frequency: str, theme: str = "") -> list[dict]:
    """The datasets that hold `q` (in name, code, description or a field's name or meaning,
    case-insensitive) and match every filter given."""
    q = q.strip().lower()
    found = []
    for d in datasets:
        text = " ".join([d["code"], d["name"], d["description"] or ""]
                        + [f"{f['name']} {f['description'] or ''}" for f in d["fields"]]).lower()
        if q and q not in text:
            continue
        if department and d["publisher"]["code"] != department:
            continue
        if theme and d["theme"] != theme:
            continue
        if open_type and d["openType"] != open_type:
            continue
        if frequency and d["updateFrequency"] != frequency:
            continue
        found.append(d)
    return found


def _choices(datasets: list[dict]) -> dict[str, list[tuple[str, str]]]:
    departments = sorted({(d["publisher"]["code"], d["publisher"]["name"]) for d in datasets})
    return {"department": departments,
            "theme": [(v, v) for v in sorted({d["theme"] for d in datasets} - {None, ""})],
            "open_type": [(v, v) for v in sorted({d["openType"] for d in datasets})],
            "frequency": [(v, v) for v in sorted({d["updateFrequency"] for d in datasets} - {""})]}


async def datasets_page(request: Request) -> Response:
    page = await page_for(request)
    every = await page.door.run_blocking(_open_catalog, page.services, str(request.base_url))
    params = request.query_params
    chosen = {name: params.get(name, "") for name in FILTERS}
    q = params.get("q", "")
    found = matching(every, q, **chosen)
    # htmx asks for the results only as the search is typed; a plain GET gets the whole page
    fragment = request.headers.get("hx-request") and not request.headers.get(
        "hx-history-restore-request")
    response = page.render("datasets_results.html" if fragment else "datasets.html",
                           datasets=found, q=q, chosen=chosen, choices=_choices(every))
    response.headers["Vary"] = "HX-Request, Accept-Language, Cookie"
    return response


async def dataset_page(request: Request) -> Response:
    page = await page_for(request)
    code = request.path_params["code"]
    every = await page.door.run_blocking(_open_catalog, page.services, str(request.base_url))
    dataset = next((d for d in every if d["code"] == code), None)
    if dataset is None:
        return page.render("error.html", status=404, code="NOT_FOUND",
                           message=page.t("dataset.not_found"))
    relevant = [n for n in await page.door.run_blocking(notices, page.services)
                if n.dataset_code == code]
    return page.render("dataset.html", dataset=dataset, notices=relevant)


async def notices_page(request: Request) -> Response:
    page = await page_for(request)
    found = await page.door.run_blocking(notices, page.services)
    return page.render("notices.html", notices=found)
