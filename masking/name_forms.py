"""Forms of names the surname rules of ``masking.person`` cannot read, and words that are not names.

- **Common words** (``is_common_word``): two- to four-character words of jieba's dictionary
  tagged as something other than a name (支付 v, 家庭 n, 房东 n, 劳动 vn) and used often
  (frequency 100 or more; verbs and function words from 3: 诉称, 辩称). Right after a cue word with nothing between (判令被告支付工资,
  申请人家庭人均收入), such a word is the sentence going on, not a name.
- **A whole name after a cue and a colon** (``name_after_separated_cue``): 原告：陈述，男 …,
  报警人：彭湃。, 来电人：扎西顿珠（…）. A colon or space after the cue and a name end right
  after two to four Han characters make them a name, whether or not they start with a
  surname or form a word: that is how forms and judgments write one.
- **Names with a middle dot** (``dotted_names``): 如克亚·哈森, 阿不都热合曼·买买提: the
  interpunct joins the parts of transliterated and minority names.
- **Minority names without a surname or a dot** (``minority_names``): two or more of the
  usual parts of Tibetan, Yi, Mongolian, Uyghur or Kazakh names run together (扎西顿珠,
  尼玛次仁, 曲比阿果), wherever they stand; the parts are listed in ``data/given_names.txt``.
- **Names by their place** (``table_names``, ``turn_names``, ``listed_items``): the cells of a
  table's name column, the speakers of a transcript's turns, the whole items of a 、-list; and
  what is no name there (``FIELD_LABELS``, a form's answers, towns, sayings).
"""
from __future__ import annotations

import functools
import os
import re
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from masking.lexicon import NAME_PREFIX_CONTEXT
from masking.surnames import MINORITY_NAME_PARTS

_CUE_WORDS = frozenset(NAME_PREFIX_CONTEXT)

COMMON_WORD_FREQUENCY = 100
# jieba's tags of locality, time, conjunction, preposition, particle, adverb, pronoun and numeral
# words: never a given name (附近, 以后), unlike nouns and verbs (建平 n, 建国 ns).
_FUNCTION_TAGS = frozenset("f s t c p u d r m q".split())
# Han characters only; the dot of a name in its four common code points.
_HAN = "\u3400-\u9fff"
_DOT = "·•・‧"
# Answers a form gives where a name would stand (当事人：不详).
NOT_A_NAME_ANSWER = frozenset("不详 未知 无 暂无 同上 见上 本人 其他 空缺 待定 略 本人签字 本人签名 窗口 空白 缺 无人 "
                              "同前 同左 同右 见下 见附件 附后 详见 如上 如下 自己 自理 全部 全体 以上 上述".split())
# Answers that refer elsewhere (同申请人, 见附件, 详见上表, 如上所述): not a name either.
_REFERRING_ANSWER = re.compile(r"(?:同|见|详见|参见|如)(?:上|下|前|后|左|右|附|表|申请|户主|本人|联系|以上|填表|委托)")
# A form's field labels and a table's column headers: what stands after 姓名 in a header line
# (姓名　性别　年龄), never a name.
FIELD_LABELS = frozenset(
    "性别 民族 年龄 出生 出生年月 出生日期 籍贯 身份证 身份证号 身份证号码 证件号 证件号码 证件类型 联系电话 电话 手机 "
    "手机号 手机号码 住址 地址 家庭住址 现住址 户籍 户籍地 户籍地址 备注 序号 编号 单位 工作单位 职务 职业 学历 文化程度 "
    "政治面貌 婚姻状况 关系 与户主关系 家庭关系 称谓 金额 签名 签字 日期 时间 事由 类别 状态 面积 人数 结果 班级 学号 "
    "年级 学校 专业 邮箱 邮编 联系方式 银行卡号 账号 开户行 车牌号 保障金额 补助金额 人口 家庭人口 残疾等级 健康状况 "
    "收入 月收入 所在村 所属社区 村组 组别 门牌号 房号 楼栋 意见 审核意见 处理结果 申请事项".split())
