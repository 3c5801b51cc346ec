"""A fourth, held-out corpus for issue 18, written blind: nobody tunes the recognizers on it.

How it was written: without opening ``masking/`` (only the signature and docstring of
``masking.text.find_personal``, to call it and read its spans), the first corpus
(``corpus.py``), the blind one (``blind_*.py``), the held-out one's genres and values
(``heldout_genres.py``, ``heldout_values.py``) or any masking test but
``test_heldout_corpus.py``. Read were issue 18, ``heldout_corpus.py`` (whose conventions of
gold and look-alike this corpus follows, and whose ``Sample``, ``score`` and ``report`` it
reuses) and ``bench/bench_masking.py``. The masker was run on it only to check the scorer and,
once at the end, to record its figures as floors in ``test_fourth_corpus.py``.

Keep it held out: a fix of the masker must come from a rule tested on sentences of its own,
never from reading this corpus's texts or misses.

Its genres differ in form from the earlier corpora's (``fourth_genres.GENRES``): 信访 letters
and replies, 不动产登记 notices, 低保 / 征地补偿 / 拆迁 公示名单 as tables (columns
separated by tabs or spaces, several people per text), 社区矫正 and 社区戒毒 notes, 医保
报销 forms, 学籍 records (the 全国学籍号 is ``G`` + the ID number), 会议纪要, WeChat and SMS
transcripts with typos, OCR'd forms (label on one line, value on the next, stray spaces,
full-width digits, values broken across lines), 12345 work orders, police 接处警 records,
court 送达回证, enterprise 年报 contact blocks, 房屋征收补偿协议 and newspaper 遗失声明.
The controls (``fourth_genres.CONTROLS``, about a quarter of the texts) hold no personal
data, only its look-alikes.

Conventions are those of ``heldout_corpus.py``'s docstring; in short: a living person's name
is gold whoever the person is (a citizen, an official, a judge's clerk, a police officer), as
are a private person's ID number (an OCR'd or grouped one too; a mistyped one after an ID
label), mobile, landline, bank card, passport or travel permit, plate, e-mail and address
below the town (core: from the road or village down), and the credit code of an enterprise,
individual business, co-operative or private non-enterprise unit. Look-alikes: a surname with
a title (李先生, 何伯, 陈生), court pseudonyms (张某某), people of history and the names in
doctrines (邓小平理论), public bodies' phones, hotlines, mailboxes (a 163.com one named as a
body's 举报邮箱 too), office addresses, accounts and credit codes (11…, 12…), an area alone,
document, case, work-order, police and inpatient numbers, property certificate and unit
numbers, transaction and parcel numbers, amounts, dates and phrases (应自, 自收到).
"""
from __future__ import annotations

from tests.masking.fourth_genres import CONTROLS, GENRES
from tests.masking.fourth_values import Values
from tests.masking.heldout_corpus import Result, Sample, build_samples, report, score

__all__ = ["FOURTH_SEED", "PER_GENRE", "PER_CONTROL", "Result", "Sample", "build_fourth_corpus", "report", "score"]

FOURTH_SEED = 20261208
PER_GENRE = 30
PER_CONTROL = 16


def build_fourth_corpus(seed: int = FOURTH_SEED) -> list:
    """30 texts of each of 15 genres and 16 of each of 10 control genres (610), shuffled by seed."""
    return build_samples(Values(seed), ((GENRES, PER_GENRE), (CONTROLS, PER_CONTROL)), seed)
