"""Property: whatever the grant and the query, no value of a field outside the grant leaves.

Hypothesis draws a grant (modes, fields, purpose) for a department of its own and a query
(mode, fields, purpose) against `population`; the answer is checked against the source row.
"""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.store.models import Department, Grant, Principal, Purpose, RoleAssignment
from tests.conftest import Api

FIELDS = ["idNumber", "name", "gender", "birthDate", "ethnicity", "phone", "address", "district"]
COLUMNS = {"idNumber": "id_number", "birthDate": "birth_date"}
DIMENSIONS = {"gender", "ethnicity", "district"}
MODES = ["LOOKUP", "COMPARE", "STATS", "ROWS"]
REFUSALS = {"FORBIDDEN_FIELD", "FORBIDDEN_MODE", "PURPOSE_MISMATCH", "FORBIDDEN_DATASET", "BAD_INPUT",
            "CONSENT_REQUIRED"}
CONSENT_REQUIRED = {"ethnicity"}  # nobody consented to department hypo


@pytest.fixture(scope="module")
def hypo(gateway, client):
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        if session.get(Department, "hypo") is None:
            session.add(Department(code="hypo", name="性质测试局"))
            session.add_all([Purpose(code="purpose-a", name="a"), Purpose(code="purpose-b", name="b")])
            session.flush()
            principal = Principal(name="hypo-app", display_name="hypo", kind="APP", department_code="hypo")
            principal.roles = [RoleAssignment(role="app", assigned_at=now)]
            session.add(principal)
    return Api(client, gateway, "hypo-app")


def _set_grant(gateway, modes, fields, purpose):
    now = gateway.services.clock.now()
    with gateway.services.store() as session, session.begin():
        session.execute(sa.delete(Grant).where(Grant.department_code == "hypo"))
        session.add(Grant(dataset_code="population", department_code="hypo", modes=sorted(modes),
                          fields=sorted(fields), purpose=purpose, created_at=now,
                          expires_at=now + dt.timedelta(days=1)))


def _query(mode, fields, purpose, person):
    selection = " ".join(sorted(fields))
    key = person["id_number"]
    if mode == "LOOKUP":
        inner = f'lookup(key: "{key}") {{ {selection} }}'
    elif mode == "ROWS":
        inner = f"rows(first: 5) {{ nodes {{ {selection} }} }}"
    elif mode == "COMPARE":
        compared = sorted(f for f in fields if f != "idNumber") or ["name"]
        values = ", ".join(f'{f}: "{person[COLUMNS.get(f, f)]}"' for f in compared)
        inner = f'compare(key: "{key}", values: {{{values}}}) {{ {" ".join(compared)} }}'
    else:
        dims = sorted(f for f in fields if f in DIMENSIONS)
        group_by = f"(groupBy: [{', '.join(d.upper() for d in dims)}])" if dims else ""
        inner = f"stats{group_by} {{ groups {{ count {' '.join(dims)} }} suppressed }}"
    return f'{{ population(purpose: "{purpose}") {{ {inner} }} }}'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grant_modes=st.sets(st.sampled_from(MODES), min_size=1),
       grant_fields=st.sets(st.sampled_from(FIELDS), min_size=1),
       grant_purpose=st.sampled_from(["purpose-a", "purpose-b"]),
       mode=st.sampled_from(MODES),
       fields=st.sets(st.sampled_from(FIELDS), min_size=1),
       purpose=st.sampled_from(["purpose-a", "purpose-b"]),
       index=st.integers(min_value=0, max_value=4))
def test_no_value_outside_the_grant_ever_leaves(gateway, hypo, people, grant_modes, grant_fields,
                                               grant_purpose, mode, fields, purpose, index):
    _set_grant(gateway, grant_modes, grant_fields, grant_purpose)
    shown = people[:5] if mode == "ROWS" else [people[index]]
    response = hypo.post(_query(mode, fields, purpose, people[index]))
    text = response.text
    allowed = grant_fields if (mode in grant_modes and purpose == grant_purpose) else set()
    allowed = allowed - CONSENT_REQUIRED
    for person in shown:
        granted_values = [str(person[COLUMNS.get(f, f)]) for f in allowed]
        for field in set(FIELDS) - set(allowed):
            value = str(person[COLUMNS.get(field, field)])
            if field == "idNumber" and mode in ("LOOKUP", "COMPARE"):
                continue  # the caller sent the key itself
            if any(value in g for g in granted_values) or len(value) < 4:
                continue  # short or shared values (男, 汉族, a district inside an address)
            assert value not in text, (field, mode, fields, grant_modes, grant_fields)
    body = response.json()
    errors = {e["extensions"]["code"] for e in body.get("errors", [])}
    used = {"COMPARE": {f for f in fields if f != "idNumber"} or {"name"},
            "STATS": {f for f in fields if f in DIMENSIONS}}.get(mode, set(fields))
    if mode not in grant_modes or purpose != grant_purpose:
        assert errors and errors <= REFUSALS, body
    elif mode == "COMPARE" and not grant_fields - {"idNumber"}:
        assert errors == {"FORBIDDEN_MODE"}, body  # nothing to compare: no compare at all
    elif not used <= grant_fields:
        assert errors == {"FORBIDDEN_FIELD"}, body
    elif used & CONSENT_REQUIRED:
        assert errors == {"CONSENT_REQUIRED"}, body
    else:
        assert not errors, body
