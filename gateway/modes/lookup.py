"""lookup (查阅, §14(2)): one record by its key, granted fields only; never lists or scans."""
from __future__ import annotations

from gateway.errors import ConsentRequired, DatagateError
from gateway.workflows.consent import consented_fields
from gateway.access.request import AccessContext, DatasetAccess
from gateway.modes.records import Row, checked_key, keyed_statement, released


def lookup(ctx: AccessContext, access: DatasetAccess, key: str, selected: set[str]) -> Row | None:
    dataset = access.dataset
    subject = audit_subject(ctx, dataset, key)
    permission = ctx.guard(dataset, access.purpose, "LOOKUP", selected, subject)
    try:
        value = checked_key(dataset, key)
    except DatagateError as exc:
        raise ctx.refuse(exc, dataset=dataset.code, mode="LOOKUP", fields=sorted(selected),
                         purpose=access.purpose)
    _check_consent(ctx, access, permission, value, selected, subject)
    statement = keyed_statement(dataset, tuple(sorted(selected)))
    found = ctx.services.sources.first(dataset, statement, {"key": value})
    ctx.allowed(dataset, access.purpose, "LOOKUP", selected, permission,
                rows=int(found is not None), subject=subject)
    if found is None:
        return None
    record = {k: v for k, v in found.items() if k in selected}
    out = released(ctx, permission, dataset, [record], keys=[value], mode="LOOKUP")
    return Row(out[0]) if out else None  # a row an open release's k-anonymity suppressed


def audit_subject(ctx: AccessContext, dataset, key: str) -> str | None:
    """The digest the audit records of an access to `key` name (so that its person can see
    who reached their record, refused or not), or None for a key that names no record: one
    failing its check digits is refused as INVALID_ID_NUMBER, after the grant is checked."""
    try:
        return ctx.subject(checked_key(dataset, key))
    except DatagateError:
        return None


def _check_consent(ctx: AccessContext, access: DatasetAccess, permission, key, selected,
                   subject: str | None) -> None:
    """Consent-required fields leave only where the looked-up person consented (§31)."""
    dataset = access.dataset
    needed = {f.name for f in dataset.fields if f.consent_required and f.name in selected}
    if not needed or permission.basis == "OWNER":
        return
    with ctx.services.store() as session:
        allowed = consented_fields(session, str(key), ctx.caller.department or "", dataset.code,
                                   access.purpose.strip(), permission.scenario_id,
                                   ctx.services.clock.today())
    missing = sorted(needed - allowed)
    if missing:
        raise ctx.refuse(ConsentRequired(
            f"{', '.join(missing)} of {dataset.code} need this person's consent for your "
            "department and scenario (§31); none is on record. Ask without these fields, or "
            "ask the person to consent"), dataset=dataset.code, mode="LOOKUP",
            fields=sorted(selected), purpose=access.purpose, subject=subject)
