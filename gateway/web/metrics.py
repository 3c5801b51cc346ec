"""The gateway's metrics in Prometheus' text format at ``GET /metrics``.

One registry per Gateway (not prometheus_client's global one, so that several apps in one
process, as in the tests, keep their own counts). Each process counts its own requests:
behind several workers Prometheus scrapes each (prometheus_client's multiprocess mode is not
used; `uvicorn --workers N` answers a scrape from whichever worker takes it, so scrape
processes on their own ports, or read the sums as per-process samples).

Counted as they happen, cheaply (a counter and a histogram per HTTP request, a counter per
audit record):
- ``datagate_http_requests_total{route,method,status}`` and
  ``datagate_http_request_duration_seconds{route}``: `route` is the endpoint's name, never
  the path, so that its values are a fixed set;
- ``datagate_accesses_total{action,dataset,mode,outcome,code}``: every audit record, i.e.
  every data access and refusal (lookups, compares, stats, rows, sandbox queries
  ``action="SANDBOX_QUERY"``, open downloads). `dataset` is a published catalog code or
  ``other``; no principal, key or value is ever a label;
- ``datagate_audit_commit_seconds`` and ``datagate_audit_committed_records_total``: the audit
  log's transactions;
- ``datagate_open_downloads_total{dataset,format,outcome}``.
Read at scrape time: the audit writer's queue, each source pool's connections, the sandbox's
open sessions.
"""
from __future__ import annotations

import threading
import time

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from gateway.errors import REFUSALS, Forbidden, Unauthenticated
from gateway.web.door import problem
from gateway.web.request_logging import note_records

OTHER = "other"
MAX_VALUES = 200  # distinct values one label takes before the rest count as `other`
MAX_CACHED = 5_000  # labelled series kept for a dict lookup; the rest labelled each time
METRICS_ROLES = frozenset({"auditor", "security_admin"})
_LATENCY_BUCKETS = (.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30)


class _Bounded:
    """A label's values as they come, until MAX_VALUES of them are known; then `other`."""

    def __init__(self):
        self._known: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, value) -> str:
        value = "" if value is None else str(value)[:64]
        if value in self._known:
            return value
        with self._lock:
            if len(self._known) >= MAX_VALUES:
                return OTHER
            self._known.add(value)
        return value


class GatewayMetrics:
    """The metrics of one gateway process (see the module doc)."""

    def __init__(self, services):
        self.services = services
        self.registry = registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("datagate_http_requests", "HTTP requests answered",
                                ["route", "method", "status"], registry=registry)
        self.latency = Histogram("datagate_http_request_duration_seconds",
                                 "Time to the end of the answer", ["route"],
                                 buckets=_LATENCY_BUCKETS, registry=registry)
        self.accesses = Counter("datagate_accesses", "Audited data accesses and refusals",
                                ["action", "dataset", "mode", "outcome", "code"],
                                registry=registry)
        self.commit_seconds = Histogram("datagate_audit_commit_seconds",
                                        "Audit transactions (one or more records each)",
                                        buckets=_LATENCY_BUCKETS, registry=registry)
        self.committed_records = Counter("datagate_audit_committed_records",
                                         "Audit records committed", registry=registry)
        self.downloads = Counter("datagate_open_downloads", "Open-data downloads answered",
                                 ["dataset", "format", "outcome"], registry=registry)
        registry.register(_StateCollector(services))
        self._bounded = {name: _Bounded() for name in ("route", "action", "mode", "code",
                                                        "format", "outcome")}
        # labelled series by their raw label values (a dict lookup per request); records of
        # a dataset not published (yet) are labelled afresh each time, not kept as `other`
        self._request_children: dict[tuple, tuple] = {}
        self._access_children: dict[tuple, object] = {}
        services.audit.observer = self

    # --- counted as they happen --------------------------------------------------------

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        children = self._request_children.get((route, method, status))
        if children is None:  # first of its kind: the labelled series, kept for the next
            label = self._bounded["route"](route)
            children = (
                self.requests.labels(label, method if method in _METHODS else OTHER, str(status)),
                self.latency.labels(label))
            if len(self._request_children) < MAX_CACHED:
                self._request_children[(route, method, status)] = children
        children[0].inc()
        children[1].observe(seconds)

    def queued(self, entries) -> None:
        """Audit records queued (in the requesting thread's context: AuditLog.observer)."""
        note_records(entries)
        for e in entries:
            key = (e.action, e.dataset, e.mode, e.outcome, e.error_code)
            child = self._access_children.get(key)
            if child is None:
                bounded = self._bounded
                dataset = self.dataset(e.dataset)
                child = self.accesses.labels(
                    bounded["action"](e.action), dataset, bounded["mode"](e.mode),
                    bounded["outcome"](e.outcome), bounded["code"](e.error_code))
                if dataset != OTHER and len(self._access_children) < MAX_CACHED:
                    self._access_children[key] = child
            child.inc()

    def committed(self, records: int, seconds: float) -> None:
        self.commit_seconds.observe(seconds)
        self.committed_records.inc(records)

    def download(self, dataset: str, fmt: str, outcome: str) -> None:
        self.downloads.labels(self.dataset(dataset), self._bounded["format"](fmt),
                              self._bounded["outcome"](outcome)).inc()

    def dataset(self, code: str | None) -> str:
        """A published dataset's code; anything a caller typed otherwise is `other`."""
        if not code:
            return ""
        return code if code in self.services.published.datasets else OTHER

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})


