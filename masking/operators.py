"""Masking operators, applied to a whole column of values of one ``FieldKind``.

=============  =========================================================================
operator       what a value becomes
=============  =========================================================================
``keep``       itself
``redact``     None
``mask``       a partial mask in the GB/T 35273 style (one ``*`` per hidden character):
               ID 440604********1234 (first 6, last 4), mobile 138****5678, landline
               0757-****1234, name 张* / 欧阳** (surname kept), credit code 91440604********1K
               (first 8, last 2), bank card 622202*********0123 (first 6, last 4), e-mail
               z***@163.com, passport E******78, plate 粤E***45, address kept up to its
               district, dates 1990-**-**, numbers 6*** (first digit)
``hash``       HMAC-SHA256 of the value under a secret key, in hex: a stable pseudonym that
               cannot be reversed or recomputed without the key; values are normalised
               first (full width, spaces and hyphens, x -> X, +86/0086 dropped, e-mail
               lower case), so spellings of one value get one pseudonym. The key is a
               parameter of every call (a release may have its own). ``hash_length`` keeps
               that many hex characters.
``generalize`` a coarser value: birth date -> year, age -> 5-year band (30-34, 90+),
               amount -> band (0-999, 1000-4999, 5000-9999, 10000-49999 …), address ->
               up to the district, ID -> area code (440604), name -> surname, mobile ->
               segment (138), e-mail -> domain, card -> issuer prefix, plate -> 粤E;
               None when the value cannot be read
``encrypt``    AES-256-GCM (or 128/192 by key length) with a fresh 96-bit nonce, as
               base64(nonce || ciphertext || tag); ``decrypt_value`` reverses it
``tag``        the entity tag of the kind, <CN_ID_NUMBER> (meant for free text)
=============  =========================================================================

None stays None under every operator. Free-text columns are not handled here: they are
scanned by the analyzer first (``masking.text``); ``masking.policies.mask_column`` routes
them. Everything here is plain Python over lists.
"""
from __future__ import annotations

import base64
import binascii
import datetime as _dt
import hashlib
import os
import re
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from masking.errors import BadMaskingInput
from masking.kinds import ENTITY_KIND, FieldKind
from masking.lexicon import COMPOUND_SURNAMES
from masking.places import address_head
from masking.width import fold_width

Key = Union[bytes, str]
OPERATOR_NAMES = ("keep", "redact", "mask", "hash", "generalize", "encrypt", "tag")
MIN_HASH_KEY_BYTES = 16
_STARS = ["*" * i for i in range(256)]
_KIND_TAG = {kind: f"<{entity}>" for entity, kind in ENTITY_KIND.items() if kind is not FieldKind.PHONE}
_KIND_TAG[FieldKind.PHONE] = "<CN_MOBILE>"
_YEAR = re.compile(r"\s*(\d{4})")


def _stars(n: int) -> str:
    return _STARS[n] if n < 256 else "*" * n


def _text(value: Any) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


# -- partial masks ------------------------------------------------------------------------
def _keep_ends(value: str, first: int, last: int) -> str:
    n = len(value)
    if n > first + last:
        return value[:first] + _stars(n - first - last) + value[n - last:]
    keep = n // 3  # too short for the rule: keep the first third only
    return value[:keep] + _stars(n - keep)


def _keep_digit_positions(value: str, keep: Callable[[int, int], bool]) -> str:
    """Mask the digits whose (index among digits, digit count) ``keep`` rejects; keep the rest."""
    count = sum(ch.isdigit() for ch in value)
    out = []
    k = 0
    for ch in value:
        if ch.isdigit():
            out.append(ch if keep(k, count) else "*")
            k += 1
        else:
            out.append(ch)
    return "".join(out)


def mask_id_number(value: str) -> str:
    return _keep_ends(value.strip(), 6, 4)


def mask_credit_code(value: str) -> str:
    return _keep_ends(value.strip(), 8, 2)


_HAN_NAME = re.compile(r"[\u4e00-\u9fff·•]+")


def mask_name(value: str) -> str:
    value = value.strip()
    if not value:
        return value
    if _HAN_NAME.fullmatch(value):
        keep = 2 if value[:2] in COMPOUND_SURNAMES and len(value) > 2 else 1
        return value[:keep] + _stars(len(value) - keep)
    return value[0] + "".join("*" if ch.isalnum() else ch for ch in value[1:])


