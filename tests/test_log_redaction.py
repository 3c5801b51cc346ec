"""No personal data in logs: a gateway started as operators start it (`datagate serve`, or
uvicorn on gateway.asgi) writes its access and application log to a file while it is asked
for people by ID number in query strings, variables and documents, refused, and made to
fault on a source value; the file then holds none of what was sent or read, and still shows
each request's method, path and status (gateway.web.log_redaction)."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from gateway.audit import subject_digest
from gateway.demo.setup import SOURCES, ensure_demo_world, fill_sources
from gateway.identifiers import is_valid_id_number
from gateway.web.app import Gateway
from gateway.web.log_redaction import LogRedaction
from masking.check_digits import id_check_digit
from tests.served_world import free_port, wait_until_serving
from tests.conftest import FROZEN_AT, HASH_SECRET, PURPOSE, make_settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOOKUP = '{ population(purpose: "%s") { lookup(key: "%s") { name birthDate district } } }'
LOOKUP_VARS = ('query($k: String!) { population(purpose: "%s") { lookup(key: $k) '
               '{ name district } } }' % PURPOSE)
COMPARE = ('query($k: String!, $v: PopulationCompareInput!) { population(purpose: "%s") '
           '{ compare(key: $k, values: $v) { name phone } } }' % PURPOSE)
MARKER = "purpose-of-zhang-wei-7731"  # a purpose no log line may quote


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A store and sources of this module's own: one person's birth date is made unreadable,
    so that looking them up faults."""
    folder = tmp_path_factory.mktemp("logged")
    urls = {code: f"sqlite:///{folder / filename}" for code, (_, filename, _) in SOURCES.items()}
    fill_sources(urls, 60)
    settings = make_settings(folder / "data", f"sqlite:///{folder / 'store.sqlite'}")
    settings.data_dir.mkdir()  # `datagate serve` refuses a data directory that does not exist
    gateway = Gateway(settings)
    ensure_demo_world(gateway.services, settings.data_dir, source_urls=urls, populate=False)
    tokens = {p: gateway.services.tokens.issue(p, gateway.services.clock.now())
              for p in ("minzheng-app", "citizen-demo")}
    gateway.close()
    source = urls["gongan-db"].removeprefix("sqlite:///")
    with sqlite3.connect(source) as conn:
        people = [dict(zip(("id", "name", "phone"), row)) for row in conn.execute(
            "SELECT id_number, name, phone FROM population ORDER BY id_number")]
        faulty = people[7]
        faulty["birth_date"] = "139-1234-5678"  # a mobile number where a date should be
        conn.execute("UPDATE population SET birth_date = ? WHERE id_number = ?",
                     (faulty["birth_date"], faulty["id"]))
    assert all(is_valid_id_number(p["id"]) for p in people)
    env = {"DATAGATE_DATABASE_URL": settings.store_url, "DATAGATE_DATA_DIR": str(settings.data_dir),
           "DATAGATE_JWT_SECRET": settings.jwt_secret, "DATAGATE_HASH_SECRET": HASH_SECRET,
           "DATAGATE_CLOCK": FROZEN_AT.isoformat(), "DATAGATE_DEV_MODE": "true"}
    return {"env": env, "tokens": tokens, "people": people, "faulty": faulty, "folder": folder}


STARTS = {
    "datagate serve": lambda port: [str(BIN / "datagate"), "serve", "--port", str(port)],
    "uvicorn gateway.asgi": lambda port: [
        sys.executable, "-m", "uvicorn", "--factory", "gateway.asgi:create_from_env",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "info"],
}


@pytest.fixture(params=sorted(STARTS))
def served(request, world):
    """A gateway process on the world's store, its stdout and stderr in a log file."""
    port = free_port()
    log = world["folder"] / f"{request.param.replace(' ', '-')}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(STARTS[request.param](port), cwd=ROOT, stdout=out,
                                   stderr=subprocess.STDOUT, env={**os.environ, **world["env"]})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, process, 90)
    except RuntimeError as exc:
        pytest.fail(f"{request.param} did not start ({exc}): {log.read_text()[-3000:]}")
    stopped = False

    def stop() -> str:
        nonlocal stopped
        if not stopped:
            process.terminate()
            process.wait(timeout=30)
            stopped = True
        return log.read_text(encoding="utf-8")

    yield base, stop
    stop()


