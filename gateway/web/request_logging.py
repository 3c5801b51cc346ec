"""Each request's id, principal and code in its log lines; JSON lines when asked.

The outermost layer (gateway.web.http_layers) gives every HTTP request a `RequestInfo` in a
context variable: the id the client sent in ``X-Request-ID`` (when it is a short token of
letters, digits and ``._:-``, so that it cannot forge a log line) or a new one, echoed in
the answer's ``X-Request-ID``. The principal and the refusal code are noted from the
request's audit records as they are queued (gateway.web.metrics observes the audit log):
every data access and every refusal is audited, so they are known by the time uvicorn logs
the request. Door.run_blocking runs work in a copy of the request's context, so the notes
made on a worker thread reach the same `RequestInfo`.

With ``DATAGATE_LOG_FORMAT=json`` every record is one JSON object per line (`JsonFormatter`):
time, level, logger, message, and the request's id, principal and code when it is made
during a request. Records pass the log redaction (gateway.web.log_redaction) as they are
made, before any formatter: the JSON holds the redacted message and exception text.
"""
from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import secrets
import sys

_CLIENT_ID = re.compile(r"[A-Za-z0-9._:\-]{1,64}")
_ACCESS_LOGGER = "uvicorn.access"


class RequestInfo:
    __slots__ = ("request_id", "principal", "code")

    def __init__(self, request_id: str):
        self.request_id = request_id
        self.principal: str | None = None
        self.code: str | None = None


current_request: contextvars.ContextVar[RequestInfo | None] = contextvars.ContextVar(
    "datagate_request", default=None)


def request_id_from(sent: bytes | None) -> str:
    """The client's X-Request-ID when it is a plain token, else a new one."""
    if sent:
        text = sent.decode("latin-1")
        if _CLIENT_ID.fullmatch(text):
            return text
    return secrets.token_hex(16)


def note_records(entries) -> None:
    """Note the principal and the (first) refusal code of audit records queued during the
    current request; nothing outside a request."""
    info = current_request.get()
    if info is None:
        return
    for entry in entries:
        if info.principal is None and entry.principal:
            info.principal = entry.principal
        if info.code is None and entry.error_code:
            info.code = entry.error_code


class JsonFormatter(logging.Formatter):
    """One JSON object per record (see the module doc)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict = {
            "time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc)
            .isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if record.name == _ACCESS_LOGGER and isinstance(record.args, tuple) \
                and len(record.args) == 5:
            _client, method, target, _version, status = record.args
            line.update(method=method, path=target, status=status)
        info = current_request.get()
        if info is not None:
            line["request_id"] = info.request_id
            if info.principal:
                line["principal"] = info.principal
            if info.code:
                line["code"] = info.code
        if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:  # already redacted when the record was made
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        return json.dumps(line, ensure_ascii=False, default=str)


def use_json_logs() -> None:
    """Format every handler of the root and uvicorn's loggers as JSON lines (a root handler
    on standard error is added when there is none)."""
    formatter = JsonFormatter()
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler(sys.stderr))
        root.setLevel(logging.INFO)
    for name in ("", "uvicorn", "uvicorn.error", _ACCESS_LOGGER):
        for handler in logging.getLogger(name).handlers:
            handler.setFormatter(formatter)
