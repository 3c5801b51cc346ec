"""Presidio pattern recognizers for Chinese identifiers.

Each recognizer is a Presidio ``PatternRecognizer`` whose regular expression finds
candidates and whose ``grade`` method turns the candidate's structure into a score:

====================  =============================================  ======================
entity                 passes its checks                               fails them
====================  =============================================  ======================
``CN_ID_NUMBER``       18 characters: province, birth date, GB 11643   0.35 (wrong check
                       check digit 0.9; legacy 15 digits: province     digit), 0.2 (no such
                       and birth date 0.55                             province or date)
``CN_CREDIT_CODE``     GB 32100 check character, with a letter 0.9     0.35 (with letters,
                       (all digits: 0.6 with organisation type and     type and area code),
                       area code and not a valid ID number, else 0.4)  else 0.15
``CN_MOBILE``          11 digits in an allocated 1xx segment 0.7       0.35
``CN_LANDLINE``        area code set apart, (020)… or 0757-… 0.65      0.3 (a bare run)
``CN_BANK_CARD``       16-19 digits, Luhn and a card-scheme prefix     0.45 (no scheme),
                       0.8                                             0.3 (Luhn fails)
``CN_PASSPORT``        E/G + 8 digits, E + letter + 7 digits 0.6       0.3 (D/S/P forms)
``CN_LICENSE_PLATE``   province + letter + 5 (6 new-energy) 0.75       —
``EMAIL_ADDRESS``      ASCII address, domain with a public suffix 1.0  dropped
====================  =============================================  ======================

A failed check lowers the score instead of dropping the candidate; for cards and credit
codes the check decides (``CHECK_DECIDES``): no label lifts a failed one. One of the
recognizer's context words among the five words before it (身份证号, 手机 …) adds 0.35 in
Presidio's context enhancer, so a mistyped ID number after 身份证号 (0.35 + 0.35) is still
masked while a bare 18-digit number with a wrong check digit is not: the analyzer keeps
results scoring ``DEFAULT_THRESHOLD`` (0.5) or more.

Numbers labelled as something else (订单号, 流水号, 金额 …) drop to 0.1 unless the closest
label before them is one of the recognizer's context words; so do candidates without a
passed check digit (mobiles, landlines, legacy IDs) followed by a unit (元, 件, 年 …).
Lookarounds keep a match from starting or ending inside a longer run of digits (or of
letters and digits, for alphanumeric codes).
"""
from __future__ import annotations

import functools
from typing import List, Optional, Sequence

import regex
from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from masking import digit_runs, landline_labels
from masking import spoken_digits, taiwan_permits
from masking.check_digits import (
    id_check_digit,
    is_valid_credit_code,
    is_valid_id_number,
    is_valid_legacy_id_number,
)

LANGUAGE = "zh"
DEFAULT_THRESHOLD = 0.5
NEGATIVE_SCORE = 0.1
STRONG_SCORE = 0.8  # a passed check digit: a unit after the number does not demote it

# Case-sensitive on purpose: a passport is E12345678, not e12345678.
FLAGS = regex.DOTALL | regex.MULTILINE

# Labels that say the number after them is not personal data.
NEGATIVE_LABELS = (
    "订单", "单号", "编号", "流水号", "交易号", "合同号", "批次", "发票", "金额", "工单",
    "案号", "文号", "序号", "条码", "快递", "运单", "凭证", "账单", "货号", "型号",
    "批号", "登记号", "受理号", "申请号", "专利", "版本", "代码表", "邮编", "价格",
    "住院号", "门诊号", "病案号", "床号", "决定书", "信用代码", "缴款码",
)
_NEGATIVE_LABEL = regex.compile("|".join(NEGATIVE_LABELS))
# Units right after a number that make it a quantity.
NEGATIVE_UNITS = regex.compile(r"\s?(?:元|万|亿|件|次|笔|条|吨|克|千克|公斤|米|平方|个|人|户|台|%|年|月|日|号文|kg|km)")

# 2-digit province codes that start citizen ID numbers (GB/T 2260), 83 = Taiwan permits.
ID_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)
MOBILE_SEGMENTS = regex.compile(r"1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])")
CARD_SCHEMES = ("62", "60", "4", "5", "35", "9")

