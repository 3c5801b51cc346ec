"""What a query selected below a field, fragments flattened (strawberry's selected_fields)."""
from __future__ import annotations

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField


def flatten(selections) -> list[SelectedField]:
    out: list[SelectedField] = []
    for sel in selections:
        if isinstance(sel, (FragmentSpread, InlineFragment)):
            out.extend(flatten(sel.selections))
        else:
            out.append(sel)
    return out


def children(info) -> list[SelectedField]:
    """The fields selected directly under the field being resolved."""
    return flatten(info.selected_fields[0].selections) if info.selected_fields else []


def names(selections: list[SelectedField]) -> set[str]:
    return {s.name for s in selections if not s.name.startswith("__")}


def descend(selections: list[SelectedField], name: str) -> list[SelectedField]:
    """The fields selected under every occurrence of ``name`` (aliases included)."""
    out: list[SelectedField] = []
    for sel in selections:
        if sel.name == name:
            out.extend(flatten(sel.selections))
    return out
