"""Values of the sixth corpus: Faker zh_CN and lists of its own, never real people.

Every writer returns the text as written and the offsets of its core (the part the scorer
requires masked): ID numbers with valid GB 11643 check digits, credit codes with valid
GB 32100 ones, Luhn-valid bank cards, mobiles of real prefixes, landlines with the area codes
of the city, passports, travel permits and plates.
"""
from __future__ import annotations

import datetime
import random

from faker import Faker

# city: (province, city, area code, plate prefix, ((district, region code, town, roads, estates)))
CITIES = {
    "南宁": ("广西壮族自治区", "南宁市", "0771", "桂A", (("青秀区", "450103", "新竹街道", ("民族大道", "桃源路", "金湖路")),
                                                     ("西乡塘区", "450107", "北湖街道", ("明秀东路", "大学东路")))),
    "银川": ("宁夏回族自治区", "银川市", "0951", "宁A", (("兴庆区", "640104", "中山南街街道", ("解放东街", "文化西街")),)),
    "延吉": ("吉林省", "延吉市", "0433", "吉H", (("延吉市", "222401", "河南街道", ("光明街", "人民路", "公园路")),)),
    "景洪": ("云南省", "西双版纳傣族自治州景洪市", "0691", "云K", (("景洪市", "532801", "允景洪街道", ("宣慰大道", "勐泐大道")),)),
    "伊宁": ("新疆维吾尔自治区", "伊犁哈萨克自治州伊宁市", "0999", "新F", (("伊宁市", "654002", "解放路街道", ("斯大林街", "新华西路")),)),
    "拉萨": ("西藏自治区", "拉萨市", "0891", "藏A", (("城关区", "540102", "八廓街道", ("北京中路", "林廓北路")),)),
    "凯里": ("贵州省", "黔东南苗族侗族自治州凯里市", "0855", "贵H", (("凯里市", "522601", "大十字街道", ("韶山南路", "北京东路")),)),
    "长沙": ("湖南省", "长沙市", "0731", "湘A", (("芙蓉区", "430102", "定王台街道", ("解放西路", "五一大道", "八一路")),)),
    "郑州": ("河南省", "郑州市", "0371", "豫A", (("金水区", "410105", "经八路街道", ("农业路", "纬五路", "花园路")),)),
    "济南": ("山东省", "济南市", "0531", "鲁A", (("历下区", "370102", "泉城路街道", ("泺源大街", "黑虎泉西路")),)),
    "沈阳": ("辽宁省", "沈阳市", "024", "辽A", (("和平区", "210102", "太原街街道", ("南京北街", "中华路")),)),
    "福州": ("福建省", "福州市", "0591", "闽A", (("鼓楼区", "350102", "东街街道", ("杨桥东路", "五四路")),)),
    "成都": ("四川省", "成都市", "028", "川A", (("锦江区", "510104", "春熙路街道", ("红星路三段", "东大街")),
                                           ("武侯区", "510107", "玉林街道", ("玉林南路", "芳草街")))),
    "西宁": ("青海省", "西宁市", "0971", "青A", (("城东区", "630102", "东关大街街道", ("东关大街", "建国路")),)),
    "海口": ("海南省", "海口市", "0898", "琼A", (("龙华区", "460106", "中山街道", ("龙昆南路", "海秀中路")),)),
    "舟山": ("浙江省", "舟山市", "0580", "浙L", (("定海区", "330902", "昌国街道", ("人民北路", "环城南路")),)),
    "武汉": ("湖北省", "武汉市", "027", "鄂A", (("江岸区", "420102", "大智街道", ("中山大道", "黄浦大街")),)),
    "呼和浩特": ("内蒙古自治区", "呼和浩特市", "0471", "蒙A", (("新城区", "150102", "海拉尔东路街道", ("新华大街", "兴安北路")),)),
    "北京": ("北京市", "", "010", "京A", (("朝阳区", "110105", "和平街街道", ("樱花园东街", "北三环东路")),)),
    "上海": ("上海市", "", "021", "沪A", (("黄浦区", "310101", "外滩街道", ("福州路", "河南中路")),)),
}
# rural county: (province+city, county, region code, town, villages)
RURAL = (
    ("广西壮族自治区百色市", "田阳区", "451003", "那坡镇", ("那塘村", "坡塘村")),
    ("云南省文山壮族苗族自治州", "丘北县", "532626", "双龙营镇", ("普者黑村", "仙人洞村")),
    ("贵州省黔东南苗族侗族自治州", "雷山县", "522634", "西江镇", ("羊排村", "南贵村")),
    ("宁夏回族自治区吴忠市", "同心县", "640324", "豫海镇", ("南关村", "西沟村")),
    ("吉林省延边朝鲜族自治州", "龙井市", "222405", "东盛涌镇", ("仁化村", "龙山村")),
    ("福建省福州市", "连江县", "350122", "黄岐镇", ("北茭村", "东洛村")),
    ("黑龙江省伊春市", "铁力市", "230781", "桃山镇", ("东兴村", "卫国村")),
    ("河北省承德市", "丰宁满族自治县", "130826", "大阁镇", ("城根营村", "草原村")),
)
REGIONS = {d[1] for c in CITIES.values() for d in c[4]} | {r[2] for r in RURAL} | {"810000", "820000", "830000"}

