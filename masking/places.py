"""Regular expressions for the administrative levels of a Chinese address.

Shared by the address recognizer (which reads whole addresses) and by the ``mask`` and
``generalize`` operators (which keep an address up to its district). No Presidio here,
so structured masking does not load the analyzer.
"""
from __future__ import annotations

import re

from masking.lexicon import CITIES, DISTRICTS, PROVINCES, TOWNS


def alternation(words) -> str:
    """A non-capturing group matching any of ``words``, longest first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


# Han characters (CJK unified ideographs and extension A). Plain ``re``: these patterns
# need nothing of ``regex``, and ``re`` matches them faster.
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff"
HAN = "[" + HAN_CHARS + "]"
PROVINCE_SHORT = [p[:-1] for p in PROVINCES if p.endswith("省")]
# Short names of provinces and autonomous regions as people write them before a city (广西玉林市,
# 湖南衡阳市): only before a city's name, with no particle in it (not 湖南人在佛山市).
REGION_SHORT = PROVINCE_SHORT + ["广西", "内蒙古", "西藏", "宁夏", "新疆"]
KNOWN_CITY = alternation(c + "市" for c in CITIES)

# The longest generic city and district names: up to 4 Han characters before the suffix.
_CITY_STEM, _DISTRICT_STEM = 4, 4
_CITY_SUFFIXES = ("市", "自治州", "地区", "盟", "州")  # 州: a prefecture's short form (凉山州), after a province
_DISTRICT_SUFFIXES = ("区", "县", "市", "旗")  # a banner (旗) is not a word before 别, 内 …: 阿巴嘎旗别力古台镇
_NOT_AFTER_DISTRICT = ("域", "别", "分", "间", "内", "外")

_GENERIC_CITY_AHEAD = r"(?=[^\s\d在的人到和与及从去来是，。、]{2,%d}?(?:市|自治州|地区|盟))" % _CITY_STEM
# or a county right after it, the prefecture left out (广西隆林县, 云南宁蒗县)
_GENERIC_COUNTY_AHEAD = r"(?=[^\s\d在的人到和与及从去来是，。、]{2,4}?(?:县|旗))"
SHORT_PROVINCE = (alternation(PROVINCE_SHORT) + "(?=" + KNOWN_CITY + ")|" + alternation(REGION_SHORT) + _GENERIC_CITY_AHEAD
                  + "|" + alternation(REGION_SHORT + PROVINCE_SHORT) + _GENERIC_COUNTY_AHEAD)
PROVINCE = re.compile(alternation(PROVINCES) + "|" + SHORT_PROVINCE)
CITY_KNOWN = re.compile(KNOWN_CITY)
CITY_ANY = re.compile(KNOWN_CITY + "|" + HAN + "{2,%d}?(?:%s)" % (_CITY_STEM, "|".join(_CITY_SUFFIXES)))
DISTRICT_KNOWN = re.compile(alternation(DISTRICTS))
# Autonomous counties and banners carry the peoples' names: 威宁彝族回族苗族自治县.
_AUTONOMOUS_STEM, _AUTONOMOUS_SUFFIXES = 10, ("自治县", "自治旗")
DISTRICT_ANY = re.compile(alternation(DISTRICTS) + "|" + HAN + "{2,%d}?(?:%s)" % (
    _AUTONOMOUS_STEM, "|".join(_AUTONOMOUS_SUFFIXES)) + "|" + HAN + "{1,%d}?(?:(?:%s)(?!%s)|旗)" % (
    _DISTRICT_STEM, "|".join(_DISTRICT_SUFFIXES[:3]), "|".join(_NOT_AFTER_DISTRICT)))

# The most characters each step of ``admin_end`` can read from where it starts: what its
# pattern can match plus what its look-ahead reads. Whatever follows is never looked at, so
# ``admin_end`` gives the same answer on any prefix that still holds every step's reach
# (``masking.arrow_operators`` relies on this to read each distinct prefix once).
_LONGEST_CITY = max(len(c) + 1 for c in CITIES)
PROVINCE_REACH = max(max(map(len, PROVINCES)), max(map(len, PROVINCE_SHORT)) + _LONGEST_CITY,
                     max(map(len, REGION_SHORT)) + _CITY_STEM + max(map(len, _CITY_SUFFIXES)))
CITY_REACH = max(_LONGEST_CITY, _CITY_STEM + max(map(len, _CITY_SUFFIXES)))
DISTRICT_REACH = max(max(map(len, DISTRICTS)), _AUTONOMOUS_STEM + max(map(len, _AUTONOMOUS_SUFFIXES)),
                     _DISTRICT_STEM + max(map(len, _DISTRICT_SUFFIXES)) + max(map(len, _NOT_AFTER_DISTRICT)))
TOWN_KNOWN = re.compile(alternation(TOWNS))
# 苏木: a township of Inner Mongolia
TOWN_ANY = re.compile(alternation(TOWNS) + "|" + HAN + r"{2,5}?(?:街道|镇|乡|苏木)(?!政府|办事处|人民)")


def admin_end(text: str, start: int = 0) -> tuple[int, bool]:
    """Where the province/city/district head of an address starting at ``start`` ends.

    Returns (end offset, whether any level was found). A generic city needs a province
    before it and a generic district a city (or province) before it.
    """
    steps = admin_steps(text, start)
    return steps[-1], steps[-1] > start


def admin_steps(text: str, start: int = 0) -> tuple[int, int, int]:
    """Where ``admin_end``'s city and district steps start, and where the head ends.

    (A step that finds nothing matches nothing: the next one starts where it did.)
    """
    p = start
    found = False
    m = PROVINCE.match(text, p)
    if m:
        p, found = m.end(), True
    city = p
    m = (CITY_ANY if found else CITY_KNOWN).match(text, p)
    if m:
        p, found = m.end(), True
    district = p
    m = (DISTRICT_ANY if found else DISTRICT_KNOWN).match(text, p)
    if m:
        p, found = m.end(), True
    return city, district, p


def read_within(steps: tuple[int, int, int], length: int) -> bool:
    """Whether ``admin_steps`` giving ``steps`` looked at nothing past ``length`` characters
    from its start (0): then every string that begins with those characters has the same head."""
    city, district, _ = steps
    return PROVINCE_REACH <= length and city + CITY_REACH <= length and district + DISTRICT_REACH <= length


def address_head(address: str) -> str:
    """The address up to its district (广东省佛山市南海区), or "" if none is recognised."""
    end, _ = admin_end(address)
    return address[:end]
