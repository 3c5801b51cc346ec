"""A department's catalog (政务数据资源目录) from a spreadsheet, and back (docs/catalog-spreadsheet.md).

A steward imports their own department's entries as drafts, as saveCatalogDraft saves one,
for the data authority to review and publish (§12). A dry run reports every problem, each
with its sheet, row and column, in Chinese and English, and writes nothing; a real run saves
every entry in one transaction, or nothing and refuses with CATALOG_IMPORT_INVALID, whose
extensions carry the problems. Export writes the same template, so that what is exported
imports as the same drafts.
"""
from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from gateway.access.principals import Caller
from gateway.audit import record_for
from gateway.catalog.entries import snapshot_of
from gateway.catalog.sheet_template import COLUMNS, SAMPLE, ParsedEntry, notes, parse_entries, rows_of
from gateway.catalog.spreadsheet import FORMATS, Problem, folded, read_sheets, write_sheet
from gateway.errors import BadInput, CatalogImportRejected, Forbidden
from gateway.store.models import CatalogDraft, CatalogEntry, Department, Source
from gateway.workflows.common import require_department, require_role

if TYPE_CHECKING:
    from gateway.services import Services

MAX_IMPORT_BYTES = 16 * 1024 * 1024
PROBLEMS_IN_REFUSAL = 200  # the refusal's extensions carry these; a dry run reports them all
OPEN_DRAFTS = ("DRAFT", "RETURNED")  # replaced by a new save, as saveCatalogDraft does
SHEET_TITLE = "数据资源目录"
Progress = Callable[[str, int, int], None]  # (phase: read | check | save, done, total)


@dataclasses.dataclass
class ImportedEntry:
    """An entry a run would import (dry run) or imported."""
    code: str
    name: str
    department: str | None
    fields: int
    replaces_draft: int | None  # the open draft of the entry it replaces
    published_version: int | None  # the entry's published version the draft revises
    draft_id: int | None = None


@dataclasses.dataclass
class ImportReport:
    filename: str
    format: str
    dry_run: bool
    rows: int
    entries: list[ImportedEntry]
    problems: list[Problem]
    imported: bool = False


def format_of(fmt: str | None, filename: str = "") -> str:
    """"xlsx" or "csv": as given, else from the file name."""
    chosen = (fmt or (filename.rsplit(".", 1)[-1] if "." in filename else "")).lower()
    if chosen not in FORMATS:
        raise BadInput(f"the catalog file is .xlsx or .csv, not {chosen or 'unnamed'}; "
                       "give the format (XLSX or CSV)")
    return chosen


def import_catalog(services: Services, caller: Caller, content: bytes, fmt: str | None, *,
                   filename: str = "", dry_run: bool = True,
                   progress: Progress | None = None) -> ImportReport:
    require_role(caller, "steward")
    department = require_department(caller)
    fmt = format_of(fmt, filename)
    if len(content) > MAX_IMPORT_BYTES:
        raise BadInput(f"the file is {len(content)} bytes; at most {MAX_IMPORT_BYTES} are "
                       "imported at once: split the catalog")
    tick = progress or (lambda phase, done, total: None)
    tick("read", 0, 0)  # 0: not known yet (the bar pulses)
    sheets, problems = read_sheets(content, fmt, filename, COLUMNS)
    parsed, found, rows = parse_entries(sheets)
    problems += found
    tick("read", 1, 1)
    report = ImportReport(filename, fmt, dry_run, rows, [], problems)
    now = services.clock.now()
    with services.store() as session, session.begin():
        facts = _StoreFacts(session, [e.spec["code"] for e in parsed])
        for done, entry in enumerate(parsed, start=1):
            problems += _check_in_store(entry, caller, department, facts)
            report.entries.append(_summary(entry, facts))
            tick("check", done, len(parsed))
        report.problems = _in_order(problems, [s.name for s in sheets])
        if not report.problems and not dry_run:
            _save(session, caller, parsed, report.entries, now, tick)
            report.imported = True
    if report.problems and not dry_run:
        raise _rejected(report)
    if report.imported:
        _audit_import(services, caller, report)
    return report


