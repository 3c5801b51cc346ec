"""Every stored text has a maximum, the same on every store (gateway/store/models.py: 2,000
characters for reasons and notes, 10,000 for descriptions): longer text is BAD_INPUT naming the
field as the API names it and its limit, audited, and nothing is written. Text the gateway
writes itself (an audit record's detail) is cut instead, so that a refusal is still audited."""
from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa

from tests.conftest import audited_since, codes, newest_audit_id

# the workflow tables a refused mutation must leave as they were
WATCHED = ["purposes", "share_requests", "grants", "disputes", "notifications", "catalog_drafts",
           "catalog_entries"]
REQUEST = """mutation($input: RequestShareInput!) { requestShare(input: $input) {
  id status purposeDescription } }"""
REJECT = """mutation($id: ID!, $r: String!) { rejectShareRequest(id: $id, reason: $r) {
  status reason } }"""
DISPUTE = """mutation($k: String!, $t: String!) { raiseDispute(dataset: "population", key: $k,
  field: "address", description: $t) { id status } }"""
RESOLVE = """mutation($id: ID!, $n: String!) { resolveDispute(id: $id, outcome: CONFIRMED, note: $n) {
  status outcomeNote } }"""
DRAFT = "mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id } }"


def store_digest(gateway) -> dict[str, str]:
    out = {}
    with gateway.services.store() as session:
        for table in WATCHED:
            rows = session.execute(sa.text(f"SELECT * FROM {table}")).all()
            text = json.dumps(sorted(repr(tuple(r)) for r in rows), ensure_ascii=False)
            out[table] = hashlib.sha256(text.encode()).hexdigest()
    return out


def refused(api, gateway, principal, document, variables, action) -> str:
    """The message of a BAD_INPUT refusal that changed nothing in the store but the audit
    trail, where it is recorded."""
    before, audit_before = store_digest(gateway), newest_audit_id(gateway)
    body = api(principal).query(document, variables)
    assert codes(body) == ["BAD_INPUT"], body
    assert store_digest(gateway) == before
    message = body["errors"][0]["message"]
    assert [(r.action, r.outcome, r.error_code, r.detail) for r in audited_since(gateway, audit_before)] \
        == [(action, "DENIED", "BAD_INPUT", message)]
    return message


def ask(api, purpose: str, description: str) -> dict:
    return api("renshe-steward").query(REQUEST, {"input": {
        "dataset": "population", "modes": ["LOOKUP"], "fields": ["name"], "purpose": purpose,
        "purposeDescription": description, "users": "社保待遇科", "expiresOn": "2027-06-30"}})


def test_a_purpose_description_too_long_is_bad_input_naming_it_and_limit(api, gateway):
    purpose = "text-limit-description"  # a purpose new to the store: requestShare makes it too
    message = refused(api, gateway, "renshe-steward", REQUEST, {"input": {
        "dataset": "population", "modes": ["LOOKUP"], "fields": ["name"], "purpose": purpose,
        "purposeDescription": "述" * 10_001, "users": "社保待遇科", "expiresOn": "2027-06-30"}},
        "REQUEST_SHARE")
    assert message == ("purposeDescription may have at most 10000 characters (this one has "
                       "10001); shorten it")
    filed = ask(api, purpose, "述" * 10_000)["data"]["requestShare"]
    assert filed["status"] == "PENDING" and len(filed["purposeDescription"]) == 10_000


def test_a_rejection_reason_too_long_is_bad_input_and_the_request_stays_pending(api, gateway):
    filed = ask(api, "text-limit-reason", "养老金资格认证")["data"]["requestShare"]
    message = refused(api, gateway, "gongan-steward", REJECT, {"id": filed["id"], "r": "因" * 2_001},
                      "REJECT_SHARE_REQUEST")
    assert message == "reason may have at most 2000 characters (this one has 2001); shorten it"
    pending = api("renshe-steward").query("query($id: ID!) { shareRequest(id: $id) { status reason } }",
                                          {"id": filed["id"]})
    assert pending["data"]["shareRequest"] == {"status": "PENDING", "reason": None}
    rejected = api("gongan-steward").query(REJECT, {"id": filed["id"], "r": "因" * 2_000})
    assert rejected["data"]["rejectShareRequest"] == {"status": "REJECTED", "reason": "因" * 2_000}


