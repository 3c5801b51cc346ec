"""Personal data kept out of the process's logs (issue 18, item 7).

Installed once by a composition root (`datagate serve`, gateway.asgi) as the log record
factory, so that every record of every logger passes here as it is made, whatever handlers
and formatters uvicorn or the operator configured, now or later:

- uvicorn's access log keeps the method, the path and the status, but a request's query
  string (a GraphQL GET carries the document and its variables there) becomes its parameter
  names and a keyed digest: two lines with the same digest asked the same thing;
- any message, exception text or stack of any logger has its ID numbers (18 and 15 digits,
  spaced or full-width too), mobile numbers and unified social credit codes replaced by a
  tag and a keyed digest. An ID number's digest is the first digits of the one audit records
  name it by (gateway.audit.subject_digest), so an operator can find the auditLog records of
  a logged fault without the log holding the number;
- strawberry's record of a resolver's fault, whose text quotes the GraphQL document with its
  literal values, keeps the error's path and message only.

The gateway itself logs no document, variables or SQL parameters (the store's and sources'
engines hide theirs: gateway.store.db.make_engine). What no pattern finds, such as a name in
an unexpected exception's text, is not removed here.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import re
import urllib.parse

from gateway.audit import subject_digest
from gateway.identifiers import is_valid_credit_code, normalize_identifier

SHOWN = 12  # hex digits of a digest a log line carries
_EDGE_BEFORE = r"(?<![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])"
_EDGE_AFTER = r"(?![0-9A-Za-z０-９Ａ-Ｚａ-ｚ])"
# \d is any decimal digit, full-width ones included; an ID may be written in groups 6-8-4
_ID_NUMBER = re.compile(_EDGE_BEFORE + r"(?:\d{6}[ \-]?\d{8}[ \-]?\d{3}[\dXxＸｘ]|\d{15})"
                        + _EDGE_AFTER)
_MOBILE = re.compile(_EDGE_BEFORE + r"(?:\+?86[ \-]?)?1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}" + _EDGE_AFTER)
_CREDIT_CODE = re.compile(_EDGE_BEFORE + r"[0-9A-HJ-NP-RTUW-Y]{18}" + _EDGE_AFTER)
_ACCESS_LOGGER = "uvicorn.access"
_GRAPHQL_LOGGERS = ("strawberry.execution",)


class LogRedaction:
    """Rewrites log records as the module doc says; `hash_key` is the gateway's hash key."""

    def __init__(self, hash_key: str | bytes):
        self._hash_key = hash_key
        self._log_key = hmac.new(hash_key if isinstance(hash_key, bytes) else hash_key.encode(),
                                 b"datagate log digest", hashlib.sha256).digest()

    def text(self, text: str) -> str:
        """`text` with its ID numbers, mobile numbers and credit codes replaced by tags."""
        text = _ID_NUMBER.sub(self._id_tag, text)
        text = _CREDIT_CODE.sub(self._credit_tag, text)
        return _MOBILE.sub(lambda m: f"[phone#{self._digest(_plain(m[0]))}]", text)

    def request_target(self, target: str) -> str:
        """A logged request target: the path (with what looks personal in it replaced), and
        instead of the query string, its parameter names and the query string's digest."""
        path, _, query = target.partition("?")
        path = self.text(path)
        if not query:
            return path
        names = []
        for pair in query.split("&"):
            name = urllib.parse.unquote_plus(pair.partition("=")[0])[:40]
            if name and name not in names:
                names.append(name)
        shown = "&".join(f"{urllib.parse.quote(self.text(n), safe='')}=~" for n in names[:10])
        return f"{path}?{shown}#{self._digest(query)}"

    def record(self, record: logging.LogRecord) -> None:
        """Rewrite one record in place, before any handler sees it."""
        if record.name == _ACCESS_LOGGER and isinstance(record.args, tuple) and len(record.args) == 5:
            # uvicorn's formatters read (client, method, target, version, status) from args
            client, method, target, version, status = record.args
            record.args = (client, method, self.request_target(str(target)), version, status)
        elif record.name in _GRAPHQL_LOGGERS and hasattr(record.msg, "path"):
            error = record.msg  # a GraphQLError, whose text would print the document
            record.msg, record.args = "GraphQL error at path %s: %s", (
                ".".join(map(str, error.path or [])) or "-", self.text(str(error.message)))
        else:
            self._message(record)
        if record.exc_info and record.exc_info[0] is not None:
            # formatters print exc_text when they find it; exc_info is dropped so that none
            # formats the exception again from the original
            record.exc_text = self.text(_FORMATTER.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.text(record.exc_text)
        if record.stack_info:
            record.stack_info = self.text(record.stack_info)

    def _message(self, record: logging.LogRecord) -> None:
        # the format and its arguments are cleaned each, so that formatters which format
        # them again (uvicorn's coloured `color_message`) still can; what only shows once
        # they are put together (a number given as int) flattens the message
        if isinstance(record.msg, str):
            record.msg = self.text(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self.text(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: self.text(a) if isinstance(a, str) else a
                           for k, a in record.args.items()}
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record: its handler reports it
            return
        cleaned = self.text(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()

    def _id_tag(self, found: re.Match) -> str:
        return f"[id#{subject_digest(self._hash_key, _plain(found[0]))[:SHOWN]}]"

    def _credit_tag(self, found: re.Match) -> str:
        code = found[0]
        if not is_valid_credit_code(code):  # 18 capitals and digits that are no credit code
            return code
        return f"[credit-code#{subject_digest(self._hash_key, code)[:SHOWN]}]"

    def _digest(self, text: str) -> str:
        return hmac.new(self._log_key, text.encode("utf-8", "surrogatepass"),
                        hashlib.sha256).hexdigest()[:SHOWN]


def _plain(text: str) -> str:
    return normalize_identifier(text).replace("-", "").replace("+86", "")


_FORMATTER = logging.Formatter()


def install_log_redaction(hash_key: str | bytes) -> LogRedaction:
    """Make every log record of this process pass through a LogRedaction (installed once;
    a second call changes its key)."""
    current = logging.getLogRecordFactory()
    redaction = LogRedaction(hash_key)
    if isinstance(current, _RedactingFactory):
        current.redaction = redaction
    else:
        logging.setLogRecordFactory(_RedactingFactory(current, redaction))
    return redaction


class _RedactingFactory:
    """The log record factory: the one it replaced makes the record, redaction rewrites it."""

    def __init__(self, make, redaction: LogRedaction):
        self.make = make
        self.redaction = redaction

    def __call__(self, *args, **kwargs) -> logging.LogRecord:
        record = self.make(*args, **kwargs)
        self.redaction.record(record)
        return record
