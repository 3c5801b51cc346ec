"""Traces of a request with OpenTelemetry: off by default (``DATAGATE_TRACING=off | otlp``).

Off, every span below is one shared object that does nothing, and nothing of OpenTelemetry is
imported: a request pays a method call per span. ``otlp`` needs the optional extra
(``pip install 'datagate[tracing]'``) and exports spans over OTLP/HTTP with a batching
processor; the SDK reads the standard variables itself (``OTEL_EXPORTER_OTLP_ENDPOINT`` or
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``, ``OTEL_SERVICE_NAME``, ``OTEL_TRACES_SAMPLER``,
``OTEL_BSP_SCHEDULE_DELAY`` …). Each `Services` has its own provider, flushed when it closes.

The spans of a request (the server span is gateway.web.tracing's): ``datagate.auth`` (the
token check and the caller's grants), ``datagate.grant_check``, ``datagate.source_query``,
``datagate.masking`` (a release: masked on the open channel, as fetched on the sharing
channel) and ``datagate.audit_commit``. Their attributes are made here only, and are names
of things: dataset and source codes, mode, channel, store dialect, record counts, the
principal and a refusal's code. Never a key, a value of a dataset, a purpose, SQL or its
parameters, nor an error's message (which may quote what the caller sent): a failed span
carries the refusal's code or the exception's class name.
"""
from __future__ import annotations

import contextlib
import contextvars

from gateway.settings import SettingsError

EXTRA = "pip install 'datagate[tracing]'"


class _NoSpan:
    """The span of tracing off: a context manager that records nothing."""

    __slots__ = ()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def set_attribute(self, key, value) -> None:
        return None


NO_SPAN = _NoSpan()


class Tracing:
    """Tracing off: every span is NO_SPAN."""

    enabled = False

    def auth(self):
        return NO_SPAN

    def grant_check(self, dataset: str, mode: str):
        return NO_SPAN

    def source_query(self, dataset: str, source: str | None, dialect: str):
        return NO_SPAN

    def masking(self, dataset: str, mode: str | None, channel: str, records: int):
        return NO_SPAN

    def audit_commit(self, records: int):
        return NO_SPAN

    def close(self) -> None:
        return None


OFF = Tracing()
# the mode last authorized in this context, for the source query that follows it
_mode: contextvars.ContextVar[str | None] = contextvars.ContextVar("datagate_traced_mode",
                                                                  default=None)


class OtlpTracing(Tracing):
    """Spans exported over OTLP/HTTP (see the module doc)."""

    enabled = True

    def __init__(self, settings):
        try:
            from opentelemetry import trace
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
            from opentelemetry.sdk.resources import Resource
            from opentelemetry.sdk.trace import TracerProvider
            from opentelemetry.sdk.trace.export import BatchSpanProcessor
            from opentelemetry.trace.propagation.tracecontext import (
                TraceContextTextMapPropagator)
        except ImportError as exc:
            raise SettingsError(
                f"DATAGATE_TRACING=otlp needs the tracing extra, which is not installed "
                f"({exc.name} is missing): {EXTRA}, or set DATAGATE_TRACING=off") from None
        resource = Resource.create()  # OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES
        named = {"service.name": "datagate"} if str(
            resource.attributes.get("service.name", "")).startswith("unknown_service") else {}
        if settings.instance_name:
            named["service.instance.id"] = settings.instance_name
        self.provider = TracerProvider(resource=resource.merge(Resource(named)))
        self.provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        self.tracer = self.provider.get_tracer("datagate")
        self.trace = trace
        self.propagator = TraceContextTextMapPropagator()  # W3C traceparent only

    @contextlib.contextmanager
    def _span(self, name: str, attributes: dict, kind=None, context=None):
        with self.tracer.start_as_current_span(
                name, context=context, kind=kind or self.trace.SpanKind.INTERNAL,
                attributes=attributes, record_exception=False,
                set_status_on_exception=False) as span:
            try:
                yield span
            except BaseException as exc:
                code = getattr(exc, "code", None)
                if isinstance(code, str):
                    span.set_attribute("datagate.code", code)
                span.set_status(self.trace.Status(self.trace.StatusCode.ERROR,
                                                  code if isinstance(code, str)
                                                  else type(exc).__name__))
                raise

    def auth(self):
        return self._span("datagate.auth", {})

    def grant_check(self, dataset: str, mode: str):
        _mode.set(mode)
        return self._span("datagate.grant_check", {"datagate.dataset": dataset,
                                                   "datagate.mode": mode})

    def source_query(self, dataset: str, source: str | None, dialect: str):
        attributes = {"datagate.dataset": dataset, "datagate.source": source or "",
                      "db.system.name": dialect}
        if _mode.get() is not None:
            attributes["datagate.mode"] = _mode.get()
        return self._span("datagate.source_query", attributes)

    def masking(self, dataset: str, mode: str | None, channel: str, records: int):
        return self._span("datagate.masking", {"datagate.dataset": dataset,
                                               "datagate.mode": mode or "",
                                               "datagate.channel": channel,
                                               "datagate.records": records})

    def audit_commit(self, records: int):
        return self._span("datagate.audit_commit", {"datagate.records": records})

    def server(self, method: str, headers: dict[str, str]):
        """The span of one HTTP request (gateway.web.tracing), a child of the client's W3C
        ``traceparent`` when it sent one."""
        return self._span(f"{method} request", {"http.request.method": method},
                          kind=self.trace.SpanKind.SERVER,
                          context=self.propagator.extract(headers))

    def close(self) -> None:
        self.provider.shutdown()  # exports what is batched


def tracing_for(settings) -> Tracing:
    """The process's tracing as DATAGATE_TRACING says; a SettingsError naming the extra to
    install when it is `otlp` without OpenTelemetry."""
    return OtlpTracing(settings) if settings.tracing == "otlp" else OFF
