"""The catalog as the resolvers see it: immutable snapshots of published entries.

The store holds the editable entries (gateway.store.models.CatalogEntry); this module turns
the published ones into plain frozen objects the schema builder and the resolvers share.
"""
from __future__ import annotations

import dataclasses
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.catalog.disclosure import DisclosureRules, rules_of
from gateway.store.models import CatalogEntry, CatalogField, StoreState

MODES = ("LOOKUP", "COMPARE", "STATS", "ROWS")
SHARE_TYPES = ("UNCONDITIONAL", "CONDITIONAL", "NONE")
OPEN_TYPES = ("UNCONDITIONAL", "CONDITIONAL", "NONE")
DATA_TYPES = ("STRING", "INT", "DECIMAL", "DATE", "BOOLEAN")
NUMERIC_TYPES = ("INT", "DECIMAL")
_CODE = re.compile(r"^[a-z][A-Za-z0-9]{0,62}$")


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    column: str
    data_type: str
    description: str = ""
    sensitivity: str = "INTERNAL"
    identifier_kind: str | None = None
    dimension: bool = False
    consent_required: bool = False
    masking: tuple[tuple[str, str], ...] = ()
    lower_bound: float | None = None
    upper_bound: float | None = None

    @property
    def numeric(self) -> bool:
        return self.data_type in NUMERIC_TYPES

    @property
    def magnitude(self) -> bool:
        """An amount whose sums the dominance rule protects: numeric and not a dimension."""
        return self.numeric and not self.dimension

    @property
    def enum_name(self) -> str:
        return upper_snake(self.name)


@dataclasses.dataclass(frozen=True)
class Dataset:
    code: str
    name: str
    description: str
    owner_department: str
    share_type: str
    open_type: str
    source_code: str | None
    table_name: str | None
    key_field: str
    min_group_size: int
    status: str
    version: int
    fields: tuple[Field, ...]
    disclosure: DisclosureRules = DisclosureRules()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def key(self) -> Field:
        return self.field(self.key_field)

    @property
    def dimensions(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.dimension)

    @property
    def numeric_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.numeric)

    @property
    def type_prefix(self) -> str:
        return self.code[0].upper() + self.code[1:]


def upper_snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).upper()


def valid_code(code: str) -> bool:
    """Dataset codes and field names are GraphQL names in camelCase."""
    return bool(_CODE.match(code))


def dataset_from_entry(entry: CatalogEntry, default_min_group_size: int,
                       default_disclosure: DisclosureRules = DisclosureRules()) -> Dataset:
    return Dataset(
        code=entry.code, name=entry.name, description=entry.description,
        owner_department=entry.owner_department, share_type=entry.share_type,
        open_type=entry.open_type, source_code=entry.source_code, table_name=entry.table_name,
        key_field=entry.key_field,
        min_group_size=entry.min_group_size or default_min_group_size,
        status=entry.status, version=entry.version,
        fields=tuple(field_from_row(f) for f in entry.fields),
        disclosure=rules_of(entry.disclosure, default_disclosure),
    )


def frozen_masking(masking: dict | None) -> tuple:
    """A field's masking object as a hashable tuple of (key, value) pairs: nested lists become
    tuples and objects sorted pairs (``coarsen`` steps), so datasets stay hashable."""
    def frozen(value):
        if isinstance(value, dict):
            return tuple(sorted((k, frozen(v)) for k, v in value.items()))
        if isinstance(value, list):
            return tuple(frozen(v) for v in value)
        return value
    return tuple(sorted((k, frozen(v)) for k, v in (masking or {}).items()))


def field_from_row(f: CatalogField) -> Field:
    return Field(
        name=f.name, column=f.column, data_type=f.data_type, description=f.description,
        sensitivity=f.sensitivity, identifier_kind=f.identifier_kind, dimension=f.dimension,
        consent_required=f.consent_required, masking=frozen_masking(f.masking),
        lower_bound=f.lower_bound, upper_bound=f.upper_bound,
    )


@dataclasses.dataclass(frozen=True)
class CatalogSnapshot:
    generation: int
    datasets: dict[str, Dataset]  # published, by code

    def get(self, code: str) -> Dataset | None:
        return self.datasets.get(code)


def catalog_generation(session: Session) -> int:
    value = session.scalar(select(StoreState.value).where(StoreState.key == "catalog"))
    return value or 0


def bump_catalog_generation(session: Session) -> None:
    """Tell every gateway process that shares this store to rebuild its schemas."""
    state = session.get(StoreState, "catalog")
    if state is None:
        session.add(StoreState(key="catalog", value=1))
    else:
        state.value += 1


def load_snapshot(session: Session, default_min_group_size: int,
                  default_disclosure: DisclosureRules = DisclosureRules()) -> CatalogSnapshot:
    generation = catalog_generation(session)
    entries = session.scalars(select(CatalogEntry).where(CatalogEntry.status == "PUBLISHED"))
    datasets = {e.code: dataset_from_entry(e, default_min_group_size, default_disclosure)
                for e in entries}
    return CatalogSnapshot(generation=generation, datasets=datasets)
