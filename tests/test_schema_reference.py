"""docs/reference/: the GraphQL schema (SDL) each demo role sees, as `datagate schema --as`
prints it on a new demo world. The files are checked here, so they stay true; after a change
to the schema, regenerate them with DATAGATE_WRITE_REFERENCE=1 and read the diff."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gateway.cli import app
from gateway.demo.setup import ensure_demo_world
from gateway.web.app import Gateway
from tests.conftest import FROZEN_AT, HASH_SECRET, make_settings

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"
ROLES = {  # principal (None: anonymous) -> the file of its schema; principals who see the same
    None: "no-department", "researcher": "no-department", "citizen-demo": "no-department",
    "minzheng-app": "app-minzheng",  # 民政局's app: its grants
    "renshe-app": "department-renshe", "renshe-steward": "department-renshe",
    "shuju-admin": "department-shuju", "security-admin": "department-shuju",
    "auditor": "department-shuju",
}


@pytest.fixture(scope="module")
def world(tmp_path_factory, demo_source_urls):
    data = tmp_path_factory.mktemp("reference-data")
    store = f"sqlite:///{data / 'datagate.sqlite'}"
    gateway = Gateway(make_settings(data, store))
    ensure_demo_world(gateway.services, data, source_urls=demo_source_urls, populate=False)
    gateway.close()
    return {"DATAGATE_DATA_DIR": str(data), "DATAGATE_DATABASE_URL": store,
            "DATAGATE_HASH_SECRET": HASH_SECRET, "DATAGATE_CLOCK": FROZEN_AT.isoformat(),
            "DATAGATE_JWT_SECRET": "test-secret-not-for-production-use-0123456789"}


def _sdl(world, principal):
    result = CliRunner().invoke(app, ["schema"] + (["--as", principal] if principal else []),
                                env=world)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("principal", sorted(ROLES, key=str))
def test_the_reference_schema_of_each_role_is_what_the_gateway_serves(world, principal):
    sdl = _sdl(world, principal)
    path = REFERENCE / f"{ROLES[principal]}.graphql"
    if os.environ.get("DATAGATE_WRITE_REFERENCE") == "1":
        path.write_text(sdl, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with DATAGATE_WRITE_REFERENCE=1"
    assert path.read_text(encoding="utf-8") == sdl, (
        f"{path.name} is not what {principal or 'an anonymous caller'} sees: if the schema "
        f"changed, run DATAGATE_WRITE_REFERENCE=1 pytest {__file__}; if the principals of one "
        "file now see different schemas, give them files of their own")


def test_every_file_is_some_roles_schema():
    assert {p.stem for p in REFERENCE.glob("*.graphql")} == set(ROLES.values())


def test_each_role_sees_only_its_own(world):
    anonymous, app_, auditor = (_sdl(world, p) for p in (None, "minzheng-app", "auditor"))
    # datasets and their modes are in a schema only where a grant or the owner's rights put
    # them; role-only fields (auditLog) are in every schema and refused FORBIDDEN at run time
    assert "population(" in app_ and "population(" not in anonymous
    assert "PopulationLookup" in app_ or "lookup(" in app_
    assert "population(" not in auditor
    # IDs and instants follow one convention (docs/api.md)
    assert "id: ID!" in auditor and "scalar DateTime" in auditor


def test_an_unknown_principal_is_refused(world):
    result = CliRunner().invoke(app, ["schema", "--as", "nobody-here"], env=world)
    assert result.exit_code == 2 and "nobody-here" in result.output
