"""The auditor's trail: the audit records filtered by principal, dataset, outcome and action,
paged newest first, and exported as CSV. The use case is GraphQL auditLog's
(gateway.access.audit_trail): only auditors read it, and every reading is audited.

A search by a citizen's key is a POST (the key in the body, never in the address, which
would stay in the browser's history); the use case finds the records by the key's keyed
digest and audits the search with the digest, not the key."""
from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from gateway.access.audit_trail import TrailFilter, read_trail, verify_trail
from gateway.access.request import AccessContext
from gateway.clock import SHANGHAI
from gateway.errors import REFUSALS, BadInput
from gateway.modes.rows import encode_cursor
from gateway.web.console.page import SECURITY_HEADERS, checked_post, page_for

PAGE_SIZE = 50
COLUMNS = ("id", "at", "principal", "department", "outcome", "action", "dataset", "mode",
           "fields", "purpose", "grant_id", "rows", "error_code", "detail", "hash")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run these as formulas


def _filter(request: Request, form: dict | None = None) -> TrailFilter:
    if form is not None:  # the subject search's POST: its filters are in the body
        params = {name: (values or [""])[0] for name, values in form.items()}
        subject = (params.get("subject") or "").strip()[:100] or None
    else:
        params, subject = request.query_params, None
    since, until = _day(params.get("since")), _day(params.get("until"))
    return TrailFilter(subject=subject, since=since,
                       until=until + dt.timedelta(days=1) if until else None,  # inclusive
                       **{name: (params.get(name) or "").strip()[:100] or None
                          for name in ("principal", "dataset", "outcome", "action")})


def _dates(where: TrailFilter) -> dict[str, str]:
    """The filter's days as the form shows them (until is inclusive there)."""
    return {"since": where.since.date().isoformat() if where.since else "",
            "until": (where.until - dt.timedelta(days=1)).date().isoformat() if where.until else ""}


def _day(value: str | None) -> dt.datetime | None:
    """A YYYY-MM-DD date as the instant its day starts on the platform's clock (Shanghai)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), tzinfo=SHANGHAI)
    except ValueError:
        raise BadInput(f"a date is written YYYY-MM-DD, not {value[:20]!r}")


def _context(page) -> AccessContext:
    services, access = page.services, page.access
    return AccessContext(services=services, caller=access.caller, grants=access.grants,
                         catalog=services.published, now=services.clock.now())


def _read(page, first: int, after: str | None, where: TrailFilter):
    return read_trail(_context(page), first, after, where)


async def verify(request: Request) -> Response:
    """The hash chain walked whole on the auditor's asking (a POST: it reads every record)."""
    page, form, refused = await checked_post(request)
    if refused is not None:
        return refused
    try:
        report = await page.door.run_blocking(lambda: verify_trail(_context(page)))
        found = await page.door.run_blocking(_read, page, PAGE_SIZE, None, TrailFilter())
    except REFUSALS as exc:
        message = page.t("error.forbidden") if exc.http_status == 403 else exc.message
        return page.render("error.html", status=exc.http_status, code=exc.code, message=message)
    return page.render("audit.html", records=found.records, where=TrailFilter(), after=None,
                       query="", more=False, dates=_dates(TrailFilter()), chain=report)


def cell(value) -> str:
    """A value as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


async def trail_page(request: Request) -> Response:
    page = await page_for(request)
    if page.session is None:
        return page.sign_in_first()
    try:
        where = _filter(request)
        found = await page.door.run_blocking(_read, page, PAGE_SIZE,
                                             request.query_params.get("after"), where)
    except REFUSALS as exc:  # not an auditor (refused and audited there), or a bad filter
        message = page.t("error.forbidden") if exc.http_status == 403 else exc.message
        return page.render("error.html", status=exc.http_status, code=exc.code, message=message)
    records = found.records
    after = encode_cursor(records[-1].id) if records and found.has_next_page else None
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "after"])
    return page.render("audit.html", records=records, where=where, after=after, query=query,
                       more=False, dates=_dates(where), chain=None)


async def trail_search(request: Request) -> Response:
    """The trail of one citizen's key (and the other filters), newest first: one page."""
    page, form, refused = await checked_post(request)
    if refused is not None:
        return refused
    try:
        where = _filter(request, form)
        found = await page.door.run_blocking(_read, page, PAGE_SIZE, None, where)
    except REFUSALS as exc:
        message = page.t("error.forbidden") if exc.http_status == 403 else exc.message
        return page.render("error.html", status=exc.http_status, code=exc.code, message=message)
    return page.render("audit.html", records=found.records, where=where, after=None, query="",
                       more=found.has_next_page, dates=_dates(where), chain=None)


async def trail_csv(request: Request) -> Response:
    page = await page_for(request)
    if page.session is None:
        return page.sign_in_first()
    try:
        found = await page.door.run_blocking(_read, page, page.services.settings.max_page_size,
                                             None, _filter(request))
    except REFUSALS as exc:
        return page.render("error.html", status=exc.http_status, code=exc.code,
                           message=page.t("error.forbidden") if exc.http_status == 403 else exc.message)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in found.records:
        writer.writerow([cell(r.at.isoformat() if name == "at" else getattr(r, name))
                         for name in COLUMNS])
    headers = {**SECURITY_HEADERS, "Content-Disposition": 'attachment; filename="audit-trail.csv"'}
    # with a byte order mark: spreadsheets then read the Chinese text as UTF-8
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers=headers)
