"""A second, blind corpus of government texts for measuring the masking of free text (issue 18).

Written without reading the recognizers, their word lists or the first corpus
(``corpus.py``): the genres and their wordings are in ``blind_genres.py``, the values (with
check digits computed here from the standards) in ``blind_values.py``. The gold spans are
recorded while a text is generated, never by running the masker.

Scoring (``score``) is lenient on boundaries where a reader would be: a gold span counts as
found when the masked spans of its entity cover its *core* (the number without ``+86``, the
address below the town), and a masked span is right when it overlaps a gold span of its
entity. Control texts hold no personal data: any span masked in one touches it.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

from tests.masking import blind_genres as g
from tests.masking.blind_values import BANKS, FOSHAN, PSEUDONYMS, Segment, Values

BLIND_SEED = 20260518
BLIND_SIZE = 800
CONTROL_SHARE = 0.25
ENTITIES = ("CN_ADDRESS", "CN_BANK_CARD", "CN_CREDIT_CODE", "CN_ID_NUMBER", "CN_LANDLINE", "CN_LICENSE_PLATE",
            "CN_MOBILE", "CN_PASSPORT", "EMAIL_ADDRESS", "PERSON")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    core: Tuple[int, int]
    entity: str
    kind: str


@dataclass
class Sample:
    text: str
    genre: str
    gold: List[Gold] = field(default_factory=list)
    decoys: List[Tuple[int, int, str]] = field(default_factory=list)  # non-personal look-alikes, for reading false finds

    @property
    def control(self) -> bool:
        return self.genre == "control"


class Filler:
    """Fills the slots of one document; ``#k`` slots keep their value within it."""

    def __init__(self, values: Values):
        self.v = values
        self.memo: Dict[str, Tuple[str, str]] = {}

    def person(self, key: str, where: str) -> List[Segment]:
        if key and key in self.memo:
            name, kind = self.memo[key]
        else:
            name, kind = self.v.person()
            if key:
                self.memo[key] = (name, kind)
        return [(name, "PERSON", f"{kind}, {where}", None)]

    def fill(self, slot: str, key: str, where: str) -> List[Segment]:
        v = self.v
        if slot == "name":
            return self.person(key, where or "cue")
        personal = {
            "id": self.id_value, "mobile": v.mobile_written, "landline": v.landline_written, "card": v.card_written,
            "credit91": lambda: (v.credit_code("91"), "CN_CREDIT_CODE", "enterprise 91", None),
            "credit92": lambda: (v.credit_code("92"), "CN_CREDIT_CODE", "individual business 92", None),
            "passport": v.passport, "permit": v.hk_macao_permit, "email": v.email, "plate": v.plate,
            "address": v.address, "address_other": v.other_address, "address_short": self.short_address,
            "landline8": lambda: (v.pick("2345678") + v.digits(7), "CN_LANDLINE", "8 digits after 座机", None),
        }
        if slot in personal:
            value = personal[slot]()
            return value if isinstance(value, list) else [value]
        return [(self.plain(slot), None, slot, None)]

    def id_value(self) -> List[Segment]:
        if self.v.r.random() < 0.07:  # merged fields: ID and mobile with nothing between
            return [(self.v.id_number(), "CN_ID_NUMBER", "joined to a mobile", None),
                    (self.v.mobile(), "CN_MOBILE", "joined to an ID number", None)]
        if self.v.r.random() < 0.05:
            return [(self.v.id15(), "CN_ID_NUMBER", "15-digit ID", None)]
        return [self.v.id_written()]

    def short_address(self) -> Segment:
        v = self.v
        district = v.pick(sorted(FOSHAN))
        towns, roads, _, _ = FOSHAN[district]
        head = v.pick(towns)
        detail = f"{v.pick(roads)}{v.r.randint(1, 300)}号"
        return (head + detail, "CN_ADDRESS", "town, road and number", (len(head), len(head + detail)))

    def plain(self, slot: str) -> str:
        v, r = self.v, self.v.r
        lists = {
            "dept": g.DEPTS, "school": g.SCHOOLS, "bank": BANKS, "hospital": g.HOSPITALS, "agency": g.AGENCIES,
            "gov_body": g.GOV_BODIES, "court": g.COURTS, "law": g.LAWS, "violation": g.VIOLATIONS, "disease": g.DISEASES,
            "drug": g.DRUGS, "complaint": g.COMPLAINTS, "relation": g.RELATIONS, "cause": g.CAUSES, "dispute": g.DISPUTES,
            "station": g.STATIONS, "lawfirm": g.LAWFIRMS, "shop": g.SHOPS, "matter": g.MATTERS, "heritage": g.HERITAGE,
            "lookalike": g.LOOKALIKES, "pseudonym": PSEUDONYMS, "sex": ["男", "女"], "district": sorted(FOSHAN),
        }
        if slot in lists:
            return v.pick(lists[slot])
        simple = {
            "order": lambda: v.pick(["FS", "GD", ""]) + "2026" + v.digits(v.pick([8, 10, 12])),
            "datetime": v.datetime, "date": v.date, "date_cn": v.date_cn, "amount": v.amount, "case_no": v.case_no,
            "doc_no": v.doc_no, "gov_phone": v.gov_phone, "gov_email": v.gov_email, "gov_account": v.gov_account,
            "non_id_run": v.non_id_run, "bad_credit": v.wrong_credit_code, "gov_address": v.gov_address,
            "title_person": v.title_person, "company": v.fake.company,
            "days": lambda: str(r.randint(3, 15)), "age": lambda: str(r.randint(19, 92)), "count": lambda: str(r.randint(2, 9999)),
            "year": lambda: str(r.randint(2021, 2025)), "percent": lambda: f"{r.randint(1, 99)}.{r.randint(0, 9)}%",
            "article": lambda: v.pick(["一百二十四", "五十七", "三十", "六十八", "一百零一", "十八"]),
            "clause": lambda: v.pick("一二三"), "postcode": lambda: v.pick(["528200", "528300", "528000", "528100", "528500"]),
            "cert_no": lambda: "440" + v.digits(8), "invoice_code": lambda: "0440" + v.digits(8),
            "invoice_no": lambda: v.digits(8), "inpatient": lambda: "ZY" + v.digits(8), "bed": lambda: str(r.randint(1, 60)),
            "birth": lambda: (lambda d: f"{d.year}年{d.month}月{d.day}日")(v.birth()),
            "road": lambda: v.pick(FOSHAN[v.pick(sorted(FOSHAN))][1]),
            "village": lambda: v.pick(FOSHAN[v.pick(sorted(FOSHAN))][3]) + "委会",
        }
        return simple[slot]()


