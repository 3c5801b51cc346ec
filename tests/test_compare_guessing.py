"""Compare guessing bounded per key (issue 15): as an attacker would try it, over HTTP.

A department with a compare grant knows a person's ID number and the first seven digits of
the phone, and guesses the last four. After the grant's keyMismatchLimit of wrong guesses
that key is refused for the day, whoever of the department asks and however the key is
typed; other keys still work, the next day it works again, the owner's steward hears of it
once, and the key is nowhere in an answer, a notification or the audit trail. Concurrent
guesses, and concurrent compares of new keys against the daily key cap, never let more
through than the limit.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import re
import time

import pytest
import sqlalchemy as sa
from alembic import command
from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from gateway.demo.setup import ensure_demo_world
from masking.check_digits import id_check_digit
from gateway.settings import Settings, SettingsError
from gateway.store.db import alembic_config, make_engine
from gateway.store.models import Department, Principal, RoleAssignment
from gateway.store.privacy_models import CompareKeyUse
from tests.conftest import (FROZEN_AT, Api, audited_since, codes, make_settings,
                            newest_audit_id, temp_database)

REQUEST = """mutation($input: RequestShareInput!) { requestShare(input: $input) { id } }"""
APPROVE = """mutation($id: ID!, $keyMismatchLimit: Int, $rateLimit: String, $dailyKeyCap: Int) {
  approveShareRequest(id: $id, keyMismatchLimit: $keyMismatchLimit, rateLimit: $rateLimit,
                      dailyKeyCap: $dailyKeyCap) { status grant { id } } }"""
COMPARE = """query($k: String!, $v: PopulationCompareInput!) { population(purpose: "%s") {
  compare(key: $k, values: $v) { name phone } } }"""
GUESSING_NOTICES = """{ notifications { kind subjectKind subjectId message } }"""
SECONDS_TO_MIDNIGHT = 14 * 3600  # FROZEN_AT is 10:00 in Shanghai
GUESSER = "guesser"  # the department that guesses
STEWARD, APP = f"{GUESSER}-steward", f"{GUESSER}-app"


@pytest.fixture(scope="module")
def guesser(gateway):
    """A department of these tests' own, with a steward who asks and an app that compares:
    the demo departments are shared with other tests, which expect e.g. renshe to hold no
    grant on population."""
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        if session.get(Department, GUESSER) is None:
            session.add(Department(code=GUESSER, name="比对测试局"))
            session.flush()
            for name, kind, role in ((STEWARD, "PERSON", "steward"), (APP, "APP", "app")):
                principal = Principal(name=name, display_name=name, kind=kind, department_code=GUESSER)
                principal.roles = [RoleAssignment(role=role, assigned_at=now)]
                session.add(principal)
    return GUESSER


def _ask(api, purpose: str, requester: str = STEWARD, modes=("COMPARE",)) -> int:
    filed = api(requester).query(REQUEST, {"input": {
        "dataset": "population", "modes": list(modes), "fields": ["name", "phone"],
        "purpose": purpose, "purposeDescription": "核对申报信息", "users": "待遇审核科",
        "expiresOn": "2027-06-30"}})
    return filed["data"]["requestShare"]["id"]


def _granted(api, purpose: str, requester: str = STEWARD, **conditions) -> int:
    """A compare grant on population (name, phone) for the requester's department."""
    approved = api("gongan-steward").query(APPROVE, {"id": _ask(api, purpose, requester),
                                                     "rateLimit": "10000/minute", **conditions})
    assert approved["data"]["approveShareRequest"]["status"] == "APPROVED", approved
    return approved["data"]["approveShareRequest"]["grant"]["id"]


def _wrong_phones(phone: str):
    """Every phone with the first seven digits of ``phone`` but another last four."""
    return (phone[:7] + f"{n:04d}" for n in range(10_000) if phone[:7] + f"{n:04d}" != phone)


def _guess(api_as, purpose: str, key: str, phone: str, answers: list | None = None) -> dict:
    response = api_as.post(COMPARE % purpose, {"k": key, "v": {"phone": phone}})
    if answers is not None:
        answers.append(response.text)
    return response.json()


def _guessing_notices(api, grant_id: int) -> list[dict]:
    notes = api("gongan-steward").query(GUESSING_NOTICES)["data"]["notifications"]
    return [n for n in notes if n["kind"] == "COMPARE_GUESSING" and n["subjectId"] == grant_id]


@contextlib.contextmanager
def gateway_at(gateway: Gateway, when: dt.datetime, **settings):
    """Another gateway process on the same store, with its clock at ``when``."""
    other = Gateway(gateway.settings.with_(clock=when, **settings))
    try:
        with TestClient(create_app(other.settings, other)) as client:
            yield other, lambda principal: Api(client, other, principal)
    finally:
        other.close()