_D0 = r"(?<!\d)(?<!\d\.)"  # not inside a longer number
_D1 = r"(?!\.?\d)"
_A0 = r"(?<![0-9A-Za-z])"  # not inside a longer alphanumeric code
_A1 = r"(?![0-9A-Za-z])"
_C0 = _A0 + r"(?<!\d\.)"  # card numbers: neither in a code (…002X) nor in a decimal
_C1 = _A1 + r"(?!\.\d)"
_DASHES = digit_runs.DASHES
_SEPARATORS = regex.compile(r"[\s" + _DASHES + "]")
_SPOKEN = spoken_digits._GATE.pattern  # digits read out (幺三八 …): masking.spoken_digits


class GradedPatternRecognizer(PatternRecognizer):
    """A PatternRecognizer whose check grades the score rather than keeping or dropping.

    Presidio's ``validate_result`` maps a failed check to score 0 (dropped). Here
    ``validate_result`` returns None, so Presidio keeps the pattern's score, and
    ``grade(value, score)`` gives the final one. Subclasses set ENTITY, PATTERNS and
    CONTEXT and override ``grade``.
    """

    ENTITY = ""
    PATTERNS: Sequence[Pattern] = ()
    CONTEXT: Sequence[str] = ()
    CHECK_UNITS = True  # a unit right after the match (元, 年 …) means a quantity
    PREFILTER = ""  # a cheap regex every text holding a match contains; skips the rest
    FROM_RUNS = False  # also grade what ``masking.digit_runs`` reads as this entity
    CHECK_DECIDES = False  # a failed check digit is final: context words do not lift it
    RUN_SCORE = 0.0  # the pattern score of such a candidate

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language=LANGUAGE,
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT),
            global_regex_flags=FLAGS,
        )
        self._prefilter = regex.compile(self.PREFILTER) if self.PREFILTER else None
        self._context_words = regex.compile("|".join(map(regex.escape, self.CONTEXT))) if self.CONTEXT else None

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return None  # graded in grade()

    def grade(self, value: str, score: float) -> float:
        """The score of a candidate ``value`` that its pattern scored ``score``."""
        return score

    def passes_check(self, value: str) -> bool:
        """Whether ``value`` passes the entity's check digit (read when CHECK_DECIDES)."""
        return True

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> List[RecognizerResult]:
        if self._prefilter is not None and self._prefilter.search(text) is None:
            return []
        kept = []
        for result in self._with_run_candidates(text, super().analyze(text, entities, nlp_artifacts, regex_flags)):
            value = text[result.start:result.end]
            score = self.grade(value, result.score)
            if self.CHECK_DECIDES and not self.passes_check(value):
                # a label such as 账号 or 信用代码 does not make a wrong check digit right
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            if self.labelled_otherwise(text, result.start, result.end, strong=score >= STRONG_SCORE):
                score = min(score, NEGATIVE_SCORE)
                # keep Presidio's context enhancer from raising it again
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            if score > 0:
                result.score = score
                if result.analysis_explanation is not None:
                    result.analysis_explanation.score = score
                kept.append(result)
        return kept

    def _with_run_candidates(self, text: str, results: List[RecognizerResult]) -> List[RecognizerResult]:
        """``results`` and the candidates of ``digit_runs`` for this entity at other spans."""
        if not self.FROM_RUNS:
            return results
        spans = {(r.start, r.end) for r in results}
        for start, end, entity in digit_runs.candidates(text):
            if entity != self.ENTITY:
                continue
            if entity == "CN_MOBILE" and start > 0 and text[start - 1] == "+":
                start -= 1  # +86 13812345678: the plus sign is part of the number
            elif entity != "CN_ID_NUMBER" and start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
                continue  # a letter prefix makes a code, except before a checked ID number
            if (start, end) in spans:
                continue
            spans.add((start, end))
            results.append(self._run_result(start, end))
        return results

    def _run_result(self, start: int, end: int) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name, original_score=self.RUN_SCORE, pattern_name="digit_run",
            textual_explanation="digits in a run with spaces, hyphens or other identifiers",
        )
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        return RecognizerResult(self.ENTITY, start, end, self.RUN_SCORE, explanation, metadata)

    def labelled_otherwise(self, text: str, start: int, end: int, strong: bool = False) -> bool:
        """True if the nearest label before the match is a non-personal one, or (for a
        candidate without a passed check digit) a unit follows it."""
        if self.CHECK_UNITS and not strong and NEGATIVE_UNITS.match(text, end):
            return True
        window = text[max(0, start - 12):start]
        negatives = [m.end() for m in _NEGATIVE_LABEL.finditer(window)]
        if not negatives:
            return False
        # by where labels end: 统一社会信用代码 holds the negative 信用代码 and is the positive
        positives = [m.end() for m in self._context_words.finditer(window)] if self._context_words else []
        return negatives[-1] > max(positives, default=-1)


