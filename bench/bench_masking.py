"""Benchmark of masking: speed of structured columns and free text, recall and precision.

    .venv/bin/python bench/bench_masking.py [--records 6000] [--seed 7] [--cells 200000]

Builds a synthetic corpus of Faker zh_CN texts from the templates below, which mix
personal data (names, ID numbers, phones, addresses in 佛山 …) with numbers that are not
personal (order numbers, amounts, article numbers, dates, case and batch numbers), and
records where every personal value is (its "gold" span). Then it prints

- cells masked per second for structured columns (single process, one core);
- free-text records analysed and masked per second (single process, one core);
- per entity: gold count, recall and precision with exact span boundaries, and the share
  of gold spans fully covered by masked spans of any entity ("leak-free");
- whether the texts without personal data come out unchanged, and how many paragraphs
  of a real text without personal data (``--prose``, by default the Foshan regulation in
  the shared docs, if present) the masking changes.

Then, on the corpus of government texts of ``tests/masking/corpus.py`` (issue 18: eight
genres, hard cases, control texts), the table of per-entity recall and precision, the share
of personal characters left unmasked, control texts touched, and texts per CPU-second.

``--corpus blind`` prints instead only the same table on the blind corpus of
``tests/masking/blind_corpus.py`` (written without reading the recognizers), and
``--corpus heldout`` on the held-out corpus of ``tests/masking/heldout_corpus.py`` (written
without reading the recognizers or the other corpora, and never tuned on: its figures are
the ones to quote), and ``--corpus fourth`` on the fourth corpus of
``tests/masking/fourth_corpus.py`` (written blind in other genres and forms, held out too), and
``--corpus fifth`` on the fifth corpus of ``tests/masking/fifth_corpus.py`` (written blind in
forms from across China that none of the others had, held out too), and ``--corpus sixth`` on
the sixth corpus of ``tests/masking/sixth_corpus.py`` (written blind in police, court, village,
hospital, bank and cross-border forms, held out too), and ``--corpus seventh`` on the seventh
corpus of ``tests/masking/seventh_corpus.py`` (written blind in prosecution, tax, insurance,
register, log and traditional-character forms, OCR and spoken digits, held out too), and
``--corpus eighth`` on the eighth corpus of ``tests/masking/eighth_corpus.py`` (written blind in
hospital, school, hotel, courier, property, community and social-media forms, held out too).

The corpora are synthetic and were written together with the recognizers: its figures show
that the recognizers do what they were designed to do, not how they fare on real data.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from faker import Faker  # noqa: E402

from gateway.identifiers import CREDIT_ALPHABET, make_credit_code  # noqa: E402

ENTITY_OF_SLOT = {
    "name": "PERSON", "name2": "PERSON", "id": "CN_ID_NUMBER", "id15": "CN_ID_NUMBER", "id_fullwidth": "CN_ID_NUMBER",
    "credit": "CN_CREDIT_CODE", "mobile": "CN_MOBILE", "mobile_fmt": "CN_MOBILE",
    "landline": "CN_LANDLINE", "card": "CN_BANK_CARD", "card_grouped": "CN_BANK_CARD",
    "passport": "CN_PASSPORT", "plate": "CN_LICENSE_PLATE", "plate_ne": "CN_LICENSE_PLATE",
    "email": "EMAIL_ADDRESS", "address": "CN_ADDRESS", "address_part": "CN_ADDRESS",
}

PERSONAL_TEMPLATES = [
    "申请人{name}（身份证号：{id}）于{date}向{dept}申请{matter}，联系电话{mobile}。",
    "{name}，{sex}，{age}岁，身份证号码{id}，住址：{address}。",
    "联系人：{name}　手机：{mobile}　邮箱：{email}",
    "经核查，{company}（统一社会信用代码{credit}）法定代表人为{name}，注册地址{address}。",
    "请将补贴{amount}发放至{name}的银行卡{card}，开户行：{bank}。",
    "车牌号为{plate}的车辆于{date}在{road}违法停车，车主{name}，联系电话{mobile}。",
    "旅客{name}，护照号{passport}，入境日期{date}，随行人员{name2}。",
    "{name}先生来电反映{matter}问题，来电号码{mobile}，工单号{order}。",
    "投诉人{name}称其于{date}在{company}购物，订单号{order}，金额{amount}，联系方式：{mobile_fmt}。",
    "户主{name}，家庭住址{address}，家庭成员：{name2}。",
    "依照{article}，{dept}将{name}的身份证号{id15}登记为第一代身份证。",
    "收件人：{name}，电话：{landline}，地址：{address}",
    "{name}于{date}办理了{matter}，受理编号{serial}，结果已发送至{email}。",
    "学生{name}的家长{name2}（手机{mobile_fmt}）已确认{matter}事项。",
    "{name}同志自{date}起任{dept}副科长。",
    "{date}，{name}在{dept}窗口办理{matter}，共缴费{amount}。",
    "银行卡号：{card_grouped}，持卡人：{name}",
    "新能源车{plate_ne}的驾驶人{name}，驾驶证号{id}。",
    "工作人员{name}（办公电话{landline}）负责本案，案号{case_no}。",
    "{company}的联系人为{name}，联系电话{landline}，电子邮箱{email}。",
    "经查，{name}名下车辆{plate}已于{date}完成年检，缴纳费用{amount}。",
    "患者{name}，{age}岁，身份证{id}，住{address}，于{date}入院。",
    "{name}的女儿{name2}就读于{school}，家住{address_part}。",
    "请{name}于{date}前携带身份证原件到{dept}办理{matter}。",
    "房屋坐落：{address}，权利人：{name}，证件号码：{id}，登记日期{date}。",
    "举报人{name}反映{company}拖欠工资{amount}，请于{days}个工作日内处理，电话{mobile}。",
    "{name}、{name2}两人于{date}到{dept}咨询{matter}政策。",
    "本人{name}，手机号码{mobile}，身份证号{id}，承诺所填信息真实。",
    "借款人{name}向{bank}申请贷款{amount}，还款账户{card}。",
    "根据{article}，对{name}（驾驶证号{id}）处以罚款{amount}，记{points}分。",
    "经办人：{name}；复核人：{name2}；日期：{date}",
    "致{name}：您于{date}提交的{matter}申请已受理，受理编号{serial}。",
    "感谢{name}同志在{matter}工作中的热心帮助。",
    "我叫{name}，住在{address}，电话{mobile}，有事请联系。",
    "{lorem}联系人{name}，电话{landline}。",
    "身份证号：{id_fullwidth}，姓名：{name}",
    "邮寄地址为{address}，收件人{name}，手机{mobile}。",
    "{name}和{name2}于{date}签订租赁合同，月租金{amount}。",
    "当事人{name}（公民身份号码{id}）对{article}的处罚决定不服。",
    "{company}（统一社会信用代码：{credit}）委托{name}办理{matter}，委托人电话{mobile}。",
]

NON_PERSONAL_TEMPLATES = [
    "订单号{order}已于{date}发货，金额{amount}。",
    "根据{article}，{dept}应当在{days}个工作日内答复。",
    "{district}人民政府于{date}发布《关于{matter}的通知》（{doc_no}）。",
    "本月共受理{matter}申请{count}件，办结率{percent}，涉及金额{amount}。",
    "{company}于{date}完成注册资本变更，变更后注册资本为{amount}。",
    "案号{case_no}，标的额{amount}，定于{date}开庭。",
    "批次号{serial}的疫苗已于{date}入库，数量{count}支。",
    "{road}改造工程计划于{date}完工，总投资{amount}。",
    "截至{date}，{district}常住人口{count}万人，同比增长{percent}。",
    "流水号{order}的交易已退款，退款金额{amount}。",
    "佛山市{district}{town}办事处于{date}召开{matter}工作会议。",
    "{year}年第{quarter}季度全市地区生产总值{amount}，同比增长{percent}。",
    "{dept}依据{article}和{doc_no}开展{matter}专项检查，共检查{count}家单位。",
    "受理编号{serial}，申请事项：{matter}，办理时限{days}个工作日。",
    "{school}{year}年招生计划{count}人，报名时间为{date}。",
    "{lorem}",
    "{lorem}{lorem}",
    "{lorem}订单号{order}，金额{amount}。",
    "高温黄色预警信号已于{date}发布，请市民做好防暑降温。",
    "金融机构应于{date}前报送{matter}数据，涉及账户{count}个。",
    "周末{district}将举行马拉松比赛，{road}实行交通管制。",
    "江门市与佛山市签署合作协议，涉及金额{amount}。",
    "常务会议审议通过了{matter}实施方案，自{date}起施行。",
    "关于印发《佛山市{matter}管理办法》的通知（{doc_no}）",
    "各单位要严格按照{article}执行，确保覆盖率达到{percent}。",
    "{company}年度营业收入{amount}，纳税{amount}，员工{count}人。",
]

DISTRICT_TOWNS = {
    "禅城区": ["祖庙街道", "石湾镇街道", "张槎街道", "南庄镇"],
    "南海区": ["桂城街道", "九江镇", "西樵镇", "丹灶镇", "狮山镇", "大沥镇", "里水镇"],
    "顺德区": ["大良街道", "容桂街道", "伦教街道", "勒流街道", "陈村镇", "均安镇", "杏坛镇", "龙江镇", "乐从镇", "北滘镇"],
    "三水区": ["西南街道", "云东海街道", "白坭镇", "乐平镇", "芦苞镇", "大塘镇", "南山镇"],
    "高明区": ["荷城街道", "杨和镇", "明城镇", "更合镇"],
}
ROADS = [
    "南海大道北", "桂澜路", "海八路", "灯湖东路", "季华路", "佛山大道中", "汾江中路", "岭南大道北",
    "魁奇路", "文华北路", "绿景路", "张槎路", "澜石路", "东平路", "德胜东路", "河滨路", "广珠公路",
    "三水大道", "西南大道", "荷城大道", "沧江路", "中山路", "人民路", "建设大道", "解放路", "朝安南路",
    "卫国路", "同济路", "紫洞路", "桂和路", "南桂东路", "江湾一路", "怡乐路", "锦华路",
]
COMMUNITIES = ["碧桂园", "万科金域华府", "保利花园", "中海千灯湖", "怡翠花园", "南海花园", "金色家园", "东方广场", "雅居乐小区"]
OTHER_CITY_ADDRESSES = [
    ("广东省广州市", "天河区", "天河路{n}号"), ("广州市", "越秀区", "中山五路{n}号"),
    ("深圳市", "南山区", "科技南路{n}号"), ("湖南省长沙市", "岳麓区", "麓山南路{n}号"),
    ("广东省江门市", "蓬江区", "建设路{n}号"), ("湖北省武汉市", "洪山区", "珞喻路{n}号"),
]
DEPTS = ["佛山市政务服务数据管理局", "南海区人力资源和社会保障局", "顺德区市场监督管理局", "禅城区民政局",
         "佛山市公安局交通警察支队", "三水区卫生健康局", "高明区住房和城乡建设局", "佛山市税务局"]
MATTERS = ["营业执照变更", "社保关系转移", "不动产登记", "居住证申领", "最低生活保障", "门诊费用报销",
           "公积金提取", "建设工程规划许可", "食品经营许可", "养老保险待遇"]
BANKS = ["中国工商银行佛山分行", "中国农业银行南海支行", "中国建设银行顺德支行", "佛山农村商业银行", "招商银行佛山分行"]
SCHOOLS = ["佛山市第一中学", "南海区桂城中学", "顺德区大良实验小学", "禅城区石湾第一小学"]
CARD_PREFIXES = ["622202", "622848", "621700", "623058", "622908", "621226", "622588", "625965"]
PLATE_PROVINCES = "粤粤粤粤粤粤粤粤湘桂赣闽京沪川"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXY"
CN_NUMERALS = "一二三四五六七八九十"


def luhn_complete(prefix: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return prefix + str((10 - total % 10) % 10)


class Slots:
    """Random values for template slots: (text, entity or None)."""

    def __init__(self, seed: int):
        self.fake = Faker("zh_CN")
        Faker.seed(seed)
        self.rng = random.Random(seed)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def value(self, slot: str) -> str:
        r, f = self.rng, self.fake
        if slot in ("name", "name2"):
            return f.name()
        if slot == "id":
            ssn = f.ssn(area_code=r.choice(["440604", "440605", "440606", "440607", "440608"])) if r.random() < 0.6 else f.ssn()
            return ssn.lower() if ssn.endswith("X") and r.random() < 0.3 else ssn
        if slot == "id_fullwidth":
            return "".join(chr(ord(c) + 0xFEE0) for c in self.fake.ssn())
        if slot == "id15":
            ssn = f.ssn(max_age=80, min_age=45)
            return ssn[:6] + ssn[8:17]
        if slot == "credit":
            org = "MA" + "".join(r.choice(CREDIT_ALPHABET) for _ in range(7)) if r.random() < 0.6 else \
                "".join(r.choice(CREDIT_ALPHABET) for _ in range(9))
            return make_credit_code(r.choice("9915") + r.choice("123") + r.choice(["440604", "440605", "440606", "440101"]) + org)
        if slot == "mobile":
            return f.phone_number()
        if slot == "mobile_fmt":
            m = f.phone_number()
            return r.choice([f"{m[:3]}-{m[3:7]}-{m[7:]}", f"{m[:3]} {m[3:7]} {m[7:]}", f"+86 {m}", f"+86-{m}"])
        if slot == "landline":
            local = r.choice("2345678") + self.digits(7)
            return r.choice([f"0757-{local}", f"(020){local}", f"020-{local}", f"（0757）{local}", f"0757-{local[:4]} {local[4:]}"])
        if slot in ("card", "card_grouped"):
            card = luhn_complete(r.choice(CARD_PREFIXES) + self.digits(r.choice([9, 12])))
            if slot == "card_grouped":
                return " ".join(card[i:i + 4] for i in range(0, len(card), 4))
            return card
        if slot == "passport":
            return r.choice(["E" + self.digits(8), "E" + r.choice("ABCDEFGHJK") + self.digits(7), "G" + self.digits(8)])
        if slot == "plate":
            body = self.digits(5) if r.random() < 0.5 else self.digits(2) + r.choice(PLATE_LETTERS) + self.digits(2)
            return r.choice(PLATE_PROVINCES) + r.choice("ABCDEFXY") + r.choice(["", "·", "", " "]) + body
        if slot == "plate_ne":
            return "粤" + r.choice("ABEXY") + (r.choice("DF") + self.digits(5) if r.random() < 0.5 else self.digits(5) + r.choice("DF"))
        if slot == "email":
            return r.choice([f.email(), f.free_email(), f"{f.user_name()}@fs.gov.cn", f"{f.user_name()}@qq.com"])
        if slot == "address":
            return self.address()
        if slot == "address_part":
            district = r.choice(list(DISTRICT_TOWNS))
            return r.choice(DISTRICT_TOWNS[district]) + r.choice(ROADS) + f"{r.randint(1, 300)}号"
        return self.distractor(slot)

    def address(self) -> str:
        r = self.rng
        if r.random() < 0.15:
            head, district, road = r.choice(OTHER_CITY_ADDRESSES)
            return head + district + road.format(n=r.randint(1, 999))
        district = r.choice(list(DISTRICT_TOWNS))
        parts = []
        if r.random() < 0.5:
            parts.append("广东省")
        if parts or r.random() < 0.8:
            parts.append("佛山市")
        parts.append(district)
        if r.random() < 0.6:
            parts.append(r.choice(DISTRICT_TOWNS[district]))
        road = r.choice(ROADS) if r.random() < 0.85 else self.fake.street_name()
        parts.append(f"{road}{r.randint(1, 399)}号")
        tail = r.random()
        if tail < 0.25:
            parts.append(f"{r.choice(COMMUNITIES)}{r.randint(1, 30)}座{r.randint(1, 33)}{r.randint(1, 8):02d}房")
        elif tail < 0.45:
            parts.append(f"{r.randint(1, 20)}栋{r.randint(1, 4)}单元{r.randint(1, 30)}{r.randint(1, 6):02d}室")
        elif tail < 0.55:
            parts.append(f"{r.randint(1, 12)}号楼{r.randint(101, 1806)}室")
        return "".join(parts)

    def distractor(self, slot: str) -> str:
        r = self.rng
        if slot == "order":
            return r.choice(["2026" + self.digits(r.choice([14, 15, 16])), "DD2026" + self.digits(12), "9" + self.digits(17)])
        if slot == "serial":
            return r.choice(["FS" + self.digits(14), self.digits(16), "2026" + self.digits(10)])
        if slot == "amount":
            return r.choice([f"{r.randint(100, 99999)}元", f"{r.randint(1, 999)},{r.randint(100, 999)}.{r.randint(10, 99)}元",
                             f"{r.randint(1, 99)}.{r.randint(1, 9)}万元", f"人民币{r.randint(1000, 20000)}元", f"{r.randint(1, 900)}亿元"])
        if slot == "article":
            n = r.randint(1, 60)
            return r.choice([f"第{n}条", f"第{CN_NUMERALS[r.randint(0, 9)]}十{CN_NUMERALS[r.randint(0, 8)]}条",
                             f"《佛山市公共数据管理办法》第{n}条", f"第{n}条第{r.randint(1, 4)}款"])
        if slot == "date":
            d = dt.date(2026, 1, 1) + dt.timedelta(days=r.randint(0, 364))
            return r.choice([f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.year}年{d.month}月", d.strftime("%Y/%m/%d")])
        if slot == "case_no":
            return f"（2026）粤{r.choice(['0604', '0605', '0606'])}{r.choice(['民初', '行初', '执'])}{r.randint(100, 9999)}号"
        if slot == "doc_no":
            return f"{r.choice(['佛府办', '南府', '顺府发'])}〔2026〕{r.randint(1, 99)}号"
        table = {
            "dept": DEPTS, "matter": MATTERS, "bank": BANKS, "school": SCHOOLS, "road": ROADS,
            "district": list(DISTRICT_TOWNS), "sex": ["男", "女"],
        }
        if slot in table:
            return r.choice(table[slot])
        if slot == "town":
            return r.choice(sum(DISTRICT_TOWNS.values(), []))
        if slot == "company":
            return self.fake.company()
        if slot == "lorem":
            return self.fake.sentence(nb_words=self.rng.randint(6, 14)).rstrip(".") + "。"
        numbers = {"age": (18, 90), "count": (2, 9999), "days": (3, 20), "points": (1, 12), "year": (2019, 2026), "quarter": (1, 4)}
        if slot in numbers:
            return str(r.randint(*numbers[slot]))
        if slot == "percent":
            return f"{r.randint(1, 99)}.{r.randint(0, 9)}%"
        raise KeyError(slot)


_SLOT = re.compile(r"\{(\w+)\}")
DEFAULT_PROSE = Path(__file__).resolve().parents[2] / "shared" / "docs" / "regulation-zh.txt"


def build_corpus(n: int, seed: int):
    """n (text, gold spans, personal?) triples; about one text in four has no personal data."""
    slots = Slots(seed)
    rng = random.Random(seed + 1)
    corpus = []
    for i in range(n):
        personal = rng.random() < 0.75
        template = rng.choice(PERSONAL_TEMPLATES if personal else NON_PERSONAL_TEMPLATES)
        parts, spans, pos = [], [], 0
        for j, piece in enumerate(_SLOT.split(template)):
            text = slots.value(piece) if j % 2 else piece
            if j % 2 and piece in ENTITY_OF_SLOT:
                spans.append((pos, pos + len(text), ENTITY_OF_SLOT[piece]))
            parts.append(text)
            pos += len(text)
        corpus.append(("".join(parts), spans, bool(spans)))
    return corpus


def bench_structured(cells: int, seed: int) -> None:
    from masking.kinds import FieldKind
    from masking.policies import MaskingKeys, mask_column

    slots = Slots(seed)
    keys = MaskingKeys(hash_key=b"bench-hmac-key-0123456789", encryption_key=bytes(range(32)))
    n = cells
    base = {
        FieldKind.ID_NUMBER: [slots.value("id") for _ in range(1000)],
        FieldKind.PHONE: [slots.value("mobile") for _ in range(1000)],
        FieldKind.NAME: [slots.value("name") for _ in range(1000)],
        FieldKind.ADDRESS: [slots.address() for _ in range(1000)],
        FieldKind.BIRTH_DATE: [dt.date(1950, 1, 1) + dt.timedelta(days=slots.rng.randint(0, 25000)) for _ in range(1000)],
        FieldKind.AGE: [slots.rng.randint(0, 100) for _ in range(1000)],
        FieldKind.AMOUNT: [slots.rng.randint(0, 200000) for _ in range(1000)],
        FieldKind.CREDIT_CODE: [slots.value("credit") for _ in range(1000)],
        FieldKind.BANK_CARD: [slots.value("card") for _ in range(1000)],
        FieldKind.EMAIL: [slots.value("email") for _ in range(1000)],
    }
    columns = {k: (v * (n // len(v) + 1))[:n] for k, v in base.items()}
    runs = [
        ("ID_NUMBER", "mask"), ("PHONE", "mask"), ("NAME", "mask"), ("CREDIT_CODE", "mask"),
        ("BANK_CARD", "mask"), ("EMAIL", "mask"), ("ADDRESS", "mask"), ("ADDRESS", "generalize"),
        ("BIRTH_DATE", "generalize"), ("AGE", "generalize"), ("AMOUNT", "generalize"),
        ("ID_NUMBER", "hash"), ("PHONE", "encrypt"), ("NAME", "redact"),
    ]
    print(f"\nStructured columns ({n:,} cells each; cells per CPU-second)")
    print(f"  {'column':<12} {'operator':<11} {'cells/s':>12}  example")
    total_cells, total_time = 0, 0.0
    for kind_name, op in runs:
        kind = FieldKind(kind_name)
        values = columns[kind]
        start = time.process_time()
        out = mask_column(values, kind, op, keys=keys)
        elapsed = time.process_time() - start
        total_cells += n
        total_time += elapsed
        example = f"{values[0]} -> {out[0]}"
        print(f"  {kind_name:<12} {op:<11} {n / elapsed:>12,.0f}  {example[:70]}")
    import pyarrow as pa

    arr = pa.array(columns[FieldKind.ID_NUMBER])
    start = time.process_time()
    mask_column(arr, FieldKind.ID_NUMBER, "mask")
    elapsed = time.process_time() - start
    print(f"  {'ID (arrow)':<12} {'mask':<11} {n / elapsed:>12,.0f}")
    print(f"  all structured runs together: {total_cells / total_time:,.0f} cells/s")


def evaluate(corpus, masked_spans):
    """Per-entity exact-span TP/FP/FN and leak-free coverage."""
    tp, fp, fn, covered, gold_count = Counter(), Counter(), Counter(), Counter(), Counter()
    fp_examples = defaultdict(list)
    fn_examples = defaultdict(list)
    for (text, gold, _), predicted in zip(corpus, masked_spans):
        gold_set = set(gold)
        pred_set = {(r.start, r.end, r.entity_type) for r in predicted}
        for g in gold:
            gold_count[g[2]] += 1
            if g in pred_set:
                tp[g[2]] += 1
            else:
                fn[g[2]] += 1
                fn_examples[g[2]].append((text[g[0]:g[1]], text))
            chars = set(range(g[0], g[1]))
            for r in predicted:
                chars -= set(range(r.start, r.end))
            if not chars:
                covered[g[2]] += 1
        for p in pred_set - gold_set:
            fp[p[2]] += 1
            fp_examples[p[2]].append((text[p[0]:p[1]], text))
    return tp, fp, fn, covered, gold_count, fp_examples, fn_examples


def bench_corpus(n: int, seed: int, examples: int = 0) -> None:
    """Issue 18's table on the corpus of government texts of ``tests/masking/corpus.py``."""
    from masking.text import find_personal, mask_texts
    from tests.masking.corpus import build_corpus, score

    samples = build_corpus(n, seed)
    texts = [s.text for s in samples]
    mask_texts(texts[:100])  # warm-up: caches, lazy imports
    start = time.process_time()
    mask_texts(texts)
    cpu = time.process_time() - start
    found = find_personal(texts)
    result = score(samples, [[(r.start, r.end, r.entity_type) for r in rs] for rs in found])
    avg = sum(map(len, texts)) / len(texts)
    print(f"\nGovernment texts (tests/masking/corpus.py, seed {seed}): {len(texts):,} texts of 8 genres,"
          f" average {avg:.0f} characters")
    print(f"  masked (tag) on one core: {len(texts) / cpu:,.0f} texts per CPU-second")
    print(f"\n  | {'entity':<16} | {'gold':>5} | {'recall':>6} | {'precision':>9} |")
    print(f"  |{'-' * 18}|{'-' * 7}|{'-' * 8}|{'-' * 11}|")
    for entity in result.entities():
        print(f"  | {entity:<16} | {result.gold.get(entity, 0):>5} | {result.recall(entity):>6.3f} |"
              f" {result.precision(entity):>9.3f} |")
    print(f"  | {'all':<16} | {sum(result.gold.values()):>5} | {sum(result.found.values()) / sum(result.gold.values()):>6.3f} |"
          f" {result.precision():>9.3f} |")
    print(f"\n  personal characters left unmasked: {result.unmasked_share:.2%}"
          f" ({result.unmasked_chars} of {result.personal_chars:,})")
    print(f"  control texts touched: {result.controls_touched} of {result.controls} ({result.controls_touched_share:.1%})")
    for entity, value, text in result.misses[:examples]:
        print(f"  MISS {entity} {value!r} in {text}")
    for entity, value, text in result.false_finds[:examples]:
        print(f"  FP   {entity} {value!r} in {text}")


