"""A `where` of stats or rows as SQLAlchemy conditions, every value a bound parameter pushed
down to the source. A filter names fields, and filtering on a field reveals something about
it, so the fields a filter uses count as used (checked against the grant like selected ones).

A `where` is any object whose attributes are fields, each an object whose attributes are
operators (eq, ne, in_, starts_with, gt, gte, lt, lte) with their values; an attribute that
is None or UNSET (GraphQL's "not given") puts no condition.
"""
from __future__ import annotations

import sqlalchemy as sa
from strawberry import UNSET

from gateway.catalog.datasets import Dataset
from gateway.errors import BadInput
from gateway.sources.registry import field_column

MAX_IN_VALUES = 500

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
