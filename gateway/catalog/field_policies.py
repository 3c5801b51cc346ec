"""Catalog fields as masking policies: which operator a field's values pass through, per channel.

A catalog field carries a sensitivity class (the strings of ``masking.kinds.Sensitivity``) and
a ``masking`` JSON object the steward confirms, e.g. ``{"open": "mask", "kind": "NAME"}``:

- ``shared`` / ``open``: the operator on that channel (``keep``, ``mask``, ``hash``,
  ``redact``, ``generalize``, ``encrypt``); left out, the sensitivity's default applies
  (``masking.kinds.DEFAULT_OPERATORS``);
- ``kind``: what the values are (``masking.kinds.FieldKind``), which tells ``mask`` and
  ``generalize`` how to cut them; left out, it is read from ``identifier_kind``, the data
  type and the field's name and description (``legalRepresentative`` -> NAME).

- ``quasi``: ``true`` marks a quasi-identifier (employer, start year, pay band …): a row-level
  release is checked for k-anonymity over these fields (``gateway.open_data.anonymity``);
- ``coarsen``: a quasi-identifier's generalisation steps, coarsest last, e.g.
  ``[{"truncate": 8}, {"truncate": 2}]``, ``[{"band": 5}]``, ``[{"suppressRare": true}]``
  (``masking.k_anonymity``); with steps the field leaves as text and, on the open channel, is
  neither filtered nor grouped on;
- ``link``: a ``hash`` field's pseudonym scope: releases whose field names the same scope
  share its pseudonyms (they join); without one, each release hashes with its own key.
- ``publicContacts``: the contact points a FREE_TEXT field's text keeps, e.g.
  ``{"numbers": ["0757-83030000"], "emailDomains": ["*.gov.cn"], "publicBodies": true}``, or
  ``false`` to mask every contact point (``masking.public_contacts``); left out, the default.

The open channel fails closed: a personal field (PERSONAL, SENSITIVE_PERSONAL,
DIRECT_IDENTIFIER) never leaves with ``keep``: saving such a policy is refused, and a stored
one falls back to the class default.
"""
from __future__ import annotations

import base64
import functools
import re
from typing import Any, Mapping

from gateway.catalog.datasets import Dataset, Field
from gateway.errors import BadInput
from gateway.settings import stored_secret
from masking.errors import BadMaskingInput
from masking.generalisation import Quasi, parse_steps
from masking.kinds import DEFAULT_OPERATORS, Channel, FieldKind, Sensitivity
from masking.operators import OPERATOR_NAMES, hmac_sha256_hex
from masking.policies import FieldPolicy, MaskingKeys, MaskingPolicy
from masking.public_contacts import NO_PUBLIC_CONTACTS, PublicContacts, validate_setting
from masking.proposal import kind_from_name

OPEN = Channel.OPEN
SHARED = Channel.SHARED
PERSONAL_CLASSES = frozenset({Sensitivity.PERSONAL, Sensitivity.SENSITIVE_PERSONAL,
                              Sensitivity.DIRECT_IDENTIFIER})
COLUMN_OPERATORS = OPERATOR_NAMES
MASKING_KEYS = ("shared", "open", "kind", "quasi", "coarsen", "link", "publicContacts")
LINK_SCOPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
NOT_QUASI_OPERATORS = ("hash", "encrypt")  # pseudonyms identify: they are not quasi-identifiers


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
    return FieldPolicy(kind_of(field), sensitivity, shared=shared, open=opened,
                       public_contacts=_public_contacts(chosen.get("publicContacts")))


def _public_contacts(stored: Any) -> PublicContacts | None:
    """A field's stored ``publicContacts`` (frozen: an object as sorted pairs) as the library's."""
    if stored is None:
        return None
    try:
        setting = stored if isinstance(stored, bool) else dict(stored)
        validate_setting(setting)
    except (BadMaskingInput, TypeError, ValueError):
        return NO_PUBLIC_CONTACTS  # a stored setting no longer readable: fail closed
    return PublicContacts.from_setting(setting)


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
    _validate_release_keys(f"{code}.{field.get('name')}", masking)
    if "publicContacts" in masking:
        if masking.get("kind") not in (None, FieldKind.FREE_TEXT.value):
            raise BadInput(f"{code}.{field.get('name')}: publicContacts applies to free text; "
                           'set "kind": "FREE_TEXT" or leave publicContacts out')
        try:
            validate_setting(masking["publicContacts"])
        except BadMaskingInput as exc:
            raise BadInput(f"{code}.{field.get('name')}: {exc.message}") from None


def _validate_release_keys(where: str, masking: Mapping[str, Any]) -> None:
    """``quasi``, ``coarsen`` and ``link``: what the release check and pseudonym keys read."""
    quasi = masking.get("quasi")
    if quasi is not None and not isinstance(quasi, bool):
        raise BadInput(f"{where}: quasi is true or false")
    if quasi and masking.get("open") in NOT_QUASI_OPERATORS:
        raise BadInput(f"{where}: a field that leaves as a pseudonym ({masking.get('open')}) "
                       "identifies its rows; it cannot be a quasi-identifier")
    if masking.get("coarsen") is not None:
        if not quasi:
            raise BadInput(f"{where}: coarsen steps are for quasi-identifiers; add quasi: true")
        try:
            parse_steps(masking["coarsen"], f"{where} coarsen")
        except BadMaskingInput as exc:
            raise BadInput(exc.message) from None
    link = masking.get("link")
    if link is not None:
        if masking.get("open") != "hash":
            raise BadInput(f"{where}: link names the pseudonym scope of a field that leaves "
                           'hashed; set "open": "hash"')
        if not isinstance(link, str) or not LINK_SCOPE.match(link):
            raise BadInput(f"{where}: link is a name of letters, digits, '.', '_' or '-' "
                           "(at most 64), e.g. renshe-person")


def quasi_identifier(field: Field) -> Quasi | None:
    """The field as a quasi-identifier of row-level releases, with its steps; None if it is
    not one (or its stored steps cannot be read: then it counts without steps)."""
    chosen = dict(field.masking)
    if chosen.get("quasi") is not True:
        return None
    given = chosen.get("coarsen")
    try:  # stored frozen (gateway.catalog.datasets.frozen_masking): each step a tuple of pairs
        steps = parse_steps([dict(step) for step in given] if given else None)
    except (BadMaskingInput, TypeError, ValueError):
        steps = ()
    return Quasi(field.name, steps)


def coarsened(field: Field) -> bool:
    """A quasi-identifier with generalisation steps: it may leave coarser than its operator
    makes it, as text."""
    quasi = quasi_identifier(field)
    return quasi is not None and bool(quasi.steps)


def link_scope(field: Field) -> str | None:
    """The named pseudonym scope of a hashed field (``masking.link``), if any."""
    link = dict(field.masking).get("link")
    return link if isinstance(link, str) and LINK_SCOPE.match(link) else None


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


__all__ = ["DEFAULT_OPERATORS", "coarsened", "dataset_policy", "field_policy", "is_personal",
           "kind_of", "link_scope", "masking_keys", "open_fields",
           "open_operator", "quasi_identifier", "sensitivity_of", "validate_masking"]
