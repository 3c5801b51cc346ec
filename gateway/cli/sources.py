"""`datagate source …`: register, test, rename, set the password of and retire a department's
source databases; list them, their tables and columns; make a catalog draft from a table.

The same use cases and checks as the GraphQL mutations (gateway.sources.admin,
gateway.catalog.introspection). A password is never an option's value (shell history, the
process list): it is read from standard input (--password-stdin) or asked for, hidden.
"""
from __future__ import annotations

import functools
import sys
from typing import Optional

import typer

from gateway.cli.common import AS_OPTION, acting, run_act, services

app = typer.Typer(help="Source databases of departments (PostgreSQL, MariaDB/MySQL, SQLite).",
                  no_args_is_help=True)

SECRET_OPTION = typer.Option(None, "--secret", metavar="env:NAME|file:NAME",
                             help="Name the password: the variable DATAGATE_SOURCE_SECRET_NAME, "
                                  "or the file NAME in DATAGATE_SOURCE_SECRETS_DIR.")
STDIN_OPTION = typer.Option(False, "--password-stdin",
                            help="Read the password to seal from standard input's first line.")
PROMPT_OPTION = typer.Option(False, "--password-prompt", help="Ask for the password to seal.")


def _password(stdin: bool, prompt: bool) -> str | None:
    if stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if prompt:
        return typer.prompt("password", hide_input=True)
    return None


def _show(view) -> None:
    retired = f"  retired {view.retired_at.date().isoformat()}" if view.retired_at else ""
    typer.echo(f"{view.code:<20} {view.department:<12} {view.dialect:<10} {view.url}  "
               f"password: {view.password}  {view.name}{retired}")


@app.command("register")
def register(code: str, department: str, url: str,
             name: str = typer.Option("", help="Display name (default: the code)."),
             description: str = typer.Option("", help="What the database holds."),
             secret: Optional[str] = SECRET_OPTION, password_stdin: bool = STDIN_OPTION,
             password_prompt: bool = PROMPT_OPTION, as_: str = AS_OPTION):
    """Register a department's source database at URL (a password in it is sealed)."""
    from gateway.sources.admin import register_source

    svc = services()
    caller = acting(svc, as_)
    act = functools.partial(register_source, name=name, description=description, secret=secret,
                            password=_password(password_stdin, password_prompt))
    _show(run_act(svc, caller, "REGISTER_SOURCE", act, code, department, url))


@app.command("test")
def test(code: str, as_: str = AS_OPTION):
    """Log in to the source anew and run SELECT 1."""
    from gateway.sources.admin import test_source

    svc = services()
    done = run_act(svc, acting(svc, as_), "TEST_SOURCE", test_source, code)
    typer.echo(f"{done.code}: ok ({done.dialect}, {done.seconds:.3f} s)")


@app.command("rename")
def rename(code: str, name: str, as_: str = AS_OPTION):
    """Give the source a new display name (its code stays)."""
    from gateway.sources.admin import rename_source

    svc = services()
    _show(run_act(svc, acting(svc, as_), "RENAME_SOURCE", rename_source, code, name))


@app.command("set-password")
def set_password(code: str, secret: Optional[str] = SECRET_OPTION,
                 password_stdin: bool = STDIN_OPTION, password_prompt: bool = PROMPT_OPTION,
                 as_: str = AS_OPTION):
    """Name the source's password or seal a new one (no restart needed)."""
    from gateway.sources.admin import set_source_password

    svc = services()
    caller = acting(svc, as_)
    act = functools.partial(set_source_password, secret=secret,
                            password=_password(password_stdin, password_prompt))
    _show(run_act(svc, caller, "SET_SOURCE_PASSWORD", act, code))


@app.command("retire")
def retire(code: str, reason: str = typer.Option(..., help="Why it is retired."),
           as_: str = AS_OPTION):
    """Retire a source no published catalog entry is bound to."""
    from gateway.sources.admin import retire_source

    svc = services()
    _show(run_act(svc, acting(svc, as_), "RETIRE_SOURCE", retire_source, code, reason))


@app.command("list")
def list_(retired: bool = typer.Option(False, help="Show retired sources too."),
          as_: str = AS_OPTION):
    """The sources you may administer."""
    from gateway.sources.admin import list_sources

    svc = services()
    for view in run_act(svc, acting(svc, as_), "LIST_SOURCES", list_sources, retired):
        _show(view)


@app.command("tables")
def tables(code: str, as_: str = AS_OPTION):
    """The tables and views of a source."""
    from gateway.catalog.introspection import source_tables

    svc = services()
    for table in run_act(svc, acting(svc, as_), "LIST_SOURCE_TABLES", source_tables, code):
        typer.echo(table)


@app.command("columns")
def columns(code: str, table: str, as_: str = AS_OPTION):
    """The columns of a source's table, with the catalog type each would get."""
    from gateway.catalog.introspection import source_columns

    svc = services()
    for c in run_act(svc, acting(svc, as_), "LIST_SOURCE_COLUMNS", source_columns, code, table):
        flags = " ".join(f for f, on in (("key", c.primary_key), ("unique", c.unique),
                                         ("null", c.nullable)) if on)
        typer.echo(f"{c.name:<28} {c.type:<20} {c.data_type or '(no catalog type)':<18} "
                   f"{flags}  {c.comment}")


@app.command("draft")
def draft(code: str = typer.Argument(..., help="The source."),
          table: str = typer.Argument(...),
          dataset: str = typer.Option(..., help="The dataset code (camelCase)."),
          key: str = typer.Option(..., help="The key column."),
          key_kind: Optional[str] = typer.Option(None, help="ID_NUMBER, CREDIT_CODE or OTHER "
                                                 "(default: as the sampled values suggest)."),
          name: str = typer.Option(..., help="The entry's name (§12)."),
          summary: str = typer.Option("", help="The entry's summary."),
          update_frequency: str = typer.Option("", help="e.g. 每日, 实时, 每月."),
          share_type: str = typer.Option(..., help="UNCONDITIONAL, CONDITIONAL or NONE."),
          share_conditions: str = typer.Option(""),
          open_type: str = typer.Option("NONE", help="UNCONDITIONAL, CONDITIONAL or NONE."),
          open_conditions: str = typer.Option(""),
          legal_basis: str = typer.Option("", help="The law or duty the data is held under."),
          column: Optional[list[str]] = typer.Option(None, help="Only these columns (repeat)."),
          as_: str = AS_OPTION):
    """Make a catalog draft from a source table; submit it for review as any other draft."""
    from gateway.catalog.introspection import TableDraft, draft_from_table

    ask = TableDraft(code=dataset, table=table, key_column=key, name=name,
                     share_type=share_type.upper(), open_type=open_type.upper(),
                     key_kind=key_kind.upper() if key_kind else None, description=summary,
                     update_frequency=update_frequency, share_conditions=share_conditions,
                     open_conditions=open_conditions, legal_basis=legal_basis,
                     columns=tuple(column) if column else None)
    svc = services()
    made = run_act(svc, acting(svc, as_), "DRAFT_FROM_TABLE", draft_from_table, code, ask,
                   dataset=dataset)
    typer.echo(f"draft {made.draft.id} of {dataset} saved ({made.draft.status}); submit it "
               "for review (submitCatalogDraft)")
    for f in made.fields:
        typer.echo(f"  {f.field:<24} <- {f.column:<24} {f.kind:<14} {f.sensitivity:<18} "
                   f"confidence {f.confidence:.2f}")
    for c in made.skipped:
        typer.echo(f"  skipped {c.name} ({c.type}): no catalog type")
