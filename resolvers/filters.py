"""`where` inputs: one comparison input per scalar type, turned into SQLAlchemy conditions.

Every condition is a bound parameter pushed down to the source. A filter names fields, and
filtering on a field reveals something about it, so the fields a filter uses count as used.
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
import strawberry
from strawberry import UNSET

from gateway.catalog.datasets import Dataset
from gateway.errors import BadInput
from gateway.sources.registry import field_column

MAX_IN_VALUES = 500


@strawberry.input(description="Conditions on a text field; all given ones must hold.")
class StringFilter:
    eq: str | None = UNSET
    ne: str | None = UNSET
    in_: list[str] | None = strawberry.field(name="in", default=UNSET)
    starts_with: str | None = UNSET


@strawberry.input(description="Conditions on an integer field; all given ones must hold.")
class IntFilter:
    eq: int | None = UNSET
    ne: int | None = UNSET
    in_: list[int] | None = strawberry.field(name="in", default=UNSET)
    gt: int | None = UNSET
    gte: int | None = UNSET
    lt: int | None = UNSET
    lte: int | None = UNSET


@strawberry.input(description="Conditions on a decimal field; all given ones must hold.")
class FloatFilter:
    eq: float | None = UNSET
    ne: float | None = UNSET
    gt: float | None = UNSET
    gte: float | None = UNSET
    lt: float | None = UNSET
    lte: float | None = UNSET


@strawberry.input(description="Conditions on a date field; all given ones must hold.")
class DateFilter:
    eq: dt.date | None = UNSET
    ne: dt.date | None = UNSET
    gt: dt.date | None = UNSET
    gte: dt.date | None = UNSET
    lt: dt.date | None = UNSET
    lte: dt.date | None = UNSET


@strawberry.input(description="Condition on a true/false field.")
class BooleanFilter:
    eq: bool | None = UNSET


FILTER_FOR_TYPE = {"STRING": StringFilter, "INT": IntFilter, "DECIMAL": FloatFilter,
                   "DATE": DateFilter, "BOOLEAN": BooleanFilter}

_OPERATORS = {
    "eq": lambda c, v: c == v,
    "ne": lambda c, v: c != v,
    "gt": lambda c, v: c > v,
    "gte": lambda c, v: c >= v,
    "lt": lambda c, v: c < v,
    "lte": lambda c, v: c <= v,
    "in_": lambda c, v: c.in_(v),
    "starts_with": lambda c, v: c.startswith(v, autoescape=True),
}


def given(value) -> bool:
    return value is not UNSET and value is not None


def where_fields(where) -> set[str]:
    """The fields a where input puts conditions on."""
    if not given(where):
        return set()
    return {name for name, value in vars(where).items() if given(value)}


def where_conditions(dataset: Dataset, table: sa.TableClause, where) -> list:
    conditions = []
    for name in sorted(where_fields(where)):
        column = field_column(table, dataset, name)
        spec = getattr(where, name)
        for op, value in vars(spec).items():
            if not given(value):
                continue
            if op == "in_" and len(value) > MAX_IN_VALUES:
                raise BadInput(f"`in` on {name} takes at most {MAX_IN_VALUES} values")
            conditions.append(_OPERATORS[op](column, value))
    return conditions
