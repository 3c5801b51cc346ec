"""The open-data portal over HTTP (anonymous; a bearer token only for conditional downloads).

- ``GET /open/datasets``: the open catalog as JSON;
- ``GET /open/catalog.jsonld``: the same as DCAT JSON-LD;
- ``GET /open/datasets/{code}``: one entry of the open catalog;
- ``GET /open/datasets/{code}.csv`` / ``.json`` (JSON Lines) / ``.parquet``: the whole
  dataset masked by the open-channel policy, streamed, with ``ETag`` and ``Last-Modified``;
  ``304`` when ``If-None-Match`` (or ``If-Modified-Since``) says the caller has it.

Refusals are ``{"error": {"code": ..., "message": ...}}`` with the code's HTTP status. Every
download and every refused download is audited (principal null when anonymous).
"""
from __future__ import annotations

import logging
import uuid

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from werkzeug.http import http_date

from gateway.audit import AuditEntry
from gateway.access.tokens import bearer_token
from gateway.errors import REFUSALS, NotFound, Refusal
from gateway.catalog.field_policies import masking_keys
from gateway.open_data import dcat
from gateway.open_data.access import FORMATS, Download, plan_download
from gateway.open_data.exports import ENCODERS, SourceStream
from gateway.open_data.versions import (etag_for, last_modified, not_modified, source_version,
                                        today_in_shanghai)
from gateway.access.principals import ANONYMOUS, Caller, load_caller

JSONLD = "application/ld+json"
log = logging.getLogger("datagate.open_data")


def error_response(exc: Refusal) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else {}
    return JSONResponse({"error": {"code": exc.code, "message": exc.message}},
                        status_code=exc.http_status, headers=headers)


def _caller(gateway, authorization: str | None) -> Caller:
    token = bearer_token(authorization)
    if token is None:
        return ANONYMOUS
    with gateway.services.sessions() as session:
        return load_caller(session, gateway.services.tokens.verify(token, gateway.services.clock.now()))


def _audit(gateway, caller: Caller, code: str, *, outcome: str, fmt: str | None,
           download: Download | None = None, rows: int = 0, error: Refusal | None = None):
    detail = error.message if error else f"{fmt}; {download.basis.lower()} {download.basis_id}"
    gateway.services.audit.append(AuditEntry(
        principal=caller.principal, department=caller.department, outcome=outcome,
        dataset=code[:64], mode="DOWNLOAD", fields=download.field_names if download else [],
        purpose=download.purpose if download else None, rows=rows,
        error_code=error.code if error else None, action="OPEN_DOWNLOAD", detail=detail))


# --- catalog ---------------------------------------------------------------------------------

def _catalog(gateway, base_url: str, linked_data: bool) -> dict:
    with gateway.services.sessions() as session:
        listed = dcat.open_entries(gateway.services, session)
        if linked_data:
            return dcat.catalog_jsonld(listed, base_url, dcat.authority_name(session))
    return dcat.catalog_json(listed, base_url)


async def open_datasets(request: Request) -> Response:
    body = await anyio.to_thread.run_sync(_catalog, request.app.state.gateway,
                                          str(request.base_url), False)
    return JSONResponse(body)


async def open_catalog_jsonld(request: Request) -> Response:
    body = await anyio.to_thread.run_sync(_catalog, request.app.state.gateway,
                                          str(request.base_url), True)
    return JSONResponse(body, media_type=JSONLD)


def _one_entry(gateway, base_url: str, code: str) -> dict:
    for entry in _catalog(gateway, base_url, False)["datasets"]:
        if entry["code"] == code:
            return entry
    raise NotFound(f"{code!r} is not in the open catalog; see /open/datasets")


# --- downloads -------------------------------------------------------------------------------

def _download(gateway, headers, code: str, fmt: str, head: bool) -> Response:
    """Decide, check freshness, open the source stream and audit: all before the first byte."""
    caller = ANONYMOUS
    try:
        caller = _caller(gateway, headers.get("authorization"))
        with gateway.services.sessions() as session:
            download = plan_download(gateway.services, session, caller, code)
    except REFUSALS as exc:
        _audit(gateway, caller, code, outcome="DENIED", fmt=fmt, error=exc)
        return error_response(exc)
    dataset = download.dataset
    try:
        engine = gateway.services.sources.cached_engine(dataset.source_code)
    except REFUSALS as exc:
        _audit(gateway, caller, code, outcome="DENIED", fmt=fmt, error=exc)
        return error_response(exc)
    version = source_version(engine, dataset)
    keys = masking_keys(gateway.services.settings)
    etag = etag_for(download, fmt, version, keys.hash_key, today_in_shanghai(gateway.services.clock.now()))
    modified = last_modified(download, version)
    cache = "public, no-cache" if download.basis == "RELEASE" else "private, no-cache"
    meta = {"ETag": etag, "Last-Modified": http_date(modified), "Cache-Control": cache,
            "Vary": "Authorization"}
    if not_modified(headers, etag, modified):
        return Response(status_code=304, headers=meta)
    meta["Content-Disposition"] = f'attachment; filename="{code}.{fmt}"'
    if head:  # the headers of the download, without running it (no length: it streams)
        return StreamingResponse(iter(()), headers=meta, media_type=FORMATS[fmt])
    try:
        stream = SourceStream(gateway.services, download)
    except REFUSALS as exc:
        _audit(gateway, caller, code, outcome="DENIED", fmt=fmt, download=download, error=exc)
        return error_response(exc)
    try:
        rows = stream.row_count(gateway.services, download)
        _audit(gateway, caller, code, outcome="ALLOWED", fmt=fmt, download=download, rows=rows)
    except BaseException:
        stream.close()
        raise
    return StreamingResponse(ENCODERS[fmt](stream, download), media_type=FORMATS[fmt],
                             headers=meta)


async def open_dataset_file(request: Request) -> Response:
    gateway = request.app.state.gateway
    name = request.path_params["name"]
    code, dot, fmt = name.rpartition(".")
    if not dot:
        try:
            body = await anyio.to_thread.run_sync(_one_entry, gateway, str(request.base_url), name)
        except REFUSALS as exc:
            return error_response(exc)
        return JSONResponse(body)
    if fmt not in FORMATS:
        return error_response(NotFound(f"no format {fmt!r}; downloads are "
                                       + ", ".join(f"{code}.{f}" for f in FORMATS)))
    try:
        return await anyio.to_thread.run_sync(_download, gateway, request.headers, code, fmt,
                                              request.method == "HEAD")
    except REFUSALS as exc:
        return error_response(exc)
    except Exception:  # noqa: BLE001 - logged with a reference, never a stack trace out
        reference = uuid.uuid4().hex[:12]
        log.exception("open-data download of %s failed (reference %s)", name, reference)
        return JSONResponse({"error": {"code": "INTERNAL", "message": "the download failed; tell "
                                       f"the operators reference {reference}"}}, status_code=500)


def open_data_routes() -> list[Route]:
    return [
        Route("/open/datasets", open_datasets, methods=["GET"]),
        Route("/open/catalog.jsonld", open_catalog_jsonld, methods=["GET"]),
        Route("/open/datasets/{name}", open_dataset_file, methods=["GET"]),
    ]