class IdNumberRecognizer(GradedPatternRecognizer):
    """Citizen ID numbers (GB 11643): 18 characters with check digit, or legacy 15 digits."""

    ENTITY = "CN_ID_NUMBER"
    PATTERNS = (
        Pattern("id18", _A0 + r"\d{17}[\dXx]" + _A1, 0.9),
        Pattern("id15", _A0 + r"\d{15}" + _A1, 0.55),
    )
    CONTEXT = ("身份证", "身份证号", "身份号码", "公民身份", "证件号", "证件", "证号", "身份")
    PREFILTER = r"\d[\d\s" + _DASHES + r"]{14}|" + _SPOKEN
    FROM_RUNS, RUN_SCORE = True, 0.9

    def grade(self, value: str, score: float) -> float:
        value = spoken_digits.normalise(value) if spoken_digits.may_hold(value) else _compact(value).upper()
        if len(value) == 15 and score > 0.55:
            score = 0.55  # a legacy number read from a run scores as the id15 pattern
        if value[:2] not in ID_PROVINCES:
            return 0.2
        if len(value) == 15:
            return score if is_valid_legacy_id_number(value) else 0.2
        if is_valid_id_number(value):
            return score
        if is_valid_id_number(value[:17] + id_check_digit(value[:17])):
            return 0.35  # real birth date, wrong check digit
        return 0.2


class CreditCodeRecognizer(GradedPatternRecognizer):
    """Unified social credit codes (GB 32100): 18 characters, mod-31 check character."""

    ENTITY = "CN_CREDIT_CODE"
    _C = "[0-9A-HJ-NPQRTUW-Y]"
    PATTERNS = (Pattern("credit", _A0 + _C + "{2}" + r"\d{6}" + _C + "{10}" + _A1, 0.9),)
    CONTEXT = ("统一社会信用代码", "信用代码", "社会信用", "纳税人识别号", "税号", "组织机构代码", "企业", "公司", "单位")
    PREFILTER = r"[0-9A-Z]{18}"
    CHECK_DECIDES = True

    def passes_check(self, value: str) -> bool:
        return is_valid_credit_code(value)

    def grade(self, value: str, score: float) -> float:
        structured = value[1] in "1239" and value[2:4] in ID_PROVINCES  # organisation type, area
        if is_valid_credit_code(value):
            if is_valid_id_number(value):  # 17 digits and X can pass both checks
                return 0.4
            if not value.isdigit():
                return score
            # 18 digits: an ID number if it is a valid one, else a credit code if well formed
            return 0.4 if is_valid_id_number(value) or not structured else 0.6
        return 0.35 if structured and not value.isdigit() else 0.15


