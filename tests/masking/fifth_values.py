"""Values of the fifth corpus: generated people (Faker zh_CN and lists below) across China,
written as documents write them, and the look-alikes that are not personal.

A gold value is a ``Val`` (``pre`` + ``core`` + ``post``: the core is what must be masked, the
``pre``/``post`` belong to the span but may stay, e.g. ``+86``, an extension, the province and
city before a road); a look-alike is a ``Decoy``. Identifiers carry valid check digits (GB 11643,
GB 32100 with GB 11714's inner check, Luhn) unless their kind says otherwise.
"""
from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import NamedTuple

from faker import Faker

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
FULL = str.maketrans("0123456789Xx-", "０１２３４５６７８９ＸＸ－")


class Val(NamedTuple):
    entity: str
    kind: str
    core: str
    pre: str = ""
    post: str = ""


class Decoy(NamedTuple):
    text: str
    kind: str


def id_check(body17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS)) % 11]


def id_valid(number: str) -> bool:
    number = number.upper()
    return len(number) == 18 and number[:17].isdigit() and id_check(number[:17]) == number[17]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def luhn_digit(body: str) -> str:
    for d in "0123456789":
        if luhn_valid(body + d):
            return d
    raise AssertionError(body)


def org_check(body8: str) -> str:
    c = 11 - sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def credit_check(body17: str) -> str:
    c = 31 - sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(body17, CREDIT_WEIGHTS)) % 31
    return CREDIT_ALPHABET[0 if c == 31 else c]


def credit_valid(code: str) -> bool:
    return (len(code) == 18 and all(c in CREDIT_ALPHABET for c in code)
            and credit_check(code[:17]) == code[17] and org_check(code[8:16]) == code[16])


def plain(text: str) -> str:
    """A value without its separators, half-width and upper case (for the corpus's own checks)."""
    text = text.translate(str.maketrans("０１２３４５６７８９ＸｘＸ", "0123456789XXX"))
    return "".join(c for c in text if c.isalnum()).upper()