SLOT = re.compile(r"\{(\w+?)(?:#(\w+))?(?:@(\w+))?\}")


def render(template: str, filler: Filler, sample: Sample) -> str:
    """Append ``template`` with its slots filled to ``sample`` (text, gold and decoys)."""
    out = [sample.text]
    pos = len(sample.text)
    last = 0
    for m in SLOT.finditer(template):
        out.append(template[last:m.start()])
        pos += m.start() - last
        last = m.end()
        for text, entity, kind, core in filler.fill(m.group(1), m.group(2) or "", m.group(3) or ""):
            if entity:
                cs, ce = core or (0, len(text))
                sample.gold.append(Gold(pos, pos + len(text), (pos + cs, pos + ce), entity, kind))
            else:
                sample.decoys.append((pos, pos + len(text), kind))
            out.append(text)
            pos += len(text)
    out.append(template[last:])
    sample.text = "".join(out)
    return sample.text


def document(genre: str, sections: Sequence[Sequence[str]], values: Values) -> Sample:
    sample = Sample(text="", genre=genre)
    filler = Filler(values)
    for section in sections:
        render(values.pick(section), filler, sample)
    return sample


def control_document(values: Values) -> Sample:
    """One to three passages of the control families: no personal data, many look-alikes."""
    families = values.r.sample(g.CONTROL, values.r.choice([1, 1, 2, 3]))
    passages = [("\n" if i else "") + values.pick(family) for i, family in enumerate(families)]
    return document("control", [[p] for p in passages], values)


def build_blind_corpus(n: int = BLIND_SIZE, seed: int = BLIND_SEED) -> List[Sample]:
    values = Values(seed)
    order = random.Random(seed + 1)
    genres = sorted(g.GENRES)
    samples, seen = [], set()
    while len(samples) < n:
        if order.random() < CONTROL_SHARE:
            sample = control_document(values)
        else:
            genre = genres[len(samples) % len(genres)]
            sample = document(genre, g.GENRES[genre], values)
        if sample.text not in seen:  # a short control passage can come twice
            seen.add(sample.text)
            samples.append(sample)
    return samples


# --- scoring -----------------------------------------------------------------------------------

Span = Tuple[int, int, str]


