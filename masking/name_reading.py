"""Reading a person's name out of raw text at a position: surnames and their tiers, where a
name ends, the context words before and after it, lists, titles and people of history.

The evidence person.ChinesePersonRecognizer scores (its docstring gives the scores); kept
apart so that each reads in one sitting.
"""
from __future__ import annotations

import re
from typing import Dict, Optional

from masking import name_forms
from masking.lexicon import (
    AMBIGUOUS_SURNAMES,
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    GIVEN_NAME_CHARS,
    NAME_PREFIX_CONTEXT,
    NOT_NAMES,
    SHORT_TITLES,
    SURNAMES,
)
from masking.name_context import (
    CUED_ACT,
    HISTORICAL_AFTER,
    HISTORICAL_BEFORE,
    PERSON_ACT,
    PLACE_BEFORE,
    SUFFIX_CONTEXT,
    TITLES,
)
from masking.nlp_engine import STOPWORDS
from masking.surnames import HISTORICAL_FIGURES

# Characters that typically follow a name and so end it (张伟说, 李娜已 …).
FOLLOWERS = frozenset("说到已来去是在于和与及等的了向对把被将为称也都就还又曾再因现辩系陪出同")
SCORES = {  # (surname tier, given-name evidence) -> score; see the module docstring
    ("frequent", "dict"): 0.65, ("frequent", "usual"): 0.55, ("frequent", "other"): 0.4,
    ("less", "dict"): 0.55, ("less", "usual"): 0.45, ("less", "other"): 0.3,
    ("everyday", "dict"): 0.45, ("everyday", "usual"): 0.35, ("everyday", "other"): 0.0,
    # a dictionary word that is not a name but reads like one (徐洋): needs context
    ("frequent", "word"): 0.45, ("less", "word"): 0.35, ("everyday", "word"): 0.0,
}
PLACE_SUFFIXES = ("人", "区", "市", "县", "镇", "村", "路", "街", "省")
CUE_WORDS = frozenset(NAME_PREFIX_CONTEXT)
BODY_ENDINGS = frozenset("局院所委办联协厅处")
SURNAME_FIRST_CHARS = SURNAMES | frozenset(c[0] for c in COMPOUND_SURNAMES)
ROAD_SUFFIX = re.compile(r"大道|大街|路|街|巷")
PLACE_BEFORE_ANY = re.compile(PLACE_BEFORE.pattern.rstrip("$"))  # 侨联, 残联, 科协, 区委: short names of bodies


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def is_han_word(word: str) -> bool:
    return bool(word) and all(is_han(ch) for ch in word)


def surname_at(text: str, i: int) -> Optional[str]:
    """The surname starting at ``text[i]`` (compound first), or None."""
    if text[i:i + 2] in COMPOUND_SURNAMES:
        return text[i:i + 2]
    if i < len(text) and text[i] in SURNAMES:
        return text[i]
    return None


def starts_with_surname(run: str) -> bool:
    return surname_at(run, 0) is not None


def surname_tier(surname: str) -> str:
    if surname in AMBIGUOUS_SURNAMES:
        return "everyday"
    return "frequent" if surname in COMMON_SURNAMES or len(surname) == 2 else "less"


def ends_name(text: str, i: int) -> bool:
    """True if a name may end right before ``text[i]``."""
    return i >= len(text) or not is_han(text[i]) or text[i] in FOLLOWERS or SUFFIX_CONTEXT.match(text, i) is not None


def ends_dotted_name(text: str, i: int) -> bool:
    """Where the last part of a dotted name ends: punctuation or context (阿不都 keeps its 都)."""
    return i >= len(text) or not is_han(text[i]) or SUFFIX_CONTEXT.match(text, i) is not None


def ends_name_token(tokens, k: int) -> bool:
    """True if a name may end before token k (end of text, punctuation, 于, 先生 …)."""
    if k >= len(tokens):
        return True
    nxt = tokens[k]
    return not is_han(nxt[0]) or nxt[0] in FOLLOWERS or SUFFIX_CONTEXT.match(nxt) is not None


# Capital numerals of amounts (陆仟伍佰元): 陆 is a surname, 仟 no given name.
AMOUNT_CHARS = frozenset("拾佰仟萬億")


def followed_by_name_context(text: str, start: int) -> bool:
    """Whether context that follows names (先生, ，男, 反映 …) comes two or three characters on."""
    return any(SUFFIX_CONTEXT.match(text, start + n) for n in (2, 3))


