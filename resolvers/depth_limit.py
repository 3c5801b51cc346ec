"""The query-depth limit as a validation rule that also takes documents other rules refuse.

strawberry's depth limiter walks the document as it is given: a spread of a fragment the
document does not define raised KeyError in it, and an empty selection set (`{}`, which
graphql-core parses) ValueError, so such a request ended as a 500 (or, on strawberry's own
path, as a BAD_INPUT quoting the Python error). Here an undefined fragment is left to
graphql-core's KnownFragmentNames ("Unknown fragment 'A'."), an empty selection set is
refused with its own message, and only a document without either is measured.
"""
from __future__ import annotations

from graphql import GraphQLError, ValidationContext, ValidationRule
from graphql.language import FragmentDefinitionNode, FragmentSpreadNode, SelectionSetNode, visit
from graphql.language.visitor import Visitor
from strawberry.extensions import query_depth_limiter


class _Survey(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.defined: set[str] = set()
        self.spread: set[str] = set()
        self.empty: list[SelectionSetNode] = []

    def enter_fragment_definition(self, node: FragmentDefinitionNode, *_args) -> None:
        self.defined.add(node.name.value)

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_args) -> None:
        self.spread.add(node.name.value)

    def enter_selection_set(self, node: SelectionSetNode, *_args) -> None:
        if not node.selections:
            self.empty.append(node)


def depth_limit_rule(max_depth: int) -> type[ValidationRule]:
    measured = query_depth_limiter.create_validator(max_depth, None, None)

    class DepthLimit(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            survey = _Survey()
            visit(context.document, survey)
            for node in survey.empty:
                context.report_error(GraphQLError(
                    "A selection set may not be empty: name at least one field between { and }.",
                    node))
            if not survey.empty and survey.spread <= survey.defined:
                measured(context)  # reports a document deeper than max_depth

    return DepthLimit
