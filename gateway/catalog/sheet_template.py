"""The catalog spreadsheet template (docs/catalog-spreadsheet.md): one row per field.

An entry's columns (数据资源代码 … 数值扰动) are filled on its first row and may be left empty
on its following rows, as merged cells read; a value on a following row that differs from
the entry's is a problem. The field columns (信息项代码 …) are filled on every row.

Enumerations are read in Chinese or English and written in Chinese. Identifiers and
enumerations are NFKC-normalised (full-width letters and digits become ASCII); free text
(names, summaries, conditions, legal basis) is only trimmed, since NFKC would rewrite the
Chinese punctuation of an official text (（）：，).

This module turns rows into catalog specs (the dict gateway.catalog.entries.validate_spec
checks) with every problem it finds; what only the store knows (departments, sources,
existing entries) is checked by gateway.workflows.catalog_import.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Callable, Iterable

from gateway.catalog.datasets import valid_code
from gateway.catalog.disclosure import validated
from gateway.catalog.entries import validate_spec
from gateway.catalog.themes import checked_license, checked_theme
from gateway.catalog.field_policies import PERSONAL_CLASSES, sensitivity_of
from gateway.catalog.spreadsheet import Column, Problem, Sheet, folded
from gateway.errors import BadInput


class Bad(Exception):
    """A cell's value that the template cannot take, said in Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclasses.dataclass(frozen=True)
class Enumeration:
    label_zh: str
    label_en: str
    names: dict[str, str]  # code -> the Chinese name written on export
    aliases: dict[str, str] = dataclasses.field(default_factory=dict)  # other spellings -> code

    def read(self, text: str) -> str:
        wanted = re.sub(r"\s+", "", folded(text)).casefold()
        for code, name in self.names.items():
            if wanted in (code.casefold(), name.casefold()):
                return code
        for alias, code in self.aliases.items():
            if wanted == alias.casefold():
                return code
        raise Bad(f"「{text}」不是有效的{self.label_zh}，可填：{'、'.join(self.names.values())}",
                  f"{text!r} is not a {self.label_en}; write one of "
                  f"{', '.join(self.names)} (or {', '.join(self.names.values())})")


SHARE = Enumeration("共享类型", "share type", {
    "UNCONDITIONAL": "无条件共享", "CONDITIONAL": "有条件共享", "NONE": "不予共享"})
OPEN = Enumeration("开放类型", "open type", {
    "UNCONDITIONAL": "无条件开放", "CONDITIONAL": "有条件开放", "NONE": "不予开放"})
DATA_TYPE = Enumeration("数据类型", "data type", {
    "STRING": "字符串", "INT": "整数", "DECIMAL": "小数", "DATE": "日期", "BOOLEAN": "布尔"}, {
    "字符型": "STRING", "字符": "STRING", "文本": "STRING", "整型": "INT", "整数型": "INT",
    "数值": "DECIMAL", "数值型": "DECIMAL", "日期型": "DATE", "布尔型": "BOOLEAN", "逻辑型": "BOOLEAN"})
SENSITIVITY = Enumeration("敏感级别", "sensitivity", {
    "PUBLIC": "公开", "INTERNAL": "内部", "PERSONAL": "个人信息",
    "SENSITIVE_PERSONAL": "敏感个人信息", "DIRECT_IDENTIFIER": "直接标识符"})
IDENTIFIER = Enumeration("标识类型", "identifier kind", {
    "ID_NUMBER": "公民身份号码", "CREDIT_CODE": "统一社会信用代码"}, {"身份证号码": "ID_NUMBER", "身份证号": "ID_NUMBER"})
OPERATOR = Enumeration("脱敏方式", "masking operator", {
    "keep": "保留", "redact": "删除", "mask": "遮盖", "hash": "哈希", "generalize": "泛化",
    "encrypt": "加密", "tag": "标注"}, {"掩码": "mask", "去除": "redact"})
