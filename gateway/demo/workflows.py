"""Workflow items of the demo world, made through the workflows themselves, so that a
newcomer finds inboxes filled: a scenario, two pending share requests, a dispute, a
citizen's consent, and the notifications they caused."""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt

from gateway.access.principals import load_caller
from gateway.store.models import Principal, RoleAssignment
from gateway.workflows import consent, disputes, scenarios, share_requests

if TYPE_CHECKING:
    from gateway.services import Services

CITIZEN = "citizen-demo"


def seed_workflows(services: Services, citizen_id_number: str) -> None:
    now = services.clock.now()
    with services.store() as session, session.begin():
        citizen = Principal(name=CITIZEN, display_name="市民（演示）", kind="CITIZEN",
                            id_number=citizen_id_number)
        citizen.roles = [RoleAssignment(role="citizen", assigned_by="demo", assigned_at=now)]
        session.add(citizen)
    with services.store() as session:
        who = {name: load_caller(session, name) for name in
               ("shuju-admin", "renshe-steward", "minzheng-steward", "minzheng-app", CITIZEN)}
    until = dt.date(services.clock.today().year + 1, 12, 31)
    scenario = scenarios.define(
        services, who["shuju-admin"], "最低生活保障资格核对", "subsistence-allowance-review",
        [scenarios.ScenarioItem("population", ["LOOKUP"],
                                ["name", "gender", "birthDate", "district", "ethnicity"])],
        ["minzheng"], until)
    share_requests.request_share(services, who["renshe-steward"], share_requests.RequestInput(
        dataset="population", modes=["LOOKUP"], fields=["name", "birthDate", "district"],
        purpose="employment-subsidy-check", purpose_description="就业补贴申领人身份核验",
        users="人社局就业补贴审核科（3人）", expires_on=until))
    share_requests.request_share(services, who["minzheng-steward"], share_requests.RequestInput(
        dataset="socialInsurance", modes=["COMPARE"], fields=["monthlyBase", "status"],
        purpose="subsistence-allowance-review", purpose_description="低保申请人收入核对",
        users="民政局社会救助科", expires_on=until))
    disputes.raise_dispute(services, who["minzheng-app"], "population", citizen_id_number,
                           "address", "申请人提供的户籍地址与库中不一致，疑似未及时更新")
    consent.give(services, who[CITIZEN], "minzheng", scenario.id, "population", ["ethnicity"], until)
