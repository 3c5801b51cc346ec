"""The `catalog` and `me` queries: what exists, and who is asking."""
from __future__ import annotations

import enum
from typing import Optional

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from gateway.catalog.datasets import MODES
from gateway.catalog.disclosure import defaults_from, rules_of
from gateway.access.grants import department_basis
from gateway.store.models import CatalogEntry, Department


@strawberry.enum(description="How a dataset may be shared between departments (§13).")
class ShareType(enum.Enum):
    UNCONDITIONAL = "UNCONDITIONAL"
    CONDITIONAL = "CONDITIONAL"
    NONE = "NONE"


@strawberry.enum(description="How a dataset may be opened to the public (§15).")
class OpenType(enum.Enum):
    UNCONDITIONAL = "UNCONDITIONAL"
    CONDITIONAL = "CONDITIONAL"
    NONE = "NONE"


@strawberry.enum(description="Access modes (§13, §14).")
class Mode(enum.Enum):
    LOOKUP = "LOOKUP"
    COMPARE = "COMPARE"
    STATS = "STATS"
    ROWS = "ROWS"


@strawberry.type
class DepartmentInfo:
    code: str
    name: str


@strawberry.type(description="Metadata of one field; never its data.")
class FieldInfo:
    name: str
    type: str
    description: str
    sensitivity: str
    key: bool
    dimension: bool
    consent_required: bool


@strawberry.type(description="How the entry's statistics are protected beyond the small-group "
                              "threshold (gateway defaults where the steward set none).")
class DisclosureInfo:
    min_group_size: int = strawberry.field(description="groups of fewer people are withheld")
    dominance_n: int = strawberry.field(description="(n, k) rule on sums of amounts; 0: off")
    dominance_k: float
    count_noise: int = strawberry.field(description="the most a released count is perturbed")
    magnitude_noise: float = strawberry.field(
        description="the most a released sum is perturbed, as a share of its largest contribution")


@strawberry.type(description="A catalog entry. Not-shared entries show their existence only.")
class CatalogEntryInfo:
    code: str
    name: str
    description: str
    owner: DepartmentInfo
    share_type: ShareType
    share_conditions: str
    open_type: OpenType
    open_conditions: str
    update_frequency: str
    provision_methods: list[str]
    status: str
    version: int
    key_field: Optional[str]
    fields: Optional[list[FieldInfo]] = strawberry.field(
        description="Null where the entry is not shared with you (existence only, §13(3)).")
    your_modes: list[Mode] = strawberry.field(
        description="The modes you may use now, for any of your purposes.")
    disclosure: Optional[DisclosureInfo] = strawberry.field(
        default=None, description="Null where the entry is not shared with you.")
    theme: Optional[str] = strawberry.field(
        default=None, description="The portal's theme (主题), as the DCAT catalog maps it to "
                                  "the EU data-theme vocabulary; null: none set.")
    license: Optional[str] = strawberry.field(
        default=None, description="The entry's own licence IRI; null: the platform's default "
                                  "(DATAGATE_OPEN_DATA_LICENSE) for open data (docs/open-data.md).")


@strawberry.type
class Me:
    principal: Optional[str]
    kind: str
    department: Optional[DepartmentInfo]
    roles: list[str]


def resolve_me(info: Info) -> Me:
    ctx = info.context
    caller = ctx.caller
    department = None
    if caller.department:
        with ctx.services.store() as session:
            row = session.get(Department, caller.department)
            department = DepartmentInfo(code=row.code, name=row.name) if row else None
    return Me(principal=caller.principal, kind=caller.kind, department=department,
              roles=sorted(caller.roles))


def resolve_catalog(info: Info, share_type: Optional[ShareType] = None,
                    owner: Optional[str] = None) -> list[CatalogEntryInfo]:
    ctx = info.context
    statement = (sa.select(CatalogEntry, Department)
                 .join(Department, Department.code == CatalogEntry.owner_department)
                 .where(CatalogEntry.status.in_(["PUBLISHED", "DEPRECATED"]))
                 .order_by(CatalogEntry.code))
    if share_type is not None:
        statement = statement.where(CatalogEntry.share_type == share_type.value)
    if owner:
        statement = statement.where(CatalogEntry.owner_department == owner)
    with ctx.services.store() as session:
        pairs = session.execute(statement).all()
        return [_entry_info(ctx, entry, dept) for entry, dept in pairs]


def _entry_info(ctx, entry: CatalogEntry, dept: Department) -> CatalogEntryInfo:
    dataset = ctx.catalog.get(entry.code)
    modes = ctx.profile.get(entry.code, {}) if dataset else {}
    shows_fields = entry.share_type != "NONE" or (
        dataset is not None and department_basis(ctx.caller, dataset) == "OWNER"
    ) or ctx.caller.has_role("data_authority")
    fields = None
    if shows_fields:
        fields = [FieldInfo(name=f.name, type=f.data_type, description=f.description,
                            sensitivity=f.sensitivity, key=f.name == entry.key_field,
                            dimension=f.dimension, consent_required=f.consent_required)
                  for f in entry.fields]
    return CatalogEntryInfo(
        code=entry.code, name=entry.name, description=entry.description,
        owner=DepartmentInfo(code=dept.code, name=dept.name),
        share_type=ShareType(entry.share_type), share_conditions=entry.share_conditions,
        open_type=OpenType(entry.open_type), open_conditions=entry.open_conditions,
        update_frequency=entry.update_frequency, provision_methods=list(entry.provision_methods),
        status=entry.status, version=entry.version,
        key_field=entry.key_field if shows_fields else None, fields=fields,
        your_modes=[Mode(m) for m in MODES if m in modes],
        disclosure=_disclosure_info(ctx, entry) if shows_fields else None,
        theme=entry.theme or None, license=entry.license or None)


def _disclosure_info(ctx, entry: CatalogEntry) -> DisclosureInfo:
    rules = rules_of(entry.disclosure, defaults_from(ctx.settings))
    return DisclosureInfo(min_group_size=entry.min_group_size or ctx.settings.min_group_size,
                          dominance_n=rules.dominance_n, dominance_k=rules.dominance_k,
                          count_noise=rules.count_noise, magnitude_noise=rules.magnitude_noise)