def _on_a_busy_store(gateway: Gateway, count: int, call) -> list:
    """``call(i)`` for i in range(count), each on its own thread, while another transaction
    holds the store (its write lock on SQLite; on PostgreSQL an EXCLUSIVE lock on the compare
    key table, which lets reads through and holds writes): the compares queue up and then go
    at once, as on a busy store."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool, \
            gateway.services.engine.connect() as holder:
        if holder.dialect.name == "sqlite":
            holder.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            holder.execute(sa.text("LOCK TABLE compare_key_uses IN EXCLUSIVE MODE"))
        calls = [pool.submit(call, i) for i in range(count)]
        _until_waiting(holder, count)
        holder.rollback()
        return [c.result(timeout=120) for c in calls]


def _until_waiting(holder, count: int) -> None:
    """Until ``count`` transactions wait for the holder's lock (PostgreSQL shows them in
    pg_locks; SQLite shows no waiters, so a while that covers the requests' way to the store)."""
    if holder.dialect.name == "sqlite":
        time.sleep(2.0)
        return
    waiting = sa.text("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                      "WHERE c.relname = 'compare_key_uses' AND NOT l.granted")
    deadline = time.monotonic() + 30
    while holder.scalar(waiting) < count and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.mark.usefixtures("guesser")
def test_guessing_a_phone_stops_at_the_limit_for_that_key_until_the_next_day(api, gateway, people):
    purpose, limit = "guess-phone-test", 3
    grant = _granted(api, purpose, keyMismatchLimit=limit)
    person, other = people[700], people[701]
    key, phone = person["id_number"], person["phone"]
    before = newest_audit_id(gateway)
    attacker, answers = api(STEWARD), []
    wrong = _wrong_phones(phone)

    for _ in range(limit):
        body = _guess(attacker, purpose, key, next(wrong), answers)
        assert body == {"data": {"population": {"compare": {"name": None, "phone": False}}}}
    refused = _guess(attacker, purpose, key, next(wrong), answers)
    right = _guess(attacker, purpose, key, phone, answers)
    for body in (refused, right):
        assert codes(body) == ["RATE_LIMITED"] and body["data"] is None
        error = body["errors"][0]
        assert error["extensions"]["retryAfter"] == SECONDS_TO_MIDNIGHT
        assert "non-matching compares" in error["message"] and "midnight" in error["message"]
    typed_otherwise = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in key).lower()
    assert codes(_guess(attacker, purpose, " " + typed_otherwise, phone, answers)) == ["RATE_LIMITED"]
    assert codes(_guess(api(APP), purpose, key, phone, answers)) == ["RATE_LIMITED"], \
        "the limit is the department's, not one principal's"

    assert _guess(attacker, purpose, other["id_number"], other["phone"], answers) == {
        "data": {"population": {"compare": {"name": None, "phone": True}}}}
    assert _guess(attacker, purpose, other["id_number"], next(_wrong_phones(other["phone"])),
                  answers) == {"data": {"population": {"compare": {"name": None, "phone": False}}}}
    gongan = api("gongan-steward")  # the owner is not limited
    owner = [_guess(gongan, "own-data-check", key, p, answers)["data"]["population"]["compare"]
             for p in [next(wrong) for _ in range(8)] + [phone]]
    assert [a["phone"] for a in owner] == [False] * 8 + [True]

    [notice] = _guessing_notices(api, grant)
    assert notice["subjectKind"] == "GRANT"
    assert GUESSER in notice["message"] and "population" in notice["message"]
    assert "2026-11-25" in notice["message"]
    assert re.search(r"key digest [0-9a-f]{12}…", notice["message"])
    audited = audited_since(gateway, before)
    [reached] = [r for r in audited if r.action == "COMPARE_KEY_LIMIT_REACHED"]
    assert (str(reached.grant_id), reached.dataset, reached.outcome) == (grant, "population", "ALLOWED")
    denied = [r for r in audited if r.error_code == "RATE_LIMITED"]
    assert len(denied) == 4 and all(r.mode == "COMPARE" and r.outcome == "DENIED" for r in denied)

    with gateway_at(gateway, FROZEN_AT + dt.timedelta(days=1)) as (_, next_day):
        body = _guess(next_day(STEWARD), purpose, key, phone, answers)
        assert body == {"data": {"population": {"compare": {"name": None, "phone": True}}}}

    with gateway.services.store() as session:
        stored = [repr(tuple(row)) for row in session.execute(sa.select(CompareKeyUse.__table__))]
    notes = api("gongan-steward").post(GUESSING_NOTICES).text
    records = [repr(vars(r)) for r in audited_since(gateway, before)]
    for text in answers + [notes] + records + stored:
        assert key not in text and key[:-1] not in text and phone not in text


