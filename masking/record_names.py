"""Names heading a form's record (issue 18, fifth round): the value of a field that is followed, after
a space, by the record's next field (献血者：岩温　性别：男, 船员名单：⏎那桐生　职务：轮机长).

A run of two to four characters standing where a record puts its holder's name, opening a line or
right after a label's colon, and followed by spaces (a full-width one reads as one) and the next
field's label with its colon, is a name if it reads as one where a name stands (a surname, a
minority name's part, a Dai name, or no word of the dictionary; ``name_forms``'s test for a table's
name column) and the label before it names no other field (单位：张槎中学　地址： stays).
"""
from __future__ import annotations

import re
from typing import Callable, List, Tuple

from masking import name_forms

_HAN = "\u4e00-\u9fff"
_RECORD = re.compile(f"(?:^|(?<=\\n)|(?<=[:：]))[ \\u3000]*([{_HAN}]{{2,4}})(?=[ \\u3000\\t]+[{_HAN}]{{1,6}}[:：])")
_NEXT_FIELD = re.compile(f"[ \\u3000\\t][{_HAN}]{{1,6}}[:：]")
_LABEL_BEFORE = re.compile(f"([{_HAN}]{{1,8}})[:：][ \\u3000]*$")


def record_names(text: str, starts_with_surname: Callable[[str], bool]) -> List[Tuple[int, int]]:
    """(start, end) of each name heading a record before its next field."""
    from masking.dai_names import is_dai_name

    if text.count("：") + text.count(":") < 2 or _NEXT_FIELD.search(text) is None:
        return []
    found = []
    for m in _RECORD.finditer(text):
        run, (start, end) = m.group(1), m.span(1)
        label = _LABEL_BEFORE.search(text, max(0, start - 12), start)
        if label and (name_forms.field_label_at(label.group(1), 0) or label.group(1) in name_forms.FIELD_LABELS):
            continue  # 单位：, 住址：, 职务：: another field's value
        if name_forms.field_label_at(run, 0) or name_forms.is_common_word(run) or run[:2] in name_forms.common_words():
            continue
        if is_dai_name(run) or name_forms._name_like(run, starts_with_surname):
            found.append((start, end))
    return found
