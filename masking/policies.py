"""Field and dataset masking policies, and masking whole columns with them.

A ``FieldPolicy`` says what a field is (``FieldKind``), how sensitive it is
(``Sensitivity``) and which operator applies on each channel; an operator left unset
takes the default of the sensitivity class (``masking.kinds.DEFAULT_OPERATORS``).
A ``MaskingPolicy`` maps field names to field policies; a field without one is treated
as ``INTERNAL``/``OTHER``: kept when shared, redacted when opened (fail closed).

``mask_column`` masks a list or a pyarrow array of one field: structured kinds go through
``masking.operators`` (plain loops, no analyzer; an Arrow string array column-wise through
``masking.arrow_operators`` where it handles the operator, with the same output);
``FREE_TEXT`` under ``mask``, ``tag`` or ``generalize`` is scanned by the analyzer
(``masking.text``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from masking.errors import BadMaskingInput
from masking.kinds import DEFAULT_OPERATORS, Channel, FieldKind, Sensitivity
from masking.operators import OPERATOR_NAMES, Key, apply_operator
from masking.public_contacts import DEFAULT_PUBLIC_CONTACTS, PublicContacts

if TYPE_CHECKING:  # pyarrow is imported where a column is one
    import pyarrow

Column = Union[Sequence[Any], "pyarrow.Array", "pyarrow.ChunkedArray"]
_SCANNING_OPERATORS = {"mask": "mask", "tag": "tag", "generalize": "tag"}


@dataclass(frozen=True)
class MaskingKeys:
    """Secrets for the keyed operators: HMAC key for ``hash``, AES key for ``encrypt``."""

    hash_key: Optional[Key] = None
    encryption_key: Optional[Key] = None

    def __repr__(self) -> str:  # never print secrets
        return "MaskingKeys(hash_key=%s, encryption_key=%s)" % (
            "set" if self.hash_key else None,
            "set" if self.encryption_key else None,
        )


@dataclass(frozen=True)
class FieldPolicy:
    """How one field is masked: its kind, sensitivity and operator per channel."""

    kind: FieldKind
    sensitivity: Sensitivity
    shared: Optional[str] = None  # operator name; None: the sensitivity's default
    open: Optional[str] = None
    hash_length: Optional[int] = None
    # the contact points a FREE_TEXT field leaves standing; None: the dataset's
    public_contacts: Optional[PublicContacts] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", FieldKind(self.kind))
        object.__setattr__(self, "sensitivity", Sensitivity(self.sensitivity))
        for op in (self.shared, self.open):
            if op is not None and op not in OPERATOR_NAMES:
                raise BadMaskingInput(f"unknown masking operator {op!r}; use one of {', '.join(OPERATOR_NAMES)}")

    def operator(self, channel: Union[Channel, str]) -> str:
        """The operator name for ``channel`` (``shared`` or ``open``)."""
        channel = Channel(channel)
        explicit = self.shared if channel is Channel.SHARED else self.open
        return explicit or DEFAULT_OPERATORS[self.sensitivity][channel]


UNKNOWN_FIELD = FieldPolicy(FieldKind.OTHER, Sensitivity.INTERNAL)


def mask_column(
    values: Column,
    kind: Union[FieldKind, str],
    operator: str,
    *,
    keys: Optional[MaskingKeys] = None,
    hash_length: Optional[int] = None,
    public: PublicContacts = DEFAULT_PUBLIC_CONTACTS,
) -> Column:
    """One column masked with ``operator``; a list comes back as a list, an arrow array as one.

    ``public``: the contact points a scanned free-text column leaves standing
    (``masking.public_contacts``); ``keys``: the secrets of this call (a release may have its own).
    """
    kind = FieldKind(kind)
    keys = keys or MaskingKeys()
    arrow = _is_arrow(values)
    if arrow:
        import pyarrow as pa

        if operator == "keep":
            return values
        if operator == "redact":
            return pa.nulls(len(values), type=pa.string())
        from masking.arrow_operators import mask_arrow  # never claims FREE_TEXT

        masked = mask_arrow(values, kind, operator)
        if masked is not None:
            return masked
        values = values.to_pylist()
    if kind is FieldKind.FREE_TEXT and operator in _SCANNING_OPERATORS:
        from masking.text import mask_texts

        texts = [None if v is None else str(v) for v in values]
        out: List[Any] = mask_texts(texts, _SCANNING_OPERATORS[operator], public=public)
    else:
        key = keys.encryption_key if operator == "encrypt" else keys.hash_key
        out = apply_operator(operator, values, kind, key=key, hash_length=hash_length)
    if arrow:
        import pyarrow as pa

        return pa.array(out, type=pa.string())
    return out


def _is_arrow(values: Any) -> bool:
    module = type(values).__module__
    return module.startswith("pyarrow")


@dataclass(frozen=True)
class MaskingPolicy:
    """Field policies of one dataset, by field name; ``public_contacts`` applies to free-text
    fields whose policy sets none of its own."""

    fields: Mapping[str, FieldPolicy] = field(default_factory=dict)
    public_contacts: PublicContacts = DEFAULT_PUBLIC_CONTACTS  # left standing in free text

    def policy(self, name: str) -> FieldPolicy:
        return self.fields.get(name, UNKNOWN_FIELD)

    def mask_columns(
        self, columns: Mapping[str, Column], channel: Union[Channel, str], keys: Optional[MaskingKeys] = None
    ) -> Dict[str, Column]:
        """Every column masked for ``channel``, by its field's policy."""
        out = {}
        for name, values in columns.items():
            policy = self.policy(name)
            out[name] = mask_column(
                values, policy.kind, policy.operator(channel), keys=keys, hash_length=policy.hash_length,
                public=self.public_contacts if policy.public_contacts is None else policy.public_contacts,
            )
        return out

    def mask_records(
        self, records: Sequence[Mapping[str, Any]], channel: Union[Channel, str], keys: Optional[MaskingKeys] = None
    ) -> List[Dict[str, Any]]:
        """Row-shaped data masked column by column (so free text is analysed in one batch)."""
        if not records:
            return []
        names = list(dict.fromkeys(k for r in records for k in r))
        columns = {n: [r.get(n) for r in records] for n in names}
        masked = self.mask_columns(columns, channel, keys)
        return [{n: masked[n][i] for n in names if n in records[i]} for i in range(len(records))]

    def mask_table(self, table: "pyarrow.Table", channel: Union[Channel, str], keys: Optional[MaskingKeys] = None):
        """A pyarrow table masked for ``channel``; column order is kept."""
        import pyarrow as pa

        masked = self.mask_columns({n: table.column(n) for n in table.column_names}, channel, keys)
        return pa.table({n: masked[n] for n in table.column_names})
