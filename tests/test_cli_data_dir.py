"""The command line's own checks (issue 21): `datagate --version`, and a data directory
that does not exist is an error naming it for every command but `init` and `serve --demo`,
never a new empty store or a new hash key made where the command happened to run."""
from __future__ import annotations

from importlib.metadata import version

import pytest
from typer.testing import CliRunner

from gateway.cli import app as cli
from gateway.identifiers import make_credit_code
from tests.conftest import HASH_SECRET

AUTHORITY = make_credit_code("11440600MB2C9301" + "5")  # made up, valid
INIT = ["init", "--authority-code", "shuju", "--authority-name", "佛山市政务服务数据管理局",
        "--authority-credit-code", AUTHORITY, "--admin", "admin@example.gov.cn"]


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"datagate {version('datagate')}"


@pytest.mark.parametrize("args", [["token", "minzheng-app"], ["migrate"], ["audit", "verify"],
                                  ["overdue"], ["principal", "list", "--as", "someone"],
                                  ["serve"]])
def test_a_missing_data_dir_is_named_not_made(tmp_path, args):
    missing = tmp_path / "elsewhere" / "data"
    result = CliRunner().invoke(cli, args, env={"DATAGATE_DATA_DIR": str(missing)})
    assert result.exit_code == 2, result.output
    assert str(missing) in result.output and "does not exist" in result.output
    assert not missing.exists() and not (tmp_path / "elsewhere").exists()


def test_init_creates_it_and_a_store_elsewhere_needs_none(tmp_path):
    runner = CliRunner()
    data = tmp_path / "new" / "data"
    made = runner.invoke(cli, INIT, env={"DATAGATE_DATA_DIR": str(data)})
    assert made.exit_code == 0, made.output
    assert (data / "datagate.sqlite").exists()
    verified = runner.invoke(cli, ["audit", "verify"], env={"DATAGATE_DATA_DIR": str(data)})
    assert verified.exit_code == 0 and "intact" in verified.output
    # the store and the hash key named elsewhere: the data directory is not needed
    store = f"sqlite:///{data / 'datagate.sqlite'}"
    absent = tmp_path / "absent"
    elsewhere = {"DATAGATE_DATABASE_URL": store, "DATAGATE_HASH_SECRET": HASH_SECRET,
                 "DATAGATE_JWT_SECRET": "a-jwt-secret-of-this-test-0123456789abcdef"}
    for left_out in ("DATAGATE_DATABASE_URL", "DATAGATE_HASH_SECRET"):
        env = {k: v for k, v in elsewhere.items() if k != left_out}  # one would be made there
        result = runner.invoke(cli, ["audit", "verify"], env={"DATAGATE_DATA_DIR": str(absent),
                                                              **env})
        assert result.exit_code == 2 and str(absent) in result.output, (left_out, result.output)
    result = runner.invoke(cli, ["audit", "verify"], env={"DATAGATE_DATA_DIR": str(absent),
                                                          **elsewhere})
    assert result.exit_code == 0 and "intact" in result.output, result.output
    assert not absent.exists()
