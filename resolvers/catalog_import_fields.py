"""A catalog spreadsheet in and out over GraphQL (gateway.workflows.catalog_import): the file
travels as base64 text. A real import with problems is refused with CATALOG_IMPORT_INVALID,
its extensions carrying the problems; refusals are audited (`_run`)."""
from __future__ import annotations

import base64
import binascii
import enum
from typing import Optional

import strawberry
from strawberry.types import Info

from gateway.errors import BadInput
from gateway.workflows import catalog_import
from resolvers.workflow_fields import _run


@strawberry.enum(description="The file format of a catalog spreadsheet.")
class CatalogFileFormat(enum.Enum):
    XLSX = "xlsx"
    CSV = "csv"


@strawberry.type(description="Something in the file that stops it being imported, where it is.")
class CatalogImportProblem:
    sheet: str = strawberry.field(description="The sheet (for a CSV file, the file name).")
    row: int = strawberry.field(description="The row as the spreadsheet numbers it; 0: the whole file.")
    column: str = strawberry.field(description='The column letter ("F"); empty for a whole row.')
    header: str = strawberry.field(description="The column's header as the file writes it.")
    message_zh: str
    message_en: str


@strawberry.type(description="An entry the import would save (dry run) or saved as a draft.")
class CatalogImportEntry:
    code: str
    name: str
    department: Optional[str]
    fields: int
    draft_id: Optional[strawberry.ID] = strawberry.field(description="The draft saved; null on a dry run.")
    replaces_draft: Optional[strawberry.ID] = strawberry.field(
        description="The entry's open draft that the import replaces.")
    published_version: Optional[int] = strawberry.field(
        description="The published version the draft revises; null for a new entry.")


@strawberry.type(description="What an import found and did: every problem at once, or the drafts.")
class CatalogImportReport:
    dry_run: bool
    imported: bool = strawberry.field(description="True when the drafts were saved.")
    rows: int = strawberry.field(description="Data rows read (empty rows not counted).")
    entries: list[CatalogImportEntry]
    problems: list[CatalogImportProblem]


def _decoded(file: str) -> bytes:
    try:
        return base64.b64decode(file, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput("`file` is the spreadsheet's bytes as base64 text; this is not base64") from None


def _report(r: catalog_import.ImportReport) -> CatalogImportReport:
    return CatalogImportReport(
        dry_run=r.dry_run, imported=r.imported, rows=r.rows,
        entries=[CatalogImportEntry(code=e.code, name=e.name, department=e.department,
                                    fields=e.fields, draft_id=e.draft_id,
                                    replaces_draft=e.replaces_draft,
                                    published_version=e.published_version) for e in r.entries],
        problems=[CatalogImportProblem(sheet=p.sheet, row=p.row, column=p.column, header=p.header,
                                       message_zh=p.message_zh, message_en=p.message_en)
                  for p in r.problems])


def _import(services, caller, file: str, fmt: str, filename: str, dry_run: bool):
    return catalog_import.import_catalog(services, caller, _decoded(file), fmt,
                                         filename=filename, dry_run=dry_run)


def _export(services, caller, fmt: str, include_drafts: bool) -> str:
    content = catalog_import.export_catalog(services, caller, fmt, include_drafts=include_drafts)
    return base64.b64encode(content).decode("ascii")


@strawberry.type
class CatalogImportMutation:
    @strawberry.mutation(description=(
        "Import your department's catalog entries from a spreadsheet (docs/catalog-spreadsheet.md) "
        "as drafts for review. dryRun (the default) reports every problem and saves nothing; a "
        "real run saves every entry or, if there is any problem, nothing "
        "(CATALOG_IMPORT_INVALID, with the problems in its extensions)."))
    def import_catalog(self, info: Info, file: str, format: CatalogFileFormat,
                       dry_run: bool = True, filename: str = "") -> CatalogImportReport:
        return _report(_run(info, "IMPORT_CATALOG", _import, file, format.value, filename, dry_run))


def export_catalog_field(info: Info, format: CatalogFileFormat,
                         include_drafts: bool = True) -> str:
    return _run(info, "EXPORT_CATALOG", _export, format.value, include_drafts)


QUERY_FIELDS = {
    "exportCatalog": strawberry.field(
        resolver=export_catalog_field, name="exportCatalog",
        description="Your department's catalog (the data authority's: every department's) in "
                    "the import template, as base64 text; with includeDrafts, each entry as "
                    "its newest draft."),
}
