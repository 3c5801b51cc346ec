"""Pieces the mode resolvers share: result rows, key checks, source execution."""
from __future__ import annotations

import decimal
import functools

import sqlalchemy as sa

from gateway.catalog.datasets import Dataset
from gateway.errors import BadInput, InvalidCreditCode, InvalidIdNumber
from gateway.identifiers import credit_code_problem, id_number_problem, normalize_identifier
from gateway.sources.registry import field_column, source_table


class Row:
    """A record as GraphQL sees it: attribute access to the fetched fields only."""

    __slots__ = ("_values",)

    def __init__(self, values: dict):
        self._values = {k: to_graphql(v) for k, v in values.items()}

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name, default=None):
        return self._values.get(name, default)


class TuplePage:
    """A page of records fetched as tuples, with one field-name index for all of them.

    Pages of `rows` hold thousands of records: no object or dict is made per record here, and
    the flat-record completion (resolvers.flat_records) reads the tuples column by column.
    Anything else that iterates the page gets TupleRow views. Values are taken as fetched: the
    source tables' columns already give GraphQL-ready types (DECIMAL as float)."""

    __slots__ = ("index", "tuples")

    def __init__(self, names: list[str], tuples: list[tuple]):
        self.index = {name: position for position, name in enumerate(names)}
        self.tuples = tuples

    def __iter__(self):
        return (TupleRow(self.index, values) for values in self.tuples)

    def __len__(self):
        return len(self.tuples)


class TupleRow:
    """One record of a TuplePage, read by field name."""

    __slots__ = ("index", "values")

    def __init__(self, index: dict[str, int], values: tuple):
        self.index = index
        self.values = values

    def __getattr__(self, name):
        try:
            return self.values[self.index[name]]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name, default=None):
        position = self.index.get(name)
        return default if position is None else self.values[position]


def released(ctx, permission, dataset: Dataset, records: list[dict], keys: list | None = None,
             mode: str | None = None) -> list[dict]:
    """Records as they may leave: under conditional open use (§36(2), ``permission.channel ==
    "open"``) masked column-wise by the open-channel policy with the grant's own pseudonym key,
    and checked for k-anonymity over the grant's quasi-identifiers (rows the whole release's
    verdict suppresses are left out; ``keys`` are the records' keys); otherwise as fetched."""
    with ctx.services.tracing.masking(dataset.code, mode, permission.channel, len(records)):
        return _released(ctx, permission, dataset, records, keys, mode)


def _released(ctx, permission, dataset: Dataset, records: list[dict], keys, mode) -> list[dict]:
    if permission.channel != "open":
        return records
    from gateway.errors import ReleaseNotAnonymous
    from gateway.open_data.anonymity import check_release, release_page
    from gateway.open_data.pseudonyms import field_keys, mask_release_records

    check = check_release(ctx.services, dataset, permission.fields)
    if check is not None:
        try:
            check.refuse_unless_it_holds()
        except ReleaseNotAnonymous as exc:
            raise ctx.refuse(exc, dataset=dataset.code, mode=mode,
                             fields=sorted({n for r in records[:1] for n in r}))
    keyring = field_keys(dataset, ctx.services.masking_keys, f"grant/{permission.grant_id}")
    masked = mask_release_records(dataset, records, keyring)
    return release_page(check, masked, keys if keys is not None else [None] * len(masked))


def seal_key(ctx, permission) -> bytes | None:
    """The Fernet key sealing page cursors on the open channel (a cursor carries the raw key
    value)."""
    return ctx.services.cursor_key if permission.channel == "open" else None


def to_graphql(value):
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def checked_key(dataset: Dataset, raw: str) -> str:
    """The key as stored, after its check digits were verified (§22)."""
    key_field = dataset.key
    if key_field.identifier_kind == "ID_NUMBER":
        value = normalize_identifier(raw)
        problem = id_number_problem(value)
        if problem:
            # the key is not quoted: a refusal's message is its audit record's detail, and
            # the trail names a key only by its digest (a mistyped ID is still a person's)
            raise InvalidIdNumber(f"the key given is not a valid citizen ID number: {problem}")
        return value
    if key_field.identifier_kind == "CREDIT_CODE":
        value = normalize_identifier(raw)
        problem = credit_code_problem(value)
        if problem:
            raise InvalidCreditCode(f"{raw!r} is not a valid unified social credit code: {problem}")
        return value
    value = raw.strip()
    if not value:
        raise BadInput(f"give a value for the key {key_field.name} of {dataset.code}")
    if key_field.data_type == "INT":
        try:
            return int(value)
        except ValueError:
            raise BadInput(f"the key {key_field.name} of {dataset.code} is a whole number") from None
    return value


@functools.lru_cache(maxsize=1024)
def keyed_statement(dataset: Dataset, fields: tuple[str, ...]) -> sa.Select:
    """SELECT the fields of the record WHERE key = :key LIMIT 1 (lookup and compare), built
    once per dataset version and field set, the key a bound parameter."""
    table = source_table(dataset)
    columns = [field_column(table, dataset, f).label(f) for f in fields]
    return (sa.select(*columns or [sa.literal(1).label("_")])
            .where(field_column(table, dataset, dataset.key_field) == sa.bindparam("key"))
            .limit(1))
