"""A third, held-out corpus for issue 18: nobody tunes the recognizers on it.

Written without reading ``masking/``, the first corpus (``corpus.py``) or the blind one
(``blind_*.py``); only ``masking.text.find_personal`` and its span format were looked at.
Keep it held out: a fix of the masker must come from a rule tested on sentences of its own,
never from reading this corpus's misses; its figures are then the ones to quote.

``build_heldout_corpus()`` gives 780 texts (seed ``HELDOUT_SEED``): 50 of each of twelve
genres (``heldout_genres.GENRES``) and 22 of each of eight control genres that hold no
personal data but its look-alikes. Gold spans are recorded as the text is written.

What counts as personal (gold) and what is a look-alike that must stay:
- gold: a private person's name, ID number (18 or 15 digits), mobile, landline, bank card,
  passport or travel permit (CN_PASSPORT), plate, e-mail, address below the town, and the
  credit code of an enterprise, individual business (92…), co-operative or private
  non-enterprise unit (the code of a one-person business leads to its owner);
- an 18-character ID number with a plausible region and birth date but a wrong check digit,
  written after an ID label (公民身份号码, 证件号), is gold: a mistyped ID number still names
  its holder. An 18-digit run with an impossible birth date and no ID label (交易流水号) is a
  look-alike, as is a 16/19-digit run failing Luhn (快递单号);
- look-alikes: court pseudonyms (张某某), a surname with a title (李先生), people of history,
  public bodies' phones, hotlines, e-mails (also a 163.com mailbox named as a body's
  监督邮箱), office addresses, bank accounts and credit codes (机关 11…, 事业单位 12…),
  an area alone (桂城街道), document and case numbers, property certificate numbers,
  inpatient numbers, amounts, dates and articles. Masking one of them is a false find.

Scoring, with lenient boundaries: a gold span is found when the masked spans of its entity
cover every non-blank character of its core (the number without +86/0086 or a letter
prefix, a landline without its extension, an address from its road or village down); a
masked span is right when it overlaps a gold span of its entity.
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tests.masking.heldout_genres import CONTROLS, GENRES
from tests.masking.heldout_values import Values

HELDOUT_SEED = 20261207
PER_GENRE = 50
PER_CONTROL = 22


@dataclass(frozen=True)
class Sample:
    text: str
    gold: tuple  # (start, end, entity, core_start, core_end, kind)
    decoys: tuple  # (start, end, kind)
    genre: str

    @property
    def control(self) -> bool:
        return self.genre.startswith("c_")


def build_heldout_corpus(seed: int = HELDOUT_SEED) -> list:
    return build_samples(Values(seed), ((GENRES, PER_GENRE), (CONTROLS, PER_CONTROL)), seed)


def build_samples(values, genre_counts, seed: int) -> list:
    """``count`` texts of each genre of each (genres, count) pair, written from ``values``,
    shuffled by ``seed`` (the fourth corpus is built the same way)."""
    samples = []
    for genres, count in genre_counts:
        for name, make in genres.items():
            for _ in range(count):
                text, gold, decoys = make(values).render()
                samples.append(Sample(text, tuple(gold), tuple(decoys), name))
    random.Random(seed).shuffle(samples)
    return samples


@dataclass
class Result:
    gold: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    predicted: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    kind_gold: Counter = field(default_factory=Counter)
    kind_found: Counter = field(default_factory=Counter)
    false_by: Counter = field(default_factory=Counter)  # (entity, look-alike kind or "other")
    misses: list = field(default_factory=list)  # (sample index, gold span)
    false_finds: list = field(default_factory=list)  # (sample index, (start, end, entity), kind)
    personal_chars: int = 0
    unmasked_chars: int = 0
    controls: int = 0
    controls_touched: int = 0

    def recall(self, entity=None) -> float:
        g = self.gold[entity] if entity else sum(self.gold.values())
        f = self.found[entity] if entity else sum(self.found.values())
        return f / g if g else 1.0

    def precision(self, entity=None) -> float:
        p = self.predicted[entity] if entity else sum(self.predicted.values())
        r = self.right[entity] if entity else sum(self.right.values())
        return r / p if p else 1.0


def score(samples, predicted) -> Result:
    """``predicted``: per sample, the masker's spans as (start, end, entity)."""
    res = Result()
    for index, (sample, spans) in enumerate(zip(samples, predicted)):
        by_entity = defaultdict(set)
        anywhere = set()
        for start, end, entity in spans:
            by_entity[entity].update(range(start, end))
            anywhere.update(range(start, end))
        for g in sample.gold:
            start, end, entity, c0, c1, kind = g
            core = [i for i in range(c0, c1) if not sample.text[i].isspace()]
            res.gold[entity] += 1
            res.kind_gold[kind] += 1
            res.personal_chars += len(core)
            res.unmasked_chars += sum(1 for i in core if i not in anywhere)
            if all(i in by_entity[entity] for i in core):
                res.found[entity] += 1
                res.kind_found[kind] += 1
            else:
                res.misses.append((index, g))
        for start, end, entity in spans:
            res.predicted[entity] += 1
            if any(g[2] == entity and start < g[1] and g[0] < end for g in sample.gold):
                res.right[entity] += 1
            else:
                kind = next((k for a, b, k in sample.decoys if start < b and a < end), "other")
                res.false_by[(entity, kind)] += 1
                res.false_finds.append((index, (start, end, entity), kind))
        if sample.control:
            res.controls += 1
            res.controls_touched += bool(spans)
    return res