def _phone_prefix(digits: str) -> tuple[int, int]:
    """(country-code length, length of the kept head of the national number)."""
    cc = 4 if digits.startswith("0086") else 2 if digits.startswith("86") and len(digits) >= 13 else 0
    national = digits[cc:]
    if national.startswith("1"):
        return cc, 3
    if national.startswith("0"):
        return cc, 3 if national[1:2] in ("1", "2") else 4
    return cc, 0


def mask_phone(value: str) -> str:
    if len(value) == 11 and value.isdigit() and value[0] == "1":
        return value[:3] + "****" + value[7:]
    digits = "".join(ch for ch in value if ch.isdigit())
    cc, head = _phone_prefix(digits)
    first = cc + head
    if len(digits) - first <= 4:
        first = max(0, len(digits) - 4 - 2)
    return _keep_digit_positions(value, lambda k, n: k < first or k >= n - 4)


def mask_email(value: str) -> str:
    local, at, domain = value.strip().rpartition("@")
    if not at or not local:
        return _mask_other(value)
    return local[0] + "***@" + domain


def mask_bank_card(value: str) -> str:
    if value.isdigit():
        return _keep_ends(value, 6, 4)
    return _keep_digit_positions(value, lambda k, n: k < 6 or k >= n - 4)


def mask_passport(value: str) -> str:
    return _keep_ends(value.strip(), 1, 2)


def mask_plate(value: str) -> str:
    value = value.strip()
    head, rest = value[:2], value[2:]
    if rest[:1] in ("·", "•", "・", ".", "-", " "):
        head, rest = head + rest[0], rest[1:]
    if len(rest) <= 2:
        return head + _stars(len(rest))
    return head + _stars(len(rest) - 2) + rest[-2:]


def mask_address(value: str) -> str:
    head = address_head(value)
    return head + _stars(len(value) - len(head))


def mask_date(value: str) -> str:
    return value[:4] + "".join("*" if ch.isdigit() else ch for ch in value[4:])


def mask_number(value: str) -> str:
    out = []
    seen_digit = False
    for ch in value:
        if ch.isdigit():
            out.append("*" if seen_digit else ch)
            seen_digit = True
        else:
            out.append(ch)
    return "".join(out)


def _mask_other(value: str) -> str:
    n = len(value)
    return _stars(n) if n <= 2 else value[0] + _stars(n - 2) + value[-1]


_MASKERS: Dict[FieldKind, Callable[[str], str]] = {
    FieldKind.ID_NUMBER: mask_id_number,
    FieldKind.CREDIT_CODE: mask_credit_code,
    FieldKind.NAME: mask_name,
    FieldKind.PHONE: mask_phone,
    FieldKind.EMAIL: mask_email,
    FieldKind.BANK_CARD: mask_bank_card,
    FieldKind.PASSPORT: mask_passport,
    FieldKind.LICENSE_PLATE: mask_plate,
    FieldKind.ADDRESS: mask_address,
    FieldKind.DATE: mask_date,
    FieldKind.BIRTH_DATE: mask_date,
    FieldKind.AGE: mask_number,
    FieldKind.AMOUNT: mask_number,
    FieldKind.FREE_TEXT: _mask_other,
    FieldKind.OTHER: _mask_other,
}


def mask_value(value: Any, kind: FieldKind) -> Optional[str]:
    """The partial mask of one value (None stays None)."""
    if value is None:
        return None
    return _MASKERS[FieldKind(kind)](_text(value))


# -- generalisation ------------------------------------------------------------------------
def age_band(value: Any, width: int = 5, top: int = 90) -> Optional[str]:
    """32 -> "30-34"; 90 and over -> "90+"; None if not a non-negative number."""
    try:
        age = int(float(value))
    except (TypeError, ValueError):
        return None
    if age < 0:
        return None
    if age >= top:
        return f"{top}+"
    low = age // width * width
    return f"{low}-{low + width - 1}"


def amount_band(value: Any) -> Optional[str]:
    """0-999, then 1-5-10 bands per decade: 1000-4999, 5000-9999, 10000-49999 …"""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return None
    if amount != amount:  # NaN
        return None
    if amount < 0:
        return "<0"
    whole = int(amount)
    if whole < 1000:
        return "0-999"
    base = 10 ** (len(str(whole)) - 1)
    low = base if whole < 5 * base else 5 * base
    return f"{low}-{low * (5 if low == base else 2) - 1}"


