"""Values for the fourth corpus: people, identifiers with valid check digits, places, look-alikes.

Every identifier is generated, never taken from a real person: ID numbers follow GB 11643
(region code, birth date, sequence, check character), bank cards pass Luhn, credit codes
follow GB 32100 (with the GB 11714 organisation code inside), mobiles use allocated prefixes.
A value is a ``V``: the text as written around a core (``+86`` or a letter prefix outside it);
the genres place it in a text and record its span there.
"""
from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from faker import Faker

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
HALF = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")


def plain(text: str) -> str:
    """The characters of an identifier: half-width, upper case, separators dropped."""
    return "".join(c for c in text.translate(HALF).upper() if c.isalnum())


def id_check(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def id_valid(number: str) -> bool:
    n = plain(number)
    if len(n) != 18 or not n[:17].isdigit():
        return False
    try:
        datetime.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return False
    return id_check(n[:17]) == n[17]


def luhn_valid(number: str) -> bool:
    digits = [int(c) for c in plain(number)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return bool(digits) and total % 10 == 0


def luhn_complete(body: str) -> str:
    for d in "0123456789":
        if luhn_valid(body + d):
            return body + d
    raise AssertionError(body)


def org_check(body8: str) -> str:
    value = 11 - sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def credit_check(first17: str) -> str:
    value = 31 - sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS)) % 31
    return CREDIT_ALPHABET[0 if value == 31 else value]


def credit_valid(code: str) -> bool:
    c = plain(code)
    return (len(c) == 18 and all(ch in CREDIT_ALPHABET for ch in c)
            and org_check(c[8:16]) == c[16] and credit_check(c[:17]) == c[17])


@dataclass(frozen=True)
class V:
    """A value as written: ``before`` + ``core`` + ``after``; only a gold value has an entity."""
    core: str
    entity: str
    kind: str
    before: str = ""
    after: str = ""

    @property
    def text(self) -> str:
        return self.before + self.core + self.after


# Counties: (code, province, city, county, towns); 15-digit and 18-digit IDs draw their region here.
COUNTIES = [
    ("440604", "广东省", "佛山市", "禅城区", ["张槎街道", "南庄镇", "石湾镇街道"]),
    ("440605", "广东省", "佛山市", "南海区", ["西樵镇", "丹灶镇", "九江镇", "里水镇", "狮山镇", "大沥镇"]),
    ("440606", "广东省", "佛山市", "顺德区", ["杏坛镇", "均安镇", "龙江镇", "勒流街道", "陈村镇"]),
    ("440607", "广东省", "佛山市", "三水区", ["芦苞镇", "大塘镇", "白坭镇", "南山镇"]),
    ("440608", "广东省", "佛山市", "高明区", ["更合镇", "明城镇", "杨和镇"]),
    ("441224", "广东省", "肇庆市", "怀集县", ["冷坑镇", "梁村镇", "岗坪镇"]),
    ("445281", "广东省", "揭阳市", "普宁市", ["洪阳镇", "里湖镇", "梅塘镇"]),
    ("452501", "广西壮族自治区", "玉林市", "北流市", ["民安镇", "隆盛镇", "大里镇"]),
    ("430524", "湖南省", "邵阳市", "隆回县", ["六都寨镇", "荷香桥镇", "横板桥镇"]),
    ("431121", "湖南省", "永州市", "祁阳县", ["黎家坪镇", "白水镇", "八宝镇"]),
    ("511321", "四川省", "南充市", "南部县", ["升钟镇", "大桥镇", "东坝镇"]),
    ("522121", "贵州省", "遵义市", "播州区", ["鸭溪镇", "枫香镇", "乌江镇"]),
    ("412726", "河南省", "周口市", "郸城县", ["宜路镇", "钱店镇", "汲冢镇"]),
    ("362426", "江西省", "吉安市", "泰和县", ["马市镇", "沙村镇", "冠朝镇"]),
    ("653101", "新疆维吾尔自治区", "喀什地区", "喀什市", ["浩罕乡", "色满乡", "伯什克然木乡"]),
    ("652801", "新疆维吾尔自治区", "巴音郭楞蒙古自治州", "库尔勒市", ["塔什店镇", "上户镇"]),
    ("540121", "西藏自治区", "拉萨市", "林周县", ["甘丹曲果镇", "春堆乡"]),
    ("152502", "内蒙古自治区", "锡林郭勒盟", "锡林浩特市", ["宝力根苏木", "朝克乌拉苏木"]),
    ("350583", "福建省", "泉州市", "南安市", ["官桥镇", "水头镇", "洪濑镇"]),
]
VILLAGES = ["太平", "民乐", "简村", "百西", "沙头", "上村", "良教", "大同", "仙岗", "新联", "石门", "黎边",
            "南岸", "东风", "麦村", "塘头", "逢简", "马宁", "西海", "光辉", "龙湾", "荷村", "水口", "旺岗",
            "冼边", "区村", "佘田", "欧边", "高赞", "何村", "李屋", "陈家", "罗坑", "黄洞"]