class MobileRecognizer(GradedPatternRecognizer):
    """Mainland mobile numbers, 11 digits, optionally +86 and spaced or hyphenated 3-4-4."""

    ENTITY = "CN_MOBILE"
    PATTERNS = (
        Pattern("mobile", _D0 + r"(?:(?:\+|00)?86[-\s]?)?1[3-9]\d{9}" + _D1, 0.7),
        Pattern("mobile344", _D0 + r"(?:(?:\+|00)?86[-\s]?)?1[3-9]\d[-\s]\d{4}[-\s]\d{4}" + _D1, 0.7),
    )
    CONTEXT = ("手机", "电话", "联系电话", "联系方式", "手机号", "联系", "致电", "来电", "号码", "tel", "微信")
    # a first group of one or two digits too (13 8123 45678, 1 3 8 …)
    PREFILTER = r"1[\s" + _DASHES + r"]{0,3}[3-9][\s" + _DASHES + r"]{0,3}\d|" + _SPOKEN
    FROM_RUNS, RUN_SCORE = True, 0.7

    def grade(self, value: str, score: float) -> float:
        digits = "".join(c for c in spoken_digits.normalise(value) if c.isdigit())[-11:]
        return score if MOBILE_SEGMENTS.match(digits) else 0.35


class LandlineRecognizer(GradedPatternRecognizer):
    """Fixed-line numbers with an area code: 0757-83331234, (020)87654321, 0757 8333 1234."""

    ENTITY = "CN_LANDLINE"
    _AREA = r"(?:010|02\d|0[3-9]\d{2})"
    _LOCAL = r"[2-9]\d{2,3}[-\s]?\d{4}"
    _EXT = r"(?:(?:-|转|ext\.?)\d{1,5})?"
    PATTERNS = (
        Pattern("landline", _D0 + r"(?:[(（]" + _AREA + r"[)）]\s?|" + _AREA + r"[-－\s])" + _LOCAL + _EXT + _D1, 0.65),
        Pattern("landline_run", _D0 + _AREA + r"[2-9]\d{6,7}" + _D1, 0.3),
        # a local number of 7 or 8 digits without its area code: only next to a context word (电话 …)
        Pattern("landline_local", r"(?<![\d\-)）])(?<![\d\-)）]\s)[2-8]\d{2,3}-?\d{4}(?![\d\-])", 0.2),
    )
    CONTEXT = ("电话", "座机", "固话", "联系电话", "传真", "办公电话", "热线", "联系方式")
    PREFILTER = r"(?<!\d)[(（]?0[1-9]\d|(?<!\d)[2-8]\d{2,3}-?\d{4}"

    def grade(self, value: str, score: float) -> float:
        return 0.0 if landline_labels.year_span(value) else score  # 2019-2023 in a CV: years, not a phone

    def labelled_otherwise(self, text: str, start: int, end: int, strong: bool = False) -> bool:
        return super().labelled_otherwise(text, start, end, strong) or landline_labels.numbered_document(text, start)


class BankCardRecognizer(GradedPatternRecognizer):
    """Bank card numbers: 16-19 digits (also in groups of four) with a Luhn check digit."""

    ENTITY = "CN_BANK_CARD"
    PATTERNS = (
        Pattern("card", _C0 + r"\d{16,19}" + _C1, 0.8),
        Pattern("card_grouped", _C0 + r"\d{4}(?:[\s-]\d{4}){3}(?:[\s-]?\d{1,3})?" + _C1, 0.8),
    )
    CONTEXT = ("银行卡", "卡号", "账号", "帐号", "开户行", "银行账户", "账户", "银行", "储蓄卡", "借记卡", "信用卡", "工资卡")
    PREFILTER = r"\d{4}[\s" + _DASHES + r"]{0,5}\d{2}"
    FROM_RUNS, RUN_SCORE = True, 0.8
    CHECK_DECIDES = True

    def passes_check(self, value: str) -> bool:
        digits = "".join(c for c in value if c.isdigit())
        return luhn_ok(digits) and not (len(digits) == 18 and is_valid_id_number(_compact(value).upper()))

    def grade(self, value: str, score: float) -> float:
        digits = "".join(c for c in value if c.isdigit())
        if len(digits) == 18 and is_valid_id_number(_compact(value).upper()):
            return 0.3  # an ID number in groups of four is not a card
        if not luhn_ok(digits):
            return 0.3
        return score if digits.startswith(CARD_SCHEMES) else 0.45


luhn_ok = digit_runs.luhn_ok


def _compact(value: str) -> str:
    """An identifier without the spaces, hyphens and dashes people group it with."""
    return _SEPARATORS.sub("", value)


