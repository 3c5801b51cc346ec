"""Source databases over GraphQL: `sources`, `sourceTables`, `sourceColumns`, and the
mutations that register, test, rename, set the password of and retire a source, and make a
catalog draft from one of its tables. Passwords are taken, never shown."""
from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Optional

import strawberry
from strawberry.types import Info

from gateway.catalog import introspection
from gateway.sources import admin
from resolvers.catalog_types import OpenType, ShareType
from resolvers.workflow_fields import _run
from resolvers.workflow_types import CatalogDraft, catalog_draft


@strawberry.type(description="A department's source database; its password is never shown.")
class Source:
    code: str
    name: str
    department: str
    description: str
    url: str = strawberry.field(description="The URL, its password hidden.")
    dialect: str
    password: str = strawberry.field(
        description="Where the password comes from: env:NAME, file:NAME, sealed, none, or a "
                    "warning that it is still in the URL in plain text.")
    retired_at: Optional[dt.datetime]


@strawberry.type
class SourceTest:
    code: str
    dialect: str
    seconds: float = strawberry.field(description="How long the new login and SELECT 1 took.")


@strawberry.type
class SourceColumn:
    name: str
    type: str = strawberry.field(description="The type as the source names it.")
    data_type: Optional[str] = strawberry.field(
        description="The catalog's type (STRING, INT, DECIMAL, DATE, BOOLEAN); null: none fits.")
    nullable: bool
    primary_key: bool
    unique: bool
    comment: str


@strawberry.enum(description="What a draft's key column holds.")
class KeyKind(enum.Enum):
    ID_NUMBER = "ID_NUMBER"
    CREDIT_CODE = "CREDIT_CODE"
    OTHER = "OTHER"


@strawberry.input(description="A catalog draft from a source table, with its §12 metadata.")
class DraftFromTableInput:
    code: str = strawberry.field(description="The dataset code (camelCase).")
    table: str
    key_column: str
    name: str
    share_type: ShareType
    open_type: OpenType
    key_kind: Optional[KeyKind] = strawberry.field(
        default=None, description="Left out: as the sampled values suggest.")
    description: str = strawberry.field(default="", description="The summary.")
    update_frequency: str = ""
    share_conditions: str = ""
    open_conditions: str = ""
    legal_basis: str = ""
    provision_methods: list[str] = strawberry.field(default_factory=list)
    columns: Optional[list[str]] = strawberry.field(
        default=None, description="Left out: every column the catalog can type.")


@strawberry.type
class FieldDraft:
    field: str
    column: str
    kind: str
    sensitivity: str
    confidence: float
    reason: str
    sampled: int


@strawberry.type
class TableDraft:
    draft: CatalogDraft
    fields: list[FieldDraft]
    skipped: list[SourceColumn] = strawberry.field(description="Columns the catalog cannot type.")


def _source(v: admin.SourceView) -> Source:
    return Source(code=v.code, name=v.name, department=v.department, description=v.description,
                  url=v.url, dialect=v.dialect, password=v.password,
                  retired_at=v.retired_at)


def _column(c: introspection.SourceColumn) -> SourceColumn:
    return SourceColumn(name=c.name, type=c.type, data_type=c.data_type, nullable=c.nullable,
                        primary_key=c.primary_key, unique=c.unique, comment=c.comment)


def sources_field(info: Info, retired: bool = False) -> list[Source]:
    return [_source(v) for v in _run(info, "LIST_SOURCES", admin.list_sources, retired)]


def source_tables_field(info: Info, source: str) -> list[str]:
    return _run(info, "LIST_SOURCE_TABLES", introspection.source_tables, source)


def source_columns_field(info: Info, source: str, table: str) -> list[SourceColumn]:
    return [_column(c) for c in _run(info, "LIST_SOURCE_COLUMNS", introspection.source_columns,
                                     source, table)]


QUERY_FIELDS = {
    "sources": strawberry.field(resolver=sources_field, description=(
        "Registered source databases: all (data authority) or your department's (steward).")),
    "sourceTables": strawberry.field(resolver=source_tables_field, name="sourceTables",
                                     description="The tables and views of a source."),
    "sourceColumns": strawberry.field(resolver=source_columns_field, name="sourceColumns",
                                      description="The columns of a source's table."),
}


@strawberry.type
class SourceMutation:
    @strawberry.mutation(description=(
        "Register a department's source (PostgreSQL, MariaDB/MySQL, SQLite). The password is "
        "named (secret: env:NAME or file:NAME) or given (password, or in the URL), then sealed."))
    def register_source(self, info: Info, code: str, department: str, url: str, name: str = "",
                        description: str = "", secret: Optional[str] = None,
                        password: Optional[str] = None) -> Source:
        register = functools.partial(admin.register_source, name=name, description=description,
                                     secret=secret, password=password)
        return _source(_run(info, "REGISTER_SOURCE", register, code, department, url))

    @strawberry.mutation(description="Log in to a source anew and run SELECT 1.")
    def test_source(self, info: Info, code: str) -> SourceTest:
        done = _run(info, "TEST_SOURCE", admin.test_source, code)
        return SourceTest(code=done.code, dialect=done.dialect, seconds=done.seconds)

    @strawberry.mutation(description="A source's display name; its code stays.")
    def rename_source(self, info: Info, code: str, name: str) -> Source:
        return _source(_run(info, "RENAME_SOURCE", admin.rename_source, code, name))

    @strawberry.mutation(description=(
        "Name a source's password (secret) or seal a new one (password); no restart needed."))
    def set_source_password(self, info: Info, code: str, secret: Optional[str] = None,
                            password: Optional[str] = None) -> Source:
        set_password = functools.partial(admin.set_source_password, secret=secret,
                                         password=password)
        return _source(_run(info, "SET_SOURCE_PASSWORD", set_password, code))

    @strawberry.mutation(description="Retire a source no published entry is bound to.")
    def retire_source(self, info: Info, code: str, reason: str) -> Source:
        return _source(_run(info, "RETIRE_SOURCE", admin.retire_source, code, reason))

    @strawberry.mutation(description=(
        "Make a catalog draft from a source table: typed fields, the key, proposed "
        "sensitivity and masking, and the §12 metadata; then submit it for review."))
    def draft_from_table(self, info: Info, source: str, input: DraftFromTableInput) -> TableDraft:
        ask = introspection.TableDraft(
            code=input.code, table=input.table, key_column=input.key_column, name=input.name,
            share_type=input.share_type.value, open_type=input.open_type.value,
            key_kind=input.key_kind.value if input.key_kind else None,
            description=input.description, update_frequency=input.update_frequency,
            share_conditions=input.share_conditions, open_conditions=input.open_conditions,
            legal_basis=input.legal_basis, provision_methods=tuple(input.provision_methods),
            columns=tuple(input.columns) if input.columns is not None else None)
        made = _run(info, "DRAFT_FROM_TABLE", introspection.draft_from_table, source, ask,
                    dataset=input.code)
        return TableDraft(
            draft=catalog_draft(made.draft),
            fields=[FieldDraft(field=f.field, column=f.column, kind=f.kind,
                               sensitivity=f.sensitivity, confidence=f.confidence,
                               reason=f.reason, sampled=f.sampled) for f in made.fields],
            skipped=[_column(c) for c in made.skipped])
