"""Proposing a field's policy from its name and a sample of its values.

``propose_policy(column_name, sample_values)`` runs the analyzer over (at most 200 of)
the sample and looks at the column name, then proposes a kind, a sensitivity class and
the operators for both channels, with a confidence. A data steward confirms or corrects
the proposal; nothing is applied automatically.

How the kind is chosen:

1. values: if one entity covers (nearly) the whole value in at least half of the
   non-empty sampled values, the column is that kind (CN_MOBILE -> PHONE …); dates,
   numbers and long texts with entities inside are recognised as DATE, AMOUNT/AGE and
   FREE_TEXT;
2. the name (idNumber, 身份证号, legalRepresentative, remark …) decides when the values
   do not, and raises or lowers the confidence when they do;
3. otherwise OTHER, sensitivity INTERNAL (kept when shared, redacted when opened).

Words in the name that point at sensitive personal data (health, 病, religion, 犯罪 …)
raise the class to SENSITIVE_PERSONAL whatever the kind.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from masking.kinds import DEFAULT_OPERATORS, ENTITY_KIND, Channel, FieldKind, Sensitivity
from masking.policies import FieldPolicy

MAX_SAMPLE = 200
WHOLE_VALUE_COVERAGE = 0.8

KIND_SENSITIVITY = {
    FieldKind.ID_NUMBER: Sensitivity.DIRECT_IDENTIFIER,
    FieldKind.NAME: Sensitivity.DIRECT_IDENTIFIER,
    FieldKind.PHONE: Sensitivity.DIRECT_IDENTIFIER,
    FieldKind.EMAIL: Sensitivity.DIRECT_IDENTIFIER,
    FieldKind.PASSPORT: Sensitivity.DIRECT_IDENTIFIER,
    FieldKind.BANK_CARD: Sensitivity.SENSITIVE_PERSONAL,
    FieldKind.CREDIT_CODE: Sensitivity.PUBLIC,
    FieldKind.LICENSE_PLATE: Sensitivity.PERSONAL,
    FieldKind.ADDRESS: Sensitivity.PERSONAL,
    FieldKind.BIRTH_DATE: Sensitivity.PERSONAL,
    FieldKind.AGE: Sensitivity.PERSONAL,
    FieldKind.AMOUNT: Sensitivity.INTERNAL,
    FieldKind.DATE: Sensitivity.INTERNAL,
    FieldKind.FREE_TEXT: Sensitivity.INTERNAL,
    FieldKind.OTHER: Sensitivity.INTERNAL,
}

# (kind, English words matched against the joined lower-case name, whole tokens, Chinese words)
_NAME_HINTS: Tuple[Tuple[FieldKind, Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]], ...] = (
    (FieldKind.ID_NUMBER, ("idnumber", "idcard", "idno", "citizenid", "identitynumber"), ("sfz", "sfzh"), ("身份证", "证件号", "身份号码")),
    (FieldKind.CREDIT_CODE, ("creditcode", "uscc", "socialcredit"), (), ("信用代码", "统一社会")),
    (FieldKind.BANK_CARD, ("bankcard", "cardno", "cardnumber", "bankaccount", "accountno"), (), ("银行卡", "卡号", "银行账号", "账号")),
    (FieldKind.PASSPORT, ("passport",), (), ("护照",)),
    (FieldKind.LICENSE_PLATE, ("plate", "licenseplate", "platenumber"), (), ("车牌", "号牌")),
    (FieldKind.EMAIL, ("email",), ("mail",), ("邮箱", "电子邮件")),
    (FieldKind.PHONE, ("phone", "mobile", "telephone"), ("tel", "fax"), ("电话", "手机", "联系方式", "传真")),
    (FieldKind.BIRTH_DATE, ("birth",), ("dob",), ("出生",)),
    (FieldKind.ADDRESS, ("address",), ("addr",), ("地址", "住址", "住所", "居住地", "户籍地")),
    (FieldKind.AGE, (), ("age",), ("年龄",)),
    (FieldKind.NAME, ("legalrepresentative", "personname", "fullname", "applicant", "contactperson", "contactname", "realname", "username"),
     ("name", "contact", "representative"), ("姓名", "联系人", "法定代表人", "法人代表", "负责人", "申请人", "户主")),
    (FieldKind.AMOUNT, ("amount", "income", "salary", "wage", "price", "monthlybase", "balance"), ("fee", "base", "cost", "pay"), ("金额", "收入", "工资", "缴费", "基数", "余额", "价格")),
    (FieldKind.DATE, ("date", "time"), ("at", "on", "day"), ("日期", "时间", "年月")),
    (FieldKind.FREE_TEXT, ("remark", "comment", "description", "memo", "content", "opinion"), ("note", "notes", "text", "reason"), ("备注", "说明", "描述", "情况", "意见", "内容", "原因")),
)
# A "name" that is not a person's.
_NOT_PERSON = ("company", "org", "enterprise", "dept", "department", "dataset", "file", "product", "street", "road", "unit", "bank",
               "企业", "单位", "公司", "机构", "部门", "产品", "文件", "名称")
_SENSITIVE = ("health", "disease", "diagnosis", "medical", "religion", "criminal", "biometric", "sexual",
              "健康", "病", "诊断", "医疗", "宗教", "犯罪", "违法", "生物识别", "指纹", "人脸", "行踪")
_PERSONAL_AMOUNT = ("income", "salary", "wage", "base", "pay", "收入", "工资", "基数", "缴费", "存款")
_NAME_TOKENS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[\u4e00-\u9fff]+")
_DATE_TEXT = re.compile(r"^\s*\d{4}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_NUMBER_TEXT = re.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")


@dataclass(frozen=True)
class PolicyProposal:
    """A proposed field policy, for a steward to confirm."""

    kind: FieldKind
    sensitivity: Sensitivity
    open_operator: str
    shared_operator: str
    confidence: float
    entity_counts: Dict[str, int] = field(default_factory=dict)
    reason: str = ""

    def as_policy(self) -> FieldPolicy:
        """The confirmed proposal as a field policy."""
        return FieldPolicy(self.kind, self.sensitivity, shared=self.shared_operator, open=self.open_operator)


def kind_from_name(column_name: str) -> Optional[FieldKind]:
    """The kind a column name suggests (idNumber -> ID_NUMBER, 备注 -> FREE_TEXT), or None."""
    tokens = [t.lower() for t in _NAME_TOKENS.findall(column_name or "")]
    joined = "".join(tokens)
    for kind, compounds, whole, chinese in _NAME_HINTS:
        if any(c in joined for c in compounds) or any(t in whole for t in tokens) or any(w in column_name for w in chinese):
            if kind is FieldKind.NAME and any(w in joined or w in column_name for w in _NOT_PERSON):
                continue
            return kind
    return None


def _sample(values: Sequence[Any], limit: int) -> List[Any]:
    present = [v for v in values if v is not None and str(v).strip() != ""]
    if len(present) <= limit:
        return present
    step = len(present) / limit
    return [present[int(i * step)] for i in range(limit)]


def _kind_from_values(sample: List[Any], name_kind: Optional[FieldKind]) -> Tuple[Optional[FieldKind], float, Counter, str]:
    """(kind, share of values supporting it, entity counts, reason) from the values."""
    from masking.analyzer import analyze_texts

    if all(isinstance(v, (_dt.date, _dt.datetime)) for v in sample) or all(_DATE_TEXT.match(str(v)) for v in sample):
        kind = FieldKind.BIRTH_DATE if name_kind is FieldKind.BIRTH_DATE else FieldKind.DATE
        return kind, 1.0, Counter(), "every value is a date"
    numeric = all(_NUMBER_TEXT.match(str(v)) for v in sample if not isinstance(v, bool))
    if numeric and not any(len(str(v).strip()) >= 11 for v in sample):  # 11+ digits: identifiers
        numbers = [float(v) for v in sample]
        if name_kind in (FieldKind.AGE, FieldKind.AMOUNT):
            kind = name_kind
        else:
            kind = FieldKind.AGE if all(0 <= x <= 120 and x == int(x) for x in numbers) else FieldKind.AMOUNT
        return kind, 1.0, Counter(), "every value is a number"
    texts = [str(v) for v in sample]
    entity_counts: Counter = Counter()
    whole: Counter = Counter()
    with_entities = 0
    for text, results in zip(texts, analyze_texts(texts)):
        entity_counts.update(r.entity_type for r in results)
        with_entities += bool(results)
        size = len(text.strip()) or 1
        best = max(results, key=lambda r: r.end - r.start, default=None)
        if best is not None and (best.end - best.start) / size >= WHOLE_VALUE_COVERAGE:
            whole[best.entity_type] += 1
    if whole:
        entity, count = whole.most_common(1)[0]
        share = count / len(texts)
        if share >= 0.5:
            return ENTITY_KIND[entity], share, entity_counts, f"{count} of {len(texts)} sampled values are {entity}"
    long_texts = sum(len(t) >= 20 for t in texts) / len(texts)
    if long_texts >= 0.5 or name_kind is FieldKind.FREE_TEXT:
        return FieldKind.FREE_TEXT, max(long_texts, 0.5), entity_counts, f"free text; {with_entities} of {len(texts)} sampled values hold personal data"
    return None, 0.0, entity_counts, "no entity dominates the values"


def propose_policy(column_name: str, sample_values: Sequence[Any], *, max_sample: int = MAX_SAMPLE) -> PolicyProposal:
    """Propose kind, sensitivity and operators for a column from its name and sample values."""
    name_kind = kind_from_name(column_name)
    sample = _sample(list(sample_values), max_sample)
    counts: Counter = Counter()
    if sample:
        value_kind, share, counts, reason = _kind_from_values(sample, name_kind)
    else:
        value_kind, share, reason = None, 0.0, "no sample values"
    if value_kind is not None:
        kind = value_kind
        if name_kind is None:
            confidence = share * 0.9
        elif name_kind is value_kind or {name_kind, value_kind} == {FieldKind.DATE, FieldKind.BIRTH_DATE}:
            confidence = min(1.0, share + 0.1)
        else:
            confidence = share * 0.7
            reason += f"; the name suggests {name_kind.value}"
    elif name_kind is not None:
        kind, confidence = name_kind, 0.5
        reason = f"from the column name ({reason})"
    else:
        kind, confidence = FieldKind.OTHER, 0.3
    sensitivity = KIND_SENSITIVITY[kind]
    lowered = (column_name or "").lower()
    if kind is FieldKind.FREE_TEXT and counts:
        sensitivity = Sensitivity.PERSONAL
    if kind is FieldKind.AMOUNT and any(w in lowered for w in _PERSONAL_AMOUNT):
        sensitivity = Sensitivity.PERSONAL
    if any(w in lowered for w in _SENSITIVE):
        sensitivity = Sensitivity.SENSITIVE_PERSONAL
        reason += "; the name points at sensitive personal data"
    shared = DEFAULT_OPERATORS[sensitivity][Channel.SHARED]
    opened = DEFAULT_OPERATORS[sensitivity][Channel.OPEN]
    if kind is FieldKind.FREE_TEXT and opened == "generalize":
        opened = "tag"
    return PolicyProposal(
        kind=kind,
        sensitivity=sensitivity,
        open_operator=opened,
        shared_operator=shared,
        confidence=round(confidence, 2),
        entity_counts=dict(counts),
        reason=reason,
    )
