"""`datagate catalog …`: import a department's catalog spreadsheet as drafts, export the
catalog in the same template, write an empty template (docs/catalog-spreadsheet.md).

The same use cases and checks as the GraphQL importCatalog and exportCatalog
(gateway.workflows.catalog_import). Problems are printed as a table; a dry run with problems
exits 1, a refused import 2 (nothing imported). A long import shows a progress bar.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gateway.cli.common import AS_OPTION, acting, fail, run_act, services

app = typer.Typer(help="The catalog as a spreadsheet (.xlsx or .csv): import, export, template.",
                  no_args_is_help=True)

LONG_IMPORT_BYTES = 100_000  # about 500 field rows: smaller files are read in a blink
PHASES = {"read": "读取 reading", "check": "校验 checking", "save": "保存 saving"}
FORMAT_OPTION = typer.Option(None, "--format", metavar="xlsx|csv",
                             help="The file's format (default: from its name).")


def _format(path: Path, given: Optional[str]) -> str:
    fmt = (given or path.suffix.lstrip(".")).lower()
    if fmt not in ("xlsx", "csv"):
        fail(f"{path.name}: say --format xlsx or --format csv")
    return fmt


@app.command("import")
def import_(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
            dry_run: bool = typer.Option(False, "--dry-run",
                                         help="Report every problem; import nothing."),
            format: Optional[str] = FORMAT_OPTION, as_: str = AS_OPTION):
    """Import FILE's entries as drafts of your department (all of them, or none)."""
    from gateway.errors import CatalogImportRejected
    from gateway.workflows.catalog_import import import_catalog

    svc = services()
    caller = acting(svc, as_)
    content = file.read_bytes()
    fmt = _format(file, format)
    console = Console()

    def act(services_, caller_):
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=Console(stderr=True), transient=True,
                      disable=len(content) < LONG_IMPORT_BYTES) as bar:
            tasks: dict[str, int] = {}

            def progress(phase: str, done: int, total: int) -> None:
                if phase not in tasks:
                    tasks[phase] = bar.add_task(PHASES[phase], total=total or None)
                bar.update(tasks[phase], completed=done, total=total or None)
            try:
                return import_catalog(services_, caller_, content, fmt,
                                      filename=file.name, dry_run=dry_run, progress=progress)
            except CatalogImportRejected as exc:
                _problems(console, exc.extensions["problems"], exc.extensions["problemCount"])
                raise

    report = run_act(svc, caller, "IMPORT_CATALOG", act)
    if report.problems:
        _problems(console, [p.as_dict() for p in report.problems], len(report.problems))
        typer.echo(f"dry run: {len(report.problems)} problem(s) in {report.rows} row(s); "
                   "nothing imported", err=True)
        raise typer.Exit(1)
    _entries(console, report)
    if report.imported:
        typer.echo(f"imported {len(report.entries)} entr{'y' if len(report.entries) == 1 else 'ies'} "
                   f"from {report.rows} row(s) as drafts; submit them for review "
                   "(submitCatalogDraft)")
    else:
        typer.echo(f"dry run: {len(report.entries)} entries from {report.rows} row(s), no "
                   "problem; run again without --dry-run to import them")


def _problems(console: Console, problems: list[dict], total: int) -> None:
    table = Table(show_lines=True)
    for title in ("工作表 sheet", "行 row", "列 column", "问题", "problem"):
        table.add_column(title, overflow="fold")  # Chinese has no spaces to wrap at
    for p in problems:
        column = f"{p['column']} {p['header']}".strip()
        table.add_row(p["sheet"], str(p["row"]), column,
                      p.get("message_zh") or p.get("messageZh"), p.get("message_en") or p.get("messageEn"))
    console.print(table)
    if total > len(problems):
        console.print(f"… and {total - len(problems)} more: run with --dry-run to list them all")


ENTRIES_SHOWN = 30


def _entries(console: Console, report) -> None:
    table = Table()
    for title in ("代码 code", "名称 name", "信息项 fields", "草稿 draft", "替换草稿 replaces",
                  "已发布版本 version"):
        table.add_column(title, overflow="fold")
    for e in report.entries[:ENTRIES_SHOWN]:
        table.add_row(e.code, e.name, str(e.fields), str(e.draft_id or "-"),
                      str(e.replaces_draft or "-"), str(e.published_version or "-"))
    console.print(table)
    if len(report.entries) > ENTRIES_SHOWN:
        console.print(f"… and {len(report.entries) - ENTRIES_SHOWN} more entries")


@app.command("export")
def export(file: Path, format: Optional[str] = FORMAT_OPTION,
           drafts: bool = typer.Option(True, "--drafts/--no-drafts",
                                       help="Each entry as its newest draft (default), or as published."),
           as_: str = AS_OPTION):
    """Write your department's catalog (the data authority's: all of it) to FILE."""
    from gateway.workflows.catalog_import import export_catalog

    svc = services()
    caller = acting(svc, as_)
    fmt = _format(file, format)
    content = run_act(svc, caller, "EXPORT_CATALOG", export_catalog, fmt, include_drafts=drafts)
    file.write_bytes(content)
    typer.echo(f"wrote {file} ({len(content)} bytes)")


@app.command("template")
def template(file: Path, format: Optional[str] = FORMAT_OPTION):
    """Write an empty template with one sample entry (and, in .xlsx, a sheet of notes)."""
    from gateway.workflows.catalog_import import template as make_template

    file.write_bytes(make_template(_format(file, format)))
    typer.echo(f"wrote {file}: fill in one row per field; see docs/catalog-spreadsheet.md")