def test_a_dispute_description_too_long_is_bad_input_and_raises_nothing(api, gateway, people):
    message = refused(api, gateway, "minzheng-app", DISPUTE,
                      {"k": people[50]["id_number"], "t": "址" * 10_001}, "RAISE_DISPUTE")
    assert message == "description may have at most 10000 characters (this one has 10001); shorten it"


def test_a_note_kept_under_another_name_is_named_as_the_api_names_it(api, gateway, people):
    """resolveDispute's note is kept as the dispute's outcome note: the refusal says note."""
    raised = api("minzheng-app").query(DISPUTE, {"k": people[51]["id_number"], "t": "地址有误"})
    dispute = raised["data"]["raiseDispute"]["id"]
    message = refused(api, gateway, "gongan-steward", RESOLVE, {"id": dispute, "n": "核" * 2_001},
                      "RESOLVE_DISPUTE")
    assert message == "note may have at most 2000 characters (this one has 2001); shorten it"
    resolved = api("gongan-steward").query(RESOLVE, {"id": dispute, "n": "已核实"})
    assert resolved["data"]["resolveDispute"] == {"status": "CONFIRMED", "outcomeNote": "已核实"}


def test_a_catalog_draft_is_held_to_the_limits_of_the_entry_it_would_publish(api, gateway):
    """A draft is kept as JSON until it is published; its text is held to the entry's limits
    when it is saved, not when the data authority publishes it."""
    entry = {"code": "textLimitLedger", "name": "台账", "shareType": "NONE", "openType": "NONE",
             "keyField": "visitId", "sourceCode": "weijian-db", "tableName": "medical_visits",
             "description": "就诊台账",
             "fields": [{"name": "visitId", "column": "visit_id", "dataType": "STRING",
                         "description": "记" * 10_001}]}
    message = refused(api, gateway, "weijian-steward", DRAFT, {"e": entry}, "SAVE_CATALOG_DRAFT")
    assert message == ("description of field visitId may have at most 10000 characters (this one "
                       "has 10001); shorten it")
    entry["fields"][0]["description"] = "就诊编号"
    message = refused(api, gateway, "weijian-steward", DRAFT,
                      {"e": {**entry, "shareConditions": "条" * 2_001}}, "SAVE_CATALOG_DRAFT")
    assert message == "shareConditions may have at most 2000 characters (this one has 2001); shorten it"


def test_a_refusal_quoting_long_input_is_audited_with_its_detail_cut(api, gateway):
    """A field name of 20,000 characters is refused quoting it; the audit record keeps the
    first 4,000 characters of the message (a refusal must not fail on its own record)."""
    before = newest_audit_id(gateway)
    body = api("minzheng-app").query(DISPUTE.replace("field: \"address\"", "field: $f").replace(
        "$t: String!", "$t: String!, $f: String!"),
        {"k": "440604199001011234", "t": "地址有误", "f": "字" * 20_000})
    assert codes(body) == ["BAD_INPUT"]
    [record] = audited_since(gateway, before)
    assert (record.outcome, record.error_code) == ("DENIED", "BAD_INPUT")
    assert len(record.detail) == 4_000 and record.detail.endswith("…")
    assert body["errors"][0]["message"].startswith(record.detail[:-1])


def test_a_row_kept_before_the_limits_with_longer_text_can_still_be_decided(api, gateway):
    """Only text being written is held to the limits: a request filed before them with a
    longer description is approved, its description kept as it is."""
    filed = ask(api, "text-limit-older-row", "养老金资格认证")["data"]["requestShare"]
    older = "旧" * 12_000
    with gateway.services.store() as session, session.begin():
        session.execute(sa.text("UPDATE share_requests SET purpose_description = :d WHERE id = :id"),
                        {"d": older, "id": filed["id"]})
    approved = api("gongan-steward").query(
        "mutation($id: ID!) { approveShareRequest(id: $id) { status purposeDescription } }",
        {"id": filed["id"]})
    assert approved["data"]["approveShareRequest"] == {"status": "APPROVED",
                                                       "purposeDescription": older}
