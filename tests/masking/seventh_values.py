"""Values of the seventh corpus: people, numbers in the forms people write them, look-alikes.

Every value carries its entity and hard-case kind (gold) or its look-alike kind. Check digits
come from ``tests/masking/oracles.py`` (written from the standards), never from ``masking/``.
"""
from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass

from faker import Faker

from tests.masking.oracles import (CREDIT_ALPHABET, HMT_REGIONS, REGIONS, credit_check_char, credit_valid,
                                   id_check_char, id_valid, luhn_check_digit, luhn_valid, org_check_char)

__all__ = ["G", "D", "Doc", "Values", "Person", "plain", "REGIONS", "HMT_REGIONS", "HISTORICAL", "TITLES",
           "credit_valid", "id_valid", "luhn_valid", "SPOKEN", "OCR"]


@dataclass(frozen=True)
class G:
    """A gold value: its text, entity, kind and the core's bounds inside the text."""
    text: str
    entity: str
    kind: str
    c0: int = 0
    c1: int = -1

    @property
    def core(self) -> tuple:
        return self.c0, len(self.text) if self.c1 == -1 else self.c1


@dataclass(frozen=True)
class D:
    """A look-alike: written like a personal value, not one."""
    text: str
    kind: str


class Doc:
    """A text written piece by piece; ``f`` fills each ``{}`` with a str, G or D."""

    def __init__(self):
        self.parts, self.gold, self.decoys, self.pos = [], [], [], 0

    def t(self, s: str) -> "Doc":
        self.parts.append(s)
        self.pos += len(s)
        return self

    def add(self, x) -> "Doc":
        if isinstance(x, G):
            c0, c1 = x.core
            self.gold.append((self.pos, self.pos + len(x.text), x.entity, self.pos + c0, self.pos + c1, x.kind))
        elif isinstance(x, D):
            self.decoys.append((self.pos, self.pos + len(x.text), x.kind))
        else:
            return self.t(str(x))
        return self.t(x.text)

    def f(self, fmt: str, *args) -> "Doc":
        pieces = fmt.split("{}")
        assert len(pieces) == len(args) + 1, (fmt, args)
        for piece, arg in zip(pieces, args):
            self.t(piece)
            self.add(arg)
        return self.t(pieces[-1])

    def render(self):
        return "".join(self.parts), self.gold, self.decoys


SPOKEN = {"零": "0", "洞": "0", "幺": "1", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
          "六": "6", "七": "7", "拐": "7", "八": "8", "九": "9"}
OCR = {"O": "0", "o": "0", "l": "1", "I": "1"}
FULL = {chr(0xFF10 + i): str(i) for i in range(10)} | {"Ｘ": "X"}


def plain(raw: str, ocr: bool = False) -> str:
    """The value a raw string writes: full-width and spoken digits read, blanks, hyphens, dots
    and commas of a spoken run dropped (and, for an OCR kind, O/l/I read as 0/1)."""
    out = []
    for c in raw:
        c = FULL.get(c, SPOKEN.get(c, c))
        if ocr:
            c = OCR.get(c, c)
        if c.isspace() or c in "-—，,、 ·":
            continue
        out.append(c)
    return "".join(out)


HISTORICAL = ("孙中山", "詹天佑", "林则徐", "康有为", "梁启超", "黄飞鸿", "叶问", "邓世昌", "冼星海", "袁崇焕",
              "陈启沅", "容闳", "张荫桓", "邝露", "戴鸿慈", "何香凝", "廖仲恺", "朱次琦", "陈白沙", "海瑞")
TITLES = ("局长", "主任", "老师", "先生", "女士", "经理", "书记", "科长", "所长", "律师", "师傅", "医生", "工", "警官",
          "村长", "大姐", "阿姨", "总")

COMPOUND = ("欧阳", "司马", "上官", "诸葛", "慕容", "皇甫", "尉迟", "令狐", "公孙", "东方", "夏侯", "端木", "澹台",
            "长孙", "宇文", "司徒", "申屠", "万俟", "呼延", "第五")
RARE_SURNAMES = ("郗", "逄", "隗", "笪", "禚", "亓", "佘", "昝", "缑", "仉", "琚", "钭", "羿", "蒯", "冼", "邝", "麦", "訾",
                 "郜", "眭", "茆", "厍", "蔺", "阚")
RARE_GIVEN = ("彧", "翀", "旻", "玥", "犇", "淼", "喆", "堃", "赟", "珺", "昀", "祎", "玙", "燚", "垚", "珏", "婧", "暄",
              "煜", "骁", "沅", "芃", "弢", "晞", "璟", "霈")
