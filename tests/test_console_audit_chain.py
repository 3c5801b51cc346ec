"""The auditor's page verifies the audit trail's hash chain on request: intact with its head,
or the first broken record; other roles are refused (audited); forged forms too."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from gateway.store.models import AuditRecord
from tests.conftest import audited_since, newest_audit_id
from tests.test_console_http import browser as web_client, sign_in


@pytest.fixture
def browser(gateway):
    return web_client(gateway)


def test_the_auditor_verifies_the_chain_and_sees_a_change(gateway, browser):
    csrf = sign_in(browser, "auditor")
    page = browser.get("/audit")
    assert 'id="chain-verify"' in page.text and "+08:00" in page.text
    intact = browser.post("/audit/verify", data={"csrf": csrf})
    assert intact.status_code == 200 and 'id="chain-state" class="ok"' in intact.text
    with gateway.services.store() as session, session.begin():
        ids = session.scalars(sa.select(AuditRecord.id).order_by(AuditRecord.id)).all()
        victim = session.get(AuditRecord, ids[len(ids) // 2])
        original, victim.rows = victim.rows, victim.rows + 7
    try:
        broken = browser.post("/audit/verify", data={"csrf": csrf})
        assert broken.status_code == 200 and 'role="alert" id="chain-state"' in broken.text
        assert str(ids[len(ids) // 2]) in broken.text
    finally:
        with gateway.services.store() as session, session.begin():
            session.get(AuditRecord, ids[len(ids) // 2]).rows = original


def test_other_roles_and_forged_forms_are_refused(gateway, browser):
    csrf = sign_in(browser, "renshe-steward")
    before = newest_audit_id(gateway)
    refused = browser.post("/audit/verify", data={"csrf": csrf})
    assert refused.status_code == 403
    assert [(r.mode, r.error_code) for r in audited_since(gateway, before)] == [("AUDIT_VERIFY", "FORBIDDEN")]
    forged = browser.post("/audit/verify", data={"csrf": "0" * len(csrf)})
    assert forged.status_code == 403
