"""Issue 18, the categories a blind corpus reported after the second round (counts only, never its
texts), one general rule each, on sentences of our own: what must be masked and what must stand.

1. identifiers as forms write them: grouped IDs with a mistyped check digit after their label, an
   ID broken over two lines, mobiles whose first group is short, passports with spaces;
2. addresses: building-unit-room shorthand (3-2-801) after an estate, village groups and short
   village forms, lines broken;
3. public bodies' desk phones and office addresses stay, a person's beside them is masked;
4. field labels, table headers, answers and words after a colon are not names; a road named
   after a surname is not a name;
5. names in tables, chat and minutes turns, and lists: rare, compound, three-character and
   minority names.
"""
from __future__ import annotations

import pytest

from masking.public_contacts import NO_PUBLIC_CONTACTS
from masking.text import find_personal, mask_texts
from tests.masking.helpers import make_id, wrong_check_digit

ID = make_id("44068219820315451")  # 440682198203154516
MISTYPED = wrong_check_digit(ID)


def masked(text: str) -> str:
    return mask_texts([text])[0]


def spans(text: str, entity: str) -> list[str]:
    return [text[r.start:r.end] for r in find_personal([text])[0] if r.entity_type == entity]


# -- 1. identifiers -------------------------------------------------------------------------------
def _grouped(value: str, sizes, sep: str) -> str:
    parts, i = [], 0
    for n in sizes:
        parts.append(value[i:i + n])
        i += n
    return sep.join(parts)


@pytest.mark.parametrize("sizes", [(6, 8, 4), (6, 4, 4, 4), (4, 4, 4, 4, 2), (2, 4, 4, 4, 4), (3,) * 6, (6, 6, 6)])
@pytest.mark.parametrize("sep", ["-", " ", " - ", "—"])
def test_a_grouped_id_with_a_mistyped_check_digit_after_its_label_is_masked(sizes, sep):
    value = _grouped(MISTYPED, sizes, sep)
    for label in ("身份证号：", "公民身份号码 ", "证件号码："):
        assert spans(label + value, "CN_ID_NUMBER") == [value]


@pytest.mark.parametrize("text", [
    # no label: a grouped number with a wrong check digit is no one's ID
    f"流水号：{_grouped(MISTYPED, (6, 8, 4), '-')}",
    f"订单 {_grouped(MISTYPED, (6, 8, 4), ' ')} 已发货",
    f"批次{_grouped(MISTYPED, (6, 8, 4), '-')}",
])
def test_a_grouped_number_failing_the_check_without_a_label_stays(text):
    assert spans(text, "CN_ID_NUMBER") == []


@pytest.mark.parametrize("cut", [6, 11, 12, 14, 17])
@pytest.mark.parametrize("gap", ["\n", "\n  ", " \n", "\u3000\n"])
def test_an_id_broken_over_two_lines_is_masked_whole(cut, gap):
    value = ID[:cut] + gap + ID[cut:]
    text = f"姓名：梁志华\n公民身份号码：{value}\n住址：佛山市禅城区升平路25号"
    assert spans(text, "CN_ID_NUMBER") == [value]


def test_numbers_on_two_lines_that_are_no_id_stay_apart():
    # two rows of a table, and an ID's first half above a date: no ID across the break
    text = "编号\n44068219820\n31545160\n2026年3月1日"
    assert spans(text, "CN_ID_NUMBER") == []
    rows = f"{ID}\n13812345678"
    assert spans(rows, "CN_ID_NUMBER") == [ID] and spans(rows, "CN_MOBILE") == ["13812345678"]


@pytest.mark.parametrize("mobile", ["13 8123 45678", "1 3 8 1 2 3 4 5 6 7 8", "13-8123-45678", "1381 2345 678",
                                    "138 12 345 678", "138—1234—5678", "+86 138-1234-5678"])
def test_a_mobile_in_any_grouping_is_masked(mobile):
    for text in (f"手机：{mobile}", f"联系方式 {mobile}，微信同号", f"有事打我电话{mobile}"):
        assert spans(text, "CN_MOBILE") == [mobile]


@pytest.mark.parametrize("passport", ["E 1234 5678", "E1234 5678", "E 12345678", "EA 123 4567", "G 1234 5678",
                                      "E-1234-5678"])