COMMON_GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
                "霞", "平", "刚", "桂英", "建华", "志强", "晓燕", "海燕", "春梅", "国庆", "子涵", "浩然", "欣怡", "梓萱")
MINORITY = {
    "uyghur": (("阿卜杜拉", "热依拉", "古丽米热", "买买提江", "迪丽努尔", "艾尔肯", "帕提古丽", "努尔艾力", "阿依努尔",
                "吐尔逊江", "米合热阿依", "艾合买提"),
               ("买买提", "艾则孜", "吐尔逊", "阿不都热依木", "艾力", "吐尔洪", "麦麦提", "库尔班", "阿西木", "热合曼")),
    "kazakh": (("叶尔兰", "阿依达娜", "加娜尔古丽", "努尔兰", "巴合提别克", "古丽娜尔", "别克波拉提", "阿依古丽"),
               ("努尔兰", "别克", "哈力木", "叶尔肯", "阿曼", "吐尔逊拜", "加肯", "吾拉孜别克")),
    "tibetan": ("扎西顿珠", "次仁卓玛", "格桑曲珍", "尼玛次仁", "洛桑旦增", "德吉央宗", "普布扎西", "索朗旺姆", "平措",
                "拉巴", "边巴次仁", "白玛央金", "旦增卓嘎", "贡觉"),
    "yi": ("吉克阿依", "阿尔木呷", "沙马拉毅", "吉克曲布", "阿苏拉则", "海来阿木", "勒格伍沙", "曲比阿果", "马海木呷",
           "俄底伍各", "吉伍尔哈", "阿说日古"),
    "mongolian": ("巴特尔", "其其格", "乌兰图雅", "额尔敦巴雅尔", "苏日娜", "那仁高娃", "孟和巴特尔", "敖登格日乐",
                  "包乌日图", "哈斯其木格", "宝音德力格尔", "斯琴"),
    "dai": ("岩温", "玉香", "岩罕", "玉应叫", "岩香南", "玉儿甩", "岩庄", "玉罕", "岩糯", "玉旺"),
    "zhuang": ("覃美玲", "韦金凤", "蓝秀英", "陆桂兰", "莫春燕", "黄达旺", "韦庆恒", "覃立新", "农秀珍", "蒙绍光"),
    "hui": ("马哈比", "纳常福", "撒忠贵", "丁玉梅", "哈德明", "马秀兰", "纳建新", "马尔沙", "海富贵", "锁金花"),
    "korean": ("朴成浩", "金顺姬", "崔英哲", "李明淑", "郑春花", "朴美兰", "全光日", "玄哲洙", "南英子", "许昌焕"),
    "miao": ("龙金花", "麻秀英", "石春妹", "龙会英", "麻金凤", "吴通贵", "石老幺", "杨再芬", "龙章秀", "滕树英"),
}
MINORITY_REGIONS = {"uyghur": ("650102", "653101"), "kazakh": ("654002",), "tibetan": ("540102",),
                    "yi": ("513401", "513431"), "mongolian": ("150102", "152502"), "dai": ("532801",),
                    "zhuang": ("450102", "450103"), "hui": ("640104",), "korean": ("222401",), "miao": ("522601", "433101")}
ETHNIC = {"uyghur": "维吾尔族", "kazakh": "哈萨克族", "tibetan": "藏族", "yi": "彝族", "mongolian": "蒙古族", "dai": "傣族",
          "zhuang": "壮族", "hui": "回族", "korean": "朝鲜族", "miao": "苗族"}
PINYIN = (("张伟", "ZHANG Wei"), ("王芳", "WANG Fang"), ("李娜", "LI Na"), ("刘洋", "LIU Yang"), ("陈静", "CHEN Jing"),
          ("杨帆", "YANG Fan"), ("赵磊", "ZHAO Lei"), ("黄敏", "HUANG Min"), ("周杰", "ZHOU Jie"), ("吴婷", "WU Ting"),
          ("欧阳晓燕", "OUYANG Xiaoyan"), ("林志强", "LIN Zhiqiang"), ("郑雪梅", "ZHENG Xuemei"), ("孙浩然", "SUN Haoran"),
          ("何静怡", "HE Jingyi"), ("胡建军", "HU Jianjun"), ("罗春燕", "LUO Chunyan"), ("梁国栋", "LIANG Guodong"))
