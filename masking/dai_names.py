"""Dai names (issue 18, fifth round).

Dai people have no surname: a given name opens with a word of rank or sex, 岩 (a man), 玉 (a woman),
依 (a girl), 咪 (a mother), 康 (a novice's title kept for life), then one or two characters:
岩温, 玉香, 依坎, 咪腊, 康朗. (刀, also a prefix, is a surname and read as one.) Those five
characters open everyday words too (岩石, 玉米, 依法, 依照, 康复), so a Dai name is read only
where a name stands: right after a cue (来电人岩温称), or as a speaker's turn. There it is two or
three characters up to a name end that are no word of the dictionary and do not open with a
frequent one.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from masking import name_forms

DAI_PREFIXES = frozenset("岩玉依咪康")
_HAN = re.compile("[\u4e00-\u9fff]")
# Characters a name does not hold (the run is a sentence then).
_PARTICLES = frozenset("的了是在和与及或等也都就还又把被将为向对从于已未不没无请该本其称说")

def is_dai_name(run: str) -> bool:
    """Whether ``run`` (two or three characters) reads as a Dai name: a prefix and one or two
    characters that make no word of the dictionary and open with no frequent one."""
    if not 2 <= len(run) <= 3 or run[0] not in DAI_PREFIXES or not all(_HAN.match(ch) for ch in run):
        return False
    if any(ch in _PARTICLES for ch in run[1:]):
        return False
    words = name_forms.dictionary_words()
    return run not in words and run[:2] not in words and not name_forms.is_common_word(run[:2]) \
        and name_forms.plausible_word_name(run)


def dai_name_after_cue(text: str, start: int, ends: Callable[[str, int], bool]) -> Optional[int]:
    """End of a Dai name right after a cue (来电人岩温称, 患者玉香，), or None."""
    if text[start:start + 1] not in DAI_PREFIXES:
        return None
    for stop in (start + 2, start + 3):
        if stop <= len(text) and is_dai_name(text[start:stop]) and ends(text, stop):
            return stop
    return None
