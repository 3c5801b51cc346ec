"""One strawberry schema per (catalog generation, caller view), built on demand and cached.

Callers with the same view share a schema; publishing or changing a catalog entry bumps the
catalog generation in the store, and the next request builds fresh schemas (no restart).
"""
from __future__ import annotations

import threading
from collections import OrderedDict

import strawberry
from strawberry.tools import merge_types
from strawberry.extensions import (AddValidationRules, MaxTokensLimiter, ParserCache,
                                   ValidationCache, max_aliases, query_depth_limiter)

from gateway.catalog import CatalogSnapshot
from gateway.graphql_errors import is_unexpected
from gateway.settings import Settings
from resolvers.audit_log import resolve_audit_log
from resolvers.catalog_types import resolve_catalog, resolve_me
from resolvers.dataset_types import build_dataset_field
from resolvers.flat_records import FlatRecordExecutionContext, mark_flat
from resolvers.privacy_fields import QUERY_FIELDS as PRIVACY_FIELDS
from resolvers.field_policy_fields import FieldPolicyMutation
from resolvers.open_data_fields import OpenDataMutation
from resolvers.open_data_fields import QUERY_FIELDS as OPEN_DATA_FIELDS
from resolvers.sandbox_fields import QUERY_FIELDS as SANDBOX_FIELDS
from resolvers.sandbox_fields import SandboxMutation
from resolvers.workflow_fields import QUERY_FIELDS
from resolvers.workflow_fields import Mutation as WorkflowMutation

Profile = dict[str, dict[str, frozenset[str]]]
Mutation = merge_types("Mutation", (WorkflowMutation, FieldPolicyMutation, OpenDataMutation,
                                    SandboxMutation))


def profile_key(profile: Profile) -> tuple:
    return tuple(sorted((code, tuple(sorted((m, tuple(sorted(f))) for m, f in modes.items())))
                        for code, modes in profile.items()))


def build_schema(catalog: CatalogSnapshot, profile: Profile, settings: Settings) -> strawberry.Schema:
    members = {
        "me": strawberry.field(resolver=resolve_me, description="Who you are to the gateway."),
        "catalog": strawberry.field(resolver=resolve_catalog,
                                    description="Every catalog entry (§13(3)); data not included."),
        "auditLog": strawberry.field(resolver=resolve_audit_log, name="auditLog",
                                     description="The audit trail; auditors only."),
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
    query = strawberry.type(type("Query", (), {"__annotations__": {}, **members}), name="Query")
    # The limit rules are made once per schema and the same classes are added to every
    # request, so that the validation cache (keyed by schema, document and rules) hits.
    rules = [query_depth_limiter.create_validator(settings.max_query_depth, None, None),
             max_aliases.create_validator(settings.max_aliases)]
    schema = GatewaySchema(query=query, mutation=Mutation,
                           execution_context_class=FlatRecordExecutionContext, extensions=[
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
    ])
    mark_flat(schema._schema, [f"{catalog.get(code).type_prefix}Record" for code in profile
                               if catalog.get(code) is not None])
    return schema


class GatewaySchema(strawberry.Schema):
    """Logs only unexpected errors; refusals (DatagateError) are answers, not faults."""

    def process_errors(self, errors, execution_context=None) -> None:
        unexpected = [e for e in errors if is_unexpected(e)]
        if unexpected:
            super().process_errors(unexpected, execution_context)


class SchemaCache:
    def __init__(self, settings: Settings, size: int = 64):
        self._settings = settings
        self._size = size
        self._schemas: OrderedDict[tuple, strawberry.Schema] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, catalog: CatalogSnapshot, profile: Profile) -> strawberry.Schema:
        key = (catalog.generation, profile_key(profile))
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
        return schema
