"""The auditor's search of the trail by a citizen's key (gateway/web/console/auditor.py): a
POST, so the key stays out of addresses and history; found by its keyed digest; the search
itself audited with the digest, never the key; CSRF and another role refused."""
from __future__ import annotations

import re

import sqlalchemy as sa

from gateway.store.models import AuditRecord, Principal
from tests.conftest import Api, audited_since, newest_audit_id
from tests.test_console_http import browser, sign_in

LOOKUP = ('query($k: String!) { population(purpose: "subsistence-allowance-review") '
          '{ lookup(key: $k) { name } } }')


def citizen_key(gateway) -> str:
    with gateway.services.store() as session:
        return session.scalar(sa.select(Principal.id_number).where(Principal.name == "citizen-demo"))


def test_the_auditor_finds_the_lookups_of_one_citizen(gateway, client, people):
    key, other = citizen_key(gateway), people[5]["id_number"]
    for k in (key, other):
        looked = Api(client, gateway, "minzheng-app").query(LOOKUP, {"k": k})
        assert looked.get("errors") is None, looked
    web = browser(gateway)
    csrf = sign_in(web, "auditor")
    before = newest_audit_id(gateway)
    found = web.post("/audit", data={"csrf": csrf, "subject": key, "action": "", "principal": "minzheng-app"})
    assert found.status_code == 200 and 'id="subject-shown"' in found.text
    rows = re.findall(r'<tr class="record"><td>(\d+)</td>', found.text)
    with gateway.services.store() as session:
        subjects = {r.id: r.subject_digest for r in session.scalars(
            sa.select(AuditRecord).where(AuditRecord.id.in_([int(i) for i in rows])))}
    assert rows and len(set(subjects.values())) == 1  # one citizen's records, and only theirs
    assert key not in found.text  # the key is not echoed back
    [search] = [r for r in audited_since(gateway, before) if r.action == "AUDIT_READ"]
    assert search.subject_digest == next(iter(subjects.values()))
    assert key not in (search.detail or "")
    # another citizen's lookup is not among them
    elsewhere = web.post("/audit", data={"csrf": csrf, "subject": other, "principal": "minzheng-app"})
    assert not set(rows) & set(re.findall(r'<tr class="record"><td>(\d+)</td>', elsewhere.text))


def test_the_subject_search_needs_the_csrf_token_and_the_auditor_role(gateway):
    web = browser(gateway)
    sign_in(web, "auditor")
    before = newest_audit_id(gateway)
    assert web.post("/audit", data={"csrf": "forged", "subject": "x"}).status_code == 403
    assert [r.action for r in audited_since(gateway, before)] == ["CONSOLE_CSRF"]
    steward = browser(gateway)
    csrf = sign_in(steward, "gongan-steward")
    before = newest_audit_id(gateway)
    refused = steward.post("/audit", data={"csrf": csrf, "subject": citizen_key(gateway)})
    assert refused.status_code == 403
    [record] = [r for r in audited_since(gateway, before) if r.outcome == "DENIED"]
    assert (record.principal, record.mode) == ("gongan-steward", "AUDIT_READ")
