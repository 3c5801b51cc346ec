"""What a query selected below a field, fragments flattened, @skip and @include applied.

A field may be asked for more than once under one response key (``lookup(key: $k) { name }
lookup(key: $k) { gender }``); GraphQL merges the occurrences into one field whose selection
is all of theirs, and so do these functions. (Before, only the first occurrence was read: a
field of the second was answered as an error, or on a page as null.) A selection left out by
``@skip(if: true)`` or ``@include(if: false)``, often through a variable, is not asked for:
it is neither checked against the grant, nor fetched, nor audited.
"""
from __future__ import annotations

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, convert_directives

from gateway.errors import BadInput


def _kept(skip: dict | None, include: dict | None) -> bool:
    """GraphQL's rule: ``@skip(if: true)`` or ``@include(if: false)`` leaves a selection out.
    A null condition (a variable declared ``Boolean = false`` and sent as null) is refused,
    as graphql-core refuses it when it collects the fields, but before anything is read."""
    for name, directive, keeps in (("skip", skip, False), ("include", include, True)):
        if directive is None:
            continue
        condition = directive.get("if")
        if not isinstance(condition, bool):  # read in this order, as graphql-core reads them
            raise BadInput(f"the `if` of @{name} must be true or false, not null")
        if condition is not keeps:
            return False
    return True


def flatten(selections) -> list[SelectedField]:
    out: list[SelectedField] = []
    for sel in selections:
        if not _kept(sel.directives.get("skip"), sel.directives.get("include")):
            continue
        if isinstance(sel, (FragmentSpread, InlineFragment)):
            out.extend(flatten(sel.selections))
        else:
            out.append(sel)
    return out


def children(info) -> list[SelectedField]:
    """The fields selected directly under the field being resolved, every occurrence of it
    merged, with their arguments (strawberry's selected_fields)."""
    return flatten([sel for field in info.selected_fields for sel in field.selections])


def names(selections: list[SelectedField]) -> set[str]:
    return {s.name for s in selections if not s.name.startswith("__")}


def selected_names(info) -> set[str]:
    """names(children(info)), read off graphql-core's syntax tree: strawberry's
    selected_fields converts the whole subtree, arguments included, to give a set of names."""
    raw = info._raw_info  # strawberry's Info around graphql-core's GraphQLResolveInfo
    fragments = raw.fragments
    out: set[str] = set()
    pending = [node.selection_set for node in raw.field_nodes if node.selection_set]
    while pending:
        for sel in pending.pop().selections:
            if sel.directives:  # read as strawberry reads them for selected_fields
                directives = convert_directives(raw, sel.directives)
                if not _kept(directives.get("skip"), directives.get("include")):
                    continue
            if isinstance(sel, FieldNode):
                if not sel.name.value.startswith("__"):
                    out.add(sel.name.value)
            elif isinstance(sel, InlineFragmentNode):
                pending.append(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode) and sel.name.value in fragments:
                pending.append(fragments[sel.name.value].selection_set)
    return out


def descend(selections: list[SelectedField], name: str) -> list[SelectedField]:
    """The fields selected under every occurrence of ``name`` (aliases included)."""
    out: list[SelectedField] = []
    for sel in selections:
        if sel.name == name:
            out.extend(flatten(sel.selections))
    return out
