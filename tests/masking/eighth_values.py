"""Values of the eighth corpus: names, numbers and addresses with their hard-case kinds.

Check digits come from ``tests/masking/oracles.py``. Every value is drawn from one seeded
``random.Random`` and one seeded Faker zh_CN, so the corpus is the same for the same seed.
"""
from __future__ import annotations

import datetime
import random
import unicodedata

from faker import Faker

from tests.masking.oracles import REGIONS, credit_check_char, id_check_char, id_valid, luhn_check_digit, \
    org_check_char

RARE_NAMES = ("禤嘉颖", "庹文斌", "靳晓燕", "笪红梅", "佴建国", "甘露", "蒯振华", "麴雅琴", "钭永康", "郗春花",
              "隗新民", "粘素珍", "邴国栋", "旷丽娟", "昝玉兰", "冼卓霖", "逄志强", "覃秋菊", "蓝桂芳", "晏梓萱")
COMPOUND_NAMES = ("欧阳振宇", "司马晓雯", "上官婉清", "诸葛明远", "令狐小芸", "皇甫建军", "澹台静", "公孙浩然",
                  "端木丽华", "东方晨曦", "尉迟国庆", "慕容秀英", "夏侯文杰", "长孙悦", "宇文海燕")
TWO_CHAR_NAMES = ("王芳", "李强", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴娟", "徐斌", "孙悦",
                  "马超", "朱琳", "胡军", "郭婷", "何平", "高翔", "林红", "罗勇")
# (name, kind, home region codes)
MINORITY_NAMES = (
    ("阿卜杜热合曼·吐尔逊", "name_uyghur", ("650102", "653101")),
    ("古丽米拉·艾买提", "name_uyghur", ("653101",)), ("买买提·依明", "name_uyghur", ("650102",)),
    ("努尔兰·哈力别克", "name_kazakh", ("654002",)), ("阿依古丽·托合提", "name_kazakh", ("654002",)),
    ("扎西顿珠", "name_tibetan", ("540102",)), ("次仁卓玛", "name_tibetan", ("540102",)),
    ("格桑拉姆", "name_tibetan", ("540102", "630104")),
    ("阿苦日火", "name_yi", ("513431",)), ("吉克阿依", "name_yi", ("513401", "513431")),
    ("巴特尔", "name_mongolian", ("150102", "152502")), ("其其格", "name_mongolian", ("152502",)),
    ("乌日娜", "name_mongolian", ("150102",)),
    ("龙金花", "name_miao", ("522601", "433101")), ("杨阿妹", "name_miao", ("522601",)),
)
TITLES = ("先生", "女士", "师傅", "老师", "医生", "护士", "主任", "经理", "队长", "科长", "所长", "站长", "阿姨")
HISTORICAL = ("孙中山", "林则徐", "詹天佑", "鲁迅", "郑成功", "康有为", "梁启超", "黄飞鸿", "叶问", "詹姆斯")
ROADS = ("佛平路", "季华五路", "汾江中路", "桂澜北路", "南海大道", "天河北路", "中山二路", "解放西路", "人民南路",
         "建设大道", "和平里三街", "滨江东路", "工业大道", "朝阳北路", "新港西路")
ESTATES = ("碧桂园", "万科城", "保利花园", "金域蓝湾", "翠湖苑", "锦绣华庭", "龙湖天街", "东方明珠花园", "绿地新都会",
           "丽江花园", "金沙湾", "阳光小区")
TOWNS = (("桂城街道", "平洲"), ("大沥镇", "盐步"), ("九江镇", "沙口"), ("西樵镇", "百西"), ("狮山镇", "小塘"),
         ("乐从镇", "腾冲"), ("杏坛镇", "光华"), ("白坭镇", "岗头"))
VILLAGE_SUFFIX = ("村", "社区")
MOBILE_HEADS = ("130", "131", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "166",
                "176", "177", "180", "181", "186", "187", "188", "189", "191", "198", "199")
CARD_BINS = ("622202", "621700", "622848", "621226", "623668", "622588", "621483", "622700", "621799", "625807")
AREA_CODES = ("0757", "020", "0755", "010", "021", "0571", "028", "027")
EMAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com", "aliyun.com")
PINYIN = ("zhang", "wang", "li", "liu", "chen", "huang", "zhou", "wu", "lin", "he", "guo", "luo")


def plain(raw: str) -> str:
    """A number as digits: full-width read as ASCII, blanks, hyphens and line breaks dropped."""
    flat = unicodedata.normalize("NFKC", raw)
    return "".join(c for c in flat if c not in " \u3000-\n·").upper()