def _masking_table(title: str, samples, score, report_lines) -> None:
    """A corpus's issue-18 table: throughput of masking its texts, then its scores."""
    from masking.text import find_personal, mask_texts

    texts = [s.text for s in samples]
    mask_texts(texts[:100])  # warm-up: caches, lazy imports
    start = time.process_time()
    mask_texts(texts)
    cpu = time.process_time() - start
    found = find_personal(texts)
    result = score(samples, [[(r.start, r.end, r.entity_type) for r in rs] for rs in found])
    print(f"\n{title}: {len(texts):,} texts, {result.controls} of them control texts, "
          f"average {sum(map(len, texts)) / len(texts):.0f} characters")
    print(f"  masked (tag) on one core: {len(texts) / cpu:,.0f} texts per CPU-second\n")
    for line in report_lines(result):
        print("  " + line)


def bench_blind(examples: int = 5) -> None:
    """Issue 18's table on the blind corpus of ``tests/masking/blind_corpus.py``."""
    from tests.masking.blind_corpus import BLIND_SEED, build_blind_corpus, report, score

    _masking_table(f"Blind corpus (tests/masking/blind_corpus.py, seed {BLIND_SEED})",
                   build_blind_corpus(), score,
                   lambda result: report(result, misses=max(examples, 5)))


