"""How errors leave the gateway: every one with `extensions.code`, none with a stack trace.

Typed refusals (gateway.errors.REFUSALS: the gateway's, the sandbox's and masking's) keep
their code and message. Validation errors that name a dataset, mode or field the caller's
schema hides become the refusal that says why (FORBIDDEN_DATASET, GRANT_REVOKED,
FORBIDDEN_MODE, FORBIDDEN_FIELD) and are audited as denials; the query limits become
BAD_INPUT naming the limit; anything unexpected is logged and answered INTERNAL with a
reference.
"""
from __future__ import annotations

import logging
import re

from graphql import GraphQLError

from resolvers.asked import NOTHING_KNOWN, Asked, asked_of, parsed
from gateway.catalog.datasets import MODES, Dataset, upper_snake
from gateway.errors import REFUSALS, DatagateError, ForbiddenField, fault_reference
from gateway.access.grants import OPEN_CHANNEL, denial_for_hidden

log = logging.getLogger("datagate.errors")

_SUFFIXES = ("Record", "CompareInput", "CompareResult", "Where", "Dimension", "NumericField",
             "StatsGroup", "Stats", "Connection", "Access")
_PATTERNS = [
    re.compile(r"Cannot query field '(?P<field>\w+)' on type '(?P<type>\w+)'"),
    re.compile(r"Field '(?P<field>\w+)' is not defined by type '(?P<type>\w+)'"),
    re.compile(r"Expected value of type '(?P<type>\w+)!?' not to include unknown field "
               r"'(?P<field>\w+)'"),
    re.compile(r"Value '(?P<field>\w+)' does not exist in '(?P<type>\w+)' enum"),
    re.compile(r"Unknown argument '(?P<field>groupBy|where)' on field '(?P<type>\w+)\.\w+'"),
]
_LIMITS = [
    (re.compile(r"exceeds maximum operation depth of (\d+)"), "max_query_depth",
     "the query is nested deeper than {0} levels (DATAGATE_MAX_QUERY_DEPTH)"),
    (re.compile(r"(\d+) aliases found\. Allowed: (\d+)"), "max_aliases",
     "the query uses {0} aliases; at most {1} are allowed (DATAGATE_MAX_ALIASES)"),
    (re.compile(r"more than (\d+) tokens"), "max_tokens",
     "the query has more than {0} tokens (DATAGATE_MAX_TOKENS)"),
]
FORBIDDEN_CODES = {"FORBIDDEN", "FORBIDDEN_DATASET", "FORBIDDEN_MODE", "FORBIDDEN_FIELD",
                   "GRANT_EXPIRED", "GRANT_REVOKED", "PURPOSE_MISMATCH", "CONSENT_REQUIRED"}


def format_error(error: GraphQLError, ctx=None) -> dict:
    """The JSON of one error for the response, mapping and auditing as described above."""
    original = error.original_error
    if isinstance(original, REFUSALS):
        return _body(error, original.message, original.as_extensions())
    if is_unexpected(error):
        reference = fault_reference(original, log, "unexpected error")
        return _body(error, f"the gateway failed to answer this field; tell the operators "
                            f"reference {reference}", {"code": "INTERNAL", "reference": reference})
    for pattern, limit, text in _LIMITS:
        found = pattern.search(error.message)
        if found:
            return _body(error, "query refused: " + text.format(*found.groups()),
                         {"code": "BAD_INPUT", "limit": limit})
    refusal = _hidden_refusal(error, ctx)
    if refusal is not None:
        return _body(error, refusal.message, refusal.as_extensions())
    return _body(error, error.message, {"code": "BAD_INPUT"})


def is_unexpected(error: GraphQLError) -> bool:
    """A fault of the gateway: an exception from a resolver that is not a typed refusal.

    Errors without a path come from parsing, validation or variable coercion: bad input.
    """
    original = error.original_error
    return (error.path is not None and original is not None
            and not isinstance(original, (*REFUSALS, GraphQLError)))


def _body(error: GraphQLError, message: str, extensions: dict) -> dict:
    body = {"message": message}
    if error.locations:
        body["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        body["path"] = list(error.path)
    body["extensions"] = extensions
    return body


def _hidden_refusal(error: GraphQLError, ctx) -> DatagateError | None:
    if ctx is None:
        return None
    for pattern in _PATTERNS:
        found = pattern.search(error.message)
        if not found:
            continue
        field, type_name = found.group("field"), found.group("type")
        if type_name == "Query":
            dataset = ctx.catalog.get(field)
            if dataset is None:
                return None
            asked = _asked(error, ctx, dataset)
            exc = denial_for_hidden(ctx.caller, ctx.grants, dataset, ctx.now, asked.purposes,
                                    asked.modes)
            return _audited(ctx, exc, dataset, None, [])
        dataset, suffix = _dataset_of(ctx, type_name)
        if dataset is None:
            return None
        if suffix == "Access" and field.upper() in MODES:
            purposes = _asked(error, ctx, dataset).purposes
            exc = denial_for_hidden(ctx.caller, ctx.grants, dataset, ctx.now, purposes,
                                    frozenset([field.upper()]))
            return _audited(ctx, exc, dataset, field.upper(), [])
        if field in ("groupBy", "where"):
            exc = ForbiddenField(f"your grant on {dataset.code} names no field you may "
                                 f"{'group by' if field == 'groupBy' else 'filter on'} here")
            return _audited(ctx, exc, dataset, None, [])
        name = _field_name(dataset, field)
        if name is not None:
            modes = ctx.profile.get(dataset.code, {})
            granted = any(name in fields for mode, fields in modes.items() if mode in MODES)
            if OPEN_CHANNEL in modes and granted and suffix in ("Where", "Dimension", "NumericField"):
                text = (f"{name} of {dataset.code} leaves masked on the open channel (§36(2)), so "
                        "it cannot be filtered, grouped or aggregated; use the fields that leave "
                        "as they are")
            else:
                text = (f"{name} of {dataset.code} is not granted to you for this use; "
                        "your schema (see GraphiQL) lists what is")
            exc = ForbiddenField(text, extensions={"fields": [name]})
            return _audited(ctx, exc, dataset, None, [name])
    return None


def _asked(error: GraphQLError, ctx, dataset: Dataset) -> Asked:
    """What the refused document asked of the dataset (nothing known if it has no text)."""
    if error.source is None:
        return NOTHING_KNOWN
    return asked_of(parsed(error.source.body), ctx.variables, dataset.code)


def _dataset_of(ctx, type_name: str) -> tuple[Dataset | None, str | None]:
    for suffix in _SUFFIXES:
        if type_name.endswith(suffix):
            prefix = type_name[: -len(suffix)]
            for dataset in ctx.catalog.datasets.values():
                if dataset.type_prefix == prefix:
                    return dataset, suffix
    return None, None


def _field_name(dataset: Dataset, name: str) -> str | None:
    for f in dataset.fields:
        if name in (f.name, upper_snake(f.name)):
            return f.name
    return None


def _audited(ctx, exc: DatagateError, dataset: Dataset, mode, fields) -> DatagateError:
    return ctx.refuse(exc, dataset=dataset.code, mode=mode, fields=fields)
