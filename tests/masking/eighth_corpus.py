"""An eighth, held-out corpus for issue 18, written blind: nobody tunes the recognizers on it.

How it was written: without opening ``masking/`` (only ``masking.text.find_personal`` was
called, to read its spans), the texts and values of the earlier corpora (``corpus.py``,
``blind_*``, ``heldout_genres.py`` / ``heldout_values.py``, ``fourth_*``, ``fifth_*``,
``sixth_*``, ``seventh_genres.py`` / ``seventh_values.py``), the masker's context tests or the
rule lists of ``docs/masking.md``. Read were ``heldout_corpus.py`` (whose conventions of gold and
look-alike this corpus follows, and whose ``Sample``, ``build_samples``, ``score`` and ``report``
it reuses), ``seventh_corpus.py``'s docstring and structure, ``test_seventh_corpus.py``'s form,
``corpus_floors.py`` and ``bench/bench_masking.py``. Check digits come from
``tests/masking/oracles.py``. The masker was run only on a probe text of its own to check the
scorer's offsets and, once at the end, on the finished corpus to record its figures as floors in
``test_eighth_corpus.py``; which texts it misses was not looked at, and the corpus was not
changed after.

Keep it held out: a fix of the masker must come from a rule tested on sentences of its own,
never from reading this corpus's texts or misses.

Its 29 genres (``eighth_genres.GENRES``, 16 texts each) are documents none of the earlier
corpora had: 医院挂号单 / 检验报告单 (names spaced in table cells), 处方笺, 体检报告, 住院预交金收据,
毕业生登记表 / 成绩单, 家长会签到表, 驾校学员档案, 交警简易程序处罚决定书, car-park payment CSV
exports, 旅馆业 住宿登记 (minorities with ID numbers of their home regions, 港澳通行证),
网吧上网登记 (the old 15-digit ID), 快递实名收寄, 彩票兑奖登记, 物业报修工单, 电梯困人救援记录,
燃气入户安检, 出租屋消防检查, 志愿服务时长证明, 党员组织关系介绍信, 工会困难职工档案, 生育服务登记,
社区返乡排查, 外卖骑手投诉, 农村危房改造公示, 族谱 of living people, social-media posts and comments,
voice-assistant transcripts, 12345 call summaries in English and Chinese, and 个体工商户 records
(a 92… code, its operator's name and landline, beside a company's 91… code and office phone).
The ten control genres (``eighth_genres.CONTROLS``, 16 texts each, a quarter of the corpus)
hold no personal data, only its look-alikes: product catalogues with company contacts, hospital
department introductions, school letters to all parents, statistical releases, weather and
traffic notes, train tickets, museum labels on people of history, press releases naming
officials by title, software licences and lottery results.

Conventions are those of ``heldout_corpus.py`` and ``seventh_corpus.py``: a mistyped ID number
(``id_wrong_check``) is gold; +86 lies outside a mobile's core and an extension (转123) outside a
landline's; a company's office phone, address and e-mail are look-alikes while its credit code is
gold; an individual business's code, operator and phone are gold; a surname with a title
(王师傅, 李区长), people of history and partly masked numbers are look-alikes; a spaced name in
a cell (``name_spaced``), and an address or number broken over two lines (``address_split``,
``id_linebreak``, ``mobile_linebreak``) are gold whole.
"""
from __future__ import annotations

from tests.masking.eighth_genres import CONTROLS, GENRES
from tests.masking.eighth_values import Values
from tests.masking.heldout_corpus import Result, Sample, build_samples, report, score

__all__ = ["EIGHTH_SEED", "PER_GENRE", "PER_CONTROL", "Result", "Sample", "build_eighth_corpus", "report", "score"]

EIGHTH_SEED = 20261212
PER_GENRE = 16
PER_CONTROL = 16


def build_eighth_corpus(seed: int = EIGHTH_SEED) -> list:
    """16 texts of each of 29 genres and 16 of each of 10 control genres (624), shuffled by seed."""
    return build_samples(Values(seed), ((GENRES, PER_GENRE), (CONTROLS, PER_CONTROL)), seed)
