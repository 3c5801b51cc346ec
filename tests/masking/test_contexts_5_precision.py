"""Issue 18, fifth round, the precision half: the categories a sixth blind corpus reported (counts
only, never its texts), one general rule each, on sentences of our own. In each kind of sentence
a body's contact point stands and a person's is masked.

1. public bodies' desk phones: more kinds of body (banks, funeral and elder care, border posts),
   a list of numbers going on, a letter's footer after its closing words, a table of offices, a
   text message a body signs, an official's desk line, a form's field labelled as an office's
   line, a label alone on the line above its value, the public spoken to (请患者家属…, 居民如需…);
2. certificate and document numbers near a phone label, years in a CV, and landlines without
   an area code (本人电话：5312345 masked, 派出所电话：6231110 standing);
3. words taken for names: herbs and crops jieba tags as names, the water and sights a place
   names (冯家湾渔港), a modal verb after a cue (家属须签订);
4. offices' addresses: a body's premises by its label (网点地址, 本院地址), in brackets after the
   body with the town left out of the span.
"""
from __future__ import annotations

import pytest

from masking.public_contacts import NO_PUBLIC_CONTACTS
from masking.text import find_personal


def spans(text: str, entity: str) -> list[str]:
    return [text[r.start:r.end] for r in find_personal([text])[0] if r.entity_type == entity]


def landlines(text: str) -> list[str]:
    return spans(text, "CN_LANDLINE")


# -- 1. public bodies' desk phones ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "中国工商银行青秀支行 电话：0771-5312345",
    "开户行：农业银行城东支行，网点电话：0771-2212345",
    "贷款催收通知\n借款人：周杰\n请于3日内归还欠款，如有疑问请联系我行信贷部，电话：0755-83195555。",
    "致李四：你的贷款已逾期，请联系我行，电话0755-83195555。",
    "银行卡挂失申请\n持卡人：孙丽\n受理网点：工商银行城东支行\n网点电话：0771-5312345",
])
def test_a_banks_desk_phone_stands(text):
    assert landlines(text) == []


@pytest.mark.parametrize("text,private", [
    ("户名：黄明 开户行：工商银行 联系电话：0771-5312345", "0771-5312345"),
    ("持卡人孙丽在工商银行办理挂失，本人电话：0771-5312346", "0771-5312346"),
])
def test_a_persons_phone_beside_a_bank_is_masked(text, private):
    assert landlines(text) == [private]


@pytest.mark.parametrize("text", [
    "殡葬服务告知\n逝者：周德明\n承办：青山县殡仪馆\n业务电话：0745-7226666（24小时）",
    "入住登记\n老人姓名：王秀英\n入住机构：阳光养老院\n机构电话：0745-7228888",
    "市社会福利院电话：0871-64123456",
    "供电所报修电话：0776-2812345",
    "被告人家属如需会见，请向看守所预约，电话：0771-5312345。",
])
def test_bodies_of_funeral_and_elder_care_and_their_kind_are_bodies(text):
    assert landlines(text) == []


def test_a_bank_is_no_account_holder():
    from tests.masking.helpers import VALID_CARD
    text = f"户主：杨雷，账号{VALID_CARD}（开户行：佛山农村商业银行）。"
    assert spans(text, "CN_BANK_CARD") == [VALID_CARD]


@pytest.mark.parametrize("text,public", [
    ("举报电话：0591-87654321／87654322", ["0591-87654321", "87654322"]),
    ("咨询电话：0591-87654321；87654322", ["0591-87654321", "87654322"]),
    ("联系电话：0745-7221234、7221235（传真）", ["0745-7221234", "7221235"]),
])
def test_a_list_of_a_bodys_numbers_stands_whole(text, public):
    assert landlines(text) == []
    assert all(p in text for p in public)


def test_a_list_after_a_persons_number_is_masked():
    assert landlines("家庭电话：0771-5312345、5312346") == ["0771-5312345", "5312346"]


CERTIFICATE = "长坪村村民委员会\n证明\n兹证明张三系我村村民，家庭困难。\n特此证明。\n联系电话：0736-7823456"


def test_a_bodys_letter_keeps_its_footer_after_its_closing_words():
    assert landlines(CERTIFICATE) == []
    assert spans(CERTIFICATE, "PERSON") == ["张三"]


def test_a_persons_line_after_the_closing_words_is_masked():
    text = CERTIFICATE.replace("联系电话", "申请人张三家庭电话")
    assert landlines(text) == ["0736-7823456"]


@pytest.mark.parametrize("text", [
    "窗口 业务 电话\n3号窗口 户籍 0771-5312345\n4号窗口 出入境 0771-5312346",
    "单位 | 电话\n青秀区民政局 | 0771-5312345\n青秀区人社局 | 0771-5312346",
])
def test_a_table_of_offices_stands(text):
    assert landlines(text) == []


