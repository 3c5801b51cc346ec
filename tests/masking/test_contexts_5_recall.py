"""Issue 18, fifth round, the recall half: the categories a sixth blind corpus reported missed
(counts only, never its texts), one general rule each, on sentences of our own: what must be
masked and the look-alike that must stand.

1. village addresses with nothing above them: a village and its group, hamlet or number;
2. rooms: a flat wherever it stands (3栋2单元502房), 户, a flat in a named estate, a table's cell;
3. names spaced out to fill a cell (王　芳, 李 建 国, 黄  敏);
4. IDs and mobiles read out digit by digit (幺三八…, 洞, 两, 拐), validated as written ones are;
5. Dai names after a cue or as a speaker's turn (岩温, 玉香, 依坎); cues with a bracket (联系人（监护人）：);
6. bank cards broken across a line after a card's label; Taiwan residents' permits after their name;
7. names by their place in a record: heading it before its next field, opening a register's row before the sex;
8. names in a table's name columns: cells set apart by |, tabs or single spaces; role columns (接待人);
9. cues the cue words miss: a contract's parties (乙方（承租方）：, 承包方代表：), a news story's byline;
10. left by the last round: Yi names of five characters after a cue; 小李子 masked whole.
"""
from __future__ import annotations

import pytest

from masking.text import find_personal
from tests.masking.helpers import luhn_complete

CARD = luhn_complete("622202123456789012")


def spans(text: str, entity: str) -> list[str]:
    return [text[r.start:r.end] for r in find_personal([text])[0] if r.entity_type == entity]


# -- 1. village addresses without a county before them ---------------------------------------------
@pytest.mark.parametrize("text, address", [
    ("经查，黄土坡村5组18号的房屋存在安全隐患。", "黄土坡村5组18号"),
    ("来电人称其位于新塘村第三村民小组的住房漏雨。", "新塘村第三村民小组"),
    ("当事人陈某，住大坪村委会老屋下村民小组36号。", "大坪村委会老屋下村民小组36号"),
    ("陈某某，男，住本镇沙头村民小组8号。", "沙头村民小组8号"),
    ("李某，住石屋村委会石屋一队12号，务农。", "石屋村委会石屋一队12号"),
    ("户主：韦某某，住那坡屯15号。", "那坡屯15号"),
    ("承包方：黄某，黄土坡村四组。", "黄土坡村四组"),
    ("林地坐落：沅陵县官庄镇黄土坡村三组后山", "沅陵县官庄镇黄土坡村三组"),
    ("住址：西双版纳州景洪市嘎洒镇曼景保村民小组", "西双版纳州景洪市嘎洒镇曼景保村民小组"),
    ("｜韦某｜男｜那坡村那坡屯8号｜", "那坡村那坡屯8号"),
])
def test_a_village_with_its_group_hamlet_or_number_is_an_address(text, address):
    assert spans(text, "CN_ADDRESS") == [address]


@pytest.mark.parametrize("text", [
    "全镇共有3个自然村、12个村民小组，总人口3600人。",
    "本项目涉及新塘村、黄土坡村两个村。",
    "下午召开村民小组会议，第三村民小组组长主持。",
    "各村3组以上的农户须在月底前申报。",
    "根据《村民委员会组织法》，各村应当建立村务公开制度。",
    "全体村民小组长参加培训。",
])
def test_villages_named_in_policy_texts_stay(text):
    assert spans(text, "CN_ADDRESS") == []


def test_a_household_village_address_counts_as_somebody_between_a_body_and_a_contact_point():
    from masking.analyzer import analyze_texts
    from masking.text import without_public_contacts

    class Recording:
        people: list = []

        def is_public(self, text, start, end, entity, people):
            Recording.people = list(people)
            return False

    text = "南海区民政局核查：黄土坡村5组18号，电话0757-83331234。"
    without_public_contacts(text, analyze_texts([text])[0], Recording())
    assert [text[s:e] for s, e in Recording.people] == ["黄土坡村5组18号"]


# -- 2. rooms -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("flat", ["3栋2单元502房", "12栋1单元1203", "5幢3单元601室", "7栋1702室"])
@pytest.mark.parametrize("form", ["李某 13800138000 {}，反映楼上漏水", "租户住{}，已欠租两月。", "经核实，{}住户已搬离。"])
def test_a_flat_is_masked_wherever_it_stands(flat, form):
    text = form.format(flat)
    assert flat in spans(text, "CN_ADDRESS")


