"""Cues the cue words of ``name_context`` do not cover (issue 18, fifth round); after each the name
is read as after any cue with a colon (``person``'s anchors):

- a cue with a bracket before its colon: 联系人（监护人）：咪腊, 乙方（承租方）：王芳;
- a contract's party, or its representative, with a colon: 承包方：熊老二, 承包方代表：项金山 (a body's
  name there is no name: the usual checks of a name after a colon stand);
- a news story's byline: （本报记者 岩温）, （通讯员马福祥）, read up to the bracket's end, a space or
  the next title.
"""
from __future__ import annotations

import re
from typing import List, Tuple

from masking import name_forms
from masking.lexicon import NAME_PREFIX_CONTEXT

_HAN = "\u4e00-\u9fff"
_CUES = "|".join(sorted(NAME_PREFIX_CONTEXT, key=len, reverse=True))
# The parties a contract names, a closed set (not 处方：, 配方：, 地方：).
_PARTIES = "甲|乙|丙|丁|承包|发包|出租|承租|买受|出卖|买|卖|委托|受托|转让|受让|出让|借款|出借|贷款|担保|抵押|承建|施工|用工|劳务"
# A cue, a role (…人, …者, …员) or a contract's party (乙方, 承租方), a bracket of up to eight characters,
# then a colon.
BRACKETED_CUE = re.compile(
    "(?:" + _CUES + f"|(?<![{_HAN}])[{_HAN}]{{1,4}}?[人者员]|(?<![{_HAN}])(?:{_PARTIES})方)"
    + r"[（(][^（）()\n]{1,8}[）)][:：][ \u3000]*"
)
# A contract's party or its representative, then a colon (甲方：, 承包方代表：).
PARTY_LABEL = re.compile(f"(?<![{_HAN}])(?:{_PARTIES})方(?:代表)?[:：][ \\u3000]*")
# A byline's title inside a bracket: （本报记者 …）, （通讯员…）, （记者 甲 乙）.
BYLINE = re.compile(r"(?:[（(]|(?<=[ \u3000]))(?:本报|本台|本网)?(?:特约记者|见习记者|记者|通讯员|实习生)[ \u3000]*")


_BRACKET_COLON = re.compile(r"[）)][:：]")
_PARTY_COLON = re.compile(r"方(?:代表)?[:：]")


def anchors(text: str) -> List[Tuple[int, str]]:
    """(end, separator) of each cue of this module in ``text``, as ``person`` takes its anchors."""
    found = []
    if _BRACKET_COLON.search(text):  # the long alternation of cues only where a bracket meets a colon
        found += [(m.end(), ":") for m in BRACKETED_CUE.finditer(text)]
    if _PARTY_COLON.search(text):  # not before a frequent word (甲方：同意…): a party's answer, not its name
        found += [(m.end(), ":") for m in PARTY_LABEL.finditer(text) if not name_forms.is_common_word(text[m.end():m.end() + 2])]
    if "记者" in text or "通讯员" in text or "实习生" in text:
        found += [(m.end(), ":") for m in BYLINE.finditer(text)]
    return found