class PassportRecognizer(GradedPatternRecognizer):
    """PRC passports: E + 8 digits, E + letter + 7 digits (e-passports), G + 8 digits (old);
    D/S/P (+E) + 7 digits for diplomatic, service and public-affairs passports."""

    ENTITY = "CN_PASSPORT"
    PATTERNS = (
        Pattern("passport", _A0 + r"(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})" + _A1, 0.6),
        Pattern("passport_official", _A0 + r"[DSP]E?\d{7}" + _A1, 0.3),
        # 往来港澳通行证 (C + 8, C + letter + 7; W + 8 before 2014) and 港澳居民来往内地通行证
        # (H/M + 8 or 10): common letter-and-digit shapes, so only next to a context word
        Pattern("travel_permit", _A0 + r"(?:[CW]\d{8}|C[A-HJ-NP-Z]\d{7}|[HM]\d{8}(?:\d{2})?)" + _A1, 0.3),
        # spaced as a form or a scan writes it (E 1234 5678, EA 123 4567): only next to a context word
        Pattern("passport_spaced", _A0 + r"(?:[EG](?:[ \-]?\d){8}|E[A-HJ-NP-Z](?:[ \-]?\d){7})" + r"(?![0-9A-Za-z]|[ \-]\d)",
                0.3),
    )
    CONTEXT = ("护照", "护照号", "证件", "passport", "通行证", "回乡证", "港澳", "往来")
    CHECK_UNITS = False
    PREFILTER = r"[A-Z][A-Z]?[ \-]?\d{3}"

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> List[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for start, end in taiwan_permits.permits(text):  # 台胞证号：12345678 (masking.taiwan_permits)
            result = self._run_result(start, end)
            result.score = STRONG_SCORE
            results.append(result)
        return results


PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"


class LicensePlateRecognizer(GradedPatternRecognizer):
    """Vehicle plates: 粤E·12345, 粤E12345, new-energy 粤ED12345 and 粤E12345D."""

    ENTITY = "CN_LICENSE_PLATE"
    _L = "[A-HJ-NP-Z0-9]"
    PATTERNS = (
        Pattern(
            "plate",
            r"[" + PLATE_PROVINCES + r"][A-HJ-NP-Z][·•・.\s-]?"
            r"(?:[DF]" + _L + r"\d{4}|\d{5}[DF]|" + _L + r"{4}(?:" + _L + r"|[挂学警港澳]))" + _A1,
            0.75,
        ),
    )
    CONTEXT = ("车牌", "车牌号", "号牌", "车辆", "牌照", "机动车", "驾驶")
    CHECK_UNITS = False
    PREFILTER = "[" + PLATE_PROVINCES + "][A-HJ-NP-Z]"


class ChineseEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer with an ASCII-only pattern, so a Chinese word glued
    to the address (发送至zhang@163.com) stays out of the match."""

    PATTERNS = [
        Pattern(
            "email",
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?"
            r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
            r"\.[A-Za-z]{2,}(?![A-Za-z0-9-])",
            0.5,
        )
    ]
    CONTEXT = ["邮箱", "电子邮件", "邮件", "电邮", "email", "mail"]

    def __init__(self) -> None:
        super().__init__(
            patterns=[Pattern(p.name, p.regex, p.score) for p in self.PATTERNS],
            context=list(self.CONTEXT),
            supported_language=LANGUAGE,
            name="ChineseEmailRecognizer",
        )
        self.global_regex_flags = FLAGS

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        return super().analyze(text, entities, nlp_artifacts, regex_flags) if "@" in text else []

    def validate_result(self, pattern_text: str) -> bool:
        """The domain ends in a public suffix (bundled list; never fetched)."""
        return _offline_tld_extractor()(pattern_text).fqdn != ""


@functools.lru_cache(maxsize=1)
def _offline_tld_extractor():
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def pattern_recognizers() -> list:
    """One fresh instance of each pattern recognizer of this module."""
    return [
        IdNumberRecognizer(),
        CreditCodeRecognizer(),
        MobileRecognizer(),
        LandlineRecognizer(),
        BankCardRecognizer(),
        PassportRecognizer(),
        LicensePlateRecognizer(),
        ChineseEmailRecognizer(),
    ]
