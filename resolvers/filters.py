"""`where` inputs: one comparison input per scalar type, and the plain mappings the use cases
take (gateway.modes.conditions turns a where into SQL conditions)."""
from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import UNSET


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


def given_values(inputs) -> dict:
    """The attributes of a GraphQL input object that the caller gave: UNSET (left out) and
    null both mean "not given"."""
    if inputs is None or inputs is UNSET:
        return {}
    return {name: value for name, value in vars(inputs).items()
            if value is not UNSET and value is not None}


def plain_where(where) -> dict[str, dict[str, object]]:
    """A `<Dataset>Where` input as gateway.modes.conditions.Where: field -> operator -> value."""
    return {name: ops for name, spec in given_values(where).items() if (ops := given_values(spec))}