_FIELD_LABEL = re.compile("|".join(sorted(FIELD_LABELS, key=len, reverse=True)))
# Endings that make two to four characters a place, a body or a thing rather than a person.
_NOT_PERSON_ENDING = re.compile(
    r"(?:省|市|区|县|镇|乡|村|路|街|道|号|局|院|所|厅|委|办|队|站|中心|公司|银行|医院|学校|政府|法院|部|处|科|室|组|会)$"
)
# Last characters of words that name a role or a party, not a person (双方, 司机, 商户, 路人).
_ROLE_ENDINGS = frozenset("人方户员者机主客工警长师属友众士们家")
# The parts hold no 与, 和, 及: 吐尔逊·艾买提与古丽娜·吾斯曼 are two names.
_NAME_PART = f"(?:(?![与和及])[{_HAN}])"
_DOTTED = re.compile(f"{_NAME_PART}{{1,7}}(?:[{_DOT}]{_NAME_PART}{{1,7}})+")
# Characters that end the words before a dotted name's first part (市民|如克亚·哈森).
_BEFORE_NAME = frozenset("的在和与及向对被将把经据令是为由给跟同让请叫称系于、：:，,。；;（(）) 　\n")


# A two-character word jieba tags as a name and uses this often is a word (矫正 175, 修正, 卓越) or a
# person of fame, not somebody's name: people's names are rare in its dictionary (李娜 438). Applied
# to rarer surnames only: with a frequent one such a word is often a name too (高峰, 白雪).
NAME_TAGGED_WORD_FREQUENCY = 100