TARGETS = {"CN_ID_NUMBER": 0.99, "CN_CREDIT_CODE": 0.99, "CN_MOBILE": 0.99, "CN_BANK_CARD": 0.99,
           "PERSON": 0.95, "CN_ADDRESS": 0.95}


def report(res: Result, samples=None, misses: int = 0) -> list:
    lines = [f"{'entity':<17} {'gold':>5} {'recall':>7} {'masked':>7} {'precision':>9}  recall target"]
    for entity in sorted(set(res.gold) | set(res.predicted)):
        target = TARGETS.get(entity)
        met = "" if target is None else f"{target} ({'met' if res.recall(entity) >= target else 'not met'})"
        lines.append(f"{entity:<17} {res.gold[entity]:>5} {res.recall(entity):>7.3f} {res.predicted[entity]:>7} "
                     f"{res.precision(entity):>9.3f}  {met or '—'}")
    lines.append(f"{'all':<17} {sum(res.gold.values()):>5} {res.recall():>7.3f} {sum(res.predicted.values()):>7} "
                 f"{res.precision():>9.3f}  precision 0.97 ({'met' if res.precision() >= 0.97 else 'not met'})")
    lines.append(f"personal characters left unmasked: {res.unmasked_chars:,} of {res.personal_chars:,} "
                 f"({res.unmasked_chars / res.personal_chars:.1%})")
    lines.append(f"control texts touched: {res.controls_touched} of {res.controls} "
                 f"({res.controls_touched / max(res.controls, 1):.1%}; target below 3%)")
    lines.append("recall by hard case: " + ", ".join(
        f"{k} {res.kind_found[k]}/{n}" for k, n in sorted(res.kind_gold.items()) if res.kind_found[k] < n))
    lines.append("false finds by look-alike: " + ", ".join(f"{e}@{k} {n}" for (e, k), n in res.false_by.most_common()))
    if samples is not None:
        for index, g in res.misses[:misses]:
            text = samples[index].text
            lines.append(f"  missed {g[2]} ({g[5]}): {text[g[0]:g[1]]!r} in …{text[max(0, g[0] - 25):g[1] + 15]!r}…")
        for index, (a, b, e), kind in res.false_finds[:misses]:
            text = samples[index].text
            lines.append(f"  false {e} ({kind}): {text[a:b]!r} in …{text[max(0, a - 20):b + 10]!r}…")
    return lines
