"""Person names in Chinese text, from jieba's dictionary, surnames and context.

There is no NER model here, so a name is recognised from kinds of evidence that are
cheap to check and measured together by ``bench/bench_masking.py``:

1. Context right before it: 姓名：, 联系人, 申请人, 车主 … (or 致, 尊敬的 when a colon or
   comma follows the name). The name is then read from the raw text (surname + one or
   two characters), which also works where jieba cuts across it (车主张峰 -> 车 / 主张 /
   峰). Score 0.85.
2. Tokens: a word jieba's dictionary tags as a person name (张伟, 刘洋), or a surname
   token followed by one or two short words (罗 + 红梅, 丛 + 勇). Scored by the surname
   (the 120 most frequent, less frequent, or also an everyday word such as 和, 向, 于)
   and by the given name (a dictionary name, characters usual in given names, other):

   ==============  ==========  =============  =======
   surname          dict name   usual chars    other
   ==============  ==========  =============  =======
   frequent          0.65        0.55           0.4
   less frequent     0.55        0.45           0.3
   everyday word     0.45        0.35           0.2
   ==============  ==========  =============  =======

   A dictionary word of another kind that reads like a name (徐洋) scores 0.45 / 0.35 / 0.

3. Context right after it (先生, 女士, 名下, 的身份证, ，男, 于2026年, 反映 …) lifts a token
   candidate scoring at least 0.3 to 0.85; so does being listed next to a name
   (张伟、华桂珍 -> 0.6). Presidio's context enhancer adds 0.35 for context words a few
   words further back.

A candidate inside an organisation's name (雨林木风计算机有限公司) is dropped, and words
that jieba tags as names but are not (申请人, 高明区) are listed in ``lexicon.NOT_NAMES``.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from masking import dai_names, minority_names, name_cues, name_forms, name_lists
from masking.record_names import record_names
from masking.spaced_names import spaced_names
from masking.familiar_names import familiar_start, given_core, is_familiar_address
from masking.lexicon import (
    AMBIGUOUS_SURNAMES,
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    CORE_GIVEN_NAME_CHARS,
    GIVEN_NAME_CHARS,
    NAME_SUFFIX_CONTEXT,
    NOT_NAMES,
    SURNAMES,
)
from masking.name_context import (
    CLAUSE_START,
    LISTING,
    ORG_AFTER,
    ORG_BREAKERS,
    PERSON_ACT,
    PARTY_ACT,
    PLACE_AFTER,
    PLACE_WORDS,
    PREFIX_ANCHOR,
    ROAD_AFTER,
    ROLE_LABEL,
    SIGNATURE_LINE,
    SPACED_COURT_TITLE,
    STRICT_ANCHOR,
    TITLES,
    context_after,
)
from masking.name_reading import (
    AMOUNT_CHARS,
    BODY_ENDINGS,
    CUE_WORDS,
    FOLLOWERS,
    PLACE_BEFORE_ANY,
    PLACE_SUFFIXES,
    ROAD_SUFFIX,
    SCORES,
    SURNAME_FIRST_CHARS,
    ends_dotted_name,
    ends_name,
    ends_name_token,
    followed_by_name_context,
    historical,
    is_han,
    is_han_word,
    listed_word,
    name_before_context,
    read_name_at,
    starts_with_surname,
    surname_and_title,
    surname_at,
    surname_tier,
    word_before_context,
)
from masking.nlp_engine import STOPWORDS

ENTITY = "PERSON"
SCORE_WITH_CONTEXT = 0.85
SCORE_LISTED_WITH_NAME = 0.6
MIN_SCORE_FOR_CONTEXT = 0.3
SCORE_CLAUSE_SUBJECT = 0.55
MIN_SCORE_FOR_PARTY_ACT = 0.35  # a surname and usual given-name characters (石建国驾驶), not 职须签订

class ChinesePersonRecognizer(EntityRecognizer):
    """PERSON from jieba dictionary tags, a surname list and adjacent context words."""

    CONTEXT = ["姓名", "联系人", "申请人", "当事人", "法定代表人", "负责人", "经办人", "户主", "原告", "被告", "审判员",
               "书记员", "承办人", "执法人员", "报警人", "来电人", "患者", "家属", "医师"]

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[ENTITY],
            name="ChinesePersonRecognizer",
            supported_language="zh",
            context=list(self.CONTEXT),
        )

    def load(self) -> None:  # the lexicon is plain Python data; jieba's word lists are read once
        name_forms.load()

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        found: Dict[int, Tuple[int, float, bool]] = {}  # start -> (end, score, context-enhanced)
        word_ends = None
        if nlp_artifacts is not None and nlp_artifacts.tokens:
            word_ends = {s: s + len(t) for s, t in zip(nlp_artifacts.tokens_indices, nlp_artifacts.tokens)}
        cued = self._cued_names(text, word_ends, found)
        for anchor in STRICT_ANCHOR.finditer(text):
            end = read_name_at(text, anchor.end(), word_ends)
            if end is not None and anchor.end() not in found and (text[end:end + 1] in ("：", ":", "，", ",") or text.startswith(TITLES, end)):
                found[anchor.end()] = (end, SCORE_WITH_CONTEXT, True)
        if nlp_artifacts is not None and nlp_artifacts.tokens:
            self._token_candidates(text, nlp_artifacts, found)
            self._words_that_act(text, nlp_artifacts, found)
        if "、" in text:
            self._whole_list_items(text, found)
        name_lists.add_neighbours(text, found, surname_at, SCORE_LISTED_WITH_NAME)  # 禤志明 笪丽萍 冼国强
        spans = sorted((familiar_start(text, s, e), e, score, enhanced) for s, (e, score, enhanced) in found.items()
                       if (s in cued or not historical(text, s, e)) and not surname_and_title(text, s, e)
                       and not is_familiar_address(text[s:e]))  # 小刘, 老张
        spans = name_lists.lift_listed(text, spans, LISTING, SCORE_LISTED_WITH_NAME, MIN_SCORE_FOR_CONTEXT)
        return [self._result(s, e, score, enhanced) for s, e, score, enhanced in spans if score > 0]

    # -- names read from a cue before them ---------------------------------------------
    def _cued_names(self, text, word_ends, found) -> set:
        """Add the names a cue word, a role label (派单人：), a signature line or a middle dot
        marks to ``found``; return the starts of those a colon or a line made certain (a person
        of history's name there is somebody's: 报警人：彭湃，女)."""
        certain, cue_ends = set(), set()
        anchors = [(m.end(), m.group("sep")) for m in PREFIX_ANCHOR.finditer(text)]
        anchors += [(m.end(), ":") for m in ROLE_LABEL.finditer(text)]
        anchors += [(m.end(), " ") for m in SPACED_COURT_TITLE.finditer(text)]  # 审　判　长　潘芳
        anchors += name_cues.anchors(text)  # 联系人（监护人）：, 承包方代表：, （本报记者
        for start, sep in sorted(anchors):
            cue_ends.add(start)
            if start in found:
                continue
            ends = lambda t, i: ends_name(t, i) or context_after(t, i) or PARTY_ACT.match(t, i) is not None  # noqa: E731
            end = minority_names.minority_name_after_cue(text, start, ends) or dai_names.dai_name_after_cue(text, start, ends)
            if end is not None:  # 市民巴特尔反映, 被告阿拉坦仓辩称: a minority name, whatever its first character
                found[start] = (end, SCORE_WITH_CONTEXT, True)
                certain.add(start)
                continue
            newline = "\n" in sep and ":" not in sep and "：" not in sep
            if any(ch in ":：" or ch.isspace() for ch in sep):
                end = name_forms.name_after_separated_cue(text, start, ends_name, TITLES)  # 原告：陈述，男
                if end is not None and self._word_not_name(text, start, end):
                    end = None  # 经办人：窗口, 工作人员：您好: a word with no surname is the answer, not a name
                elif end is not None and newline and text[end:end + 1] in (":", "："):
                    end = None  # 申请人：本人⏎联系人：…: a cue ending its line, then the next line's label
                if end is not None and not self._inside_organisation(text, end):
                    found[start] = (end, SCORE_WITH_CONTEXT, True)
                    certain.add(start)
                    certain.update(self._listed_after(text, end, found))  # 抄送：关某某、甘某某
                    continue
            elif text[start:start + 2] not in COMPOUND_SURNAMES and name_forms.starts_with_common_word(text, start):
                if not followed_by_name_context(text, start):
                    # 负责人马力在场, 子女严明、霍荣: a word a person's act or a listed name follows
                    end = word_before_context(text, start) or listed_word(text, start)
                    if end is not None and not self._inside_organisation(text, end):
                        found[start] = (end, SCORE_WITH_CONTEXT, True)
                    continue  # 判令被告支付工资, 申请人家庭人均收入: the sentence goes on
                end = read_name_at(text, start, word_ends) or word_before_context(text, start)
                if end is not None and not self._inside_organisation(text, end):  # 配偶马力，31岁: a word that is a name
                    found[start] = (end, SCORE_WITH_CONTEXT, True)
                continue
            else:  # 市民格桑拉姆（…）, 陪护人扎西顿珠，: a whole run no dictionary knows
                end = name_forms.name_after_separated_cue(text, start, ends_name, TITLES)
                if end is not None and end - start >= 3 and surname_at(text, start) is None \
                        and name_forms.unknown_run(text, start, end, FOLLOWERS | STOPWORDS):
                    found[start] = (end, SCORE_WITH_CONTEXT, True)
                    continue
            if name_forms.field_label_at(text, start):
                continue  # 户主姓名　家庭人口: a column's label after the name column's
            end = read_name_at(text, start, word_ends) or word_before_context(text, start) \
                or name_before_context(text, start)  # 原告陈述与被告; 受害人苗若曦称
            if end is not None and not sep and text[end:end + 1] in (":", "：") \
                    and (text[start:end] in name_forms.dictionary_words()
                         or name_forms.name_tagged_frequency(text[start:end])):
                continue  # 租户须知：: a label that begins with a cue, not a name (投诉人黄丽华： is one)
            if end is not None and not self._inside_organisation(text, end):  # 当事人：昂歌信息传媒有限公司
                found[start] = (end, SCORE_WITH_CONTEXT, True)
        for m in SIGNATURE_LINE.finditer(text):  # a name alone on its line, under a text
            group = 1 if m.group(1) else 2
            start, end = m.start(group), m.end(group)
            if surname_at(text, start) and start not in found and (name_forms.unknown_run(text, start, end, STOPWORDS)
                                                                    or name_forms.plausible_word_name(text[start:end])):
                found[start] = (end, SCORE_WITH_CONTEXT, True)
                certain.add(start)
        whole = name_forms.dotted_names(text, frozenset(cue_ends), ends_dotted_name)
        whole += spaced_names(text, surname_at)  # 姓  名：王　芳, | 李 建 国 | 男 |
        whole += [(s, e) for s, e in record_names(text, starts_with_surname)  # 献血者：岩温　性别：男
                  if not any(a < e and s < b for a, b in whole)]
        whole += [(s, e) for s, e in name_forms.minority_names(text) if not any(a < e and s < b for a, b in whole)]
        whole += [(s, e) for s, e in minority_names.names_before_sex(text)  # 阿苏拉则，女: a name by its place
                  if not any(a < e and s < b for a, b in whole)]
        # by its place: a table's name column, a speaker's turn; a minority name's one part with context
        whole += [(s, e) for s, e in name_forms.table_names(text, starts_with_surname)
                  + name_forms.turn_names(text, starts_with_surname, dai_names.is_dai_name)
                  + minority_names.minority_part_names(text, lambda t, i: context_after(t, i) or PARTY_ACT.match(t, i))
                  if not any(a < e and s < b for a, b in whole)]
        for start, end in whole:  # 古丽娜尔·吐尔逊, 扎西顿珠
            if start in certain and found[start][0] > end:
                continue  # a cue's reading runs on to the name's end (被告人：吉克阿呷莫，)
            for s in [s for s, (e, _, _) in found.items() if s < end and start < e]:
                del found[s]  # the whole name replaces a part of it read as a name
            found[start] = (end, SCORE_WITH_CONTEXT, True)
        return certain

    @staticmethod
    def _whole_list_items(text, found) -> None:
        """Names listed with 、 read whole, item by item, next to a name found (陈思|远、韩冰 -> 陈思远)."""
        seeds = [(s, e) for s, (e, score, _) in found.items()
                 if score >= 0.5 and not historical(text, s, e) and not surname_and_title(text, s, e)]
        for start, end in name_forms.listed_items(text, seeds, starts_with_surname, ends_name):
            if historical(text, start, end):
                return  # 孙中山、廖仲恺: a list of people of history names no one's data
            for s in [s for s, (e, _, _) in found.items() if s < end and start < e]:
                del found[s]
            found[start] = (end, SCORE_WITH_CONTEXT, True)

    @staticmethod
    def _word_not_name(text: str, start: int, end: int) -> bool:
        """Whether the characters after a cue's colon open with a dictionary word and with no surname
        nor a minority name's part (窗口, 您好, 办公室): a form's answer, not a name."""
        if surname_at(text, start) is not None or name_forms.starts_minority_part(text, start):
            return False
        words = name_forms.dictionary_words()
        return any(text[start:start + n] in words for n in range(2, end - start + 1))

    @staticmethod
    def _listed_after(text, end, found) -> List[int]:
        """Names listed after a name read from a colon (、X、Y), each up to a name end."""
        starts = []
        while text.startswith("、", end):
            start = end + 1
            end = name_forms.name_after_separated_cue(text, start, ends_name, TITLES)
            if end is None:
                break
            found[start] = (end, SCORE_WITH_CONTEXT, True)
            starts.append(start)
        return starts

    # -- token candidates ------------------------------------------------------------
    def _token_candidates(self, text, nlp_artifacts, found) -> None:
        """Add the best non-overlapping token candidates to ``found``."""
        tokens = nlp_artifacts.tokens
        starts = nlp_artifacts.tokens_indices
        tags = getattr(nlp_artifacts, "pos_tags", None) or [None] * len(tokens)
        candidates = []
        # where roads' suffixes and place words are, found once per text rather than per candidate
        roads = [m.start() for m in ROAD_SUFFIX.finditer(text)]
        place_words = {m.start() for m in PLACE_WORDS.finditer(text)}
        place_before = {m.end() for m in PLACE_BEFORE_ANY.finditer(text)}
        for i in range(len(tokens)):
            if tokens[i][0] not in SURNAME_FIRST_CHARS:
                continue  # most tokens: no surname can start them (a call saved per token)
            candidate = self._candidate(text, tokens, starts, tags, i)
            if candidate is None:
                continue
            length, evidence, surname = candidate
            start = starts[i]
            end = start + length
            # 吴秀 / 芳名 / 下, 冼 / 志 / 坚 / 向本院: take the third character when context follows it
            if length == len(surname) + 1 and end < len(text) and is_han(text[end]) \
                    and text[end] not in FOLLOWERS and text[end] not in STOPWORDS \
                    and not context_after(text, end) and context_after(text, end + 1):
                end += 1
            tier = surname_tier(surname)
            if tier == "everyday" and evidence == "dict" and end - start == len(surname) + 2 \
                    and surname in COMMON_SURNAMES and surname not in STOPWORDS \
                    and text[start:end] not in name_forms.dictionary_words():
                tier = "frequent"  # 黄俊杰, 石建国: a frequent surname that is also a word, and a whole given name
            if tier == "everyday" and surname_at(text, start + len(surname)) in COMMON_SURNAMES \
                    and text[start + len(surname)] not in AMBIGUOUS_SURNAMES:
                continue  # 后 / 刘杰 / 离开: the name begins at the frequent surname after the everyday word
            if any(end <= r <= end + 2 for r in roads) and ROAD_AFTER.match(text, end):
                continue  # 李子 / 园路与…, 魏家 / 巷、: a road or lane named after a surname
            if (end in place_words or end - 1 in place_words or start in place_before) and not context_after(text, end):
                continue  # 林岳一带, 黎涌附近, 林岳方|向, 家住黎涌: a place
            score = SCORES[(tier, evidence)]
            enhanced = tier == "everyday"  # 应自, 由夏: only context right next to it counts
            # a weak sign (what a party did, a clause's subject) lifts a surname with given-name characters,
            # not a dictionary word that reads like a name nor unusual characters (孔明灯已被禁止)
            likely = score >= MIN_SCORE_FOR_PARTY_ACT and evidence in ("dict", "usual")
            if score >= MIN_SCORE_FOR_CONTEXT and context_after(text, end) \
                    or likely and PARTY_ACT.match(text, end):
                score, enhanced = SCORE_WITH_CONTEXT, True
            elif likely and (tier != "everyday" or end - start > len(surname) + 1
                             or surname in COMMON_SURNAMES and surname not in STOPWORDS) and end < len(text) \
                    and (text[end] in FOLLOWERS or text[end] in "未没不均" or text[end:end + 2] in name_forms.function_words()) \
                    and CLAUSE_START.search(text, max(0, start - 3), start):
                # the subject of a clause: 次日，聂龙将车辆归还; 后马凯离开 (a surname and a usual given name)
                score, enhanced = max(score, SCORE_CLAUSE_SUBJECT), True
            elif tier == "less" and end - start == len(surname) + 2 and start > 0 and text[start - 1] in "，,：:" \
                    and all(ch in CORE_GIVEN_NAME_CHARS for ch in text[start + len(surname):end]) \
                    and text[start:end] not in name_forms.dictionary_words() and name_forms.starts_with_common_word(text, end) \
                    and not name_forms.is_common_word(text[start + len(surname):end]):  # 靳|江河治理: a word, not a given name
                # a rarer surname and a whole usual given name opening a clause before its verb: 经审核，厍国华符合条件
                score, enhanced = max(score, SCORE_CLAUSE_SUBJECT), True
            elif self._inside_organisation(text, end) or PLACE_AFTER.match(text, end):
                continue
            candidates.append((score, end - start, start, end, enhanced))
        taken = [(s, e) for s, (e, _, _) in found.items()]
        for score, _, start, end, enhanced in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2])):
            if all(end <= s or start >= e for s, e in taken):
                found[start] = (end, score, enhanced)
                taken.append((start, end))

    @staticmethod
    def _words_that_act(text, nlp_artifacts, found) -> None:
        """Words of two or three characters that begin with a surname, stand after punctuation,
        the start of the text or a listing word, and are followed by what only a person does
        (``PERSON_ACT``): 遗失声明 / 温暖不慎遗失, 、向前的陈述."""
        taken = [(s, e) for s, (e, _, _) in found.items()]
        tags = getattr(nlp_artifacts, "pos_tags", None) or [None] * len(nlp_artifacts.tokens)
        for word, start, tag in zip(nlp_artifacts.tokens, nlp_artifacts.tokens_indices, tags):
            if not 2 <= len(word) <= 3 or word[0] not in COMMON_SURNAMES:
                continue  # 单位名下: a rarer surname
            if start > 0 and is_han(text[start - 1]) and text[start - 1] not in "、与和及":
                continue
            end = start + len(word)
            if not PERSON_ACT.match(text, end) or not is_han_word(word) or (word in NOT_NAMES and tag != "nr"):
                continue  # 平安到场: a word known not to be a name
            if name_forms.plausible_word_name(word) \
                    and all(end <= s or start >= e for s, e in taken):
                found[start] = (end, SCORE_WITH_CONTEXT, True)
                taken.append((start, end))

    @classmethod
    def _candidate(cls, text, tokens, starts, tags, i):
        """(name length, given-name evidence, surname) of a name at token i, or None."""
        word = tokens[i]
        if word[0] not in SURNAMES and word[:2] not in COMPOUND_SURNAMES:
            return None
        if not is_han_word(word) or word in NOT_NAMES:
            return None
        surname = surname_at(word, 0)
        if any(ch in AMOUNT_CHARS for ch in text[starts[i]:starts[i] + len(surname) + 2]):
            return None  # 人民币陆仟伍佰元: an amount
        if len(word) > len(surname):
            return cls._whole_word(tokens, tags, i, surname)
        if word in STOPWORDS:  # 和, 于, 向 …: a surname only right after context (read_name_at)
            return None
        return cls._surname_then_given(text, tokens, starts, tags, i, surname)

    @staticmethod
    def _whole_word(tokens, tags, i, surname):
        """A token holding surname and given name (张伟, 杨淑 + 华)."""
        word = tokens[i]
        given = word[len(surname):]
        if not 1 <= len(given) <= 2 or word.endswith(PLACE_SUFFIXES) or given.startswith(TITLES):
            return None
        if len(given) == 2 and given[1] in FOLLOWERS:  # jieba's dictionary has 张平的 as a name
            return len(surname) + 1, "usual" if given[0] in GIVEN_NAME_CHARS else "other", surname
        if tags[i] == "nr":
            if not any(ch in CORE_GIVEN_NAME_CHARS for ch in given):
                return None  # 银行卡, 马拉松, 越权: tagged nr by jieba, nothing like a given name
            evidence = "dict" if all(ch in CORE_GIVEN_NAME_CHARS for ch in given_core(given)) else "other"  # 黄阿福
            frequency = name_forms.name_tagged_frequency(word)
            previous = tokens[i - 1] if i > 0 else ""
            following = "".join(tokens[i + 1:i + 4]) if frequency else ""
            if frequency and not ends_name_token(tokens, i + 1) and previous not in CUE_WORDS \
                    and not context_after(following, 0) and not PARTY_ACT.match(following) \
                    and (not previous or previous[-1] not in FOLLOWERS) \
                    and not (i + 1 < len(tokens) and len(tokens[i + 1]) == 1 and tokens[i + 1] in GIVEN_NAME_CHARS):
                # 社区矫正机构, 修正案, ，雷达问题: a frequent word jieba tags as a name, running on into more words
                evidence = "word"
            if evidence == "dict" and surname_tier(surname) == "less" and i > 0 and len(tokens[i - 1]) == 1 \
                    and tokens[i - 1] in SURNAMES:
                evidence = "other"  # 成 / 玉英: 玉英 is the given name, not 玉 + 英
        elif all(ch in GIVEN_NAME_CHARS for ch in given) and not name_forms.is_common_word(word):
            evidence = "word"  # a rare dictionary word that reads like a name (徐洋), not 房东
        else:
            return None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        # 杨淑 / 华 / 、: a third character that ends the name
        if len(given) == 1 and len(nxt) == 1 and nxt in GIVEN_NAME_CHARS and nxt not in FOLLOWERS \
                and nxt not in STOPWORDS and ends_name_token(tokens, i + 2):
            return len(word) + 1, evidence, surname
        # 陈思 / 远在: a third character jieba joined to the follower after the name
        if len(given) == 1 and len(nxt) == 2 and nxt[0] in GIVEN_NAME_CHARS and nxt[1] in FOLLOWERS \
                and nxt[0] not in FOLLOWERS and nxt[0] not in STOPWORDS and nxt not in name_forms.function_words():
            return len(word) + 1, evidence, surname
        return len(word), evidence, surname

    @staticmethod
    def _surname_then_given(text, tokens, starts, tags, i, surname):
        """A surname token followed by a given name of one or two characters (罗 + 红梅)."""
        j = i + 1
        if j >= len(tokens):
            return None
        given = tokens[j]
        if given[1:] in NAME_SUFFIX_CONTEXT:  # 田 / 柳先生: the name is 田柳
            given = given[0]
        if not is_han_word(given) or len(given) > 2 or given in STOPWORDS or given in NOT_NAMES:
            return None
        if len(given) == 2 and given in name_forms.function_words():
            return None  # 路 / 附近: a road's last character and a locality word, not 路 + a given name
        if len(given) == 2 and given[1] in BODY_ENDINGS and given in name_forms.dictionary_words():
            return None  # 区 / 侨联, 区 / 残联: a body's short name after a district, not 区 + a given name
        if given.startswith(TITLES) or given[0] in "某氏姓人" or given[0] in FOLLOWERS \
                or context_after(text, starts[j]):
            return None  # 柳 / 不慎遗失: context is not a given name
        if len(given) == 2 and tags[j] == "nr" and given[0] in GIVEN_NAME_CHARS:
            return len(surname) + 2, "dict", surname  # 成 / 玉英: a known given name
        if len(given) == 2 and (given[1] in FOLLOWERS or context_after(text, starts[j] + 1)):
            given = given[0]  # 吴 / 利于 / 2026年, 黄 / 英名 / 下: the name is 吴利, 黄英
        elif len(given) == 1 and j + 1 < len(tokens):
            nxt = tokens[j + 1]  # 张 / 小 / 明; 何 / 梅 / 梅因: a word of a given character and a follower
            if (len(nxt) == 1 or len(nxt) == 2 and nxt[1] in FOLLOWERS and nxt not in name_forms.function_words()) \
                    and nxt[0] in GIVEN_NAME_CHARS and nxt[0] not in FOLLOWERS and nxt[0] not in STOPWORDS:
                given += nxt[0]
        evidence = "usual" if all(ch in GIVEN_NAME_CHARS for ch in given_core(given)) else "other"  # 陈 / 阿妹
        if len(given) == 2 and evidence == "other" and name_forms.is_common_word(given) and tags[j] != "nr":
            return None  # 须 / 申报, 职 / 须知: a frequent word of other characters is the sentence going on
        end = starts[i] + len(surname) + 2
        if len(given) == 2 and all(ch in CORE_GIVEN_NAME_CHARS for ch in given) and end in starts \
                and (ends_name(text, end) or context_after(text, end) or PARTY_ACT.match(text, end)
                     or text[end:end + 2] in name_forms.function_words()) \
                and text[starts[i]:end] not in name_forms.dictionary_words():
            # 笪 / 丽 / 萍 / 在, 覃 / 文 / 杰 / 正在: a rarer surname and a whole given name of the usual
            # characters, ending where a word ends (not 文 / 杰 / 正在 read as 文杰正)
            evidence = "dict"
        return len(surname) + len(given), evidence, surname

    @staticmethod
    def _inside_organisation(text: str, end: int) -> bool:
        """True if the name runs on into an organisation's name (…林木风计算机有限公司), also past
        letters and digits (数字100网络有限公司)."""
        code = end
        while end < len(text) and text[end].isascii() and text[end].isalnum():
            end += 1
        if end > code and text[end:end + 1] in ("年", "月", "日", "号", "岁", "元"):
            return False  # 张伟2026年入职…: a date, not a company's name
        m = ORG_AFTER.match(text, end)
        return m is not None and not any(ch in ORG_BREAKERS for ch in m.group())

    def _result(self, start: int, end: int, score: float, enhanced: bool) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            textual_explanation="surname, jieba dictionary and adjacent context",
        )
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        if enhanced:
            metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        return RecognizerResult(ENTITY, start, end, score, explanation, metadata)