class _StoreFacts:
    """What the checks need from the store, read once (not once per entry)."""

    def __init__(self, session, codes: Sequence[str]):
        self.departments = dict(session.execute(sa.select(Department.code, Department.name)).all())
        self.by_name: dict[str, list[str]] = {}
        for code, name in self.departments.items():
            self.by_name.setdefault(folded(name), []).append(code)
        self.sources = {code: (owner, retired) for code, owner, retired in session.execute(
            sa.select(Source.code, Source.department_code, Source.retired_at))}
        self.entries, self.drafts = {}, {}
        for chunk in _chunks(sorted(set(codes)), 500):
            for code, owner, version, status in session.execute(sa.select(
                    CatalogEntry.code, CatalogEntry.owner_department, CatalogEntry.version,
                    CatalogEntry.status).where(CatalogEntry.code.in_(chunk))):
                self.entries[code] = (owner, version, status)
            for draft in session.scalars(sa.select(CatalogDraft).where(
                    CatalogDraft.entry_code.in_(chunk), CatalogDraft.status.in_(OPEN_DRAFTS))
                    .order_by(CatalogDraft.id)):
                self.drafts.setdefault(draft.entry_code, draft)


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _check_in_store(entry: ParsedEntry, caller: Caller, department: str,
                    facts: _StoreFacts) -> list[Problem]:
    """The entry's department (it must be the steward's), its source, and who holds its code."""
    spec, code, problems = entry.spec, entry.spec["code"], []
    mine = facts.departments.get(department, department)
    given = spec.get("owner_department")
    owner = department if given is None else _department(given, facts)
    if owner is None:
        problems.append(entry.problem("owner_department", (
            f"提供单位「{given}」不存在：请填写本单位的名称或代码（{mine} / {department}）"),
            f"there is no department {given!r}: write your department's name or code "
            f"({mine} / {department})"))
    existing = facts.entries.get(code)
    draft = facts.drafts.get(code)
    if existing is not None and existing[0] != department:
        holder = facts.departments.get(existing[0], existing[0])
        problems.append(entry.problem("code", (
            f"数据资源 {code} 由{holder}登记，只能由{holder}的数据专员修改；请删除此条目或改用新的代码"),
            f"{code} is {existing[0]}'s entry: only a steward of {existing[0]} edits it; "
            "remove it from the file or choose another code"))
    elif existing is None and draft is not None and draft.department_code != department:
        holder = facts.departments.get(draft.department_code, draft.department_code)
        problems.append(entry.problem(
            "code", f"代码 {code} 已被{holder}的草稿使用；请改用新的代码",
            f"code {code} is taken by a draft of {draft.department_code}; choose another code"))
    elif owner is not None and owner != department:
        holder = facts.departments.get(owner, owner)
        problems.append(entry.problem("owner_department", (
            f"只能导入本单位（{mine}）的数据资源；此条目属于{holder}，请由{holder}的数据专员导入"),
            f"you import your own department's entries ({department}); this one is {owner}'s: "
            f"a steward of {owner} imports it"))
    source = spec.get("source_code")
    if source is not None:
        if source not in facts.sources:
            problems.append(entry.problem("source_code", (
                f"来源库「{source}」未登记：请先登记数据源（datagate source register），或留空"),
                f"there is no source {source!r}: register it first, or leave the column empty"))
        elif facts.sources[source][1] is not None:
            problems.append(entry.problem("source_code", f"来源库「{source}」已停用",
                                          f"the source {source!r} is retired"))
    spec["owner_department"] = department if owner is None else owner
    return problems


def _department(given: str, facts: _StoreFacts) -> str | None:
    if given in facts.departments:
        return given
    codes = facts.by_name.get(folded(given), [])
    return codes[0] if len(codes) == 1 else None


def _summary(entry: ParsedEntry, facts: _StoreFacts) -> ImportedEntry:
    code = entry.spec["code"]
    existing, draft = facts.entries.get(code), facts.drafts.get(code)
    return ImportedEntry(code=code, name=entry.spec.get("name") or "",
                         department=entry.spec.get("owner_department"),
                         fields=len(entry.spec["fields"]),
                         replaces_draft=draft.id if draft is not None else None,
                         published_version=existing[1] if existing and existing[1] else None)


def _in_order(problems: list[Problem], sheets: list[str]) -> list[Problem]:
    place = {name: index for index, name in enumerate(sheets)}
    return sorted(problems, key=lambda p: (place.get(p.sheet, -1), p.row, len(p.column), p.column))


def _save(session, caller: Caller, parsed: list[ParsedEntry], summaries: list[ImportedEntry],
          now, tick: Progress) -> None:
    """Save every entry as a draft, replacing its open draft (as saveCatalogDraft does)."""
    existing = {d.id: d for d in session.scalars(sa.select(CatalogDraft).where(
        CatalogDraft.id.in_([s.replaces_draft for s in summaries if s.replaces_draft])))}
    drafts = []
    for done, (entry, summary) in enumerate(zip(parsed, summaries), start=1):
        draft = existing.get(summary.replaces_draft)
        if draft is None:
            draft = CatalogDraft(entry_code=entry.spec["code"],
                                 department_code=entry.spec["owner_department"])
            session.add(draft)
        draft.spec, draft.status, draft.saved_by, draft.saved_at = entry.spec, "DRAFT", caller.principal, now
        draft.submitted_at = None
        drafts.append(draft)
        tick("save", done, len(parsed))
    session.flush()
    for draft, summary in zip(drafts, summaries):
        summary.draft_id = draft.id


