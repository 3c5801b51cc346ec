"""`datagate mask`: lines of text on standard input, each masked on standard output, in order,
one line out per line in (api.md "Masking")."""
from __future__ import annotations

from typer.testing import CliRunner

from gateway.cli import app
from masking.check_digits import id_check_digit


def _id(first17: str = "44060419900101123") -> str:
    return first17 + id_check_digit(first17)


def mask(text: str, *args: str):
    return CliRunner().invoke(app, ["mask", *args], input=text)


def test_each_line_becomes_its_masked_line_with_entity_tags():
    person_id = _id()
    lines = [f"张伟的身份证号码是{person_id}，手机13812345678。",
             "订单号 20261125，金额 300 元，第 12 条。",
             "",
             "联系人：李娜，电话0757-83331234，邮箱 lina@163.com"]
    result = mask("\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = result.stdout.split("\n")
    assert len(out) == len(lines) + 1 and out[-1] == ""
    assert "<CN_ID_NUMBER>" in out[0] and "<CN_MOBILE>" in out[0] and "<PERSON>" in out[0]
    assert person_id not in result.stdout and "13812345678" not in result.stdout
    assert out[1] == lines[1], "text without personal data comes out unchanged"
    assert out[2] == ""
    assert "<CN_LANDLINE>" in out[3] and "<EMAIL_ADDRESS>" in out[3]
    assert "0757-83331234" not in out[3] and "lina@163.com" not in out[3]


def test_operator_mask_gives_partial_masks():
    person_id = _id()
    result = mask(f"申请人身份证号：{person_id}，手机号码：13812345678\n", "--operator", "mask")
    assert result.exit_code == 0, result.output
    assert f"{person_id[:6]}********{person_id[-4:]}" in result.stdout
    assert "138****5678" in result.stdout and person_id not in result.stdout


def test_order_is_kept_across_batches_and_a_last_line_without_newline():
    lines = [f"第{i}行：身份证号 {_id(f'440605198{i % 10}0{1 + i % 9}1{i % 10}{i % 7}12')}" for i in range(600)]
    result = mask("\n".join(lines))
    assert result.exit_code == 0, result.output
    out = result.stdout.split("\n")
    assert len(out) == 600 and not result.stdout.endswith("\n")
    for i, line in enumerate(out):
        assert line.startswith(f"第{i}行：") and "<CN_ID_NUMBER>" in line, (i, line)


def test_an_unknown_operator_is_refused():
    result = mask("x\n", "--operator", "shred")
    assert result.exit_code == 2 and "tag" in result.output and result.stdout == ""