def test_a_spaced_passport_after_its_label_is_masked(passport):
    for text in (f"护照号码：{passport}", f"持中国护照（{passport}）入境", f"护照号 {passport}，有效期至2030年"):
        assert spans(text, "CN_PASSPORT") == [passport]


@pytest.mark.parametrize("text", ["图纸编号 E 1234 5678", "型号：E 1234 5678", "E 1234 5678 5"])
def test_a_spaced_letter_and_digits_without_a_label_is_no_passport(text):
    assert spans(text, "CN_PASSPORT") == []


# -- 2. addresses ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,address", [
    # building-unit-room written short after an estate, with or without 花园, 小区 …
    ("住址：南海区桂城街道中海锦城3-2-801", "南海区桂城街道中海锦城3-2-801"),
    ("住址：佛山市禅城区碧桂园天玺12-1-1502", "佛山市禅城区碧桂园天玺12-1-1502"),
    ("家住保利花园5-3-602，电话13812345678", "保利花园5-3-602"),
    ("住址：佛山市顺德区大良街道金榜花园 8-2-301", "佛山市顺德区大良街道金榜花园 8-2-301"),
    ("住址：佛山市南海区桂城街道海五路28号金海湾3-2-801", "佛山市南海区桂城街道海五路28号金海湾3-2-801"),
    ("家住金色家园3-2-801房", "金色家园3-2-801房"),
    ("现住桂城街道中海锦城 3-2-801，电话：13812345678", "桂城街道中海锦城 3-2-801"),
    # village groups and the short forms of villages (镇…村…队…号)
    ("住址：佛山市高明区更合镇白洞村民委员会新村村民小组18号", "佛山市高明区更合镇白洞村民委员会新村村民小组18号"),
    ("住址：佛山市三水区大塘镇大塘村委会三组12号", "佛山市三水区大塘镇大塘村委会三组12号"),
    ("住址：佛山市南海区九江镇沙头村委会石江经济社28号", "佛山市南海区九江镇沙头村委会石江经济社28号"),
    ("家住高明区杨和镇对川村第二经济合作社17号", "高明区杨和镇对川村第二经济合作社17号"),
    ("住址：河南省商丘市虞城县张集镇王庄村5队21号", "河南省商丘市虞城县张集镇王庄村5队21号"),
    ("家住杨和镇对川村2队16号", "杨和镇对川村2队16号"),
    ("住大塘镇大塘村三队8号", "大塘镇大塘村三队8号"),
    # a group with no house number, a village named before its committee, a region's short name
    ("住高明区更合镇白洞村委会新村村民小组", "高明区更合镇白洞村委会新村村民小组"),
    ("住址：广西壮族自治区玉林市博白县东平镇新村村委会大塘队", "广西壮族自治区玉林市博白县东平镇新村村委会大塘队"),
    ("住址：广西玉林市博白县东平镇新村大塘队18号", "广西玉林市博白县东平镇新村大塘队18号"),
    ("户籍：湖南衡阳市衡南县茶市镇五一村12组", "湖南衡阳市衡南县茶市镇五一村12组"),
    ("住址：清远市英德市西牛镇小湾村委会岭背队18号", "清远市英德市西牛镇小湾村委会岭背队18号"),
    # broken over lines anywhere between its parts
    ("住址：佛山市\n南海区桂城街道海五路28号", "佛山市\n南海区桂城街道海五路28号"),
    ("住址：佛山市南海区桂城街道海五路\n28号3栋1102房", "佛山市南海区桂城街道海五路\n28号3栋1102房"),
    ("地址：佛山市南海区\n桂城街道\n海五路28号", "佛山市南海区\n桂城街道\n海五路28号"),
    ("住址：佛山市南海区丹灶镇\n仙岗村委会西村村民小组12号", "佛山市南海区丹灶镇\n仙岗村委会西村村民小组12号"),
    ("住址：广东省佛山市三水区白坭镇岗头村委会\n岗头村一社8号", "广东省佛山市三水区白坭镇岗头村委会\n岗头村一社8号"),
])
def test_an_address_is_masked_whole(text, address):
    assert spans(text, "CN_ADDRESS") == [address]


