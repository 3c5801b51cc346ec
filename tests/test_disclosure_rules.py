"""A catalog entry's disclosure control rules: set by its steward, published, shown in the catalog."""
from __future__ import annotations

from tests.conftest import codes
from tests.open_data_support import PUBLISH, SUBMIT

DRAFT = "mutation($e: CatalogEntryInput!) { saveCatalogDraft(entry: $e) { id status entry } }"
CATALOG = """{ catalog(owner: "renshe") { code disclosure {
  minGroupSize dominanceN dominanceK countNoise magnitudeNoise } } }"""


def _entry(code: str, **extra) -> dict:
    return {"code": code, "name": "参保缴费基数", "shareType": "CONDITIONAL", "openType": "NONE",
            "keyField": "idNumber", "sourceCode": "renshe-db", "tableName": "social_insurance",
            "fields": [{"name": "idNumber", "column": "id_number", "dataType": "STRING",
                        "sensitivity": "DIRECT_IDENTIFIER", "identifierKind": "ID_NUMBER"},
                       {"name": "monthlyBase", "column": "monthly_base", "dataType": "DECIMAL",
                        "sensitivity": "PERSONAL"},
                       {"name": "district", "dataType": "STRING", "sensitivity": "INTERNAL",
                        "dimension": True}], **extra}


def test_defaults_apply_where_the_steward_set_none(api):
    entries = {e["code"]: e for e in api("renshe-app").query(CATALOG)["data"]["catalog"]}
    assert entries["socialInsurance"]["disclosure"] == {
        "minGroupSize": 5, "dominanceN": 2, "dominanceK": 85.0, "countNoise": 2, "magnitudeNoise": 0.1}


def test_a_steward_sets_rules_that_are_published_with_the_entry(api):
    steward = api("renshe-steward")
    entry = _entry("insuranceDominance", minGroupSize=10,
                   disclosure={"dominanceN": 1, "dominanceK": 60, "countNoise": 0})
    saved = steward.query(DRAFT, {"e": entry})
    assert "errors" not in saved, saved
    assert "errors" not in steward.query(SUBMIT, {"id": saved["data"]["saveCatalogDraft"]["id"]})
    published = api("shuju-admin").query(PUBLISH, {"id": saved["data"]["saveCatalogDraft"]["id"]})
    assert published["data"]["publishCatalogDraft"]["status"] == "PUBLISHED", published
    entries = {e["code"]: e for e in api("renshe-app").query(CATALOG)["data"]["catalog"]}
    assert entries["insuranceDominance"]["disclosure"] == {
        "minGroupSize": 10, "dominanceN": 1, "dominanceK": 60.0, "countNoise": 0, "magnitudeNoise": 0.1}
    history = steward.query('{ catalogHistory(code: "insuranceDominance") { entry } }')
    assert history["data"]["catalogHistory"][-1]["entry"]["disclosure"] == {
        "dominanceN": 1, "dominanceK": 60.0, "countNoise": 0}


def test_rules_out_of_range_are_refused_naming_the_rule(api):
    steward = api("renshe-steward")
    for disclosure, named in (({"dominanceK": 0}, "dominanceK"), ({"dominanceN": 9}, "dominanceN"),
                              ({"countNoise": -1}, "countNoise"), ({"magnitudeNoise": 2.5}, "magnitudeNoise")):
        body = steward.query(DRAFT, {"e": _entry("insuranceBadRules", disclosure=disclosure)})
        assert codes(body) == ["BAD_INPUT"], body
        assert named in body["errors"][0]["message"]
    body = steward.query(DRAFT, {"e": _entry("insuranceBadRules", minGroupSize=0)})
    assert codes(body) == ["BAD_INPUT"] and "min_group_size" in body["errors"][0]["message"]
    drafts = steward.query('{ catalogDrafts { code } }')["data"]["catalogDrafts"]
    assert "insuranceBadRules" not in {d["code"] for d in drafts}


def test_an_entry_not_shared_with_the_caller_shows_no_rules(api):
    entries = {e["code"]: e for e in api("minzheng-app").query(
        '{ catalog { code disclosure { countNoise } } }')["data"]["catalog"]}
    assert entries["medicalVisits"]["disclosure"] is None
    assert entries["socialInsurance"]["disclosure"] == {"countNoise": 2}