def year_of(value: Any) -> Optional[str]:
    """The year of a date, datetime or date-like string (1990-01-01, 19900101, 1990年1月)."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"{value.year:04d}"
    m = _YEAR.match(_text(value))
    return m.group(1) if m else None


def _surname(value: str) -> str:
    value = value.strip()
    return value[:2] if value[:2] in COMPOUND_SURNAMES and len(value) > 2 else value[:1]


def _phone_head(value: str) -> Optional[str]:
    digits = "".join(ch for ch in value if ch.isdigit())
    cc, head = _phone_prefix(digits)
    return digits[cc:cc + head] or None


def _digits_head(n: int) -> Callable[[str], Optional[str]]:
    def head(value: str) -> Optional[str]:
        digits = "".join(ch for ch in value if ch.isdigit())
        return digits[:n] if len(digits) > n else None
    return head


_GENERALIZERS: Dict[FieldKind, Callable[[Any], Optional[str]]] = {
    FieldKind.ID_NUMBER: lambda v: _text(v).strip()[:6] or None,
    FieldKind.CREDIT_CODE: lambda v: _text(v).strip()[:8] or None,
    FieldKind.NAME: lambda v: _surname(_text(v)) or None,
    FieldKind.PHONE: lambda v: _phone_head(_text(v)),
    FieldKind.EMAIL: lambda v: _text(v).rpartition("@")[2] or None,
    FieldKind.BANK_CARD: lambda v: _digits_head(6)(_text(v)),
    FieldKind.PASSPORT: lambda v: _text(v).strip()[:1] or None,
    FieldKind.LICENSE_PLATE: lambda v: _text(v).strip()[:2] or None,
    FieldKind.ADDRESS: lambda v: address_head(_text(v)) or None,
    FieldKind.DATE: year_of,
    FieldKind.BIRTH_DATE: year_of,
    FieldKind.AGE: age_band,
    FieldKind.AMOUNT: amount_band,
    FieldKind.FREE_TEXT: lambda v: None,
    FieldKind.OTHER: lambda v: None,
}


def generalize_value(value: Any, kind: FieldKind) -> Optional[str]:
    """The coarser value of one value (None stays None, and unreadable values become None)."""
    if value is None:
        return None
    return _GENERALIZERS[FieldKind(kind)](value)


# -- keyed operators -----------------------------------------------------------------------
def _key_bytes(key: Optional[Key], operator: str) -> bytes:
    if key is None:
        raise BadMaskingInput(f"the {operator} operator needs a secret key; none was configured")
    return key.encode() if isinstance(key, str) else bytes(key)


_SEPARATORS = re.compile(r"[\s\-－—·•・.]+")


def _compact_upper(value: str) -> str:
    if value.isascii() and value.isalnum():
        return value.upper()
    return _SEPARATORS.sub("", fold_width(value)).upper()


def _phone_digits(value: str) -> str:
    digits = "".join(ch for ch in fold_width(value) if ch.isdigit())
    for prefix in ("0086", "86"):  # +86 138…, 0086 138… and 138… are one number
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11 and digits[len(prefix)] == "1":
            return digits[len(prefix):]
    return digits or value.strip()


def _card_digits(value: str) -> str:
    return "".join(ch for ch in fold_width(value) if ch.isdigit()) or value.strip()


def _normalise(kind: FieldKind) -> Callable[[str], str]:
    """How a value is written before it is hashed, so that one value written two ways
    (width, spaces, hyphens, the case of an ID's X, +86) gets one pseudonym."""
    if kind in (FieldKind.ID_NUMBER, FieldKind.CREDIT_CODE, FieldKind.PASSPORT, FieldKind.LICENSE_PLATE):
        return _compact_upper
    if kind is FieldKind.PHONE:
        return _phone_digits
    if kind is FieldKind.BANK_CARD:
        return _card_digits
    if kind is FieldKind.EMAIL:
        return lambda v: fold_width(v).strip().lower()
    if kind is FieldKind.NAME:
        return lambda v: "".join(fold_width(v).split())
    return lambda v: v.strip()


def normalise_for_hash(value: Any, kind: FieldKind) -> str:
    """The form of ``value`` that ``hash`` pseudonymises (see ``_normalise``)."""
    return _normalise(FieldKind(kind))(_text(value))


def hash_values(values: Sequence[Any], kind: FieldKind, key: Optional[Key], length: Optional[int] = None) -> List[Optional[str]]:
    """Keyed HMAC-SHA256 pseudonyms in hex (the first ``length`` characters if given)."""
    secret = _key_bytes(key, "hash")
    if len(secret) < MIN_HASH_KEY_BYTES:
        raise BadMaskingInput(f"the hash key must be at least {MIN_HASH_KEY_BYTES} bytes long")
    if length is not None and not 8 <= length <= 64:
        raise BadMaskingInput("hash_length must be between 8 and 64 hex characters")
    digest = hmac_sha256_hex(secret)
    normalise = _normalise(FieldKind(kind))
    out: List[Optional[str]] = []
    append = out.append
    for value in values:
        if value is None:
            append(None)
            continue
        hexdigest = digest(normalise(value if value.__class__ is str else _text(value)).encode())
        append(hexdigest[:length] if length else hexdigest)
    return out


def hmac_sha256_hex(key: bytes) -> Callable[[bytes], str]:
    """HMAC-SHA256 (RFC 2104) under ``key`` as a function of the message, hex output.

    The same value as ``hmac.new(key, msg, sha256).hexdigest()``, with the keyed inner and
    outer states computed once, which is faster than copying an ``hmac`` object per value.
    """
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))

    def digest(message: bytes) -> str:
        i = inner.copy()
        i.update(message)
        o = outer.copy()
        o.update(i.digest())
        return o.hexdigest()

    return digest


