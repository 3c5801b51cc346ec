"""The open-data portal over HTTP (anonymous; a bearer token only for conditional downloads).

- ``GET /open/datasets``: the open catalog as JSON;
- ``GET /open/catalog``: the same as DCAT-AP RDF, JSON-LD, Turtle or RDF/XML by ``Accept``
  (``406`` for none of them); ``/open/catalog.jsonld``, ``.ttl``, ``.rdf`` whatever ``Accept``;
- ``GET /open/datasets/{code}``: one entry of the open catalog;
- ``GET /open/datasets/{code}.csv`` (``?encoding=utf-8-sig`` or ``gbk`` for Excel) /
  ``.json`` (an array) / ``.jsonl`` (JSON Lines) / ``.parquet``: the whole
  dataset masked by the open-channel policy, streamed, with ``ETag`` and ``Last-Modified``;
  ``304`` when ``If-None-Match`` (or ``If-Modified-Since``) says the caller has it; a release
  over quasi-identifiers is checked for k-anonymity first (``K_ANONYMITY_NOT_MET``) and says
  what was done in ``Datagate-Anonymity``; ``HEAD``; one byte ``Range`` (``206``, ``416``),
  gzip for CSV and JSON (gateway.web.byte_ranges).

Refusals are ``{"error": {"code": ..., "message": ...}}`` with the code's HTTP status. Every
download and every refused download is audited (principal null when anonymous).
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from werkzeug.http import http_date

from gateway.audit import record_for
from gateway.errors import REFUSALS, BadInput, NotFound, Refusal
from gateway.open_data import dcat
from gateway.open_data.access import FORMATS, Download, plan_download
from gateway.open_data.anonymity import ReleaseCheck, check_release
from gateway.open_data.exports import CSV_CHARSETS, CSV_ENCODINGS, ENCODERS, SourceStream
from gateway.open_data.versions import (etag_for, last_modified, not_modified, source_version,
                                        today_in_shanghai)
from gateway.access.principals import Caller
from gateway.web.byte_ranges import (accepts_gzip, gzip_etag, gzipped, range_response,
                                     wanted_range)
from gateway.web.door import Door, fault_problem, problem
from gateway.web.negotiation import preferred_of

JSONLD = "application/ld+json"
RDF_TYPES = tuple(dcat.SERIALISATIONS)  # JSON-LD first: no Accept, or */*, gives it
COMPRESSIBLE = ("csv", "json", "jsonl")  # Parquet is compressed already


def _audit(door: Door, caller: Caller, code: str, *, fmt: str | None,
           download: Download | None = None, rows: int = 0, error: Refusal | None = None,
           check: ReleaseCheck | None = None):
    where = {"dataset": code[:64], "mode": "DOWNLOAD", "action": "OPEN_DOWNLOAD",
             "fields": download.field_names if download else [],
             "purpose": download.purpose if download else None}
    if error is not None:
        door.refuse(caller, error, **where)
    else:
        suppressed = check.verdict.after.suppressed_rows if check else 0
        detail = f"{fmt}; {download.basis.lower()} {download.basis_id}" + (
            f"; {suppressed} rows suppressed for k={check.verdict.after.k}" if suppressed else "")
        door.services.audit.append(record_for(caller, "ALLOWED", rows=max(rows - suppressed, 0),
                                              **where, detail=detail))


def _anonymity_header(check: ReleaseCheck) -> str:
    """What the k-anonymity check found and did, for the caller to read."""
    before, after = check.verdict.before, check.verdict.after
    levels = ",".join(f"{n}:{level}" for n, level in after.levels.items())
    return (f'k={after.k}; quasi="{",".join(after.quasi_identifiers)}"; '
            f"unique-before={before.unique_share:.4f}; unique-after={after.unique_share:.4f}; "
            f'smallest={after.smallest[0] if after.smallest else 0}; '
            f'suppressed={after.suppressed_rows}; levels="{levels}"')


# --- catalog ---------------------------------------------------------------------------------

def _base_url(request: Request) -> str:
    """Where harvesters reach the gateway: DATAGATE_PUBLIC_BASE_URL (behind a proxy), else
    the address the request came to."""
    configured = request.app.state.gateway.door.services.settings.public_base_url
    return configured.rstrip("/") + "/" if configured else str(request.base_url)


def _catalog(services, base_url: str) -> dict:
    with services.store() as session:
        listed = dcat.open_entries(services, session)
    return dcat.catalog_json(listed, base_url, services.settings.open_data_license)


def _catalog_rdf(services, base_url: str, media_type: str) -> bytes:
    from gateway.open_data import dcat_ap  # rdflib on first use: 17 MiB a worker may never need

    with services.store() as session:
        listed = dcat.open_entries(services, session)
        agents = dcat_ap.agents(session)
    graph = dcat_ap.catalog_graph(listed, base_url, agents, services.settings.open_data_license)
    return dcat_ap.serialise(graph, media_type)


async def open_datasets(request: Request) -> Response:
    door = request.app.state.gateway.door
    body = await door.run_blocking(_catalog, door.services, _base_url(request))
    return JSONResponse(body)


async def _rdf_answer(request: Request, media_type: str, negotiated: bool) -> Response:
    door = request.app.state.gateway.door
    try:
        body = await door.run_blocking(_catalog_rdf, door.services, _base_url(request), media_type)
    except Exception as exc:  # noqa: BLE001 - logged with a reference, never a stack trace out
        return fault_problem(exc, "the DCAT catalog failed", "the catalog failed")
    charset = "" if media_type == JSONLD else "; charset=utf-8"  # JSON is UTF-8 by definition
    headers = {"Vary": "Accept"} if negotiated else {}
    return Response(body, media_type=media_type + charset, headers=headers)


async def open_catalog(request: Request) -> Response:
    """The catalog in the serialisation the Accept header prefers (JSON-LD without one)."""
    media_type = preferred_of(request.headers.get("accept", ""), RDF_TYPES)
    if media_type is None:
        return JSONResponse({"error": {"code": "NOT_ACCEPTABLE", "message": (
            f"the catalog is served as {', '.join(RDF_TYPES)}; the Accept header allows none "
            "of them (or ask /open/catalog.jsonld, .ttl or .rdf, or /open/datasets for JSON)")}},
            status_code=406, headers={"Vary": "Accept"})
    return await _rdf_answer(request, media_type, negotiated=True)


async def open_catalog_file(request: Request) -> Response:
    """``/open/catalog.jsonld``, ``.ttl``, ``.rdf``: the suffix decides, whatever Accept says."""
    suffix = request.path_params["suffix"]
    by_suffix = {suffix_: media for media, (_, suffix_) in dcat.SERIALISATIONS.items()}
    if suffix not in by_suffix:
        return problem(NotFound(f"no catalog format {suffix[:20]!r}; the catalog is "
                                + ", ".join(f"/open/catalog.{s}" for s in by_suffix)))
    return await _rdf_answer(request, by_suffix[suffix], negotiated=False)


def _one_entry(services, base_url: str, code: str) -> dict:
    for entry in _catalog(services, base_url)["datasets"]:
        if entry["code"] == code:
            return entry
    raise NotFound(f"{code!r} is not in the open catalog; see /open/datasets")


# --- downloads -------------------------------------------------------------------------------

def _download(door: Door, headers, code: str, fmt: str, head: bool,
              encoding: str = "utf-8") -> Response:
    """Decide, check freshness, open the source stream and audit: all before the first byte."""
    services = door.services
    try:
        caller = door.caller(headers.get("authorization"), dataset=code[:64], mode="DOWNLOAD",
                             action="OPEN_DOWNLOAD")
    except REFUSALS as exc:
        return problem(exc)
    try:
        with services.store() as session:
            download = plan_download(services, session, caller, code)
        engine = services.sources.cached_engine(download.dataset.source_code)
    except REFUSALS as exc:
        _audit(door, caller, code, fmt=fmt, error=exc)
        return problem(exc)
    version = source_version(engine, download.dataset)
    try:
        check = check_release(services, download.dataset, download.field_names, version.token)
        if check is not None:
            check.refuse_unless_it_holds()
    except REFUSALS as exc:
        _audit(door, caller, code, fmt=fmt, download=download, error=exc)
        return problem(exc)
    etag = etag_for(download, fmt if encoding == "utf-8" else f"{fmt};{encoding}", version,
                    services.masking_keys.hash_key, today_in_shanghai(services.clock.now()))
    media_type = FORMATS[fmt] if fmt != "csv" else (
        f"text/csv; charset={CSV_CHARSETS[CSV_ENCODINGS[encoding]]}")
    modified = last_modified(download, version)
    cache = "public, no-cache" if download.basis == "RELEASE" else "private, no-cache"
    meta = {"ETag": etag, "Last-Modified": http_date(modified), "Cache-Control": cache,
            "Vary": "Authorization"}
    if check is not None:
        meta["Datagate-Anonymity"] = _anonymity_header(check)
    wanted = wanted_range(headers, etag, meta["Last-Modified"])
    gzip = wanted is None and fmt in COMPRESSIBLE and accepts_gzip(headers)
    meta.update({"Vary": "Authorization, Accept-Encoding", "Accept-Ranges": "bytes"})
    if gzip:  # its own tag: see gateway.web.byte_ranges
        meta.update({"ETag": gzip_etag(etag), "Content-Encoding": "gzip"})
    if not_modified(headers, etag, modified) or not_modified(headers, gzip_etag(etag), modified):
        meta.pop("Content-Encoding", None)
        return Response(status_code=304, headers=meta)
    meta["Content-Disposition"] = f'attachment; filename="{code}.{fmt}"'
    if head:  # the headers of the download, without running it (no length: it streams)
        return StreamingResponse(iter(()), headers=meta, media_type=media_type)
    try:
        stream = SourceStream(services, download, check=check)
    except REFUSALS as exc:
        _audit(door, caller, code, fmt=fmt, download=download, error=exc)
        return problem(exc)
    try:
        rows = stream.row_count(services, download)
        _audit(door, caller, code, fmt=fmt, download=download, rows=rows, check=check)
    except BaseException:
        stream.close()
        raise
    body = ENCODERS[fmt](stream, download, encoding)
    if wanted is not None:  # the whole body spooled here, on the worker thread
        return range_response(body, wanted, media_type, meta)
    return StreamingResponse(gzipped(body) if gzip else body, media_type=media_type,
                             headers=meta)


async def open_dataset_file(request: Request) -> Response:
    door = request.app.state.gateway.door
    name = request.path_params["name"]
    code, dot, fmt = name.rpartition(".")
    if not dot:
        try:
            body = await door.run_blocking(_one_entry, door.services, _base_url(request), name)
        except REFUSALS as exc:
            return problem(exc)
        return JSONResponse(body)
    if fmt not in FORMATS:
        return problem(NotFound(f"no format {fmt!r}; downloads are "
                                + ", ".join(f"{code}.{f}" for f in FORMATS)))
    encoding = request.query_params.get("encoding", "utf-8").lower()
    if encoding not in CSV_ENCODINGS or (fmt != "csv" and encoding != "utf-8"):
        return problem(BadInput(f"?encoding= is one of {', '.join(CSV_ENCODINGS)}, and only "
                                f"for .csv downloads (not {encoding[:40]!r} for .{fmt})"))
    try:
        answer = await door.run_blocking(_download, door, request.headers, code, fmt,
                                         request.method == "HEAD", encoding)
    except REFUSALS as exc:
        answer = problem(exc)
    except Exception as exc:  # noqa: BLE001 - logged with a reference, never a stack trace out
        answer = fault_problem(exc, f"open-data download of {name} failed", "the download failed")
    request.app.state.gateway.metrics.download(code, fmt, str(answer.status_code))
    return answer


def open_data_routes() -> list[Route]:
    return [
        Route("/open/datasets", open_datasets, methods=["GET"]),
        Route("/open/catalog", open_catalog, methods=["GET"]),
        Route("/open/catalog.{suffix}", open_catalog_file, methods=["GET"]),
        Route("/open/datasets/{name}", open_dataset_file, methods=["GET"]),
    ]
