"""Column-wise operators (masking.arrow_operators) give exactly what the per-value operators give."""
from __future__ import annotations

import itertools
import re

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.demo.data.enterprises import enterprise_rows
from gateway.demo.data.people import population_rows
from masking import arrow_operators, lexicon, places
from masking.arrow_operators import mask_arrow
from masking.kinds import FieldKind
from masking.operators import apply_operator
from masking.policies import mask_column
from tests.masking.helpers import VALID_CREDIT, VALID_ID, VALID_ID_X

HANDLED = sorted(arrow_operators._OPERATORS, key=repr)

ADDRESSES = [
    "广东省佛山市南海区桂城街道南海大道北88号3座1202房", "佛山市南海区桂城街道", "南海区桂城街道海八路1号",
    "广东佛山市禅城区祖庙街道", "广东省佛山市", "广东省", "佛山市", "南海区", "广东省佛山市南海区域内",
    "广东省佛山市南海区", "新疆维吾尔自治区乌鲁木齐市天山区解放北路1号", "内蒙古自治区呼和浩特市新城区",
    "广西壮族自治区桂林市秀峰区", "湖南省湘西土家族苗族自治州吉首市人民路", "北京市朝阳区建国路88号",
    "上海市浦东新区世纪大道100号", "黑龙江哈尔滨市南岗区", "甘肃省临夏回族自治州临夏市",
    "广东省深圳市大鹏新区葵涌街道", "浙江省杭州市西湖区", "四川省阿坝藏族羌族自治州马尔康市",
    "广东省清远市连山壮族瑶族自治县吉田镇", "河北省石家庄市长安区市区外", "某某路1号", "桂城街道南海大道",
    "  广东省佛山市南海区", "广东省佛山市南海区\n桂城", "广东省\n佛山市", "Room 1202, 88 Nanhai Avenue",
    "广东省佛山市顺德区容桂街道𠀀路", "广东省佛山市三水区西南街道", "广东省佛山市高明区荷城街道",
    "广东省广州市天河区", "广东省广州天河区", "广东广州市天河区", "X", "区", "市区", "佛山", "",
]
PHONES = [
    "13812345678", "138-1234-5678", "+86 13812345678", "+8613812345678", "008613812345678",
    "86 138 1234 5678", "0757-83331234", "(020)87654321", "010-12345678", "0757", "0", "02", "1", "12",
    "12345", "8613812345678", "861381234567", "23456789", "400-800-1234", "138123456789", "1381234567",
    "１３８１２３４５６７８", "138 1234 5678 ", " 13812345678", "138\u30001234\u30005678", "tel:13812345678",
    "+852 9123 4567", "", " ", "-", "①②③", "13812345678\n",
]
NAMES = [
    "张三", "张三丰", "欧阳娜娜", "欧阳", "司马光", "诸葛亮", "王", "John Smith", "Mary-Ann O'Neil", "张·三",
    "阿卜杜·热合曼", " 李四 ", "\u3000李四", "李四\n", "李4", "l", "", " ", "A", "欧阳 娜娜", "𠀀三",
    "上官婉儿", "令狐冲", "慕容复", "欧阳锋锋锋锋锋锋",
]
CODES = [
    VALID_ID, VALID_ID_X, VALID_CREDIT, " " + VALID_ID, VALID_ID + " ", VALID_ID + "\n", "440604900101123",
    "4406041990", "44060419900", "1234", "", " ", "E12345678", "G1234567", "粤E12345", "粤E·12345", "粤 E12345",
    "440604 1990 0307 1236", "ＡＢＣ１２３４５６７８９０１２", "44060419900307123X\u00a0", "\u2003440604199003071236",
]
EMAILS = ["zhangsan@163.com", "a@b@c.com", "@163.com", "zhangsan@", "no-at-sign", "", " x@y.cn ", "a@b\n@c", "@"]


def _realistic() -> list[str]:
    people = list(population_rows(2000))
    firms = list(enterprise_rows(300))
    values = [p[k] for p in people for k in ("id_number", "name", "phone", "address")]
    values += [str(v) for f in firms for v in f.values() if isinstance(v, str)]
    return values


SAMPLE = ADDRESSES + PHONES + NAMES + CODES + EMAILS + [None] + _realistic()


def _same(values: list, kind: FieldKind, operator: str) -> None:
    got = mask_arrow(pa.array(values, type=pa.string()), kind, operator)
    want = apply_operator(operator, values, kind)
    assert got.type == pa.string()
    diffs = [(v, g, w) for v, g, w in zip(values, got.to_pylist(), want) if g != w]
    assert not diffs, (operator, kind, diffs[:5])


