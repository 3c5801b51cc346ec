"""Married women named by two surnames and 氏 (issue 18, sixth round): 张王氏 (née 王, wife of a
张), 李陈氏, as old land certificates, household registers and 宅基地 files write them. Both
characters must be frequent surnames; a clan, a hall or a firm (王氏宗祠, 张李氏家族, 陈氏集团)
is no one person, so the words after 氏 that make one stand; and the name must open a
field or follow a word a name follows (户主, 业主, 其妻, 东至), not sit inside a phrase.
"""
from __future__ import annotations

import re
from typing import List, Tuple

from masking.lexicon import SURNAMES_BY_FREQUENCY

# the two hundred most frequent surnames, and the common ones as traditional characters write them
SURNAMES = frozenset(SURNAMES_BY_FREQUENCY[:200]) | frozenset("陳張劉黃趙吳鄭馮楊許孫錢葉羅蕭謝鄧韓曾盧蔣蔡賴潘鍾譚廖龍")

_CANDIDATE = re.compile(r"(?<![\u4e00-\u9fff]氏)([\u4e00-\u9fff])([\u4e00-\u9fff])氏"
                        r"(?!族|宗|祠|家族|家谱|兄弟|姐妹|集团|企业|后人|后裔|子孙|祖|一族|门|宗亲|公司|之|家族|"
                        r"综合|筛|症|病|杀菌|菌|度|温|定律|效应|法则|理论|试验|反应|体系|手术|疗法)")

# surnames that are function words too: 向王氏 (to the Wangs), 于李氏, 和张氏 read as the 氏 alone
_FUNCTION_WORDS = frozenset("于向和与同由从对把被给为以将共及东西南北上下中是在令")

_HAN = re.compile(r"[\u4e00-\u9fff]")
# the words a name follows in a register or a deed: 户主张王氏, 業主陳黃氏, 东至李陈氏, 其妻刘赵氏
_BEFORE_A_NAME = frozenset("主人妻母婆媳女至名属与和及即系")


def shi_names(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each surname-surname-氏 name."""
    if "氏" not in text:
        return []
    return [m.span() for m in _CANDIDATE.finditer(text)
            if (m.start() == 0 or not _HAN.match(text[m.start() - 1]) or text[m.start() - 1] in _BEFORE_A_NAME)
            and m.group(1) in SURNAMES and m.group(2) in SURNAMES and m.group(1) not in _FUNCTION_WORDS]
