"""What a worker holds before anyone asks for a feature (issue 19: idle RSS per worker).

A gateway process loads the libraries of features that many deployments never use on first
use, not at start: Alembic only when the store is behind the newest migration, openpyxl for
catalog spreadsheets, rdflib for the DCAT-AP catalog, OpenDP for noisy statistics, httpx and
Authlib for a sign-in through an identity provider, DuckDB and Arrow for sandbox sessions,
k-anonymity checks and downloads. bench/idle_rss.py prints the resident
memory this leaves. The features themselves are tested through HTTP elsewhere (each such test
loads its library through the deferred import).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from gateway.settings import Settings
from gateway.services import Services
from gateway.store.db import alembic_config, make_engine, newest_revision, store_revision

ROOT = Path(__file__).resolve().parent.parent
DEFERRED = ("alembic", "openpyxl", "rdflib", "opendp", "httpx", "authlib", "pyarrow", "duckdb",
            "numpy")

_PROBE = """
import json, os, sys
from gateway.asgi import create_from_env
app = create_from_env()
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(json.dumps({"loaded": sorted(m for m in sys.modules if "." not in m),
                  "rss_kib": int(status["VmRSS"].split()[0])}))
"""


def test_alembic_agrees_that_the_newest_migration_file_is_the_head(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    try:
        head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    finally:
        engine.dispose()
    assert head == newest_revision()


def test_a_store_behind_the_newest_migration_is_brought_up_at_start(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    engine = make_engine(url)
    try:
        command.upgrade(alembic_config(engine), "0014")
        assert store_revision(engine) == "0014"
        services = Services(Settings(data_dir=tmp_path, database_url=url, dev_mode=True))
        services.engine.dispose()
        assert store_revision(engine) == newest_revision()
        assert "theme" in {c["name"] for c in sa.inspect(engine).get_columns("catalog_entries")}
    finally:
        engine.dispose()


def test_a_worker_on_a_current_store_starts_without_the_deferred_libraries(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    Services(Settings(data_dir=tmp_path, database_url=url, dev_mode=True)).engine.dispose()
    env = {**os.environ, "DATAGATE_DATA_DIR": str(tmp_path), "DATAGATE_DATABASE_URL": url,
           "DATAGATE_DEV_MODE": "true"}
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    probe = json.loads(out.strip().splitlines()[-1])
    assert "gateway" in probe["loaded"] and "strawberry" in probe["loaded"]
    assert [name for name in DEFERRED if name in probe["loaded"]] == []
