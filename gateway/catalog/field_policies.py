"""Catalog fields as masking policies: which operator a field's values pass through, per channel.

A catalog field carries a sensitivity class (the strings of ``masking.kinds.Sensitivity``) and
a ``masking`` JSON object the steward confirms, e.g. ``{"open": "mask", "kind": "NAME"}``:

- ``shared`` / ``open``: the operator on that channel (``keep``, ``mask``, ``hash``,
  ``redact``, ``generalize``, ``encrypt``); left out, the sensitivity's default applies
  (``masking.kinds.DEFAULT_OPERATORS``);
- ``kind``: what the values are (``masking.kinds.FieldKind``), which tells ``mask`` and
  ``generalize`` how to cut them; left out, it is read from ``identifier_kind``, the data
  type and the field's name and description (``legalRepresentative`` -> NAME).

The open channel fails closed: a personal field (PERSONAL, SENSITIVE_PERSONAL,
DIRECT_IDENTIFIER) never leaves with ``keep``: saving such a policy is refused, and a stored
one falls back to the class default.
"""
from __future__ import annotations

import base64
import functools
from typing import Any, Mapping

from gateway.catalog.datasets import Dataset, Field
from gateway.errors import BadInput
from gateway.settings import stored_secret
from masking.kinds import DEFAULT_OPERATORS, Channel, FieldKind, Sensitivity
from masking.operators import OPERATOR_NAMES, hmac_sha256_hex
from masking.policies import FieldPolicy, MaskingKeys, MaskingPolicy
from masking.proposal import kind_from_name

OPEN = Channel.OPEN
SHARED = Channel.SHARED
PERSONAL_CLASSES = frozenset({Sensitivity.PERSONAL, Sensitivity.SENSITIVE_PERSONAL,
                              Sensitivity.DIRECT_IDENTIFIER})
COLUMN_OPERATORS = OPERATOR_NAMES
MASKING_KEYS = ("shared", "open", "kind")


def sensitivity_of(value: str | None) -> Sensitivity:
    """The catalog's sensitivity string as masking's class; unknown strings count as INTERNAL."""
    try:
        return Sensitivity((value or "INTERNAL").strip().upper())
    except ValueError:
        return Sensitivity.INTERNAL


def is_personal(field: Field) -> bool:
    return sensitivity_of(field.sensitivity) in PERSONAL_CLASSES


def kind_of(field: Field) -> FieldKind:
    """The field's kind: the confirmed one, else its identifier kind, data type and name."""
    confirmed = dict(field.masking).get("kind")
    if confirmed:
        try:
            return FieldKind(confirmed)
        except ValueError:
            pass
    if field.identifier_kind in ("ID_NUMBER", "CREDIT_CODE"):
        return FieldKind(field.identifier_kind)
    hinted = kind_from_name(f"{field.name} {field.description or ''}".strip())
    if field.data_type == "DATE":
        return FieldKind.BIRTH_DATE if hinted is FieldKind.BIRTH_DATE else FieldKind.DATE
    if field.data_type in ("INT", "DECIMAL"):
        return FieldKind.AGE if hinted is FieldKind.AGE else FieldKind.AMOUNT
    if field.data_type == "BOOLEAN":
        return FieldKind.OTHER
    return hinted or FieldKind.OTHER


def field_policy(field: Field) -> FieldPolicy:
    """The masking policy of one catalog field (fail closed on the open channel)."""
    sensitivity = sensitivity_of(field.sensitivity)
    chosen = dict(field.masking)
    shared = chosen.get("shared") if chosen.get("shared") in COLUMN_OPERATORS else None
    opened = chosen.get("open") if chosen.get("open") in COLUMN_OPERATORS else None
    if opened == "keep" and sensitivity in PERSONAL_CLASSES:
        opened = None
    return FieldPolicy(kind_of(field), sensitivity, shared=shared, open=opened)


def open_operator(field: Field) -> str:
    return field_policy(field).operator(OPEN)


@functools.lru_cache(maxsize=256)
def dataset_policy(dataset: Dataset) -> MaskingPolicy:
    """Every field's policy, by field name (datasets are immutable snapshots: cached)."""
    return MaskingPolicy({f.name: field_policy(f) for f in dataset.fields})


def open_fields(dataset: Dataset, names=None) -> tuple[Field, ...]:
    """The fields (of ``names``, default all) that leave on the open channel: not redacted."""
    return tuple(f for f in dataset.fields
                 if (names is None or f.name in names) and open_operator(f) != "redact")


def validate_masking(code: str, field: Mapping[str, Any]) -> None:
    """Refuse a field's masking object the gateway could not honour (saving a draft)."""
    masking = field.get("masking") or {}
    if not isinstance(masking, Mapping):
        raise BadInput(f"{code}.{field.get('name')}: masking is an object like "
                       '{"open": "mask", "kind": "NAME"}')
    unknown = sorted(set(masking) - set(MASKING_KEYS))
    if unknown:
        raise BadInput(f"{code}.{field.get('name')}: masking keys are {', '.join(MASKING_KEYS)}; "
                       f"not {', '.join(unknown)}")
    for channel in ("shared", "open"):
        op = masking.get(channel)
        if op is not None and op not in COLUMN_OPERATORS:
            raise BadInput(f"{code}.{field.get('name')}: the {channel} operator is one of "
                           f"{', '.join(COLUMN_OPERATORS)}, not {op!r}")
    kind = masking.get("kind")
    if kind is not None and kind not in FieldKind.__members__:
        raise BadInput(f"{code}.{field.get('name')}: kind is one of {', '.join(FieldKind.__members__)}")
    if masking.get("open") == "keep" and \
            sensitivity_of(field.get("sensitivity")) in PERSONAL_CLASSES:
        raise BadInput(f"{code}.{field.get('name')} is {field.get('sensitivity')}: personal data "
                       "never leaves the open channel unmasked (§15, §38); choose mask, hash, "
                       "generalize or redact")


def masking_keys(settings) -> MaskingKeys:
    """The HMAC key of the ``hash`` operator: DATAGATE_HASH_SECRET, else the one made once into
    the data directory (development; production sets the variable so every instance agrees)."""
    return MaskingKeys(hash_key=settings.hash_secret or stored_secret(settings.data_dir, "hash-secret"))


def cursor_key(settings) -> bytes:
    """The Fernet key sealing open-channel page cursors: 32 bytes derived from the hash
    secret, in Fernet's encoding."""
    secret = masking_keys(settings).hash_key
    derived = bytes.fromhex(hmac_sha256_hex(secret.encode())(b"datagate open-channel cursor"))
    return base64.urlsafe_b64encode(derived)


def mask_open_records(dataset: Dataset, records: list[dict], keys: MaskingKeys) -> list[dict]:
    """Records (field name -> value) masked column-wise by the open-channel policy."""
    if not records:
        return records
    return dataset_policy(dataset).mask_records(records, OPEN, keys)


__all__ = ["DEFAULT_OPERATORS", "dataset_policy", "field_policy", "is_personal", "kind_of",
           "mask_open_records", "masking_keys", "open_fields", "open_operator",
           "sensitivity_of", "validate_masking"]
