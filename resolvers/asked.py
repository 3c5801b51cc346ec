"""What a document asked of one dataset: the purposes it named and the modes it used.

A validation error says only which field the caller's schema lacks (``lookup`` on
``PopulationAccess``, ``population`` on ``Query``); the refusal that says why
(gateway.access.grants.denial_for_hidden) also needs the purpose and the mode, read here off the
document, through fragments, with the purpose taken from the variables where it is one.
"""
from __future__ import annotations

import dataclasses
import functools

from graphql import (DocumentNode, FieldNode, FragmentDefinitionNode, FragmentSpreadNode,
                     InlineFragmentNode, OperationDefinitionNode, OperationType, StringValueNode,
                     VariableNode, parse)

from gateway.catalog.datasets import MODES

MODE_FIELDS = {mode.lower(): mode for mode in MODES}


@dataclasses.dataclass(frozen=True)
class Asked:
    purposes: frozenset[str] = frozenset()
    modes: frozenset[str] = frozenset()


NOTHING_KNOWN = Asked()


@functools.lru_cache(maxsize=4)
def parsed(text: str) -> DocumentNode:
    """A refused document parsed again (its errors come one at a time, for one request)."""
    return parse(text, no_location=True)


def asked_of(document: DocumentNode, variables: dict | None, code: str) -> Asked:
    """The purposes named and the modes used under the root field ``code`` of every query."""
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    purposes, modes = set(), set()
    for operation in document.definitions:
        if not (isinstance(operation, OperationDefinitionNode)
                and operation.operation == OperationType.QUERY):
            continue
        for root in fields_of(operation.selection_set, fragments):
            if root.name.value != code:
                continue
            purpose = purpose_of(root, variables or {})
            if purpose:
                purposes.add(purpose)
            modes.update(MODE_FIELDS[f.name.value] for f in fields_of(root.selection_set, fragments)
                         if f.name.value in MODE_FIELDS)
    return Asked(frozenset(purposes), frozenset(modes))


def fields_of(selection_set, fragments: dict) -> list[FieldNode]:
    """The fields of a selection set, fragments and inline fragments flattened (each fragment
    once: a document may spread one in a cycle, which validation refuses too)."""
    out, pending, spread = [], [selection_set], set()
    while pending:
        selections = pending.pop()
        for sel in selections.selections if selections is not None else ():
            if isinstance(sel, FieldNode):
                out.append(sel)
            elif isinstance(sel, InlineFragmentNode):
                pending.append(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value in fragments \
                    and sel.name.value not in spread:
                spread.add(sel.name.value)
                pending.append(fragments[sel.name.value].selection_set)
    return out


def purpose_of(field: FieldNode, variables: dict) -> str | None:
    """The purpose argument of a dataset's root field, written out or through a variable."""
    for argument in field.arguments:
        if argument.name.value != "purpose":
            continue
        value = argument.value
        if isinstance(value, StringValueNode):
            return value.value.strip() or None
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            return given.strip() or None if isinstance(given, str) else None
    return None
