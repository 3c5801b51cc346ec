"""Village addresses written without anything above them (issue 18, fifth round).

Registers, contracts and police notes of the countryside often give an address from its
village down (住大坪村委会老屋下村民小组36号, 黄土坡村5组18号, 系新塘村第三村民小组村民, 那坡屯15号),
with no province, county or label before it for ``masking.address`` to start from. A village
(村, 村委会, 嘎查) is a place; a village *and* what lies below it (a village group, a hamlet, a
house number) names a household's few dozen neighbours, as personal as a house number. So:

- the village's name is read back from 村 over two to four characters, never over a particle or
  a word that makes the village a kind rather than a name (本村, 各村, 该村, 全村 …);
- a town, and a county before it, right before the village are read too (官庄镇黄土坡村三组);
- what follows is read by ``address.parse_address`` (villages, hamlets, groups, lanes, numbers,
  buildings), and the span is kept only if it holds a group, a hamlet or a number: 新塘村 alone,
  12个村民小组 and 第三村民小组召开会议 are no one's address;
- a hamlet (屯, 寨) with a house number or a group after it is one too (那坡屯15号).
"""
from __future__ import annotations

import re
from typing import Callable, List, Optional, Tuple

from masking.places import HAN_CHARS

# What a village's name never runs back over: particles, verbs of residence, counting words, and the
# determiners that make 村 a kind (本村, 各村, 该村, 全村, 每村, 两村).
_STOP = frozenset("到在于至往从住去来经向是为的和与及或近对旁边把将由系属原现暂居本各该全每其两几多个等他她我你"
                  "某市区县镇乡旗省州")
_MAY_HOLD = re.compile(r"村|嘎查|屯|寨")
_VILLAGE_MARK = re.compile(r"村民委员会|村委会|嘎查|村(?![民委镇级务庄里落])|(?P<group>村(?=民小组))")
_HAMLET_MARK = re.compile(r"(?<=[" + HAN_CHARS + r"])[屯寨](?=[0-9一二三四五六七八九十]+[号组队社]|第?[0-9一二三四五六七八九十]+(?:村民小组|组))")
# A town (and a county before it) right before the village: 沅陵县官庄镇|黄土坡村
_NOT_PLACE = r"，。、；：:,;（）()]"
_TOWN_BEFORE = re.compile(r"(?:[^\s\d" + "".join(sorted(_STOP - set("州"))) + _NOT_PLACE + r"{2,5}?(?:州|地区|盟))?"
                          r"(?:[^\s\d" + "".join(sorted(_STOP - set("县区市旗"))) + _NOT_PLACE + r"{2,5}?(?:县|区|旗|市))?"
                          r"(?P<town>[^\s\d" + "".join(sorted(_STOP)) + _NOT_PLACE + r"{2,4}?(?:镇|乡|街道|苏木))$")
_TOWN_REACH = 24
_HAN = re.compile("[" + HAN_CHARS + "]")
_NUM = "[0-9一二三四五六七八九十]+"
_BELOW_HAMLET = re.compile("(?:第?" + _NUM + "(?:村民小组|组|队|社))?(?:" + _NUM + "号)?")
_LONGEST_NAME = 4


def _name_start(text: str, end: int) -> Optional[int]:
    """Start of a village's (or hamlet's) name of two to four characters ending at ``end``."""
    start = end
    while start > 0 and end - start < _LONGEST_NAME and _HAN.match(text, start - 1) and text[start - 1] not in _STOP:
        start -= 1
    return start if end - start >= 2 else None


def bare_villages(text: str, parse: Callable[[str, int, bool], Optional[Tuple[int, float]]],
                  personal_score: float) -> List[Tuple[int, int, float]]:
    """(start, end, score) of each village address with a group, hamlet or number below the village,
    read without an anchor; ``parse`` is ``address.parse_address``, ``personal_score`` the score it
    gives an address that reaches a group or a number."""
    if not _MAY_HOLD.search(text):
        return []
    found: List[Tuple[int, int, float]] = []
    last_end = -1
    for m in _VILLAGE_MARK.finditer(text):
        if m.start() < last_end:
            continue
        start = _name_start(text, m.start())
        if start is None:
            continue
        town = _TOWN_BEFORE.search(text, max(0, start - _TOWN_REACH), start)
        begin = town.start() if town else start
        read = parse(text, town.start("town") if town else start, True)  # the county's own name is not read
        if read is None or read[1] < personal_score or read[0] <= m.end():
            continue
        if m.group("group") and town is None and not text[read[0] - 1] == "号":
            continue  # 沙头村民小组8号, 嘎洒镇曼景保村民小组; not 召开村民小组会议
        found.append((begin, read[0], personal_score))
        last_end = read[0]
    for m in _HAMLET_MARK.finditer(text):
        start = _name_start(text, m.start())
        if start is None or any(s <= m.start() < e for s, e, _ in found):
            continue
        end = _BELOW_HAMLET.match(text, m.end()).end()
        if end > m.end():
            found.append((start, end, personal_score))
    return found
