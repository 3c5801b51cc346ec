"""Issue 18, the categories a fifth blind corpus reported (counts only, never its texts), one
general rule each, on sentences of our own: what must be masked and what must stand.

1. identifiers broken across a line (mobiles too), a disability card's number, numbers grouped
   by no-break or thin spaces;
2. flats written bare in repair and property logs (3栋2单元1502, 12-3-601);
3. village addresses of the west and north: hamlets (屯, 寨, 庄), 嘎查, 苏木, banners, 州;
4. names without a Han surname (Yi, Mongolian) of up to six characters, names before ，男;
5. places read as names, and public bodies' lines with no person in sight.
"""
from __future__ import annotations

import pytest

from masking.text import find_personal
from tests.masking.helpers import make_id

ID = make_id("44068219820315451")  # 440682198203154516


def spans(text: str, entity: str) -> list[str]:
    return [text[r.start:r.end] for r in find_personal([text])[0] if r.entity_type == entity]


# -- 1. identifiers across a line ---------------------------------------------------------------
@pytest.mark.parametrize("mobile", ["1380013\n8000", "138\n00138000", "13800\n138000", "138 0013\n8000",
                                    "1380013 \n 8000"])
@pytest.mark.parametrize("form", ["手机：{}", "联系电话\n{}\n住址：见户籍", "{}（本人）", "｜李国华｜{}｜"])
def test_a_mobile_broken_across_a_line_is_masked_whole(mobile, form):
    text = form.format(mobile)
    assert spans(text, "CN_MOBILE") == [mobile]


@pytest.mark.parametrize("text", [
    "编号\n1380\n2026年3月1日",          # a short number above a date
    "13\n800138000元",                   # two digits alone on a line: no mobile's first group
    "序号 1380013\n合计 8000",           # words between the numbers
])
def test_numbers_on_two_lines_that_make_no_mobile_stay(text):
    assert spans(text, "CN_MOBILE") == []


@pytest.mark.parametrize("category, grade", [("1", "2"), ("4", "3"), ("7", "1")])
def test_the_id_number_inside_a_disability_card_number_is_masked(category, grade):
    number = ID + category + grade
    assert spans(f"残疾人证号：{number}", "CN_ID_NUMBER") == [ID]
    broken = number[:16] + "\n" + number[16:]
    assert spans(f"残疾人证号\n{broken}\n类别：肢体", "CN_ID_NUMBER") == [ID[:16] + "\n" + ID[16:]]


def test_twenty_digits_that_are_no_id_and_grade_stay():
    assert spans(f"流水号：{ID}89", "CN_ID_NUMBER") == []  # 8 is no disability category


def _grouped(value: str, sizes, sep: str) -> str:
    parts, i = [], 0
    for n in sizes:
        parts.append(value[i:i + n])
        i += n
    return sep.join(parts)


@pytest.mark.parametrize("sep", [" ", "\u00a0", "\u2009", "\u202f"])
@pytest.mark.parametrize("sizes", [(3, 4, 4), (4, 3, 4), (3, 3, 5), (2, 4, 5)])
def test_a_mobile_grouped_by_any_single_space_is_masked(sep, sizes):
    mobile = _grouped("13800138000", sizes, sep)
    assert spans(f"手机：{mobile}（本人）", "CN_MOBILE") == [mobile]


@pytest.mark.parametrize("sep", [" ", "\u00a0", "\u2009"])
@pytest.mark.parametrize("sizes", [(4, 4, 4, 4, 2), (6, 4, 4, 4), (3, 3, 4, 4, 4), (6, 6, 6)])
def test_an_id_grouped_by_any_single_space_is_masked(sep, sizes):
    value = _grouped(ID, sizes, sep)
    assert spans(f"公民身份号码：{value}，", "CN_ID_NUMBER") == [value]