@dataclass
class BlindScore:
    gold: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)          # core covered by spans of the same entity
    masked_any: Counter = field(default_factory=Counter)     # core covered by spans of any entity
    predicted: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)        # predicted spans overlapping gold of their entity
    personal_chars: int = 0
    unmasked_chars: int = 0
    controls: int = 0
    controls_touched: int = 0
    texts: int = 0
    misses: List[Tuple[str, str, str, str]] = field(default_factory=list)        # entity, kind, value, text
    false_finds: List[Tuple[str, str, str, str]] = field(default_factory=list)   # entity, look-alike kind, value, text

    def recall(self, entity: str) -> float:
        return self.found[entity] / self.gold[entity] if self.gold[entity] else float("nan")

    def precision(self, entity: str = "") -> float:
        predicted = self.predicted[entity] if entity else sum(self.predicted.values())
        correct = self.correct[entity] if entity else sum(self.correct.values())
        return correct / predicted if predicted else float("nan")

    def overall_recall(self) -> float:
        return sum(self.found.values()) / sum(self.gold.values())

    @property
    def unmasked_share(self) -> float:
        return self.unmasked_chars / self.personal_chars

    @property
    def controls_touched_share(self) -> float:
        return self.controls_touched / self.controls

    def miss_kinds(self) -> List[Tuple[Tuple[str, str], int, str]]:
        """(entity, kind), count and one example value, most common first."""
        counts = Counter((e, k) for e, k, _, _ in self.misses)
        example = {}
        for e, k, value, text in self.misses:
            example.setdefault((e, k), (value, text))
        return [(key, n, example[key]) for key, n in counts.most_common()]

    def false_find_kinds(self) -> List[Tuple[Tuple[str, str], int, Tuple[str, str]]]:
        counts = Counter((e, k) for e, k, _, _ in self.false_finds)
        example = {}
        for e, k, value, text in self.false_finds:
            example.setdefault((e, k), (value, text))
        return [(key, n, example[key]) for key, n in counts.most_common()]


def covered(chars: range, spans: Sequence[Span]) -> bool:
    remaining = set(chars)
    for start, end, _ in spans:
        remaining.difference_update(range(start, end))
    return not remaining


def score(samples: Sequence[Sample], predictions: Sequence[Sequence[Span]]) -> BlindScore:
    s = BlindScore()
    for sample, spans in zip(samples, predictions):
        s.texts += 1
        text = sample.text
        if sample.control:
            s.controls += 1
            s.controls_touched += bool(spans)
        personal = set()
        for gold in sample.gold:
            core = range(*gold.core)
            personal.update(core)
            s.gold[gold.entity] += 1
            if covered(core, [p for p in spans if p[2] == gold.entity]):
                s.found[gold.entity] += 1
            else:
                s.misses.append((gold.entity, gold.kind, text[gold.start:gold.end], text))
            if covered(core, spans):
                s.masked_any[gold.entity] += 1
        masked = set()
        for start, end, entity in spans:
            masked.update(range(start, end))
            s.predicted[entity] += 1
            if any(gd.entity == entity and start < gd.end and gd.start < end for gd in sample.gold):
                s.correct[entity] += 1
            else:
                kinds = [k for ds, de, k in sample.decoys if start < de and ds < end]
                kind = kinds[0] if kinds else f"the word {text[start:end]} of the template"
                s.false_finds.append((entity, kind, text[start:end], text))
        s.personal_chars += len(personal)
        s.unmasked_chars += len(personal - masked)
    return s


def report(result: BlindScore, misses: int = 5) -> List[str]:
    """The table, the unmasked share, the controls touched and the commonest misses and false finds."""
    lines = table(result)
    lines.append(f"personal characters left unmasked: {result.unmasked_share:.2%}"
                 f" ({result.unmasked_chars:,} of {result.personal_chars:,})")
    lines.append(f"control texts touched: {result.controls_touched} of {result.controls}"
                 f" ({result.controls_touched_share:.1%})")
    for (entity, kind), n, (value, _) in result.miss_kinds()[:misses]:
        lines.append(f"MISS {n:>4}  {entity} ({kind}), e.g. {value!r}")
    for (entity, kind), n, (value, _) in result.false_find_kinds()[:misses]:
        lines.append(f"FALSE {n:>3}  {entity} on {kind}, e.g. {value!r}")
    return lines


def table(result: BlindScore) -> List[str]:
    """The per-entity table as Markdown rows (bench and docs)."""
    rows = [f"| {'entity':<16} | {'gold':>5} | {'precision':>9} | {'recall':>6} | {'masked as any':>13} |",
            f"|{'-' * 18}|{'-' * 7}|{'-' * 11}|{'-' * 8}|{'-' * 15}|"]
    for entity in ENTITIES:
        if result.gold[entity] or result.predicted[entity]:
            any_share = result.masked_any[entity] / result.gold[entity] if result.gold[entity] else float("nan")
            rows.append(f"| {entity:<16} | {result.gold[entity]:>5} | {result.precision(entity):>9.3f} |"
                        f" {result.recall(entity):>6.3f} | {any_share:>13.3f} |")
    rows.append(f"| {'all':<16} | {sum(result.gold.values()):>5} | {result.precision():>9.3f} |"
                f" {result.overall_recall():>6.3f} | {sum(result.masked_any.values()) / sum(result.gold.values()):>13.3f} |")
    return rows