@pytest.mark.parametrize("text", [
    "请到3号楼会议室参加培训。",
    "办公地点：B座1708室（工作日9:00-17:00）",
    "本小区共12栋，3栋2单元电梯停运检修。",
    "全村共有502户，1702人。",
])
def test_offices_floors_and_counts_are_no_flat(text):
    assert spans(text, "CN_ADDRESS") == []


@pytest.mark.parametrize("text, address", [
    ("家庭住址：深圳市宝安区西乡街道固戍一路88号101户", "深圳市宝安区西乡街道固戍一路88号101户"),
    ("来电人反映其居住的绿地小区5栋1702室楼上漏水。", "绿地小区5栋1702室"),
    ("|住址|佛山市南海区桂城街道南海大道北80号|1栋1201房|", "佛山市南海区桂城街道南海大道北80号|1栋1201房"),
    ("| 住址 | 佛山市南海区桂城街道南海大道北80号 | 1栋1201房 |", "佛山市南海区桂城街道南海大道北80号 | 1栋1201房"),
])
def test_an_address_runs_down_to_its_room(text, address):
    assert spans(text, "CN_ADDRESS") == [address]


@pytest.mark.parametrize("tail", ["碧桂园A楼1单元502房", "碧桂园12楼1203室", "碧桂园东区5楼2单元", "碧桂园B区3楼2单元601室",
                                  "碧桂园3号楼2单元601室", "碧桂园天玺12-1-1502"])
def test_an_estate_named_with_yuan_runs_down_to_its_floor_and_room(tail):
    text = f"住址：佛山市南海区桂城街道{tail}，联系电话13800138000"
    assert spans(text, "CN_ADDRESS") == ["佛山市南海区桂城街道" + tail]


def test_a_road_named_with_yuan_is_still_a_road():
    assert spans("住址：佛山市南海区桂城街道桃园路12号3座1202房", "CN_ADDRESS") == ["佛山市南海区桂城街道桃园路12号3座1202房"]
    assert spans("活动在佛山市南海区千灯湖公园举行。", "CN_ADDRESS") == []


@pytest.mark.parametrize("address", ["佛山市禅城区祖庙街道升平路2\n5号", "佛山市禅城区祖庙街道升平路25\n号",
                                     "佛山市禅城区祖庙街道升平路25号3座40\n2房"])
def test_a_house_or_room_number_broken_by_a_line_is_read_whole(address):
    assert spans(f"住址：{address}\n联系电话：13800138000", "CN_ADDRESS") == [address]


def test_a_number_on_the_next_line_that_is_no_house_number_is_not_joined():
    assert spans("住址：佛山市禅城区祖庙街道升平路25号\n2026年3月5日", "CN_ADDRESS") == ["佛山市禅城区祖庙街道升平路25号"]


def test_a_next_cell_that_is_no_room_is_not_joined():
    text = "|住址|佛山市南海区桂城街道南海大道北80号|13800138000|"
    assert spans(text, "CN_ADDRESS") == ["佛山市南海区桂城街道南海大道北80号"]


# -- 3. names spaced out in cells -----------------------------------------------------------------------
@pytest.mark.parametrize("text, name", [
    ("姓  名：王\u3000芳    性  别：女", "王\u3000芳"),
    ("姓名：李 建 国，性别：男", "李 建 国"),
    ("| 王 芳 | 女 | 35 |", "王 芳"),
    ("| 姓名 | 性别 | 年龄 |\n| 李 建 国 | 男 | 42 |", "李 建 国"),
    ("户主姓名：陈\u3000红\u3000\u3000联系电话：13800138000", "陈\u3000红"),
    ("申请人：黄  敏", "黄  敏"),
    ("姓\u3000\u3000名：欧阳\u3000娜", "欧阳\u3000娜"),
    ("姓名\u3000王\u3000芳", "王\u3000芳"),
    ("序号\t姓名\t年龄\n1\t王\u3000芳\t35", "王\u3000芳"),
    ("二〇二六年三月五日\n书记员\u3000王\u3000芳", "王\u3000芳"),
])
def test_a_name_spaced_out_in_its_cell_is_masked_whole(text, name):
    assert spans(text, "PERSON") == [name]


@pytest.mark.parametrize("text", [
    "性  别：女    民  族：汉",
    "| 序号 | 项 目 | 金 额 |",
    "| 合 计 | 单 价 |",
    "职  务：主  任",
    "文 化 程 度：初中",
])
def test_spaced_labels_and_headers_are_no_names(text):
    assert spans(text, "PERSON") == []