def test_the_log_holds_no_key_or_value_but_method_path_and_status(served, world):
    base, stop = served
    people = world["people"]
    app = {"Authorization": f"Bearer {world['tokens']['minzheng-app']}",
           "Accept": "application/graphql-response+json"}
    sent: list[str] = []  # every value a request carried or the gateway read for it

    def ask(method: str, path: str = "/graphql", **kwargs) -> httpx.Response:
        headers = {**app, **kwargs.pop("headers", {})}
        return httpx.request(method, base + path, headers=headers, timeout=60, **kwargs)

    # a GET carrying the document, with a literal key, in its query string
    person = people[1]
    sent += [person["id"], person["name"]]
    got = ask("GET", params={"query": LOOKUP % (PURPOSE, person["id"])})
    assert got.status_code == 200 and got.json()["data"]["population"]["lookup"]["name"] == \
        person["name"]
    # a GET whose variables carry the key, written as a person might type it
    person = people[2]
    sent += [person["id"], person["name"]]
    typed = person["id"][:6] + " " + person["id"][6:14] + " " + person["id"][14:].lower()
    got = ask("GET", params={"query": LOOKUP_VARS, "variables": json.dumps({"k": typed})})
    assert got.json()["data"]["population"]["lookup"]["name"] == person["name"]
    # POSTs: the key in variables, in the document; a compare carrying a phone and a name
    person = people[3]
    sent += [person["id"], person["name"], person["phone"]]
    got = ask("POST", json={"query": COMPARE, "variables": {
        "k": person["id"], "v": {"name": person["name"], "phone": person["phone"]}}})
    assert got.json()["data"]["population"]["compare"] == {"name": True, "phone": True}
    person = people[4]
    sent += [person["id"]]
    assert "errors" not in ask("POST", json={"query": LOOKUP % (PURPOSE, person["id"])}).json()
    # refusals: a wrong check digit, a purpose not granted (in the query string too)
    person = people[5]
    wrong = person["id"][:17] + ("1" if person["id"][17] != "1" else "2")
    sent += [wrong, person["id"], MARKER]
    refused = ask("POST", json={"query": LOOKUP_VARS, "variables": {"k": wrong}}).json()
    assert refused["errors"][0]["extensions"]["code"] == "INVALID_ID_NUMBER"
    refused = ask("GET", params={"query": LOOKUP % (MARKER, person["id"])}).json()
    assert refused["errors"][0]["extensions"]["code"] == "PURPOSE_MISMATCH"
    # a document that fails validation, quoting a key (GraphQL's errors print the document)
    person = people[6]
    sent += [person["id"]]
    bad = ask("GET", params={"query": '{ population(purpose: "x") { lookup(key: "%s") '
                                      '{ nosuchfield } }' % person["id"]})
    assert bad.status_code in (200, 400) and bad.json()["errors"]
    # a path that names a person
    sent += [people[8]["id"]]
    assert ask("GET", f"/people/{people[8]['id']}").status_code == 404
    # a fault: the source holds a phone number where the person's birth date should be
    faulty = world["faulty"]
    sent += [faulty["id"], faulty["birth_date"], faulty["name"]]
    again = ask("GET", params={"query": LOOKUP % (PURPOSE, people[1]["id"])})
    assert again.status_code == 200
    fault = ask("POST", json={"query": LOOKUP_VARS.replace("name district", "name birthDate"),
                              "variables": {"k": faulty["id"]}}).json()
    assert fault["errors"][0]["extensions"]["code"] == "INTERNAL"
    reference = fault["errors"][0]["extensions"]["reference"]

    text = stop()
    leaked = [value for value in sent if value in text]
    leaked += [v[:17] for v in sent if re.fullmatch(r"\d{17}[\dX]", v) and v[:17] in text]
    assert not leaked, f"the log quotes {leaked}:\n{text[-4000:]}"
    # what the log is for is still there: method, path, status; the fault by its reference
    access = re.findall(r'"(GET|POST) (\S+) HTTP/1\.1" (\d{3})', text)
    gets = [p for m, p, s in access if m == "GET" and p.startswith("/graphql?")]
    assert len(gets) == 5, access
    assert all(re.fullmatch(r"/graphql\?query=~(&variables=~)?#[0-9a-f]{12}", p) for p in gets)
    assert gets[1].startswith("/graphql?query=~&variables=~#")
    assert sum(1 for m, p, s in access if (m, p, s) == ("POST", "/graphql", "200")) >= 4
    assert any(p.startswith("/people/[id#") and s == "404" for _, p, s in access)
    assert reference in text and "Traceback" in text
    # the fault's source value is in the log only as a tag with its keyed digest
    redaction = LogRedaction(HASH_SECRET)
    assert redaction.text(faulty["birth_date"]) in text
    # an ID number's tag is its audit subject digest's beginning: the 404 path's person
    assert f"[id#{subject_digest(HASH_SECRET, people[8]['id'])[:12]}]" in text
    # the same query string asked twice is one digest, different ones differ
    digests = [p.rpartition("#")[2] for p in gets]
    assert digests[-1] == digests[0] and len(set(digests)) == len(digests) - 1