COMMON = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
RARE = ("禤", "笪", "冼", "区", "佘", "靳", "亓", "仉", "逄", "郄", "琚", "訾", "厍", "蒯", "昝", "隗", "嵇", "麴", "妫", "蹇")
COMPOUND = ("欧阳", "司马", "上官", "诸葛", "皇甫", "尉迟", "公孙", "慕容", "东方", "令狐", "夏侯", "端木", "澹台", "南宫", "闻人")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华平刚桂兰玉萍红梅鹏辉建国志海燕雪琴宇浩凯婷晨欣怡子涵梓轩俊杰思雨家豪佳琪嘉颖春生福德兴旺润东"
MINORITY = {
    "zhuang": ("韦秀英", "覃美兰", "蒙桂芳", "莫振宁", "黄达贵", "陆卜勤", "农金凤", "韦日新", "覃那丽", "罗卜英"),
    "hui": ("马玉兰", "纳文华", "哈正明", "白守仁", "撒海燕", "马福祥", "丁志礼", "海云霞", "锁建军", "虎秀珍"),
    "korean": ("金英姬", "朴成哲", "崔美善", "玄春花", "郑哲洙", "全明淑", "朴英爱", "李顺子", "南宫明哲", "金光日"),
    "manchu": ("那晓春", "佟丽娟", "关德胜", "索玉芬", "赫连成", "富察明远", "钮海军", "瓜尔佳·德山", "伊尔根觉罗·文", "爱新觉罗·恒"),
    "dai": ("岩温", "玉香", "岩罕龙", "玉罕", "岩香", "玉应叫", "岩甩", "玉光", "岩腊", "玉儿"),
    "kazakh": ("努尔兰·哈力木", "阿依古丽·吐尔逊", "叶尔兰·巴合提", "古丽娜尔·马合沙提", "别克·托合塔尔", "阿斯哈尔·努尔兰"),
    "hmong": ("龙金花", "麻秀英", "石老四", "吴阿妹", "杨阿努", "龙成高", "麻光辉", "石妹榜", "吴仰当", "杨略"),
    "uyghur": ("买买提·吐尔逊", "阿依努尔·艾买提", "艾力·阿不都", "热依拉·买合木提", "吐尔洪·依明", "帕提古丽·卡德尔"),
    "tibetan": ("扎西次仁", "央金卓玛", "格桑多吉", "次旦拉姆", "平措旺堆", "德吉央宗", "丹增尼玛", "边巴"),
}
HISTORICAL = ("林则徐", "孙中山", "左宗棠", "郑成功", "岳飞", "文天祥", "海瑞", "包拯", "张謇", "詹天佑", "戚继光", "冼夫人",
              "于谦", "鉴真", "徐霞客", "苏轼", "李时珍", "杜甫")
