"""compare (比对, §14(3)): per submitted field, does it match the stored value? Never the value.

Both sides are normalised (full-width folded, whitespace removed, case folded) and compared
with hmac.compare_digest, so the time taken says nothing about how much of a value matched.
An unknown key answers "no match" for every field, like a wrong value. Callers other than the
owner are held to a rate limit, a daily cap of distinct keys and a daily limit of non-matching
compares of one key (gateway.access.compare_limits).
"""
from __future__ import annotations

import datetime as dt
import decimal
import hmac

from gateway.catalog.datasets import Dataset
from gateway.access.compare_limits import KeyHold
from gateway.errors import BadInput, DatagateError
from gateway.access.grants import Permission
from masking.width import fold_width
from gateway.access.request import AccessContext, DatasetAccess
from gateway.modes.lookup import audit_subject
from gateway.modes.records import Row, checked_key, keyed_statement


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


def compare(ctx: AccessContext, access: DatasetAccess, key: str,
            submitted: dict[str, str]) -> Row:
    """`submitted`: the caller's value of each field given (none None)."""
    dataset = access.dataset
    subject = audit_subject(ctx, dataset, key)
    if not submitted:
        raise ctx.refuse(BadInput(f"compare on {dataset.code} needs at least one field value "
                                  "besides the key"), dataset=dataset.code, mode="COMPARE",
                         purpose=access.purpose, subject=subject)
    fields = set(submitted)
    permission = ctx.guard(dataset, access.purpose, "COMPARE", fields, subject)
    try:
        value = checked_key(dataset, key)
    except DatagateError as exc:
        raise ctx.refuse(exc, dataset=dataset.code, mode="COMPARE", fields=sorted(fields),
                         purpose=access.purpose)
    hold = None
    if permission.basis != "OWNER":
        hold = _admit(ctx, access, permission, fields, str(value), subject)
    statement = keyed_statement(dataset, tuple(sorted(fields)))
    try:
        stored = ctx.services.sources.first(dataset, statement, {"key": value})
    except BaseException:
        if hold is not None:
            ctx.services.compare_limits.release(hold)
        raise
    result = _matches(dataset, submitted, stored)
    reached = hold is not None and ctx.services.compare_limits.settle(
        hold, all(result.values()), dataset.owner_department, permission.grant_id)
    ctx.allowed(dataset, access.purpose, "COMPARE", fields, permission, rows=0, subject=subject)
    if reached:
        _audit_limit_reached(ctx, access, permission, fields, hold, subject)
    return Row({**unsubmitted(dataset), **result})


def unsubmitted(dataset: Dataset) -> dict[str, None]:
    """Every field a compare result may ask for, as null: a field asked for but not
    submitted answers null (GraphQL reads each asked field off the result)."""
    return {f.name: None for f in dataset.fields if f.name != dataset.key_field}


def _admit(ctx: AccessContext, access: DatasetAccess, permission: Permission, fields: set[str],
           key: str, subject: str) -> KeyHold:
    """The compare limits of anyone but the owner; a refusal is audited."""
    try:
        return ctx.services.compare_limits.admit(ctx.caller.department or ctx.caller.principal,
                                                access.dataset.code, key, permission.grant)
    except DatagateError as exc:
        raise ctx.refuse(exc, dataset=access.dataset.code, mode="COMPARE", fields=sorted(fields),
                         purpose=access.purpose, subject=subject)


def _matches(dataset: Dataset, submitted: dict, stored) -> dict[str, bool]:
    result = {}
    for name, given_value in submitted.items():
        expected = normalize(stored[name]) if stored is not None else None
        offered = normalize_submitted(dataset, name, given_value)
        same = hmac.compare_digest(offered.encode(), (expected or "").encode())
        result[name] = bool(same and expected is not None and expected != "")
    return result


def _audit_limit_reached(ctx: AccessContext, access: DatasetAccess, permission: Permission,
                         fields: set[str], hold: KeyHold, subject: str) -> None:
    ctx.audit(outcome="ALLOWED", dataset=access.dataset.code, mode="COMPARE",
              fields=sorted(fields), purpose=access.purpose.strip(), grant_id=permission.grant_id,
              action="COMPARE_KEY_LIMIT_REACHED", subject_digest=subject,
              detail=f"key digest {hold.digest_prefix}… had {hold.limit} non-matching compares "
                     f"on {hold.day.isoformat()}; its further compares are refused that day; "
                     f"{access.dataset.owner_department} notified")