@pytest.mark.parametrize("text", [
    "活动时间：2026-03-01至2026-03-31。",
    "请参照第3-2-101号文件执行。",
    "报名电话：0757-8303-1234",
    "比分为3-2-1。",
    # a short province before words that are no city
    "湖南人在佛山市南海区桂城街道务工。",
    "来自新疆和田地区的学生。",
])
def test_dashed_numbers_that_are_no_room_stay(text):
    assert spans(text, "CN_ADDRESS") == []


# -- 4. labels, headers, answers and words are not names --------------------------------------------
@pytest.mark.parametrize("text", [
    # a form's answers where a name would stand, and the next line's label after a cue ending its line
    "经办人：窗口\n审核人：同上\n申请人：本人\n联系人：同上",
    "申请人：见附件\n联系人：同申请人\n经办人：窗口工作人员\n审核：详见上表",
    "联系人：（本人）",
    "签名：本人签字",
    "工作人员：您好，需要带身份证到社区。",
    "经办：窗口",
    "记录：\n主持：",
    # a table's header line: the words after 姓名 are column labels
    "序号\t姓名\t性别\t年龄\t住址\t备注",
    "申请人姓名\t申请人身份证号\t家庭人口\t保障金额",
    "序号  姓名    性别    民族    联系电话",
    "姓名　　与户主关系　　出生日期",
    # words that begin with a surname character: jieba tags some of them as names
    "社区矫正机构：桂城司法所",
    "章程修正案已报登记机关备案。",
    # words jieba tags as names and uses often, running on into the sentence
    "会议强调，雷达问题必须重视。",
    "会议强调，洪水问题必须重视。",
    "加强卫星管理，确保安全。",
    "现场温泉情况已记录。",
    # a road or lane named after a surname, place fragments, document numbers
    "事故发生在李子园路与季华路交叉口。",
    "车辆沿李子园路向东行驶至汾江路口。",
    "经过张槎路、魏家巷、何家庄一带。",
    "根据禅府办〔2026〕12号文件精神执行。",
    "黄岐镇、钟村、石湾、邓岗、罗村",
    "事发地点位于林岳一带。",
    "车辆途经黎涌附近时发生碰撞。",
    "前往林岳方向。",
    "家住黎涌，",
    "经过林岳时遇到拥堵。",
    # a label that begins with a cue, a body's name after a cue's colon
    "租户须知：请爱护公共设施。",
    "审批人：区民政局",
    "申请人：（签名）\n经办人：（盖章）\n负责人：签字",
])
def test_labels_answers_and_words_are_not_names(text):
    assert spans(text, "PERSON") == []


@pytest.mark.parametrize("text,names", [
    # the same cues with a name: on the line below (an OCR'd form), after a colon, in a header's row
    ("申请人：\n梁志华\n联系电话：13812345678", ["梁志华"]),
    ("经办人：窗口工作人员黄丽\n审核人：陈志强", ["陈志强"]),
    ("姓名\t性别\t年龄\n陈志强\t男\t41", ["陈志强"]),
    ("社区矫正对象宁静在司法所报到。", ["宁静"]),  # a word that is a name, with what a person does after it
    ("经查，高峰多次在该路段违规停车。", ["高峰"]),
    ("邻居王平称其听到争吵。", ["王平"]),
    ("李子园路28号住户李子涵反映噪音。", ["李子涵"]),
    ("投诉人黄丽华：我家楼上每晚噪音扰民。", ["黄丽华"]),  # a cue, a name and a colon: a name
])
def test_the_same_cues_with_a_name_still_mask_it(text, names):
    out = masked(text)
    assert not [n for n in names if n in out], out


