"""Check-digit oracles for the seventh corpus, written from the standards.

Independent of ``masking/check_digits.py`` (not read): the corpus checks its own values with
these, so that a gold value is what it claims to be whatever the masker believes.

- GB 11643-1999 (citizen identity number): 17 digits weighted 2^(17-i) mod 11, the check
  character is ``"10X98765432"[sum mod 11]``.
- GB 11714-1997 (organisation code, characters 9-17 of a credit code): 8 characters weighted
  3 7 9 10 5 8 4 2 (letters A=10 … Z=35), check ``11 - sum mod 11`` (10 -> X, 11 -> 0).
- GB 32100-2015 (unified social credit code): 17 characters of the alphabet
  ``0-9 A-H J-N P-R T U W-Y`` (31, no I O S V Z) weighted 3^(i) mod 31, check
  ``31 - sum mod 31`` (31 -> 0).
- ISO/IEC 7812 Luhn (bank cards): doubling every second digit from the right.
- REGIONS: the GB/T 2260 county-level codes of the places this corpus writes about (and
  HMT_REGIONS, the codes of the residence permits of Hong Kong, Macao and Taiwan residents).
"""
from __future__ import annotations

ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
ID_CHECK = "10X98765432"


def id_check_char(body17: str) -> str:
    if len(body17) != 17 or not body17.isdigit():
        raise ValueError(body17)
    return ID_CHECK[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS)) % 11]


def id_valid(value: str) -> bool:
    """An 18-character GB 11643 number with the right check character (x or X)."""
    value = value.upper()
    return len(value) == 18 and value[:17].isdigit() and id_check_char(value[:17]) == value[17]


CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28


def credit_check_char(body17: str) -> str:
    if len(body17) != 17 or any(c not in CREDIT_ALPHABET for c in body17):
        raise ValueError(body17)
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body17, CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_valid(value: str) -> bool:
    return (len(value) == 18 and all(c in CREDIT_ALPHABET for c in value)
            and credit_check_char(value[:17]) == value[17])


ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_check_char(body8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(int(c, 36) * w for c, w in zip(body8, ORG_WEIGHTS))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def org_valid(code9: str) -> bool:
    return len(code9) == 9 and code9[:8].isalnum() and org_check_char(code9[:8]) == code9[8]


def luhn_check_digit(body: str) -> str:
    """The digit that makes ``body`` + digit pass Luhn."""
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:  # these will sit in the doubled positions once the check digit is appended
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str(-total % 10)


def luhn_valid(value: str) -> bool:
    if not value.isdigit() or len(value) < 2:
        return False
    return luhn_check_digit(value[:-1]) == value[-1]


# GB/T 2260 codes: code -> (province, city or prefecture, county, district or city)
REGIONS = {
    "110105": ("北京市", "", "朝阳区"), "110108": ("北京市", "", "海淀区"), "120103": ("天津市", "", "河西区"),
    "130104": ("河北省", "石家庄市", "桥西区"), "140105": ("山西省", "太原市", "小店区"),
    "150102": ("内蒙古自治区", "呼和浩特市", "新城区"), "152502": ("内蒙古自治区", "锡林郭勒盟", "锡林浩特市"),
    "210102": ("辽宁省", "沈阳市", "和平区"), "220102": ("吉林省", "长春市", "南关区"),
    "222401": ("吉林省", "延边朝鲜族自治州", "延吉市"), "230103": ("黑龙江省", "哈尔滨市", "南岗区"),
    "310104": ("上海市", "", "徐汇区"), "320102": ("江苏省", "南京市", "玄武区"), "330106": ("浙江省", "杭州市", "西湖区"),
    "340104": ("安徽省", "合肥市", "蜀山区"), "350203": ("福建省", "厦门市", "思明区"),
    "360102": ("江西省", "南昌市", "东湖区"), "370202": ("山东省", "青岛市", "市南区"),
    "410105": ("河南省", "郑州市", "金水区"), "420106": ("湖北省", "武汉市", "武昌区"),
    "430104": ("湖南省", "长沙市", "岳麓区"), "433101": ("湖南省", "湘西土家族苗族自治州", "吉首市"),
    "440106": ("广东省", "广州市", "天河区"), "440305": ("广东省", "深圳市", "南山区"),
    "440604": ("广东省", "佛山市", "禅城区"), "440605": ("广东省", "佛山市", "南海区"),
    "440606": ("广东省", "佛山市", "顺德区"), "440607": ("广东省", "佛山市", "三水区"),
    "440608": ("广东省", "佛山市", "高明区"), "450102": ("广西壮族自治区", "南宁市", "兴宁区"),
    "450103": ("广西壮族自治区", "南宁市", "青秀区"), "460106": ("海南省", "海口市", "龙华区"),
    "500103": ("重庆市", "", "渝中区"), "510104": ("四川省", "成都市", "锦江区"),
    "513401": ("四川省", "凉山彝族自治州", "西昌市"), "513431": ("四川省", "凉山彝族自治州", "昭觉县"),
    "520102": ("贵州省", "贵阳市", "南明区"), "522601": ("贵州省", "黔东南苗族侗族自治州", "凯里市"),
    "530102": ("云南省", "昆明市", "五华区"), "532801": ("云南省", "西双版纳傣族自治州", "景洪市"),
    "540102": ("西藏自治区", "拉萨市", "城关区"), "610113": ("陕西省", "西安市", "雁塔区"),
    "620102": ("甘肃省", "兰州市", "城关区"), "630104": ("青海省", "西宁市", "城西区"),
    "640104": ("宁夏回族自治区", "银川市", "兴庆区"), "650102": ("新疆维吾尔自治区", "乌鲁木齐市", "天山区"),
    "653101": ("新疆维吾尔自治区", "喀什地区", "喀什市"), "654002": ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市"),
}
HMT_REGIONS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}


def region_valid(code6: str) -> bool:
    return code6 in REGIONS