TRADITIONAL = ("陳大文", "黃志強", "林美玲", "張家豪", "何詠詩", "吳家明", "鄭淑芬", "梁偉倫", "蔡宜蓁", "許雅婷", "謝承恩",
               "周俊傑", "陳麗華", "葉國輝", "馮綺雯", "劉子軒", "鍾嘉欣", "黎志聰")
WORDLIKE = ("高峰", "白雪", "江山", "夏天", "文静", "林海", "金星", "向阳", "齐心", "海洋", "何平", "石磊", "万里", "钱进",
            "高明", "左右", "常青", "安康", "胡同", "朱红", "黄金", "张开", "包容", "陈列")
SHI_WIVES = ("王", "李", "陈", "刘", "黄", "何", "梁", "罗", "邓", "苏")

MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "166", "171", "173", "175", "176", "177", "178", "180", "181",
                   "182", "183", "185", "186", "187", "188", "189", "191", "193", "195", "198", "199")
BINS = (("622202", 19), ("621700", 19), ("622848", 19), ("621661", 19), ("622262", 19), ("621226", 19), ("623058", 19),
        ("622700", 19), ("621483", 16), ("622588", 16), ("625965", 16), ("436742", 16), ("622609", 16))
ODD_BINS = {17: ("622468", "620058"), 18: ("623595", "621098")}
AREA_CODES = (("0757", 8), ("020", 8), ("0755", 8), ("010", 8), ("021", 8), ("0571", 8), ("028", 8), ("0851", 8),
              ("0991", 8), ("0891", 7), ("0433", 7), ("0691", 7), ("0771", 7), ("0951", 7))
PROVINCE_ABBR = {"11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉", "23": "黑",
                 "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫",
                 "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "川", "52": "贵",
                 "53": "云", "54": "藏", "61": "陕", "62": "甘", "63": "青", "64": "宁", "65": "新"}
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
TOWNS = ("城关镇", "新华街道", "龙山镇", "河西街道", "白沙镇", "永安镇", "团结乡", "太平镇", "东风街道", "南门街道",
         "红旗乡", "长安镇", "金星乡", "北关街道")
FOSHAN_TOWNS = {"440604": ("祖庙街道", "张槎街道", "石湾镇街道", "南庄镇"),
                "440605": ("桂城街道", "大沥镇", "里水镇", "九江镇", "西樵镇", "狮山镇", "丹灶镇"),
                "440606": ("大良街道", "容桂街道", "乐从镇", "北滘镇", "陈村镇", "杏坛镇", "均安镇"),
                "440607": ("西南街道", "白坭镇", "芦苞镇", "大塘镇"), "440608": ("荷城街道", "杨和镇", "明城镇", "更合镇")}
ROADS = ("建设路", "人民路", "解放北路", "中山二路", "和平街", "文昌路", "滨江东路", "南海大道北", "桂澜中路", "季华五路",
         "佛山大道中", "岭南大道北", "朝阳北路", "团结巷", "新村二街", "东风路", "环城西路", "花园街", "工农路", "幸福路")
ESTATES = ("阳光花园", "金域蓝湾", "锦绣家园", "翠湖苑", "幸福里小区", "碧水湾", "怡景花园", "保利中央公园", "中海千灯湖",
           "万科城市花园", "康乐新村", "职工宿舍", "城南小区", "丽日豪庭")
VILLAGES = ("石岗村", "新塘村", "下坝村", "黄泥湾村", "柏树村", "大坪村", "沙头村", "罗村", "河口村", "上寨村", "龙井村",
            "三合村", "岭背村", "平安村")
GROUP_NUMS = "一二三四五六七八九十"


@dataclass
class Person:
    name: str
    kind: str
    sex: str
    birth: datetime.date
    region: str
    id18: str
    ethnic: str = "汉族"

    @property
    def age(self) -> int:
        return 2026 - self.birth.year


