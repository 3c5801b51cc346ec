"""Publishing a catalog change rebuilds every gateway's schema without a restart."""
from __future__ import annotations

import copy

from starlette.testclient import TestClient

from gateway.web.app import Gateway, create_app
from gateway.catalog.entries import publish, write_entry
from gateway.demo.setup import DATASETS
from tests.conftest import Api

RECORD_FIELDS = '{ __type(name: "EnterprisesRecord") { fields { name } } }'


def _publish(gateway, spec):
    with gateway.services.store() as session, session.begin():
        publish(session, write_entry(session, spec, gateway.services.clock.now()), by="shichang-steward",
                now=gateway.services.clock.now(), note="test change")


def _fields(api):
    return {f["name"] for f in api.query(RECORD_FIELDS)["data"]["__type"]["fields"]}


def test_a_published_change_reaches_this_and_another_gateway_process(gateway, client):
    original = next(d for d in DATASETS if d["code"] == "enterprises")
    other = Gateway(gateway.settings)  # a second process on the same store
    try:
        with TestClient(create_app(other.settings, other)) as other_client:
            here, there = Api(client, gateway, "renshe-app"), Api(other_client, other, "renshe-app")
            assert "legalRepresentative" in _fields(here) and "legalRepresentative" in _fields(there)
            narrowed = copy.deepcopy(original)
            narrowed["fields"] = [f for f in original["fields"] if f["name"] != "legalRepresentative"]
            _publish(gateway, narrowed)
            try:
                assert "legalRepresentative" not in _fields(here)
                assert "legalRepresentative" not in _fields(there)
                body = there.query('{ enterprises(purpose: "p") { rows(first: 1) { nodes { legalRepresentative } } } }')
                assert body["errors"][0]["extensions"]["code"] == "BAD_INPUT"
            finally:
                _publish(gateway, original)
            assert "legalRepresentative" in _fields(there)
            history = here.query('{ catalog(owner: "shichang") { code version } }')
            assert history["data"]["catalog"][0]["version"] >= 3
    finally:
        other.close()


def test_a_newly_published_dataset_appears(gateway, client):
    spec = copy.deepcopy(next(d for d in DATASETS if d["code"] == "enterprises"))
    spec.update(code="enterpriseDirectory", name="企业名录", owner_department="shuju",
                fields=[f for f in spec["fields"] if f["name"] in ("creditCode", "name", "district")])
    renshe = Api(client, gateway, "renshe-app")
    before = renshe.query('{ __schema { queryType { fields { name } } } }')
    assert "enterpriseDirectory" not in {f["name"] for f in before["data"]["__schema"]["queryType"]["fields"]}
    _publish(gateway, spec)
    body = renshe.query('{ enterpriseDirectory(purpose: "p") { rows(first: 2) { nodes { creditCode name district } } } }')
    assert len(body["data"]["enterpriseDirectory"]["rows"]["nodes"]) == 2