def test_a_persons_row_in_a_table_of_offices_is_masked():
    text = "单位 联系人 电话\n青秀区民政局 联系人：黄明 0771-5312345"
    assert landlines(text) == ["0771-5312345"]


@pytest.mark.parametrize("text", [
    "【城西派出所】您的居住证已办理完成，请携带身份证到户籍窗口领取。电话：0871-63152110",
    "【工商银行】尊敬的客户，您的卡片已寄出，如未收到请致电：0771-5312345",
])
def test_a_text_message_a_body_signs_keeps_its_line(text):
    assert landlines(text) == []


def test_a_person_named_in_a_bodys_text_message_keeps_their_line_masked():
    assert landlines("【城西派出所】报警人赵丽家庭电话：0871-63152111，请民警回访。") == ["0871-63152111"]


@pytest.mark.parametrize("text", [
    "办案民警：马力（警号012345） 联系电话：0871-63152110",
    "民警联系电话：0871-63012345",
    "承办法官：刘志强，书记员电话：0871-65012345",
])
def test_an_officials_desk_line_stands(text):
    assert landlines(text) == []


@pytest.mark.parametrize("text", [
    "承办人：黄志明 联系电话：0757-82781234",
    "经办人：刘芳（工号A0123） 办公电话：0757-82781235",
    "[社区网格员]：有事可以打社区电话0757-83331234",
    "小李：请问社区电话多少？\n社区工作人员：0757-83331234",
])
def test_a_case_officers_or_a_community_desk_line_stands(text):
    assert landlines(text) == []


@pytest.mark.parametrize("text", [
    "联系人：王先生，联系电话：0757-83031234。",  # a named contact's line is theirs (the held-out convention)
    "负责人：陈志强 电话：0757-83031235",
    "家住幸福社区，家庭电话：0757-83031236",
])
def test_a_contact_persons_line_is_still_theirs(text):
    assert len(landlines(text)) == 1


def test_a_label_over_a_phone_is_no_signature():
    text = "申请人\n张三\n受理单位\n禅城区民政局\n单位电话\n0757-83331234"
    assert spans(text, "PERSON") == ["张三"] and landlines(text) == []
    assert spans("特此公告。\n黄志明\n2026年3月1日", "PERSON") == ["黄志明"]


@pytest.mark.parametrize("text,private", [
    ("如有疑问请致电区人社局0757-82231234，或联系经办人黄志明（13712345678，0757-82231235）。", "0757-82231235"),
    ("办案民警：马力，手机13812345678，电话0871-63152110", "0871-63152110"),
])
def test_an_officials_own_contact_beside_their_mobile_is_masked(text, private):
    assert private in landlines(text)


@pytest.mark.parametrize("text", [
    "报警人：张三 联系电话：13812345678 处警单位：城西派出所 处警民警：李四 单位电话：0871-63152110",
    "姓名：张三  性别：男  工作单位：市人民医院  单位电话：0731-84327766",
    "患者：孙梅  科室：骨科  科室电话：0731-84327766",
])
def test_a_forms_field_labelled_as_an_offices_line_stands(text):
    assert landlines(text) == []


@pytest.mark.parametrize("text", [
    "联系人：王芳  办公电话：0757-82261235",
    "咨询人何小红，咨询电话0757-86391234。",
])
def test_a_line_labelled_after_a_person_is_theirs(text):
    assert len(landlines(text)) == 1


@pytest.mark.parametrize("text", [
    "受理单位\n城西派出所\n联系电话\n0871-63152110",
    "监督电话\n0771-5312345",
])
def test_a_label_alone_on_the_line_above_its_value_is_read_with_it(text):
    assert landlines(text) == []


def test_a_persons_label_on_the_line_above_keeps_the_value_masked():
    assert landlines("申请人：张三\n家庭电话\n0771-5312345") == ["0771-5312345"]


@pytest.mark.parametrize("text", [
    "居民如需办理居住证，请咨询社区服务中心，电话0871-67212345。",
    "申请人可拨打0771-5312345查询办理进度。",
    "涉事居民可向街道办反映，电话0771-5312345。",
    "申请人王秀英：你申请的事项已受理，请于10日内到镇政府领取，电话：0736-7823456。",
    "家属须知\n1.探视时间：每日15:00-17:00\n2.病区电话：0731-84327766",
])
def test_the_public_spoken_to_is_no_party_of_the_line(text):
    assert landlines(text) == []


@pytest.mark.parametrize("text", [
    "申请人陈秀英向禅城区民政局申请低保，联系电话0757-82261234。",
    "申请人应当留下本人电话：0771-5312345。",
])
def test_a_party_spoken_of_keeps_their_line_masked(text):
    assert len(landlines(text)) == 1


