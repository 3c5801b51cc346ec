"""Registering a department's source databases: register, test, rename, set the password,
retire, list. The data authority, or a steward of the source's department, may act.

A source's URL is kept without its password (gateway.sources.secrets): a password written in
the URL is taken out and sealed, and every URL is shown with its password hidden. Only
PostgreSQL, MariaDB/MySQL and SQLite, and only query options that cannot make the driver
read a file or another login of the gateway's host.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from gateway.access.principals import Caller
from gateway.errors import BadInput, Forbidden, NotFound, SourceUnavailable
from gateway.sources.registry import connect_failure
from gateway.sources.secrets import parse_ref, require_own_ref
from gateway.store.db import normalize_url
from gateway.store.models import CatalogEntry, Department, Source
from gateway.workflows.common import (audit_action, get_or_404, require_role,
                                      require_steward_or_authority)

if TYPE_CHECKING:
    from gateway.services import Services

log = logging.getLogger(__name__)

_CODE = re.compile(r"^[a-z][a-z0-9-]{1,63}$")
DRIVERS = {"postgresql": "postgresql+psycopg", "postgresql+psycopg": "postgresql+psycopg",
           "mysql": "mysql+pymysql", "mysql+pymysql": "mysql+pymysql",
           "mariadb": "mariadb+pymysql", "mariadb+pymysql": "mariadb+pymysql",
           "sqlite": "sqlite", "sqlite+pysqlite": "sqlite"}
# query options a URL may carry; others (passfile, service, read_default_file, host=/socket,
# sslkey …) would have the driver read files or logins of the gateway's own host
QUERY_OPTIONS = {"postgresql": {"sslmode", "connect_timeout", "application_name",
                                "target_session_attrs"},
                 "mysql": {"charset", "connect_timeout"}, "mariadb": {"charset", "connect_timeout"},
                 "sqlite": set()}
NAME_CHARS = 200


@dataclasses.dataclass(frozen=True)
class SourceView:
    code: str
    name: str
    department: str
    description: str
    url: str  # password hidden
    dialect: str
    password: str  # env:NAME, file:NAME, sealed, none, or a warning
    retired_at: dt.datetime | None


@dataclasses.dataclass(frozen=True)
class SourceTest:
    code: str
    dialect: str
    seconds: float


PLAIN = "in the URL, in plain text: run set-password"


def view(source: Source) -> SourceView:
    url = make_url(source.url)
    if source.password_secret:
        how = source.password_secret
    elif source.password_sealed:
        how = "sealed"
    else:
        how = PLAIN if url.password is not None else "none"
    return SourceView(code=source.code, name=source.name or "", department=source.department_code,
                      description=source.description or "", url=url.render_as_string(),
                      dialect=url.get_backend_name(), password=how, retired_at=source.retired_at)


def register_source(services: Services, caller: Caller, code: str, department: str, url: str, *,
                    name: str = "", description: str = "", secret: str | None = None,
                    password: str | None = None) -> SourceView:
    """Register ``department``'s source ``code`` at ``url``; its password named (``secret``),
    given (sealed), written in the URL (taken out and sealed) or none (SQLite)."""
    require_steward_or_authority(caller, department, "registers its source databases")
    if not _CODE.match(code or ""):
        raise BadInput(f"source code {code!r}: lower-case letters, digits and -, 2 to 64, "
                       "starting with a letter (e.g. gongan-db)")
    clean, inline = _checked_url(services, url)
    _not_another_departments_file(services, clean, department)
    if inline is not None and (secret or password):
        raise BadInput("the URL holds a password and another one is given; leave it out of "
                       "the URL")
    password = password if password is not None else inline
    stored_secret, sealed = _password_fields(services, caller, department, clean, secret, password)
    with services.store() as session, session.begin():
        owner = session.get(Department, department)
        if owner is None or not owner.active:
            raise NotFound(f"there is no active department {department}")
        if session.get(Source, code) is not None:
            raise BadInput(f"source {code} is already registered; choose another code")
        source = Source(code=code, url=clean, department_code=department,
                        name=_name(name or code), description=description or "",
                        password_secret=stored_secret, password_sealed=sealed)
        session.add(source)
        session.flush()
        shown = view(source)
    audit_action(services, caller, "REGISTER_SOURCE", detail=_json(
        source=code, department=department, url=shown.url, password=shown.password))
    return shown


def test_source(services: Services, caller: Caller, code: str) -> SourceTest:
    """Log in to the source anew and run SELECT 1; SOURCE_UNAVAILABLE saying what failed."""
    with services.store() as session:
        source = _source(session, caller, code, "tests it")
        dialect = make_url(source.url).get_backend_name()
    started = time.perf_counter()
    try:
        services.sources.ping(code, fresh=True)
    except Exception as exc:  # noqa: BLE001 - the driver's text may quote the URL: not shown
        why = connect_failure(exc)
        log.warning("source %s failed its test: %s", code, why)
        raise SourceUnavailable(f"source {code} cannot be reached: {why}") from None
    seconds = round(time.perf_counter() - started, 3)
    audit_action(services, caller, "TEST_SOURCE", detail=_json(source=code, ok=True))
    return SourceTest(code=code, dialect=dialect, seconds=seconds)


def rename_source(services: Services, caller: Caller, code: str, name: str) -> SourceView:
    """A new display name; the code stays (catalog entries name the source by it)."""
    name = _name(name)
    with services.store() as session, session.begin():
        source = _source(session, caller, code, "renames it")
        before, source.name = source.name, name
        shown = view(source)
    audit_action(services, caller, "RENAME_SOURCE",
                 detail=_json(source=code, before=before, after=name))
    return shown


def set_source_password(services: Services, caller: Caller, code: str, *,
                        secret: str | None = None, password: str | None = None) -> SourceView:
    """Name the password's secret or seal a new password (rotation: no restart needed, each
    new connection reads it). A password still in the URL is taken out of it."""
    if (secret is None) == (password is None):
        raise BadInput("give either a secret (env:NAME or file:NAME) or a password to seal")
    with services.store() as session:
        source = _source(session, caller, code, "sets its password")
        department, url = source.department_code, source.url
    clean = _without_password(make_url(url))
    stored_secret, sealed = _password_fields(services, caller, department, clean, secret, password)
    with services.store() as session, session.begin():
        source = _source(session, caller, code, "sets its password")
        before = view(source).password
        source.url, source.password_secret, source.password_sealed = clean, stored_secret, sealed
        shown = view(source)
    audit_action(services, caller, "SET_SOURCE_PASSWORD",
                 detail=_json(source=code, before=before, after=shown.password))
    return shown


def retire_source(services: Services, caller: Caller, code: str, reason: str) -> SourceView:
    """Retire a source no published entry is bound to: it is not reached any more and its
    sealed password is dropped; the record stays."""
    if not (reason or "").strip():
        raise BadInput("say why the source is retired")
    with services.store() as session, session.begin():
        source = _source(session, caller, code, "retires it")
        bound = list(session.scalars(sa.select(CatalogEntry.code).where(
            CatalogEntry.source_code == code, CatalogEntry.status == "PUBLISHED")
            .order_by(CatalogEntry.code)))
        if bound:
            raise BadInput(f"source {code} still serves the published entries "
                           f"{', '.join(bound)}; bind them to another source or deprecate "
                           "them first")
        source.retired_at, source.password_sealed = services.clock.now(), None
        shown = view(source)
    services.sources.forget(code)
    audit_action(services, caller, "RETIRE_SOURCE", detail=_json(source=code, reason=reason.strip()))
    return shown


def list_sources(services: Services, caller: Caller, retired: bool = False) -> list[SourceView]:
    """Every source (data authority) or the caller's department's (steward)."""
    statement = sa.select(Source).order_by(Source.code)
    if not caller.has_role("data_authority"):
        require_role(caller, "steward")
        statement = statement.where(Source.department_code == caller.department)
    if not retired:
        statement = statement.where(Source.retired_at.is_(None))
    with services.store() as session:
        return [view(s) for s in session.scalars(statement)]


def live_source(services: Services, caller: Caller, code: str, what: str) -> SourceView:
    """The live source ``code``, if the caller may ``what`` on it (introspection)."""
    with services.store() as session:
        return view(_source(session, caller, code, what))


def _source(session, caller: Caller, code: str, what: str) -> Source:
    source = get_or_404(session, Source, code, "source")
    require_steward_or_authority(caller, source.department_code, f"{what} ({code})")
    if source.retired_at is not None:
        raise BadInput(f"source {code} was retired on {source.retired_at.date().isoformat()}")
    return source


def _checked_url(services: Services, text: str) -> tuple[str, str | None]:
    """The URL to store (normalized, no password) and the password it held, if any. The URL
    itself is never quoted back: it may hold a password."""
    try:
        url = make_url((text or "").strip())
    except (sa.exc.ArgumentError, ValueError):
        raise BadInput("the source URL is not a database URL; write it as "
                       "postgresql://user@host:5432/db, mysql://user@host:3306/db or "
                       "sqlite:////absolute/path.sqlite") from None
    driver = DRIVERS.get(url.drivername)
    if driver is None:
        raise BadInput(f"sources are PostgreSQL (postgresql+psycopg), MariaDB/MySQL "
                       f"(mysql+pymysql) or SQLite, not {url.drivername}")
    url = url.set(drivername=driver)
    backend = url.get_backend_name()
    unknown = sorted(set(url.query) - QUERY_OPTIONS[backend] - {"password"})
    if "password" in url.query or unknown:
        allowed = ", ".join(sorted(QUERY_OPTIONS[backend])) or "none"
        raise BadInput(f"the URL's query options {', '.join(unknown) or 'password'} are not "
                       f"accepted (for {backend}: {allowed}); a password goes in the "
                       "user part or is given apart")
    if backend == "sqlite":
        _check_sqlite(services, url)
    elif not url.host or not url.database:
        raise BadInput("a server source's URL names its host and database: "
                       "postgresql://user@host:5432/db")
    return normalize_url(_without_password(url)), url.password


def _check_sqlite(services: Services, url: URL) -> None:
    path = Path(url.database or "")
    if not url.database or url.database == ":memory:" or not path.is_absolute():
        raise BadInput("a SQLite source is a file named by its absolute path: "
                       "sqlite:////srv/data/source.sqlite")
    if url.password is not None or url.username:
        raise BadInput("a SQLite source has no user or password")
    store = make_url(services.settings.store_url)
    if store.get_backend_name() == "sqlite" and store.database:
        own = Path(store.database).resolve()
        target = path.resolve()
        if target == own or target.name.startswith(own.name + "-") and target.parent == own.parent:
            raise Forbidden("that file is the gateway's own store; a source is a department's "
                            "database, never the gateway's")
    if not path.is_file():
        raise BadInput(f"there is no SQLite file {path}; copy the database there first")


def _not_another_departments_file(services: Services, url: str, department: str) -> None:
    """A SQLite file is read by whoever registers it: one department's file is not another's
    to register (server sources need the server's own login, which is the department's)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    target = Path(parsed.database).resolve()
    with services.store() as session:
        others = session.execute(sa.select(Source.code, Source.url, Source.department_code).where(
            Source.department_code != department, Source.url.like("sqlite%"))).all()
    for code, other_url, owner in others:
        other = make_url(other_url).database
        if other and Path(other).resolve() == target:
            raise Forbidden(f"that SQLite file is source {code} of {owner}; a department "
                            "registers only its own databases")


def _password_fields(services: Services, caller: Caller, department: str, clean_url: str,
                     secret: str | None, password: str | None) -> tuple[str | None, str | None]:
    """(password_secret, password_sealed) as stored for what was given."""
    if secret and password:
        raise BadInput("give a secret (env:NAME or file:NAME) or a password, not both")
    if make_url(clean_url).get_backend_name() == "sqlite":
        if secret or password:
            raise BadInput("a SQLite source has no password")
        return None, None
    if secret:
        ref = parse_ref(secret)
        with services.store() as session:
            codes = tuple(session.scalars(sa.select(Department.code)))
        require_own_ref(ref, department, caller.has_role("data_authority"), codes)
        services.sources.secrets.check_usable(ref)
        return str(ref), None
    if password:
        return None, services.sources.secrets.seal(password)
    return None, None


def _without_password(url: URL) -> str:
    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database,
                      url.query)
    return bare.render_as_string(hide_password=False)


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > NAME_CHARS:
        raise BadInput(f"a source's name is 1 to {NAME_CHARS} characters")
    return name


def _json(**values) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=str)
