"""One strawberry schema per (catalog generation, caller view), built on demand and cached.

Callers with the same view share a schema; publishing or changing a catalog entry bumps the
catalog generation in the store, and the next request builds fresh schemas (no restart).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from inspect import isawaitable

import strawberry
from graphql import GraphQLError, execute, get_operation_ast, parse, specified_rules
from strawberry.execution import optimized_is_awaitable
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.schema.name_converter import NameConverter
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.tools import merge_types
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, max_aliases

from gateway.catalog.datasets import CatalogSnapshot
from resolvers.errors import is_unexpected
from gateway.gc_tuning import freeze_long_lived
from gateway.settings import Settings
from resolvers.administration_fields import AdministrationMutation
from resolvers.administration_fields import QUERY_FIELDS as ADMINISTRATION_FIELDS
from resolvers.access_log import QUERY_FIELDS as ACCESS_LOG_FIELDS
from resolvers.audit_log import resolve_audit_chain, resolve_audit_log
from resolvers.catalog_import_fields import QUERY_FIELDS as CATALOG_IMPORT_FIELDS
from resolvers.catalog_import_fields import CatalogImportMutation
from resolvers.catalog_types import resolve_catalog, resolve_me
from resolvers.dataset_types import build_dataset_field
from resolvers.depth_limit import depth_limit_rule
from resolvers.flat_records import FlatRecordExecutionContext, mark_flat
from resolvers.lookup_plan import plan_for
from resolvers.privacy_fields import QUERY_FIELDS as PRIVACY_FIELDS
from resolvers.instants import SCALAR_MAP
from resolvers.field_policy_fields import FieldPolicyMutation
from resolvers.open_data_fields import OpenDataMutation
from resolvers.open_data_fields import QUERY_FIELDS as OPEN_DATA_FIELDS
from resolvers.sandbox_fields import QUERY_FIELDS as SANDBOX_FIELDS
from resolvers.sandbox_fields import SandboxMutation
from resolvers.source_fields import QUERY_FIELDS as SOURCE_FIELDS
from resolvers.source_fields import SourceMutation
from resolvers.workflow_fields import QUERY_FIELDS
from resolvers.workflow_fields import Mutation as WorkflowMutation

Profile = dict[str, dict[str, frozenset[str]]]
PREPARED_MAX_CHARS = 8_000  # GatewaySchema.execute_document keeps no longer document
Mutation = merge_types("Mutation", (WorkflowMutation, FieldPolicyMutation, OpenDataMutation,
                                    SandboxMutation, AdministrationMutation, SourceMutation,
                                    CatalogImportMutation))


def build_schema(catalog: CatalogSnapshot, profile: Profile, settings: Settings) -> strawberry.Schema:
    members = {
        "me": strawberry.field(resolver=resolve_me, description="Who you are to the gateway."),
        "catalog": strawberry.field(resolver=resolve_catalog,
                                    description="Every catalog entry (§13(3)); data not included."),
        "auditLog": strawberry.field(resolver=resolve_audit_log, name="auditLog",
                                     description="The audit trail; auditors only."),
        "auditChain": strawberry.field(resolver=resolve_audit_chain, name="auditChain",
                                       description="Verify the audit trail's hash chain; auditors only."),
    }
    for code in sorted(profile):
        dataset = catalog.get(code)
        if dataset is None:
            continue
        field = build_dataset_field(dataset, profile[code])
        if field is not None:
            members[code] = field
    members.update(QUERY_FIELDS)
    members.update(PRIVACY_FIELDS)
    members.update(OPEN_DATA_FIELDS)
    members.update(SANDBOX_FIELDS)
    members.update(CATALOG_IMPORT_FIELDS)
    members.update(SOURCE_FIELDS)
    members.update(ADMINISTRATION_FIELDS)
    members.update(ACCESS_LOG_FIELDS)
    query = strawberry.type(type("Query", (), {"__annotations__": {}, **members}), name="Query")
    # The limit rules are made once per schema. Valid documents are kept parsed and validated
    # by GatewaySchema.execute_document; strawberry's ParserCache and ValidationCache are not
    # used: they keep any document, of any size, valid or not (512 of up to 1 MB each).
    rules = [depth_limit_rule(settings.max_query_depth),
             max_aliases.create_validator(settings.max_aliases)]
    dataset_fields = frozenset(code for code in profile if code in members)
    schema = GatewaySchema(query=query, mutation=Mutation, rules=rules,
                           max_tokens=settings.max_tokens, config=_CONFIG,
                           dataset_fields=dataset_fields,
                           execution_context_class=FlatRecordExecutionContext, extensions=[
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
    ])
    mark_flat(schema._schema, [f"{catalog.get(code).type_prefix}Record" for code in profile
                               if catalog.get(code) is not None])
    return schema


class _RememberingNameConverter(NameConverter):
    """strawberry's names (snake_case to camelCase), each worked out once: strawberry asks
    again for every argument of every resolver call."""

    def __init__(self) -> None:
        super().__init__(auto_camel_case=True)
        self._known: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        known = self._known.get(name)
        if known is None:
            known = self._known[name] = super().apply_naming_config(name)
        return known


_CONFIG = StrawberryConfig(name_converter=_RememberingNameConverter(), scalar_map=SCALAR_MAP)


class GatewaySchema(strawberry.Schema):
    """Logs only unexpected errors; refusals (gateway.errors.REFUSALS) are answers, not faults.

    execute_document() runs a document it has parsed and validated before straight on
    graphql-core (with the same execution context class), skipping strawberry's per-request
    extension machinery, the largest part of a lookup's time in the gateway after the source
    read. A document seen for the first time is parsed with the token limit and validated
    with the same rules strawberry applies (the specified rules, the depth and alias limits,
    strawberry's own two); a document that fails, or whose operation may not run over this
    HTTP method, takes strawberry's full path, so those error answers are exactly
    strawberry's. A document of several operations with no operationName choosing one is
    refused, as the GraphQL specification says (strawberry would run the first).
    """

    def __init__(self, *args, rules=(), max_tokens: int | None = None, prepared_size: int = 512,
                 dataset_fields: frozenset[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self._rules = (*specified_rules, *rules)
        self._max_tokens = max_tokens
        self._dataset_fields = dataset_fields  # the Query fields of datasets (resolvers.lookup_plan)
        # query text -> (document, its LookupPlan or None), or False: not valid
        self._prepared: OrderedDict[str, object] = OrderedDict()
        self._prepared_size = prepared_size
        self._prepared_lock = threading.Lock()

    def process_errors(self, errors, execution_context=None) -> None:
        unexpected = [e for e in errors if is_unexpected(e)]
        if unexpected:
            super().process_errors(unexpected, execution_context)

    def execute_document(self, query: str, variables, context, operation_name,
                         allowed_operation_types):
        prepared = self._prepared_document(query)
        if prepared is not None:
            document, plan = prepared
            operation = get_operation_ast(document, operation_name)
            if operation is None:  # as the GraphQL spec says; strawberry would run the first
                raise CannotGetOperationTypeError(operation_name)
            allowed = allowed_operation_types or (OperationType.QUERY, OperationType.MUTATION)
            planned = plan.run(context, variables) if plan is not None else None
            if planned is not None:  # a plain lookup, without the executor (resolvers.lookup_plan)
                data, errors = planned
                if errors:
                    self.process_errors(errors)
                    _drop_refusal_tracebacks(errors)
                return ExecutionResult(data=data, errors=errors)
            if OperationType(operation.operation.value) in allowed:
                result = execute(self._schema, document, context_value=context,
                                 variable_values=variables, operation_name=operation_name,
                                 executor_class=self.execution_context_class,
                                 is_awaitable=optimized_is_awaitable, operation_extensions=None,
                                 is_async_iterable=lambda _value: False)
                if isawaitable(result):  # no resolver of ours is async
                    raise RuntimeError("GraphQL execution failed to complete synchronously")
                if result.errors:
                    self.process_errors(result.errors)
                    _drop_refusal_tracebacks(result.errors)
                return ExecutionResult(data=result.data, errors=result.errors)
        return self.execute_sync(query, variable_values=variables, context_value=context,
                                 operation_name=operation_name,
                                 allowed_operation_types=allowed_operation_types)

    def _prepared_document(self, query: str):
        """(The parsed document, its lookup plan or None) if it is valid against this schema,
        else None (remembered).
        Texts over PREPARED_MAX_CHARS are not kept (at most 512 texts of 8,000 characters per
        schema): they take strawberry's path, parsed and validated again each time."""
        if len(query) > PREPARED_MAX_CHARS:
            return None
        with self._prepared_lock:
            known = self._prepared.get(query)
            if known is not None:
                self._prepared.move_to_end(query)
                return known or None
        try:
            document = parse(query, max_tokens=self._max_tokens)
            valid = not validate_document(self._schema, document, self._rules)
        except GraphQLError:
            valid = False
        prepared = (document, plan_for(self._schema, document, self._dataset_fields)) if valid else False
        with self._prepared_lock:
            self._prepared[query] = prepared
            while len(self._prepared) > self._prepared_size:
                self._prepared.popitem(last=False)
        return prepared or None


def _drop_refusal_tracebacks(errors) -> None:
    """A refusal is an answer, not a fault: its traceback is never logged, and it held the
    frames of the request (the executor, the context) in a reference cycle with the error
    (tests/test_request_cycles.py). A fault keeps its traceback for the log."""
    for error in errors:
        original = error.original_error
        if original is not None and not is_unexpected(error):
            original.__traceback__ = None
            error.__traceback__ = None


class SchemaCache:
    def __init__(self, settings: Settings, size: int = 64):
        self._settings = settings
        self._size = size
        self._schemas: OrderedDict[tuple, strawberry.Schema] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, catalog: CatalogSnapshot, profile: Profile, view: tuple) -> strawberry.Schema:
        """The schema of one caller view (``view``: gateway.access.grants.profile_key(profile))."""
        key = (catalog.generation, view)
        with self._lock:
            schema = self._schemas.get(key)
            if schema is not None:
                self._schemas.move_to_end(key)
                return schema
        schema = build_schema(catalog, profile, self._settings)
        with self._lock:
            self._schemas[key] = schema
            while len(self._schemas) > self._size:
                self._schemas.popitem(last=False)
        freeze_long_lived()
        return schema