class _StateCollector:
    """Gauges read when scraped: nothing on the request path."""

    def __init__(self, services):
        self.services = services

    def describe(self):
        return []

    def collect(self):
        services = self.services
        queue = GaugeMetricFamily("datagate_audit_queue_records",
                                  "Audit records waiting for the writer thread")
        queue.add_metric([], services.audit.queued_records())
        yield queue
        in_use = GaugeMetricFamily("datagate_source_pool_connections",
                                   "Source pool connections by state", labels=["source", "state"])
        for code, pool in services.sources.pools().items():
            for state, count in _pool_counts(pool).items():
                in_use.add_metric([code, state], count)
        yield in_use
        sessions = GaugeMetricFamily("datagate_sandbox_sessions",
                                     "Sandbox sessions open in this process")
        sandbox = services.sandbox_if_started()
        sessions.add_metric([], sandbox.manager.open_count() if sandbox is not None else 0)
        yield sessions


def _pool_counts(pool) -> dict[str, int]:
    counts = {}
    for state, method in (("checked_out", "checkedout"), ("idle", "checkedin"),
                          ("overflow", "overflow"), ("size", "size")):
        read = getattr(pool, method, None)
        if read is not None:
            try:
                counts[state] = max(int(read()), 0)
            except Exception:  # noqa: BLE001 - a pool class without that count (NullPool)
                pass
    return counts


async def metrics_endpoint(request: Request) -> Response:
    """``GET /metrics`` as DATAGATE_METRICS says: `open`, `token` (a caller with the auditor
    or security_admin role; refusals audited) or `off` (404, as if not served)."""
    gateway = request.app.state.gateway
    setting = gateway.settings.metrics
    if setting == "off":
        raise HTTPException(404)
    if setting == "token":
        try:
            await gateway.door.run_blocking(_check_caller, gateway.door,
                                            request.headers.get("authorization"))
        except REFUSALS as exc:
            return problem(exc)
    body = await gateway.door.run_blocking(gateway.metrics.exposition)
    return Response(body, media_type=CONTENT_TYPE_LATEST)


def _check_caller(door, authorization: str | None) -> None:
    if not authorization:
        refusal = Unauthenticated("the metrics need a bearer token of an auditor or "
                                  "security_admin (DATAGATE_METRICS=token)")
        door.refuse(None, refusal, action="METRICS")
        raise refusal
    caller = door.caller(authorization, action="METRICS")
    if not caller.roles & METRICS_ROLES:
        refusal = Forbidden("the metrics are for the auditor and security_admin roles "
                            "(DATAGATE_METRICS=token); present such a principal's token")
        door.refuse(caller, refusal, action="METRICS")
        raise refusal


class Timer:
    """The start of a request, for observe_request."""

    __slots__ = ("started",)

    def __init__(self):
        self.started = time.perf_counter()

    def seconds(self) -> float:
        return time.perf_counter() - self.started