@pytest.mark.parametrize("operator,kind", HANDLED, ids=lambda x: getattr(x, "value", x))
def test_column_wise_equals_value_by_value_on_realistic_and_odd_values(operator, kind):
    _same(SAMPLE, kind, operator)
    _same([None] * 3, kind, operator)
    _same([], kind, operator)


_PIECES = (
    list(lexicon.PROVINCES) + [p[:-1] for p in lexicon.PROVINCES] + [c + "市" for c in lexicon.CITIES]
    + list(lexicon.CITIES) + list(lexicon.DISTRICTS) + list(lexicon.TOWNS) + list(lexicon.COMPOUND_SURNAMES)
    + list("区县市旗域别分间内外自治州地区盟省镇路号座房王李·•@") + ["1", "0", "86", "0086", "138", "0757", "020",
    "12345678", "-", "(", " ", "\u3000", "\u00a0", "\n", "\t", "１", "a", "X", "é", "𠀀", "+"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), st.lists(st.sampled_from(_PIECES), max_size=7).map("".join),
                          st.text(max_size=12)), max_size=40))
def test_column_wise_equals_value_by_value_on_generated_values(values):
    for operator, kind in HANDLED:
        _same(values, kind, operator)


def test_an_address_prefix_decides_the_head_only_when_it_holds_every_step():
    """Whatever the prefix width, the head is the one address_head reads on the whole value."""
    values = [a for a in SAMPLE if a is None or "省" in a or "市" in a or "区" in a] + [
        "".join(p) for p in itertools.product(["广东省", "广东", "新疆维吾尔自治区", ""],
                                              ["佛山市", "乌鲁木齐市", "湘西土家族苗族自治州", "某某市", ""],
                                              ["南海区", "天山区", "吉首市", "长安区", "某某县", ""],
                                              ["域", "内", "桂城街道", "1号", ""])]
    original = arrow_operators.ADDRESS_PREFIX
    try:
        for width in range(1, 26):
            arrow_operators.ADDRESS_PREFIX = width
            _same(values, FieldKind.ADDRESS, "generalize")
            _same(values, FieldKind.ADDRESS, "mask")
    finally:
        arrow_operators.ADDRESS_PREFIX = original


def test_step_reaches_cover_what_each_pattern_can_read():
    """PROVINCE_REACH etc. are at least the widest match of each step's pattern with its
    look-ahead read as if it consumed what it looks at (Python's own width of the pattern)."""
    parser = getattr(re, "_parser", None)
    if parser is None:
        pytest.skip("this Python has no re._parser")

    def reach(pattern: re.Pattern) -> int:
        consuming = pattern.pattern.replace("(?=", "(?:").replace("(?!", "(?:")
        return parser.parse(consuming).getwidth()[1]

    assert reach(places.PROVINCE) <= places.PROVINCE_REACH
    assert max(reach(places.CITY_ANY), reach(places.CITY_KNOWN)) <= places.CITY_REACH
    assert max(reach(places.DISTRICT_ANY), reach(places.DISTRICT_KNOWN)) <= places.DISTRICT_REACH


def test_chunked_and_large_string_arrays_and_what_is_not_handled():
    values = ["13812345678", None, "0757-83331234"]
    want = apply_operator("generalize", values, FieldKind.PHONE)
    chunked = pa.chunked_array([pa.array(values[:1]), pa.array(values[1:])])
    assert mask_arrow(chunked, FieldKind.PHONE, "generalize").to_pylist() == want
    assert mask_arrow(pa.array(values, pa.large_string()), FieldKind.PHONE, "generalize").to_pylist() == want
    assert mask_arrow(pa.array([1, 2]), FieldKind.PHONE, "generalize") is None
    assert mask_arrow(pa.array(["x"]), FieldKind.ID_NUMBER, "hash") is None
    assert mask_arrow(pa.array(["佛山市南海区桂城街道"]), FieldKind.FREE_TEXT, "tag") is None
    assert mask_arrow(pa.array(["佛山市南海区桂城街道"]), FieldKind.FREE_TEXT, "mask") is None
    assert mask_arrow(pa.array(["佛山市南海区桂城街道"]), "ADDRESS", "generalize") is not None


def test_mask_column_on_arrow_uses_the_column_wise_operators_with_the_same_output():
    values = ADDRESSES + [None]
    for operator in ("generalize", "mask"):
        assert mask_column(pa.array(values), FieldKind.ADDRESS, operator).to_pylist() == \
            mask_column(values, FieldKind.ADDRESS, operator)