KIND = Enumeration("脱敏数据种类", "masking kind", {
    "ID_NUMBER": "公民身份号码", "CREDIT_CODE": "统一社会信用代码", "NAME": "姓名", "PHONE": "电话号码",
    "EMAIL": "电子邮箱", "BANK_CARD": "银行卡号", "PASSPORT": "护照号码", "LICENSE_PLATE": "车牌号码",
    "ADDRESS": "地址", "DATE": "日期", "BIRTH_DATE": "出生日期", "AGE": "年龄", "AMOUNT": "金额",
    "FREE_TEXT": "自由文本", "OTHER": "其他"})
PROVISION = Enumeration("提供方式", "provision method", {
    "API": "接口", "DOWNLOAD": "下载", "SANDBOX": "沙箱"}, {"数据接口": "API", "文件下载": "DOWNLOAD"})
# free text in the store; the usual periods are written in Chinese and read back as codes
FREQUENCY = {"realtime": "实时", "daily": "每日", "weekly": "每周", "monthly": "每月",
             "quarterly": "每季度", "half-yearly": "每半年", "yearly": "每年", "irregular": "不定期"}
TRUE, FALSE = ("是", "y", "yes", "true", "1", "√"), ("否", "n", "no", "false", "0", "×")


def _text(value: Any) -> str:
    return str(value)


def _identifier(value: Any) -> str:
    return re.sub(r"\s+", "", folded(str(value)))


def _enum(enumeration: Enumeration) -> Callable[[Any], str]:
    return lambda value: enumeration.read(str(value))


def _frequency(value: Any) -> str:
    text = re.sub(r"\s+", "", folded(str(value))).casefold()
    for code, name in FREQUENCY.items():
        if text in (code, name):
            return code
    return str(value)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = folded(str(value)).casefold()
    if text in TRUE or text in FALSE:
        return text in TRUE
    raise Bad(f"「{value}」应填“是”或“否”", f"{value!r} is not yes or no (是/否)")


def _integer(value: Any) -> int:
    number = _number(value)
    if not float(number).is_integer():
        raise Bad(f"「{value}」应为整数", f"{value!r} is not a whole number")
    return int(number)


