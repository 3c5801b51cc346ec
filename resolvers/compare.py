"""compare (比对, §14(3)): per submitted field, does it match the stored value? Never the value.

Both sides are normalised (full-width folded, whitespace removed, case folded) and compared
with hmac.compare_digest, so the time taken says nothing about how much of a value matched.
An unknown key answers "no match" for every field, like a wrong value. Callers other than the
owner are held to a rate limit and a daily cap of distinct keys (gateway.compare_limits).
"""
from __future__ import annotations

import datetime as dt
import decimal
import hmac

from gateway.catalog import Dataset
from gateway.errors import BadInput, DatagateError
from gateway.identifiers import fold_width
from resolvers.context import DatasetAccess, RequestContext
from resolvers.filters import given
from resolvers.rows_common import Row, checked_key, keyed_statement


def normalize(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float, decimal.Decimal)):
        return _number(str(value))
    return "".join(fold_width(str(value)).split()).casefold()


def _number(text: str) -> str:
    try:
        return format(decimal.Decimal(text).normalize(), "f")
    except decimal.InvalidOperation:
        return text


def normalize_submitted(dataset: Dataset, field: str, value: str) -> str:
    kind = dataset.field(field).data_type
    text = "".join(fold_width(value).split())
    if kind in ("INT", "DECIMAL"):
        return _number(text)
    if kind == "DATE":
        return text
    return text.casefold()


def compare(ctx: RequestContext, access: DatasetAccess, key: str, values) -> Row:
    dataset = access.dataset
    submitted = {name: v for name, v in vars(values).items() if given(v)}
    if not submitted:
        raise ctx.refuse(BadInput(f"compare on {dataset.code} needs at least one field value "
                                  "besides the key"), dataset=dataset.code, mode="COMPARE",
                         purpose=access.purpose)
    fields = set(submitted)
    permission = ctx.guard(dataset, access.purpose, "COMPARE", fields)
    try:
        value = checked_key(dataset, key)
    except DatagateError as exc:
        raise ctx.refuse(exc, dataset=dataset.code, mode="COMPARE", fields=sorted(fields),
                         purpose=access.purpose)
    if permission.basis != "OWNER":
        grant = permission.grant
        try:
            ctx.gateway.compare_limits.check(
                ctx.caller.department or ctx.caller.principal, dataset.code, str(value),
                grant.rate_limit if grant else None, grant.daily_key_cap if grant else None)
        except DatagateError as exc:
            raise ctx.refuse(exc, dataset=dataset.code, mode="COMPARE", fields=sorted(fields),
                             purpose=access.purpose)
    statement = keyed_statement(dataset, tuple(sorted(fields)))
    stored = ctx.gateway.sources.first(dataset, statement, {"key": value})
    result = {}
    for name, given_value in submitted.items():
        expected = normalize(stored[name]) if stored is not None else None
        offered = normalize_submitted(dataset, name, given_value)
        same = hmac.compare_digest(offered.encode(), (expected or "").encode())
        result[name] = bool(same and expected is not None and expected != "")
    ctx.allowed(dataset, access.purpose, "COMPARE", fields, permission, rows=0)
    return Row({**unsubmitted(dataset), **result})


def unsubmitted(dataset: Dataset) -> dict[str, None]:
    """Every field a compare result may ask for, as null: a field asked for but not
    submitted answers null (GraphQL reads each asked field off the result)."""
    return {f.name: None for f in dataset.fields if f.name != dataset.key_field}