# -- 2. flats written bare ------------------------------------------------------------------------
@pytest.mark.parametrize("flat", ["3栋2单元1502", "5座1203", "B栋804房", "12-3-601", "7幢1102室", "2号楼3单元501"])
@pytest.mark.parametrize("form", ["报修人：{}，厨房水管漏水", "住户 {} 反映电梯异响", "房号：{}", "地址：{}，门禁卡失灵",
                                  "{} 卫生间堵塞 已派单", "3月5日 9:30 {} 楼道灯不亮", "2. {}，空调外机滴水",
                                  "报修记录\n{}　水管爆裂"])
def test_a_flat_written_bare_in_a_repair_log_is_masked(flat, form):
    text = form.format(flat)
    assert spans(text, "CN_ADDRESS") == [flat]


@pytest.mark.parametrize("text", [
    "请到办公室302领取表格",
    "会议在3号楼302召开，请准时参加",
    "本次共维修3栋1502户的水管",           # inside a sentence, no label before it
    "工单号 12-3-6012",                     # a longer number is no flat
    "办理时间 2026-03-05，窗口5号",
])
def test_rooms_that_are_no_ones_flat_stay(text):
    assert spans(text, "CN_ADDRESS") == []


# -- 3. village addresses -------------------------------------------------------------------------
@pytest.mark.parametrize("address", [
    "云南省宁蒗县跑马坪乡沙力村三组",
    "广西隆林县德峨镇三冲村委会大水井屯",
    "内蒙古锡林郭勒盟阿巴嘎旗别力古台镇巴彦图嘎查",
    "四川省凉山州昭觉县竹核乡木渣洛村二组",
    "贵州省黔东南州雷山县西江镇羊排村",
    "湖南省邵阳县塘渡口镇白竹村委会张家庄5号",
    "内蒙古兴安盟科右前旗额尔格图苏木巴彦嘎查",
    "贵州省从江县加榜乡加车村下寨",
])
@pytest.mark.parametrize("label", ["住址：", "户籍地：", "家住"])
def test_a_village_address_is_masked_whole(address, label):
    assert spans(f"{label}{address}，", "CN_ADDRESS") == [address]


@pytest.mark.parametrize("text", ["广西人在佛山市打工多年", "湖南人口总数", "四川省人民政府", "内蒙古自治区人民政府办公厅",
                                  "住址：佛山市南海区九江镇沙头村石岗路8号"])
def test_places_without_a_village_or_a_hamlet_that_is_a_road_stay_as_they_are(text):
    found = spans(text, "CN_ADDRESS")
    assert found == ([] if "住址" not in text else ["佛山市南海区九江镇沙头村石岗路8号"])


# -- 4. names without a Han surname, names with 阿 or 小 -------------------------------------------
@pytest.mark.parametrize("name", ["阿苏拉则", "吉克阿依", "沙马伍各", "俄底日火", "马海阿呷", "斯琴巴特尔", "木乃伍呷"])
@pytest.mark.parametrize("form", ["{}，女，彝族，1988年生", "1. {}（男，45岁）", "户主信息\n{}，男，汉族",
                                  "家庭成员：丈夫，{}，男"])
def test_a_name_of_no_han_surname_before_its_sex_is_masked(name, form):
    text = form.format(name)
    assert spans(text, "PERSON") == [name]


@pytest.mark.parametrize("text", [
    "全体村民，男女老少都来了",
    "经调查核实，女方未到场",        # a clause, and a frequent word
    "其中残疾人，男性居多",
    "本单位职工，男，女各半",
    "以上人员名单，女，共十二名",
])
def test_words_before_a_sex_are_no_name(text):
    assert spans(text, "PERSON") == []


@pytest.mark.parametrize("name", ["黄阿福", "陈阿妹", "李小红", "梁阿娇"])
@pytest.mark.parametrize("form", ["{}在家中摔倒", "经查，{}多次到场", "当晚{}驾车离开", "户主{}，男，1958年生"])
def test_a_given_name_with_a_or_xiao_is_masked_whole(name, form):
    text = form.format(name)
    assert spans(text, "PERSON") == [name]


