"""GraphQL types of one published dataset, for one caller's view of it.

Only what the caller may use appears: the modes it holds, and in each type only the granted
fields (as Hasura does per role). For `population` seen with lookup and stats:

    population(purpose: String): PopulationAccess
    PopulationAccess { lookup(key: String!): PopulationRecord  stats(...): PopulationStats! }
"""
from __future__ import annotations

import datetime as dt
import enum
from typing import Optional

import strawberry
from strawberry.types import Info

from gateway.catalog.datasets import Dataset
from gateway.catalog.field_policies import coarsened, open_operator
from gateway.access.grants import OPEN_CHANNEL
from gateway.modes import compare as compare_mode
from gateway.modes import lookup as lookup_mode
from gateway.modes import rows as rows_mode
from gateway.modes import stats as stats_mode
from gateway.access.request import DatasetAccess
from resolvers.filters import FILTER_FOR_TYPE, given_values, plain_where
from gateway.modes.stats_columns import AGGREGATES
from resolvers.selection import children, descend, names, selected_names

PY_TYPES = {"STRING": str, "INT": int, "DECIMAL": float, "DATE": dt.date, "BOOLEAN": bool}
FILTERABLE = "_filterable"  # in an open-channel view: the fields filters may use


@strawberry.type(description="Where a page of rows ends and whether more follow.")
class PageInfo:
    has_next_page: bool
    end_cursor: Optional[str]


def _make(name: str, annotations: dict, namespace: dict | None = None, *, is_input=False,
          description: str | None = None):
    cls = type(name, (), {**(namespace or {}), "__annotations__": annotations})
    decorator = strawberry.input if is_input else strawberry.type
    return decorator(cls, name=name, description=description)


def _typed(fn, annotations: dict):
    fn.__annotations__ = annotations
    return fn


def _ordered(dataset: Dataset, fields) -> list:
    return [f for f in dataset.fields if f.name in fields]


def build_dataset_field(dataset: Dataset, modes: dict[str, frozenset[str]]):
    """The root field for ``dataset`` in a schema whose caller holds ``modes``; None if empty."""
    p = dataset.type_prefix
    members: dict = {}
    if OPEN_CHANNEL in modes:
        modes = open_channel_view(dataset, modes)
    record_fields = _ordered(dataset, modes.get("LOOKUP", frozenset()) | modes.get("ROWS", frozenset()))
    record = None
    if record_fields:
        record = _make(f"{p}Record", {f.name: Optional[_record_type(f, modes)] for f in record_fields},
                       {f.name: strawberry.field(description=f.description or None)
                        for f in record_fields},
                       description=f"A record of {dataset.name} ({dataset.code}).")
    filterable = _ordered(dataset, (modes.get("ROWS", frozenset()) | modes.get("STATS", frozenset()))
                          & modes.get(FILTERABLE, frozenset(dataset.field_names)))
    where = None
    if filterable:
        where = _make(f"{p}Where", {f.name: Optional[FILTER_FOR_TYPE[f.data_type]] for f in filterable},
                      {f.name: strawberry.UNSET for f in filterable}, is_input=True,
                      description=f"Conditions on {dataset.code}; all given ones must hold.")
    if record and "LOOKUP" in modes:
        members["lookup"] = _lookup_field(dataset, record)
    if "COMPARE" in modes:
        field = _compare_field(dataset, modes["COMPARE"])
        if field is not None:
            members["compare"] = field
    if "STATS" in modes:
        members["stats"] = _stats_field(dataset, modes["STATS"], where)
    if record and "ROWS" in modes:
        members["rows"] = _rows_field(dataset, record, where)
    if not members:
        return None
    access = _make(f"{p}Access", {}, members,
                   description=f"{dataset.name}: what you may do with it, by access mode.")

    def resolve(info: Info, purpose: Optional[str] = None) -> DatasetAccess:
        return DatasetAccess(dataset=info.context.catalog.datasets[dataset.code], purpose=purpose)

    return strawberry.field(
        resolver=_typed(resolve, {"info": Info, "purpose": Optional[str], "return": access}),
        name=dataset.code,
        description=f"{dataset.name}. Name your purpose; every access is audited.")


def open_channel_view(dataset: Dataset, modes: dict[str, frozenset[str]]) -> dict:
    """A view under conditional open use (§36(2)): values leave masked by the open-channel
    policy, so filters, groups and aggregates only use fields that leave unmasked (a filter
    on a masked field would let a caller probe the real values), and not coarsened ones (a
    release's k-anonymity check may generalise them)."""
    kept = frozenset(f.name for f in dataset.fields
                     if open_operator(f) == "keep" and not coarsened(f))
    view = dict(modes)
    if "STATS" in view:
        view["STATS"] = view["STATS"] & kept
    view[FILTERABLE] = kept
    return view


def _record_type(field, modes: dict):
    """A masked or coarsened field is a String on the open channel (138****5678, 5000-9999,
    1990)."""
    if OPEN_CHANNEL in modes and (open_operator(field) != "keep" or coarsened(field)):
        return str
    return PY_TYPES[field.data_type]


def _lookup_field(dataset: Dataset, record):
    def resolve(root: DatasetAccess, info: Info, key: str):
        return lookup_mode.lookup(info.context, root, key, selected_names(info))

    return strawberry.field(
        resolver=_typed(resolve, {"info": Info, "key": str, "return": Optional[record]}),
        description=f"The record whose {dataset.key_field} is `key`, or null.")