class Values:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    # -------------------------------------------------------------- small helpers
    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, n: int, first: str = "0123456789") -> str:
        return self.rng.choice(first) + "".join(self.rng.choice("0123456789") for _ in range(n - 1))

    def date(self, start=(2024, 1, 1), end=(2026, 11, 30)) -> datetime.date:
        a, b = datetime.date(*start), datetime.date(*end)
        return a + datetime.timedelta(days=self.rng.randint(0, (b - a).days))

    def cn_date(self, d=None) -> str:
        d = d or self.date()
        return f"{d.year}年{d.month}月{d.day}日"

    def amount(self, lo: int = 100, hi: int = 900000) -> D:
        n = self.rng.randint(lo, hi) + self.rng.randint(0, 99) / 100
        return D(self.pick((f"{n:,.2f}元", f"人民币{n:.2f}元", f"¥{n:,.2f}", f"{int(n)}元")), "amount")

    # -------------------------------------------------------------- people
    def han_name(self, kind: str) -> str:
        if kind == "name_compound":
            return self.pick(COMPOUND) + self.pick(COMMON_GIVEN + RARE_GIVEN)
        if kind == "name_rare":
            return self.pick(RARE_SURNAMES + (self.fake.last_name(),)) + self.pick(RARE_GIVEN) + self.pick(("", "") + RARE_GIVEN + COMMON_GIVEN[:10])
        if kind == "name_wordlike":
            return self.pick(WORDLIKE)
        if kind == "name_two_char":
            while True:
                n = self.fake.last_name() + self.pick(tuple(g for g in COMMON_GIVEN if len(g) == 1) + RARE_GIVEN[:6])
                if len(n) == 2:
                    return n
        while True:
            n = self.fake.name()
            if 3 <= len(n) <= 4 and "某" not in n and n not in HISTORICAL:
                return n

    def minority_name(self, group: str) -> str:
        names = MINORITY[group]
        if group in ("uyghur", "kazakh"):
            return self.pick(names[0]) + "·" + self.pick(names[1])
        return self.pick(names)

    def person(self, kind: str = None, ages=(20, 75), sex: str = None) -> Person:
        if kind is None:
            r = self.rng.random()
            kind = ("name_common" if r < 0.44 else "name_two_char" if r < 0.51 else "name_wordlike" if r < 0.54
                    else "name_rare" if r < 0.61
                    else "name_compound" if r < 0.67 else "name_" + self.pick(tuple(MINORITY)))
        group = kind[5:]
        if group in MINORITY:
            name, region, ethnic = self.minority_name(group), self.pick(MINORITY_REGIONS[group]), ETHNIC[group]
        else:
            name, ethnic = self.han_name(kind), "汉族"
            region = self.pick(("440604", "440605", "440606", "440607", "440608") * 3 + tuple(REGIONS))
        age = self.rng.randint(*ages)
        birth = datetime.date(2026 - age, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 364))
        sex = sex or self.pick("男女")
        seq = self.digits(2) + self.pick("13579" if sex == "男" else "02468")
        body = region + birth.strftime("%Y%m%d") + seq
        return Person(name, kind, sex, birth, region, body + id_check_char(body), ethnic)

    def name(self, p: Person, kind: str = None) -> G:
        return G(p.name, "PERSON", kind or p.kind)

    def spaced(self, p: Person) -> G:
        return G("　".join(p.name) if len(p.name) == 2 else " ".join(p.name), "PERSON", "name_spaced")

    def shi_name(self) -> G:
        return G(self.fake.last_name()[:1] + self.pick(SHI_WIVES) + "氏", "PERSON", "name_shi")

    def pinyin_pair(self) -> tuple:
        zh, py = self.pick(PINYIN)
        return G(zh, "PERSON", "name_common" if len(zh) > 2 else "name_two_char"), G(py, "PERSON", "name_pinyin")

    def trad_name(self) -> G:
        return G(self.pick(TRADITIONAL), "PERSON", "name_traditional")

    # -------------------------------------------------------------- ID numbers
    def id_x_person(self, **kw) -> Person:
        while True:
            p = self.person(**kw)
            if p.id18.endswith("X"):
                return p

    def id(self, p: Person, kind: str = "id") -> G:
        s = p.id18
        if kind == "id_wrong_check":
            s = s[:17] + self.pick([c for c in "0123456789X" if c != s[17]])
        elif kind == "id_lower_x":
            s = s[:17] + "x"
        elif kind == "id_15":
            s = p.region + p.birth.strftime("%y%m%d") + s[14:17]
        elif kind == "id_full":
            s = "".join(chr(0xFF10 + int(c)) if c.isdigit() else "Ｘ" for c in s)
        elif kind == "id_space":
            s = f"{s[:6]} {s[6:14]} {s[14:]}"
        elif kind == "id_space4":
            s = " ".join(s[i:i + 4] for i in range(0, 18, 4))
        elif kind == "id_hyphen":
            s = f"{s[:6]}-{s[6:14]}-{s[14:]}"
        elif kind == "id_linebreak":
            cut = self.rng.randint(6, 14)
            s = s[:cut] + "\n" + s[cut:]
        elif kind == "id_spoken":
            words = "零幺二三四五六七八九"
            s = "".join(words[int(c)] if c.isdigit() else "叉" for c in s)
            s = s[:6] + "，" + s[6:14] + "，" + s[14:]
        elif kind == "id_ocr":
            chars = list(s)
            spots = [i for i, c in enumerate(chars[:17]) if c in "01"]
            for i in self.rng.sample(spots, min(len(spots), self.rng.randint(1, 2))):
                chars[i] = self.pick("Oo") if chars[i] == "0" else self.pick("lI")
            s = "".join(chars)
        return G(s, "CN_ID_NUMBER", kind)

    def hmt_id(self, place: str = None) -> G:
        place = place or self.pick(tuple(HMT_REGIONS))
        birth = datetime.date(self.rng.randint(1950, 2004), self.rng.randint(1, 12), self.rng.randint(1, 28))
        body = place + birth.strftime("%Y%m%d") + self.digits(3)
        return G(body + id_check_char(body), "CN_ID_NUMBER", "id_hmt_residence")

    # -------------------------------------------------------------- phones
    def mobile_raw(self) -> str:
        return self.pick(MOBILE_PREFIXES) + self.digits(8)

    def mobile(self, kind: str = "mobile") -> G:
        m = self.mobile_raw()
        if kind == "mobile_plus86":
            pre = self.pick(("+86 ", "+86", "+86-"))
            return G(pre + m, "CN_MOBILE", kind, len(pre))
        if kind == "mobile_0086":
            pre = self.pick(("0086 ", "0086-"))
            return G(pre + m, "CN_MOBILE", kind, len(pre))
        if kind == "mobile_paren86":
            return G("(+86)" + m, "CN_MOBILE", kind, 5)
        if kind == "mobile_space":
            m = f"{m[:3]} {m[3:7]} {m[7:]}"
        elif kind == "mobile_hyphen":
            m = f"{m[:3]}-{m[3:7]}-{m[7:]}"
        elif kind == "mobile_full":
            m = "".join(chr(0xFF10 + int(c)) for c in m)
        elif kind == "mobile_linebreak":
            cut = self.rng.randint(3, 8)
            m = m[:cut] + "\n" + m[cut:]
        elif kind == "mobile_spoken":
            words = "零幺二三四五六七八九"
            sp = "".join(words[int(c)] for c in m)
            m = sp[:3] + self.pick(("，", "、", " ")) + sp[3:7] + self.pick(("，", "、", " ")) + sp[7:]
        elif kind == "mobile_ocr":
            chars = list(m)
            spots = [i for i, c in enumerate(chars) if c in "01" and i > 0]
            if not spots:
                chars[5], spots = "0", [5]
            for i in self.rng.sample(spots, 1):
                chars[i] = self.pick("Oo") if chars[i] == "0" else self.pick("lI")
            m = "".join(chars)
        return G(m, "CN_MOBILE", kind)

    def landline(self, kind: str = "landline") -> G:
        area, n = self.pick(AREA_CODES)
        num = self.digits(n, "2345678")
        if kind == "landline_no_area":
            return G(num, "CN_LANDLINE", kind)
        if kind == "landline_paren":
            return G(f"({area}){num}", "CN_LANDLINE", kind)
        if kind == "landline_ext":
            s = f"{area}-{num}"
            ext = self.pick(("转", "-", " ext.", "分机")) + self.digits(3, "123456789")
            return G(s + ext, "CN_LANDLINE", kind, 0, len(s))
        if kind == "phone_hk":
            pre = self.pick(("+852 ", "(852) ", "+853 "))
            body = self.digits(4, "569") + " " + self.digits(4)
            return G(pre + body, "CN_LANDLINE", kind, len(pre))
        return G(f"{area}-{num}", "CN_LANDLINE", kind)

    # -------------------------------------------------------------- cards and codes
    def card_raw(self, length: int = None) -> str:
        if length in ODD_BINS:
            bin_ = self.pick(ODD_BINS[length])
        else:
            bin_, length = self.pick([b for b in BINS if length in (None, b[1])])
        body = bin_ + self.digits(length - len(bin_) - 1)
        return body + luhn_check_digit(body)

    def card(self, kind: str = None) -> G:
        kind = kind or self.pick(("card_16", "card_19"))
        length = {"card_16": 16, "card_17": 17, "card_18": 18, "card_4_4_4_4": 16, "card_hyphen": 16}.get(kind, 19)
        c = self.card_raw(length)
        if kind in ("card_4_4_4_4", "card_4_4_4_4_3"):
            c = " ".join(c[i:i + 4] for i in range(0, len(c), 4))
        elif kind == "card_hyphen":
            c = "-".join(c[i:i + 4] for i in range(0, len(c), 4))
        elif kind == "card_6_13":
            c = c[:6] + " " + c[6:]
        elif kind == "card_full":
            c = "".join(chr(0xFF10 + int(d)) for d in c)
        elif kind == "card_linebreak":
            cut = self.rng.choice((8, 10, 12))
            c = c[:cut] + "\n" + c[cut:]
        return G(c, "CN_BANK_CARD", kind)

    def org_code(self) -> str:
        body = self.pick(("MA", "MA", "L", "")) + "".join(self.pick(CREDIT_ALPHABET[:10] if self.chance(0.6) else CREDIT_ALPHABET[:20])
                                                          for _ in range(8))
        body = body[:8]
        return body + org_check_char(body)

    def credit_raw(self, prefix: str, region: str = None) -> str:
        foshan = ("440604", "440605", "440606", "440607", "440608")
        body = prefix + (region or self.pick(foshan if self.chance(0.8) else tuple(REGIONS))) + self.org_code()
        return body + credit_check_char(body)

    def credit(self, kind: str = None) -> G:
        kind = kind or self.pick(("credit_91", "credit_91", "credit_92", "credit_93", "credit_52"))
        return G(self.credit_raw(kind[-2:]), "CN_CREDIT_CODE", kind)

    def public_credit(self) -> D:
        return D(self.credit_raw(self.pick(("11", "12", "13"))), "public_credit_code")

    # -------------------------------------------------------------- documents, plates, mail
    def passport(self, kind: str = None) -> G:
        kind = kind or self.pick(("passport_E8", "passport_E_letter"))
        if kind == "passport_E8":
            return G("E" + self.digits(8), "CN_PASSPORT", kind)
        if kind == "passport_E_letter":
            return G("E" + self.pick("ABCDEFGHJK") + self.digits(7), "CN_PASSPORT", kind)
        if kind == "permit_taiwan":
            return G(self.digits(8), "CN_PASSPORT", kind)
        return G(kind[-2] + self.digits(8), "CN_PASSPORT", kind)  # permit_C8, permit_H8, permit_M8

    def plate(self, kind: str = "plate", region: str = "44") -> G:
        head = PROVINCE_ABBR.get(region[:2], "粤") + self.pick(PLATE_LETTERS[:12])
        if kind == "plate_ne":
            tail = self.pick("DF") + self.digits(5)
        else:
            tail = "".join(self.pick("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ" if i < 2 else "0123456789") for i in range(5))
        sep = "·" if kind == "plate_dot" else ""
        return G(head + sep + tail, "CN_LICENSE_PLATE", kind)

    def email(self, kind: str = "email", p: Person = None) -> G:
        if kind == "email_qq":
            return G(self.digits(self.rng.randint(6, 10), "123456789") + "@qq.com", "EMAIL_ADDRESS", kind)
        local = self.fake.user_name() + self.pick(("", str(self.rng.randint(1, 99)), str(p.birth.year if p else 1990)))
        at = "＠" if kind == "email_fullwidth_at" else "@"
        return G(local + at + self.pick(("163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "hotmail.com",
                                          "gmail.com", "139.com")), "EMAIL_ADDRESS", kind)

    # -------------------------------------------------------------- addresses
    def upper(self, region: str, town: bool = True) -> str:
        prov, city, county = REGIONS.get(region, REGIONS["440605"])
        lead = self.pick((prov + city, city or prov, "", prov + city))
        return lead + county + (self.town(region) if town else "")

    def town(self, region: str) -> str:
        return self.pick(FOSHAN_TOWNS.get(region, TOWNS))

    def address(self, kind: str = None, region: str = None) -> G:
        region = region or self.pick(("440604", "440605", "440606", "440607", "440608", "440106") + tuple(REGIONS))
        kind = kind or self.pick(("address_road", "address_room", "address_estate", "address_village", "address_group"))
        up = self.upper(region) if self.chance(0.8) else ""
        if kind in ("address_village", "address_group", "address_county"):
            core = self.pick(VILLAGES) + (f"{self.pick(GROUP_NUMS)}组" if kind != "address_village" and self.chance(0.5)
                                          else f"{self.pick(('', '第'))}{self.rng.randint(1, 15)}村民小组" if kind != "address_village"
                                          else f"{self.rng.randint(1, 188)}号")
            if kind == "address_group" and self.chance(0.5):
                core += f"{self.rng.randint(1, 60)}号"
            if kind == "address_county":
                up = REGIONS[region][2] + self.town(region)
        elif kind == "address_road":
            core = self.pick(ROADS) + f"{self.rng.randint(1, 399)}号"
        elif kind == "address_estate":
            core = self.pick(ESTATES) + f"{self.rng.randint(1, 40)}{self.pick(('栋', '座', '幢', '号楼'))}{self.rng.randint(101, 3302)}{self.pick(('房', '室'))}"
        else:  # address_room and the split ones
            core = (self.pick(ROADS) + f"{self.rng.randint(1, 399)}号" + self.pick(ESTATES) +
                    f"{self.rng.randint(1, 30)}栋{self.rng.randint(1, 4)}单元{self.rng.randint(1, 33)}{self.rng.randint(1, 8):02d}室")
        if kind == "address_split":
            cut = self.rng.randint(3, len(core) - 3)
            core = core[:cut] + "\n" + core[cut:]
        return G(up + core, "CN_ADDRESS", kind, len(up))

    def hk_address(self) -> G:
        up = self.pick(("香港九龍旺角", "香港新界沙田", "香港島北角", "澳門", "台北市大安區", "高雄市苓雅區"))
        core = self.pick(("彌敦道", "沙田正街", "英皇道", "新馬路", "羅斯福路三段", "中正一路")) + f"{self.rng.randint(1, 600)}號" + \
            self.pick(("", "利景大廈", "海景花園")) + f"{self.rng.randint(2, 30)}樓{self.pick('ABCDEFGH')}{self.pick(('室', '座'))}"
        return G(up + core, "CN_ADDRESS", "address_traditional", len(up))

    # -------------------------------------------------------------- look-alikes
    def public_phone(self) -> D:
        area, n = AREA_CODES[0] if self.chance(0.8) else self.pick(AREA_CODES[1:])
        return D(f"{area}-{self.digits(n, '2345678')}", "public_phone")

    def hotline(self) -> D:
        return D(self.pick(("12345", "12315", "12348", "12333", "12366", "12368", "95598", "96333", "110", "12388",
                            f"400-{self.digits(3, '123456789')}-{self.digits(4)}", "12319", "12356")),
                 "hotline")

    def public_email(self) -> D:
        return D(self.pick(("xfb", "fzb", "zwfw", "rsj", "scjg", "gaj", "jyj", "mzj", "tyjrj", "fy", "jcy", "swj"))
                 + self.pick(("", "_ts", "jb")) + "@" + self.pick(("foshan", "nanhai", "shunde", "fs", "chancheng", "gaoming"))
                 + ".gov.cn", "public_email")

    def office(self, body: str = "") -> D:
        return D(self.pick(("佛山市", "")) + self.pick(("南海区桂城街道南海大道北", "禅城区岭南大道北", "顺德区大良德和路",
                                                     "南海区海八路", "禅城区汾江中路", "三水区西南街道广海大道"))
                 + f"{self.rng.randint(1, 199)}号" + body, "office_address")

    def title_name(self) -> D:
        return D(self.fake.last_name()[:1] + self.pick(TITLES), "title_name")

    def pseudonym(self) -> D:
        return D(self.fake.last_name()[:1] + self.pick(("某", "某某", "某甲", "某乙", "某1")), "pseudonym")

    def historical(self) -> D:
        return D(self.pick(HISTORICAL), "historical")

    def doc_no(self) -> D:
        return D(self.pick(("佛南府", "佛人社", "南人社工伤认字", "佛市监", "顺税", "佛公", "佛检", "南退役")) +
                 f"〔{self.rng.randint(2023, 2026)}〕{self.pick(('', '第'))}{self.rng.randint(1, 2999)}号", "doc_no")

    def case_no(self) -> D:
        return D(f"（{self.rng.randint(2022, 2026)}）粤{self.pick(('06', '0604', '0605', '0606', '0607', '0608'))}"
                 f"{self.pick(('民初', '执', '执恢', '刑初', '民终', '执保', '行初'))}{self.rng.randint(1, 29999)}号", "case_no")

    def masked_id(self) -> D:
        p = self.person(kind="name_common")
        s = self.pick((p.id18[:6] + "*" * 8 + p.id18[14:], p.id18[:4] + "*" * 10 + p.id18[14:],
                       p.id18[:3] + "*" * 11 + p.id18[14:], p.id18[:6] + "********" + "****"))
        return D(s, "masked_id")

    def masked_mobile(self) -> D:
        m = self.mobile_raw()
        return D(self.pick((m[:3] + "****" + m[7:], m[:3] + "*****" + m[8:], "尾号" + m[7:])), "masked_mobile")

    def serial_18(self) -> D:
        while True:
            s = self.digits(10, "123456789") + str(self.rng.randint(13, 99)) + self.digits(6)
            if not id_valid(s):
                return D(s, "serial_18")

    def non_luhn(self, n: int = None) -> D:
        while True:
            s = self.digits(n or self.rng.randint(16, 19), "123456789")
            if not luhn_valid(s):
                return D(s, "non_luhn_run")

    def public_account(self) -> D:
        while True:
            s = self.pick(("4400", "4420", "3602", "2013", "8010")) + self.digits(self.rng.randint(14, 18))
            if not luhn_valid(s):
                return D(s, "public_account")

    def area(self) -> D:
        return D(self.pick(TOWNS + FOSHAN_TOWNS["440605"]), "area")

    def road(self) -> D:
        return D(self.pick(ROADS), "road_name")

    def kind_decoy(self, kind: str) -> D:
        r = self.rng
        if kind == "invoice_code":
            return D("0" + self.digits(11), kind)
        if kind == "invoice_no":
            return D(self.digits(8), kind)
        if kind == "check_code":
            return D(" ".join(self.digits(5) for _ in range(4)), kind)
        if kind == "policy_no":
            return D(self.pick(("P", "PAAF", "8")) + self.digits(r.randint(15, 20)), kind)
        if kind == "report_no":
            return D(self.date().strftime("%Y%m%d") + self.digits(14), kind)
        if kind == "student_no":
            return D(str(r.randint(2021, 2026)) + self.digits(8), kind)
        if kind == "household_no":
            return D(self.digits(10, "123456789"), kind)
        if kind == "vin":
            return D("L" + "".join(self.pick("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(16)), kind)
        if kind == "imei":
            body = "86" + self.digits(12)
            return D(body + luhn_check_digit(body), kind)
        if kind == "order_no":
            return D(self.pick(("DD", "JD", "SF", "YT", "T", "")) + self.digits(r.randint(12, 20), "123456789"), kind)
        if kind == "ip":
            return D(f"{r.randint(10, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}", kind)
        if kind == "uuid":
            return D("-".join("".join(self.pick("0123456789abcdef") for _ in range(k)) for k in (8, 4, 4, 4, 12)), kind)
        if kind == "unit_code":
            return D(f"{r.randint(31000, 96999)}部队", kind)
        if kind == "stat_code":
            return D(self.pick(tuple(REGIONS)) + self.digits(6), kind)
        if kind == "postcode":
            return D(self.pick(("528200", "528000", "528300", "528100", "528500")), kind)
        if kind == "cert_no":
            return D(self.pick((f"粤（{r.randint(2018, 2026)}）佛南不动产权第{self.digits(7)}号",
                                f"{self.pick(('退役证', '优待证', '从业资格证'))}编号{self.digits(10)}",
                                f"NO.{self.digits(9)}")), kind)
        if kind == "train_no":
            return D(self.pick("GDCKZT") + str(r.randint(1, 7999)), kind)
        if kind == "tender_no":
            return D(f"FSZC{r.randint(2025, 2026)}-{self.pick(('G', 'F', 'H'))}{self.digits(4)}", kind)
        if kind == "product_sn":
            return D(self.pick(("SN", "S/N ", "")) + "".join(self.pick("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(r.randint(12, 18))), kind)
        if kind == "date":
            return D(self.cn_date(), kind)
        if kind == "api_example_id":
            while True:
                s = self.pick(("110101", "440605", "110105")) + self.pick(("19900101", "19900307", "20000101")) + self.digits(4)
                if not id_valid(s):
                    return D(s, kind)
        if kind == "api_example_card":
            while True:
                s = "6222" + self.pick(("0000000000000", "1234567890123", "0200000000000")) + self.digits(2)
                if not luhn_valid(s):
                    return D(s, kind)
        if kind == "api_placeholder":
            return D(self.pick(("138xxxxxxxx", "1XXXXXXXXXX", "13800000000", "188****0000", "xxx@example.com",
                                "user@example.com")), kind)
        raise KeyError(kind)


def normalised_id(raw: str, kind: str) -> str:
    return plain(raw, ocr=kind.endswith("_ocr")).replace("叉", "X").upper()


def is_mobile(core: str) -> bool:
    return re.fullmatch(r"1[3-9]\d{9}", core) is not None
