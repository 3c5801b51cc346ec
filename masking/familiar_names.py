"""Familiar forms around names.

- Given names that open with 阿 or 小 (陈阿妹, 黄阿福, 李小红): the prefix is part of the name, so
  the name is judged by the character after it; a title of that shape (阿姨, 阿婆, 小姐) is not a
  given name (陈阿婆 stays a surname and a form of address).
- A surname called with 老 or 小 (老张, 小刘, 老李): a form of address, like 王女士, naming no one
  (issue 18); only for frequent surnames that are no everyday word, so 小红 and 小明, given names
  used alone, stay names.
- A surname with 子 after it and 小 before it (小李子, 小王子 in a statement): the whole familiar form
  names somebody (issue 18); a name read as 李子 is widened to 小李子 so that no part is left.
"""
from __future__ import annotations

from masking.lexicon import AMBIGUOUS_SURNAMES, COMMON_SURNAMES

FAMILIAR_PREFIXES = frozenset("阿小")
# Words of that shape that are titles, kin or things, never a given name.
NOT_GIVEN = frozenset("阿姨 阿婆 阿伯 阿公 阿叔 阿姐 阿哥 阿嫂 阿爸 阿妈 阿爷 阿奶 阿婶 小姐 小组 小区 小学 小时 小孩 "
                      "小伙 小妹 小弟 小哥 小姨 小舅 小叔 小编 小店 小吃 小车 小型 小额 小队 小心 小说".split())


def given_core(given: str) -> str:
    """The part of a two-character given name that shows it is one: 福 of 阿福, 红 of 小红, else all."""
    if len(given) == 2 and given[0] in FAMILIAR_PREFIXES and given not in NOT_GIVEN:
        return given[1]
    return given


def is_familiar_address(run: str) -> bool:
    """Whether ``run`` is 老 or 小 and a frequent surname (老张, 小刘), not a name."""
    return len(run) == 2 and run[0] in "老小" and run[1] in COMMON_SURNAMES and run[1] not in AMBIGUOUS_SURNAMES


def familiar_start(text: str, start: int, end: int) -> int:
    """Where a name read at ``text[start:end]`` starts once its familiar form is whole: one earlier
    for 小 before a surname and 子 (小|李子), else ``start``."""
    if end - start == 2 and text[end - 1] == "子" and start > 0 and text[start - 1] == "小" \
            and text[start] in COMMON_SURNAMES:
        return start - 1
    return start