def _compare_field(dataset: Dataset, fields: frozenset[str]):
    p = dataset.type_prefix
    comparable = [f for f in _ordered(dataset, fields) if f.name != dataset.key_field]
    if not comparable:
        return None
    values = _make(f"{p}CompareInput", {f.name: Optional[str] for f in comparable},
                   {f.name: strawberry.UNSET for f in comparable}, is_input=True,
                   description="The values you hold; each is compared with the stored one.")
    result = _make(f"{p}CompareResult", {f.name: Optional[bool] for f in comparable},
                   {f.name: None for f in comparable},
                   description="Per submitted field: true if it matches. No stored value.")

    def resolve(root: DatasetAccess, info: Info, key: str, values):
        return compare_mode.compare(info.context, root, key, given_values(values))

    return strawberry.field(
        resolver=_typed(resolve, {"info": Info, "key": str, "values": values,
                                  "return": result}),
        description="Whether each submitted value matches the record with this key.")


def _stats_field(dataset: Dataset, fields: frozenset[str], where):
    p = dataset.type_prefix
    dims = [f for f in _ordered(dataset, fields) if f.dimension]
    numeric = [f for f in _ordered(dataset, fields) if f.numeric]
    group_members: dict = {"count": strawberry.field(description="Rows in the group.")}
    annotations: dict = {f.name: Optional[PY_TYPES[f.data_type]] for f in dims}
    annotations["count"] = int
    for f in dims:
        group_members[f.name] = None
    dim_enum = None
    if dims:
        dim_enum = strawberry.enum(enum.Enum(f"{p}Dimension", {f.enum_name: f.name for f in dims}),
                                   name=f"{p}Dimension")
    num_enum = None
    if numeric:
        num_enum = strawberry.enum(enum.Enum(f"{p}NumericField",
                                             {f.enum_name: f.name for f in numeric}),
                                   name=f"{p}NumericField")
        for fn in AGGREGATES:
            group_members[fn] = _aggregate_field(fn, num_enum)
    group = _make(f"{p}StatsGroup", annotations, group_members,
                  description="One group: its dimension values, its size and aggregates.")
    result = _make(f"{p}Stats", {"groups": list[group], "suppressed": Optional[int],
                                 "epsilon": Optional[float], "epsilon_left": Optional[float]},
                   {"suppressed": strawberry.field(
                       description="How many groups were withheld as too small; null under a "
                                   "privacy budget (how many small groups exist is itself private)."),
                    "epsilon": strawberry.field(
                        description="Privacy budget this query spent; null when exact."),
                    "epsilon_left": strawberry.field(
                        description="Privacy budget left on the grant; null when exact.")})

    dim_names = {f.name for f in dims}

    def resolve(root: DatasetAccess, info: Info, group_by=None, where=None):
        chosen = [d.value for d in group_by or []]
        aggregates, shown = set(), set()
        for sel in descend(children(info), "groups"):
            if sel.name in AGGREGATES:
                aggregates.add((sel.name, _numeric_field(dataset, sel.arguments.get("field"))))
            elif sel.name in dim_names:
                shown.add(sel.name)
        return stats_mode.stats(info.context, root, chosen, plain_where(where), aggregates, shown)

    hints = {"info": Info, "return": result}
    if dim_enum is not None:
        hints["group_by"] = Optional[list[dim_enum]]
    if where is not None:
        hints["where"] = Optional[where]
    if dim_enum is None:
        def resolve_no_dims(root: DatasetAccess, info: Info, where=None):
            return resolve(root, info, None, where)
        return strawberry.field(resolver=_typed(resolve_no_dims, hints),
                                description="Aggregates over the whole dataset.")
    return strawberry.field(resolver=_typed(resolve, hints),
                            description="Aggregates grouped by dimensions; small groups withheld.")


def _numeric_field(dataset: Dataset, argument) -> str:
    """The field an aggregate names: selected_fields gives the enum's GraphQL name."""
    name = getattr(argument, "value", argument)
    for f in dataset.numeric_fields:
        if name in (f.name, f.enum_name):
            return f.name
    return str(name)


def _aggregate_field(fn: str, num_enum):
    def resolve(root, field) -> Optional[float]:
        value = root.get("_aggregates", {}).get((fn, field.value))
        return None if value is None else float(value)

    return strawberry.field(resolver=_typed(resolve, {"field": num_enum, "return": Optional[float]}),
                            description=f"{fn} of a numeric field over the group.")


def _rows_field(dataset: Dataset, record, where):
    p = dataset.type_prefix
    connection = _make(f"{p}Connection", {"nodes": list[record], "page_info": PageInfo},
                       description=f"A page of {dataset.code} records.")

    def resolve(root: DatasetAccess, info: Info, where=None, first: Optional[int] = None,
                after: Optional[str] = None):
        selected = names(descend(children(info), "nodes"))
        return rows_mode.rows(info.context, root, plain_where(where), first, after, selected)

    hints = {"info": Info, "first": Optional[int], "after": Optional[str], "return": connection}
    if where is not None:
        hints["where"] = Optional[where]
    else:
        def resolve_plain(root: DatasetAccess, info: Info, first: Optional[int] = None,
                          after: Optional[str] = None):
            return resolve(root, info, None, first, after)
        return strawberry.field(resolver=_typed(resolve_plain, hints),
                                description="Records ordered by key, a page at a time.")
    return strawberry.field(resolver=_typed(resolve, hints),
                            description="Records ordered by key, a page at a time.")