# -- 4. spoken digits ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, entity, value", [
    ("来电人称手机是幺三八幺二三四五六七八，麻烦回电。", "CN_MOBILE", "幺三八幺二三四五六七八"),
    ("来电号码：一三八 一二三四 五六七八", "CN_MOBILE", "一三八 一二三四 五六七八"),
    ("报警人称其电话为138一二三四5678。", "CN_MOBILE", "138一二三四5678"),
    ("联系电话：幺三八、洞洞幺拐、二两三四", "CN_MOBILE", "幺三八、洞洞幺拐、二两三四"),
    ("手机一三八，一二三四，五六七八，二〇二四年三月来电", "CN_MOBILE", "一三八，一二三四，五六七八"),
    ("身份证号是四四〇六八二，一九八二〇三一五，四五一六。", "CN_ID_NUMBER", "四四〇六八二，一九八二〇三一五，四五一六"),
    ("手机号一三八一二三四五六七八，身份证号四四零六八二一九八二零三一五四五一六", "CN_ID_NUMBER",
     "四四零六八二一九八二零三一五四五一六"),
])
def test_identifiers_read_out_digit_by_digit_are_masked(text, entity, value):
    assert value in spans(text, entity)


@pytest.mark.parametrize("text", [
    "本月收入三千五百元，二〇二四年三月一日起算，共十二个人。",
    "编号一二三四五六七八九〇一二三",              # no identifier's shape
    "身份证号四四〇六八二一九八二〇三一五四五一七",  # a wrong check digit read out: no label lifts it
    "一二三四五六七八九十，数到十就开始。",
    "二〇二六年三月五日十四时三十分，二〇二六年三月六日",
])
def test_spoken_numerals_that_are_no_identifier_stay(text):
    assert [r.entity_type for r in find_personal([text])[0] if r.entity_type in ("CN_MOBILE", "CN_ID_NUMBER")] == []


# -- 5. Dai names; cues with a bracket ------------------------------------------------------------------
@pytest.mark.parametrize("text, name", [
    ("来电人岩温称，其家中漏水。", "岩温"),
    ("患者玉香，女，42岁，因腹痛入院。", "玉香"),
    ("报警人依坎反映，其电动车被盗。", "依坎"),
    ("岩温：我家水管坏了\n康朗：明天来修", "岩温"),
    ("联系人（监护人）：咪腊\u3000电话13800138000", "咪腊"),
    ("申请人（户主）：陈国华，男", "陈国华"),
])
def test_dai_names_and_names_after_a_bracketed_cue_are_masked(text, name):
    assert name in spans(text, "PERSON")


@pytest.mark.parametrize("text", [
    "当事人依法享有陈述和申辩的权利。",
    "患者依从性良好，按时服药。",
    "申请人玉米种植面积12亩。",
    "来电人岩石滑坡压坏围墙。",
    "联系人（工作日）：每周一至周五",
])
def test_dai_words_that_are_no_names_stay(text):
    assert spans(text, "PERSON") == []


# -- 6. cards across a line; Taiwan residents' permits --------------------------------------------------
@pytest.mark.parametrize("form", ["账号：{}，开户行：工商银行", "（卡号{}）", "银行卡号\n{}\n户名：见上"])
def test_a_card_broken_across_a_line_after_its_label_is_masked_whole(form):
    broken = CARD[:10] + "\n" + CARD[10:]
    assert spans(form.format(broken), "CN_BANK_CARD") == [broken]


def test_two_lines_of_numbers_without_a_cards_label_stay():
    assert spans(f"序号\n{CARD[:10]}\n{CARD[10:]}", "CN_BANK_CARD") == []


@pytest.mark.parametrize("text, permit", [
    ("台胞证号：12345678", "12345678"),
    ("持台湾居民来往大陆通行证（号码：12345678(01)）入境。", "12345678(01)"),
    ("台胞证号码：1234567801，联系电话13800138000", "1234567801"),
])
def test_a_taiwan_residents_permit_after_its_name_is_masked(text, permit):
    assert spans(text, "CN_PASSPORT") == [permit]


@pytest.mark.parametrize("text", ["订单号12345678，2026年台胞证办理量增长", "台胞证办理：2026年3月起，受理20260301号文"])
def test_eight_digits_that_are_no_permit_stay(text):
    assert spans(text, "CN_PASSPORT") == []