def test_the_steward_can_mask_the_desk_phones_too():
    texts = ["中国工商银行青秀支行 电话：0771-5312345", "受理单位\n城西派出所\n联系电话\n0871-63152110"]
    assert all(any(r.entity_type == "CN_LANDLINE" for r in rs) for rs in find_personal(texts, public=NO_PUBLIC_CONTACTS))


# -- 2. numbers that are no landline, and landlines without an area code ---------------------------
@pytest.mark.parametrize("text,number", [
    ("联系电话：13812345678，证书编号：23456789", "23456789"),
    ("电话：13812345678 林权证号：45012345", "45012345"),
    ("联系电话：13912345678 病案号：2345678", "2345678"),
    ("联系电话：0771-5312345 票据号：56781234", "56781234"),
    ("电话：13812345678，合同编号：2023456789", "2023456789"),
])
def test_a_document_number_after_a_phone_is_no_landline(text, number):
    assert number not in landlines(text)


def test_years_in_a_cv_are_no_landline():
    assert landlines("个人简历\n姓名：孙丽 电话：13912345678\n工作经历：2019-2023 市人民医院 护士") == []


@pytest.mark.parametrize("text,number", [
    ("本人电话：5312345", "5312345"),
    ("家庭电话：83312345", "83312345"),
    ("家庭电话 5312345", "5312345"),
    ("住址：南宁市青秀区民主路3号，电话：5312345", "5312345"),
])
def test_a_persons_landline_without_an_area_code_is_masked(text, number):
    assert landlines(text) == [number]


@pytest.mark.parametrize("text", ["派出所电话：6231110", "村委会电话：6823456", "城西派出所值班电话：5312345"])
def test_a_bodys_landline_without_an_area_code_stands(text):
    assert landlines(text) == []


# -- 3. words taken for names -----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "种植作物：罗汉果、金银花、杜仲、石斛、田七、何首乌。",
    "药品：布洛芬缓释胶囊、金银花颗粒、连花清瘟胶囊",
    "处方：陈皮6g、柴胡9g、连翘10g、黄精15g。",
    "林木种类：马尾松、云杉、冷杉。",
])
def test_herbs_and_crops_are_no_names(text):
    assert spans(text, "PERSON") == []


def test_a_name_beside_a_herb_is_masked():
    assert spans("药品：金银花颗粒 开方医生：陈建国", "PERSON") == ["陈建国"]


@pytest.mark.parametrize("text", ["冯家湾渔港避风。", "贺兰山景区门票。"])
def test_a_place_before_its_water_or_sights_is_no_name(text):
    assert spans(text, "PERSON") == []


def test_a_person_at_the_water_is_a_name():
    assert spans("冯家明在渔港避风时落水。", "PERSON") == ["冯家明"]


def test_a_modal_verb_after_a_cue_is_no_surname():
    assert spans("入住老人须提供体检报告，家属须签订协议。", "PERSON") == []
    assert spans("配偶须俊杰，男，45岁。", "PERSON") == ["须俊杰"]


# -- 4. offices' addresses ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "银行网点地址：南宁市青秀区民族大道100号",
    "报名地点：县教育局（城关镇人民路3号）",
    "外国人管理服务站\n地址 Address：昆明市西山区前卫路8号\n电话 Tel：0871-63012345",
])
def test_an_offices_address_stands(text):
    assert spans(text, "CN_ADDRESS") == []


@pytest.mark.parametrize("text", [
    "住所地址：南宁市青秀区民族大道100号",
    "申请人：王秀英（城关镇人民路5号）",
    "申请人：张三\n地址 Address：昆明市西山区前卫路9号",
])
def test_a_persons_address_in_the_same_shape_is_masked(text):
    assert len(spans(text, "CN_ADDRESS")) == 1


# -- 1 (cont.). a body speaking of itself, an officer on the line above -------------------------------
@pytest.mark.parametrize("text", [
    "王五：本院定于3月5日开庭审理你诉李四一案，请准时到庭。联系电话：0745-7221234。",
    "青山县人民法院\n传票\n被传唤人：刘志强\n书记员：王芳\n联系电话：0745-7221234",
])
def test_a_bodys_own_notice_keeps_its_bare_contact_line(text):
    assert landlines(text) == []


@pytest.mark.parametrize("text", [
    "本局已受理你的申请。\n申请人：王芳\n联系电话：0745-7221235",
    "本院受理原告张三诉被告李四一案。原告联系电话：0745-7221236。",
])
def test_a_persons_record_in_a_bodys_notice_keeps_its_line_masked(text):
    assert len(landlines(text)) == 1
