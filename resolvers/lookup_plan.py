"""A lookup document answered without graphql-core's executor (issue 19: less work a request).

The gateway's commonest request is one shape: ``query($k: String!) { population(purpose: "…")
{ lookup(key: $k) { name gender } } }``. Its executor, strawberry's resolver wrappers and
argument conversion, variable coercion and field collection cost about as much CPU as the
lookup's own work (the grant check, the source read and the audit record). A prepared
document of exactly that shape is planned once: the dataset, where its purpose and key come
from, the record fields and their scalars. Running the plan calls the same use case
(gateway.modes.lookup) and completes the record as resolvers.flat_records does.

Only the plain shape is planned: one query operation with one dataset field, its one
`lookup`, record fields each asked once by name (no alias, fragment, directive, __typename or
variable default). A request whose variables the plan cannot take as they are (a key that
is not a string, a required variable missing) takes the general path, which answers with
graphql-core's own errors. A refusal or fault in the lookup becomes a field error located
as graphql-core locates it, the field null. tests/test_lookup_plan.py sends each case both
ways and compares the answers and the audit trail.
"""
from __future__ import annotations

import dataclasses

from graphql import (
    FieldNode, GraphQLObjectType, NonNullTypeNode, OperationDefinitionNode, OperationType,
    StringValueNode, VariableNode, get_nullable_type, located_error,
)
from graphql.language import NullValueNode

from gateway.access.request import DatasetAccess
from gateway.modes import lookup as lookup_mode
from resolvers.flat_records import FLAT, read_value

_NOT_GIVEN = object()


@dataclasses.dataclass(frozen=True)
class _Value:
    """An argument's value: a literal string (or null), or a variable's name."""
    literal: object = None
    variable: str | None = None
    required: bool = False  # the variable is declared String!

    def read(self, variables: dict):
        """The value, or _NOT_GIVEN where graphql-core's coercion would have to answer."""
        if self.variable is None:
            return self.literal
        value = variables.get(self.variable)
        if value is None:  # not given, or null: an error for String!, else null
            return _NOT_GIVEN if self.required else None
        return value if type(value) is str else _NOT_GIVEN


@dataclasses.dataclass(frozen=True)
class LookupPlan:
    dataset_code: str
    purpose: _Value
    key: _Value
    fields: tuple  # (name, scalar's serialize, field node) per record field, in query order
    root_node: FieldNode
    lookup_node: FieldNode

    def run(self, context, variables: dict | None):
        """(data, errors) of the request, or None: the general path must answer it."""
        variables = variables or {}
        purpose, key = self.purpose.read(variables), self.key.read(variables)
        if purpose is _NOT_GIVEN or key is _NOT_GIVEN:
            return None
        root = self.root_node.name.value
        access = DatasetAccess(dataset=context.catalog.datasets[self.dataset_code], purpose=purpose)
        errors = []
        try:
            row = lookup_mode.lookup(context, access, key, {name for name, _, _ in self.fields})
        except Exception as exc:  # noqa: BLE001 - a field error, as graphql-core makes it
            errors.append(located_error(exc, [self.lookup_node], [root, "lookup"]))
            return {root: {"lookup": None}}, errors
        if row is None:
            return {root: {"lookup": None}}, None
        record = {}
        for name, serialize, node in self.fields:
            try:
                record[name] = read_value(row, name, serialize)
            except Exception as exc:  # noqa: BLE001 - as graphql-core completes a leaf
                record[name] = None
                errors.append(located_error(exc, [node], [root, "lookup", name]))
        return {root: {"lookup": record}}, errors or None


def plan_for(schema, document, dataset_fields: frozenset[str]) -> LookupPlan | None:
    """The plan of a validated document, or None if it is not of the plain lookup shape."""
    if len(document.definitions) != 1:
        return None
    operation = document.definitions[0]
    if (not isinstance(operation, OperationDefinitionNode)
            or operation.operation != OperationType.QUERY or operation.directives):
        return None
    declared = {}
    for definition in operation.variable_definitions or ():
        if definition.default_value is not None or definition.directives:
            return None
        declared[definition.variable.name.value] = isinstance(definition.type, NonNullTypeNode)
    root = _only_field(operation.selection_set)
    if root is None or root.name.value not in dataset_fields:
        return None
    root_field = schema.query_type.fields.get(root.name.value)
    access_type = get_nullable_type(root_field.type) if root_field else None
    lookup = _only_field(root.selection_set)
    if (not isinstance(access_type, GraphQLObjectType) or lookup is None
            or lookup.name.value != "lookup" or "lookup" not in access_type.fields):
        return None
    record_type = access_type.fields["lookup"].type
    if (not isinstance(record_type, GraphQLObjectType)
            or not (record_type.extensions or {}).get(FLAT)):
        return None  # a non-null or non-flat lookup would complete otherwise
    purpose = _argument(root, "purpose", declared)
    key = _argument(lookup, "key", declared)
    if purpose is None or key is None:
        return None
    fields, seen = [], set()
    for node in lookup.selection_set.selections if lookup.selection_set else ():
        if not _plain(node) or node.selection_set or node.name.value in seen:
            return None
        field = record_type.fields.get(node.name.value)
        if field is None:
            return None
        seen.add(node.name.value)
        fields.append((node.name.value, get_nullable_type(field.type).serialize, node))
    if not fields:
        return None
    return LookupPlan(dataset_code=root.name.value, purpose=purpose, key=key,
                      fields=tuple(fields), root_node=root, lookup_node=lookup)


def _only_field(selection_set) -> FieldNode | None:
    if selection_set is None or len(selection_set.selections) != 1:
        return None
    node = selection_set.selections[0]
    return node if _plain(node) else None


def _plain(node) -> bool:
    """A field asked by its own name, with no directive."""
    return isinstance(node, FieldNode) and node.alias is None and not node.directives \
        and not node.name.value.startswith("__")


def _argument(node: FieldNode, name: str, declared: dict[str, bool]) -> _Value | None:
    """The argument ``name`` of ``node`` (absent: null), None if it is not a string literal,
    null or variable, or the field has any other argument."""
    value = _Value()
    for argument in node.arguments or ():
        if argument.name.value != name:
            return None
        given = argument.value
        if isinstance(given, StringValueNode):
            value = _Value(literal=given.value)
        elif isinstance(given, VariableNode) and given.name.value in declared:
            value = _Value(variable=given.name.value, required=declared[given.name.value])
        elif not isinstance(given, NullValueNode):
            return None
    return value
