"""Property: whatever an organisation asks through its conditional-open API grant, no raw
value of a field classed as personal leaves (open-channel masking, §36(2))."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Api
from tests.test_conditional_open import apply, approve, organisation

FIELDS = ["idNumber", "monthlyBase", "district", "insuranceType", "since", "status"]
PERSONAL = {"idNumber": "id_number", "monthlyBase": "monthly_base", "since": "since"}


@pytest.fixture(scope="module")
def analyst(client, gateway):
    api = lambda principal: Api(client, gateway, principal)  # noqa: E731
    who = organisation(gateway, "lab-properties")
    application = apply(api, who, "API", FIELDS, purpose="api-property-study")["data"]["applyForOpenData"]
    approve(api, application["id"], modes=["ROWS"])
    return api(who)


@pytest.fixture(scope="module")
def raw_values(demo_source_urls) -> set[str]:
    engine = sa.create_engine(demo_source_urls["renshe-db"])
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id_number, monthly_base, since, name FROM social_insurance")).all()
    engine.dispose()
    values = set()
    for id_number, monthly_base, since, name in rows:
        values |= {id_number, str(since), name}
        values.add(f'"monthlyBase": {float(monthly_base)}'.replace(" ", ""))
    return values


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.sets(st.sampled_from(FIELDS), min_size=1), first=st.integers(1, 40),
       district=st.one_of(st.none(), st.sampled_from(["禅城区", "南海区", "顺德区", "三水区", "高明区"])),
       pages=st.integers(1, 3))
def test_no_raw_personal_value_leaves_the_open_api(analyst, raw_values, fields, first, district, pages):
    where = f', where: {{district: {{eq: "{district}"}}}}' if district else ""
    after = ""
    for _ in range(pages):
        query = ('{ socialInsurance(purpose: "api-property-study") { rows(first: %d%s%s) '
                 '{ nodes { %s } pageInfo { hasNextPage endCursor } } } }') % (first, where, after, " ".join(sorted(fields)))
        response = analyst.post(query)
        text = response.text.replace(" ", "")
        body = response.json()
        assert "errors" not in body, body
        leaked = [v for v in raw_values if v in text]
        assert not leaked, leaked[:3]
        page = body["data"]["socialInsurance"]["rows"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = f', after: "{page["pageInfo"]["endCursor"]}"'
