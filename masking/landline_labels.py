"""What makes a run of digits near 电话 something other than a landline (issue 18, fifth round).

A certificate's, a file's or a receipt's number (证书编号：2345678901, 林权证号：45012345,
档案号：30214567) has a landline's length, and a phone label earlier in the line (电话：…，证号：…)
lifts it to a landline. ``numbered_document`` reads the label nearest before it: when that label
names a document's or a register's number (…证号, …编号, …登记号, 档案号 …) rather than a phone, the
run is that number. Labels are read by their ending (号, 编号, 编码), so that 船舶登记号 and
不动产单元号 need no list of their own; the phone's own labels (电话号码, 手机号) are excluded.
``year_span`` reads 2019-2023 (a CV's years) as years.
"""
from __future__ import annotations

import re

# A number's label: …号, …编号, …编码, …号码 of a document (not a phone's: 电话号码, 手机号, 座机号).
_DOCUMENT_LABEL = re.compile(
    r"(?:证|证书|执照|许可|登记|档案|合同|流水|票据|发票|病案|病历|住院|船舶|备案|注册|批准|宗地|地籍|单元|保单|案卷|"
    r"卷宗|检验|报告|处方|样本|标本|会员|客户|户|账|帐|卡|证件|文书|编|序|批|工|学|考|册|牌|舷|船|车架|发动机|回执|受理|业务)"
    r"(?:编号|编码|号码|号)(?:为|是)?\s*[:：]?\s*(?:[A-Za-z]{1,4}[-－]?)?$")
_PHONE_LABEL = re.compile(r"(?:电话|手机|座机|固话|传真|热线|联系方式|致电|拨打)[^，,；;。\n]{0,6}$")
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s*[-－]\s*(?:19|20)\d{2}")
_REACH = 14


def numbered_document(text: str, start: int) -> bool:
    """Whether the label right before ``text[start]`` names a document's number, not a phone."""
    window = text[max(0, start - _REACH):start]
    return _DOCUMENT_LABEL.search(window) is not None and _PHONE_LABEL.search(window) is None


def year_span(value: str) -> bool:
    """Whether ``value`` is a span of years (2019-2023), not a local number."""
    return _YEAR_SPAN.fullmatch(value.strip()) is not None
