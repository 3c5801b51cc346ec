"""Values for the held-out masking corpus: personal values with their gold kind, look-alikes.

Written for issue 18 without reading ``masking/`` or the other corpora. Check digits are
computed here from the standards (GB 11643 ID numbers, GB 32100 credit codes with their
GB 11714 organisation code, Luhn for cards), not borrowed from the code under test.
A ``Val`` is one slot of a template: its text, the entity it is gold for (``None`` for a
look-alike that must stay), the core that must be covered (offsets inside the text; the
number without ``+86``, an address below its town) and a ``kind`` naming the hard case.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Optional

from faker import Faker


@dataclass(frozen=True)
class Val:
    text: str
    entity: Optional[str] = None  # None: a look-alike, not personal
    kind: str = ""
    core: Optional[tuple] = None  # (start, end) inside text; None: all of it


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id_valid(number: str) -> bool:
    return len(number) == 18 and number[:17].isdigit() and id_check(number[:17]) == number[17].upper()


def org_check(body8: str) -> str:
    value = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS))
    c9 = 11 - value % 11
    return {10: "X", 11: "0"}.get(c9, str(c9))


def credit_check(first17: str) -> str:
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def credit_valid(code: str) -> bool:
    return len(code) == 18 and all(c in CREDIT_CHARS for c in code) and credit_check(code[:17]) == code[17]


def luhn_digit(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:  # these get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return number.isdigit() and luhn_digit(number[:-1]) == number[-1]


FULL = str.maketrans("0123456789Xx-", "０１２３４５６７８９ＸＸ－")

REGIONS = ["440604", "440605", "440606", "440607", "440608", "440103", "440106", "440304",
           "441302", "445302", "441702", "450102", "430104", "360102", "510107", "350203",
           "652801", "540102", "150102", "130102", "420106", "610113", "441900", "445102"]
CARD_BINS = [("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("623058", 19),
             ("622262", 19), ("436742", 16), ("625965", 16), ("621226", 19), ("601382", 19),
             ("622700", 19), ("628288", 16), ("622908", 19), ("621483", 16), ("621799", 19)]
MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145",
                   "147", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
                   "170", "173", "175", "176", "177", "178", "180", "181", "182", "183", "185",
                   "186", "187", "188", "189", "191", "193", "195", "198", "199"]

COMMON_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
                       "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
                       "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
RARE_SURNAMES = list("禤笪冼区麦岑佘邝伍谌仉缪靳蓝植湛招邬晏巫阙庞揭仇滕凌祁冉粟豆檀逯郦蒯")
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "端木", "皇甫", "万俟", "诸葛", "司徒", "公孙",
                     "尉迟", "长孙", "夏侯", "慕容", "令狐", "澹台", "南宫", "东方", "独孤", "宇文"]
PLAIN_GIVEN = ["晓东", "文华", "嘉怡", "梓轩", "子涵", "雨桐", "俊杰", "慧敏", "锦荣", "焕彬",
               "淑仪", "佩珊", "绮雯", "卓霖", "家豪", "颖欣", "伟棠", "志明", "美玲", "少芬",
               "浩然", "思琪", "宇航", "欣怡", "炳坤", "润发", "碧琼", "永健", "国栋", "婉婷"]
WORD_GIVEN = ["建国", "海燕", "志强", "春花", "国庆", "红梅", "建军", "和平", "胜利", "光明",
              "文明", "建华", "国强", "卫东", "爱国", "向阳", "永红", "丽华", "海波", "长江",
              "海洋", "平安", "富贵", "金凤", "彩霞", "春燕", "秋菊", "冬梅", "美丽", "新华",
              "振华", "小红", "天明", "东风", "解放", "援朝", "跃进", "红军", "秀英", "桂兰"]
SINGLE_GIVEN = list("伟敏静丽强磊军洋勇艳杰涛明超霞平刚鹏芳娟斌浩婷琳峰")
UYGHUR_GIVEN = ["买买提", "阿依古丽", "艾尔肯", "古丽米拉", "热合曼", "帕提古丽", "努尔艾力",
                "迪丽努尔", "阿卜杜拉", "吐尔洪", "麦合木提", "米日古丽", "依明江", "祖力皮亚"]
UYGHUR_FATHER = ["吐尔逊", "艾买提", "阿不都热依木", "买买提明", "托乎提", "吾斯曼", "阿布力孜",
                 "热合曼", "司马义", "肉孜", "玉素甫", "克里木"]
TIBETAN_PARTS = ["扎西", "次仁", "顿珠", "卓玛", "尼玛", "达瓦", "格桑", "拉姆", "央金", "旺堆",
                 "普布", "平措", "措姆", "曲珍", "多吉", "德吉", "洛桑", "边巴"]
MONGOL_NAMES = ["巴特尔", "乌云其木格", "额尔敦巴雅尔", "斯琴图雅", "哈斯朝鲁", "苏日娜", "孟和",
                "那仁格日勒", "宝音德力格尔", "阿拉坦仓", "敖登高娃", "朝鲁门"]
DOTS = ["·", "·", "•", ".", "・", ""]

# Not personal data, each for its own reason (see heldout_corpus's docstring).
PSEUDONYMS = ["张某某", "李某", "王某某", "陈某", "刘某甲", "黄某乙", "梁某某", "何某", "欧阳某某", "冼某"]
TITLES = ["李先生", "王女士", "陈小姐", "张阿姨", "黄伯", "刘师傅", "梁生", "何姐", "周老师", "林医生"]
HISTORICAL = ["康有为", "黄飞鸿", "叶问", "陈启沅", "詹天佑", "梁启超", "孙中山", "李小龙", "邓世昌",
              "林则徐", "雷锋", "焦裕禄", "袁隆平", "钟南山", "冼星海", "何香凝", "邝露", "吴趼人"]

FOSHAN = {
    "禅城区": (["祖庙街道", "石湾镇街道", "张槎街道", "南庄镇"],
              ["季华五路", "汾江中路", "岭南大道北", "文华北路", "卫国路", "绿景一路", "佛山大道中", "普澜二路"]),
    "南海区": (["桂城街道", "大沥镇", "里水镇", "狮山镇", "西樵镇", "九江镇", "丹灶镇", "罗村街道"],
              ["南海大道北", "海八路", "灯湖东路", "桂澜北路", "广佛路", "黄岐嘉洲广场东路", "南桂东路"]),
    "顺德区": (["大良街道", "容桂街道", "伦教街道", "勒流街道", "陈村镇", "北滘镇", "乐从镇", "龙江镇", "杏坛镇"],
              ["凤山中路", "德胜东路", "容奇大道中", "新城区怡和路", "105国道北滘段", "乐从大道东", "南国东路"]),
    "三水区": (["西南街道", "云东海街道", "白坭镇", "乐平镇", "芦苞镇"], ["健力宝南路", "广海大道西", "张边路", "三达路"]),
    "高明区": (["荷城街道", "杨和镇", "明城镇", "更合镇"], ["沧江路", "文华路", "海华大道", "泰和路"]),
}
ESTATES = ["碧桂园", "海语花园", "万科金色家园", "保利中央公馆", "绿景花园", "怡翠世家", "中海万锦豪园",
           "美的君兰江山", "金域蓝湾", "东方广场", "雅居乐花园", "华润置地", "滨江明珠苑", "岭南天地"]
VILLAGES = ["良教村", "陈涌村", "简村", "苏村", "平洲夏西村", "北村", "杏坛马宁村", "石洲村", "沙滘村", "大旗头村"]
COMMUNITIES = ["怡海社区", "云路社区", "朝安社区", "岭南社区", "东平社区", "细滘社区", "新城社区"]
NATURAL = ["岗头", "北坊", "东便", "西约", "新围", "上沙", "大塘", "南坊"]
OTHER_PLACES = [("湖南省", "衡阳市", "衡南县", "茶市镇"), ("广西壮族自治区", "玉林市", "博白县", "东平镇"),
                ("四川省", "南充市", "仪陇县", "金城镇"), ("江西省", "赣州市", "于都县", "贡江镇"),
                ("河南省", "周口市", "郸城县", "汲冢镇"), ("广东省", "湛江市", "雷州市", "客路镇"),
                ("广东省", "梅州市", "五华县", "水寨镇"), ("贵州省", "毕节市", "威宁彝族回族苗族自治县", "草海镇")]

CN_DIGITS = "〇一二三四五六七八九"


class Values:
    """Deterministic values from one seed (``random.Random`` and a seeded Faker)."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    # -- small helpers
    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def date(self, lo=2019, hi=2026) -> tuple:
        return self.r.randint(lo, hi), self.r.randint(1, 12), self.r.randint(1, 28)

    def date_text(self, lo=2023, hi=2026) -> str:
        y, m, d = self.date(lo, hi)
        return self.pick([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}.{m}.{d}", f"{y}/{m:02d}/{d:02d}"])

    # -- ID numbers (GB 11643)
    def id17(self, lo=1940, hi=2019) -> str:
        y, m, d = self.date(lo, hi)
        return f"{self.pick(REGIONS)}{y}{m:02d}{d:02d}{self.digits(3)}"

    def id_number(self) -> str:
        return (lambda b: b + id_check(b))(self.id17())

    def id_val(self, style: Optional[str] = None) -> Val:
        number = self.id_number()
        style = style or self.pick(["plain"] * 6 + ["lower_x", "spaces", "hyphens", "odd", "full", "full_spaced", "prefix"])
        if style == "lower_x":  # draw until the check character is X
            while number[-1] != "X":
                number = self.id_number()
        text, core = number, None
        if style == "lower_x":
            text = number.lower()
        elif style == "spaces":
            text = self.pick([f"{number[:6]} {number[6:14]} {number[14:]}", f"{number[:6]} {number[6:10]} {number[10:14]} {number[14:]}"])
        elif style == "hyphens":
            text = "-".join(number[i:i + 4] for i in range(0, 18, 4))
        elif style == "odd":
            cuts = self.pick([(2, 6, 10, 14), (3, 6, 9, 12, 15), (6, 12), (5, 11, 17), (4, 8, 14)])
            sep = self.pick([" ", "-", " - ", "  "])
            parts, last = [], 0
            for c in cuts + (18,):
                parts.append(number[last:c])
                last = c
            text = sep.join(parts)
        elif style == "full":
            text = number.translate(FULL)
        elif style == "full_spaced":
            text = f"{number[:6]}　{number[6:14]}　{number[14:]}".translate(FULL)
        elif style == "prefix":
            prefix = self.pick(["DB", "SFZ", "ID:", "NO."])
            text, core = prefix + number, (len(prefix), len(prefix) + 18)
        return Val(text, "CN_ID_NUMBER", "id_" + style, core)

    def id15_val(self) -> Val:
        y, m, d = self.date(1940, 1983)
        return Val(f"{self.pick(REGIONS)}{y % 100:02d}{m:02d}{d:02d}{self.digits(3)}", "CN_ID_NUMBER", "id_15")

    def id_wrong_check(self) -> Val:
        """A mistyped ID number after an ID label: still the holder's identifier (gold)."""
        body = self.id17()
        wrong = self.pick([c for c in "0123456789X" if c != id_check(body)])
        return Val(body + wrong, "CN_ID_NUMBER", "id_wrong_check")

    def id_and_mobile(self) -> tuple:
        """An ID number run into a mobile number with nothing between: two gold values."""
        return self.id_val("plain"), self.mobile_val("plain")

    # -- mobiles and landlines
    def mobile(self) -> str:
        return self.pick(MOBILE_PREFIXES) + self.digits(8)

    def mobile_val(self, style: Optional[str] = None) -> Val:
        m = self.mobile()
        style = style or self.pick(["plain"] * 8 + ["plus86", "0086", "spaces", "hyphens", "full", "paren86", "plus86_spaced"])
        core = None
        if style == "plus86":
            text, core = "+86" + m, (3, 14)
        elif style == "0086":
            text, core = "0086-" + m, (5, 16)
        elif style == "paren86":
            text, core = "(+86)" + m, (5, 16)
        elif style == "plus86_spaced":
            text = f"+86 {m[:3]} {m[3:7]} {m[7:]}"
            core = (4, len(text))
        elif style == "spaces":
            text = f"{m[:3]} {m[3:7]} {m[7:]}"
        elif style == "hyphens":
            text = f"{m[:3]}-{m[3:7]}-{m[7:]}"
        elif style == "full":
            text = m.translate(FULL)
        else:
            text = m
        return Val(text, "CN_MOBILE", "mobile_" + style, core)

    def landline_val(self, style: Optional[str] = None) -> Val:
        area, local = self.pick([("0757", 8), ("0757", 8), ("020", 8), ("0755", 8), ("0750", 7)])
        number = self.pick("2345678") + self.digits(local - 1)
        style = style or self.pick(["hyphen", "hyphen", "paren", "no_area", "spaced", "fullwidth_hyphen", "ext"])
        core = None
        if style == "hyphen":
            text = f"{area}-{number}"
        elif style == "paren":
            text = f"({area}){number}" if self.chance(0.5) else f"（{area}）{number}"
        elif style == "no_area":
            text = number
        elif style == "spaced":
            text = f"{area} {number[:4]} {number[4:]}"
        elif style == "fullwidth_hyphen":
            text = f"{area}－{number}"
        else:
            base = f"{area}-{number}"
            text, core = base + self.pick(["转", "-", " ext.", "分机"]) + self.digits(3), (0, len(base))
        return Val(text, "CN_LANDLINE", "landline_" + style, core)

    def office_phone(self) -> Val:
        """A public body's desk phone or hotline: stays."""
        return Val(self.pick([f"0757-8{self.digits(7)}", f"(0757){self.pick('2368')}{self.digits(7)}",
                              f"0757-8{self.digits(7)}转{self.digits(3)}", "12345", "0757-12345",
                              "12315", "12333", f"8{self.digits(7)}"]), None, "office_phone")

    # -- cards, credit codes, passports, plates, e-mails
    def card(self) -> str:
        bin_, length = self.pick(CARD_BINS)
        body = bin_ + self.digits(length - len(bin_) - 1)
        return body + luhn_digit(body)

    def card_val(self) -> Val:
        n = self.card()
        groups = {16: ["4-4-4-4", "none", "6-10"], 19: ["4-4-4-4-3", "6-13", "none", "4-4-4-4-3"]}[len(n)]
        style = self.pick(groups)
        if style == "none":
            text = n
        else:
            sizes, parts, at = [int(s) for s in style.split("-")], [], 0
            for s in sizes:
                parts.append(n[at:at + s])
                at += s
            text = self.pick([" ", " ", "-", "  "]).join(parts)
        return Val(text, "CN_BANK_CARD", "card_" + style.replace("-", "_"))

    def credit_code(self, kind: str = "91") -> str:
        region = self.pick(["440604", "440605", "440606", "440607", "440608", "440600", "440104"])
        if kind in ("92", "93") or self.chance(0.4):
            body = "MA" + "".join(self.pick(CREDIT_CHARS[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
        else:
            body = self.digits(8)
        org = body + org_check(body)
        first17 = kind + region + org
        return first17 + credit_check(first17)

    def credit_val(self, kind: Optional[str] = None) -> Val:
        kind = kind or self.pick(["91", "91", "91", "92", "92", "93", "52"])
        return Val(self.credit_code(kind), "CN_CREDIT_CODE", "credit_" + kind)

    def public_credit(self) -> Val:
        """A public body's credit code (机关 11, 事业单位 12): published on its documents, stays."""
        return Val(self.credit_code(self.pick(["11", "11", "12"])), None, "public_credit_code")

    def passport_val(self, which: str = "any") -> Val:
        """A passport (E…, G…) or a Mainland Travel Permit for Hong Kong and Macao (C + 8)."""
        style = self.pick({"any": ["E8", "EL7", "G8", "C8", "CL7"], "passport": ["E8", "EL7", "G8"], "permit": ["C8", "CL7"]}[which])
        letters = "ABCDEFGHJKLMNPQRSTUVWXY"
        text = {"E8": "E" + self.digits(8), "EL7": "E" + self.pick(letters) + self.digits(7),
                "G8": "G" + self.digits(8), "C8": "C" + self.digits(8), "CL7": "C" + self.pick(letters) + self.digits(7)}[style]
        return Val(text, "CN_PASSPORT", "passport_" + style)

    def plate_val(self) -> Val:
        city = self.pick("EEEXYAB")
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        tail = "".join(self.pick(letters + "0123456789") for _ in range(4))
        text = self.pick([f"粤{city}{self.pick(letters)}{tail}", f"粤{city}·{self.pick(letters)}{tail}",
                          f"粤{city} {self.pick(letters)}{tail}", f"粤{city}{self.pick('DF')}{self.digits(5)}",
                          f"湘D{self.pick(letters)}{tail}", f"桂K{self.pick(letters)}{tail}"])
        return Val(text, "CN_LICENSE_PLATE", "plate")

    def email_val(self) -> Val:
        user = self.pick([self.fake.user_name(), self.fake.user_name() + self.digits(2), self.digits(self.r.randint(8, 10))])
        domain = self.pick(["qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "139.com", "gmail.com", "outlook.com"])
        return Val(f"{user}@{domain}", "EMAIL_ADDRESS", "email")

    def office_email(self) -> Val:
        """A public body's mailbox: stays, also on a free-mail domain (common for 街道 offices)."""
        user = self.pick(["fsxfj", "nhqmzj", "sdscjg", "fsjyj_zs", "cczx12345", "gmqzjj", "ssrsj", "fsbdc"])
        return Val(f"{user}@{self.pick(['foshan.gov.cn', 'nanhai.gov.cn', 'shunde.gov.cn', 'foshan.gov.cn', '163.com'])}",
                   None, "office_email")

    # -- names
    def name_val(self, style: Optional[str] = None) -> Val:
        style = style or self.pick(["faker"] * 5 + ["common", "rare", "compound", "word", "two_char", "minority"])
        if style == "faker":
            text = self.fake.name()
            style = "two_char" if len(text) == 2 else "common"
        elif style == "common":
            text = self.pick(COMMON_SURNAMES) + self.pick(PLAIN_GIVEN)
        elif style == "rare":
            text = self.pick(RARE_SURNAMES) + self.pick(PLAIN_GIVEN + WORD_GIVEN + SINGLE_GIVEN)
        elif style == "compound":
            text = self.pick(COMPOUND_SURNAMES) + self.pick(PLAIN_GIVEN + SINGLE_GIVEN)
        elif style == "word":
            text = self.pick(COMMON_SURNAMES + RARE_SURNAMES[:6]) + self.pick(WORD_GIVEN)
        elif style == "two_char":
            text = self.pick(COMMON_SURNAMES) + self.pick(SINGLE_GIVEN)
        else:
            group = self.pick(["uyghur", "tibetan", "mongol"])
            if group == "uyghur":
                text = self.pick(UYGHUR_GIVEN) + self.pick(DOTS) + self.pick(UYGHUR_FATHER)
            elif group == "tibetan":
                a, b = self.r.sample(TIBETAN_PARTS, 2)
                text = a + b if self.chance(0.8) else a
            else:
                text = self.pick(MONGOL_NAMES)
            style = "minority_" + group
        return Val(text, "PERSON", "name_" + style)

    def pseudonym(self) -> Val:
        return Val(self.pick(PSEUDONYMS), None, "pseudonym")

    def titled(self) -> Val:
        return Val(self.pick(TITLES), None, "surname_title")

    def historical(self) -> Val:
        return Val(self.pick(HISTORICAL), None, "historical")

    # -- addresses
    def address_val(self, style: Optional[str] = None) -> Val:
        """Gold address; its core is what lies below the town (road, village, estate, room)."""
        style = style or self.pick(["urban", "urban", "estate", "village", "community", "short", "other", "other"])
        district = self.pick(list(FOSHAN))
        towns, roads = FOSHAN[district]
        town = self.pick(towns)
        head = self.pick(["广东省佛山市", "佛山市", "", "佛山"]) + district + (town if self.chance(0.7) else "")
        if style == "urban":
            tail = f"{self.pick(roads)}{self.r.randint(1, 399)}号"
            tail += self.pick(["", f"之{self.pick('一二三')}", f"{self.r.randint(1, 30)}座{self.r.randint(2, 33)}{self.r.randint(1, 8):02d}房",
                               f"{self.r.randint(1, 9)}栋{self.r.randint(1, 4)}单元{self.r.randint(1, 30)}0{self.r.randint(1, 6)}室",
                               f"首层{self.r.randint(1, 12)}号铺"])
        elif style == "estate":
            tail = f"{self.pick(roads)}{self.r.randint(1, 399)}号{self.pick(ESTATES)}{self.r.randint(1, 40)}{self.pick(['座', '栋', '幢', '号楼'])}" \
                   f"{self.pick(['', f'{self.r.randint(1, 3)}单元'])}{self.r.randint(1, 32)}{self.r.randint(1, 6):02d}{self.pick(['室', '房', ''])}"
        elif style == "village":
            natural = self.pick(NATURAL)
            tail = f"{self.pick(VILLAGES)}{self.pick(['', '村委会'])}{natural}{'' if natural.endswith('坊') else self.pick(['村', ''])}" \
                   f"{self.pick(['', f'{CN_DIGITS[self.r.randint(1, 9)]}组', f'第{self.r.randint(1, 12)}村民小组'])}{self.r.randint(1, 120)}号"
        elif style == "community":
            tail = f"{self.pick(COMMUNITIES)}{self.pick(roads)}{self.r.randint(1, 200)}号{self.r.randint(1, 12)}座{self.r.randint(1, 3)}单元{self.r.randint(1, 20)}0{self.r.randint(1, 4)}"
        elif style == "short":
            head = ""
            tail = f"{self.pick(roads)}{self.r.randint(1, 399)}号{self.pick(ESTATES)}{self.r.randint(1, 20)}栋{self.r.randint(1, 30)}0{self.r.randint(1, 6)}"
        else:
            prov, city, county, town2 = self.pick(OTHER_PLACES)
            head = prov + city + county + town2
            tail = f"{self.pick(['新民村', '联合村', '石桥村', '长坡村', '高峰村'])}{self.r.randint(1, 15)}组{self.r.randint(1, 90)}号"
        text = head + tail
        return Val(text, "CN_ADDRESS", "address_" + style, (len(head), len(text)))

    def split_address(self) -> Val:
        """An address broken over two lines, as in a form pasted from a scanned certificate."""
        v = self.address_val(self.pick(["urban", "estate", "village"]))
        at = v.core[0]  # the break falls where the town ends and the street begins
        text = v.text[:at] + "\n" + v.text[at:]
        return Val(text, "CN_ADDRESS", "address_split", (at + 1, len(text)))

    def public_address(self) -> Val:
        """A public body's office address: stays."""
        district = self.pick(list(FOSHAN))
        return Val(f"佛山市{district}{self.pick(FOSHAN[district][1])}{self.r.randint(1, 300)}号", None, "office_address")

    def coarse_place(self) -> Val:
        district = self.pick(list(FOSHAN))
        return Val(district + self.pick(FOSHAN[district][0]), None, "coarse_place")

    # -- numbers that are not personal
    def doc_number(self) -> Val:
        return Val(self.pick([f"佛{self.pick(['南', '禅', '顺', '三', '高'])}{self.pick(['市监', '城管', '环', '应急', '人社'])}罚〔{self.r.randint(2023, 2026)}〕{self.r.randint(1, 999)}号",
                              f"（{self.r.randint(2022, 2026)}）粤06{self.pick(['04', '05', '06', '07', '08'])}{self.pick(['民初', '民终', '刑初', '行初'])}{self.r.randint(100, 29999)}号",
                              f"佛府办函〔{self.r.randint(2023, 2026)}〕{self.r.randint(1, 200)}号",
                              f"FS{self.r.randint(2023, 2026)}{self.digits(8)}"]), None, "doc_number")

    def serial18(self) -> Val:
        """An 18-digit transaction number whose 'birth date' is impossible: not an ID."""
        return Val(f"{self.r.randint(2023, 2026)}{self.r.randint(13, 99)}{self.digits(12)}", None, "serial_18")

    def non_luhn_run(self) -> Val:
        """A 16- or 19-digit tracking number failing Luhn: not a card."""
        n = self.pick(["7", "9", "3"]) + self.digits(self.pick([15, 18]) - 1)
        n += str((int(luhn_digit(n)) + 1 + self.r.randint(0, 8)) % 10)
        return Val(n, None, "non_luhn_run")

    def public_account(self) -> Val:
        return Val(f"44{self.digits(3)}{self.r.randint(1, 9)}{self.digits(14)}", None, "public_account")

    def amount(self) -> Val:
        return Val(self.pick([f"{self.r.randint(100, 99999)}元", f"{self.r.randint(1, 500)}.{self.digits(2)}元",
                              f"人民币{self.r.randint(1, 50)}万元", f"{self.r.randint(1, 9)},{self.digits(3)}.00元"]), None, "amount")

    def article(self) -> Val:
        return Val(self.pick([f"第{CN_DIGITS[self.r.randint(1, 9)]}十{CN_DIGITS[self.r.randint(1, 9)]}条",
                              f"第{self.r.randint(1, 120)}条第{self.r.randint(1, 3)}款", f"第{CN_DIGITS[self.r.randint(1, 9)]}条"]), None, "article")
