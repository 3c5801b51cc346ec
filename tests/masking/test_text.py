"""Free text: span replacement, overlap resolution, and mask_lines for the CLI."""
from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from masking.errors import BadMaskingInput
from masking.text import mask_lines, mask_texts, replace_spans, resolve_overlaps
from tests.masking.helpers import VALID_ID

LINE = f"申请人张伟（身份证号{VALID_ID}）于2026年3月15日在佛山市南海区桂城街道南海大道北88号办理业务，联系电话13812345678。"


def test_default_is_entity_tags():
    assert mask_texts([LINE]) == ["申请人<PERSON>（身份证号<CN_ID_NUMBER>）于2026年3月15日在<CN_ADDRESS>办理业务，联系电话<CN_MOBILE>。"]


def test_mask_operator_gives_partial_masks():
    assert mask_texts([LINE], "mask") == [
        "申请人张*（身份证号440604********1236）于2026年3月15日在佛山市南海区************办理业务，联系电话138****5678。"
    ]


def test_other_operators_on_text():
    assert mask_texts(["手机13812345678"], "redact") == ["手机"]
    assert mask_texts(["手机13812345678"], "keep") == ["手机13812345678"]
    assert mask_texts([f"身份证号{VALID_ID}"], "generalize") == ["身份证号440604"]
    hashed = mask_texts(["手机13812345678，再次确认手机13812345678"], "hash", key=b"text-test-hmac-key!")[0]
    tags = [part.split(">")[0] for part in hashed.split("<")[1:]]
    assert len(tags) == 2 and tags[0] == tags[1] and tags[0].startswith("CN_MOBILE:")
    with pytest.raises(BadMaskingInput):
        mask_texts(["x"], "hash")
    with pytest.raises(BadMaskingInput):
        mask_texts(["x"], "scramble")


@pytest.mark.parametrize(
    "text",
    [
        "订单号202603151234567890已于2026年3月15日发货，金额12,345.67元。",
        "根据《佛山市政务数据资源管理办法》第十二条，应当在5个工作日内答复。",
        "2026年第一季度全市地区生产总值3,025.6亿元，同比增长4.1%。",
        "佛山市南海区人民政府关于印发实施方案的通知（南府〔2026〕12号）",
        "",
    ],
)
def test_text_without_personal_data_is_unchanged(text):
    assert mask_texts([text]) == [text]
    assert mask_texts([text], "mask") == [text]


def test_none_stays_none():
    assert mask_texts([None, "手机13812345678"]) == [None, "手机<CN_MOBILE>"]


def _result(entity, start, end, score):
    return RecognizerResult(entity, start, end, score)


def test_overlaps_go_to_the_higher_score_then_the_longer_span():
    chosen = resolve_overlaps([
        _result("CN_BANK_CARD", 0, 18, 0.8),
        _result("CN_ID_NUMBER", 0, 18, 0.9),
        _result("PERSON", 20, 22, 0.6),
        _result("CN_ADDRESS", 19, 30, 0.6),
    ])
    assert [(r.entity_type, r.start) for r in chosen] == [("CN_ID_NUMBER", 0), ("CN_ADDRESS", 19)]
    assert replace_spans("abcdefghijklmnopqr", [_result("X", 2, 4, 1.0)]) == "ab<X>efghijklmnopqr"


def test_mask_lines_gives_one_line_per_line_in_order():
    lines = [f"{i}号窗口：联系人王芳，手机1381234{i:04d}\n" for i in range(700)]
    lines[10] = "\n"
    lines[20] = "没有个人信息的一行\n"
    out = list(mask_lines(iter(lines), batch_size=64))
    assert len(out) == len(lines)
    assert out[10] == "\n" and out[20] == lines[20]
    assert out[0] == "0号窗口：联系人<PERSON>，手机<CN_MOBILE>\n"
    assert out[699] == "699号窗口：联系人<PERSON>，手机<CN_MOBILE>\n"
    assert all(o.endswith("\n") for o in out)


def test_mask_lines_keeps_each_line_ending():
    lines = ["手机13812345678\r\n", "手机13912345678\n", "手机13712345678"]
    assert list(mask_lines(lines, "mask")) == ["手机138****5678\r\n", "手机139****5678\n", "手机137****5678"]


def test_mask_lines_is_lazy():
    def source():
        yield "手机13812345678\n"
        raise AssertionError("read past the first batch")

    stream = mask_lines(source(), batch_size=1)
    assert next(stream) == "手机<CN_MOBILE>\n"