# city: province, city, area code, digits of a local number, plate prefix, districts
# (district, administrative code, towns, roads)
CITIES = {
    "北京": ("北京市", "", "010", 8, "京", [("朝阳区", "110105", ["望京街道", "三里屯街道"], ["望京西路", "工体北路", "朝阳北路"]),
                                       ("海淀区", "110108", ["学院路街道", "中关村街道"], ["知春路", "学院路", "花园北路"])]),
    "上海": ("上海市", "", "021", 8, "沪", [("浦东新区", "310115", ["花木街道", "张江镇"], ["张杨路", "碧波路", "锦绣路"]),
                                       ("徐汇区", "310104", ["田林街道", "康健新村街道"], ["宜山路", "漕宝路", "钦州北路"])]),
    "广州": ("广东省", "广州市", "020", 8, "粤A", [("天河区", "440106", ["石牌街道", "棠下街道"], ["天河北路", "龙口西路", "中山大道西"]),
                                            ("白云区", "440111", ["京溪街道", "同和街道"], ["白云大道南", "广州大道北"])]),
    "深圳": ("广东省", "深圳市", "0755", 8, "粤B", [("宝安区", "440306", ["西乡街道", "新安街道"], ["宝安大道", "创业一路"]),
                                             ("龙岗区", "440307", ["布吉街道", "坂田街道"], ["龙岗大道", "吉华路"])]),
    "佛山": ("广东省", "佛山市", "0757", 8, "粤E", [("顺德区", "440606", ["大良街道", "容桂街道"], ["凤山中路", "容奇大道"])]),
    "杭州": ("浙江省", "杭州市", "0571", 8, "浙A", [("西湖区", "330106", ["文新街道", "翠苑街道"], ["文一西路", "古墩路", "天目山路"])]),
    "南京": ("江苏省", "南京市", "025", 8, "苏A", [("鼓楼区", "320106", ["湖南路街道", "宁海路街道"], ["中山北路", "湖南路"])]),
    "武汉": ("湖北省", "武汉市", "027", 8, "鄂A", [("洪山区", "420111", ["珞南街道", "关山街道"], ["珞喻路", "民族大道"])]),
    "成都": ("四川省", "成都市", "028", 8, "川A", [("武侯区", "510107", ["玉林街道", "簇桥街道"], ["玉林北路", "武侯大道"])]),
    "西安": ("陕西省", "西安市", "029", 8, "陕A", [("雁塔区", "610113", ["小寨路街道", "电子城街道"], ["长安中路", "科技路"])]),
    "乌鲁木齐": ("新疆维吾尔自治区", "乌鲁木齐市", "0991", 7, "新A",
             [("天山区", "650102", ["解放南路街道", "团结路街道"], ["解放南路", "新华南路"])]),
    "喀什": ("新疆维吾尔自治区", "喀什地区", "0998", 7, "新Q", [("喀什市", "653101", ["恰萨街道", "亚瓦格街道"], ["人民东路", "解放北路"])]),
    "拉萨": ("西藏自治区", "拉萨市", "0891", 7, "藏A", [("城关区", "540102", ["八廓街道", "吉日街道"], ["北京中路", "江苏路"])]),
    "呼和浩特": ("内蒙古自治区", "呼和浩特市", "0471", 7, "蒙A",
             [("新城区", "150102", ["海拉尔东路街道", "东街街道"], ["新华大街", "兴安北路"])]),
    "凉山": ("四川省", "凉山彝族自治州", "0834", 7, "川W", [("西昌市", "513401", ["长安街道", "西城街道"], ["航天大道", "胜利路"])]),
    "贵阳": ("贵州省", "贵阳市", "0851", 8, "贵A", [("南明区", "520102", ["花果园街道", "遵义路街道"], ["花果园大街", "遵义路"])]),
    "哈尔滨": ("黑龙江省", "哈尔滨市", "0451", 8, "黑A", [("南岗区", "230103", ["花园街道", "大成街道"], ["红军街", "西大直街"])]),
    "郑州": ("河南省", "郑州市", "0371", 8, "豫A", [("金水区", "410105", ["文化路街道", "丰产路街道"], ["农业路", "花园路"])]),
    "长沙": ("湖南省", "长沙市", "0731", 8, "湘A", [("岳麓区", "430104", ["望月湖街道", "观沙岭街道"], ["麓山南路", "桐梓坡路"])]),
    "厦门": ("福建省", "厦门市", "0592", 7, "闽D", [("思明区", "350203", ["中华街道", "莲前街道"], ["湖滨南路", "莲前西路"])]),
    "南宁": ("广西壮族自治区", "南宁市", "0771", 7, "桂A", [("青秀区", "450103", ["新竹街道", "中山街道"], ["民族大道", "竹溪大道"])]),
    "济南": ("山东省", "济南市", "0531", 8, "鲁A", [("历下区", "370102", ["泉城路街道", "趵突泉街道"], ["泉城路", "经十路"])]),
    "昆明": ("云南省", "昆明市", "0871", 8, "云A", [("五华区", "530102", ["华山街道", "护国街道"], ["人民中路", "东风西路"])]),
}
# rural places: the prefix down to the township, its code, villages (嘎查 in Inner Mongolia)
RURAL = [
    ("四川省凉山彝族自治州昭觉县", "513431", "竹核乡", ["木渣洛村", "温泉村"], "凉山"),
    ("新疆维吾尔自治区喀什地区疏附县", "653121", "托克扎克镇", ["阿亚格曼干村", "兰干村"], "喀什"),
    ("广东省佛山市南海区", "440605", "西樵镇", ["百西村", "简村"], "佛山"),
    ("河南省周口市郸城县", "411625", "汲冢镇", ["李楼村", "王寨村"], "郑州"),
    ("湖南省邵阳市隆回县", "430524", "桃洪镇", ["六都寨村", "罗洪村"], "长沙"),
    ("内蒙古自治区锡林郭勒盟正蓝旗", "152530", "上都镇", ["敖包图嘎查", "五一嘎查"], "呼和浩特"),
    ("西藏自治区日喀则市桑珠孜区", "540202", "江当乡", ["达那村", "帮村"], "拉萨"),
    ("贵州省黔东南苗族侗族自治州雷山县", "522634", "西江镇", ["羊排村", "南贵村"], "贵阳"),
    ("甘肃省定西市安定区", "621102", "香泉镇", ["中庄村", "高峰村"], "西安"),
]
ESTATES = ["金域华府", "翠湖花园", "锦绣家园", "阳光新城", "滨江名苑", "东方明珠小区", "幸福里", "和谐家园", "书香门第",
           "职工宿舍", "华侨新村", "丽景湾", "保利香槟国际", "万科城", "碧桂园"]
RARE_SURNAMES = "禤笪冼区佘厍訾亓靳阚逄隗缑蒯麴仉郗粟蔺覃甘韦莫蓝饶詹谌揭晏"
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "端木", "长孙", "宇文",
                     "司徒", "澹台", "钟离", "呼延", "申屠", "闻人"]
UYGHUR_GIVEN = ["买买提", "艾尔肯", "阿不都热合曼", "吐尔逊", "艾力", "努尔兰", "热合曼", "依明", "阿依古丽", "古丽娜尔", "热依拉",
                "帕提古丽", "迪丽努尔", "米日古丽", "祖丽皮亚"]
