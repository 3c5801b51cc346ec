"""Person names and addresses: context, surnames, districts of 佛山, false positives."""
from __future__ import annotations

import pytest

from masking.analyzer import analyze_texts
from masking.text import resolve_overlaps


def entities(text: str, entity: str) -> list[str]:
    return [text[r.start:r.end] for r in resolve_overlaps(analyze_texts([text])[0]) if r.entity_type == entity]


# -- names ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,name",
    [
        ("申请人张伟于2026年3月提交申请。", "张伟"),
        ("联系人：罗红梅，电话见附件。", "罗红梅"),
        ("车主张峰，联系电话见登记表。", "张峰"),  # jieba cuts 车/主张/峰
        ("法定代表人为欧阳娜娜。", "欧阳娜娜"),
        ("由刘洋负责此事。", "刘洋"),
        ("陈志强先生来电反映问题。", "陈志强"),
        ("丛勇同志已到岗。", "丛勇"),  # a rarer surname, with a title after it
        ("经查，吴秀芳名下无车辆。", "吴秀芳"),  # jieba cuts 吴秀/芳名/下
        ("致萧秀珍：您的申请已受理。", "萧秀珍"),
        ("骆岩，男，33岁，退休。", "骆岩"),
        ("患者谢谢芳已出院。", "谢谢芳"),  # a name that starts with a word of NOT_NAMES
    ],
)
def test_names_are_found(text, name):
    assert entities(text, "PERSON") == [name]


def test_names_listed_together():
    assert entities("张伟、华桂珍两人到场。", "PERSON") == ["张伟", "华桂珍"]


@pytest.mark.parametrize(
    "text",
    [
        "申请人应当在五个工作日内提交材料。",
        "高明区人民法院于2026年3月开庭。",
        "周末禅城区将举行马拉松比赛。",
        "请将补贴发放至本人的银行卡。",
        "涉及法人和其他组织数据应以统一社会信用代码作为标识。",
        "黄石金承科技有限公司完成注册资本变更。",
        "高温黄色预警信号已发布，请市民做好防暑降温。",
        "金融机构应于月底前报送数据。",
        "王先生和李女士的来信已转办。",  # a surname and a title: not enough to name anyone
        "请介绍学生谢谢。",  # 学生 before a name, but 谢谢 is a word (bench_masking's one false find)
    ],
)
def test_text_without_names_has_no_person(text):
    assert entities(text, "PERSON") == []


def test_regulation_prose_has_no_person():
    text = (
        "第二条 本办法适用于我市行政区域内行政机关以及法律法规授权行使行政管理、公共服务职能的"
        "事业单位和社会团体进行的非涉密政务数据资源的采集、共享、开放和开发应用等活动。"
        "市政务服务数据管理局负责统筹协调全市政务数据资源管理工作。"
    )
    assert analyze_texts([text])[0] == []


# -- addresses ------------------------------------------------------------------------------
@pytest.mark.parametrize("district", ["禅城区", "南海区", "顺德区", "三水区", "高明区"])
def test_addresses_in_each_district_of_foshan(district):
    address = f"广东省佛山市{district}人民路12号3座1202房"
    assert entities(f"住址：{address}。", "CN_ADDRESS") == [address]


@pytest.mark.parametrize(
    "address",
    [
        "广东省佛山市南海区桂城街道南海大道北88号",
        "佛山市禅城区祖庙街道人民路12号",
        "南海区桂城街道海八路13号碧桂园3座1202房",
        "顺德区容桂街道文华路6号2栋1单元501室",
        "湖南省长沙市岳麓区麓山南路932号",
        "广州市天河区天河路385号",
    ],
)
def test_full_addresses(address):
    assert entities(f"家住{address}，联系电话另附。", "CN_ADDRESS") == [address]


def test_address_below_the_district_needs_a_label():
    assert entities("住址：桂城街道海八路13号", "CN_ADDRESS") == ["桂城街道海八路13号"]
    assert entities("地址：人民路12号", "CN_ADDRESS") == ["人民路12号"]


@pytest.mark.parametrize(
    "text,address",
    [
        ("送货到季华五路28号。", "季华五路28号"),  # the name starts after 到
        ("投诉人反映季华五路28号夜间施工扰民", "季华五路28号"),  # jieba: 反映/季/华/五路
        ("送货到汾江中路123号", "汾江中路123号"),  # jieba: 送货到/汾/江中/路
        ("他昨天在祖庙路12号3座1202房见过申请人。", "祖庙路12号3座1202房"),
        ("快递放在南海大道北88号门卫处", "南海大道北88号"),
        ("和平路12号的住户", "和平路12号"),  # 和 starts the name: cutting it would leave one character
        ("快递放在湘江中路二段36号", "湘江中路二段36号"),  # jieba: 湘江/中路
        ("住户搬到东门巷5号2单元301室", "东门巷5号2单元301室"),
    ],
)
def test_a_road_with_a_house_number_is_an_address_without_a_label(text, address):
    assert entities(text, "CN_ADDRESS") == [address]


def test_a_bare_road_with_a_number_is_tagged_in_free_text():
    from masking.kinds import FieldKind
    from masking.policies import mask_column

    [tagged] = mask_column(["投诉人反映季华五路28号夜间施工扰民"], FieldKind.FREE_TEXT, "tag")
    assert tagged == "投诉人反映<CN_ADDRESS>夜间施工扰民"


@pytest.mark.parametrize(
    "text",
    [
        "乘坐地铁2号线到达。",
        "根据佛府办〔2020〕3号文件执行。",
        "沿广明高速公路5号出口驶出。",  # a road's exit, not an address
        "主干道3号站暂停使用。",
        "全市道路12号台风预警生效。",
        "人民路改造于3号开工。",
        "国道325号沿线设置指示牌。",
        "请到3号窗口办理。",
    ],
)
def test_numbers_that_are_not_house_numbers(text):
    assert entities(text, "CN_ADDRESS") == []


@pytest.mark.parametrize(
    "text",
    [
        "佛山市南海区人民政府发布通知。",  # administrative levels only: a place
        "在南海区参加培训。",
        "南海大道北改造工程已完工。",
        "禅城区祖庙街道办事处召开会议。",
    ],
)
def test_places_that_are_not_addresses(text):
    assert entities(text, "CN_ADDRESS") == []


def test_address_wins_over_a_name_inside_it():
    text = "住址：佛山市南海区张家村12号"
    assert [r.entity_type for r in resolve_overlaps(analyze_texts([text])[0])] == ["CN_ADDRESS"]


def test_dictionary_junk_does_not_swallow_the_next_word():
    assert entities("交警支队将张平的身份证号登记在案。", "PERSON") == ["张平"]


def test_a_bare_road_name_without_jieba_words_is_read_back_over_at_most_four_characters():
    from masking.address import bare_road_addresses

    text = "投诉人反映季华五路28号夜间施工"
    [(start, end, score)] = bare_road_addresses(text)  # no token offsets: characters only
    assert text[start:end] == "映季华五路28号" and score == 0.6  # one character too many, never too few
    [(start, end, _)] = bare_road_addresses("送货到季华五路28号")
    assert "送货到季华五路28号"[start:end] == "季华五路28号"
