"""Sandbox pseudonyms do not link (issue 18): a session's hashed fields take the key of its
sandbox application (`application/<id>`), so the same person has one pseudonym in every
session of one application and another in any other application or open release.

Sessions are opened over HTTP; what the researcher computes on is read from the session's
own DuckDB file (the sandbox lets no identifier out of a query, by design)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from gateway.catalog.field_policies import masking_keys
from gateway.open_data.pseudonyms import scoped_keys
from masking.policies import mask_column
from tests.open_data_support import csv_records
from tests.test_conditional_open import apply, approve, token_headers
from tests.test_sandbox_http import Sandbox, approved_researcher
from tests.test_sandbox_http import world as sandbox_world

world = sandbox_world  # its gateway, with a sandbox folder of its own, for this module

FIELDS = ["idNumber", "district"]


@pytest.fixture(scope="module")
def raw_ids(demo_source_urls) -> list[str]:
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        ids = list(conn.execute(sa.text("SELECT id_number FROM social_insurance")).scalars())
    engine.dispose()
    return ids


def _session_pseudonyms(world, principal: str) -> set[str]:
    gw, client = world
    sandbox = Sandbox(client, gw, principal)
    session_id = sandbox.opened()
    try:
        path = Path(gw.settings.sandbox_dir) / session_id / "data.duckdb"
        with duckdb.connect(str(path), read_only=True) as con:
            found = [r[0] for r in con.execute('SELECT "idNumber" FROM "socialInsurance"').fetchall()]
    finally:
        assert sandbox.close(session_id).status_code in (200, 204)
    assert found and all(len(p) == 64 for p in found)
    return set(found)


def _hashed(ids: list[str], scope: str | None, gw) -> set[str]:
    base = masking_keys(gw.settings)
    keys = base if scope is None else scoped_keys(base, scope)
    return set(mask_column(ids, "ID_NUMBER", "hash", keys=keys))


def test_pseudonyms_hold_across_one_applications_sessions_and_differ_elsewhere(
        world, api, raw_ids):
    gw, client = world
    first = approved_researcher(gw, "pseudonym-lab-a", "91440604MA4X7PY01", FIELDS)
    second = approved_researcher(gw, "pseudonym-lab-b", "91440604MA4X7PY02", FIELDS)
    monday, tuesday = (_session_pseudonyms(world, "pseudonym-lab-a") for _ in range(2))
    assert monday == tuesday  # a researcher's work holds from one session to the next
    assert len(monday) == len(set(raw_ids))
    assert monday == _hashed(raw_ids, f"application/{first.id}", gw)  # the application's key
    assert not monday & _hashed(raw_ids, None, gw)  # not the gateway-wide key any more
    other = _session_pseudonyms(world, "pseudonym-lab-b")
    assert other == _hashed(raw_ids, f"application/{second.id}", gw) and not other & monday
    # the same organisation's DOWNLOAD application is another release: other pseudonyms
    download = apply(api, "pseudonym-lab-a", "DOWNLOAD", FIELDS,
                     purpose="labour-market-research")["data"]["applyForOpenData"]
    assert approve(api, download["id"])["data"]["approveOpenApplication"]["status"] == "APPROVED"
    got = client.get("/open/datasets/socialInsurance.csv", headers=token_headers(gw, "pseudonym-lab-a"))
    assert got.status_code == 200, got.text
    released = {r["idNumber"] for r in csv_records(got.content)}
    assert len(released) == len(monday) and not released & monday and not released & other