# -- 7. names by their place in a record ----------------------------------------------------------------
@pytest.mark.parametrize("text, names", [
    ("献血者：岩温　性别：男　血型：A型", ["岩温"]),
    ("船员名单：\n那桐生　职务：轮机长　证书号：123\n岩温　职务：水手", ["那桐生", "岩温"]),
    ("监护人（父亲）：马福祥　电话：13800138000", ["马福祥"]),
    ("基本信息：\n岩温　男　45岁", ["岩温"]),
    ("服务对象：\n金哲洙　男　70岁", ["金哲洙"]),
])
def test_a_name_heading_a_record_or_a_registers_row_is_masked(text, names):
    assert spans(text, "PERSON") == names


@pytest.mark.parametrize("text", [
    "单位：张槎中学　地址：佛山市禅城区",
    "职务：轮机长　证书号：123",
    "民族：汉族　籍贯：江西",
    "类别：黄金　重量：3克",
    "报告　时间：2026年3月",
    "性别　男\n民族　汉",
])
def test_other_fields_values_and_labels_are_no_names(text):
    assert spans(text, "PERSON") == []


# -- 8. tables ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, names", [
    ("| 序号 | 日期 | 来访人 | 事由 | 接待人 |\n| 1 | 3月5日 | 熊老二 | 噪音扰民 | 覃振强 |\n| 2 | 3月6日 | 岩温 | 拖欠工资 | 覃振强 |",
     ["熊老二", "覃振强", "岩温", "覃振强"]),
    ("交易日期 摘要 对方户名 金额 余额\n2026-03-01 转账支出 熊老二 -500.00 12,300.00", ["熊老二"]),
    ("交易时间\t对方账号\t对方户名\t金额\n2026-03-01\t6222021234567890128\t农秀英\t-500.00", ["农秀英"]),
])
def test_names_in_a_tables_name_columns_are_masked(text, names):
    assert spans(text, "PERSON") == names


@pytest.mark.parametrize("text", [
    "交易日期 摘要 对方户名 金额 余额\n2026-03-02 工资 佛山市禅城区教育局 8,500.00 20,800.00",
    "| 序号 | 来访人 | 事由 |\n| 1 | 匿名 | 噪音扰民 |",
    "| 日期 | 事项 | 金额 |\n| 3月5日 | 王府井 | 300 |",
])
def test_bodies_answers_and_other_columns_are_no_names(text):
    assert spans(text, "PERSON") == []


# -- 9. contracts' parties and bylines ------------------------------------------------------------------
@pytest.mark.parametrize("text, name", [
    ("乙方（承租方）：农秀英\n身份证号：440682198203154516", "农秀英"),
    ("承包方：熊老二\n身份证号：440682198203154516", "熊老二"),
    ("承包方代表：项金山\n联系电话：13800138000", "项金山"),
    ("（本报记者 岩温）3月5日讯", "岩温"),
    ("（通讯员马福祥）2026年3月5日", "马福祥"),
    ("（记者 阿依古丽·买买提）", "阿依古丽·买买提"),
])
def test_names_after_a_partys_label_or_in_a_byline_are_masked(text, name):
    assert spans(text, "PERSON") == [name]


@pytest.mark.parametrize("text", [
    "发包方：黄土坡村民委员会\n",
    "甲方（出租方）：佛山市禅城区房地产公司\n",
    "处方：陈皮6g、柴胡9g",
    "甲方：同意乙方提前退租。",
    "本报记者近日走访发现，多数商户已整改。",
])
def test_bodies_prescriptions_and_answers_after_such_labels_stay(text):
    assert spans(text, "PERSON") == []


# -- 10. Yi names of five characters after a cue; familiar forms whole -------------------------------------
@pytest.mark.parametrize("text, name", [
    ("被告人：吉克阿呷莫，女，彝族", "吉克阿呷莫"),
    ("当事人：曲比阿依莫（女，32岁）", "曲比阿依莫"),
    ("报警人沙马阿果日称，其家中被盗。", "沙马阿果日"),
    ("来电人吉日嘎拉反映。", "吉日嘎拉"),  # 反映 is what the caller did, not a syllable
    ("小李子说他明天来。", "小李子"),
    ("据小李子交代，其与老张相识。", "小李子"),
])
def test_a_yi_name_after_a_cue_and_a_familiar_form_are_masked_whole(text, name):
    assert spans(text, "PERSON") == [name]


@pytest.mark.parametrize("text", ["小王子是一本书。", "老李头在门口抽烟。", "申请人：佛山市禅城区教育局，地址见附件"])
def test_a_book_a_form_of_address_and_a_body_stay(text):
    assert spans(text, "PERSON") == []
