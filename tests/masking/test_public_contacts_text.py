"""Public bodies' contact points in free text stay; a private person's are masked (issue 18,
item 4); identifiers with wide separators between their digit groups are found (item 1).

Sentences of our own, in the shapes of penalty decisions, notices, court and hospital texts
and complaints; none is taken from a corpus.
"""
from __future__ import annotations

import pytest

from gateway.identifiers import make_credit_code
from masking.public_contacts import NO_PUBLIC_CONTACTS, PublicContacts
from masking.text import find_personal, mask_texts
from tests.masking.helpers import VALID_ID, luhn_complete

ORGAN = make_credit_code("11440600007012345")        # 11: 机关
INSTITUTION = make_credit_code("12440600455860123")  # 12: 事业单位
ENTERPRISE = make_credit_code("91440604MA4UJ8XX1")   # 91: an enterprise's, personal here
CARD = luhn_complete("622848123456789012")

PUBLIC = [
    # penalty decisions: the deciding office's desk, by a bracket naming the office or its section
    "如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议。联系电话：0757-83312345（佛山市市场监督管理局法制科）。",
    "如有疑问，请与佛山市生态环境局禅城分局联系，联系电话：0757-82261234。",
    # notices: lines labelled as public ones, mailboxes on free-mail domains included
    "监督电话：0757-83981234，监督邮箱：jdjc@foshan.gov.cn。",
    "咨询电话：0757-86281234；咨询邮箱：nhzwfw@163.com。",
    "咨询邮箱：xxzx@163.com，工作时间内受理。",
    "我局举报电话为0757-83201234，举报邮箱为fsjb@qq.com。",
    "如有疑问请致电0757-86391234或发送邮件至fsgat@163.com。",
    "市民可拨打佛山市交通运输局服务电话0757-83391234咨询。",
    # office addresses
    "南海区人力资源和社会保障局办公地址：佛山市南海区桂城街道南海大道北80号政府大院3楼，邮编528200。",
    "办公地址：佛山市禅城区汾江中路148号佛山市财政局5楼。",
    "顺德区教育局（地址：顺德区大良街道德和社区新城区德民路3号）电话：0757-22831234。",
    "申请人可到佛山市政务服务中心（佛山市禅城区岭南大道北16号）3号窗口办理，咨询电话0757-83281234。",
    f"本机关统一社会信用代码：{ORGAN}，地址：佛山市禅城区岭南大道北18号。",
    # courts and hospitals: switchboards, hotlines, the institution's credit code
    "佛山市中级人民法院总机：0757-83991234，诉讼服务热线：0757-12368。",
    "佛山市禅城区人民法院地址：佛山市禅城区季华五路18号，联系电话0757-82701234。",
    f"佛山市第一人民医院（统一社会信用代码{INSTITUTION}）总机：0757-83831234。",
    "佛山市禅城区人民医院门诊部，咨询电话0757-82131234，地址：佛山市禅城区汾江中路100号。",
    "佛山市公安局禅城分局祖庙派出所（地址：佛山市禅城区祖庙路12号，电话0757-82721234）。",
    # lists of offices, an office's contact named by title, mailboxes of a leader or a section
    "各区咨询电话：禅城区0757-82261234，南海区0757-86281234，顺德区0757-22831234。",
    "禅城区民政局：0757-82031234；南海区民政局：0757-86281234。",
    "本机关联系人：张科长，联系电话：0757-83031234。",
    "举报受理邮箱：fsjbsl@126.com，举报受理电话：0757-83151234。",
    "市长信箱：fsszxx@163.com。",
    "请各单位于3月10日前将报名表报送至fsjyjzx@163.com，逾期不予受理。",
    "投稿邮箱：fsxxb@126.com。",
    "电子邮箱：fsxxzx@126.com（佛山市信息中心）",
    "预约电话：0757-22831234（工作日8:30-12:00）。",
    # an address that runs on into the office at it, or is labelled as where the public is received
    "通讯地址：佛山市禅城区汾江中路148号佛山市财政局，邮编528000。",
    "报名地点：佛山市顺德区大良街道德民路3号顺德区教育局一楼大厅。",
    "信访接待地点：佛山市南海区桂城街道南海大道北80号。",
    "服务网点：佛山市禅城区祖庙街道升平路25号（工作日开放）。",
    "佛山市统计局2026年3月发布，地址：佛山市禅城区汾江中路148号，网址：tjj.foshan.gov.cn。",
    "各镇（街道）联系电话：祖庙街道0757-82011234，石湾镇街道0757-82781234。",
    # records: a body heading the lines or a bracket's parts owns the contact points below it
    "一、采购人信息\n名称：佛山市禅城区教育局\n地址：佛山市禅城区同济路2号\n联系方式：0757-82631234",
    "发布单位：佛山市住房和城乡建设局\n联系地址：佛山市禅城区岭南大道北12号\n邮政编码：528000\n联系电话：0757-83031234",
    "经办机构：佛山市社会保险基金管理局禅城分局\n办公地址：佛山市禅城区祖庙路33号\n联系电话：0757-82021234\n"
    "电子邮箱：ccsb@126.com",
    "佛山市中级人民法院（地址：佛山市禅城区季华五路18号；邮编：528000；电话：0757-83991234）",
    "办理地点：佛山市禅城区政务服务中心\n咨询方式：0757-83281234",
    "联系单位：区教育局基础教育股；联系电话：0757-22831234；电子邮箱：sdjyj@163.com。",
    # a section as the party, an address bracketed after a body's hall, a number given for reaching a body
    "联系人及电话：社会救助科，0757-83031234。",
    "会务联系：区府办秘书科，0757-82281234。",
    "缴费可到佛山市南海区税务局办税服务厅（南海区桂城街道海八路12号）办理。",
    "市民如发现违法行为，可拨打0757-83391234向佛山市城管局举报。",
]

