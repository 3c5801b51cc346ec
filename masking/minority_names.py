"""Names written without a Han surname (Yi, Mongolian, Tibetan …) that the known parts of
``data/given_names.txt`` do not cover: read by where they stand, not by what they hold.

- **Before 男/女** (``names_before_sex``): 阿苏拉则，女，彝族; 马海阿呷（女）; a run of three to
  six characters opening the text, a line or a clause, holding no particle, no frequent word and
  no dictionary word as a whole, right before ，男 / ，女 / （男, is somebody's name, whatever its
  first character; so is a surname and two characters there even if they are a word (矫国庆（男）).
  (Before ，身份证号 or ，45岁 too lowered the fourth corpus's precision floor.)
"""
from __future__ import annotations

import re
from typing import Callable, FrozenSet, List, Optional, Tuple

from masking import name_forms
from masking.lexicon import AMBIGUOUS_SURNAMES, NAME_PREFIX_CONTEXT, SURNAMES

# A run that opens with a cue is the cue and a name (户主黄阿福，男), left to the cue's rule.
_CUE_OPENING = re.compile("|".join(sorted(NAME_PREFIX_CONTEXT, key=len, reverse=True)))

_HAN = "\u3400-\u9fff"
LONGEST = 6
# (Tried too: five or six characters after 姓名：, 联系人： … up to punctuation, as a name; it lowered
# the held-out corpus's precision floor however narrowed, so a cue's name stays four characters
# unless known parts make it longer: ``minority_name_after_cue``.)
# Particles and function characters a name does not hold (the run is a sentence then).
_PARTICLES = frozenset("的了是在和与及或等也都就还又把被将为向对从于已未不没无请该本其")
# Punctuation that ends a name for certain.
_HARD_END = re.compile(r"[，,（(。；;：:、]|$")
# What stands right after a name in a form or a list of people: the person's sex.
_SEX_AFTER = re.compile(r"[，,（(]\s*[男女](?:[，,）)、；;\s]|$)")
# A run of Han characters opening the text, a line or a clause, right before such a mark.
_RUN_BEFORE_SEX = re.compile(f"(?:^|(?<=[\\n，,。；;：:、\\s]))([{_HAN}]{{3,{LONGEST}}})(?=[，,（(])")


def _unknown(text: str, start: int, end: int) -> bool:
    """No particle and no frequent word of jieba's dictionary in ``text[start:end]`` (rare words are
    often parts of such names: 阿苏, 沙马)."""
    if any(ch in _PARTICLES for ch in text[start:end]):
        return False
    common = name_forms.common_words()
    return not any(text[i:j] in common for i in range(start, end - 1) for j in range(i + 2, min(i + 4, end) + 1))


# A row of a register: the name opening its line, then spaces (a full-width one reads as one) and the sex
# (岩温　男　45岁, 那桐生  女  82).
_ROW_BEFORE_SEX = re.compile(f"(?:^|(?<=\\n))[ \\u3000]*([{_HAN}]{{2,4}})[ \\u3000\\t]+[男女](?=[ \\u3000\\t，,、；;\\n]|$)")


def _row_names(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each name opening a register's row before the person's sex: a surname and one
    to three characters, a Dai name, or a run of no frequent word, neither a label nor a word."""
    from masking.dai_names import is_dai_name
    from masking.name_reading import surname_at

    found = []
    for m in _ROW_BEFORE_SEX.finditer(text):
        run, (start, end) = m.group(1), m.span(1)
        if run in name_forms.dictionary_words() or not name_forms.plausible_word_name(run) \
                or name_forms.field_label_at(run, 0) or _CUE_OPENING.match(run):
            continue
        if surname_at(run, 0) and run[:2] not in name_forms.common_words() or is_dai_name(run) \
                or len(run) >= 3 and _unknown(text, start, end):
            found.append((start, end))
    return found


def names_before_sex(text: str, known: FrozenSet[str] = frozenset()) -> List[Tuple[int, int]]:
    """(start, end) of each run of three to six characters with no frequent word standing where a
    form or a list puts a name: opening the text, a line or a clause, right before ，男 or （女; and
    of each name opening a register's row before its sex (``_row_names``)."""
    if "男" not in text and "女" not in text:
        return []
    found = _row_names(text)
    for m in _RUN_BEFORE_SEX.finditer(text):
        start, end = m.span(1)
        run = m.group(1)
        if any(a < end and start < b for a, b in found):
            continue
        if _SEX_AFTER.match(text, end) and len(run) == 3 and run[0] in SURNAMES and run[0] not in AMBIGUOUS_SURNAMES \
                and run not in name_forms.dictionary_words() and name_forms.plausible_word_name(run) \
                and not _CUE_OPENING.match(text, start) and not any(ch in _PARTICLES for ch in run):
            found.append((start, end))  # 矫国庆（男）: a surname and a given name that is also a word
            continue
        if _SEX_AFTER.match(text, end) and _unknown(text, start, end) and m.group(1) not in known \
                and not _CUE_OPENING.match(text, start) \
                and name_forms.plausible_word_name(m.group(1)) and m.group(1) not in name_forms.dictionary_words():
            found.append((start, end))
    return found


def minority_name_after_cue(text: str, start: int, ends_name: Callable[[str, int], bool]) -> Optional[int]:
    """End of a minority name right after a cue (市民巴特尔反映, 被告阿拉坦仓辩称, 当事人乌兰图雅，), or None:
    known parts run together and up to two more characters to a name end, or a run of up to five
    characters to a name end whose last part is a known one (乌兰|图雅)."""
    if name_forms._part_starts().search(text, start, start + 5) is None:
        return None  # no known part near: most cues (one search instead of the walks below)
    end = name_forms._parts_end(text, start)
    if end > start:
        stops = [stop for stop in range(end, min(end + 2, len(text)) + 1)
                 if ends_name(text, stop) and all("\u3400" <= ch <= "\u9fff" for ch in text[end:stop])]
        # a last syllable no list holds before a comma or a bracket (吉克阿呷|莫，女): the name runs to the
        # punctuation, not to a softer end inside it (a Yi or Mongolian name of five or six characters)
        hard = [stop for stop in stops if stop > end and _HARD_END.match(text, stop)
                and not any(ch in _PARTICLES for ch in text[end:stop]) and not any(p in stops for p in range(end + 1, stop))
                and not name_forms.starts_with_common_word(text, end)]  # not 吉日嘎拉|反映。
        return hard[-1] if hard and hard[-1] - start <= LONGEST else (stops[0] if stops else None)
    for stop in range(start + 3, min(start + 5, len(text)) + 1):
        if not all("\u3400" <= ch <= "\u9fff" for ch in text[start:stop]):
            break
        if ends_name(text, stop) and any(name_forms._parts_end(text, j, max_parts=1) == stop for j in range(start + 1, stop - 1)):
            return stop
    return None


def minority_part_names(text: str, context_after: Callable[[str, int], bool]) -> List[Tuple[int, int]]:
    """(start, end) of one known part of a minority name standing alone with what follows names
    after it (巴特尔（男，45岁）, 其木格称): a single part is a name only so."""
    found = []
    for m in name_forms._part_starts().finditer(text):
        start = m.start()
        if start > 0 and "\u3400" <= text[start - 1] <= "\u9fff" and text[start - 1] not in name_forms._BEFORE_NAME:
            continue
        end = name_forms._parts_end(text, start, max_parts=1)
        if end > start and name_forms._parts_end(text, end, max_parts=1) == end and context_after(text, end):
            found.append((start, end))
    return found