TITLES = ("先生", "女士", "主任", "书记", "所长", "警官", "医生", "老师", "师傅", "阿姨", "大爷", "经理", "队长", "同志")
BANKS = ("中国农业银行", "中国工商银行", "中国建设银行", "中国邮政储蓄银行", "农村信用合作社", "中国银行", "交通银行", "农村商业银行")
BINS = ("622848", "621700", "622202", "621799", "623052", "621661", "622260", "622908", "621226", "628268")
MOBILE_PREFIX = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153", "155",
                 "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "185",
                 "186", "187", "188", "189", "191", "193", "195", "198", "199")
FULL = str.maketrans("0123456789Xx-", "０１２３４５６７８９Ｘｘ－")
SPOKEN = str.maketrans("0123456789", "零幺二三四五六七八九")
SPOKEN_BACK = str.maketrans("零〇幺一二两三四五六七八九洞叉", "00112234567890X")
CREDIT = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, ID_W)) % 11]


def id_valid(value: str) -> bool:
    return len(value) == 18 and value[:17].isdigit() and id_check(value[:17]) == value[17].upper()


def credit_check(body17: str) -> str:
    return CREDIT[(31 - sum(CREDIT.index(c) * w for c, w in zip(body17, CREDIT_W)) % 31) % 31]


def credit_valid(value: str) -> bool:
    return len(value) == 18 and all(c in CREDIT for c in value) and credit_check(value[:17]) == value[17]


