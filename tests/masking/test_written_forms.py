"""Identifiers, names, addresses and public contact points as documents write them (issue 18)."""
from __future__ import annotations

import pytest

from masking.operators import apply_operator
from masking.public_contacts import NO_PUBLIC_CONTACTS, PublicContacts
from masking.text import anonymizer_engine, mask_texts
from tests.masking.helpers import VALID_CARD, VALID_ID_X, wrong_check_digit

ID = VALID_ID_X  # 440604198506100..X
WIDE = "".join(chr(ord(c) + 0xFEE0) for c in ID)


def tags(text: str, **kw) -> str:
    return mask_texts([text], **kw)[0]


@pytest.mark.parametrize("written", [
    f"{ID[:6]} {ID[6:14]} {ID[14:]}",
    "-".join(ID[i:i + 4] for i in range(0, 18, 4)),
    f"{ID[:3]} {ID[3:6]} {ID[6:10]} {ID[10:14]} {ID[14:]}",
    ID.lower(),
    WIDE,
])
def test_id_numbers_in_any_grouping(written):
    assert tags(f"身份证号：{written}，已核验。") == "身份证号：<CN_ID_NUMBER>，已核验。"


def test_id_glued_to_a_mobile_or_after_a_prefix():
    assert tags(f"证件及电话{ID}13812345678。") == "证件及电话<CN_ID_NUMBER><CN_MOBILE>。"
    assert tags(f"证件及电话13812345678{ID}。") == "证件及电话<CN_MOBILE><CN_ID_NUMBER>。"
    assert tags(f"档案DB{ID}") == "档案DB<CN_ID_NUMBER>"
    assert tags("身份证440604900101123（旧证）") == "身份证<CN_ID_NUMBER>（旧证）"


def test_a_wrong_check_digit_in_a_grouped_run_is_not_an_id():
    bad = wrong_check_digit(ID)
    assert tags(f"编码 {bad[:6]} {bad[6:14]} {bad[14:]}") == f"编码 {bad[:6]} {bad[6:14]} {bad[14:]}"


@pytest.mark.parametrize("mobile", ["+86 138 1234 5678", "0086 13812345678", "008613812345678", "+86-138-1234-5678",
                                    "１３８１２３４５６７８"])
def test_mobiles_as_written(mobile):
    assert tags(f"手机{mobile}。") == "手机<CN_MOBILE>。"


@pytest.mark.parametrize("grouping", [(4, 4, 4, 4, 3), (6, 13), (4, 4, 4, 4, 3, 0)])
def test_bank_cards_in_any_grouping(grouping):
    parts, i = [], 0
    for n in grouping:
        if n:
            parts.append(VALID_CARD[i:i + n])
            i += n
    assert tags(f"工资卡{' '.join(parts)}。") == "工资卡<CN_BANK_CARD>。"
    assert tags(f"卡号{'-'.join(parts)}") == "卡号<CN_BANK_CARD>"


def test_travel_permits_and_landlines_without_area_code():
    assert tags("往来港澳通行证C12345678，回乡证H12345678") == "往来港澳通行证<CN_PASSPORT>，回乡证<CN_PASSPORT>"
    assert tags("型号C12345678") == "型号C12345678"  # a bare code is not a permit
    assert tags("备用电话8333-1234") == "备用电话<CN_LANDLINE>"
    assert tags("共83331234人次") == "共83331234人次"


@pytest.mark.parametrize("text,name", [
    ("执法人员禤志强、笪丽当场出示证件。", "禤志强"),
    ("被告：冼伟，住所地不详。", "冼伟"),
    ("审判员 区敏", "区敏"),
    ("原告欧阳娜娜诉称", "欧阳娜娜"),
    ("配偶闫成长期患病。", "闫成"),
])
def test_rare_and_compound_surnames_are_masked_whole(text, name):
    masked = tags(text, operator="mask")
    assert name not in masked and name[1:] not in masked


@pytest.mark.parametrize("text", [
    "当事人应自收到本决定书之日起十五日内缴纳罚款。",
    "原告张某某与被告李某民间借贷纠纷一案。",
    "李先生来电咨询，区女士已答复。",
    "康有为故居与孙中山纪念馆同为教育基地，纪念詹天佑诞辰。",
    "志愿者到容桂街道、中山路协助。",
])
def test_not_names(text):
    assert tags(text) == text


def test_addresses_down_to_the_room_or_village_group():
    for address in ("佛山市三水区芦苞镇良教村五组35号", "禅城区祖庙街道大岸村委会陈涌村北坊53号",
                    "南海区狮山镇联和社区佛山大道中64号12座1101室", "顺德区大良街道桂和路28号碧桂园3座1202房"):
        assert tags(f"住址：{address}。") == "住址：<CN_ADDRESS>。"


def test_public_contact_points_stay_private_ones_do_not():
    text = "本机关地址：佛山市禅城区岭南大道北12号，联系电话：0757-83030000，邮箱xxgk@foshan.gov.cn，市民热线0757-12345。"
    assert tags(text) == text
    assert tags("如有疑问请致电0757-83031234（佛山市民政局）。") == "如有疑问请致电0757-83031234（佛山市民政局）。"
    private = "联系人：李娜，电话0757-83331234，邮箱 lina@163.com，住址：佛山市禅城区岭南大道北12号3座1202房"
    assert tags(private) == "联系人：<PERSON>，电话<CN_LANDLINE>，邮箱 <EMAIL_ADDRESS>，住址：<CN_ADDRESS>"
    masked_all = tags(text, public=NO_PUBLIC_CONTACTS)
    assert "0757-83030000" not in masked_all and "xxgk@foshan.gov.cn" not in masked_all


def test_a_steward_lists_public_numbers_and_domains():
    policy = PublicContacts.from_setting({"numbers": ["0757-83331234"], "emailDomains": ["*.example.org"], "publicBodies": False})
    text = "电话0757-83331234，邮箱a@x.example.org，邮箱b@fs.gov.cn"
    assert tags(text, public=policy) == "电话0757-83331234，邮箱a@x.example.org，邮箱<EMAIL_ADDRESS>"
    assert PublicContacts.from_setting(None) == PublicContacts()


def test_one_value_written_two_ways_gets_one_pseudonym():
    key = b"issue-18-release-key-0001"
    ids = apply_operator("hash", [ID, ID.lower(), f"{ID[:6]} {ID[6:14]} {ID[14:]}", WIDE, "-".join([ID[:6], ID[6:]])],
                         "ID_NUMBER", key=key)
    assert len(set(ids)) == 1
    phones = apply_operator("hash", ["13812345678", "+86 138-1234-5678", "0086 138 1234 5678"], "PHONE", key=key)
    assert len(set(phones)) == 1
    other_key = apply_operator("hash", [ID], "ID_NUMBER", key=b"another-release-key-0002")
    assert other_key[0] != ids[0]  # a key per call: releases do not link
    text = mask_texts([f"身份证{ID}，复核身份证{ID[:6]} {ID[6:14]} {ID[14:].lower()}"], "hash", key=key)[0]
    assert text.count(f"<CN_ID_NUMBER:{ids[0][:12]}>") == 2


def test_free_text_goes_through_presidio_anonymizer():
    engine = anonymizer_engine()
    assert "datagate" in engine.get_anonymizers()
    assert tags("手机13812345678", operator="mask") == "手机138****5678"