@pytest.mark.parametrize("text", ["陈阿婆说要去看病", "李阿姨在家等候", "王小姐来电咨询", "王女士反映噪音扰民"])
def test_a_surname_with_a_form_of_address_stays(text):
    assert spans(text, "PERSON") == []


@pytest.mark.parametrize("text", ["报修人：老张", "来电人：小刘，反映噪音", "联系人：老李", "承办人：小陈",
                                  "王女士、老张、小刘已到场", "经办人 赵主任", "值班人员：黄科长", "对接人：李医生（电话见上）",
                                  "接待人：刘所长", "来访人：张阿姨"])
def test_a_surname_called_with_lao_xiao_or_a_title_after_a_cue_is_no_name(text):
    assert spans(text, "PERSON") == []


@pytest.mark.parametrize("text, name", [("联系人：小红，电话见上", "小红"), ("联系人：老李、王建国", "王建国"),
                                        ("来电人：刘小军，反映噪音", "刘小军")])
def test_a_given_name_alone_or_a_name_beside_a_familiar_form_stays_a_name(text, name):
    assert spans(text, "PERSON") == [name]


def test_a_title_beside_a_name_stays_while_the_name_is_masked():
    text = "王女士反映噪音扰民，王丽华住在楼上"
    assert spans(text, "PERSON") == ["王丽华"]


@pytest.mark.parametrize("text, names", [
    ("公示名单：禤志明 笪丽萍 冼国强 靳小燕", ["禤志明", "笪丽萍", "冼国强", "靳小燕"]),
    ("公示名单：禤志明，笪丽萍，冼国强", ["禤志明", "笪丽萍", "冼国强"]),
    ("获评人员：张伟　亓丽华　宓晓彤\n", ["张伟", "亓丽华", "宓晓彤"]),
    ("拟录用人员：宓晓彤（女）、矫国庆（男）", ["宓晓彤", "矫国庆"]),
])
def test_rare_surnames_listed_by_spaces_or_commas_are_masked(text, names):
    assert spans(text, "PERSON") == names


@pytest.mark.parametrize("text, names", [
    ("公示名单：禤志明 等三人", ["禤志明"]),                    # 等 ends the list
    ("联系人：张伟，电话见上，地址不详", ["张伟"]),             # clauses, not names
    ("申请人：陈志强，其配偶，女，无业", ["陈志强"]),
])
def test_what_follows_a_name_with_a_comma_is_not_read_as_a_list(text, names):
    assert spans(text, "PERSON") == names


@pytest.mark.parametrize("name", ["厍国华", "禤志明", "谌丽华", "冼国强", "亓秀英"])
@pytest.mark.parametrize("form", ["经审核，{}符合条件", "经调查，{}持有该车", "随后，{}提出异议", "经查：{}隐瞒收入"])
def test_a_rare_surname_opening_a_clause_before_its_verb_is_a_name(name, form):
    text = form.format(name)
    assert spans(text, "PERSON") == [name]


@pytest.mark.parametrize("text", ["经审核，区政府同意", "经研究，靳江河治理工程启动", "经查，冼村改造项目已完成"])
def test_a_word_or_a_body_opening_a_clause_is_no_name(text):
    assert spans(text, "PERSON") == []


# -- 5. places read as names; bodies' lines with no person in sight -------------------------------
@pytest.mark.parametrize("text", ["车辆由林岳驶往张槎方向", "林岳市场门口发生纠纷", "事发于黎涌大桥下", "货车从石湾开往禅城",
                                  "在澜石菜市场摆卖"])
def test_a_place_before_a_market_a_bridge_or_a_way_driven_is_no_name(text):
    assert spans(text, "PERSON") == []


@pytest.mark.parametrize("text, name", [("当晚林岳驾车离开现场", "林岳"), ("张伟驾车驶往南海", "张伟"),
                                        ("陈志强在市场摆卖", "陈志强")])
