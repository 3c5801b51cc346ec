"""A company's office contact points (issue 18, sixth round): a company is no natural person,
so the phone, e-mail and address of its office (…有限公司，地址：…，电话：…) are no one's
personal data, left standing under ``PublicContacts``'s body rule (a steward's
``publicBodies: false`` masks them again). An individual business (个体工商户, 个体户, its
经营者, a credit code of category 92) is a person trading: its contacts stay personal.

A contact point is the company's when the nearest party named before it, within its record
(no 。, no blank line, at most ``REACH`` characters), is a company, with no person and no
personal label (法定代表人 with a name, 联系人 …) between them.
"""
from __future__ import annotations

import re
from typing import Sequence, Tuple

_GATE = "公司"
_COMPANY = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|分公司|(?<=[\u4e00-\u9fff]{2})公司)(?![\u4e00-\u9fff]{0,2}(?:员工|职工|工作|上班|任职|就职|聘用))")
_INDIVIDUAL = re.compile(r"个体工商户|个体户|个体经营|经营者|(?<![0-9A-Z])92\d{6}[0-9A-Z]{10}(?![0-9A-Z])")
_PREMISES = re.compile(r"\s*[，,；;（(]?\s*(?:注册|办公|公司|通讯|联系|经营)?(?:地址|住所|场所|地点)(?:为|是|在)?\s*[:：]?\s*|\s*(?:位于|坐落于|地处)\s*")
# a utility's or a platform's customer is named between the firm and the contact point
_CUSTOMER = re.compile(r"用户|客户|户名|户号|乘客|司机|驾驶员|买方|购买方|投保人|被保险人|业主|租户|会员|顾客|消费者")
_WEBMAIL = re.compile(r"[^@\s]+@(?:qq|163|126|yeah|sina|sohu|139|189|foxmail|gmail|hotmail|outlook|live|yahoo|aliyun|icloud)\.")
_RECORD_END = re.compile(r"[。！？!?]|\n\s*\n")
REACH = 80
BETWEEN = 60  # the company's name, then its own few items: 地址：…，电话：…
_LABEL = re.compile(r"[\u4e00-\u9fff]{1,6}[:：]")


def company_contact(text: str, start: int, entity: str, people: Sequence[Tuple[int, int]],
                    personal: "re.Pattern[str]") -> bool:
    """Whether the contact point at ``text[start:]`` is a company's office's (see the module doc)."""
    if _GATE not in text or _INDIVIDUAL.search(text):
        return False
    lo = max(0, start - REACH)
    for m in _RECORD_END.finditer(text, lo, start):
        lo = m.end()
    companies = list(_COMPANY.finditer(text, lo, start))
    if not companies:
        return False
    company_end = companies[-1].end()
    between = text[company_end:start]
    if entity == "EMAIL_ADDRESS" and _WEBMAIL.match(text, start):
        return False  # someone's own mailbox at a webmail provider, even on a firm's notice
    if entity == "CN_ADDRESS":  # only the company's own premises right after its name
        return _PREMISES.fullmatch(between) is not None
    if len(between) > BETWEEN or len(_LABEL.findall(between)) > 3 or _CUSTOMER.search(between):
        return False
    if any(company_end <= p < start for p, _ in people):
        return False
    return personal.search(text, company_end, start) is None