GROUPS = ["石头坊", "大巷", "新屋", "东头", "西便", "上社", "下社", "塘尾", "榕树头", "社坛", "老屋", "岗头"]
ROADS = ["季华五路", "桂澜北路", "南海大道北", "文华北路", "汾江中路", "岭南大道中", "佛山大道北", "李子园路",
         "张槎一路", "乐安路", "伦教大道", "容奇大道中", "凤翔路", "新宁路", "荷富路", "西南大道", "云东海大道",
         "建设路", "人民西路", "解放东路", "东升路", "白云路", "环城北路", "江湾三路"]
ESTATES = ["碧桂园翡翠湾", "保利中央公馆", "万科城", "美的君兰江山", "怡翠玫瑰园", "中海文华熙岸", "滨江花园",
           "南海颐景园", "绿岛湖一号", "金沙洲花园", "时代云图", "天安中心", "雅居乐雍景豪园", "明珠新村"]
COMMUNITIES = ["石湾社区", "张槎社区", "桂城社区", "大良社区", "云路社区", "南庄社区", "西南社区", "荷城社区"]

COMMON_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢傅钟")
RARE_SURNAMES = list("禤笪冼区佘亓隗覃蒯訾逄昝麴钭芮阙揭缪鞠邝敖甘植岑麦容劳练伍卜")
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯",
                     "澹台", "南宫", "端木", "司徒", "长孙", "宇文", "申屠", "呼延", "西门"]
GIVEN_CHARS = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰建国志飞斌俊峰凤梅琳晶宇欣婷浩然"
                   "子轩梓涵一诺思远雨桐嘉怡佳琪家豪锦荣焕坤振邦润泽翠珍惠群少华永康淑贞丽珠沛霖")
UYGHUR = ["买买提·艾力", "阿不都热合曼·吐尔逊", "古丽米热·艾合买提", "热依拉·阿布都拉", "艾尔肯·吾斯曼",
          "努尔艾力·买买提明", "阿依古丽·托合提", "帕尔哈提·依明", "迪丽努尔·卡德尔", "吐尔洪·司马义",
          "麦尔哈巴·吾买尔", "阿卜杜拉·热西提"]
TIBETAN = ["扎西顿珠", "次仁卓玛", "格桑央金", "平措旺堆", "达瓦次仁", "尼玛拉姆", "索朗旺姆", "丹增尼玛",
           "白玛措姆", "洛桑多吉", "普布次仁", "央金拉姆"]
MONGOL = ["巴特尔", "斯琴高娃", "乌云其其格", "那仁·巴图", "苏日娜", "额尔敦·毕力格", "孟和巴雅尔",
          "敖登格日乐", "吉日嘎拉", "宝音·德力格尔", "阿拉坦仓", "朝鲁门"]

FAMOUS = {"诸葛亮", "司马光", "司马迁", "欧阳修", "上官婉儿", "司马懿", "东方朔", "岳飞", "海瑞", "林则徐", "王杰", "雷锋",
          "李白", "杜甫", "孙文", "冼星海", "钟南山", "袁隆平", "张飞", "关羽", "刘备", "曹操", "周瑜", "黄忠"}
MOBILE_PREFIXES = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151",
                   "152", "153", "155", "156", "157", "158", "159", "166", "171", "173", "175", "176", "177",
                   "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193",
                   "195", "198", "199"]
CARD_BINS = {16: ["622588", "436742", "622155", "625966", "622609", "621485"],
             17: ["623058", "621799"],
             18: ["622892", "621661"],
             19: ["622202", "621700", "622848", "622700", "621226", "623668", "621799"]}
BANKS = ["中国工商银行佛山南海支行", "中国农业银行顺德容桂支行", "中国建设银行佛山分行", "佛山农村商业银行西樵支行",
         "顺德农村商业银行均安支行", "中国邮政储蓄银行三水芦苞营业所", "招商银行佛山季华支行", "广东南海农村商业银行"]
