"""Open data of the demo world, made through the workflows themselves (§35, §36(2)):
`enterprises` released on the portal (submitted by 市场监管局's steward, approved by the data
authority), and `researcher` holding an approved SANDBOX application for `socialInsurance`
(every field but idNumber and name, purpose labour-market-research, api.md "Sandbox")."""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt

from gateway.open_data import applications, releases
from gateway.access.principals import load_caller

if TYPE_CHECKING:
    from gateway.services import Services

RESEARCH_PURPOSE = "labour-market-research"
RESEARCH_FIELDS = ["employerCreditCode", "insuranceType", "monthlyBase", "since", "status",
                   "district"]


def seed_open_data(services: Services) -> None:
    with services.store() as session:
        who = {name: load_caller(session, name) for name in
               ("shichang-steward", "renshe-steward", "shuju-admin", "researcher")}
    release = releases.submit(services, who["shichang-steward"], "enterprises",
                              "企业登记信息（法定代表人姓名脱敏）申请开放")
    releases.review(services, who["shuju-admin"], release.id, True, "同意开放")
    application = applications.apply(services, who["researcher"], applications.ApplicationInput(
        dataset="socialInsurance", fields=RESEARCH_FIELDS, purpose=RESEARCH_PURPOSE,
        purpose_description="佛山市劳动力市场结构研究（参保险种、缴费基数的区域分布）",
        channel="SANDBOX", commitment_accepted=True))
    applications.approve(services, who["renshe-steward"], application.id,
                         expires_on=dt.date(services.clock.today().year + 1, 12, 31),
                         report_every_days=90)