PRIVATE = [
    # (text, what must not be left standing)
    ("投诉人陈志强，联系电话：0757-83391234，住址：佛山市禅城区祖庙街道升平路25号3座402房。",
     ["0757-83391234", "升平路25号3座402房"]),
    ("当事人黄伟明，男，住址：佛山市南海区桂城街道南海大道北80号1栋1201房，联系电话：13812345678。",
     ["南海大道北80号1栋1201房", "13812345678"]),
    ("来电人（联系电话0757-86281234）反映楼下噪音扰民。", ["0757-86281234"]),
    (f"原告：佛山市某某贸易有限公司，统一社会信用代码：{ENTERPRISE}。", [ENTERPRISE]),
    ("申请人邮箱：zhangwei88@163.com，联系电话：0757-83312345。", ["zhangwei88@163.com", "0757-83312345"]),
    ("本机关已向当事人李建国（住址：佛山市禅城区季华五路18号2座503房）送达。", ["季华五路18号2座503房"]),
    ("市民梁女士来电称，其家中座机0757-82261234经常接到骚扰电话。", ["0757-82261234"]),
    ("咨询人何小红，咨询电话0757-86391234，邮箱hexh@qq.com。", ["0757-86391234", "hexh@qq.com"]),
    # a body named before a private party's particulars does not make them the body's
    ("佛山市市场监督管理局接到投诉，投诉人联系电话0757-86551234。", ["0757-86551234"]),
    ("经佛山市禅城区城市管理局核查，涉事地址：佛山市禅城区升平路25号3座402房。", ["升平路25号3座402房"]),
    ("患者于我院住院治疗，家属联系电话：0757-82261234。", ["0757-82261234"]),
    ("佛山市民政局工作人员联系了申请人，申请人手机13812345678。", ["13812345678"]),
    ("0757-83312345（佛山市民政局申请人王某）", ["0757-83312345"]),
    ("联系人：王先生，联系电话：0757-83031234。", ["0757-83031234"]),
    ("各区联系人：禅城区张伟，电话0757-82261234。", ["0757-82261234"]),
    ("邮寄地址：佛山市禅城区升平路25号3座402房张伟（收）。", ["升平路25号3座402房"]),
    ("申请人住所：佛山市禅城区升平路25号3座402房，距佛山市禅城区民政局约500米。", ["升平路25号3座402房"]),
    ("经营场所：佛山市禅城区升平路25号首层。", ["升平路25号首层"]),
    ("当事人经营场所：佛山市禅城区升平路25号首层（佛山市禅城区市场监督管理局辖区）。", ["升平路25号首层"]),
    ("住址：佛山市禅城区升平路25号佛山市第一人民医院宿舍3栋201房。", ["升平路25号"]),
    # a record headed by a body, with a party's lines below it
    ("承办单位：佛山市禅城区城市管理和综合执法局\n诉求人：陈某\n联系电话：0757-83391234", ["0757-83391234"]),
    ("被申请人：佛山市禅城区人民政府\n申请人：李建国\n住址：佛山市禅城区升平路25号3座402房\n联系电话：0757-82261234",
     ["升平路25号3座402房", "0757-82261234"]),
    ("来电人：张伟\n投诉对象：佛山市禅城区市场监督管理局\n联系电话：0757-86551234", ["0757-86551234"]),
    ("市民反映佛山市禅城区城市管理局\n联系电话：0757-86551234", ["0757-86551234"]),
    ("患者入住心血管内科，家属电话：0757-82261234。", ["0757-82261234"]),
    ("学历：临床医学本科，申请人电话：0757-82261234。", ["0757-82261234"]),
    ("张伟（电话0757-83391234）向佛山市城管局举报。", ["0757-83391234"]),  # 拨打…向…局 is the body's
    ("工单编号：20260301001\n承办单位：禅城区城管局\n来电号码：0757-83391234\n诉求内容：油烟扰民。", ["0757-83391234"]),
    ("区卫健局转来市民来信，来信人地址：禅城区升平路25号3座402房，电话：0757-82261234。",
     ["升平路25号3座402房", "0757-82261234"]),
    ("收件单位：佛山市信访局\n寄件人：王强\n寄件地址：禅城区升平路25号3座402房\n电话：0757-82261234",
     ["升平路25号3座402房", "0757-82261234"]),
    ("申请人可将材料发送至本人邮箱zhangwei88@163.com备份。", ["zhangwei88@163.com"]),
    ("某某科技有限公司招聘会计，有意者请将简历发送至liming87@qq.com。", ["liming87@qq.com"]),  # a recruiter's
    # a hotline named in a work order does not make the caller's number public
    ("12345热线接到市民来电反映，来电号码0757-83391234。", ["0757-83391234"]),
    ("市民拨打12345热线反映噪音问题，联系电话0757-83391234。", ["0757-83391234"]),
]