UYGHUR_FATHER = ["吐尔逊", "艾买提", "阿不都热依木", "玉素甫", "卡德尔", "热合曼", "司马义", "亚森", "肉孜", "托合提"]
TIBETAN_PARTS = ["次仁", "多吉", "扎西", "顿珠", "央金", "卓玛", "格桑", "曲珍", "达瓦", "尼玛", "旦增", "卓嘎", "白玛", "拉姆",
                 "平措", "群培", "索朗", "德吉"]
MONGOL_NAMES = ["巴特尔", "其木格", "乌日娜", "额尔敦巴雅尔", "苏日古嘎", "哈斯朝鲁", "那仁高娃", "宝音图", "孟和巴图", "萨仁其其格",
                "图雅", "阿拉坦仓"]
YI_SURNAMES = ["吉克", "沙马", "曲比", "阿苏", "海来", "俄木", "马海", "吉木", "阿牛", "阿于", "勒格", "日火"]
YI_GIVEN = ["阿果", "拉毅", "阿呷", "木呷", "尔布", "日哈", "石者", "阿支", "曲布", "阿卓", "有格", "拉哈"]
HISTORICAL = ["孙中山", "林则徐", "詹天佑", "鲁迅", "黄飞鸿", "康有为", "梁启超", "钱学森", "邓世昌", "文天祥", "岳飞", "郑成功",
              "雷锋", "焦裕禄", "孔繁森", "李时珍", "张衡", "玄奘", "袁隆平", "徐霞客", "杨靖宇", "赵一曼"]
DOCTRINES = ["邓小平理论", "毛泽东思想", "习近平新时代中国特色社会主义思想", "“三个代表”重要思想"]
PEOPLE_PLACES = ["中山路", "逸仙路", "黄兴路", "蔡锷路", "靖宇街", "兆麟街", "尚志大街", "中山大道", "志丹县", "左权县", "靖宇县",
                 "尚志市", "子长市", "中山市", "张自忠路", "佟麟阁路", "赵登禹路"]
TITLES = ["先生", "女士", "阿姨", "师傅", "主任", "书记", "老师", "医生", "经理", "警官", "科长", "大爷", "姐", "教授", "护士长"]
BANKS = [("中国工商银行", "622202", 19), ("中国建设银行", "621700", 19), ("中国农业银行", "622848", 19), ("中国银行", "621661", 19),
         ("招商银行", "622588", 16), ("交通银行", "622260", 19), ("中国邮政储蓄银行", "621799", 19), ("农村商业银行", "623059", 19),
         ("平安银行", "622155", 16), ("兴业银行", "622909", 18), ("浦发银行", "622521", 16), ("广发银行", "622568", 16)]
HOTLINES = ["12345", "12315", "12333", "12329", "12348", "12366", "12320", "12338", "12309", "12368", "110", "122", "120",
            "95598", "96511"]
MAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com", "outlook.com", "sohu.com"]
SURNAME_PINYIN = {"王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang", "黄": "huang", "赵": "zhao",
                  "吴": "wu", "周": "zhou", "徐": "xu", "孙": "sun", "马": "ma", "朱": "zhu", "胡": "hu", "郭": "guo", "何": "he",
                  "林": "lin", "罗": "luo", "高": "gao"}
GOV_DOMAINS = {"北京": "beijing.gov.cn", "上海": "sh.gov.cn", "广州": "gz.gov.cn", "深圳": "sz.gov.cn", "佛山": "foshan.gov.cn",
               "杭州": "hangzhou.gov.cn", "南京": "nanjing.gov.cn", "武汉": "wuhan.gov.cn", "成都": "chengdu.gov.cn",
               "西安": "xa.gov.cn", "乌鲁木齐": "urumqi.gov.cn", "喀什": "kashi.gov.cn", "拉萨": "lasa.gov.cn",
               "呼和浩特": "huhhot.gov.cn", "凉山": "lsz.gov.cn", "贵阳": "guiyang.gov.cn", "哈尔滨": "harbin.gov.cn",
               "郑州": "zhengzhou.gov.cn", "长沙": "changsha.gov.cn", "厦门": "xm.gov.cn", "南宁": "nanning.gov.cn",
               "济南": "jinan.gov.cn", "昆明": "km.gov.cn"}