# -- 5. names by their place: tables, turns, lists -------------------------------------------------
@pytest.mark.parametrize("text,names", [
    # a table's name column, cells set apart by tabs or by several spaces, a name per row
    ("序号\t姓名\t性别\t身份证号\n1\t巴特尔\t男\t{id}\n2\t其木格\t女\t{id}\n3\t禤嘉怡\t女\t{id}\n"
     "4\t欧阳晓峰\t男\t{id}\n5\t陈思远\t男\t{id}\n6\t韩冰\t男\t{id}",
     ["巴特尔", "其木格", "禤嘉怡", "欧阳晓峰", "陈思远", "韩冰"]),
    ("序号  姓名      住址\n1     额尔敦    内蒙古自治区锡林郭勒盟\n2     乌日娜    佛山市南海区桂城街道海五路28号\n"
     "3     司马俊杰  佛山市禅城区升平路25号\n4     王子轩    佛山市禅城区升平路26号\n5     贺新      佛山市禅城区升平路27号",
     ["额尔敦", "乌日娜", "司马俊杰", "王子轩", "贺新"]),
    ("户主姓名\u3000\u3000家庭人口\u3000\u3000保障金额\n庹建国\u3000\u3000３\u3000\u3000１２００元\n江山\u3000\u3000２\u3000\u3000８００元",
     ["庹建国", "江山"]),
])
def test_names_in_a_tables_name_column_are_masked(text, names):
    assert spans(text.format(id=ID), "PERSON") == names


@pytest.mark.parametrize("text,names", [
    # a chat transcript or minutes: speakers' names before a colon, two turns or more
    ("【微信聊天记录】\n巴特尔：明天几点到？\n其木格：九点吧\n巴特尔：好", ["巴特尔", "其木格", "巴特尔"]),
    ("[2026-03-05 10:23] 邝志明：你好，低保的材料交了吗\n[2026-03-05 10:25] 覃文杰：交了", ["邝志明", "覃文杰"]),
    ("会议纪要\n郭振华：本季度低保复核已完成。\n韩冰：下月开展入户调查。\n钟离雪：同意。", ["郭振华", "韩冰", "钟离雪"]),
    # a chat export: the speaker and the time on a line of their own
    ("巴特尔 10:23\n在吗，材料交了没\n其木格 10:24\n交了", ["巴特尔", "其木格"]),
])
def test_speakers_of_a_transcript_are_masked(text, names):
    assert spans(text, "PERSON") == names


@pytest.mark.parametrize("text", [
    # a form's label lines, sayings, towns taking turns, a single turn
    "时间：2026年3月5日\n地点：区政府三楼会议室\n议题：讨论低保复核工作",
    "问：低保申请需要哪些材料？\n答：需要身份证、户口簿。",
    "孔子曰：学而时习之。\n孟子曰：民为贵。",
    "陈述：当事人陈述事实\n申辩：当事人申辩意见",
    "各镇街发言：\n张槎：已完成排查。\n陈村：正在推进。",
    "经办机构：佛山市社会保险基金管理局禅城分局\n办公地址：佛山市禅城区祖庙路33号",
    "陈局：同意。\n李总：没有意见。",
    "区民政局 10:23\n请于周五前提交材料\n桂城街道 10:24\n收到",
])
def test_label_lines_and_sayings_are_no_turns(text):
    assert spans(text, "PERSON") == []


@pytest.mark.parametrize("text,names", [
    # lists: every item read whole, rare, compound, three-character and minority names
    ("出席：陈思远、韩冰、欧阳晓峰、巴特尔、笪丽萍", ["陈思远", "韩冰", "欧阳晓峰", "巴特尔", "笪丽萍"]),
    ("拟确定以下人员为低保对象：吴俊杰、周子豪、郑雨桐、鄢文斌、訾红梅、庹建国。",
     ["吴俊杰", "周子豪", "郑雨桐", "鄢文斌", "訾红梅", "庹建国"]),
    ("本次获奖人员为刘志远、蒋晨、何一帆、萧雅琪、巫马晴。", ["刘志远", "蒋晨", "何一帆", "萧雅琪", "巫马晴"]),
    ("额尔敦、其木格夫妇二人申请低保。", ["额尔敦", "其木格"]),
    # a minority name's one part with what follows names after it
    ("巴特尔（男，45岁）于3月5日来电反映", ["巴特尔"]),
])
def test_listed_names_are_masked_whole(text, names):
    assert spans(text, "PERSON") == names


