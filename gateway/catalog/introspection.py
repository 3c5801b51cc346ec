"""Catalog drafts from a registered source's tables.

A steward lists a source's tables and columns (SQLAlchemy's inspector) and makes a catalog
draft from one table: a field per column the catalog can type, named in camelCase; the key
column, which must name one record (a primary key or unique column, else counted: refused
if any value repeats or is missing); each field's sensitivity and masking proposed from a
sample of its values (gateway.catalog.proposals' sampling, masking.proposal); and the §12
metadata the steward gives. The draft is saved as any other (catalog_review.save_draft) and
goes through the same review and publication.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import re
from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.access.principals import Caller
from gateway.catalog.datasets import valid_code
from gateway.catalog.proposals import SAMPLE_ROWS
from gateway.errors import BadInput, Forbidden, KeyNotUnique, NotFound, SourceUnavailable
from gateway.identifiers import is_valid_credit_code, is_valid_id_number
from gateway.sources.admin import live_source
from gateway.sources.registry import connect_failure
from gateway.store.models import CatalogDraft
from gateway.workflows.catalog_review import save_draft
from gateway.workflows.common import audit_action
from masking.kinds import DEFAULT_OPERATORS, Channel, FieldKind
from masking.proposal import KIND_SENSITIVITY, PolicyProposal, propose_policy

if TYPE_CHECKING:
    from gateway.services import Services

KEY_KINDS = ("ID_NUMBER", "CREDIT_CODE", "OTHER")
DIMENSION_MAX_VALUES = 30  # a text column with no more distinct values in its sample is a dimension
_KEY_CHECKS = {"ID_NUMBER": is_valid_id_number, "CREDIT_CODE": is_valid_credit_code}


@dataclasses.dataclass(frozen=True)
class SourceColumn:
    name: str
    type: str  # as the source names it
    data_type: str | None  # the catalog's type; None: the catalog cannot hold this column
    nullable: bool
    primary_key: bool
    unique: bool
    comment: str


@dataclasses.dataclass(frozen=True)
class TableDraft:
    """What the steward gives: the entry's code, table, key and §12 metadata."""

    code: str
    table: str
    key_column: str
    name: str
    share_type: str
    open_type: str
    key_kind: str | None = None  # ID_NUMBER, CREDIT_CODE, OTHER; None: as the sample suggests
    description: str = ""  # the summary
    update_frequency: str = ""
    share_conditions: str = ""
    open_conditions: str = ""
    legal_basis: str = ""
    provision_methods: tuple[str, ...] = ()
    columns: tuple[str, ...] | None = None  # None: every column the catalog can type


@dataclasses.dataclass(frozen=True)
class FieldDraft:
    """A field of the draft as proposed: its kind and class, and how sure the proposal is."""

    field: str
    column: str
    kind: str
    sensitivity: str
    confidence: float
    reason: str
    sampled: int


@dataclasses.dataclass(frozen=True)
class DraftFromTable:
    draft: CatalogDraft
    fields: list[FieldDraft]
    skipped: list[SourceColumn]  # columns left out: no catalog type


def source_tables(services: Services, caller: Caller, source: str) -> list[str]:
    """The source's tables and views (its default schema)."""
    live_source(services, caller, source, "lists its tables")
    inspector = _inspector(services, source)
    with _reading(source):
        return sorted(inspector.get_table_names() + inspector.get_view_names())


def source_columns(services: Services, caller: Caller, source: str, table: str) -> list[SourceColumn]:
    live_source(services, caller, source, "lists its columns")
    return _columns(_inspector(services, source), source, table)


