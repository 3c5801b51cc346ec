"""Values for the blind corpus (``blind_corpus.py``): synthetic people, identifiers with their
own check digits, addresses in free wording, and the non-personal look-alikes beside them.

Written without reading ``masking/`` or the other corpus: the check digits are computed here
from the standards (GB 11643, GB 32100 with GB 11714, Luhn), so that a disagreement with the
library shows up as a miss rather than being copied into the gold.

Every personal value is a list of segments ``(text, entity, kind, core)``: ``entity`` is None
for text that is not personal, ``core`` the part (start, end) that must be masked (a ``+86`` or
the province before a street may stay), ``kind`` names the hard case for the table of misses.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Optional, Tuple

from faker import Faker

Segment = Tuple[str, Optional[str], str, Optional[Tuple[int, int]]]

# --- check digits, from the standards --------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def org_check(body8: str) -> str:
    """GB 11714: the organisation code's ninth character."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_check(first17: str) -> str:
    c = 31 - sum(CREDIT_CHARS.index(ch) * w for ch, w in zip(first17, CREDIT_WEIGHTS)) % 31
    return CREDIT_CHARS[0 if c == 31 else c]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_complete(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


# --- word lists (our own) ---------------------------------------------------------------------

COMMON_SURNAMES = "陈李黄张梁刘林何吴罗王郑谢周杨叶朱邓冯苏潘卢蔡曾胡彭钟徐郭许江赖袁严余唐麦关陆莫温邹孔"
RARE_SURNAMES = "禤笪冼区岑邝植佘覃揭甘谭凌缪暨练邵霍敖"
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "令狐", "尉迟", "诸葛", "司徒", "端木", "皇甫", "公孙", "慕容", "夏侯"]
GIVEN_MALE = "伟强军志明永健国华俊杰浩宇文辉子豪家乐锦荣耀祖汉威嘉炜振东建新德昌灿基达兴"
GIVEN_FEMALE = "丽娜敏静芳燕玲婷秀英美霞佩仪晓雯嘉欣淑贞惠琼玉凤翠萍慧颖诗琪雪梅月桂宝珠"
# given names that are also words, and whole names that read as words
WORD_NAMES = ["江山", "高山", "王府", "田野", "石磊", "黄河", "白云", "方圆", "常青", "金鑫", "夏天", "马力",
              "林海", "向前", "钱程", "严明", "杨帆", "陈述", "钟情", "安康", "华夏", "龙飞", "温暖", "彭湃"]
MINORITY_FIRST = ["阿依古丽", "热依拉", "古丽娜尔", "买买提江", "艾克拜尔", "迪丽娜尔", "帕丽旦", "努尔兰",
                  "阿不都热合曼", "如克亚", "吐尔洪", "阿力木", "米日古丽", "依力哈木"]
MINORITY_SECOND = ["买买提", "艾力", "吐尔逊", "阿不都", "米吉提", "阿布拉", "吾斯曼", "哈森", "热合曼", "依明", "托合提"]
UNDOTTED_MINORITY = ["扎西顿珠", "次仁卓玛", "阿西木呷", "格桑拉姆", "尼玛次仁", "曲比阿果"]

TITLES = ["先生", "女士", "主任", "科长", "师傅", "老师", "阿姨", "经理", "所长", "医生"]
PSEUDONYMS = ["张某某", "李某", "王某甲", "陈某乙", "黄某", "刘某某", "梁某", "何某某", "区某", "欧阳某"]
HISTORICAL = ["孙中山", "康有为", "黄飞鸿", "叶问", "詹天佑", "梁启超", "陈启沅", "吴趼人", "陈铁军", "冼夫人", "邓世昌", "袁崇焕"]