def word_before_context(text: str, start: int) -> Optional[int]:
    """End of a word of two or three characters at ``start`` (after a cue) that begins with a
    surname and is followed by what a person does or is (配偶马力，31岁; 负责人马力在场), or None."""
    if surname_at(text, start) is None:
        return None
    n = next((n for n in (2, 3) if PERSON_ACT.match(text, start + n) or CUED_ACT.match(text, start + n)), None)
    if n is None or not name_forms.plausible_word_name(text[start:start + n]) \
            or any(ch in FOLLOWERS or ch in STOPWORDS for ch in text[start + 1:start + n]):
        return None  # 谢经理, 梁某, 本人, 由于已: a title, a pseudonym, a non-answer, a particle
    return start + n


def name_before_context(text: str, start: int) -> Optional[int]:
    """End of a surname and two characters right after a cue with what follows names right after
    them (受害人苗若曦称, 若 being a particle elsewhere), or None: no dictionary word inside."""
    surname = surname_at(text, start)
    if surname is None or surname in AMBIGUOUS_SURNAMES:
        return None
    q, end = start + len(surname), start + len(surname) + 2
    given = text[q:end]
    if len(given) < 2 or not is_han_word(given) or any(ch in FOLLOWERS for ch in given) \
            or SUFFIX_CONTEXT.match(text, end) is None:
        return None
    words = name_forms.dictionary_words()
    if any(text[i:j] in words for i in range(start, end - 1) for j in range(i + 2, end + 1)):
        return None
    return end if name_forms.plausible_word_name(text[start:end]) else None


def listed_word(text: str, start: int) -> Optional[int]:
    """End of a two-character word at ``start`` listed with a name after a cue (子女严明、霍荣)."""
    if surname_at(text, start) and text.startswith("、", start + 2) and surname_at(text, start + 3) \
            and read_name_at(text, start + 3) is not None:
        return start + 2
    return None


def read_name_at(text: str, start: int, word_ends: Optional[Dict[int, int]] = None) -> Optional[int]:
    """End of a surname + one or two characters at ``start`` (after a context word), or None.

    ``word_ends``: start -> end of jieba's words; a third character that begins a longer
    word (配偶杨雷|长期) is not part of the name.
    """
    surname = surname_at(text, start)
    if surname is None:
        return None
    q = start + len(surname)
    if q >= len(text) or not is_han(text[q]) or text[q] in FOLLOWERS or text[q] in STOPWORDS:
        return None
    if text.startswith(TITLES, q) or text[q] in "某氏姓":
        return None
    end = q + 1
    if word_ends is not None and word_ends.get(q, q) > q + 2:
        if surname in AMBIGUOUS_SURNAMES:
            return None  # 其妻向|派出所: an everyday word before a longer word, not a surname
        return end if text[start:end] not in NOT_NAMES else None  # 配偶闫|成长期: the name is 闫成
    if end < len(text) and is_han(text[end]) and text[end] not in FOLLOWERS and not SUFFIX_CONTEXT.match(text, end):
        word_end = end + 1 if word_ends is None else word_ends.get(end, end + 1)
        # 司马强|建于: a word of a given character and a follower does not end the name
        starts_word = word_end > end + 1 and not (word_end == end + 2 and text[end + 1] in FOLLOWERS)
        if not starts_word and (text[end] in GIVEN_NAME_CHARS or ends_name(text, end + 1)):
            end += 1
    given = text[q:end]
    if any(ch in AMOUNT_CHARS for ch in given):
        return None
    if surname in AMBIGUOUS_SURNAMES and not all(ch in GIVEN_NAME_CHARS for ch in given):
        return None
    if text[start:end] in NOT_NAMES:  # 学生谢谢: a word, not a surname and a given name
        return None
    if text[start:end] in CUE_WORDS:  # 学生家长: another cue, not a name
        return None
    return end


def surname_and_title(text: str, start: int, end: int) -> bool:
    """A surname with a title or a form of address and no given name (李先生, 罗大爷, 李姐, 王总):
    it names no one (issue 18); 李明先生 and 李伯涛 are names."""
    surname = surname_at(text, start)
    if surname is None or start + len(surname) >= end:
        return False
    q = start + len(surname)
    return text.startswith(TITLES, q) or (end == q + 1 and text[q] in SHORT_TITLES)


def historical(text: str, start: int, end: int) -> bool:
    """A person of history (a listed name, or one followed by 故居, 诞辰 …), not personal data."""
    return (text[start:end] in HISTORICAL_FIGURES or HISTORICAL_AFTER.match(text, end) is not None
            or HISTORICAL_BEFORE.search(text, 0, start) is not None)