# the held-out corpora (written blind, never tuned on): name -> (module, seed, builder, title)
HELD_OUT = {
    "heldout": ("heldout_corpus", "HELDOUT_SEED", "build_heldout_corpus", "Held-out corpus"),
    "fourth": ("fourth_corpus", "FOURTH_SEED", "build_fourth_corpus", "Fourth corpus"),
    "fifth": ("fifth_corpus", "FIFTH_SEED", "build_fifth_corpus", "Fifth corpus"),
    "sixth": ("sixth_corpus", "SIXTH_SEED", "build_sixth_corpus", "Sixth corpus"),
    "seventh": ("seventh_corpus", "SEVENTH_SEED", "build_seventh_corpus", "Seventh corpus"),
    "eighth": ("eighth_corpus", "EIGHTH_SEED", "build_eighth_corpus", "Eighth corpus"),
}


def bench_held_out(name: str, examples: int = 0) -> None:
    """Issue 18's table on a held-out corpus of ``tests/masking/`` (HELD_OUT)."""
    import importlib

    module_name, seed, builder, title = HELD_OUT[name]
    module = importlib.import_module(f"tests.masking.{module_name}")
    samples = getattr(module, builder)()
    _masking_table(f"{title} (tests/masking/{module_name}.py, seed {getattr(module, seed)})",
                   samples, module.score,
                   lambda result: module.report(result, samples, misses=examples))