# 佛山: district -> (towns/streets, roads, estates, villages)
FOSHAN = {
    "禅城区": (["祖庙街道", "石湾镇街道", "张槎街道", "南庄镇"],
            ["祖庙路", "升平路", "福宁路", "建新路", "锦华路", "绿景一路", "魁奇二路", "文华中路", "同济西路", "卫国路", "季华五路"],
            ["岭南天地", "金色家园", "绿景花园", "保利中央公馆"], ["罗格村", "紫洞村", "吉利村"]),
    "南海区": (["桂城街道", "大沥镇", "里水镇", "狮山镇", "西樵镇", "九江镇", "丹灶镇"],
            ["海五路", "海八路", "桂澜北路", "南海大道北", "灯湖东路", "南桂东路", "广佛路", "黄岐海北路", "广云路", "樵金路"],
            ["保利花园", "中海千灯湖花园", "万科金色领域", "怡翠玫瑰园", "雅瑶绿洲"], ["良教村", "沙头村", "联表村", "太平村"]),
    "顺德区": (["大良街道", "容桂街道", "伦教街道", "北滘镇", "陈村镇", "乐从镇", "龙江镇", "杏坛镇", "均安镇"],
            ["凤山中路", "清晖路", "德和路", "容奇大道", "桂洲大道", "跃进路", "三乐路", "乐从大道", "龙峰大道", "佛陈路"],
            ["碧桂园翠云山", "美的翰城", "金榜花园", "顺德新城"], ["金榜社区", "马东村", "勒北村", "逢简村"]),
    "三水区": (["西南街道", "云东海街道", "白坭镇", "乐平镇", "芦苞镇", "大塘镇"],
            ["广海大道", "张边路", "健力宝南路", "三水大道", "西青大道"],
            ["恒福水韵尚都", "碧桂园天玺湾"], ["岗头村", "独树岗村", "大布村"]),
    "高明区": (["荷城街道", "杨和镇", "明城镇", "更合镇"],
            ["中山路", "沧江路", "文华路", "荷富路", "江湾路"],
            ["美的西海岸", "天富名园"], ["对川村", "罗稿村", "明城村"]),
}
OTHER_PLACES = [  # 户籍 of people who moved to 佛山: province/city/county, then town and village
    ("湖南省衡阳市衡南县", "茶市镇", "茶市村"), ("广西壮族自治区玉林市博白县", "东平镇", "安仁村"),
    ("广东省湛江市廉江市", "石城镇", "山底村"), ("江西省赣州市于都县", "银坑镇", "平安村"),
    ("四川省南充市仪陇县", "马鞍镇", "长梁村"), ("广东省梅州市兴宁市", "叶塘镇", "河西村"),
    ("新疆维吾尔自治区喀什地区疏附县", "托克扎克镇", "阿亚格曼干村"), ("广东省茂名市信宜市", "镇隆镇", "八坊村"),
]
OTHER_CITY_STREETS = [("广东省广州市天河区", "天河北路", "中信广场"), ("广州市海珠区", "江南大道中", "金碧花园"),
                      ("深圳市南山区", "科技南路", "海岸城"), ("广东省江门市蓬江区", "建设路", "东湖花园")]
ID_AREAS = ["440604", "440605", "440606", "440607", "440608", "440681", "440682", "440103", "440106", "440304",
            "440783", "441881", "445202", "440823", "430422", "450923", "360731", "511324", "441481", "653121"]
CARD_BINS = {19: ["622202", "621226", "622848", "621700", "622700", "621661", "622262", "623058", "621799"],
             16: ["622588", "621483", "625965", "436742", "512425", "622155"], 18: ["622908"], 17: ["621283"]}
MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151",
                   "152", "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181",
                   "182", "183", "185", "186", "187", "188", "189", "191", "193", "195", "198", "199"]
BANKS = ["中国工商银行佛山分行", "中国农业银行南海支行", "中国建设银行顺德大良支行", "佛山农村商业银行",
         "招商银行佛山分行", "中国银行三水支行", "广东顺德农村商业银行", "交通银行佛山分行"]