def draft_from_table(services: Services, caller: Caller, source: str, ask: TableDraft) -> DraftFromTable:
    """A catalog draft of the table, saved for review (steward of the source's department)."""
    owner = live_source(services, caller, source, "makes drafts from it").department
    if caller.department != owner or not caller.has_role("steward"):
        raise Forbidden(f"a draft of {source}'s tables is made by a steward of {owner}, who "
                        "will own the catalog entry")
    if not valid_code(ask.code):
        raise BadInput(f"dataset code {ask.code!r} must be camelCase letters and digits "
                       "(e.g. residentRegister)")
    if ask.key_kind is not None and ask.key_kind not in KEY_KINDS:
        raise BadInput(f"the key's kind is one of {', '.join(KEY_KINDS)}")
    inspector = _inspector(services, source)
    columns = _columns(inspector, source, ask.table)
    chosen, skipped = _chosen(columns, ask)
    schema, name = _split(ask.table)
    table = sa.table(name, *[sa.column(c.name) for c in chosen], schema=schema)
    engine = services.sources.engine(source)
    _require_unique_key(engine, inspector, table, ask.key_column, ask.table)
    samples = _samples(engine, table, chosen, source)
    names = field_names([c.name for c in chosen])
    key = next(c for c in chosen if c.name == ask.key_column)
    key_kind = _key_kind(ask, key, samples[key.name])
    fields, spec_fields = [], []
    for column in chosen:
        field = names[column.name]
        proposal = propose_policy(f"{field} {column.name} {column.comment}".strip(),
                                  samples[column.name])
        made = _field_spec(column, field, proposal, samples[column.name],
                           key_kind if column is key else None)
        spec_fields.append(made)
        fields.append(FieldDraft(field=field, column=column.name, kind=made["masking"]["kind"],
                                 sensitivity=made["sensitivity"], confidence=proposal.confidence,
                                 reason=proposal.reason, sampled=len(samples[column.name])))
    spec = {"code": ask.code, "name": ask.name, "description": ask.description,
            "owner_department": owner, "share_type": ask.share_type,
            "share_conditions": ask.share_conditions, "open_type": ask.open_type,
            "open_conditions": ask.open_conditions, "update_frequency": ask.update_frequency,
            "provision_methods": list(ask.provision_methods), "legal_basis": ask.legal_basis,
            "source_code": source, "table_name": ask.table, "key_field": names[key.name],
            "fields": spec_fields}
    draft = save_draft(services, caller, spec)
    audit_action(services, caller, "DRAFT_FROM_TABLE", dataset=ask.code,
                 fields=[f.field for f in fields], detail=json.dumps(
                     {"source": source, "table": ask.table, "key": ask.key_column,
                      "draft": draft.id, "sampled": SAMPLE_ROWS,
                      "skipped": [c.name for c in skipped]}, ensure_ascii=False))
    return DraftFromTable(draft=draft, fields=fields, skipped=skipped)


def catalog_type(column_type: sa.types.TypeEngine) -> str | None:
    """The catalog's DATA_TYPES name of a reflected column type, or None (no such type:
    times of day, timestamps, binary, JSON, arrays …; a view can cast them)."""
    if isinstance(column_type, sa.Boolean):
        return "BOOLEAN"
    if isinstance(column_type, sa.Integer):
        return "INT"
    if isinstance(column_type, sa.Numeric):
        return "DECIMAL"
    if isinstance(column_type, sa.DateTime):
        return None
    if isinstance(column_type, sa.Date):
        return "DATE"
    if isinstance(column_type, sa.String) and not isinstance(column_type, sa.Uuid):
        return "STRING"
    return None