def _rejected(report: ImportReport) -> CatalogImportRejected:
    first = report.problems[0]
    where = f"sheet {first.sheet!r} row {first.row}" + (f" column {first.column}" if first.column else "")
    return CatalogImportRejected(
        f"the catalog file has {len(report.problems)} problem(s), so nothing was imported; the "
        f"first, at {where}: {first.message_en}. Check the file with a dry run, which lists "
        "every problem, fix them and import it again",
        extensions={"problemCount": len(report.problems),
                    "problems": [_camel(p.as_dict()) for p in report.problems[:PROBLEMS_IN_REFUSAL]]})


def _camel(problem: dict) -> dict:
    return {"sheet": problem["sheet"], "row": problem["row"], "column": problem["column"],
            "header": problem["header"], "messageZh": problem["message_zh"],
            "messageEn": problem["message_en"]}


def _audit_import(services: Services, caller: Caller, report: ImportReport) -> None:
    """One record per draft saved (the entry's trail) and one for the import with its counts."""
    records = [record_for(caller, "ALLOWED", dataset=e.code, mode=None, fields=[], purpose=None,
                          grant_id=None, action="SAVE_CATALOG_DRAFT", detail=_json(
                              {"draft": e.draft_id, "replaced": e.replaces_draft,
                               "importedFrom": report.filename or report.format}))
               for e in report.entries]
    replaced = sum(1 for e in report.entries if e.replaces_draft)
    records.append(record_for(caller, "ALLOWED", dataset=None, mode=None, fields=[], purpose=None,
                              grant_id=None, action="IMPORT_CATALOG", detail=_json({
                                  "file": report.filename, "format": report.format,
                                  "rows": report.rows, "entries": len(report.entries),
                                  "newDrafts": len(report.entries) - replaced,
                                  "replacedDrafts": replaced,
                                  "fields": sum(e.fields for e in report.entries)})))
    services.audit.append_all(records)


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def export_catalog(services: Services, caller: Caller, fmt: str, *,
                   include_drafts: bool = True) -> bytes:
    """The catalog in the import template: a steward's department's entries (the data
    authority's: every department's), published, each replaced by its newest open or
    submitted draft unless ``include_drafts`` is false. Deprecated entries are left out."""
    fmt = format_of(fmt)
    if caller.has_role("data_authority"):
        scope = None
    elif caller.has_role("steward"):
        scope = require_department(caller)
    else:
        raise Forbidden("exporting the catalog is for a department's steward (its own entries) "
                        "or the data authority (every entry)")
    entries = (sa.select(CatalogEntry).where(CatalogEntry.status == "PUBLISHED")
               .options(selectinload(CatalogEntry.fields)))
    drafts = (sa.select(CatalogDraft).where(CatalogDraft.status.in_((*OPEN_DRAFTS, "SUBMITTED")))
              .order_by(CatalogDraft.id))
    if scope is not None:
        entries = entries.where(CatalogEntry.owner_department == scope)
        drafts = drafts.where(CatalogDraft.department_code == scope)
    with services.store() as session:
        names = dict(session.execute(sa.select(Department.code, Department.name)).all())
        specs = {e.code: snapshot_of(e) for e in session.scalars(entries)}
        published = len(specs)
        drafted = 0
        if include_drafts:
            for draft in session.scalars(drafts):
                specs[draft.entry_code] = draft.spec
                drafted += 1
    content = write_sheet(fmt, SHEET_TITLE, COLUMNS,
                          rows_of([specs[c] for c in sorted(specs)], _namer(names)), notes())
    services.audit.append(record_for(
        caller, "ALLOWED", dataset=None, mode=None, fields=[], purpose=None, grant_id=None,
        action="EXPORT_CATALOG", detail=_json({"format": fmt, "entries": len(specs),
                                               "published": published, "drafts": drafted})))
    return content


def _namer(names: dict[str, str]) -> Callable[[str], str]:
    """A department's name as the file writes it; its code where two share the name."""
    counts: dict[str, int] = {}
    for name in names.values():
        counts[folded(name)] = counts.get(folded(name), 0) + 1
    return lambda code: names[code] if code in names and counts[folded(names[code])] == 1 else code


def template(fmt: str) -> bytes:
    """An empty template with one sample entry, and a sheet of notes (.xlsx)."""
    fmt = format_of(fmt)
    sample = rows_of(SAMPLE, lambda code: "市民政局" if code == "minzheng" else code)
    return write_sheet(fmt, SHEET_TITLE, COLUMNS, sample, notes())