@pytest.mark.parametrize("text,names", [
    # an item that runs on into the sentence is not read whole (…陈桂珍各持股 is no name)
    ("股东钭丽娟、陈桂珍各持股50%。", ["钭丽娟", "陈桂珍"]),
    ("张伟、李娜说明了情况。", ["张伟", "李娜"]),
    # places, products and people of history listed are no names
    ("覆盖禅城、南海、顺德、高明、三水五个区。", []),
    ("岭南文化名人：康有为、梁启超、詹天佑、黄飞鸿、叶问。", []),
    ("主要产品：钢材、石材、陶瓷、铝型材、家具。", []),
])
def test_a_list_item_is_a_name_only_within_its_bounds(text, names):
    assert spans(text, "PERSON") == names


# -- 3. public bodies' desk phones and office addresses ----------------------------------------------
BODY_LINES = [
    # a notice's bare service label, an office's own line, the reader asked to call
    "关于开展2026年度城乡居民医保参保登记的通知\n各村（居）委会：\n请于3月31日前完成登记工作。\n咨询：0757-85381234",
    "咨询：0757-83031234\n投诉：0757-83031235",
    "科室电话：0757-83031234",
    "窗口电话：0757-86281234",
    "请致电0757-83031234了解详情。",
    # an office or section named as the contact, in a record a body heads
    "南海区桂城街道办事处\n联系人：社会事务办\n电话：0757-86281234",
    "联系人：综合科 0757-83031234",
    # an office's part bracketed after the number; a body with its floor bracketed after an address
    "电话：0757-83031234（办公室）",
    "电话：0757-83031234（传真）",
    "联系电话：0757-83031234（窗口）",
    "地址：禅城区祖庙路33号（区政务服务中心一楼）",
    # a clause sending the reader to a body, then the number
    "公示期内如有异议，请向镇社会事务办反映，电话：0757-85381234。",
    # a record headed by a body: a label with a bracket, 单位地址, a body named 佛山市民政局 (市民 inside)
    "甲方（征收部门）：佛山市南海区住房和城乡建设局\n地址：佛山市南海区桂城街道南海大道北26号\n联系电话：0757-86281234",
    "单位名称：佛山市禅城区张槎街道社区卫生服务中心\n单位地址：佛山市禅城区张槎一路115号\n单位电话：0757-82311234",
    "指导单位：佛山市民政局\n联系电话：0757-83031234",
    # premises one is sent to for a service
    "咨询地址：佛山市禅城区汾江中路100号",
    "申请人可到佛山市南海区桂城街道南海大道北88号区行政服务中心办理。",
    "请携带材料到禅城区石湾镇街道公正路16号办理。",
    # lists under a heading of offices' points, a body's name then a comma and its address, 户籍室, 警务室
    "附：各镇街受理点\n桂城街道：南海大道北88号，0757-86281234\n大沥镇：广佛路28号，0757-85571234",
    "各社区服务中心地址及电话：\n1. 东华里社区居委会，佛山市禅城区福贤路8号，0757-82261234\n"
    "2. 升平社区居委会，佛山市禅城区升平路88号，0757-82261235",
    "联系我们\n地址：佛山市禅城区汾江中路100号\n电话：0757-83031234\n邮箱：fsmzj@163.com",
    "户籍业务请到辖区派出所户籍室办理，祖庙派出所户籍室：佛山市禅城区祖庙路20号，电话：0757-82221234。",
    "社区民警：李警官，警务室电话0757-82221234",
    "本所地址：佛山市禅城区祖庙路20号　联系电话：0757-82221234",
]


def test_a_bodys_line_and_premises_stay():
    out = mask_texts(BODY_LINES)
    assert [(t, o) for t, o in zip(BODY_LINES, out) if t != o] == []


def test_the_steward_can_mask_them_all():
    found = find_personal(BODY_LINES, public=NO_PUBLIC_CONTACTS)
    assert all(found), [t for t, f in zip(BODY_LINES, found) if not f]