@pytest.mark.usefixtures("guesser")
def test_a_full_match_costs_nothing_and_a_partial_match_is_a_mismatch(api, people):
    purpose = "guess-partial-test"
    _granted(api, purpose, keyMismatchLimit=2)
    person = people[702]
    key, attacker = person["id_number"], api(STEWARD)
    both_right = {"name": person["name"], "phone": person["phone"]}
    name_right = {"name": person["name"], "phone": next(_wrong_phones(person["phone"]))}
    for _ in range(5):
        body = attacker.query(COMPARE % purpose, {"k": key, "v": both_right})
        assert body["data"]["population"]["compare"] == {"name": True, "phone": True}
    for _ in range(2):
        body = attacker.query(COMPARE % purpose, {"k": key, "v": name_right})
        assert body["data"]["population"]["compare"] == {"name": True, "phone": False}
    assert codes(attacker.query(COMPARE % purpose, {"k": key, "v": both_right})) == ["RATE_LIMITED"]


def _unknown_id_number(people) -> str:
    known = {p["id_number"] for p in people}
    numbers = (f"44060419850101{n:03d}" for n in range(1000))
    return next(n + id_check_digit(n) for n in numbers if n + id_check_digit(n) not in known)


@pytest.mark.usefixtures("guesser")
def test_an_unknown_key_counts_like_a_wrong_value(api, people):
    purpose = "guess-unknown-test"
    _granted(api, purpose, keyMismatchLimit=2)
    key, attacker = _unknown_id_number(people), api(STEWARD)
    for _ in range(2):
        body = attacker.query(COMPARE % purpose, {"k": key, "v": {"phone": "13800000000"}})
        assert body["data"]["population"]["compare"]["phone"] is False
    body = attacker.query(COMPARE % purpose, {"k": key, "v": {"phone": "13800000000"}})
    assert codes(body) == ["RATE_LIMITED"]


@pytest.mark.usefixtures("guesser")
def test_concurrent_wrong_guesses_on_one_key_let_exactly_the_limit_through(api, gateway, people):
    purpose, limit, guesses = "guess-concurrent-test", 4, 20
    grant = _granted(api, purpose, keyMismatchLimit=limit)
    person = people[710]
    phones = list(_wrong_phones(person["phone"]))[:guesses]
    attacker = api(STEWARD)
    bodies = _on_a_busy_store(gateway, guesses,
                              lambda i: _guess(attacker, purpose, person["id_number"], phones[i]))
    answered = [b for b in bodies if "errors" not in b]
    assert all(b["data"]["population"]["compare"]["phone"] is False for b in answered)
    assert len(answered) == limit, [codes(b) for b in bodies]
    assert sorted(codes(b) for b in bodies if "errors" in b) == [["RATE_LIMITED"]] * (guesses - limit)
    assert len(_guessing_notices(api, grant)) == 1


@pytest.mark.usefixtures("guesser")
def test_concurrent_compares_of_new_keys_let_exactly_the_daily_cap_through(gateway, people):
    purpose, cap, keys = "guess-cap-concurrent-test", 3, 20
    day = dt.datetime(2026, 12, 2, 9, 0, tzinfo=FROZEN_AT.tzinfo)  # the cap is the department's
    with gateway_at(gateway, day) as (other, api):
        _granted(api, purpose, dailyKeyCap=cap)
        chosen = people[720:720 + keys]
        attacker = api(STEWARD)

        def compare(i):
            return _guess(attacker, purpose, chosen[i]["id_number"], chosen[i]["phone"])

        bodies = _on_a_busy_store(other, keys, compare)
        admitted = [i for i, b in enumerate(bodies) if "errors" not in b]
        assert len(admitted) == cap, [codes(b) for b in bodies]
        assert all(bodies[i]["data"]["population"]["compare"]["phone"] is True for i in admitted)
        refused = [b for b in bodies if "errors" in b]
        assert all(codes(b) == ["RATE_LIMITED"] and "3 distinct keys" in b["errors"][0]["message"]
                   for b in refused)
        assert "errors" not in compare(admitted[0]), "a key compared today does not count again"
        assert codes(_guess(attacker, purpose, people[760]["id_number"], "1")) == ["RATE_LIMITED"]