def capital_yuan(n: int) -> str:
    """An amount below 10,000 yuan in the capital numerals of receipts and decisions: 伍仟贰佰元整."""
    numerals = "零壹贰叁肆伍陆柒捌玖"
    parts = [numerals[n // 1000] + "仟" if n >= 1000 else "", numerals[n // 100 % 10] + "佰" if n // 100 % 10 else ""]
    return "".join(parts) + "元整"


class Values:
    """Random values for one corpus: all randomness from one seeded generator."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def pick(self, seq):
        return self.r.choice(seq)

    # --- people -----------------------------------------------------------------------------

    def person(self) -> Tuple[str, str]:
        """(name, kind of name)."""
        r, roll = self.r, self.r.random()
        male = r.random() < 0.5
        given_pool = GIVEN_MALE if male else GIVEN_FEMALE
        given = "".join(r.choice(given_pool) for _ in range(1 if r.random() < 0.25 else 2))
        if roll < 0.28:
            return self.fake.name_male() if male else self.fake.name_female(), "Faker name"
        if roll < 0.62:
            return r.choice(COMMON_SURNAMES) + given, "common surname" if len(given) == 2 else "two-character name"
        if roll < 0.77:
            return r.choice(RARE_SURNAMES) + given, "rare surname"
        if roll < 0.85:
            return r.choice(COMPOUND_SURNAMES) + given, "compound surname"
        if roll < 0.92:
            return r.choice(WORD_NAMES), "name that is a word"
        if roll < 0.98:
            return f"{r.choice(MINORITY_FIRST)}·{r.choice(MINORITY_SECOND)}", "name with a middle dot"
        return r.choice(UNDOTTED_MINORITY), "minority name without surname"

    def title_person(self) -> str:
        """A surname and a title: no one is identified."""
        return self.r.choice(COMMON_SURNAMES + RARE_SURNAMES) + self.r.choice(TITLES)

    # --- identifiers --------------------------------------------------------------------------

    def birth(self, young: bool = False) -> dt.date:
        lo, hi = (dt.date(2008, 1, 1), dt.date(2023, 12, 31)) if young else (dt.date(1938, 1, 1), dt.date(2006, 12, 31))
        return lo + dt.timedelta(days=self.r.randint(0, (hi - lo).days))

    def id_number(self, born: Optional[dt.date] = None) -> str:
        born = born or self.birth()
        first17 = self.pick(ID_AREAS) + born.strftime("%Y%m%d") + self.digits(3)
        return first17 + id_check(first17)

    def id_written(self) -> Segment:
        n, r = self.id_number(), self.r
        roll = r.random()
        if n.endswith("X") and r.random() < 0.4:
            n = n[:-1] + "x"
        if roll < 0.45:
            return (n, "CN_ID_NUMBER", "18 digits", None)
        forms = [
            (f"{n[:6]} {n[6:14]} {n[14:]}", "grouped 6-8-4 with spaces"),
            (f"{n[:6]}-{n[6:14]}-{n[14:]}", "grouped 6-8-4 with hyphens"),
            (" ".join(n[i:i + 4] for i in range(0, 18, 4)), "grouped by four"),
            (f"{n[:3]} {n[3:6]} {n[6:10]} {n[10:14]} {n[14:]}", "grouped 3-3-4-4-4"),
            ("".join(chr(ord(c) + 0xFEE0) for c in n), "full-width digits"),
            (f"{n[:6]}　{n[6:14]}　{n[14:]}", "grouped with ideographic spaces"),
        ]
        text, kind = r.choice(forms)
        return (text, "CN_ID_NUMBER", kind, None)

    def id15(self) -> str:
        born = self.birth()
        while born.year >= 2000:
            born = self.birth()
        return self.pick(ID_AREAS) + born.strftime("%y%m%d") + self.digits(3)

    def wrong_check_id(self) -> str:
        """18 digits with a real area and birth date and a check digit that fails."""
        first17 = self.pick(ID_AREAS) + self.birth().strftime("%Y%m%d") + self.digits(3)
        right = id_check(first17)
        return first17 + self.pick([c for c in "0123456789" if c != right])

    def mobile(self) -> str:
        return self.pick(MOBILE_PREFIXES) + self.digits(8)

    def mobile_written(self) -> Segment:
        m, r = self.mobile(), self.r
        if r.random() < 0.5:
            return (m, "CN_MOBILE", "11 digits", None)
        prefix, body, kind = r.choice([
            ("+86 ", m, "+86 and a space"), ("+86-", m, "+86 and a hyphen"), ("0086-", m, "0086"),
            ("(+86)", m, "(+86) in brackets"), ("（+86）", f"{m[:3]}-{m[3:7]}-{m[7:]}", "(+86) and hyphens"),
            ("", f"{m[:3]}-{m[3:7]}-{m[7:]}", "3-4-4 with hyphens"), ("", f"{m[:3]} {m[3:7]} {m[7:]}", "3-4-4 with spaces"),
            ("+86 ", f"{m[:3]} {m[3:7]} {m[7:]}", "+86 and 3-4-4 spaces"), ("", f"{m[:3]}-{m[3:]}", "3-8 with a hyphen"),
        ])
        return (prefix + body, "CN_MOBILE", kind, (len(prefix), len(prefix) + len(body)))

    def landline_written(self) -> Segment:
        local = self.pick("2345678") + self.digits(7)
        area = self.pick(["0757"] * 4 + ["020", "0760", "0750"])
        forms = [
            (f"{area}-{local}", "area-number"), (f"({area}){local}", "(area)number"), (f"（{area}）{local}", "（area）number"),
            (f"{area}-{local[:4]} {local[4:]}", "area-4 4"), (f"{area} {local}", "area space number"),
            (f"（{area}）{local[:4]}-{local[4:]}", "（area）4-4"),
        ]
        text, kind = self.pick(forms)
        start = 1 if text[0] in "(（" else 0
        return (text, "CN_LANDLINE", kind, (start, len(text)))

    def card_number(self, length: Optional[int] = None) -> str:
        length = length or self.pick([19, 19, 19, 16, 16, 18, 17])
        prefix = self.pick(CARD_BINS[length])
        return luhn_complete(prefix + self.digits(length - len(prefix) - 1))

    def card_written(self) -> Segment:
        c = self.card_number()
        groups = {
            "continuous": c,
            "groups of four": " ".join(c[i:i + 4] for i in range(0, len(c), 4)),
            "groups of four, hyphens": "-".join(c[i:i + 4] for i in range(0, len(c), 4)),
            "6 then the rest": f"{c[:6]} {c[6:]}",
        }
        if len(c) == 19:
            groups["6-13"] = f"{c[:6]} {c[6:]}"
            groups["4-4-4-4-3"] = f"{c[:4]} {c[4:8]} {c[8:12]} {c[12:16]} {c[16:]}"
        kind = self.pick(sorted(groups))
        return (groups[kind], "CN_BANK_CARD", f"{len(c)} digits, {kind}", None)

    def credit_code(self, category: str = "91") -> str:
        r = self.r
        if r.random() < 0.7:
            body8 = "MA" + "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
        else:
            body8 = self.digits(8)
        area = self.pick(["440604", "440605", "440606", "440607", "440608", "440600"])
        first17 = category + area + body8 + org_check(body8)
        return first17 + credit_check(first17)

    def wrong_credit_code(self) -> str:
        code = self.credit_code()
        return code[:17] + self.pick([c for c in CREDIT_CHARS if c != code[17]])

    def passport(self) -> Segment:
        kind = self.pick(["E", "G", "EA"])
        value = "E" + self.pick("ABCDEFGHJK") + self.digits(7) if kind == "EA" else kind + self.digits(8)
        return (value, "CN_PASSPORT", "passport " + ("E + letter + 7" if kind == "EA" else kind + " + 8 digits"), None)

    def hk_macao_permit(self) -> Segment:
        return ("C" + self.digits(8), "CN_PASSPORT", "港澳通行证 C + 8 digits", None)

    def email(self) -> Segment:
        user = self.pick([self.fake.user_name(), self.digits(self.r.randint(6, 10)), self.fake.user_name() + self.digits(2)])
        domain = self.pick(["qq.com", "qq.com", "163.com", "126.com", "foxmail.com", "139.com", "sina.com", "gmail.com"])
        return (f"{user}@{domain}", "EMAIL_ADDRESS", "private e-mail " + domain, None)

    def plate(self) -> Segment:
        city = self.pick("EEEEAXYB")
        roll = self.r.random()
        if roll < 0.3:
            body, kind = self.digits(5), "five digits"
        elif roll < 0.6:
            body, kind = self.pick("ABCDFGHJKL") + self.digits(4), "letter and four digits"
        else:
            body, kind = self.pick("DF") + self.digits(5), "new-energy"
        sep = self.pick(["", "·", "", " "])
        return (f"粤{city}{sep}{body}", "CN_LICENSE_PLATE", "plate, " + kind + (" with a dot" if sep == "·" else ""), None)

    # --- addresses ----------------------------------------------------------------------------

    def foshan_address(self) -> Segment:
        """A 佛山 address as people write it: the head (province ... town) may stay, the rest may not."""
        r = self.r
        district = self.pick(sorted(FOSHAN))
        towns, roads, estates, villages = FOSHAN[district]
        head = self.pick(["广东省佛山市", "佛山市", "", "佛山市", "广东省佛山市"]) + district
        if r.random() < 0.7:
            head += self.pick(towns)
        style = r.random()
        if style < 0.45:
            detail = f"{self.pick(roads)}{r.randint(1, 388)}号"
            tail = r.random()
            if tail < 0.35:
                detail += f"{self.pick(estates)}{r.randint(1, 28)}座{r.randint(1, 4)}单元{r.randint(1, 32)}{r.randint(1, 6):02d}房"
                kind = "road, estate, block, unit, room"
            elif tail < 0.55:
                detail += f"{r.randint(1, 18)}栋{r.randint(1, 33)}{r.randint(1, 8):02d}室"
                kind = "road, building, room"
            elif tail < 0.7:
                detail += f"之{self.pick('一二三')}"
                kind = "number 之一"
            elif tail < 0.8:
                detail += f"{r.randint(1, 9)}号楼{r.randint(1, 6)}{r.randint(1, 9):02d}"
                kind = "号楼 and a bare room number"
            else:
                kind = "road and number"
        elif style < 0.65:
            village = self.pick(villages)
            detail = village + (self.pick(["委会", ""]) if village.endswith("村") else self.pick(["居委会", ""]))
            detail += self.pick([f"{self.pick('东南西北')}坊{r.randint(1, 9)}巷{r.randint(1, 30)}号",
                                 f"{self.pick('一二三四五六七八九十')}组{r.randint(1, 80)}号",
                                 f"{self.pick(['上村', '新屋', '石头', '岗头'])}村民小组{r.randint(1, 60)}号",
                                 f"{self.pick(['大街', '中约', '北约'])}{r.randint(1, 40)}号之{self.pick('一二')}"])
            kind = "village, group, lane"
        elif style < 0.8:
            detail = f"{self.pick(estates)}{r.randint(1, 30)}座{r.randint(1, 33)}{r.randint(1, 6):02d}"
            kind = "estate and block without a road"
        elif style < 0.9:
            detail = f"{self.pick(['升平路仁寿里', '福贤路二巷', '早市大街', '松风路三弄', '莲花巷', '东华里'])}{r.randint(1, 40)}号"
            kind = "old street, 巷/弄/里"
        else:
            detail = f"{self.pick(roads)}{r.randint(1, 200)}号{self.pick(['', '', '之一'])}"
            floor = self.pick(["首层", "二楼", "铺位", "首层之二铺"])  # the floor of a shop says little of whose it is
            return (head + detail + floor, "CN_ADDRESS", "shop front", (len(head), len(head + detail)))
        return (head + detail, "CN_ADDRESS", kind, (len(head), len(head + detail)))

    def other_address(self) -> Segment:
        r = self.r
        if r.random() < 0.5:
            county, town, village = self.pick(OTHER_PLACES)
            detail = f"{village}{self.pick(['', '委会'])}{r.randint(1, 12)}组{r.randint(1, 99)}号"
            return (county + town + detail, "CN_ADDRESS", "village outside 佛山", (len(county + town), len(county + town + detail)))
        head, road, estate = self.pick(OTHER_CITY_STREETS)
        detail = f"{road}{r.randint(1, 400)}号{estate}{r.randint(1, 12)}栋{r.randint(2, 30)}0{r.randint(1, 8)}房"
        return (head + detail, "CN_ADDRESS", "another city", (len(head), len(head + detail)))

    def address(self) -> Segment:
        return self.other_address() if self.r.random() < 0.2 else self.foshan_address()

    def gov_address(self) -> str:
        district = self.pick(sorted(FOSHAN))
        towns, roads, _, _ = FOSHAN[district]
        return f"佛山市{district}{self.pick(roads)}{self.r.randint(1, 200)}号"

    # --- not personal -------------------------------------------------------------------------

    def date(self) -> str:
        d = dt.date(2025, 6, 1) + dt.timedelta(days=self.r.randint(0, 400))
        return self.pick([f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.year}.{d.month:02d}.{d.day:02d}"])

    def date_cn(self) -> str:
        numerals = "〇一二三四五六七八九"
        d = dt.date(2026, 1, 1) + dt.timedelta(days=self.r.randint(0, 300))
        tens = lambda n: ("十" if n == 10 else f"十{numerals[n % 10]}" if n < 20 else f"{numerals[n // 10]}十{numerals[n % 10] if n % 10 else ''}") if n >= 10 else numerals[n]  # noqa: E731
        return f"二〇二六年{tens(d.month)}月{tens(d.day)}日"

    def datetime(self) -> str:
        return f"{self.date()} {self.r.randint(7, 22):02d}:{self.r.randint(0, 59):02d}"

    def amount(self) -> str:
        r = self.r
        if r.random() < 0.12:
            n = r.randint(1, 99) * 100
            return f"人民币{capital_yuan(n)}（¥{n:,}.00）"
        return self.pick([f"{r.randint(200, 90000)}元", f"人民币{r.randint(1, 99)},{r.randint(100, 999)}.00元",
                          f"{r.randint(1, 50)}.{r.randint(1, 9)}万元", f"{r.randint(100, 3000)}元/月"])

    def case_no(self) -> str:
        return f"（{self.pick(['2025', '2026'])}）粤{self.pick(['0604', '0605', '0606', '0607', '0608', '06'])}" \
               f"{self.pick(['民初', '民终', '民初', '执'])}{self.r.randint(1, 19999)}号"

    def doc_no(self) -> str:
        return f"{self.pick(['佛南市监罚', '佛顺应急罚', '佛禅城管罚', '佛府办函', '南府', '佛人社发', '佛三卫罚'])}〔2026〕{self.r.randint(1, 999)}号"

    def gov_phone(self) -> str:
        local = "8" + self.digits(7)
        return self.pick([f"0757-{local}", f"（0757）{local}", f"0757-{local[:4]}{local[4:]}", f"(0757){local}"])

    def gov_email(self) -> str:
        return f"{self.pick(['nhsjj', 'fsrsj', 'sdmzj', 'ccqxfb', 'gmzjj', 'ssqjyj', 'fs12345'])}@" \
               f"{self.pick(['foshan.gov.cn', 'nanhai.gov.cn', 'shunde.gov.cn', 'gd.gov.cn'])}"

    def gov_account(self) -> str:
        """A public body's account as printed in a notice: not a card, whatever its check digit."""
        return self.pick(["44050166" + self.digits(12), "2013" + self.digits(15), "44-" + self.digits(15),
                          "80020000" + self.digits(11), "7353" + self.digits(12)])

    def non_id_run(self) -> str:
        return self.pick([self.wrong_check_id(), "9" + self.digits(17), "2026" + self.digits(14)])
