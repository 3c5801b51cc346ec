"""The `datagate` command line (typer)."""
from __future__ import annotations

import logging
import sys

import typer

from gateway.settings import Settings

app = typer.Typer(help="datagate: the city's GraphQL data-sharing gateway.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


def _settings(**overrides) -> Settings:
    from gateway.cli.common import settings

    return settings(**overrides)


def _version(asked: bool) -> None:
    if asked:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"datagate {version('datagate')}")
        except PackageNotFoundError:  # run from a source tree that was not installed
            typer.echo("datagate (not installed: no version)")
        raise typer.Exit()


@app.callback()
def _options(show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True,
        help="Print the installed version and exit.")) -> None:
    pass


def _services(settings: Settings):
    from gateway.services import Services

    return Services(settings)


@app.command()
def serve(demo: bool = typer.Option(False, help="Create and use the demo world."),
          host: str = typer.Option(None, help="Address to listen on (default 127.0.0.1)."),
          port: int = typer.Option(None, help="Port (default 8000)."),
          people: int = typer.Option(10_000, help="People in a new demo world.")):
    """Start the gateway."""
    import uvicorn

    from gateway.web.app import create_app
    from gateway.web.log_redaction import install_log_redaction
    from gateway.demo.setup import ensure_demo_world

    overrides = {"dev_mode": True} if demo else {}
    settings = _settings(creates_data_dir=demo, **overrides)
    json_logs = settings.log_format == "json"
    if json_logs:  # uvicorn's loggers then reach the root's JSON handler
        from gateway.web.request_logging import use_json_logs

        use_json_logs()
    else:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = settings.with_(host=host or settings.host, port=port or settings.port)
    from gateway.web.app import Gateway

    gateway = Gateway(settings)
    if demo:
        created = ensure_demo_world(gateway.services, settings.data_dir, people=people)
        typer.echo("demo world " + ("created" if created else "reused") +
                   f" in {settings.data_dir.resolve()}")
        typer.echo("tokens: datagate token minzheng-app (or renshe-app, gongan-steward, "
                   "shuju-admin, security-admin, auditor, researcher)")
    else:
        _say_what_is_missing(gateway.services)
    typer.echo(f"GraphiQL: http://{settings.host}:{settings.port}/graphql")
    install_log_redaction(gateway.services.masking_keys.hash_key)  # before any request
    uvicorn.run(create_app(settings, gateway), host=settings.host, port=settings.port,
                log_level="info", **({"log_config": None} if json_logs else {}))


def _say_what_is_missing(services) -> None:
    """An empty store is not served silently: without `init` there is nobody to act, and
    without a published entry the schema has no dataset yet."""
    from gateway.workflows.bootstrap import store_state

    state = store_state(services)
    if state.empty:
        typer.echo("error: this store is empty. Run `datagate init` first (the data authority "
                   "and a first security administrator; see docs/deploying.md), or "
                   "`datagate serve --demo` to try the demo city.", err=True)
        raise typer.Exit(2)
    if state.published == 0:
        typer.echo(f"note: {state.departments} department(s) and {state.principals} "
                   "principal(s), but no published catalog entry yet, so the schema has no "
                   "dataset: register a source (datagate source register), draft entries from "
                   "its tables or import a catalog (datagate catalog import), and have the data "
                   "authority publish them (docs/deploying.md).", err=True)


@app.command()
def token(principal: str, hours: int = typer.Option(None, help="Lifetime in hours.")):
    """Print a bearer token for a principal (development and demo only)."""
    from gateway.access.principals import load_caller
    from gateway.errors import DatagateError
    from gateway.store.models import Department

    settings = _settings()
    services = _services(settings)
    with services.store() as session:
        demo = session.get(Department, "gongan") is not None
        if not (settings.dev_mode or demo):
            typer.echo("error: tokens are minted only in dev mode (DATAGATE_DEV_MODE=true) or "
                       "on a demo store; production tokens come from the identity provider",
                       err=True)
            raise typer.Exit(2)
        try:
            load_caller(session, principal)
        except DatagateError as exc:
            typer.echo(f"error: {exc.message}", err=True)
            raise typer.Exit(2) from None
    if services.tokens.production:
        typer.echo("error: RS256 is configured; tokens come from the identity provider", err=True)
        raise typer.Exit(2)
    typer.echo(services.tokens.issue(principal, services.clock.now(), hours))