def _aesgcm(key: Optional[Key]):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    secret = _key_bytes(key, "encrypt")
    if len(secret) not in (16, 24, 32):
        raise BadMaskingInput("the encryption key must be 16, 24 or 32 bytes (AES-128/192/256)")
    return AESGCM(secret)


def encrypt_values(values: Sequence[Any], key: Optional[Key], associated_data: Optional[bytes] = None) -> List[Optional[str]]:
    """AES-GCM ciphertexts, base64(nonce || ciphertext || tag), each with a fresh nonce."""
    seal = _aesgcm(key).encrypt
    nonces = os.urandom(12 * len(values))
    out: List[Optional[str]] = []
    append = out.append
    for i, value in enumerate(values):
        if value is None:
            append(None)
            continue
        nonce = nonces[12 * i:12 * i + 12]
        sealed = seal(nonce, (value if value.__class__ is str else _text(value)).encode(), associated_data)
        append(binascii.b2a_base64(nonce + sealed, newline=False).decode("ascii"))
    return out


def decrypt_value(token: Optional[str], key: Key, associated_data: Optional[bytes] = None) -> Optional[str]:
    """The plaintext of an ``encrypt`` output; raises BadMaskingInput if it was altered or the key is wrong."""
    if token is None:
        return None
    from cryptography.exceptions import InvalidTag

    aead = _aesgcm(key)
    try:
        raw = base64.b64decode(token, validate=True)
        return aead.decrypt(raw[:12], raw[12:], associated_data).decode()
    except (InvalidTag, ValueError) as exc:
        raise BadMaskingInput("the value cannot be decrypted with this key (or it was altered)") from exc


# -- the column interface ------------------------------------------------------------------
def apply_operator(
    operator: str,
    values: Sequence[Any],
    kind: FieldKind,
    *,
    key: Optional[Key] = None,
    hash_length: Optional[int] = None,
) -> List[Any]:
    """Apply the operator named ``operator`` to a column of structured values.

    ``key`` is the HMAC secret for ``hash`` or the AES key for ``encrypt``.
    """
    kind = FieldKind(kind)
    if operator == "keep":
        return list(values)
    if operator == "redact":
        return [None] * len(values)
    if operator == "mask":
        masker = _MASKERS[kind]
        return [None if v is None else masker(v if isinstance(v, str) else _text(v)) for v in values]
    if operator == "generalize":
        general = _GENERALIZERS[kind]
        return [None if v is None else general(v) for v in values]
    if operator == "hash":
        return hash_values(values, kind, key, hash_length)
    if operator == "encrypt":
        return encrypt_values(values, key)
    if operator == "tag":
        tag = _KIND_TAG.get(kind, f"<{kind.value}>")
        return [None if v is None else tag for v in values]
    raise BadMaskingInput(f"unknown masking operator {operator!r}; use one of {', '.join(OPERATOR_NAMES)}")
