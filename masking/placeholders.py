"""Placeholders and documentation's examples (issue 18, sixth round): values that stand for a
person without being anyone's.

- E-mail at a domain reserved for examples (RFC 2606 and 6761: example.com/.org/.net, *.example,
  *.test, *.invalid, *.localhost) or with a local part that can only be a placeholder (example@,
  yourname@ …): never anyone's mailbox, in any text.
- In documentation (a text saying 示例, 样例, 字段说明, 请求参数, example, sample …): local parts
  that are placeholders there but can be someone's mailbox elsewhere (test@, user@, abc@ …); the
  placeholder names 张三, 李四, 王五, 赵六; mobiles whose last eight digits are a filler
  (13800000000, 13888888888, 13812345678, 13800138000); ID numbers failing their check
  digit (an interface's example, 110101199003071234). A text without those words keeps them.
"""
from __future__ import annotations

import re
from typing import List, Sequence

from presidio_analyzer import RecognizerResult

from masking.check_digits import is_valid_id_number

_RESERVED_DOMAIN = re.compile(r"@(?:[A-Za-z0-9-]+\.)*(?:example\.(?:com|org|net)|[A-Za-z0-9-]+\.(?:example|test|invalid|localhost))$",
                              re.IGNORECASE)
_PLACEHOLDER_LOCAL = frozenset("example sample yourname your_name youremail your_email someone somebody".split())
# placeholders in an interface's documentation, but a person may well use them (abc@163.com)
_DOCUMENTATION_LOCAL = frozenset("test user username name demo xxx xxxx abc foo bar email mail".split())
_DOCUMENTATION = re.compile(r"示例|样例|范例|字段说明|参数说明|请求参数|返回参数|响应参数|请求体|响应体|接口文档|占位|"
                            r"[Ee]xample|[Ss]ample|placeholder|[Dd]emo\b")
PLACEHOLDER_NAMES = frozenset({"张三", "李四", "王五", "赵六", "某某", "张某某", "李某某"})
_FILLERS = frozenset({"12345678", "87654321", "00138000", "00000000"})


def placeholder_email(value: str) -> bool:
    """An address at a reserved domain or with a placeholder's local part."""
    return bool(_RESERVED_DOMAIN.search(value)) or value.partition("@")[0].lower() in _PLACEHOLDER_LOCAL


def _filler_mobile(value: str) -> bool:
    tail = re.sub(r"\D", "", value)[-8:]
    return len(tail) == 8 and (len(set(tail)) == 1 or tail in _FILLERS)


def _example_id(value: str) -> bool:
    compact = re.sub(r"[\s\-]", "", value).upper()
    return len(compact) == 18 and not is_valid_id_number(compact)


def without_placeholders(text: str, results: Sequence[RecognizerResult]) -> List[RecognizerResult]:
    """``results`` less the placeholders and documentation's examples (see the module doc)."""
    documentation = None
    kept = []
    for r in results:
        value = text[r.start:r.end]
        if r.entity_type == "EMAIL_ADDRESS" and placeholder_email(value):
            continue
        if r.entity_type in ("PERSON", "CN_MOBILE", "CN_ID_NUMBER", "EMAIL_ADDRESS"):
            if documentation is None:
                documentation = _DOCUMENTATION.search(text) is not None
            if documentation and (r.entity_type == "EMAIL_ADDRESS"
                                  and value.partition("@")[0].lower() in _DOCUMENTATION_LOCAL
                                  or r.entity_type == "PERSON" and value in PLACEHOLDER_NAMES
                                  or r.entity_type == "CN_MOBILE" and _filler_mobile(value)
                                  or r.entity_type == "CN_ID_NUMBER" and _example_id(value)):
                continue
        kept.append(r)
    return kept