@pytest.mark.usefixtures("guesser")
def test_the_steward_sets_the_limit_and_the_grants_query_shows_it(api, gateway, people):
    request = _ask(api, "guess-validation-test")
    gongan = api("gongan-steward")
    for bad in (0, -3):
        body = gongan.query(APPROVE, {"id": request, "keyMismatchLimit": bad})
        assert codes(body) == ["BAD_INPUT"] and "keyMismatchLimit" in body["errors"][0]["message"]
    assert codes(gongan.query(APPROVE, {"id": request, "keyMismatchLimit": 2**31})) == ["BAD_INPUT"]
    pending = api(STEWARD).query("{ shareRequests(box: OUTBOX, status: PENDING) { id } }")
    assert {"id": request} in pending["data"]["shareRequests"], "a refused approval changes nothing"

    own = _granted(api, "guess-own-limit-test", keyMismatchLimit=7)
    default = _granted(api, "guess-default-limit-test")
    lookup_only = gongan.query(APPROVE, {"id": _ask(api, "guess-lookup-test", modes=("LOOKUP",))})
    lookup_only = lookup_only["data"]["approveShareRequest"]["grant"]["id"]
    shown = {g["id"]: g["keyMismatchLimit"] for g in gongan.query(
        '{ grants(dataset: "population") { id keyMismatchLimit } }')["data"]["grants"]}
    assert (shown[own], shown[default], shown[lookup_only]) == (7, 5, None)


@pytest.mark.usefixtures("guesser")
def test_without_a_limit_on_the_grant_the_setting_applies(gateway, people):
    from_env = Settings.from_env({"DATAGATE_COMPARE_KEY_MISMATCH_LIMIT": "2"})
    assert from_env.compare_key_mismatch_limit == 2
    with pytest.raises(SettingsError, match="DATAGATE_COMPARE_KEY_MISMATCH_LIMIT"):
        Settings.from_env({"DATAGATE_COMPARE_KEY_MISMATCH_LIMIT": "0"})
    purpose, person = "guess-setting-test", people[704]
    at = dt.datetime(2026, 12, 3, 9, 0, tzinfo=FROZEN_AT.tzinfo)
    with gateway_at(gateway, at, compare_key_mismatch_limit=2) as (_, api):
        _granted(api, purpose)
        attacker = api(STEWARD)
        wrong = _wrong_phones(person["phone"])
        assert [codes(_guess(attacker, purpose, person["id_number"], next(wrong))) for _ in range(3)] \
            == [[], [], ["RATE_LIMITED"]]


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_keys_compared_before_the_upgrade_still_count_toward_the_daily_cap(
        kind, tmp_path, demo_source_urls, people):
    """Migration 0011 counts the keys a department compared today before it ran; its downgrade
    and a second upgrade work."""
    with contextlib.ExitStack() as stack:
        url = (f"sqlite:///{tmp_path / 'store.sqlite'}" if kind == "sqlite"
               else stack.enter_context(temp_database("postgresql")))
        engine = make_engine(url)
        stack.callback(engine.dispose)
        command.upgrade(alembic_config(engine), "0010")
        uses = sa.table("compare_key_uses", sa.column("department"), sa.column("dataset_code"),
                        sa.column("day"), sa.column("key_digest"))
        with engine.begin() as conn:
            conn.execute(uses.insert(), [{"department": "renshe", "dataset_code": "population",
                                          "day": dt.date(2026, 11, 25), "key_digest": digit * 64}
                                         for digit in "ab"])
        settings = make_settings(tmp_path / "data", url)
        upgraded = Gateway(settings)
        try:
            ensure_demo_world(upgraded.services, settings.data_dir, source_urls=demo_source_urls,
                              populate=False)
            with TestClient(create_app(settings, upgraded)) as client:
                api = lambda principal: Api(client, upgraded, principal)  # noqa: E731
                purpose = "guess-upgrade-test"
                _granted(api, purpose, "renshe-steward", dailyKeyCap=3)
                renshe = api("renshe-steward")
                assert "errors" not in _guess(renshe, purpose, people[0]["id_number"], "1")
                body = _guess(renshe, purpose, people[1]["id_number"], "1")
                assert codes(body) == ["RATE_LIMITED"]
                assert "3 distinct keys" in body["errors"][0]["message"]
        finally:
            upgraded.close()
        command.downgrade(alembic_config(engine), "0010")
        columns = {c["name"] for c in sa.inspect(engine).get_columns("compare_key_uses")}
        assert "mismatches" not in columns and not sa.inspect(engine).has_table("compare_key_days")
        command.upgrade(alembic_config(engine), "head")
        assert sa.inspect(engine).has_table("compare_key_days")
