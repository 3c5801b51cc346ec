"""`datagate draft …`: a catalog draft's review from a script, as `submitCatalogDraft`,
`publishCatalogDraft` and `returnCatalogDraft` do it (same checks, same audit). A draft is
named by its id or by its dataset's code."""
from __future__ import annotations

import typer

from gateway.cli.common import AS_OPTION, acting, fail, run_act, services

app = typer.Typer(help="Catalog drafts: submit (steward), publish or return (data authority).",
                  no_args_is_help=True)


def _draft_id(svc, draft: str, status: str) -> int:
    from gateway.errors import REFUSALS
    from gateway.workflows.catalog_review import open_draft_id

    if draft.isdigit():
        return int(draft)
    try:
        return open_draft_id(svc, draft, status)
    except REFUSALS as exc:
        fail(exc.message, code=exc.code)


@app.command("submit")
def submit(draft: str = typer.Argument(..., help="Draft id or dataset code."),
           as_: str = AS_OPTION):
    """Submit a saved draft for the data authority's review."""
    from gateway.workflows.catalog_review import submit_draft

    svc = services()
    caller = acting(svc, as_)
    made = run_act(svc, caller, "SUBMIT_CATALOG_DRAFT", submit_draft, _draft_id(svc, draft, "DRAFT"))
    typer.echo(f"draft {made.id} of {made.entry_code} submitted")


@app.command("publish")
def publish(draft: str = typer.Argument(..., help="Draft id or dataset code."),
            note: str = typer.Option("", help="The review note."), as_: str = AS_OPTION):
    """Publish a submitted draft as the entry's next version."""
    from gateway.workflows.catalog_review import review

    svc = services()
    caller = acting(svc, as_)
    made = run_act(svc, caller, "PUBLISH_CATALOG_ENTRY", review,
                   _draft_id(svc, draft, "SUBMITTED"), True, note)
    typer.echo(f"{made.entry_code} published (draft {made.id})")


@app.command("return")
def return_(draft: str = typer.Argument(..., help="Draft id or dataset code."),
            note: str = typer.Option(..., help="What to change."), as_: str = AS_OPTION):
    """Return a submitted draft to its steward with a note."""
    from gateway.workflows.catalog_review import review

    svc = services()
    caller = acting(svc, as_)
    made = run_act(svc, caller, "RETURN_CATALOG_DRAFT", review,
                   _draft_id(svc, draft, "SUBMITTED"), False, note)
    typer.echo(f"draft {made.id} of {made.entry_code} returned")


@app.command("list")
def list_(as_: str = AS_OPTION):
    """Drafts of your department (all of them for the data authority)."""
    from gateway.workflows.catalog_review import drafts

    svc = services()
    for d in run_act(svc, acting(svc, as_), "LIST_CATALOG_DRAFTS", drafts):
        typer.echo(f"{d.id:<6} {d.entry_code:<24} {d.department_code:<12} {d.status:<10} "
                   f"saved by {d.saved_by}")