def field_names(columns: list[str]) -> dict[str, str]:
    """Column -> a camelCase field name, unique (id_number -> idNumber, ID_NO -> idNo,
    birthDate stays; a name without ASCII letters becomes column3)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for position, column in enumerate(columns, 1):
        parts = [p.lower() if p.isupper() else p for p in re.split(r"[^A-Za-z0-9]+", column) if p]
        name = "".join([parts[0][:1].lower() + parts[0][1:]] + [p[:1].upper() + p[1:] for p in parts[1:]]) \
            if parts else ""
        if not name or not name[0].isalpha():
            name = f"column{position}" if not name else f"c{name}"
        name = name[:60]
        base, n = name, 2
        while name in taken or not valid_code(name):
            name, n = f"{base}{n}", n + 1
        taken.add(name)
        names[column] = name
    return names


def _inspector(services: Services, source: str):
    with _reading(source):
        return sa.inspect(services.sources.engine(source))


@contextlib.contextmanager
def _reading(source: str):
    """Source errors while reading metadata or samples: SOURCE_UNAVAILABLE saying what failed
    (never the driver's text, which may quote the URL)."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        raise SourceUnavailable(f"source {source} cannot be read: {connect_failure(exc)}") from None


def _split(table: str) -> tuple[str | None, str]:
    schema, _, name = (table or "").rpartition(".")
    return schema or None, name


def _columns(inspector, source: str, table: str) -> list[SourceColumn]:
    schema, name = _split(table)
    with _reading(source):
        if not name or not inspector.has_table(name, schema=schema):
            raise NotFound(f"source {source} has no table {table!r}; see its tables "
                           "(sourceTables)")
        reflected = inspector.get_columns(name, schema=schema)
        primary = inspector.get_pk_constraint(name, schema=schema).get("constrained_columns") or []
        unique = _unique_columns(inspector, name, schema)
    return [SourceColumn(name=c["name"], type=_type_name(c["type"], inspector),
                         data_type=catalog_type(c["type"]), nullable=bool(c.get("nullable", True)),
                         primary_key=primary == [c["name"]],
                         unique=primary == [c["name"]] or c["name"] in unique,
                         comment=c.get("comment") or "")
            for c in reflected]


def _unique_columns(inspector, name: str, schema: str | None) -> set[str]:
    """Columns that are alone in a unique constraint or a unique index."""
    found = set()
    for constraint in inspector.get_unique_constraints(name, schema=schema):
        if len(constraint["column_names"]) == 1:
            found.add(constraint["column_names"][0])
    for index in inspector.get_indexes(name, schema=schema):
        if index.get("unique") and len(index["column_names"]) == 1 and index["column_names"][0]:
            found.add(index["column_names"][0])
    return found


def _type_name(column_type, inspector) -> str:
    try:
        return column_type.compile(dialect=inspector.dialect)
    except Exception:  # noqa: BLE001 - a type this dialect cannot spell: its class is enough
        return type(column_type).__name__


def _chosen(columns: list[SourceColumn], ask: TableDraft) -> tuple[list[SourceColumn], list[SourceColumn]]:
    by_name = {c.name: c for c in columns}
    wanted = list(ask.columns) if ask.columns else [c.name for c in columns if c.data_type]
    if ask.key_column not in wanted:
        wanted.insert(0, ask.key_column)
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        raise BadInput(f"table {ask.table} has no column {', '.join(unknown)}; see its columns "
                       "(sourceColumns)")
    untyped = [n for n in wanted if by_name[n].data_type is None]
    if untyped and ask.columns:
        raise BadInput(f"the catalog has no type for {', '.join(f'{n} ({by_name[n].type})' for n in untyped)}; "
                       "leave them out, or expose them cast in a view")
    if by_name[ask.key_column].data_type is None:
        raise BadInput(f"the key column {ask.key_column} is {by_name[ask.key_column].type}, which "
                       "the catalog cannot hold; choose another key")
    chosen = [by_name[n] for n in wanted]
    skipped = [c for c in columns if c.name not in wanted]
    return chosen, [c for c in skipped if c.data_type is None]


def _require_unique_key(engine, inspector, table: sa.TableClause, key: str, table_name: str) -> None:
    """A primary key is a key. Any other column is counted: no value may repeat or be missing
    (a unique index still allows several NULLs)."""
    schema, name = _split(table_name)
    with _reading(table_name):
        primary = inspector.get_pk_constraint(name, schema=schema).get("constrained_columns") or []
    if primary == [key]:
        return
    column = table.c[key]
    with _reading(table_name), engine.connect() as conn:
        rows, present, distinct = conn.execute(sa.select(
            sa.func.count(), sa.func.count(column), sa.func.count(sa.distinct(column)))
            .select_from(table)).one()
    repeated, missing = present - distinct, rows - present
    if repeated or missing:
        raise KeyNotUnique(
            f"column {key} of {table_name} cannot be the key: {repeated} rows repeat a value "
            f"another row has and {missing} rows have none, out of {rows}; a key names exactly "
            "one record. Choose another column, or make this one unique in the source")


def _samples(engine, table: sa.TableClause, columns: list[SourceColumn], source: str) -> dict[str, list]:
    """Up to SAMPLE_ROWS non-null values of each column, one bound statement per column."""
    samples = {}
    with _reading(source), engine.connect() as conn:
        for c in columns:
            column = table.c[c.name]
            statement = sa.select(column).where(column.is_not(None)).limit(SAMPLE_ROWS)
            samples[c.name] = [v for (v,) in conn.execute(statement)]
    return samples


def _key_kind(ask: TableDraft, key: SourceColumn, sample: list) -> str | None:
    """The key's identifier kind: the steward's, checked against the sample, else the one
    most of the sample's values are (valid check digits)."""
    valid = {kind: sum(1 for v in sample if isinstance(v, str) and check(v.strip()))
             for kind, check in _KEY_CHECKS.items()}
    if ask.key_kind == "OTHER":
        return None
    if ask.key_kind is None:
        found = [k for k, n in valid.items() if sample and n * 2 > len(sample)]
        return found[0] if found else None
    if key.data_type != "STRING":
        raise BadInput(f"a key of kind {ask.key_kind} is text; {key.name} is {key.type}")
    if sample and valid[ask.key_kind] * 2 <= len(sample):
        raise BadInput(f"only {valid[ask.key_kind]} of {len(sample)} sampled values of "
                       f"{key.name} are valid {ask.key_kind} values (check digit); choose "
                       "the right kind (or OTHER), or correct the source")
    return ask.key_kind


def _field_spec(column: SourceColumn, field: str, proposal: PolicyProposal, sample: list,
                identifier_kind: str | None) -> dict:
    sensitivity = proposal.sensitivity.value
    masking = {"shared": proposal.shared_operator, "open": proposal.open_operator,
               "kind": proposal.kind.value}
    if identifier_kind and proposal.kind.value != identifier_kind:
        # the key's kind is the steward's: its class and operators are that kind's defaults
        kind = FieldKind(identifier_kind)
        sensitivity = KIND_SENSITIVITY[kind].value
        defaults = DEFAULT_OPERATORS[KIND_SENSITIVITY[kind]]
        masking = {"shared": defaults[Channel.SHARED], "open": defaults[Channel.OPEN],
                   "kind": kind.value}
    dimension = (identifier_kind is None and column.data_type == "STRING" and sample
                 and sensitivity in ("PUBLIC", "INTERNAL")
                 and len(set(sample)) <= min(DIMENSION_MAX_VALUES, len(sample) // 2))
    return {"name": field, "column": column.name, "data_type": column.data_type,
            "description": column.comment, "sensitivity": sensitivity,
            "identifier_kind": identifier_kind, "dimension": bool(dimension),
            "consent_required": False, "masking": masking}