def test_public_bodies_contact_points_stay():
    out = mask_texts(PUBLIC)
    changed = [(t, o) for t, o in zip(PUBLIC, out) if t != o]
    assert not changed, changed


@pytest.mark.parametrize("text,personal", PRIVATE)
def test_a_private_persons_contact_points_are_masked(text, personal):
    out = mask_texts([text])[0]
    assert not [p for p in personal if p in out], out


def test_the_steward_can_mask_the_public_ones_too():
    """The rule is a default, not a blind spot: ``publicContacts: false`` masks every one."""
    found = find_personal(PUBLIC, public=NO_PUBLIC_CONTACTS)
    assert all(found), [t for t, f in zip(PUBLIC, found) if not f]
    entities = {r.entity_type for rs in found for r in rs}
    assert {"CN_LANDLINE", "EMAIL_ADDRESS", "CN_ADDRESS", "CN_CREDIT_CODE"} <= entities


def test_public_bodies_off_keeps_only_listed_numbers_and_domains():
    only_lists = PublicContacts.from_setting({"publicBodies": False})
    out = mask_texts([f"本机关统一社会信用代码：{ORGAN}。", "监督邮箱：jdjc@foshan.gov.cn，监督电话：0757-12345。"],
                     public=only_lists)
    assert ORGAN not in out[0]
    assert out[1] == "监督邮箱：jdjc@foshan.gov.cn，监督电话：0757-12345。"


@pytest.mark.parametrize("code,public", [(ORGAN, True), (INSTITUTION, True), (ENTERPRISE, False),
                                         (make_credit_code("92440605MA4X0A0A1"), False),
                                         (make_credit_code("51440600MJ0000001"), False)])
def test_a_credit_codes_category_decides(code, public):
    """GB 32100: category 1 (机关 11, 事业单位 12 …) is public by law; enterprises and the rest are not."""
    out = mask_texts([f"统一社会信用代码：{code}"])[0]
    assert (code in out) is public, out


# -- identifiers with wide separators -------------------------------------------------------------
def groups(value: str, sizes, sep: str) -> str:
    parts, i = [], 0
    for n in sizes:
        parts.append(value[i:i + n])
        i += n
    return sep.join(parts)


SEPARATORS = ["  ", "   ", " - ", "—", " — ", "\u3000", "－", "–"]


@pytest.mark.parametrize("sep", SEPARATORS)
@pytest.mark.parametrize("label,value,sizes,entity", [
    ("身份证号：", VALID_ID, (6, 8, 4), "CN_ID_NUMBER"),
    ("公民身份号码", VALID_ID, (4, 4, 4, 4, 2), "CN_ID_NUMBER"),
    ("手机：", "13812345678", (3, 4, 4), "CN_MOBILE"),
    ("银行卡号：", CARD, (4, 4, 4, 4, 3), "CN_BANK_CARD"),
    ("开户账号", CARD, (6, 13), "CN_BANK_CARD"),
])
def test_digit_groups_with_wide_separators(sep, label, value, sizes, entity):
    written = groups(value, sizes, sep)
    text = f"{label}{written}。"
    found = find_personal([text])[0]
    spans = [(text[r.start:r.end], r.entity_type) for r in found]
    assert (written, entity) in spans, spans


def test_an_id_number_in_wide_groups_needs_no_label():
    """The check digit and the birth date make it one; a card's Luhn alone does not (see below)."""
    text = "经核实，" + groups(VALID_ID, (6, 8, 4), "  ") + "与系统登记一致。"
    assert [r.entity_type for r in find_personal([text])[0]] == ["CN_ID_NUMBER"]


@pytest.mark.parametrize("text", [
    "2026  年  3  月  15  日",
    "收入 4500 - 3200 - 1800 元",
    "第 12 - 15 条",
    "编号：4406 - 0419 - 9003 - 0712 - 35",  # an ID's shape with a wrong check digit, after 编号
    "订单号 6228  4812  3456  7890  128",    # a card's digits after an order label
    "电话 0757-83391234  0757-83391235",
    # a table's row set apart by two spaces that happens to pass Luhn: no card without a card's label
    "各月受理量  " + groups(luhn_complete("452133672890123"), (4, 4, 4, 4), "  ") + "  件",
])
def test_wide_separators_do_not_make_identifiers_of_other_numbers(text):
    found = find_personal([text])[0]
    assert not [r for r in found if r.entity_type in ("CN_ID_NUMBER", "CN_MOBILE", "CN_BANK_CARD")], \
        [(text[r.start:r.end], r.entity_type) for r in found]