def test_engines_hide_statement_parameters(world, caplog):
    """A fault of a store or source statement quotes its SQL, never its parameters; nor does
    the statement echo (DATAGATE_SQL_ECHO)."""
    from gateway.store.db import make_engine

    engine = make_engine(world["env"]["DATAGATE_DATABASE_URL"], echo=True)
    try:
        with caplog.at_level("INFO", logger="sqlalchemy.engine"), engine.connect() as conn:
            conn.execute(sa.text("SELECT count(*) FROM audit_records WHERE purpose = :p"),
                         {"p": MARKER}).scalar()
            with pytest.raises(sa.exc.DBAPIError) as failed:
                conn.execute(sa.text("SELECT nothing FROM audit_records WHERE purpose = :p"),
                             {"p": MARKER})
        assert MARKER not in str(failed.value) and "hidden" in str(failed.value)
        assert "SELECT count(*) FROM audit_records" in caplog.text and MARKER not in caplog.text
    finally:
        engine.dispose()


def test_redaction_of_texts_a_pattern_can_find():
    redaction = LogRedaction(HASH_SECRET)
    plain = "44060619900307123" + id_check_digit("44060619900307123")
    assert is_valid_id_number(plain)
    tag = f"[id#{subject_digest(HASH_SECRET, plain)[:12]}]"
    wide = "".join(chr(ord(c) + 0xFEE0) for c in plain)  # full-width digits
    forms = [plain, plain.lower(), wide, f"{plain[:6]} {plain[6:14]} {plain[14:]}",
             f"{plain[:6]}-{plain[6:14]}-{plain[14:].lower()}"]
    for form in forms:
        assert redaction.text(f"key={form}，身份证{form}。") == f"key={tag}，身份证{tag}。"
    assert "[id#" in redaction.text("old 440606900307123 id")  # 15 digits, issued before 1999
    assert redaction.text("call 13812345678 or +86 138-1234-5678") == (
        "call {0} or {0}".format(redaction.text("13812345678")))
    assert redaction.text("org 91440604MA4W1XKR8K") .startswith("org [credit-code#")
    # what is not personal stays: times, references, hashes, counts, 16 and 19 digits
    for kept in ("2026-11-25T10:00:00.123456Z", "reference 3f2a9c1d0e4b", "a" * 64,
                 "1234567890123456", "1234567890123456789", "ABCDEFGHJKLMNPQRTU"):
        assert redaction.text(kept) == kept
