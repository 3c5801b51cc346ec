"""What the administrative subcommands share: settings and services read once, the
principal a command acts as, and refusals reported (and audited) as the API would."""
from __future__ import annotations

import typer

from gateway.settings import Settings, SettingsError

# every administrative subcommand acts as a principal of the store, with its roles: the same
# checks as the GraphQL mutation, and the same audit record, naming who did it
AS_OPTION = typer.Option(..., "--as", metavar="PRINCIPAL",
                         help="The principal this act is done as (its roles are checked).")


def settings(*, creates_data_dir: bool = False, **overrides) -> Settings:
    """The settings; a data directory that does not exist is an error naming it unless the
    command creates it (`init`, `serve --demo`), so that a command run from another folder
    never starts a new empty store (or new keys) there."""
    try:
        read = Settings.from_env(**overrides)
    except SettingsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if not creates_data_dir and _needs_data_dir(read) and not read.data_dir.is_dir():
        typer.echo(f"error: the data directory {read.data_dir.resolve()} does not exist "
                   "(DATAGATE_DATA_DIR, default ./data relative to where you are). Run from "
                   "the folder that holds it, set DATAGATE_DATA_DIR, or create a store there "
                   "with `datagate init` (or `datagate serve --demo`).", err=True)
        raise typer.Exit(2)
    return read


def _needs_data_dir(read: Settings) -> bool:
    """Unless the store and the hash key are named elsewhere, a missing data directory would
    get a new empty store, or a new hash key under which no audit digest is found again."""
    return read.database_url is None or read.hash_secret is None


def services(settings_: Settings | None = None):
    from gateway.services import Services

    return Services(settings_ or settings())


def acting(services_, principal: str):
    """The caller a command acts as: an active principal of the store, with its roles."""
    from gateway.access.principals import load_caller
    from gateway.errors import DatagateError

    with services_.store() as session:
        try:
            return load_caller(session, principal)
        except DatagateError as exc:
            fail(exc.message, code=getattr(exc, "code", None))


def run_act(services_, caller, action: str, fn, *args, dataset: str | None = None, **kwargs):
    """``fn(services, caller, *args)``; a refusal is audited as over GraphQL, then printed
    with its code, and the command exits 2."""
    from gateway.audit import audit_refusal
    from gateway.errors import REFUSALS

    try:
        return fn(services_, caller, *args, **kwargs)
    except REFUSALS as exc:
        audit_refusal(services_.audit.append, caller, exc, action=action, dataset=dataset)
        fail(exc.message, code=exc.code)


def fail(message: str, code: str | None = None) -> None:
    typer.echo(f"error{f' [{code}]' if code else ''}: {message}", err=True)
    raise typer.Exit(2)