@functools.lru_cache(maxsize=1)
def _word_lists() -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str], Dict[str, int]]:
    """(common words, every word not tagged as a name, function words, frequent two-character
    words tagged as names with their frequency) of jieba's dictionary, read in one pass
    (``load`` at analyzer build time, so no text pays for it)."""
    import jieba

    common, words, function, name_tagged = [], [], [], {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3 or not 2 <= len(parts[0]) <= 4:
                continue
            if parts[2].startswith("nr"):
                if len(parts[0]) == 2 and int(parts[1]) >= NAME_TAGGED_WORD_FREQUENCY:
                    name_tagged[parts[0]] = int(parts[1])
                continue
            word, freq, tag = parts[0], int(parts[1]), parts[2]
            words.append(word)
            # verbs and function words (诉称 3, 辩称 25) at any but the rarest frequency
            if freq >= COMMON_WORD_FREQUENCY or (freq >= 3 and tag[0] in "vdpcu"):
                common.append(word)
            if len(word) == 2 and tag in _FUNCTION_TAGS:
                function.append(word)
    return frozenset(common), frozenset(words), frozenset(function), name_tagged


def load() -> None:
    """Read the word lists now (the person recognizer's ``load``)."""
    _word_lists()


def common_words() -> FrozenSet[str]:
    """Frequent words of jieba's dictionary tagged other than as names."""
    return _word_lists()[0]


def dictionary_words() -> FrozenSet[str]:
    """Every word of two to four characters of jieba's dictionary not tagged as a name."""
    return _word_lists()[1]


def function_words() -> FrozenSet[str]:
    """Two-character words of jieba's dictionary tagged as function or locality words."""
    return _word_lists()[2]


def name_tagged_frequency(word: str) -> int:
    """jieba's frequency of a two-character word it tags as a name, if 100 or more (else 0)."""
    return _word_lists()[3].get(word, 0)


def is_common_word(word: str) -> bool:
    return word in common_words()


def starts_with_common_word(text: str, start: int) -> bool:
    """Whether a common word of two to four characters begins at ``text[start]``."""
    words = common_words()
    return any(text[start:start + n] in words for n in (2, 3, 4) if start + n <= len(text))


def name_after_separated_cue(text: str, start: int, ends_name: Callable[[str, int], bool],
                             titles: Tuple[str, ...]) -> Optional[int]:
    """End of a whole name of two to four Han characters at ``start`` (right after 原告：), or None.

    The characters must run up to a name end (``ends_name``: punctuation, ，男, 先生 …) and be
    neither a form's non-answer (不详), a pseudonym (张某), a title, nor a place or body.
    """
    if _FIELD_LABEL.match(text, start):
        return None  # 姓名　与户主关系: a column's label, whatever ends it
    end = start
    while end < len(text) and end - start < 4 and "\u3400" <= text[end] <= "\u9fff":
        end += 1
        if end - start >= 2 and ends_name(text, end) and _plausible(text[start:end], titles):
            return end
    return None


def field_label_at(text: str, start: int) -> bool:
    """Whether a form's field label (性别, 家庭人口 …) begins at ``text[start]``."""
    return _FIELD_LABEL.match(text, start) is not None


def plausible_word_name(word: str) -> bool:
    """Whether a word that begins with a surname can be a name where context makes it one: not
    a cue, a title, a function word, a form's non-answer or a place or body (温暖 yes, 附近 no)."""
    from masking.lexicon import NAME_PREFIX_CONTEXT, NAME_SUFFIX_CONTEXT

    return (word not in NAME_PREFIX_CONTEXT and word not in function_words() and word[-1] not in _ROLE_ENDINGS
            and _plausible(word, tuple(NAME_SUFFIX_CONTEXT)))


def _plausible(name: str, titles: Tuple[str, ...]) -> bool:
    return (name not in NOT_A_NAME_ANSWER and "某" not in name and not name.startswith(titles)
            and not name.endswith(titles) and _NOT_PERSON_ENDING.search(name) is None
            and name not in FIELD_LABELS and name not in _CUE_WORDS  # 姓名　性别, 姓名　申请人身份证号
            and _REFERRING_ANSWER.match(name) is None)


def dotted_names(text: str, cue_ends: FrozenSet[int] = frozenset(),
                 ends_name: Callable[[str, int], bool] = lambda text, i: False) -> List[Tuple[int, int]]:
    """(start, end) of each name with a middle dot (古丽娜尔·吐尔逊).

    The first part runs back to a character that ends the words before it or to the end of
    a cue word (``cue_ends``), else loses the common words it begins with (市民|热依拉); the
    last part runs on to a name end (``ends_name``: 称, 不慎 …), else to a common word
    (哈森|拒绝), within five characters.
    """
    if not any(dot in text for dot in _DOT):
        return []
    found = []
    for m in _DOTTED.finditer(text):
        start, end = m.start(), m.end()
        if start > 0 and text[start - 1] == "《" or text.startswith("》", end):
            continue  # a title (《佛山·南海》), not a name
        first_end = next(i for i in range(start, end) if text[i] in _DOT)
        start = max(start, first_end - 7)
        bounded = False
        for i in range(first_end - 1, start - 1, -1):
            # a cue, a word-ending character, or the start of the text or a line (买买提·艾力于…)
            if i in cue_ends or i == 0 or text[i - 1] in _BEFORE_NAME or not "\u3400" <= text[i - 1] <= "\u9fff":
                start, bounded = i, True
                break
        while not bounded and first_end - start > 2 and starts_with_common_word(text, start):
            start += 2 if is_common_word(text[start:start + 2]) else 1
        last_dot = max(i for i in range(first_end, end) if text[i] in _DOT)
        stop = min(end, last_dot + 6)
        known = _parts_end(text, last_dot + 1, max_parts=1)  # 阿布拉|到: a known part is whole
        if known > last_dot + 1 and known < len(text) and text[known] in _BEFORE_NAME:
            stop = known  # 吐尔逊|与刘浩: a known part and a particle end the name
        ends = [i for i in range(max(last_dot + 2, known), stop) if ends_name(text, i)]  # 米吉提|不慎遗失
        words = [i for i in range(max(last_dot + 2, known), stop) if starts_with_common_word(text, i)]
        stop = (ends or words or [stop])[0]
        if first_end - start >= 1 and stop - last_dot >= 2:
            found.append((start, stop))
    return found


def unknown_run(text: str, start: int, end: int, particles: FrozenSet[str]) -> bool:
    """Whether ``text[start:end]`` holds no word of the dictionary (other than a name) and no
    particle (的, 已 …): a transliterated name (扎西顿珠), not the sentence after a cue (另留座机)."""
    if any(ch in particles for ch in text[start:end]):
        return False
    words = dictionary_words()
    return not any(text[i:j] in words for i in range(start, end - 1) for j in range(i + 2, end + 1))


@functools.lru_cache(maxsize=1)
def _parts_by_prefix() -> Dict[str, Tuple[str, ...]]:
    """Minority name parts by their first two characters, longest first."""
    index: Dict[str, List[str]] = {}
    for part in MINORITY_NAME_PARTS:
        index.setdefault(part[:2], []).append(part)
    return {key: tuple(sorted(parts, key=len, reverse=True)) for key, parts in index.items()}


def _parts_end(text: str, start: int, max_parts: int = 6) -> int:
    """End of the run of up to ``max_parts`` known name parts at ``start`` (``start`` if none)."""
    index, end = _parts_by_prefix(), start
    for _ in range(max_parts):
        part = next((p for p in index.get(text[end:end + 2], ()) if text.startswith(p, end)), None)
        if part is None:
            break
        end += len(part)
    return end


@functools.lru_cache(maxsize=1)
def _part_starts() -> "re.Pattern[str]":
    return re.compile("|".join(sorted(_parts_by_prefix())))


def starts_minority_part(text: str, start: int) -> bool:
    """Whether a known part of a minority name (巴特尔, 扎西 …) begins at ``text[start]``."""
    return _parts_end(text, start, max_parts=1) > start


def minority_names(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each run of two or more known parts of minority names (次仁卓玛)."""
    found: List[Tuple[int, int]] = []
    for m in _part_starts().finditer(text):
        start = m.start()
        if found and start < found[-1][1]:
            continue
        end, parts = start, 0
        while True:
            part_end = _parts_end(text, end, max_parts=1)
            if part_end == end:
                break
            end, parts = part_end, parts + 1
        if parts >= 2:
            found.append((start, end))
    return found


# -- names by their place in a table, a transcript or a list ------------------------------------
# A table's cells: set apart by a tab, two spaces or more, or a full-width space.
_CELL_SEPARATOR = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*|\t+|[ ]{2,}|\u3000+")
_SPACE = re.compile(" ")  # a row set apart by single spaces (a bank statement's): only when nothing else parts it
# A column of names: its header cell (姓名, 户主姓名, 申请人, 联系人 …).
_NAME_COLUMN = re.compile(r"(?:[\u4e00-\u9fff]{0,4}姓名|名字|户主|申请人|联系人|当事人|监护人|负责人|参保人|受助人|"
                          r"救助对象|成员|家庭成员|学生|家长|户名|持有人|权利人|被征收人|发言人|参会人员?|"
                          r"来访人|信访人|来电人|投诉人|反映人|举报人|求助人|收款人|付款人|交易对方|对方户名)$")
_HAN_NAME = re.compile(f"[{_HAN}]{{2,6}}(?:[{_DOT}][{_HAN}]{{1,7}})*$")
# A speaker's turn: a line opening with a name, a colon and words (巴特尔：明天几点到？), possibly after
# a time stamp ([2026-03-05 10:23] 刘建军：…, 10:23 韩冰：…).
_TURN = re.compile(r"(?:^|\n)[ \t\u3000]*(?:[\[【(（]?[0-9:：\-/. ]{4,20}[\]】)）]?[ \t\u3000]*)?"
                   f"([{_HAN}]{{2,6}}(?:[{_DOT}][{_HAN}]{{1,7}})?)[ \\t\\u3000]*[:：](?=[ \\t\\u3000]*[^\\s0-9])")


def _name_like(run: str, starts_with_surname: Callable[[str], bool], column: bool = False) -> bool:
    """Whether a run standing where a name stands (a table's name column, a speaker's place) can
    be one: a surname, a minority name's part or no dictionary word, and neither a label, an
    answer, a pseudonym, a role nor a body. In a name ``column`` a surname is enough (江山)."""
    if not _HAN_NAME.match(run) or not _plausible(run, _titles()) or run[-1] in _ROLE_ENDINGS \
            or run in _places_and_words():
        return False
    if any(dot in run for dot in _DOT) or starts_minority_part(run, 0) or column and starts_with_surname(run):
        return True
    words = dictionary_words()
    if run in words or run[:2] in common_words():
        return False  # 时间, 客服, 主持, 出席: a label or a role, not a name
    return starts_with_surname(run) or unknown_run(run, 0, len(run), frozenset("的了是在和与及"))


@functools.lru_cache(maxsize=1)
def _places_and_words() -> FrozenSet[str]:
    """Towns by their short names (张槎, 陈村, 龙江: a town's turn in minutes) and the words
    ``lexicon.NOT_NAMES`` lists: never a name by its place alone."""
    from masking.lexicon import NOT_NAMES, TOWNS

    short = {t[:-2] if t.endswith("街道") else t[:-1] for t in TOWNS}
    return frozenset(short) | NOT_NAMES


@functools.lru_cache(maxsize=1)
def _titles() -> Tuple[str, ...]:
    from masking.lexicon import NAME_SUFFIX_CONTEXT

    return tuple(NAME_SUFFIX_CONTEXT)


# A column of the people who acted on a row: its header a role of two to four characters (接待人, 承办人).
_ROLE_COLUMN = re.compile(r"[\u4e00-\u9fff]{1,3}人$")


def table_names(text: str, starts_with_surname: Callable[[str], bool]) -> List[Tuple[int, int]]:
    """(start, end) of the cells below a table's name column (序号　姓名　性别 / 1　巴特尔　男; cells set
    apart by |, tabs, wide spaces, or single spaces when nothing else parts a line)."""
    if "\t" not in text and "  " not in text and "\u3000" not in text and "|" not in text and "｜" not in text \
            and text.count(" ") < 4:
        return []  # a row set apart by single spaces has three of them at least, and so has its header
    found: List[Tuple[int, int]] = []
    columns: List[int] = []
    pos = 0
    for line in text.split("\n"):
        cells, last = [], 0
        stripped = line.strip(" \t\u3000|｜")
        offset = pos + len(line) - len(line.lstrip(" \t\u3000|｜"))
        separator = _CELL_SEPARATOR if _CELL_SEPARATOR.search(stripped) else _SPACE
        for m in separator.finditer(stripped):
            cells.append((offset + last, offset + m.start()))
            last = m.end()
        cells.append((offset + last, offset + len(stripped)))
        pos += len(line) + 1
        if len(cells) < 2:
            columns = []  # a line that is no table's row ends the table
            continue
        header = [i for i, (a, b) in enumerate(cells) if _NAME_COLUMN.search(text[a:b]) or _ROLE_COLUMN.match(text[a:b])]
        if header and not any(_name_like(text[a:b], starts_with_surname) for a, b in cells):
            columns = header  # a header line: its cells are labels (对方户名, 接待人 …), none a name
            continue
        for column in columns:
            if column < len(cells) and _name_like(text[cells[column][0]:cells[column][1]], starts_with_surname, column=True):
                found.append(cells[column])
    return found


_STAMPED_SPEAKER = re.compile(f"(?:^|\\n)[ \\t\\u3000]*([{_HAN}]{{2,6}}(?:[{_DOT}][{_HAN}]{{1,7}})?)[ \\t\\u3000]+"
                              r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+)?\d{1,2}:\d{2}(?::\d{2})?[ \t\u3000]*(?=\n)")


def turn_names(text: str, starts_with_surname: Callable[[str], bool],
               surnameless: Callable[[str], bool] = lambda run: False) -> List[Tuple[int, int]]:
    """(start, end) of the speakers of a transcript or minutes (巴特尔：… ⏎ 其木格：…): only where two
    turns or more open with a name by ``_speaker``, so a form's label lines are not turns.
    ``surnameless`` reads a name of a people without surnames (``dai_names.is_dai_name``, which
    reads this module's word lists: passed in, so that neither module imports the other)."""
    if text.count("：") + text.count(":") < 2:
        return []
    names = [m.span(1) for m in _TURN.finditer(text) if _speaker(m.group(1), starts_with_surname, surnameless)]
    if len(names) < 2 and ":" in text:  # a chat export: the speaker and the time on a line (巴特尔 10:23)
        names = [m.span(1) for m in _STAMPED_SPEAKER.finditer(text) if _speaker(m.group(1), starts_with_surname, surnameless)]
    return names if len(names) >= 2 else []


def _speaker(run: str, starts_with_surname: Callable[[str], bool], surnameless: Callable[[str], bool]) -> bool:
    """A speaker's name before a colon, where a form's labels stand too (经办机构：, 时间：): a
    minority name's part or a dotted name, or a surname (not an everyday word) and one or two
    characters that hold no dictionary word; four characters only with a compound surname."""
    from masking.lexicon import AMBIGUOUS_SURNAMES, COMPOUND_SURNAMES

    if not _name_like(run, starts_with_surname):
        return False
    if any(dot in run for dot in _DOT) or starts_minority_part(run, 0) or surnameless(run):
        return True
    surname = run[:2] if run[:2] in COMPOUND_SURNAMES else run[0]
    if not starts_with_surname(run) or surname in AMBIGUOUS_SURNAMES or not 1 <= len(run) - len(surname) <= 2:
        return False
    if run[-1] in "曰说道问答讲" or name_tagged_frequency(run[:2]) or name_tagged_frequency(run[-2:]):
        return False  # 孔子曰：, 陈述：: a saying, or a word jieba tags as a name and uses often
    words = dictionary_words()
    return not any(run[i:j] in words for i in range(len(run) - 1) for j in range(i + 2, len(run) + 1))


# A list of names: items set apart by 、 (and 和, 与, 及 before the last).
_LIST_ITEM_END = frozenset("、，,。；;：:）)\n\t 　")


def listed_items(text: str, spans: List[Tuple[int, int]], starts_with_surname: Callable[[str], bool],
                 ends_name: Callable[[str, int], bool]) -> List[Tuple[int, int]]:
    """Whole items of 、-lists that hold a name already found (``spans``): each item from the 、
    before it to the 、 or punctuation after it, when it can be a name (陈思|远 -> 陈思远,
    巴特尔 between two names). An item that runs on into the sentence (…、陈桂珍各持股) is left
    to the other rules."""
    if "、" not in text:
        return []
    found = set()
    for start, end in spans:
        if text[start - 1:start] != "、" and text[end:end + 1] != "、":
            continue
        items = _list_items(text, start, end)
        last = max(a for a, _ in items) if items else -1
        for a, b in items:
            if a == last and not _list_item_ok(text, a, b, starts_with_surname, ends_name):
                # the last item, up to its first name end: 宇文泰|二人在场 (not 陈桂珍各持股: no end in it)
                b = next((i for i in range(a + 2, b) if ends_name(text, i)), b)
            if (a, b) != (start, end) and _list_item_ok(text, a, b, starts_with_surname, ends_name):
                found.add((a, b))
    return sorted(found)


def _list_item_ok(text: str, a: int, b: int, starts_with_surname: Callable[[str], bool],
                  ends_name: Callable[[str, int], bool]) -> bool:
    """An item of a list that can be a name: a surname and one or two characters (a compound one and
    up to two), or a minority or dotted name of up to six, with no name end inside (李娜说)."""
    from masking.lexicon import COMPOUND_SURNAMES

    run = text[a:b]
    if starts_minority_part(run, 0) or any(dot in run for dot in _DOT):
        longest = 8
    else:
        longest = 4 if run[:2] in COMPOUND_SURNAMES else 3
    if not 2 <= len(run) <= longest or any(ends_name(text, i) for i in range(a + 2, b)):
        return False
    return _name_like(run, starts_with_surname)


def _list_items(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    """The items of the 、-list around the name at ``text[start:end]``: each bounded by 、 or by
    punctuation, at most eight characters; an item with no such bound is not taken."""
    def item_end(a: int) -> Optional[int]:
        b = a
        while b < len(text) and b - a <= 8 and "\u3400" <= text[b] <= "\u9fff" and text[b] != "、":
            b += 1
        return b if b == len(text) or text[b] in _LIST_ITEM_END else None

    items = []
    stop = item_end(start)
    if stop is not None:
        items.append((start, stop))  # 陈思|远、
    p = stop if stop is not None else end
    while p < len(text) and text[p] == "、":
        b = item_end(p + 1)
        if b is None:
            break
        items.append((p + 1, b))
        p = b
    p = start - 1
    while p > 0 and text[p] == "、":
        a = p
        while a > 0 and p - a <= 8 and "\u3400" <= text[a - 1] <= "\u9fff" and text[a - 1] != "、":
            a -= 1
        if a > 0 and text[a - 1] not in _LIST_ITEM_END:
            break  # the first item runs into the words before the list: leave it to the other rules
        items.append((a, p))
        p = a - 1
    return items
