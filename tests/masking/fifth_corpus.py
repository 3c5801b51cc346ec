"""A fifth, held-out corpus for issue 18, written blind: nobody tunes the recognizers on it.

How it was written: without opening ``masking/`` (only the signature and docstring of
``masking.text.find_personal``, to call it and read its spans), the texts of the earlier
corpora's genres and values (``corpus.py``, ``blind_*.py``, ``heldout_genres.py``,
``heldout_values.py``, ``fourth_genres.py``, ``fourth_values.py``), the rule lists of
``docs/masking.md`` or the masker's context tests. Read were issue 18, ``heldout_corpus.py``
(whose conventions of gold and look-alike this corpus follows, and whose ``Sample``,
``build_samples``, ``score`` and ``report`` it reuses), ``fourth_corpus.py``'s docstring and
structure, ``test_fourth_corpus.py``'s form and ``bench/bench_masking.py``. The masker was run
on it only to check the scorer's offsets on a handful of texts and, once at the end, to record
its figures as floors in ``test_fifth_corpus.py``.

Keep it held out: a fix of the masker must come from a rule tested on sentences of its own,
never from reading this corpus's texts or misses.

Its genres (``fifth_genres.GENRES``) are forms from across China (Beijing to Kashgar, Lhasa,
Hohhot, Liangshan, Harbin, Xiamen …) that the earlier corpora did not have: 行政复议决定书,
劳动仲裁裁决书, 法律援助申请表, 残疾人证 / 优抚对象 records (the 残疾人证号 is the ID number
and two digits of category and grade: the ID number is the core), 出生 / 死亡医学证明
extracts, 婚姻登记 records (a Hong Kong spouse's travel permit), 公证书, 交通事故认定书,
工伤认定决定书, 住房公积金提取 forms, 人才引进公示 and 义务兵家庭优待金 lists (several
people, table cells, IDs printed masked), 传染病报告卡 and 预防接种 records, 网格员 logs,
物业报修 logs, 快递面单 and 外卖 orders, e-mail threads, 政务公开 pages naming officials,
spreadsheets pasted as text (an ID with Excel's leading quote) and the OCR text of ID cards
(front and back). Names are Han (common, rare and compound surnames, 阿/小 in the given name),
Uyghur (with ·), Tibetan, Mongolian and Yi. Values come grouped, hyphenated, full-width,
broken across lines, with +86/0086, extensions, and labels now and then mistyped. The
controls (``fifth_genres.CONTROLS``, about a quarter of the texts) hold no personal data, only
its look-alikes.

Conventions are those of ``heldout_corpus.py``'s docstring: a living person's name is gold
whoever the person is (officials, notaries, police officers, doctors, clerks), and so is the
name of the deceased in a death certificate or an inheritance (their data still point to a
family); a private person's ID number (a mistyped one after an ID label too), mobile,
landline, bank card, passport or travel permit, plate, e-mail and address below the town
(core from the road, estate or village down; a bare room number ``3栋2单元1502`` in a repair
log too), and the credit code of an enterprise (91), individual business (92), co-operative
(93) or private non-enterprise unit (52). Look-alikes: surnames with titles (王女士, 老张,
小刘, 赵主任), pseudonyms (张某某), people of history, doctrines, roads and counties named after
people (黄兴路, 志丹县), public bodies' phones, hotlines, mailboxes (a 163.com one too),
office addresses, accounts and credit codes (11…, 12…), areas, document, case, certificate
(出生证 ``Q`` + 9 digits, 结婚证字号), badge, batch and inpatient numbers, IDs and mobiles
already printed masked (``440606********123X``, ``138****5678``), parcel numbers failing
Luhn, 18-digit serials with impossible birth dates, amounts, dates and phrases (自收到).
"""
from __future__ import annotations

from tests.masking.fifth_genres import CONTROLS, GENRES
from tests.masking.fifth_values import Values
from tests.masking.heldout_corpus import Result, Sample, build_samples, report, score

__all__ = ["FIFTH_SEED", "PER_GENRE", "PER_CONTROL", "Result", "Sample", "build_fifth_corpus", "report", "score"]

FIFTH_SEED = 20261209
PER_GENRE = 23
PER_CONTROL = 16


def build_fifth_corpus(seed: int = FIFTH_SEED) -> list:
    """23 texts of each of 20 genres and 16 of each of 10 control genres (620), shuffled by seed."""
    return build_samples(Values(seed), ((GENRES, PER_GENRE), (CONTROLS, PER_CONTROL)), seed)