@pytest.mark.parametrize("text,personal", [
    # a person's number or address beside a body's: the person's is masked
    ("请致电张先生0757-83031234了解详情。", ["0757-83031234"]),
    ("请致电陈志强0757-83031234了解详情。", ["陈志强", "0757-83031234"]),
    ("投诉：市民黄丽华，电话0757-82261234，反映噪音扰民。", ["黄丽华", "0757-82261234"]),
    ("联系人：陈志强　电话：0757-83031234（办公室）", ["陈志强", "0757-83031234"]),
    ("咨询：0757-83031234（区民政局）；申请人梁志华手机13812345678，家中电话0757-82261235。",
     ["梁志华", "13812345678", "0757-82261235"]),
    ("住址：佛山市禅城区升平路25号，到佛山市禅城区汾江中路100号区行政服务中心办理。", ["升平路25号"]),
    ("家住禅城区石湾镇街道公正路16号，请工作人员上门办理。", ["公正路16号"]),
    ("联系人：黄丽萍（社会事务办），手机13812345678", ["黄丽萍", "13812345678"]),
    ("如有异议，请向镇社会事务办反映，电话：0757-85381234；申请人梁志华，电话：0757-85381235。",
     ["梁志华", "0757-85381235"]),
    ("南海区桂城街道办事处\n联系人：社会事务办\n电话：0757-86281234\n申请人：梁志华\n电话：0757-86281235",
     ["梁志华", "0757-86281235"]),
    ("甲方（征收部门）：佛山市南海区住房和城乡建设局\n联系电话：0757-86281234\n乙方（被征收人）：梁志华\n"
     "地址：佛山市南海区桂城街道海五路28号3栋1102房\n联系电话：0757-86281235",
     ["梁志华", "海五路28号3栋1102房", "0757-86281235"]),
    ("附：各镇街受理点\n桂城街道：南海大道北88号，0757-86281234\n申请人梁志华：海五路28号，0757-86281235",
     ["梁志华", "海五路28号", "0757-86281235"]),
    ("联系我们\n联系人：陈志强\n电话：0757-83031234", ["陈志强", "0757-83031234"]),
    ("经营场所：佛山市禅城区升平路25号首层。", ["升平路25号"]),
    ("单位名称：佛山市禅城区张槎街道社区卫生服务中心\n单位电话：0757-82311234\n就诊人：黄丽华\n"
     "家庭住址：佛山市禅城区张槎街道张槎一路200号5座301房", ["黄丽华", "张槎一路200号5座301房"]),
])
def test_a_persons_line_beside_a_bodys_is_masked(text, personal):
    out = masked(text)
    assert not [p for p in personal if p in out], out


@pytest.mark.parametrize("text,name", [
    # three-character names given since the 1990s, whatever jieba joins their last character to
    ("陈思远在该公司工作三年。", "陈思远"),
    ("卢卓言驾驶小车撞上护栏。", "卢卓言"),
    ("受害人苗若曦称其手机被盗。", "苗若曦"),  # 若 is a particle elsewhere
    ("申请人郑雨桐，女，1990年出生。", "郑雨桐"),
    ("投诉人冯子墨来电反映。", "冯子墨"),
    ("李梓彤同学获得一等奖。", "李梓彤"),
])
def test_a_three_character_name_is_masked_whole(text, name):
    assert spans(text, "PERSON") == [name]


@pytest.mark.parametrize("text,name", [
    # Mongolian names after a cue, without a colon, and with a party's act after them
    ("市民巴特尔反映小区噪音。", "巴特尔"),
    ("申请人其木格，女，1985年出生。", "其木格"),
    ("来电人吉日嘎拉反映。", "吉日嘎拉"),
    ("当事人乌兰图雅，女，36岁。", "乌兰图雅"),
    ("被告阿拉坦仓辩称。", "阿拉坦仓"),
    ("投诉人满都拉来电反映。", "满都拉"),
    ("租户毕力格拒绝搬离。", "毕力格"),
    ("经查，敖其尔多次在该路段违规停车。", "敖其尔"),
])
def test_a_minority_name_is_masked_whole(text, name):
    assert spans(text, "PERSON") == [name]


@pytest.mark.parametrize("text,names", [
    # compound surnames: the last of a list before 二人, after 被告人 and 住户
    ("慕容雪、宇文泰二人在场。", ["慕容雪", "宇文泰"]),
    ("被告人公孙瓒辩称。", ["公孙瓒"]),
    ("住户尉迟恭投诉噪音。", ["尉迟恭"]),
    ("经查，司徒雅琪多次在该店购物。", ["司徒雅琪"]),
])
def test_compound_surnames_are_masked(text, names):
    assert spans(text, "PERSON") == names