def corpus_option(value: str):
    return value if value == "blind" or value in HELD_OUT else int(value)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cells", type=int, default=200_000)
    parser.add_argument("--examples", type=int, default=0, help="print this many misses and false positives per entity")
    parser.add_argument("--prose", default=str(DEFAULT_PROSE),
                        help="a real text without personal data (default: the Foshan regulation beside the docs)")
    parser.add_argument("--corpus", type=corpus_option, default=2000,
                        help="texts of the issue-18 corpus of government texts, or `blind` / `heldout` / `fourth` / `fifth`"
                             " / `sixth` / `seventh` / `eighth`:"
                             " only that corpus's table")
    parser.add_argument("--corpus-seed", type=int, default=1818)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    from masking.analyzer import get_analyzer

    get_analyzer()
    print(f"Analyzer ready in {time.perf_counter() - start:.2f} s (imports included)")
    if args.corpus == "blind":
        return bench_blind(args.examples)
    if args.corpus in HELD_OUT:
        return bench_held_out(args.corpus, args.examples)

    bench_structured(args.cells, args.seed)
    bench_corpus(args.corpus, args.corpus_seed, args.examples)

    corpus = build_corpus(args.records, args.seed)
    texts = [t for t, _, _ in corpus]
    from masking.analyzer import analyze_texts
    from masking.text import mask_texts, resolve_overlaps

    mask_texts(texts[:200])  # warm-up
    start, cpu = time.perf_counter(), time.process_time()
    masked = mask_texts(texts)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    avg_len = sum(map(len, texts)) / len(texts)
    print(f"\nFree text: {len(texts):,} records (average {avg_len:.0f} characters), one process")
    print(f"  analysed and masked: {len(texts) / cpu:,.0f} records per CPU-second"
          f" ({len(texts) / elapsed:,.0f} records/s wall clock, machine shared)")

    found = [resolve_overlaps(r) for r in analyze_texts(texts)]
    tp, fp, fn, covered, gold, fp_ex, fn_ex = evaluate(corpus, found)
    print(f"\n  {'entity':<17} {'gold':>6} {'recall':>8} {'precision':>10} {'leak-free':>10}")
    for entity in sorted(set(gold) | set(fp)):
        g = gold[entity]
        recall = tp[entity] / g if g else float("nan")
        predicted = tp[entity] + fp[entity]
        precision = tp[entity] / predicted if predicted else float("nan")
        leak_free = covered[entity] / g if g else float("nan")
        print(f"  {entity:<17} {g:>6} {recall:>8.3f} {precision:>10.3f} {leak_free:>10.3f}")
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"  {'all':<17} {sum(gold.values()):>6} {all_tp / (all_tp + all_fn):>8.3f} {all_tp / (all_tp + all_fp):>10.3f}"
          f" {sum(covered.values()) / sum(gold.values()):>10.3f}")

    clean = [(t, m) for (t, _, personal), m in zip(corpus, masked) if not personal]
    unchanged = sum(t == m for t, m in clean)
    print(f"\n  texts without personal data: {len(clean)}, unchanged after masking: {unchanged}"
          f" ({'all' if unchanged == len(clean) else 'NOT all'})")
    if args.prose and os.path.exists(args.prose):
        with open(args.prose, encoding="utf-8") as f:
            paragraphs = [line.strip() for line in f if line.strip()]
        changed = [(p, m) for p, m in zip(paragraphs, mask_texts(paragraphs)) if p != m]
        print(f"  real prose without personal data ({os.path.basename(args.prose)}, {len(paragraphs)} paragraphs,"
              f" {sum(map(len, paragraphs)):,} characters): {len(changed)} paragraphs changed")
        for p, m in changed[:args.examples]:
            print(f"  CHANGED {m}")
    if args.examples:
        for entity in sorted(set(fn_ex) | set(fp_ex)):
            for value, text in fn_ex[entity][:args.examples]:
                print(f"  MISS {entity} {value!r} in {text}")
            for value, text in fp_ex[entity][:args.examples]:
                print(f"  FP   {entity} {value!r} in {text}")
        for t, m in [c for c in clean if c[0] != c[1]][:args.examples]:
            print(f"  CHANGED {t} -> {m}")


if __name__ == "__main__":
    main()
