"""Names spaced out to fill a form's or a table's cell (issue 18, fifth round): 王　芳 with a
full-width space, 李 建 国, 黄  敏 padded to a three-character cell, in rows such as
``姓  名：王　芳`` or ``| 王 芳 | 女 | 35 |``.

A run of single characters (a compound surname may be two) set apart by the same one or two
spaces, two to four characters in all, opening with a surname, is a name where a name stands:
right after a name's label (姓名, 姓  名, 户主, 申请人 … with a colon or a cell's border), or
right before the person's sex in the next cell (| 男 |, ，女, two spaces and 男), or filling a
whole cell of a table (1⇥王　芳⇥35, | 王　芳 |). The joined
characters must not be a form's label or a word of the dictionary (性  别, 民  族 stay).
"""
from __future__ import annotations

import re
from typing import Callable, List, Optional, Tuple

from masking import name_forms

_HAN = "\u4e00-\u9fff"
# The same one or two spaces (half or full width) between each character of the run.
_SPACED = re.compile(f"(?<![{_HAN}])([{_HAN}]{{1,2}})([ \u3000]{{1,2}})([{_HAN}])(?:\\2([{_HAN}]))?(?![{_HAN}])")
_MAY_HOLD = re.compile(f"[{_HAN}][ \u3000]{{1,2}}[{_HAN}]")
# A name's label right before the run: 姓名 (spaced too), 户主, 申请人 …, then a colon or a cell border.
_LABEL_BEFORE = re.compile(r"(?:姓[ \u3000]*名|名[ \u3000]*字|户[ \u3000]*主|申请人|联系人|监护人|当事人|承租人|出租人|"
                           r"持卡人|患者|家长|学生|报警人|来电人)[ \u3000]*[:：|｜]?[ \u3000|｜]*$"
                           # or a role opening its line, as a judgment's signatures do (书记员　王　芳)
                           r"|(?:^|\n)[ \u3000]*[\u4e00-\u9fff]{1,5}[员长人][ \u3000]+$")
# The person's sex right after it, in the next cell or after a comma.
_SEX_AFTER = re.compile(f"(?:[ \u3000]*[|｜,，、][ \u3000]*|[ \u3000]{{2,}}|[（(])[男女](?![{_HAN}])")

# Or a whole cell of a table: between borders (a tab, |, two spaces or more, a line's start or end).
_CELL_BEFORE = re.compile(r"(?:^|\n|\t|[|｜]|[ \u3000]{2,})[ \u3000]*$")
_CELL_AFTER = re.compile(r"[ \u3000]*(?:$|\n|\t|[|｜])|[ \u3000]{2,}")


def spaced_names(text: str, surname_at: Callable[[str, int], Optional[str]]) -> List[Tuple[int, int]]:
    """(start, end) of each name spaced out in a cell, with its spaces."""
    if not _MAY_HOLD.search(text):
        return []
    found = []
    m = _SPACED.search(text)
    while m is not None:
        first, pos = m.group(1), m.start() + 1
        m, start, end = _SPACED.search(text, pos), m.start(), m.end()  # 姓名　王　芳: 王　芳 too
        if surname_at(first, 0) != first:
            continue  # one surname (王) or a compound one (欧阳), nothing else, before the first space
        joined = text[start:end].replace(" ", "").replace("\u3000", "")
        if len(joined) > (4 if len(first) == 2 else 3) or name_forms.field_label_at(joined, 0) \
                or joined in name_forms.dictionary_words() or not name_forms.plausible_word_name(joined):
            continue
        if _LABEL_BEFORE.search(text, max(0, start - 16), start) or _SEX_AFTER.match(text, end) \
                or _CELL_BEFORE.search(text, max(0, start - 4), start) and _CELL_AFTER.match(text, end):
            found.append((start, end))
    return found