def luhn_valid(value: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(value)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_digit(body: str) -> str:
    for d in "0123456789":
        if luhn_valid(body + d):
            return d
    raise AssertionError(body)


def plain(text: str) -> str:
    """The value without separators, width or spoken digits: what the checks run on."""
    out = text.translate(str.maketrans("０１２３４５６７８９ＸｘＥＣＧＨＭ＠", "0123456789XxECGHM@")).translate(SPOKEN_BACK)
    return "".join(c for c in out if c not in " \u3000-\n\t－()（）+'").upper()


class Values:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    # ---------------------------------------------------------------- people
    def name(self, kind: str | None = None):
        """(name, kind)."""
        r = self.r
        if kind is None:
            kind = r.choices(("han", "name_rare", "name_compound", "name_two_char", "name_a_xiao", "minority"),
                             (40, 8, 6, 16, 6, 24))[0]
        if kind == "han":
            return self.fake.name(), "name_han"
        if kind == "name_rare":
            return r.choice(RARE) + "".join(r.sample(GIVEN, r.choice((1, 2)))), kind
        if kind == "name_compound":
            return r.choice(COMPOUND) + "".join(r.sample(GIVEN, r.choice((1, 2)))), kind
        if kind == "name_two_char":
            return r.choice(COMMON) + r.choice(GIVEN), kind
        if kind == "name_a_xiao":
            return r.choice(COMMON) + r.choice("阿小") + r.choice("妹珍强英明红华芬龙"), kind
        if kind == "minority" or kind in MINORITY:
            group = kind if kind in MINORITY else r.choice(sorted(MINORITY))
            return r.choice(MINORITY[group]), "name_" + group
        raise KeyError(kind)

    def surname(self):
        return self.r.choice(COMMON)

    def title_name(self):
        return self.r.choice((self.surname() + self.r.choice(TITLES), "老" + self.surname(), "小" + self.surname()))

    def pseudonym(self):
        return self.surname() + self.r.choice(("某", "某某", "某甲", "某乙"))

    def sex(self):
        return self.r.choice("男女")

    def birth(self, lo=1940, hi=2004):
        start = datetime.date(lo, 1, 1)
        return start + datetime.timedelta(days=self.r.randint(0, (datetime.date(hi, 12, 28) - start).days))

    # ---------------------------------------------------------------- identifiers
    def region(self, city=None):
        if city is None or self.r.random() < 0.3:
            if self.r.random() < 0.3:
                return self.r.choice(RURAL)[2]
            city = self.r.choice(sorted(CITIES))
        return self.r.choice(CITIES[city][4])[1]

    def id_raw(self, city=None, born=None, region=None, x=None) -> str:
        born = born or self.birth()
        region = region or self.region(city)
        while True:
            body = f"{region}{born:%Y%m%d}{self.r.randint(1, 999):03d}"
            check = id_check(body)
            if x is None or (check == "X") == x:
                return body + check

    def id(self, city=None, born=None, kind=None):
        """(written, kind); the written form spans the whole core."""
        r = self.r
        kind = kind or r.choices(("id", "id_x", "id_lower_x", "id_full", "id_space", "id_space_irregular", "id_hyphen",
                                  "id_linebreak", "id_wrong_check", "id_15"),
                                 (50, 6, 3, 6, 7, 3, 4, 4, 3, 3))[0]
        if kind == "id_15" and born and born.year > 1984:
            kind = "id"  # the 15-digit form went out of issue before these people had one
        if kind == "id_15":
            born = born or self.birth(1935, 1970)
            return f"{self.region(city)}{born:%y%m%d}{r.randint(1, 999):03d}", kind
        raw = self.id_raw(city, born, x=True if kind in ("id_x", "id_lower_x") else None)
        if kind == "id_wrong_check":
            raw = raw[:17] + r.choice([c for c in "0123456789" if c != raw[17]])
        if kind == "id_lower_x":
            return raw.lower(), kind
        if kind == "id_full":
            return raw.translate(FULL), kind
        if kind == "id_space":
            return f"{raw[:6]} {raw[6:14]} {raw[14:]}", kind
        if kind == "id_space_irregular":
            return f"{raw[:3]} {raw[3:6]}  {raw[6:10]} {raw[10:14]}{raw[14:]}", kind
        if kind == "id_hyphen":
            return "-".join((raw[:4], raw[4:8], raw[8:12], raw[12:16], raw[16:])), kind
        if kind == "id_linebreak":
            cut = r.randint(8, 14)
            return raw[:cut] + "\n" + raw[cut:], kind
        return raw, kind

    def id_hmt(self):
        """港澳台居民居住证 number: 810000 / 820000 / 830000, a birth date and a GB 11643 check."""
        return self.id_raw(region=self.r.choice(("810000", "820000", "830000")), born=self.birth(1950, 2004))

    def id_foreign_pr(self):
        """外国人永久居留身份证 (2023): 9, province, three-digit nationality, birth date, sequence, check."""
        body = f"9{self.r.choice(('11', '31', '44', '45', '53', '65'))}{self.r.choice(('156', '410', '704', '392', '840', '250', '643', '418'))}" \
               f"{self.birth(1950, 2000):%Y%m%d}{self.r.randint(1, 999):03d}"
        return body + id_check(body)

    def masked_id(self):
        raw = self.id_raw()
        return raw[:6] + "********" + raw[14:]

    def mobile_raw(self):
        return self.r.choice(MOBILE_PREFIX) + f"{self.r.randint(0, 99999999):08d}"

    def mobile(self, kind=None):
        """(written, core offset start, core offset end, kind)."""
        r = self.r
        m = self.mobile_raw()
        kind = kind or r.choices(("mobile", "mobile_space", "mobile_hyphen", "mobile_plus86", "mobile_0086", "mobile_full",
                                  "mobile_linebreak"), (60, 10, 8, 6, 3, 5, 3))[0]
        if kind == "mobile_space":
            w = f"{m[:3]} {m[3:7]} {m[7:]}"
        elif kind == "mobile_hyphen":
            w = f"{m[:3]}-{m[3:7]}-{m[7:]}"
        elif kind == "mobile_plus86":
            p = r.choice(("+86 ", "+86", "+86-", "(+86)"))
            return p + m, len(p), len(p) + 11, kind
        elif kind == "mobile_0086":
            p = r.choice(("0086 ", "0086-"))
            return p + m, len(p), len(p) + 11, kind
        elif kind == "mobile_full":
            w = m.translate(FULL)
        elif kind == "mobile_linebreak":
            w = m[:7] + "\n" + m[7:]
        elif kind == "mobile_spoken":
            w = m.translate(SPOKEN)
        else:
            w = m
        return w, 0, len(w), kind

    def masked_mobile(self):
        m = self.mobile_raw()
        return self.r.choice((m[:3] + "****" + m[7:], "尾号" + m[7:]))

    def landline(self, city, kind=None):
        """(written, core start, core end, kind)."""
        r = self.r
        code = CITIES[city][2]
        local = f"{r.randint(2, 8)}{r.randint(0, 9999999):07d}" if len(code) == 3 or r.random() < 0.6 else f"{r.randint(2, 8)}{r.randint(0, 999999):06d}"
        kind = kind or r.choice(("landline", "landline", "landline_paren", "landline_no_area", "landline_ext"))
        if kind == "landline_paren":
            w = f"({code}){local}"
            return w, 0, len(w), kind
        if kind == "landline_no_area":
            return local, 0, len(local), kind
        w = f"{code}-{local}"
        if kind == "landline_ext":
            return w + f"转{r.randint(100, 899)}", 0, len(w), kind
        return w, 0, len(w), kind

    def card(self, kind=None):
        r = self.r
        kind = kind or r.choices(("card_16", "card_17", "card_18", "card_19", "card_4_4_4_4", "card_4_4_4_4_3", "card_6_13",
                                  "card_linebreak", "card_full"), (15, 4, 6, 25, 14, 14, 8, 5, 4))[0]
        n = {"card_16": 16, "card_17": 17, "card_18": 18, "card_4_4_4_4": 16}.get(kind, 19)
        body = r.choice(BINS) + "".join(str(r.randint(0, 9)) for _ in range(n - 7))
        c = body + luhn_digit(body)
        if kind == "card_4_4_4_4":
            return " ".join(c[i:i + 4] for i in range(0, 16, 4)), kind
        if kind == "card_4_4_4_4_3":
            return " ".join(c[i:i + 4] for i in range(0, 19, 4)), kind
        if kind == "card_6_13":
            return f"{c[:6]} {c[6:]}", kind
        if kind == "card_linebreak":
            return c[:10] + "\n" + c[10:], kind
        if kind == "card_full":
            return c.translate(FULL), kind
        return c, kind

    def non_luhn(self, n=19):
        while True:
            v = self.r.choice(("7", "9", "3", "6")) + "".join(str(self.r.randint(0, 9)) for _ in range(n - 1))
            if not luhn_valid(v):
                return v

    def serial_18(self):
        """18 digits that are no ID: a thirteenth month or more in the birth-date place."""
        while True:
            v = f"{self.r.randint(2020, 2026)}{self.r.randint(100000, 999999)}{self.r.randint(13, 99)}{self.r.randint(0, 999999):06d}"
            if not id_valid(v):
                return v

    def credit(self, prefix=None, region=None):
        r = self.r
        prefix = prefix or r.choices(("91", "92", "93", "52"), (60, 25, 8, 7))[0]
        region = region or self.region()
        org = "".join(r.choice(CREDIT[:10] if r.random() < 0.8 else CREDIT) for _ in range(9))
        body = prefix + region + org
        return body + credit_check(body)

    def passport(self):
        r = self.r
        if r.random() < 0.6:
            return "E" + f"{r.randint(0, 99999999):08d}", "passport_E8"
        return "E" + r.choice("ABCDEFGHJK") + f"{r.randint(0, 9999999):07d}", "passport_E_letter"

    def permit(self, kind=None):
        r = self.r
        kind = kind or r.choice(("permit_C8", "permit_H8", "permit_M8", "permit_taiwan"))
        if kind == "permit_taiwan":
            return f"{r.randint(0, 99999999):08d}", kind
        return kind[7] + f"{r.randint(0, 99999999):08d}", kind

    def plate(self, city, kind=None):
        r = self.r
        kind = kind or r.choice(("plate", "plate", "plate_ne"))
        prefix = CITIES[city][3]
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        if kind == "plate_ne":
            return prefix + r.choice("DF") + f"{r.randint(0, 99999):05d}", kind
        tail = "".join(r.choice(letters + "0123456789" * 3) for _ in range(4)) + str(r.randint(0, 9))
        return prefix + tail, kind

    def email(self):
        r = self.r
        user = self.fake.user_name() + (str(r.randint(1, 99)) if r.random() < 0.5 else "")
        return user + r.choice(("@", "@", "@", "＠")) + r.choice(("qq.com", "163.com", "126.com", "sina.com", "foxmail.com")), \
            "email"

    # ---------------------------------------------------------------- places
    def city(self):
        return self.r.choice(sorted(CITIES))

    def address(self, city=None, kind=None):
        """(prefix, core, kind): the prefix runs from the province to the town, the core from the road down."""
        r = self.r
        kind = kind or r.choices(("address_road", "address_estate", "address_room", "address_village", "address_group"),
                                 (25, 25, 15, 20, 15))[0]
        if kind in ("address_village", "address_group"):
            prov, county, _, town, villages = r.choice(RURAL)
            prefix = r.choice((prov + county + town, county + town, town))
            core = r.choice(villages) + (f"{r.randint(1, 12)}组" if kind == "address_group" else "") + f"{r.randint(1, 120)}号"
            return prefix, core, kind
        city = city or self.city()
        prov, cname, _, _, districts = CITIES[city]
        district, _, town, roads = r.choice(districts)
        head = cname if cname.endswith(district) else cname + district
        prefix = r.choice((prov + head, head, district + town, ""))
        road = f"{r.choice(roads)}{r.randint(1, 399)}号"
        if kind == "address_road":
            core = road + r.choice(("", f"{r.randint(1, 6)}楼", f"附{r.randint(1, 9)}号"))
        elif kind == "address_estate":
            core = road + f"{self.fake.street_name()[:2]}{r.choice(('花园', '小区', '家园', '苑'))}" \
                          f"{r.randint(1, 30)}{r.choice('栋幢座')}{r.randint(1, 4)}单元{r.randint(1, 33)}0{r.randint(1, 6)}室"
        else:
            core = f"{r.randint(1, 30)}栋{r.randint(1, 4)}单元{r.randint(1, 33)}0{r.randint(1, 6)}" + r.choice(("", "室", "房"))
            prefix = ""
        return prefix, core, kind

    def office_address(self, city):
        prov, cname, _, _, districts = CITIES[city]
        district, _, _, roads = districts[0]
        return f"{cname or prov}{district}{self.r.choice(roads)}{self.r.randint(1, 300)}号"

    def public_phone(self, city):
        return f"{CITIES[city][2]}-{self.r.randint(2, 8)}{self.r.randint(0, 9999999):07d}"

    def date(self, year=2026):
        d = datetime.date(year, 1, 1) + datetime.timedelta(days=self.r.randint(0, 340))
        return self.r.choice((f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d:%Y.%m.%d}"))

    def amount(self):
        return self.r.choice((f"{self.r.randint(100, 99999)}.{self.r.randint(0, 99):02d}元", f"人民币{self.r.randint(1, 50)}000元",
                              f"{self.r.randint(1, 500)}万元"))
