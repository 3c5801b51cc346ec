"""A `where` of stats or rows as SQLAlchemy conditions, every value a bound parameter pushed
down to the source. A filter names fields, and filtering on a field reveals something about
it, so the fields a filter uses count as used (checked against the grant like selected ones).

A `Where` maps each field to its operators (eq, ne, in_, starts_with, gt, gte, lt, lte) and
their values, only those the caller gave: the GraphQL layer (resolvers.filters.plain_where)
drops what was not given before a use case sees it.
"""
from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa

from gateway.catalog.datasets import Dataset
from gateway.errors import BadInput
from gateway.sources.registry import field_column

MAX_IN_VALUES = 500

Where = Mapping[str, Mapping[str, object]]

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


def where_fields(where: Where | None) -> set[str]:
    """The fields a where puts conditions on."""
    return {name for name, ops in (where or {}).items() if ops}


def where_conditions(dataset: Dataset, table: sa.TableClause, where: Where | None) -> list:
    conditions = []
    for name in sorted(where_fields(where)):
        column = field_column(table, dataset, name)
        for op, value in where[name].items():
            if op == "in_" and len(value) > MAX_IN_VALUES:
                raise BadInput(f"`in` on {name} takes at most {MAX_IN_VALUES} values")
            conditions.append(_OPERATORS[op](column, value))
    return conditions
