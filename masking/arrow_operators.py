"""The commonest structured operators over whole Arrow string arrays (``pyarrow.compute``).

``mask_arrow(values, kind, operator)`` gives, value for value, exactly what
``masking.operators.apply_operator`` gives, a column at a time instead of a value at a
time. Each operator here handles the values it can read without Python's own string rules
(for example ASCII phone numbers, where ``str.isdigit`` is ``[0-9]``, or values without
surrounding white space, where ``str.strip`` changes nothing); the few others still pass
through the per-value operator and are put back in their places. None stays None.

=============================  ==========================================================
operator, kind                 column-wise
=============================  ==========================================================
mask ID_NUMBER, CREDIT_CODE,   first and last characters kept, one ``*`` per hidden one,
PASSPORT                       for values longer than the two ends together
generalize ID_NUMBER,          the first 6 / 8 / 1 / 2 characters
CREDIT_CODE, PASSPORT,
LICENSE_PLATE
generalize NAME                the surname (compound surnames of ``lexicon``)
mask NAME                      surname and ``*``, for names of Han characters
generalize PHONE               the segment or area code, for ASCII values
mask PHONE                     138****5678, for 11-digit mobile numbers
generalize, mask ADDRESS       up to the district: ``admin_end`` runs once per distinct
                               prefix of ``ADDRESS_PREFIX`` characters (``places.read_within``
                               says when a prefix decides the head)
generalize EMAIL               the domain
tag (every kind)               the kind's tag
=============================  ==========================================================

Other operators and kinds (``hash``, ``encrypt``, dates, numbers, free text) are not handled
here: ``mask_arrow`` returns None for them, and the caller masks value by value (``hash``
through ``operators.hash_values``, which normalises each value first, so the column-wise and
per-value paths give one pseudonym per value however it is written).
"""
from __future__ import annotations

import sys
from typing import Callable, Optional, Tuple, Union

import pyarrow as pa
import pyarrow.compute as pc

from masking import places
from masking.kinds import FieldKind
from masking.lexicon import COMPOUND_SURNAMES
from masking.operators import _KIND_TAG, apply_operator

Arrow = Union[pa.Array, pa.ChunkedArray]
# (result, which values still need the per-value operator: None when none do)
Partial = Tuple[pa.Array, Optional[pa.Array]]

# What ``str.strip`` removes (``str.isspace``), as an RE2 class; RE2's \s is ASCII only.
_SPACE = "[" + "".join("\\x{%x}" % c for c in range(sys.maxunicode + 1) if chr(c).isspace()) + "]"
_EDGE_SPACE = "^" + _SPACE + "|" + _SPACE + "$"
_HAN_NAME = "^[\\x{4e00}-\\x{9fff}·•]+$"  # operators._HAN_NAME, whole value
_COMPOUND = pa.array(sorted(COMPOUND_SURNAMES), type=pa.string())
_NULL = pa.scalar(None, type=pa.string())
# Addresses: admin_end reads at most PROVINCE_REACH + CITY_REACH + DISTRICT_REACH characters,
# but with a province and city of 3 characters each (广东省佛山市) it has read everything it
# needs by the 12th; longer heads fall back to the whole value.
ADDRESS_PREFIX = 12


def _not_ending_in_space(values: pa.Array) -> pa.Array:
    return pc.invert(pc.match_substring_regex(values, _EDGE_SPACE))


def _or_null(values: pa.Array) -> pa.Array:
    """Empty strings as None (the operators' ``... or None``)."""
    return pc.if_else(pc.equal(pc.binary_length(values), 0), _NULL, values)


def _stars(counts: pa.Array) -> pa.Array:
    return pc.binary_repeat("*", pc.max_element_wise(counts, 0))


def _join(*parts: pa.Array) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


# -- one function per (operator, kind) ---------------------------------------------------------
def _keep_ends(first: int, last: int) -> Callable[[pa.Array], Partial]:
    """operators._keep_ends(value.strip(), first, last) for values longer than first + last."""
    def run(values: pa.Array) -> Partial:
        n = pc.utf8_length(values)
        plain = pc.and_(_not_ending_in_space(values), pc.greater(n, first + last))
        masked = _join(pc.utf8_slice_codeunits(values, 0, first),
                       _stars(pc.subtract(n, first + last)),
                       pc.utf8_slice_codeunits(values, -last))
        return masked, pc.invert(plain)
    return run


def _head(length: int) -> Callable[[pa.Array], Partial]:
    """``value.strip()[:length] or None``."""
    def run(values: pa.Array) -> Partial:
        return _or_null(pc.utf8_slice_codeunits(values, 0, length)), pc.invert(_not_ending_in_space(values))
    return run


def _surname_length(values: pa.Array) -> pa.Array:
    compound = pc.and_(pc.is_in(pc.utf8_slice_codeunits(values, 0, 2), value_set=_COMPOUND),
                       pc.greater(pc.utf8_length(values), 2))
    return pc.if_else(compound, 2, 1)


def _surname(values: pa.Array) -> Partial:
    """operators._surname(value) or None."""
    compound = pc.equal(_surname_length(values), 2)
    surname = pc.if_else(compound, pc.utf8_slice_codeunits(values, 0, 2), pc.utf8_slice_codeunits(values, 0, 1))
    return _or_null(surname), pc.invert(_not_ending_in_space(values))


