"""A faster way to complete lists of records, the bulk of `rows` answers.

graphql-core completes every field of every record through the whole resolver machinery,
which for a page of records costs many times the SQL that fetched them. Record types built
from the catalog are flat (every field a nullable scalar read from the row by name, no
arguments, no resolver of its own), so a list of them can be completed directly: the
selection set is collected once by graphql-core itself (@include/@skip, fragments and
aliases included) and each value is serialised by its scalar type, as the general path would
(a str and None pass as they are; dates are left for the answer's JSON writer, which writes
them as the Date scalar would). A page of `rows` (TuplePage) is completed column by column;
a lookup's one record (Row) as one record of a list. Anything else takes the general path.
"""
from __future__ import annotations

import datetime as dt
from itertools import repeat

from graphql import ExecutionResult, GraphQLObjectType, get_nullable_type, is_leaf_type
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.types.base_scalars import isoformat

from gateway.modes.records import Row, TuplePage

FLAT = "datagate_flat_record"
_AS_IS = {str, type(None)}
# A column of dates under an isoformat scalar (Date) is left as date objects: the one writer
# of answers (gateway.web.graphql_http, orjson) writes a date exactly as isoformat() would, in C;
# the scalar took half of a page's completion time. (type() is exact: datetimes are not dates)
_DATES = {dt.date, type(None)}


def mark_flat(graphql_schema, type_names) -> None:
    """Mark object types whose fields are all plain scalars read by name."""
    for name in type_names:
        object_type = graphql_schema.type_map.get(name)
        if isinstance(object_type, GraphQLObjectType) and all(
                is_leaf_type(get_nullable_type(f.type)) and not f.args
                for f in object_type.fields.values()):
            object_type.extensions = {**(object_type.extensions or {}), FLAT: True}


class FlatRecordExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_operation(self, serially=None):
        """The result, with the executor's cycle broken once it is complete: its resolver
        helpers hold bound methods of the executor, so the executor, the request's context
        and everything they hold were otherwise freed only by the cyclic collector (about
        fifty objects a lookup, and young collections of 100,000 of them are pauses of tens
        of milliseconds under load; gateway.gc_tuning). Incremental results (@defer,
        @stream) keep it: their later parts still run on it."""
        result = super().execute_operation(serially)
        if type(result) is ExecutionResult:
            # everything, not only the helpers: an error's traceback holds the frames of
            # this executor's methods, and through their `self` the errors it collected
            self.__dict__.clear()
        return result

    def complete_iterable_value(self, item_type, field_details_list, info, path, items,
                                position_context):
        object_type = get_nullable_type(item_type)
        if (isinstance(object_type, GraphQLObjectType)
                and (object_type.extensions or {}).get(FLAT)
                and self.get_stream_usage(field_details_list, path) is None):
            plan = self._plan(object_type, field_details_list)
            if plan is not None:
                if type(items) is TuplePage:
                    return _complete_columns(plan, items)
                return [None if item is None else
                        {key: (name if serialize is None else read_value(item, name, serialize))
                         for key, name, serialize in plan} for item in items]
        return super().complete_iterable_value(item_type, field_details_list, info, path, items,
                                               position_context)

    def complete_object_value(self, return_type, field_details_list, info, path, result,
                              position_context):
        """One record (a lookup's Row) completed as one record of a list would be."""
        if (type(result) is Row and return_type.is_type_of is None
                and (return_type.extensions or {}).get(FLAT)):
            plan = self._plan(return_type, field_details_list)
            if plan is not None:
                return {key: (name if serialize is None else read_value(result, name, serialize))
                        for key, name, serialize in plan}
        return super().complete_object_value(return_type, field_details_list, info, path, result,
                                             position_context)

    def _plan(self, object_type, field_details_list):
        grouped, defer_usages, _ = self.collect_subfields(object_type, field_details_list)
        if defer_usages:
            return None
        plan = []
        for key, details in grouped.items():
            name = details[0].node.name.value
            if name == "__typename":
                plan.append((key, object_type.name, None))
                continue
            field = object_type.fields.get(name)
            if field is None:
                return None
            plan.append((key, name, get_nullable_type(field.type).serialize))
        return plan


def read_value(item, name, serialize):
    """A record's field as its scalar serialises it (resolvers.lookup_plan completes so too)."""
    value = item.get(name) if type(item) is Row else getattr(item, name, None)
    if value is None or type(value) is str:  # String serialises a str as itself
        return value
    return serialize(value)


def _complete_columns(plan, page: TuplePage) -> list[dict]:
    """A page of tuple rows completed column by column: a column whose values are all str or
    None is taken as it is (String leaves a str as it is), any other goes through the field's
    scalar value by value (None stays None); then one dict per record."""
    index, tuples = page.index, page.tuples
    if not tuples:
        return []
    count = len(tuples)
    if not plan:  # every field left out by @skip/@include: one empty object per record
        return [{} for _ in range(count)]
    fetched = list(zip(*tuples))
    keys, columns = [], []
    for key, name, serialize in plan:
        keys.append(key)
        position = index.get(name)
        if serialize is None:  # __typename
            columns.append(repeat(name, count))
        elif position is None:
            columns.append(repeat(None, count))
        else:
            column = fetched[position]
            types = set(map(type, column))
            if types <= _AS_IS or (serialize is isoformat and types <= _DATES):
                pass  # taken as it is (dates: see _DATES)
            elif len(types) == 1:  # one type, no None: map the scalar over the column
                column = list(map(serialize, column))
            else:
                column = [None if v is None else v if type(v) is str else serialize(v)
                          for v in column]
            columns.append(column)
    return list(map(dict, map(zip, repeat(keys), zip(*columns))))