def test_a_person_beside_such_words_is_still_a_name(text, name):
    assert spans(text, "PERSON") == [name]


LANDLINE = "0757-83331234"


@pytest.mark.parametrize("text", [
    f"佛山市禅城区祖庙街道办事处\n联系方式：{LANDLINE}",
    f"关于开展消防检查的通知\n各商户：请配合检查。\n佛山市禅城区应急管理局\n联系电话：{LANDLINE}",
    f"佛山市南海区桂城街道平洲社区居委会（盖章）\n电话：{LANDLINE}",
    f"企业名称：佛山市某某科技有限公司\n企业联系电话：{LANDLINE}\n登记机关：佛山市市场监督管理局",
    f"我是街道办的，我们电话是{LANDLINE}，有事可以打过来",
    f"你好，我们是区人社局的，我们的号码：{LANDLINE}",
])
def test_a_bodys_own_line_with_no_person_in_sight_stays(text):
    assert spans(text, "CN_LANDLINE") == []


@pytest.mark.parametrize("text", [
    f"联系方式：{LANDLINE}",                                          # no body at all
    f"家住佛山市禅城区人民路3号\n联系方式：{LANDLINE}",                 # a home, no body
    f"市民反映佛山市禅城区城市管理局\n联系电话：{LANDLINE}",            # a sentence, not a heading
    f"企业名称：佛山市某某商行\n联系人：黄丽华\n企业联系电话：{LANDLINE}",  # the block names its contact
    f"我是张伟，我们电话是{LANDLINE}",                                 # a person speaking
])
def test_a_contact_line_of_a_person_or_of_no_body_is_masked(text):
    assert spans(text, "CN_LANDLINE") == [LANDLINE]


def test_a_firms_address_and_mailbox_stay_masked_beside_its_phone():
    text = f"企业联系电话：{LANDLINE}\n企业通信地址：佛山市南海区桂城街道海五路28号\n企业电子邮箱：hlh1988@163.com"
    assert spans(text, "CN_LANDLINE") == []
    assert spans(text, "CN_ADDRESS") == ["佛山市南海区桂城街道海五路28号"]
    assert spans(text, "EMAIL_ADDRESS") == ["hlh1988@163.com"]


OFFICE = "佛山市禅城区祖庙街道人民路35号"


@pytest.mark.parametrize("text", [
    f"请于2026年3月10日前到{OFFICE}区公证处领取",
    f"联系地址：{OFFICE}禅城区法律援助处",
    f"受理地点：{OFFICE}禅城区政务服务中心一楼",
    f"地址：禅城区公证处（{OFFICE}）",
    f"本通知书送达至：佛山市禅城区南庄镇政府（{OFFICE}）",
])
def test_a_bodys_premises_by_its_name_beside_the_address_stay(text):
    assert spans(text, "CN_ADDRESS") == []


@pytest.mark.parametrize("text", [
    f"家住{OFFICE}人民医院旁",                     # a home beside a hospital
    f"住址：{OFFICE}，居委会地址：佛山市禅城区祖庙街道人民路2号居委会",
    f"户籍地：{OFFICE}派出所对面",
])
def test_a_home_beside_a_body_is_masked(text):
    assert spans(text, "CN_ADDRESS") == [OFFICE]


@pytest.mark.parametrize("text", ["社区联系邮箱：dhlsq@163.com", "区消委会投诉邮箱：fsxwh@qq.com",
                                  "居委会邮箱 jwh2020@163.com，欢迎来信"])
def test_a_bodys_mailbox_by_its_label_stays(text):
    assert spans(text, "EMAIL_ADDRESS") == []


@pytest.mark.parametrize("text", ["联系人黄丽华，社区联系邮箱：hlh1988@163.com", "本人邮箱：hlh1988@163.com"])
def test_a_persons_mailbox_stays_masked(text):
    assert spans(text, "EMAIL_ADDRESS") == ["hlh1988@163.com"]