def _mask_name(values: pa.Array) -> Partial:
    """operators.mask_name for names of Han characters (no white space to strip)."""
    han = pc.match_substring_regex(values, _HAN_NAME)
    keep = _surname_length(values)
    compound = pc.equal(keep, 2)
    head = pc.if_else(compound, pc.utf8_slice_codeunits(values, 0, 2), pc.utf8_slice_codeunits(values, 0, 1))
    return _join(head, _stars(pc.subtract(pc.utf8_length(values), keep))), pc.invert(han)


_MOBILE = "^1[0-9]{10}$"


def _mask_phone(values: pa.Array) -> Partial:
    """operators.mask_phone for 11-digit mobile numbers."""
    masked = pc.replace_substring_regex(values, "^(1[0-9]{2})[0-9]{4}", "\\1****")
    return masked, pc.invert(pc.match_substring_regex(values, _MOBILE))


def _phone_head(values: pa.Array) -> Partial:
    """operators._phone_head for ASCII values (their digits are [0-9])."""
    ascii_ = pc.string_is_ascii(values)
    digits = pc.replace_substring_regex(values, "[^0-9]+", "")
    # country code: 0086, or 86 before at least 11 more digits
    national = pc.if_else(
        pc.starts_with(digits, "0086"), pc.utf8_slice_codeunits(digits, 4),
        pc.if_else(pc.and_(pc.starts_with(digits, "86"), pc.greater_equal(pc.utf8_length(digits), 13)),
                   pc.utf8_slice_codeunits(digits, 2), digits))
    # mobile: 3 digits; area code 01x/02x: 3, other 0xxx: 4; anything else: none
    head = pc.struct_field(
        pc.extract_regex(national, "^(?P<h>1[0-9]{0,2}|0[12][0-9]?|0[0-9]{0,3})"), [0])
    return head, pc.invert(ascii_)


def _address(operator: str) -> Callable[[pa.Array], Partial]:
    """operators.address_head (generalize: the head or None; mask: head and ``*``), read
    once per distinct prefix; a value whose head a prefix does not decide falls back."""
    def run(values: pa.Array) -> Partial:
        prefixes = pc.dictionary_encode(pc.utf8_slice_codeunits(values, 0, ADDRESS_PREFIX))
        heads, decided = [], []
        for prefix in prefixes.dictionary.to_pylist():
            steps = places.admin_steps(prefix)
            decided.append(len(prefix) < ADDRESS_PREFIX or places.read_within(steps, len(prefix)))
            heads.append(prefix[:steps[-1]])
        head = pc.take(pa.array(heads, type=pa.string()), prefixes.indices)
        undecided = pc.invert(pc.take(pa.array(decided, type=pa.bool_()), prefixes.indices))
        if operator == "generalize":
            return _or_null(head), undecided
        return _join(head, _stars(pc.subtract(pc.utf8_length(values), pc.utf8_length(head)))), undecided
    return run


def _domain(values: pa.Array) -> Partial:
    """``value.rpartition("@")[2] or None``: after the last @, or the value if it has none."""
    return _or_null(pc.replace_substring_regex(values, "(?s)^.*@", "")), None


def _tag(kind: FieldKind) -> Callable[[pa.Array], Partial]:
    tag = pa.scalar(_KIND_TAG.get(kind, f"<{kind.value}>"), type=pa.string())

    def run(values: pa.Array) -> Partial:
        return pc.if_else(pc.is_valid(values), tag, _NULL), None
    return run


_OPERATORS: dict[tuple[str, FieldKind], Callable[[pa.Array], Partial]] = {
    ("mask", FieldKind.ID_NUMBER): _keep_ends(6, 4),
    ("mask", FieldKind.CREDIT_CODE): _keep_ends(8, 2),
    ("mask", FieldKind.PASSPORT): _keep_ends(1, 2),
    ("generalize", FieldKind.ID_NUMBER): _head(6),
    ("generalize", FieldKind.CREDIT_CODE): _head(8),
    ("generalize", FieldKind.PASSPORT): _head(1),
    ("generalize", FieldKind.LICENSE_PLATE): _head(2),
    ("generalize", FieldKind.NAME): _surname,
    ("mask", FieldKind.NAME): _mask_name,
    ("generalize", FieldKind.PHONE): _phone_head,
    ("mask", FieldKind.PHONE): _mask_phone,
    ("generalize", FieldKind.ADDRESS): _address("generalize"),
    ("mask", FieldKind.ADDRESS): _address("mask"),
    ("generalize", FieldKind.EMAIL): _domain,
    **{("tag", kind): _tag(kind) for kind in FieldKind if kind is not FieldKind.FREE_TEXT},
}


def mask_arrow(values: Arrow, kind: Union[FieldKind, str], operator: str) -> Optional[Arrow]:
    """``values`` masked by ``operator`` column-wise, as a string array; None if not handled
    here (another operator or kind, or values that are not strings)."""
    kind = FieldKind(kind)
    run = _OPERATORS.get((operator, kind))
    if run is None or not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return None
    if isinstance(values, pa.ChunkedArray):
        return pa.chunked_array([_apply(run, chunk, kind, operator) for chunk in values.chunks],
                                type=pa.string())
    return _apply(run, values, kind, operator)


def _apply(run: Callable[[pa.Array], Partial], values: pa.Array, kind: FieldKind, operator: str) -> pa.Array:
    if pa.types.is_large_string(values.type):
        values = values.cast(pa.string())
    result, slow = run(values)
    if slow is not None:
        slow = pc.fill_null(slow, False)
        if pc.any(slow).as_py():
            rest = apply_operator(operator, pc.filter(values, slow).to_pylist(), kind)
            result = pc.replace_with_mask(result, slow, pa.array(rest, type=pa.string()))
    return result