def _number(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        return float(folded(str(value)).replace(",", ""))
    except ValueError:
        raise Bad(f"「{value}」应为数字", f"{value!r} is not a number") from None


def _methods(value: Any) -> list[str]:
    parts = [p for p in re.split(r"[、,;/\s]+", folded(str(value))) if p]
    return [PROVISION.read(p) for p in parts]


@dataclasses.dataclass(frozen=True)
class TemplateColumn(Column):
    read: Callable[[Any], Any] = _text
    entry: bool = True  # an entry's column (first row), else a field's (every row)


def _e(key, zh, en, read=_text, required=False, aliases=()):
    return TemplateColumn(key, zh, en, required, aliases, read, True)


def _f(key, zh, en, read=_text, required=False, aliases=()):
    return TemplateColumn("field." + key, zh, en, required, aliases, read, False)


COLUMNS = (
    _e("code", "数据资源代码", "code", _identifier, True),
    _e("name", "数据资源名称", "name", required=True),
    _e("description", "数据资源摘要", "summary", aliases=("资源摘要",)),
    _e("owner_department", "提供单位", "owner department", _identifier, aliases=("数源部门",)),
    _e("update_frequency", "更新周期", "update frequency", _frequency),
    _e("share_type", "共享类型", "share type", _enum(SHARE), True),
    _e("share_conditions", "共享条件", "share conditions"),
    _e("open_type", "开放类型", "open type", _enum(OPEN), True),
    _e("open_conditions", "开放条件", "open conditions"),
    _e("open_commitment", "开放使用承诺", "open commitment"),
    _e("provision_methods", "提供方式", "provision methods", _methods),
    _e("theme", "主题分类", "theme", aliases=("主题",)),
    _e("license", "开放许可", "licence", aliases=("许可协议", "license")),
    _e("legal_basis", "法律依据", "legal basis"),
    _e("source_code", "来源库", "source", _identifier),
    _e("table_name", "表名", "table", _identifier),
    _e("key_field", "主键字段", "key field", _identifier, True),
    _e("min_group_size", "最小分组人数", "min group size", _integer),
    _e("disclosure.dominanceN", "优势规则n", "dominance n", _integer),
    _e("disclosure.dominanceK", "优势规则k", "dominance k", _number),
    _e("disclosure.countNoise", "计数扰动", "count noise", _integer),
    _e("disclosure.magnitudeNoise", "数值扰动", "magnitude noise", _number),
    _f("name", "信息项代码", "field", _identifier, True),
    _f("description", "信息项名称", "field description", aliases=("信息项描述", "描述", "description")),
    _f("column", "列名", "column", _identifier, aliases=("字段名",)),
    _f("data_type", "数据类型", "data type", _enum(DATA_TYPE), True),
    _f("sensitivity", "敏感级别", "sensitivity", _enum(SENSITIVITY), aliases=("敏感等级",)),
    _f("identifier_kind", "标识类型", "identifier kind", _enum(IDENTIFIER)),
    _f("dimension", "维度", "dimension", _boolean, aliases=("统计维度",)),
    _f("consent_required", "需本人同意", "consent required", _boolean, aliases=("consent",)),
    _f("masking.shared", "共享脱敏方式", "shared masking", _enum(OPERATOR)),
    _f("masking.open", "开放脱敏方式", "open masking", _enum(OPERATOR)),
    _f("masking.kind", "脱敏数据种类", "masking kind", _enum(KIND)),
    _f("lower_bound", "取值下限", "lower bound", _number),
    _f("upper_bound", "取值上限", "upper bound", _number),
)
ENTRY_COLUMNS = tuple(c for c in COLUMNS if c.entry)
FIELD_COLUMNS = tuple(c for c in COLUMNS if not c.entry)
_BY_KEY = {c.key: c for c in COLUMNS}
_ENTRY_KEYS = frozenset(c.key for c in ENTRY_COLUMNS)


@dataclasses.dataclass
class ParsedEntry:
    """An entry read from a sheet: its spec, and where its cells are (for later problems)."""
    spec: dict
    sheet: Sheet
    first_row: int
    cells: dict[str, int]  # entry column key -> the row its value came from
    faulty: bool = False  # a problem was found: validate_spec is not asked
    unreadable: set[str] = dataclasses.field(default_factory=set)  # keys of cells already reported
    raw: dict[str, Any] = dataclasses.field(default_factory=dict)  # entry cells as first written

    def problem(self, key: str | None, zh: str, en: str, row: int | None = None) -> Problem:
        self.faulty = True
        return self.sheet.problem(row or self.cells.get(key, self.first_row), key, zh, en)


def parse_entries(sheets: Iterable[Sheet]) -> tuple[list[ParsedEntry], list[Problem], int]:
    """The entries of the sheets, every problem found in them, and the number of data rows."""
    entries: list[ParsedEntry] = []
    problems: list[Problem] = []
    first_seen: dict[str, tuple[str, int]] = {}
    count = 0
    for sheet in sheets:
        current: ParsedEntry | None = None
        for number, raw in sheet.rows:
            count += 1
            code = _identifier(raw["code"]) if raw.get("code") is not None else None
            if current is not None and code in (None, current.spec["code"]):
                # a merged cell's value (or one repeated as written) was read on the first row
                raw = {k: v for k, v in raw.items() if k not in current.raw or current.raw[k] != v}
                values, bad = _read_row(sheet, number, raw)
                problems += _continue(current, number, values)
            elif code is None:
                problems.append(sheet.problem(
                    number, "code", "此行之前没有数据资源：请在首行填写数据资源代码",
                    "no entry above this row: give the code on an entry's first row"))
                continue
            else:
                values, bad = _read_row(sheet, number, raw)
                current = _start(sheet, number, values)
                entries.append(current)
                problems += _first_use(current, first_seen)
            current.raw.update({k: v for k, v in raw.items() if k in _ENTRY_KEYS and k not in current.raw})
            problems += bad.values()
            if bad:
                current.faulty = True
                current.unreadable.update(bad)
            problems += _add_field(current, number, values, raw)
    for entry in entries:
        problems += _check_entry(entry)
    return entries, problems, count


def _first_use(entry: ParsedEntry, first_seen: dict[str, tuple[str, int]]) -> list[Problem]:
    code = entry.spec["code"]
    if code not in first_seen:
        first_seen[code] = (entry.sheet.name, entry.first_row)
        return []
    sheet, row = first_seen[code]
    return [entry.problem("code", (
        f"数据资源代码 {code} 重复：已在「{sheet}」第{row}行登记。同一数据资源的信息项须写在相邻行"),
        f"code {code} repeats: it was given on sheet {sheet!r} row {row}; list an entry's "
        "fields on adjacent rows")]


def _read_row(sheet: Sheet, number: int, raw: dict) -> tuple[dict, dict[str, Problem]]:
    """A row's values as the template reads them, and a problem per cell it cannot read."""
    values, problems = {}, {}
    for key, value in raw.items():
        if value is None:
            continue
        try:
            values[key] = _BY_KEY[key].read(value)
        except Bad as bad:
            problems[key] = sheet.problem(number, key, bad.zh, bad.en)
    return values, problems


def _start(sheet: Sheet, number: int, values: dict) -> ParsedEntry:
    spec = {"code": values["code"], "name": "", "description": "", "owner_department": None,
            "share_type": None, "share_conditions": "", "open_type": None, "open_conditions": "",
            "update_frequency": "", "provision_methods": [], "legal_basis": "",
            "theme": "", "license": "", "source_code": None, "table_name": None, "key_field": None, "min_group_size": None,
            "fields": []}
    entry = ParsedEntry(spec, sheet, number, {})
    _continue(entry, number, values)
    return entry


def _continue(entry: ParsedEntry, number: int, values: dict) -> list[Problem]:
    """Take an entry's values from a row; a value that contradicts one taken is a problem."""
    problems = []
    for column in ENTRY_COLUMNS:
        if column.key not in values:
            continue
        value, had = values[column.key], _get(entry.spec, column.key)
        if column.key not in entry.cells:
            _put(entry.spec, column.key, value)
            entry.cells[column.key] = number
        elif value != had:
            first = entry.cells[column.key]
            problems.append(entry.problem(column.key, (
                f"与本数据资源第{first}行的「{column.zh}」不一致（第{first}行：{_shown(had)}，"
                f"此行：{_shown(value)}）。条目信息只需填在首行，后续行可留空"), (
                f"contradicts {column.en} on row {first} of this entry ({_shown(had)!r} there, "
                f"{_shown(value)!r} here); fill an entry's columns on its first row, leave them "
                "empty below"), row=number))
    return problems


def _shown(value: Any) -> str:
    return "、".join(value) if isinstance(value, list) else str(value)


def _get(spec: dict, key: str) -> Any:
    if key.startswith("disclosure."):
        return (spec.get("disclosure") or {}).get(key.split(".", 1)[1])
    return spec.get(key)


def _put(spec: dict, key: str, value: Any) -> None:
    if key.startswith("disclosure."):
        spec.setdefault("disclosure", {})[key.split(".", 1)[1]] = value
    else:
        spec[key] = value


def _add_field(entry: ParsedEntry, number: int, values: dict, raw: dict) -> list[Problem]:
    name = values.get("field.name")
    if name is None:
        if raw.get("field.name") is None:
            entry.faulty = True
            return [entry.sheet.problem(number, "field.name", "每行登记一个信息项：此行缺少信息项代码",
                                        "each row is one field: this row has no field code")]
        return []
    field: dict[str, Any] = {"name": name, "column": values.get("field.column", name),
                             "data_type": values.get("field.data_type"),
                             "description": values.get("field.description", ""),
                             "sensitivity": values.get("field.sensitivity", "INTERNAL"),
                             "identifier_kind": values.get("field.identifier_kind"),
                             "dimension": values.get("field.dimension", False),
                             "consent_required": values.get("field.consent_required", False)}
    masking = {k: values[f"field.masking.{k}"] for k in ("shared", "open", "kind")
               if f"field.masking.{k}" in values}
    if masking:
        field["masking"] = masking
    for bound in ("lower_bound", "upper_bound"):
        if f"field.{bound}" in values:
            field[bound] = float(values[f"field.{bound}"])
    field["_row"] = number
    entry.spec["fields"].append(field)
    problems = []
    if raw.get("field.data_type") is None and "field.data_type" in entry.sheet.columns:
        problems.append(entry.problem("field.data_type", f"信息项 {name} 缺少数据类型",
                                      f"field {name} has no data type", number))
    if not valid_code(name):
        problems.append(entry.problem("field.name", (
            f"信息项代码「{name}」须为小写字母开头的驼峰式英文字母和数字（如 birthDate），最长63个字符"),
            f"field code {name!r} must be camelCase letters and digits (like birthDate), "
            "at most 63", number))
    if masking.get("open") == "keep" and sensitivity_of(field["sensitivity"]) in PERSONAL_CLASSES:
        problems.append(entry.problem("field.masking.open", (
            "个人信息不得以「保留」方式开放（§15、§38）：请选择遮盖、哈希、泛化或删除"),
            "personal data never leaves the open channel unmasked (§15, §38): choose mask, "
            "hash, generalize or redact", number))
    return problems


def _check_entry(entry: ParsedEntry) -> list[Problem]:
    """What an entry needs as a whole; then validate_spec, the catalog's own check, on an
    entry with no problem found so far (so that nothing it refuses gets through)."""
    spec, code, problems = entry.spec, entry.spec["code"], []
    if not valid_code(code):
        problems.append(entry.problem("code", (
            f"数据资源代码「{code}」须为小写字母开头的驼峰式英文字母和数字（如 populationBasic），最长63个字符"),
            f"code {code!r} must be camelCase letters and digits (like populationBasic), at most 63"))
    for key in ("name", "share_type", "open_type", "key_field"):
        if not spec.get(key) and key not in entry.cells and key not in entry.unreadable \
                and key in entry.sheet.columns:  # a missing column is reported once, not per entry
            column = _BY_KEY[key]
            problems.append(entry.problem(key, f"数据资源 {code} 缺少「{column.zh}」（填在首行）",
                                          f"entry {code} has no {column.en} (give it on its first row)"))
    seen: dict[str, int] = {}
    for field in spec["fields"]:
        row = field.pop("_row")
        if field["name"] in seen:
            problems.append(entry.problem("field.name", (
                f"信息项代码 {field['name']} 在本数据资源中重复（第{seen[field['name']]}行）"),
                f"field {field['name']} repeats within the entry (row {seen[field['name']]})", row))
        seen.setdefault(field["name"], row)
    key_field = spec.get("key_field")
    if key_field and seen and key_field not in seen:
        problems.append(entry.problem("key_field", (
            f"主键字段「{key_field}」不是本数据资源的信息项代码之一"),
            f"key field {key_field!r} is not one of the entry's field codes"))
    size = spec.get("min_group_size")
    if size is not None and not 1 <= size <= 1000:
        problems.append(entry.problem("min_group_size", "最小分组人数应在1到1000之间",
                                      "min group size must be between 1 and 1000"))
    for name, value in (spec.get("disclosure") or {}).items():
        try:
            validated(code, {name: value})
        except BadInput as exc:
            problems.append(entry.problem(f"disclosure.{name}", f"披露控制参数无效：{exc.message}",
                                          exc.message))
    for key, check, zh in (("theme", checked_theme, "主题分类不在开放目录的主题列表中"),
                           ("license", checked_license, "开放许可应为许可文件的网址（http/https）")):
        try:
            check(code, spec.get(key) or "")
        except BadInput as exc:
            problems.append(entry.problem(key, f"{zh}：{exc.message}", exc.message))
    if not problems and not entry.faulty:
        try:
            validate_spec(spec)
        except BadInput as exc:
            problems.append(entry.problem("code", f"未通过目录校验：{exc.message}", exc.message))
    return problems


def rows_of(specs: Iterable[dict], department_name: Callable[[str], str]) -> Iterable[list]:
    """The template's rows of catalog specs: an entry's columns on its first row only."""
    for spec in specs:
        for index, field in enumerate(spec.get("fields") or []):
            row = [_written(spec, c, department_name) if index == 0 else None for c in ENTRY_COLUMNS]
            row += [_written(field, c, department_name) for c in FIELD_COLUMNS]
            yield row


def _written(source: dict, column: TemplateColumn, department_name) -> Any:
    key = column.key.removeprefix("field.")
    if key.startswith("disclosure."):
        value = (source.get("disclosure") or {}).get(key.split(".", 1)[1])
    elif key.startswith("masking."):
        value = (source.get("masking") or {}).get(key.split(".", 1)[1])
    else:
        value = source.get(key)
    if value is None or value == "":
        return None
    names = {"share_type": SHARE, "open_type": OPEN, "data_type": DATA_TYPE,
             "sensitivity": SENSITIVITY, "identifier_kind": IDENTIFIER, "masking.shared": OPERATOR,
             "masking.open": OPERATOR, "masking.kind": KIND}
    if key in names:
        return names[key].names.get(value, value)
    if key == "owner_department":
        return department_name(value)
    if key == "update_frequency":
        return FREQUENCY.get(value, value)
    if key == "provision_methods":
        return "、".join(PROVISION.names.get(m, m) for m in value) or None
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def notes() -> list[list[str]]:
    """The template's second sheet: each column, whether it is required, what it takes."""
    lines = [["模板列", "English", "必填", "填写说明"]]
    takes = {"share_type": SHARE, "open_type": OPEN, "field.data_type": DATA_TYPE,
             "field.sensitivity": SENSITIVITY, "field.identifier_kind": IDENTIFIER,
             "field.masking.shared": OPERATOR, "field.masking.open": OPERATOR,
             "field.masking.kind": KIND, "provision_methods": PROVISION}
    for column in COLUMNS:
        where = "首行填写" if column.entry else "每行填写"
        hint = "、".join(takes[column.key].names.values()) if column.key in takes else ""
        if column.read is _boolean:
            hint = "是 / 否"
        lines.append([column.zh, column.en, "是" if column.required else "", f"{where}；{hint}".rstrip("；")])
    lines.append(["", "", "", "详见 docs/catalog-spreadsheet.md"])
    return lines


SAMPLE = [{
    "code": "marriageRegistration", "name": "婚姻登记信息", "owner_department": "minzheng",
    "description": "本市办理的结婚、离婚登记记录", "share_type": "CONDITIONAL",
    "share_conditions": "按申请用途和字段授权，仅限查阅、比对", "open_type": "NONE",
    "open_conditions": "含个人信息，不予开放", "update_frequency": "daily",
    "provision_methods": ["API"], "legal_basis": "《婚姻登记条例》", "source_code": None,
    "table_name": "marriage_registrations", "key_field": "certificateNumber", "min_group_size": None,
    "fields": [
        {"name": "certificateNumber", "column": "certificate_no", "data_type": "STRING",
         "description": "结婚证字号", "sensitivity": "PERSONAL"},
        {"name": "idNumber", "column": "id_number", "data_type": "STRING", "description": "公民身份号码",
         "sensitivity": "DIRECT_IDENTIFIER", "identifier_kind": "ID_NUMBER"},
        {"name": "registeredOn", "column": "registered_on", "data_type": "DATE",
         "description": "登记日期", "sensitivity": "PERSONAL"},
        {"name": "district", "column": "district", "data_type": "STRING", "description": "登记机关所在区",
         "sensitivity": "INTERNAL", "dimension": True},
    ]}]