@app.command()
def schema(principal: str = typer.Option(
        None, "--as", metavar="PRINCIPAL",
        help="Whose schema: a principal of the store (default: an anonymous caller).")):
    """Print the GraphQL schema (SDL) a caller sees: only the datasets, modes and fields its
    grants and roles allow, as introspection would show it."""
    from gateway.web.app import Gateway

    gateway = Gateway(_settings())
    try:
        if principal is None:
            access, catalog = gateway.door.access(None)
        else:
            access, catalog = gateway.door.session_access(principal, action="PRINT_SCHEMA")
    except Exception as exc:  # noqa: BLE001 - refusals carry a message for a person
        typer.echo(f"error: {getattr(exc, 'message', exc)}", err=True)
        raise typer.Exit(2) from None
    profile, view = access.profile_for(catalog, gateway.services.clock.now())
    typer.echo(str(gateway.schemas.get(catalog, profile, view)))


@audit_app.command("verify")
def audit_verify(anchor: list[str] = typer.Option(
        [], help="RECORD_ID:HASH printed by an earlier verify and kept off this store; "
                 "the record must still have that hash (repeatable).")):
    """Check the audit trail's hash chain; name the first broken record; print the head."""
    from gateway.audit import verify_chain

    anchors = {}
    for given in anchor:
        record, _, digest = given.partition(":")
        if not record.isdigit() or len(digest) != 64:
            typer.echo(f"error: --anchor {given!r} is not RECORD_ID:SHA256 as verify prints it",
                       err=True)
            raise typer.Exit(2)
        anchors[int(record)] = digest.lower()
    with _services(_settings()).store() as session:
        report = verify_chain(session, anchors=anchors)
    if report.ok:
        typer.echo(f"audit chain intact: {report.checked} records")
        if report.head_id is not None:
            typer.echo(f"head: {report.head_id}:{report.head_hash}  (keep it off this store; "
                       "pass it as --anchor to a later verify)")
        return
    typer.echo(f"audit chain BROKEN at record {report.first_broken}: {report.reason} "
               f"({report.checked} records before it are intact)")
    sys.exit(1)


@app.command()
def overdue(department: str = typer.Option(None, help="Only what this department owes.")):
    """List requests, disputes and catalog updates past (or near) their deadline (§44)."""
    from gateway.workflows.overdue import overdue_items

    items = overdue_items(_services(_settings()), department)
    if not items:
        typer.echo("nothing is overdue or due within one working day")
        return
    for item in items:
        typer.echo(f"{item.status:<8} {item.kind:<15} #{item.id:<5} due {item.due_on.isoformat()} "
                   f"owed by {item.owner:<10} {item.subject}")


@app.command()
def migrate():
    """Apply the store's migrations (serve does this too)."""
    _services(_settings())
    typer.echo("store is at the newest migration")


@app.command()
def mask(operator: str = typer.Option(
        "tag", help="What a found span becomes: tag (<CN_ID_NUMBER>), mask (440604********1234, "
                    "138****5678, 张*), redact, hash (keyed pseudonym) or generalize.")):
    """Mask personal data in lines of text: standard input to standard output, one line out
    per line in, in order (entities: CN_ID_NUMBER, CN_CREDIT_CODE, CN_MOBILE, CN_LANDLINE,
    CN_BANK_CARD, CN_PASSPORT, CN_LICENSE_PLATE, EMAIL_ADDRESS, CN_ADDRESS, PERSON)."""
    import io

    from gateway.errors import REFUSALS
    from masking.text import TEXT_OPERATORS, mask_lines

    if operator not in TEXT_OPERATORS:
        typer.echo(f"error: --operator is one of {', '.join(TEXT_OPERATORS)}", err=True)
        raise typer.Exit(2)
    key = None
    if operator == "hash":
        from gateway.catalog.field_policies import masking_keys

        key = masking_keys(_settings()).hash_key
    source = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    batch = 1 if source.isatty() else 256  # a person typing sees each line at once
    try:
        for line in mask_lines(source, operator, key=key, batch_size=batch):
            typer.echo(line, nl=False)
            sys.stdout.flush()
    except REFUSALS as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from None
    finally:
        source.detach()  # leave standard input open


# the administrative rooms' subcommands (each module is one group)
from gateway.cli.administration import (department_app, init, principal_app,  # noqa: E402
                                        role_app)

app.command()(init)
app.add_typer(department_app, name="department")
app.add_typer(principal_app, name="principal")
app.add_typer(role_app, name="role")
from gateway.cli.drafts import app as draft_app  # noqa: E402

app.add_typer(draft_app, name="draft")
from gateway.cli.sources import app as source_app  # noqa: E402
app.add_typer(source_app, name="source")

from gateway.cli.catalog import app as catalog_app  # noqa: E402
app.add_typer(catalog_app, name="catalog")

if __name__ == "__main__":
    app()
