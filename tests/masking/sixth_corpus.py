"""A sixth, held-out corpus for issue 18, written blind: nobody tunes the recognizers on it.

How it was written: without opening ``masking/`` (only the signature and docstring of
``masking.text.find_personal``, to call it and read its spans), the texts of the earlier
corpora's genres and values (``corpus.py``, ``blind_*.py``, ``heldout_genres.py``,
``heldout_values.py``, ``fourth_*`` and ``fifth_genres.py`` / ``fifth_values.py``), the rule
lists of ``docs/masking.md`` or the masker's context tests. Read were issue 18,
``heldout_corpus.py`` (whose conventions of gold and look-alike this corpus follows, and whose
``Sample``, ``build_samples``, ``score`` and ``report`` it reuses), ``fifth_corpus.py``'s
docstring and structure, ``test_fifth_corpus.py``'s form and ``bench/bench_masking.py``. The
masker was run on it only to check the scorer's offsets on a handful of texts and, once at the
end, to record its figures as floors in ``test_sixth_corpus.py``.

Keep it held out: a fix of the masker must come from a rule tested on sentences of its own,
never from reading this corpus's texts or misses.

Its genres (``sixth_genres.GENRES``) are forms of the police, courts, villages, hospitals and
banks that the earlier corpora did not have: 刑事判决书 and 民事调解书 excerpts, 拘留通知书,
取保候审决定书, 社区走访 / 信访接待 registers (table rows), 流动人口登记, 租房合同,
入学报名表, 病历首页 / 医疗费用清单, 献血证 / 生育服务证, 农村土地承包经营权证 / 林权证
(family members listed), 渔船登记 with its crew, 驾驶证 / 行驶证 OCR, 营业执照 OCR (an
individual business's operator is personal, its 92… code too), 银行流水 (counterparties, serials
that are no IDs), 社保缴费明细 / 工资条, 简历, 志愿者 / 养老机构入住登记, 殡葬服务登记 (the
deceased is gold), 宗教活动场所负责人备案, 12345 call transcripts (mobiles in spoken digits 幺三八),
微信群 OCR, 短信通知, 新闻稿 naming citizens, Uyghur / Tibetan + Chinese forms, and documents
of Hong Kong, Macao and Taiwan residents (居住证 numbers 810000/820000/830000, 台胞证 8 digits,
回乡证 H/M + 8 digits: CN_PASSPORT) and of foreigners (外国人永久居留身份证, 18 characters
from 9, GB 11643 check: CN_ID_NUMBER). Names are Han (common, rare, compound, two characters,
阿/小 in the given name, spaced in table cells 王　芳), Zhuang, Hui, Korean, Manchu (some with
·), Dai (岩/玉), Kazakh, Hmong, Uyghur, Tibetan and foreign. Values come grouped, hyphenated,
full-width, broken across lines, with +86/0086, extensions, in table cells, several people a
text. The controls (``sixth_genres.CONTROLS``, about a quarter) hold no personal data, only its
look-alikes: bodies' notices, court texts made anonymous, heritage text, product recalls,
budgets, hotline reports, recruitment notices and mass text messages.

Conventions are those of ``heldout_corpus.py``'s docstring (gold and look-alike, lenient
scoring on the core of each value).
"""
from __future__ import annotations

from tests.masking.heldout_corpus import Result, Sample, build_samples, report, score
from tests.masking.sixth_genres import CONTROLS, GENRES
from tests.masking.sixth_values import Values

__all__ = ["SIXTH_SEED", "PER_GENRE", "PER_CONTROL", "Result", "Sample", "build_sixth_corpus", "report", "score"]

SIXTH_SEED = 20261210
PER_GENRE = 18
PER_CONTROL = 20


def build_sixth_corpus(seed: int = SIXTH_SEED) -> list:
    """18 texts of each of 26 genres and 20 of each of 8 control genres (628), shuffled by seed."""
    return build_samples(Values(seed), ((GENRES, PER_GENRE), (CONTROLS, PER_CONTROL)), seed)