class Values:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    # ------------------------------------------------------------------ helpers
    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def date(self, start=2024, end=2026) -> str:
        d = datetime.date(start, 1, 1) + datetime.timedelta(days=self.rng.randrange((end - start) * 365))
        return f"{d.year}年{d.month}月{d.day}日"

    def amount(self) -> str:
        return f"{self.rng.randrange(20, 9000)}.{self.rng.randrange(100):02d}元"

    # ------------------------------------------------------------------ names
    def name(self, kind: str | None = None) -> tuple:
        """(name, kind); kind chosen by weight unless given."""
        if kind is None:
            r = self.rng.random()
            kind = ("name_common" if r < 0.55 else "name_rare" if r < 0.67 else "name_compound" if r < 0.76
                    else "name_two_char" if r < 0.88 else "minority")
        if kind == "name_common":
            n = self.fake.name()
            while "某" in n or n in HISTORICAL:
                n = self.fake.name()
            return n, kind
        if kind == "name_rare":
            return self.pick(RARE_NAMES), kind
        if kind == "name_compound":
            return self.pick(COMPOUND_NAMES), kind
        if kind == "name_two_char":
            return self.pick(TWO_CHAR_NAMES), kind
        n, k, _ = self.pick(MINORITY_NAMES)
        return n, k

    def minority(self) -> tuple:
        """(name, kind, region) of a minority person, the region one of their home."""
        n, k, regions = self.pick(MINORITY_NAMES)
        return n, k, self.pick(regions)

    def title_name(self) -> str:
        return self.fake.last_name()[:1] + self.pick(TITLES)

    # ------------------------------------------------------------------ ID numbers
    def id_body(self, region: str | None = None, old: bool = False) -> str:
        region = region or self.pick(sorted(REGIONS))
        year = self.rng.randrange(1935, 1984) if old else self.rng.randrange(1940, 2020)
        born = datetime.date(year, 1, 1) + datetime.timedelta(days=self.rng.randrange(365))
        seq = self.digits(3)
        if old:
            return f"{region}{born:%y%m%d}{seq}"
        return f"{region}{born:%Y%m%d}{seq}"

    def id_number(self, kind: str = "id", region: str | None = None) -> str:
        if kind == "id_15":
            return self.id_body(region, old=True)
        body = self.id_body(region)
        check = id_check_char(body)
        if kind == "id_x":
            while check != "X":
                body = self.id_body(region)
                check = id_check_char(body)
        elif kind == "id_wrong_check":
            check = self.pick([c for c in "0123456789X" if c != check])
        value = body + check
        if kind == "id_full":
            return value.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
        if kind == "id_space":
            return f"{value[:6]} {value[6:14]} {value[14:]}"
        if kind == "id_linebreak":
            return f"{value[:10]}\n{value[10:]}"
        return value

    def any_id(self) -> tuple:
        kind = self.pick(("id", "id", "id", "id", "id_x", "id_15", "id_full", "id_space", "id_wrong_check",
                         "id_linebreak"))
        return self.id_number(kind), kind

    def masked_id(self) -> str:
        v = self.id_number()
        return v[:6] + "********" + v[14:]

    # ------------------------------------------------------------------ phones
    def mobile_core(self) -> str:
        return self.pick(MOBILE_HEADS) + self.digits(8)

    def mobile(self, kind: str | None = None) -> tuple:
        """(prefix, value, kind): the prefix (+86) lies outside the core."""
        kind = kind or self.pick(("mobile",) * 5 + ("mobile_plus86", "mobile_space", "mobile_hyphen", "mobile_full",
                                                  "mobile_linebreak"))
        m = self.mobile_core()
        if kind == "mobile_plus86":
            return self.pick(("+86", "+86 ", "+86-")), m, kind
        if kind == "mobile_space":
            return "", f"{m[:3]} {m[3:7]} {m[7:]}", kind
        if kind == "mobile_hyphen":
            return "", f"{m[:3]}-{m[3:7]}-{m[7:]}", kind
        if kind == "mobile_full":
            return "", m.translate(str.maketrans("0123456789", "０１２３４５６７８９")), kind
        if kind == "mobile_linebreak":
            return "", f"{m[:7]}\n{m[7:]}", kind
        return "", m, kind

    def masked_mobile(self) -> str:
        m = self.mobile_core()
        return m[:3] + "****" + m[7:]

    def landline(self, kind: str | None = None) -> tuple:
        """(value, extension, kind): the extension lies outside the core."""
        kind = kind or self.pick(("landline", "landline", "landline_no_area", "landline_ext"))
        number = self.pick("2345678") + self.digits(7)
        area = self.pick(AREA_CODES)
        if kind == "landline_no_area":
            return number, "", kind
        if kind == "landline_ext":
            return f"{area}-{number}", f"转{self.digits(3)}", kind
        return self.pick((f"{area}-{number}", f"{area}{number}", f"({area}){number}")), "", kind

    def public_phone(self) -> str:
        return f"{self.pick(AREA_CODES)}-{self.pick('2345678')}{self.digits(7)}"

    # ------------------------------------------------------------------ cards and codes
    def card(self, kind: str | None = None) -> tuple:
        kind = kind or self.pick(("card_16", "card_19", "card_19", "card_4_4_4_4", "card_4_4_4_4_3", "card_6_13",
                                  "card_hyphen"))
        length = {"card_16": 16, "card_4_4_4_4": 16, "card_hyphen": 16}.get(kind, 19)
        body = self.pick(CARD_BINS) + self.digits(length - 7)
        v = body + luhn_check_digit(body)
        if kind == "card_4_4_4_4":
            v = " ".join(v[i:i + 4] for i in range(0, 16, 4))
        elif kind == "card_4_4_4_4_3":
            v = " ".join(v[i:i + 4] for i in range(0, 19, 4))
        elif kind == "card_6_13":
            v = f"{v[:6]} {v[6:]}"
        elif kind == "card_hyphen":
            v = "-".join(v[i:i + 4] for i in range(0, 16, 4))
        return v, kind

    def non_luhn_run(self, n: int = 19) -> str:
        body = self.digits(n - 1)
        return body + str((int(luhn_check_digit(body)) + 1 + self.rng.randrange(9)) % 10)

    def credit(self, head: str = "91") -> str:
        org = "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
        org += org_check_char(org)
        body = head + self.pick(sorted(REGIONS)) + org
        return body + credit_check_char(body)

    def passport(self, kind: str | None = None) -> tuple:
        kind = kind or self.pick(("passport_E8", "permit_H8", "permit_C8"))
        letter = {"passport_E8": "E", "permit_H8": "H", "permit_C8": "C"}[kind]
        return letter + self.digits(8), kind

    def plate(self) -> str:
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        tail = "".join(self.rng.choice(letters + "0123456789" * 2) for _ in range(5))
        return self.pick("粤京沪浙苏川湘鄂豫鲁") + self.rng.choice("ABCDEFGHJ") + tail

    def email(self) -> str:
        user = self.pick(PINYIN) + self.pick(("", ".", "_")) + self.pick(PINYIN) + str(self.rng.randrange(10, 9999))
        return f"{user}@{self.pick(EMAIL_DOMAINS)}"

    def qq_email(self) -> str:
        return f"{self.rng.randrange(10000000, 3999999999)}@qq.com"

    # ------------------------------------------------------------------ addresses (below the town)
    def address(self, kind: str | None = None) -> tuple:
        kind = kind or self.pick(("address_road", "address_room", "address_room", "address_village", "address_split"))
        road = self.pick(ROADS)
        no = self.rng.randrange(1, 399)
        if kind == "address_road":
            return f"{road}{no}号", kind
        if kind == "address_village":
            town, village = self.pick(TOWNS)
            return f"{town}{village}{self.pick(VILLAGE_SUFFIX)}{self.rng.randrange(1, 12)}队{self.rng.randrange(1, 80)}号", kind
        room = f"{self.rng.randrange(1, 33)}{self.rng.randrange(1, 6):02d}室"
        building = f"{self.rng.randrange(1, 30)}栋"
        if kind == "address_split":
            return f"{road}{no}号{self.pick(ESTATES)}\n{building}{room}", kind
        return f"{road}{no}号{self.pick(ESTATES)}{building}{room}", kind

    def office_address(self) -> str:
        return f"{self.pick(ROADS)}{self.rng.randrange(1, 300)}号"

    # ------------------------------------------------------------------ look-alike numbers
    def order_no(self) -> str:
        return self.pick(("SF", "YT", "JD", "ZT", "")) + self.digits(self.rng.randrange(12, 16))

    def serial_18(self) -> str:
        """18 digits whose 'month' is 13-99, so no birth date."""
        while True:
            v = "2025" + self.digits(6) + str(self.rng.randrange(13, 99)) + self.digits(6)
            if not id_valid(v):
                return v