EMAIL_DOMAINS = ["163.com", "qq.com", "126.com", "sina.com", "foxmail.com", "139.com", "hotmail.com"]
PLATE_PREFIXES = ["粤E", "粤A", "粤Y", "湘E", "桂K", "新Q", "贵C", "粤X"]


class Values:
    """One seeded source of values for a whole corpus."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    # -------------------------------------------------------------- small helpers
    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def date(self, start=2025, end=2026) -> datetime.date:
        first = datetime.date(start, 1, 1)
        return first + datetime.timedelta(days=self.rng.randint(0, (datetime.date(end, 12, 28) - first).days))

    def cn_date(self, start=2025, end=2026) -> str:
        d = self.date(start, end)
        return self.pick([f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.year}.{d.month}.{d.day}",
                          d.strftime("%Y/%m/%d")])

    def county(self):
        return self.pick(COUNTIES)

    # -------------------------------------------------------------- names
    def given(self, n=None) -> str:
        n = n or self.pick([1, 2, 2, 2])
        if self.chance(0.5):
            g = self.fake.first_name()
            if len(g) == n:
                return g
        return "".join(self.pick(GIVEN_CHARS) for _ in range(n))

    def name(self, kind: str = None) -> V:
        kind = kind or self.pick(["name"] * 5 + ["name_rare", "name_compound", "name_two_char", "name_two_char",
                                                  "name_minority_uyghur", "name_minority_tibetan", "name_minority_mongol"])
        if kind == "name":
            core = self.pick(COMMON_SURNAMES) + self.given(2)
        elif kind == "name_two_char":
            core = self.pick(COMMON_SURNAMES) + self.given(1)
        elif kind == "name_rare":
            core = self.pick(RARE_SURNAMES) + self.given()
        elif kind == "name_compound":
            core = self.pick(COMPOUND_SURNAMES) + self.given(self.pick([1, 2]))
        elif kind == "name_minority_uyghur":
            core = self.pick(UYGHUR)
        elif kind == "name_minority_tibetan":
            core = self.pick(TIBETAN)
        elif kind == "name_minority_mongol":
            core = self.pick(MONGOL)
        else:
            raise KeyError(kind)
        if core in FAMOUS:  # a generated name must not be a figure of history
            return self.name(kind)
        return V(core, "PERSON", kind)

    def han_name(self) -> V:
        return self.name(self.pick(["name", "name", "name", "name_rare", "name_compound", "name_two_char"]))

    # -------------------------------------------------------------- ID numbers
    def id18_digits(self, born=(1940, 2008), county=None, check_x=None) -> str:
        code = (county or self.county())[0]
        while True:
            birth = datetime.date(born[0], 1, 1) + datetime.timedelta(days=self.rng.randint(0, 365 * (born[1] - born[0])))
            body = code + birth.strftime("%Y%m%d") + self.digits(3)
            check = id_check(body)
            if check_x is None or (check == "X") == check_x:
                return body + check

    def id15_digits(self, county=None) -> str:
        code = (county or self.county())[0]
        birth = datetime.date(1930, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 365 * 54))
        return code + birth.strftime("%y%m%d") + self.digits(3)

    def id_number(self, kind: str = None, born=(1940, 2008), county=None) -> V:
        kind = kind or self.pick(["id", "id", "id_x", "id_15", "id_space", "id_hyphen", "id_full", "id_prefix",
                                  "id_lower_x", "id_space_irregular"])
        x = True if kind in ("id_x", "id_lower_x") else None
        n = self.id18_digits(born, county, check_x=x)
        if kind in ("id", "id_x", "id_run"):
            return V(n, "CN_ID_NUMBER", kind)
        if kind == "id_lower_x":
            return V(n[:-1] + "x", "CN_ID_NUMBER", kind)
        if kind == "id_15":
            return V(self.id15_digits(county), "CN_ID_NUMBER", kind)
        if kind == "id_space":
            sep = self.pick([" ", "  ", "\u3000"])
            return V(sep.join([n[:6], n[6:14], n[14:]]), "CN_ID_NUMBER", kind)
        if kind == "id_hyphen":
            groups = self.pick([(4, 4, 4, 4, 2), (6, 8, 4), (3, 3, 4, 4, 4), (6, 4, 4, 4)])
            return V(self.group(n, groups, "-"), "CN_ID_NUMBER", kind)
        if kind == "id_space_irregular":
            return V(self.stray_spaces(n, self.rng.randint(1, 3)), "CN_ID_NUMBER", kind)
        if kind == "id_full":
            return V(n.translate(FULL), "CN_ID_NUMBER", kind)
        if kind == "id_prefix":
            return V(n, "CN_ID_NUMBER", kind, before=self.pick(["DB", "ID", "G", "SFZ", "NO.", "sfz", "ID:"]))
        if kind == "id_wrong_check":
            wrong = self.pick([c for c in "0123456789X" if c != n[-1]])
            return V(n[:-1] + wrong, "CN_ID_NUMBER", kind)
        if kind == "id_linebreak":
            cut = self.rng.randint(4, 14)
            return V(n[:cut] + "\n" + n[cut:], "CN_ID_NUMBER", kind)
        raise KeyError(kind)

    # -------------------------------------------------------------- phones, cards, codes
    def mobile_digits(self) -> str:
        return self.pick(MOBILE_PREFIXES) + self.digits(8)

    def mobile(self, kind: str = None) -> V:
        kind = kind or self.pick(["mobile", "mobile", "mobile", "mobile_plus86", "mobile_0086", "mobile_space",
                                  "mobile_hyphen", "mobile_full"])
        m = self.mobile_digits()
        if kind in ("mobile", "mobile_run"):
            return V(m, "CN_MOBILE", kind)
        if kind == "mobile_plus86":
            return V(m, "CN_MOBILE", kind, before=self.pick(["+86", "+86 ", "+86-", "(+86)", "＋86 "]))
        if kind == "mobile_0086":
            return V(m, "CN_MOBILE", kind, before=self.pick(["0086", "0086 ", "0086-"]))
        if kind == "mobile_space":
            return V(self.group(m, (3, 4, 4), " "), "CN_MOBILE", kind)
        if kind == "mobile_hyphen":
            return V(self.group(m, self.pick([(3, 4, 4), (3, 8), (4, 3, 4)]), "-"), "CN_MOBILE", kind)
        if kind == "mobile_full":
            return V(m.translate(FULL), "CN_MOBILE", kind)
        raise KeyError(kind)

    def landline(self, kind: str = None) -> V:
        """A private person's home or shop phone."""
        kind = kind or self.pick(["landline", "landline", "landline_no_area", "landline_ext"])
        local = self.pick("2345678") + self.digits(7)
        area = self.pick(["0757", "0757", "020", "0758", "0731"])
        if kind == "landline":
            return V(f"{area}{self.pick(['-', '', ' '])}{local}", "CN_LANDLINE", kind)
        if kind == "landline_no_area":
            return V(local, "CN_LANDLINE", kind)
        if kind == "landline_ext":
            return V(f"{area}-{local}", "CN_LANDLINE", kind, after=f"转{self.rng.randint(100, 899)}")
        raise KeyError(kind)

    def card(self, kind: str = None) -> V:
        kind = kind or self.pick(["card_16", "card_19", "card_4_4_4_4", "card_6_13", "card_4_4_4_4_3", "card_17",
                                  "card_18", "card_space_19"])
        length = {"card_16": 16, "card_4_4_4_4": 16, "card_19": 19, "card_6_13": 19, "card_4_4_4_4_3": 19,
                  "card_17": 17, "card_18": 18, "card_space_19": 19, "card_full": 19}[kind]
        bin_ = self.pick(CARD_BINS[length])
        n = luhn_complete(bin_ + self.digits(length - len(bin_) - 1))
        if kind == "card_4_4_4_4":
            n = self.group(n, (4, 4, 4, 4), self.pick([" ", "-", "  "]))
        elif kind == "card_6_13":
            n = self.group(n, (6, 13), self.pick([" ", "-"]))
        elif kind == "card_4_4_4_4_3":
            n = self.group(n, (4, 4, 4, 4, 3), self.pick([" ", "-"]))
        elif kind == "card_space_19":
            n = self.group(n, (6, 4, 4, 5), " ")
        elif kind == "card_full":
            n = n.translate(FULL)
        return V(n, "CN_BANK_CARD", kind)

    def credit_digits(self, lead: str) -> str:
        region = self.county()[0]
        body8 = "".join(self.pick(CREDIT_ALPHABET) for _ in range(8))
        first17 = lead + region + body8 + org_check(body8)
        return first17 + credit_check(first17)

    def credit(self, kind: str = None) -> V:
        kind = kind or self.pick(["credit_91", "credit_91", "credit_92", "credit_93", "credit_52"])
        code = self.credit_digits({"credit_91": "91", "credit_92": "92", "credit_93": "93", "credit_52": "52"}[kind])
        return V(code, "CN_CREDIT_CODE", kind)

    def public_credit(self) -> V:
        return V(self.credit_digits(self.pick(["11", "12"])), "", "public_credit_code")

    def passport(self, kind: str = None) -> V:
        kind = kind or self.pick(["passport_E8", "passport_E8", "permit_C8", "passport_EA", "permit_W8", "passport_spaced"])
        if kind == "passport_E8":
            return V("E" + self.digits(8), "CN_PASSPORT", kind)
        if kind == "passport_spaced":
            return V(f"E{self.pick(['', ' '])}{self.digits(4)} {self.digits(4)}", "CN_PASSPORT", kind)
        if kind == "permit_W8":
            return V("W" + self.digits(8), "CN_PASSPORT", kind)
        if kind == "passport_EA":
            return V("E" + self.pick("ABCDEFGH") + self.digits(7), "CN_PASSPORT", kind)
        return V("C" + self.pick("0123456789ABCDEFGHJKLM") + self.digits(7), "CN_PASSPORT", kind)

    def plate(self) -> V:
        """A plate: 5 characters (at most two letters, no I or O), or a new-energy one (D/F, then 5)."""
        prefix = self.pick(PLATE_PREFIXES)
        letters, digits = "ABCDEFGHJKLMNPQRSTUVWXYZ", "0123456789"
        sep = self.pick(["", "·", " "])
        if self.chance(0.3):
            tail = self.pick("DF") + self.pick(letters + digits) + self.digits(4)
            return V(prefix + sep + tail, "CN_LICENSE_PLATE", "plate_ne")
        chars = [self.pick(digits) for _ in range(5)]
        for i in self.rng.sample(range(5), self.rng.randint(0, 2)):
            chars[i] = self.pick(letters)
        tail, kind = "".join(chars), self.pick(["plate", "plate", "plate_hyphen", "plate_spaced", "plate_lower", "plate_full"])
        if kind == "plate_hyphen":
            return V(prefix + "-" + tail, "CN_LICENSE_PLATE", kind)
        if kind == "plate_spaced":
            return V(f"{prefix[0]} {prefix[1]} {tail}", "CN_LICENSE_PLATE", kind)
        if kind == "plate_lower":  # typed in a chat
            return V((prefix + sep + tail).lower(), "CN_LICENSE_PLATE", kind)
        if kind == "plate_full":
            return V(prefix + tail.translate(str.maketrans(digits + letters, "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＳＴＵＶＷＸＹＺ")),
                     "CN_LICENSE_PLATE", kind)
        return V(prefix + sep + tail, "CN_LICENSE_PLATE", kind)

    def email(self) -> V:
        user = self.fake.user_name() + self.pick(["", str(self.rng.randint(1, 99)), str(self.rng.randint(1970, 2005))])
        if self.chance(0.25):
            user = self.mobile_digits() if self.chance(0.5) else self.digits(self.rng.randint(6, 10))
        kind = self.pick(["email", "email", "email", "email_fullwidth_at", "email_dotted", "email_caps"])
        domain = self.pick(EMAIL_DOMAINS)
        if kind == "email_dotted":
            user = self.pick(["", "x."]) + self.fake.user_name() + self.pick([".", "_", "-"]) + str(self.rng.randint(1960, 2009))
            domain = self.pick(["sina.com.cn", "vip.163.com", "yeah.net", "gmail.com"])
        elif kind == "email_caps":
            user = user.capitalize()
            domain = domain.upper() if self.chance(0.5) else domain
        at = "＠" if kind == "email_fullwidth_at" else "@"
        return V(f"{user}{at}{domain}", "EMAIL_ADDRESS", kind)

    # -------------------------------------------------------------- addresses
    def address(self, kind: str = None, county=None, split: bool = False) -> V:
        """A home address; the core runs from the road or village down."""
        kind = kind or self.pick(["address_village", "address_group", "address_estate", "address_estate",
                                  "address_road", "address_short", "address_shorthand"])
        code, prov, city, cty, towns = county or self.county()
        town = self.pick(towns)
        head = self.pick([prov + city + cty + town, city + cty + town, cty + town, prov + city + cty + town])
        if kind in ("address_village", "address_group"):
            village = self.pick(VILLAGES)
            v = village + self.pick(["村", "村委会", "村民委员会", "社区居委会"]) if not village.endswith("村") else village
            if kind == "address_group":
                g = self.pick([f"{self.pick(GROUPS)}村民小组", f"第{self.pick('一二三四五六七八九十')}村民小组",
                               f"{self.rng.randint(1, 12)}组", f"{self.pick(GROUPS)}经济社", f"{self.pick('一二三四五六七')}组"])
                core = v + g + self.pick(["", f"{self.rng.randint(1, 160)}号", f"{self.pick(GROUPS)}巷{self.rng.randint(1, 40)}号"])
            else:
                core = v + self.pick([f"{self.pick(GROUPS)}{self.rng.randint(1, 90)}号",
                                      f"{self.pick(['东', '西', '南', '北', '新'])}街{self.rng.randint(1, 30)}巷{self.rng.randint(1, 20)}号",
                                      f"{self.rng.randint(1, 300)}号"])
        elif kind == "address_estate":
            core = (self.pick(ROADS) + f"{self.rng.randint(1, 399)}号" + self.pick(ESTATES)
                    + self.pick([f"{self.rng.randint(1, 40)}栋", f"{self.rng.randint(1, 12)}座", f"{self.rng.randint(1, 30)}幢"])
                    + self.pick(["", f"{self.rng.randint(1, 4)}单元"])
                    + f"{self.rng.randint(1, 33)}{self.rng.randint(1, 8):02d}" + self.pick(["室", "房", ""]))
            if core[-1].isdigit():
                core += "室"
        elif kind == "address_shorthand":  # 楼栋-单元-室 as people write it: 3-2-801, 5座1202, B栋1603
            b, u, r = self.rng.randint(1, 30), self.rng.randint(1, 4), f"{self.rng.randint(1, 32)}{self.rng.randint(1, 6):02d}"
            core = self.pick([self.pick(ROADS) + f"{self.rng.randint(1, 399)}号", ""]) + self.pick(ESTATES) \
                + self.pick([f"{b}-{u}-{r}", f"{b}座{r}", f"{self.pick('ABCDEF')}栋{r}", f"{b}幢{u}梯{r}", f"{b}栋{r}房"])
        elif kind == "address_road":
            core = self.pick(ROADS) + self.pick([f"{self.rng.randint(1, 400)}号", f"{self.rng.randint(1, 80)}弄{self.rng.randint(1, 30)}号"]) \
                + self.pick(["", f"{self.rng.randint(101, 2508)}室", f"之{self.rng.randint(1, 9)}"])
        elif kind == "address_short":
            head = self.pick([town, cty + town])
            village = self.pick(VILLAGES)
            core = (village if village.endswith("村") else village + self.pick(["村", "坊"])) \
                + f"{self.rng.randint(1, 12)}队{self.rng.randint(1, 99)}号"
        else:
            raise KeyError(kind)
        if split:
            cut = self.rng.randint(2, len(core) - 2)
            core = core[:cut] + "\n" + core[cut:]
            kind = "address_split"
        return V(core, "CN_ADDRESS", kind, before=head)

    # -------------------------------------------------------------- look-alikes
    def public_phone(self) -> V:
        return V(self.pick([f"0757-8{self.pick('3456')}{self.digits(6)}", f"(0757){self.pick('2368')}{self.digits(7)}",
                            f"0757—8{self.digits(7)}", f"8{self.pick('3456')}{self.digits(6)}"]), "", "public_phone")

    def hotline(self) -> V:
        return V(self.pick(["12345", "0757-12345", "12315", "12348", "12333", "110", "96333", "12388", "0757-12345转3",
                            "12328", "020-12345"]), "", "hotline")

    def gov_mailbox(self) -> V:
        user = self.pick(["xfj", "jb", "jwjb", "xfbjb", "zfb", "mzj_db", "ybj", "gtj_bdc", "sfj_jz", "nhxf", "sdjd"])
        if self.chance(0.35):
            return V(f"{user}{self.rng.randint(1, 99)}@{self.pick(['163.com', '126.com'])}", "", "public_mailbox_163")
        return V(f"{user}@{self.pick(['foshan.gov.cn', 'nanhai.gov.cn', 'shunde.gov.cn', 'fsga.gov.cn', 'gd.gov.cn'])}",
                 "", "public_email")

    def office_address(self) -> V:
        return V(self.pick([
            f"佛山市南海区桂城街道南海大道北{self.rng.randint(1, 99)}号区行政服务中心{self.rng.randint(1, 5)}楼",
            f"佛山市禅城区岭南大道北{self.rng.randint(1, 99)}号市政府大楼{self.rng.randint(1, 9)}楼",
            f"顺德区大良街道德和路{self.rng.randint(1, 40)}号区信访局",
            f"三水区西南街道广海大道西{self.rng.randint(1, 60)}号",
            f"高明区荷城街道文华路{self.rng.randint(1, 90)}号{self.rng.randint(1, 6)}楼{self.rng.randint(1, 30)}号窗口",
            f"佛山市季华五路{self.rng.randint(1, 99)}号佛山市人民检察院",
            f"南海区狮山镇博爱中路{self.rng.randint(1, 60)}号司法所"]), "", "office_address")

    def serial_18(self) -> V:
        """An 18-digit run that cannot be an ID number (its 'birth month' is 13-99): a transaction number."""
        return V("2026" + f"{self.rng.randint(13, 99)}" + self.digits(4) + f"{self.rng.randint(13, 99)}" + self.digits(6),
                 "", "serial_18")

    def non_luhn(self) -> V:
        while True:
            n = self.pick(["7", "9", "3"]) + self.digits(self.pick([15, 18]))
            if not luhn_valid(n):
                return V(n, "", "non_luhn_run")

    def doc_no(self) -> V:
        return V(self.pick([f"佛府办〔2026〕{self.rng.randint(1, 99)}号", f"南民发〔2025〕{self.rng.randint(1, 60)}号",
                            f"顺自然资公〔2026〕{self.rng.randint(1, 300)}号", f"佛信复〔2026〕{self.rng.randint(100, 999)}号",
                            f"三府征补〔2026〕{self.rng.randint(1, 40)}号"]), "", "doc_no")

    def case_no(self) -> V:
        return V(f"（{self.pick(['2025', '2026'])}）粤{self.pick(['0604', '0605', '0606', '0607', '06'])}"
                 f"{self.pick(['民初', '执', '行初', '刑初', '民终', '执恢'])}{self.rng.randint(100, 29999)}号", "", "case_no")

    def property_cert(self) -> V:
        return V(f"粤（{self.pick(['2025', '2026'])}）佛{self.pick(['南', '顺', '禅', '三', '高'])}不动产权第0{self.digits(6)}号",
                 "", "property_cert")

    def work_order(self) -> V:
        return V(self.pick(["GD", "FS12345-", "WO", ""]) + "2026" + f"{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}"
                 + self.digits(6), "", "work_order_no")

    def amount(self) -> V:
        return V(self.pick([f"{self.rng.randint(300, 99999)}元", f"{self.rng.randint(1, 99)}.{self.rng.randint(10, 99)}万元",
                            f"￥{self.rng.randint(1000, 500000):,}.00", f"人民币{self.rng.randint(100, 9999)}元整",
                            f"{self.rng.randint(1000, 300000)}.{self.rng.randint(0, 99):02d}"]), "", "amount")

    def public_account(self) -> V:
        n = "44" + self.digits(self.pick([18, 20, 21]))
        return V(n, "", "public_account")

    # -------------------------------------------------------------- written forms
    @staticmethod
    def group(text: str, sizes, sep: str) -> str:
        out, i = [], 0
        for size in sizes:
            out.append(text[i:i + size])
            i += size
        if i < len(text):
            out[-1] += text[i:]
        return sep.join(p for p in out if p)

    def stray_spaces(self, text: str, count: int) -> str:
        cuts = sorted(self.rng.sample(range(1, len(text)), count))
        out, last = [], 0
        for cut in cuts:
            out.append(text[last:cut])
            last = cut
        out.append(text[last:])
        return " ".join(out)

    def ocr(self, v: V) -> V:
        """An OCR'd value: full-width digits or stray spaces in its core (only whitespace or width changes)."""
        core = v.core
        how = self.rng.random()
        if how < 0.4 and len(core) > 4:
            core = self.stray_spaces(core, self.rng.randint(1, 2))
        elif how < 0.7:
            core = core.translate(FULL)
        return V(core, v.entity, v.kind + "_ocr" if v.entity else v.kind, v.before, v.after)