@dataclass
class Person:
    name: str
    sex: str
    birth: datetime.date
    id: str
    city: str
    code: str
    mobile: str
    minority: str = ""

    @property
    def surname(self) -> str:
        if "·" in self.name or self.minority:
            return ""
        return self.name[:2] if self.name[:2] in COMPOUND_SURNAMES else self.name[0]

    @property
    def age(self) -> int:
        return 2026 - self.birth.year


class Values:
    """Generates the corpus's values from one seed (Faker and ``random`` seeded alike)."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    # ------------------------------------------------------------------ helpers

    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def weighted(self, table: dict) -> str:
        return self.r.choices(list(table), weights=list(table.values()))[0]

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def date(self, start=2025, end=2026) -> datetime.date:
        first = datetime.date(start, 1, 1)
        return first + datetime.timedelta(days=self.r.randint(0, (datetime.date(end, 12, 1) - first).days))

    def date_text(self, d=None) -> str:
        d = d or self.date()
        return self.pick([f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.year}.{d.month:02d}.{d.day:02d}",
                          f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month:02d}月{d.day:02d}日"])

    def city(self) -> str:
        return self.pick(list(CITIES))

    # ------------------------------------------------------------------ people

    def name_text(self, kind: str = "", sex: str = "") -> tuple:
        kind = kind or self.weighted({"name": 70, "name_rare": 6, "name_compound": 4, "name_two_char": 0,
                                      "name_a_xiao": 3, "name_minority_uyghur": 5, "name_minority_tibetan": 4,
                                      "name_minority_mongol": 3, "name_minority_yi": 3})
        f = self.fake
        first = {"男": f.first_name_male, "女": f.first_name_female}.get(sex, f.first_name)
        if kind == "name":
            name = f.last_name() + first()
            kind = "name_two_char" if len(name) == 2 else "name"
        elif kind == "name_two_char":
            name = f.last_name()[:1] + f.first_name()[:1]
        elif kind == "name_rare":
            name = self.pick(RARE_SURNAMES) + first()
        elif kind == "name_compound":
            name = self.pick(COMPOUND_SURNAMES) + first()
        elif kind == "name_a_xiao":
            name = f.last_name() + self.pick("阿小") + self.pick("妹娣珍娇红芳兰" if sex == "女" else "明强龙生虎")
        elif kind == "name_minority_uyghur":
            name = self.pick(UYGHUR_GIVEN) + "·" + self.pick(UYGHUR_FATHER)
        elif kind == "name_minority_tibetan":
            a, b = self.r.sample(TIBETAN_PARTS, 2)
            name = a + b
        elif kind == "name_minority_mongol":
            name = self.pick(MONGOL_NAMES)
        elif kind == "name_minority_yi":
            name = self.pick(YI_SURNAMES) + self.pick(YI_GIVEN)
        else:
            raise KeyError(kind)
        return name, kind

    def person(self, city: str = "", kind: str = "", minor: bool = False, old: bool = False, code: str = "",
               years: tuple = ()) -> Person:
        sex = self.pick("男女")
        name, kind = self.name_text(kind, sex)
        minority = kind.removeprefix("name_minority_") if kind.startswith("name_minority") else ""
        home = {"uyghur": self.pick(["乌鲁木齐", "喀什"]), "tibetan": "拉萨", "mongol": "呼和浩特", "yi": "凉山"}.get(minority)
        city = city or home or self.city()
        if not code:
            code = self.pick(CITIES[city][5])[1]
        if years:
            birth = datetime.date(years[0], 1, 1) + datetime.timedelta(days=self.r.randint(0, (years[1] - years[0]) * 365))
        elif minor:
            birth = datetime.date(2009, 1, 1) + datetime.timedelta(days=self.r.randint(0, 17 * 365))
        elif old:
            birth = datetime.date(1930, 1, 1) + datetime.timedelta(days=self.r.randint(0, 30 * 365))
        else:
            birth = datetime.date(1955, 1, 1) + datetime.timedelta(days=self.r.randint(0, 48 * 365))
        seq = self.r.randrange(0, 999)
        if (seq % 2 == 1) != (sex == "男"):
            seq = (seq + 1) % 1000
        body = f"{code}{birth:%Y%m%d}{seq:03d}"
        mobile = self.pick(["13", "15", "18", "17", "19", "16", "14"]) + self.pick("0123456789") + self.digits(8)
        return Person(name, sex, birth, body + id_check(body), city, code, mobile, minority)

    def name(self, p: Person, layout: str = "") -> Val:
        """The person's name as gold; ``layout`` 'spaced' writes a two-character name with a space (forms do)."""
        kind = self.name_kind(p)
        if layout == "spaced" and len(p.name) == 2:
            return Val("PERSON", kind, p.name[0] + "　" + p.name[1])
        return Val("PERSON", kind, p.name)

    def name_kind(self, p: Person) -> str:
        if p.minority:
            return "name_minority_" + p.minority
        if p.name[:2] in COMPOUND_SURNAMES:
            return "name_compound"
        if p.name[0] in RARE_SURNAMES:
            return "name_rare"
        if len(p.name) == 3 and p.name[1] in "阿小":
            return "name_a_xiao"
        return "name_two_char" if len(p.name) == 2 else "name"

    def title(self, p: Person) -> Decoy:
        """A surname with a title (李先生, 老张, 小刘): not enough to name anyone."""
        s = p.surname or self.fake.last_name()
        return Decoy(self.pick([s + self.pick(TITLES), "老" + s, "小" + s]) if len(s) == 1 else s + self.pick(TITLES),
                     "title_name")

    def pseudonym(self) -> Decoy:
        s = self.fake.last_name()
        return Decoy(s + self.pick(["某", "某某", "某甲", "某乙", "某某某"]), "pseudonym")

    # ------------------------------------------------------------------ identifiers

    def id(self, p: Person, kind: str = "") -> Val:
        kind = kind or self.weighted({"id": 60, "id_x": 0, "id_full": 5, "id_space": 6, "id_space_irregular": 3,
                                      "id_hyphen": 3, "id_linebreak": 3, "id_lower_x": 0, "id_wrong_check": 2, "id_15": 3})
        n = p.id
        if kind == "id_15" and p.birth.year >= 1980:
            kind = "id"  # the 15-digit form was replaced before they were of age
        if kind == "id" and n[-1] == "X":
            kind = self.pick(["id_x", "id_x", "id_lower_x"])
        if kind == "id_lower_x" and n[-1] != "X":
            kind = "id"
        if kind in ("id", "id_x"):
            return Val("CN_ID_NUMBER", kind, n)
        if kind == "id_lower_x":
            return Val("CN_ID_NUMBER", kind, n[:-1] + "x")
        if kind == "id_full":
            return Val("CN_ID_NUMBER", kind, n.translate(FULL))
        if kind == "id_space":
            return Val("CN_ID_NUMBER", kind, f"{n[:6]} {n[6:14]} {n[14:]}")
        if kind == "id_space_irregular":
            cut = sorted(self.r.sample(range(2, 17), 2))
            return Val("CN_ID_NUMBER", kind, f"{n[:cut[0]]} {n[cut[0]:cut[1]]} {n[cut[1]:]}")
        if kind == "id_hyphen":
            return Val("CN_ID_NUMBER", kind, self.pick([f"{n[:6]}-{n[6:14]}-{n[14:]}", "-".join(n[i:i + 4] for i in range(0, 18, 4))]))
        if kind == "id_linebreak":
            cut = self.r.randint(6, 14)
            return Val("CN_ID_NUMBER", kind, n[:cut] + "\n" + n[cut:])
        if kind == "id_wrong_check":
            wrong = self.pick([c for c in "0123456789X" if c != n[-1]])
            return Val("CN_ID_NUMBER", kind, n[:-1] + wrong)
        if kind == "id_15":
            return Val("CN_ID_NUMBER", kind, n[:6] + n[8:14] + n[14:17])
        raise KeyError(kind)

    def mobile(self, p: Person, kind: str = "") -> Val:
        kind = kind or self.weighted({"mobile": 70, "mobile_space": 7, "mobile_hyphen": 6, "mobile_plus86": 5,
                                      "mobile_0086": 2, "mobile_full": 4, "mobile_linebreak": 2})
        m = p.mobile
        if kind == "mobile":
            return Val("CN_MOBILE", kind, m)
        if kind == "mobile_space":
            return Val("CN_MOBILE", kind, self.pick([f"{m[:3]} {m[3:7]} {m[7:]}", f"{m[:3]} {m[3:]}"]))
        if kind == "mobile_hyphen":
            return Val("CN_MOBILE", kind, f"{m[:3]}-{m[3:7]}-{m[7:]}")
        if kind == "mobile_plus86":
            return Val("CN_MOBILE", kind, m, pre=self.pick(["+86 ", "+86", "+86-", "(+86)"]))
        if kind == "mobile_0086":
            return Val("CN_MOBILE", kind, m, pre="0086")
        if kind == "mobile_full":
            return Val("CN_MOBILE", kind, m.translate(FULL))
        if kind == "mobile_linebreak":
            cut = self.r.randint(3, 8)
            return Val("CN_MOBILE", kind, m[:cut] + "\n" + m[cut:])
        raise KeyError(kind)

    def landline(self, city: str = "", kind: str = "") -> Val:
        city = city or self.city()
        _, _, area, n, *_ = CITIES[city]
        local = self.pick("2345678") + self.digits(n - 1)
        kind = kind or self.weighted({"landline": 70, "landline_no_area": 12, "landline_ext": 8, "landline_paren": 10})
        if kind == "landline":
            return Val("CN_LANDLINE", kind, self.pick([f"{area}-{local}", f"{area}{local}", f"{area} {local}"]))
        if kind == "landline_paren":
            return Val("CN_LANDLINE", kind, self.pick([f"({area}){local}", f"（{area}）{local}"]))
        if kind == "landline_no_area":
            return Val("CN_LANDLINE", kind, local if n == 7 or self.chance(0.5) else f"{local[:4]} {local[4:]}")
        if kind == "landline_ext":
            return Val("CN_LANDLINE", kind, f"{area}-{local}", post=self.pick(["转", "-", " 分机"]) + self.digits(3))
        raise KeyError(kind)

    def card(self, kind: str = "") -> tuple:
        """(bank, gold bank card)."""
        bank, bin6, length = self.pick(BANKS)
        if self.chance(0.08):
            length = self.pick([17, 18])
        body = bin6 + self.digits(length - 7)
        n = body + luhn_digit(body)
        kind = kind or self.weighted({"card": 55, "card_4_4_4_4": 25, "card_6_13": 8, "card_linebreak": 4, "card_full": 3})
        if kind == "card":
            return bank, Val("CN_BANK_CARD", f"card_{len(n)}", n)
        if kind == "card_4_4_4_4":
            grouped = " ".join(n[i:i + 4] for i in range(0, len(n), 4))
            kind = {16: "card_4_4_4_4", 19: "card_4_4_4_4_3"}.get(len(n), "card_4_grouped")
            return bank, Val("CN_BANK_CARD", kind, grouped if self.chance(0.85) else grouped.replace(" ", "-"))
        if kind == "card_6_13":
            return bank, Val("CN_BANK_CARD", kind, n[:6] + " " + n[6:])
        if kind == "card_linebreak":
            cut = self.r.randint(6, 12)
            return bank, Val("CN_BANK_CARD", kind, n[:cut] + "\n" + n[cut:])
        if kind == "card_full":
            return bank, Val("CN_BANK_CARD", kind, n.translate(FULL))
        raise KeyError(kind)

    def credit_code(self, head: str, code: str) -> str:
        org = "".join(self.r.choice(CREDIT_ALPHABET[:10] if self.chance(0.7) else CREDIT_ALPHABET) for _ in range(8))
        body = head + code + org + org_check(org)
        return body + credit_check(body)

    def company(self, city: str = "", head: str = "") -> tuple:
        """(name, gold credit code) of an enterprise (91), individual business (92), co-operative (93) or
        private non-enterprise unit (52)."""
        city = city or self.city()
        code = self.pick(CITIES[city][5])[1]
        head = head or self.weighted({"91": 80, "92": 10, "93": 5, "52": 5})
        short = self.fake.company_prefix()
        name = {"91": f"{city}{short}{self.pick(['科技', '建材', '物流', '餐饮', '物业服务', '电子', '贸易'])}有限公司",
                "92": f"{CITIES[city][5][0][0]}{self.fake.last_name()}记{self.pick(['五金店', '小吃店', '汽修部', '便利店'])}",
                "93": f"{city}{short}{self.pick(['种养', '果蔬', '茶叶', '养殖'])}专业合作社",
                "52": f"{city}{short}{self.pick(['培训学校', '养老院', '社会工作服务中心'])}"}[head]
        return name, Val("CN_CREDIT_CODE", "credit_" + head, self.credit_code(head, code))

    def passport(self) -> Val:
        kind = self.weighted({"passport_E8": 60, "passport_EA": 15, "passport_G": 10, "passport_spaced": 15})
        if kind == "passport_E8":
            return Val("CN_PASSPORT", kind, "E" + self.digits(8))
        if kind == "passport_EA":
            return Val("CN_PASSPORT", kind, "E" + self.pick("ABCDEFGHJK") + self.digits(7))
        if kind == "passport_G":
            return Val("CN_PASSPORT", kind, "G" + self.digits(8))
        return Val("CN_PASSPORT", kind, "E" + " ".join([self.digits(4), self.digits(4)]))

    def permit(self) -> Val:
        """往来港澳通行证 (C + 8 digits) or the Mainland Travel Permit of a Hong Kong / Macao resident (H/M + 8)."""
        head = self.pick("CCHM")
        return Val("CN_PASSPORT", f"permit_{head}8", head + self.digits(8))

    def plate(self, city: str = "") -> Val:
        prefix = CITIES[city or self.city()][4]
        if len(prefix) == 1:
            prefix += self.pick("ABCEFGHJKLMNPQ")
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        if self.chance(0.2):
            return Val("CN_LICENSE_PLATE", "plate_ne", prefix + self.pick("DF") + self.pick(letters + "0123456789") + self.digits(4))
        tail = "".join(self.pick(letters + "0123456789" * 3) for _ in range(5))
        sep = self.weighted({"": 60, "·": 25, " ": 15})
        return Val("CN_LICENSE_PLATE", "plate" if not sep else "plate_sep", prefix + sep + tail)

    def email(self, p: Person) -> Val:
        s = SURNAME_PINYIN.get(p.surname, "")
        user = self.pick([p.mobile[-8:] if self.chance(0.3) else str(self.r.randint(10000, 2999999999)),
                          (s or self.fake.user_name()) + self.digits(self.r.randint(2, 4)),
                          self.fake.user_name()])
        domain = self.pick(MAIL_DOMAINS)
        if self.chance(0.1):
            return Val("EMAIL_ADDRESS", "email_fullwidth_at", f"{user}＠{domain}")
        return Val("EMAIL_ADDRESS", "email", f"{user}@{domain}")

    def address(self, p: Person = None, kind: str = "", city: str = "") -> Val:
        """A home address: the span from the province, the core from the road or village down."""
        kind = kind or self.weighted({"address": 48, "address_village": 15, "address_short": 14, "address_split": 8,
                                      "address_estate": 10, "address_group": 5})
        if kind in ("address_village", "address_group"):
            prefix, _, town, villages, _ = self.pick(RURAL)
            village = self.pick(villages)
            group = self.pick([f"{self.r.randint(1, 12)}组", f"第{'一二三四五六七八九十'[self.r.randint(0, 9)]}村民小组",
                               f"{self.r.randint(1, 9)}社"])
            core = village + (group if kind == "address_group" or self.chance(0.5) else "") + f"{self.r.randint(1, 199)}号"
            return Val("CN_ADDRESS", kind, core, pre=(prefix if self.chance(0.7) else "") + town)
        city = city or (p.city if p else self.city())
        province, city_name, *_ = CITIES[city]
        district, _, towns, roads = self.pick(CITIES[city][5])
        town = self.pick(towns) if self.chance(0.4) else ""
        road = self.pick(roads) + f"{self.r.randint(1, 999)}号"
        building = self.pick([f"{self.r.randint(1, 30)}栋", f"{self.r.randint(1, 12)}座", f"{self.r.randint(1, 40)}号楼"])
        unit = f"{self.r.randint(1, 6)}单元" if self.chance(0.5) else ""
        room = f"{self.r.randint(1, 33)}{self.r.randint(1, 8):02d}{self.pick(['室', '房', ''])}"
        estate = self.pick(ESTATES)
        if kind == "address_estate":
            core = estate + building + unit + room
            return Val("CN_ADDRESS", kind, core, pre=province + city_name + district + town)
        core = road + (estate + building + unit + room if self.chance(0.7) else "")
        if kind == "address_short":
            return Val("CN_ADDRESS", kind, core, pre=self.pick([district, ""]))
        if kind == "address_split":
            cut = self.r.randint(2, len(core) - 2)
            while core[cut - 1].isspace() or core[cut].isspace():
                cut += 1
            return Val("CN_ADDRESS", kind, core[:cut] + "\n" + core[cut:], pre=province + city_name + district + town)
        return Val("CN_ADDRESS", kind, core, pre=(province if province != city_name + "市" and self.chance(0.6) else "")
                   + city_name + district + town)

    # ------------------------------------------------------------------ look-alikes

    def office(self, city: str = "") -> tuple:
        """(a public body's name, its office address as a look-alike)."""
        city = city or self.city()
        province, city_name, *_ = CITIES[city]
        district, _, _, roads = self.pick(CITIES[city][5])
        body = self.pick(["人力资源和社会保障局", "司法局", "民政局", "退役军人事务局", "卫生健康委员会", "住房公积金管理中心",
                          "公安局交通警察支队", "市场监督管理局", "行政审批局", "医疗保障局"])
        name = (city_name or province) + body if self.chance(0.5) else (city_name or province) + district + body
        return name, Decoy(f"{city_name or province}{district}{self.pick(roads)}{self.r.randint(1, 300)}号", "office_address")

    def public_phone(self, city: str = "") -> Decoy:
        city = city or self.city()
        _, _, area, n, *_ = CITIES[city]
        if self.chance(0.35):
            return Decoy(self.pick([f"{area}-12345", "12345", f"{area}-{self.pick(HOTLINES[:10])}",
                                    self.pick(HOTLINES), "400-" + self.digits(3) + "-" + self.digits(4)]), "hotline")
        return Decoy(f"{area}-{self.pick('2345678')}{self.digits(n - 1)}", "public_phone")

    def public_email(self, city: str = "") -> Decoy:
        city = city or self.city()
        if self.chance(0.2):
            return Decoy(self.pick(["xfb", "jubao", "fyzx", "rsjxf", "sjfy"]) + self.digits(4) + "@163.com", "public_mailbox_163")
        user = self.pick(["xzfy", "ldzc", "flyz", "gjj", "rsj", "wjw", "mzj", "tyjrj", "bgs", "zwgk", "xinfang", "12345"])
        return Decoy(f"{user}@{GOV_DOMAINS[city]}", "public_email")

    def public_credit(self, city: str = "") -> Decoy:
        code = self.pick(CITIES[city or self.city()][5])[1]
        return Decoy(self.credit_code(self.pick(["11", "12"]), code), "public_credit_code")

    def public_account(self) -> Decoy:
        while True:
            n = self.pick(["4405", "3602", "1100", "4000", "2010"]) + self.digits(self.pick([15, 16, 17, 18]))
            if not luhn_valid(n):
                return Decoy(n, "public_account")

    def serial_18(self) -> Decoy:
        """An 18-digit transaction number whose 'birth date' is impossible (month 13-99)."""
        while True:
            n = "2026" + self.digits(6) + str(self.r.randint(13, 99)) + self.digits(6)
            if not id_valid(n):
                return Decoy(n, "serial_18")

    def non_luhn_run(self) -> Decoy:
        while True:
            n = self.pick(["7", "6", "3", "9"]) + self.digits(self.pick([15, 18]))
            if not luhn_valid(n):
                return Decoy(n, "non_luhn_run")

    def masked_id(self, p: Person) -> Decoy:
        """An ID number already masked by its publisher (公示 lists print them so)."""
        n = p.id
        return Decoy(self.pick([n[:6] + "*" * 8 + n[14:], n[:3] + "*" * 11 + n[14:], n[:4] + "**********" + n[14:]]),
                     "masked_id")

    def masked_mobile(self, p: Person) -> Decoy:
        m = p.mobile
        return Decoy(self.pick([m[:3] + "****" + m[7:], "尾号" + m[7:], m[:3] + "*****" + m[8:]]), "masked_mobile")

    def doc_no(self, city: str = "") -> Decoy:
        short = self.pick(["穗", "深", "杭", "宁", "汉", "蓉", "西", "乌", "拉", "呼", "贵", "郑", "长", "厦", "邕", "济", "昆", "佛"])
        return Decoy(self.pick([f"{short}府办〔2026〕{self.r.randint(1, 99)}号", f"{short}人社规〔{self.r.randint(2023, 2026)}〕{self.r.randint(1, 20)}号",
                                f"{short}政复〔2026〕{self.r.randint(1, 400)}号", f"{short}卫发〔2025〕{self.r.randint(1, 60)}号"]), "doc_no")

    def case_no(self) -> Decoy:
        return Decoy(self.pick([f"（2026）{self.pick('京沪粤浙苏鄂川陕新藏蒙贵黑豫湘闽桂鲁云')}{self.digits(4)}"
                                f"{self.pick(['民初', '行初', '执', '民终'])}{self.r.randint(1, 9999)}号",
                                f"{self.pick(['穗', '深', '杭', '蓉', '乌'])}劳人仲案字〔2026〕第{self.r.randint(1, 3000)}号",
                                f"{self.pick(['穗', '深', '杭', '蓉', '乌'])}人社工伤认字〔2026〕{self.r.randint(1, 5000)}号"]), "case_no")

    def amount(self) -> Decoy:
        x = self.r.randint(100, 300000)
        return Decoy(self.pick([f"{x}元", f"人民币{x:,}.00元", f"￥{x:,}", f"{x / 10000:.2f}万元", f"{x}.{self.digits(2)}元"]), "amount")

    def historical(self) -> Decoy:
        return Decoy(self.pick(HISTORICAL), "historical")

    def road_named(self) -> Decoy:
        return Decoy(self.pick(PEOPLE_PLACES), "road_name")

    def area(self, city: str = "") -> Decoy:
        city = city or self.city()
        district, _, towns, _ = self.pick(CITIES[city][5])
        return Decoy(self.pick([district, self.pick(towns), CITIES[city][1] + district]), "area")
