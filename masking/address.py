"""Street addresses in Chinese text (广东省佛山市南海区桂城街道南海大道北88号).

An address is read left to right as administrative levels followed by finer parts:

    province? city? district?   town?  community?  (road number)?  building?
    广东省     佛山市 南海区      桂城街道 XX花园     南海大道北 88号   3座1202房

It must start at something that can only start an address: a province, a known city,
a district of 佛山/广州/深圳, a 佛山 town (镇街), or an address label (住址：, 家住 …).
Generic names (岳麓区, XX镇) are accepted only after the level above them, so that
"在南海区" never reads as a district called 在南海区 (see ``masking.places``).

Only the finer parts make an address personal: "佛山市南海区" alone is a place, not
somebody's address, and is not reported. Scores: with a house number, building or room
0.85; finer parts without a number (a town or road) 0.45, which context words such as
住址 lift over the threshold.

A road with a house number needs no anchor (送货到季华五路28号, 祖庙路12号3座1202房):
it is read from the road's suffix back over its name, two to four characters, never over
到, 在, 于 and the like (``bare_road_addresses``). Score 0.6, or 0.85 with a building or
room; not for generic roads (高速公路5号出口) or when the number names a document, a
line or an exit (3号文, 2号线, 5号口).
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from masking import places, village_address
from masking.lexicon import ADDRESS_CONTEXT, DISTRICTS, PROVINCES, TOWNS

ENTITY = "CN_ADDRESS"
SCORE_WITH_NUMBER = 0.85
SCORE_WITHOUT_NUMBER = 0.45
SCORE_BARE_ROAD_NUMBER = 0.6
HOUSEHOLD_KEY = "household"  # metadata of a village address read without an anchor

_NUM = r"(?:\d+|[一二三四五六七八九十百零〇]+)"
# A house number divided further: 276号之一, 14号之二, 35-2号 (not 3号之规定)
_SUB = r"(?:之[一二三四五六七八九十]|之\d+|附\d+号?)"  # 28号附1号 too
# the `regex` module finds this long alternation of place names in about half re's time
_ANCHOR = regex.compile(
    "(?P<label>" + places.alternation(ADDRESS_CONTEXT) + r")[:：\s]*(?:是|为|在|于)?"
    "|" + places.alternation(PROVINCES)
    + "|" + places.SHORT_PROVINCE
    + "|" + places.KNOWN_CITY
    + "|" + places.alternation(DISTRICTS)
    + "|" + places.alternation(TOWNS)
)
_COMMUNITY = re.compile(
    places.HAN + r"{1,8}?(?:村委会|居委会|社区|小区|新村|花园|家园|山庄|公寓|大厦|广场|名苑|苑|村|(?<!公)园(?![路街道巷大]|[东西南北中][路街道]))"
    # a part of an estate: 东区, B区, 二期
    r"(?:[A-Z东西南北中]区|[一二三四五六七八九十\d]+期(?![0-9一二三四五六七八九十]*[栋座幢]))?"
)
_ROAD = re.compile(
    "[" + places.HAN_CHARS + "0-9]{1,10}?(?:大道|大街|公路|路|街|巷|道)"
    r"(?:[东西南北中](?:段|路)?|[东西南北中]?" + _NUM + r"(?:段|巷|弄|街|路))?"
)
# Below a town: villages and their committees, communities, natural villages, village
# groups (五组, 3村民小组), lanes of a village (北坊, 东街) before a house number.
_VILLAGE = re.compile(
    places.HAN + r"{1,8}?(?:村民委员会|村委会|居民委员会|社区居委会|居委会|社区|嘎查|村)(?!民|委|镇|级|干部|集体|道路|村委|村民委)"
)
# A hamlet below a village (…村委会大水井屯, …村下寨, …村张家庄, …村石板坪): as few households as a group.
# Only where the hamlet ends the address or a number or group follows: not the start of a road (…村石岗路8号).
_HAMLET = re.compile(places.HAN + r"{1,4}?(?:屯|寨|庄|坪|湾|岗|坝|垌|寮)(?=$|[^\u4e00-\u9fff]|[0-9一二三四五六七八九十]+[号组队社])")
_GROUP = re.compile("(?:第?" + _NUM + "|" + places.HAN + r"{1,3}?)(?:村民小组|经济合作社|经济社|小组|组|队|社(?![区会保团]))"
                    r"(?![织长员成合])")
_LANE_NUMBER = re.compile(places.HAN + r"{0,3}?(?:街|巷|坊|里|弄|横|围)?" + _NUM + r"(?:之\d+|-\d+)?号(?![文令线口窗站台题楼])" + _SUB + "?")
_HOUSE_NUMBER = re.compile(_NUM + r"(?:之\d+|-\d+)?号" + _SUB + r"?(?:院|大院|楼|大楼)?")
# A lane off a road before the number (升平路|仁寿里|25号)
_LANE = re.compile(places.HAN + r"{1,3}?(?:里|巷|坊|弄)(?=" + _NUM + "号)")
_BUILDING = re.compile(
    # a block's name holds no particle: not 白云区与南海区交界处将新建一座 (跨江大桥)
    "(?:(?:(?![与和及将在把被对从向于])[" + places.HAN_CHARS + r"A-Za-z0-9]){0,10}?"
    # one block or a block within a block (8栋3座, B区3号楼)
    r"(?:(?:\d+|[A-Z一二三四五六七八九十])(?:栋|座|幢|号楼|期)|[A-Z]楼)(?:(?:\d+|[A-Z])(?:栋|座|幢|号楼)){0,2})?"
    # a unit and a floor in either order (2单元5楼, 5楼2单元)
    r"(?:\d+单元)?(?:\d+(?:楼|层)|首层|地下|[一二三四五六七八九十]+(?:楼|层))?(?:(?<=[楼层])\d+单元)?"
    # a room number, written with 室/房 or bare right after a block, unit or floor (12座1303),
    # with 户 (88号101户), with 号 after a block (5幢1201号), or bare after a house number (东二巷5号301)
    r"(?:\d+(?:室|房|号房)|(?<=[号栋座幢楼层元])\d{2,5}户|(?<=[栋座幢楼层元])\d{1,5}号|(?<=[栋座幢楼层元])(?:\d{2,5}|\d{1,2}[A-Z]\d{2})(?![\d号年月日元万人个次.\-/:：])"
    # in Chinese numerals, as a form may spell it (二栋五零三)
    r"|(?<=[栋座幢楼层元])[一二三四五六七八九零〇]{3,4}(?:室|房|号)?"
    r"|(?<=号)\d{3,4}(?=$|[\s，,。；;、（()）])"
    r"|(?<=[楼层])[A-H](?:室|房|座)?(?![A-Za-z0-9]))?"  # a flat by its letter (Hong Kong, Macao: 12樓B室, 15楼C)
    r"(?:之[一二三四五六七八九十\d]+)?(?:商铺|铺位|铺|档)?"  # a shop front: 首层之二铺
)

# Building-unit-room written short (3-2-801, 12-1-1502), as residents write it after an estate's
# name; not a date (2026-03-01: a first group of four digits) nor a phone number.
_SHORTHAND = r"(?<!\d)\d{1,3}[-－—]\d{1,2}[-－—]\d{3,4}(?![\d\-－—])(?:室|房|号)?"
_SHORTHAND_AT = re.compile(r"[ \u3000]?" + _SHORTHAND)
# An estate named without 花园, 小区 … before such a number (中海锦城3-2-801, 碧桂园天玺12-1-1502).
_ESTATE_SHORTHAND = re.compile(places.HAN + r"{2,10}?[ \u3000]?" + _SHORTHAND)

# A road suffix followed by a house number: where an unanchored address ends.
# Plain 道 and the generic words 道路, 公路, 铁路, 马路, 线路, 电路 and 网路 are left out:
# 主干道3号站 and 高速公路5号出口 are no one's address.
_ROAD_NUMBER = re.compile(
    r"(?:大道|大街|(?<![道公铁马线电网])路|街|巷)"
    r"(?:[东西南北中](?:段|路)?|[东西南北中]?" + _NUM + r"(?:段|巷|弄|街|路))?"
    + r"(?:" + places.HAN + r"{1,3}?(?:里|坊|弄))?"  # 升平路仁寿里25号
    + _NUM + r"(?:之\d+|-\d+)?号" + _SUB + r"?(?:院|大院|楼|大楼)?"
    r"(?!文|令|线|口|出口|入口|窗|站|台|题|机|车|位|公告|通知|决定|议案|会议)"
)
_ROAD_NAME_CHAR = re.compile("[" + places.HAN_CHARS + "0-9]")
_LONGEST_ROAD_NAME = 4  # before the suffix: 季华五(路), 南海(大道北), 湘江中(路二段)
# Characters that end the words before a road's name (送货到|季华五路, 住在|汾江中路).
_BEFORE_ROAD = frozenset("到在于至往从住去来经向是为的和与及或近对旁边把将由")


def bare_road_addresses(text: str, token_starts: Optional[List[int]] = None) -> List[Tuple[int, int, float]]:
    """(start, end, score) of each road with a house number, read without an anchor.

    The road's name runs back from its suffix over at most four characters: its last two
    characters, widened to whole words of jieba's (``token_starts``, the tokens'
    offsets), then single-character words only (jieba splits names it does not know:
    季/华/五路), never over a character of ``_BEFORE_ROAD``.
    """
    found = []
    boundaries = set(token_starts) if token_starts else None

    def name_char(i: int) -> bool:
        return i >= 0 and _ROAD_NAME_CHAR.match(text, i) is not None

    for m in _ROAD_NUMBER.finditer(text):
        suffix = m.start()
        start = suffix - 2  # the name's first two characters ...
        if not (name_char(start) and name_char(start + 1)):
            continue  # a road needs a name of two characters or more
        if boundaries is not None:  # ... as whole words
            while start not in boundaries and name_char(start - 1) and suffix - start < _LONGEST_ROAD_NAME:
                start -= 1
        while (name_char(start - 1) and suffix - start < _LONGEST_ROAD_NAME  # then single characters
               and text[start - 1] not in _BEFORE_ROAD and (boundaries is None or start - 1 in boundaries)):
            start -= 1
        end, score = m.end(), SCORE_BARE_ROAD_NUMBER
        building = _BUILDING.match(text, end)
        if building and building.end() > end:
            end, score = building.end(), SCORE_WITH_NUMBER
        found.append((start, end, score))
    return found


# A flat written bare, as repair and property logs write it (3栋2单元1502, 5座1203, B栋804房,
# 12-3-601): a block and a room, or building-unit-room shorthand, with nothing above them.
_BARE_ROOM = re.compile(
    r"(?<![0-9A-Za-z\-－—])(?:(?:[A-Z]|\d{1,3})(?:栋|座|幢|号楼)(?:\d{1,2}单元)?(?:\d{1,2}[A-Z]\d{2}|\d{3,4})(?:室|房|号房|户|号)?"
    r"|\d{1,3}[-－—]\d{1,2}[-－—]\d{3,4}(?:室|房|号)?)(?![0-9A-Za-z\-－—.:：/])"
)
# Where such a flat is somebody's: after a household's or a repair's label (报修人：, 住户, 房号：,
# 地址：) or opening a log's line (after its serial number, date or time), not 办公室302 or 3号楼会议室.
_ROOM_LABEL = re.compile(r"(?:报修人|报修地址|报修位置|维修地址|住户|业主|房号|户号|房屋|门牌|地址|住址|位置)[:：]?[ \t\u3000]*$")
_LOG_LINE_START = re.compile(
    r"(?:^|\n)[ \t\u3000]*(?:\d{1,3}[.、．)）][ \t\u3000]*)?"
    r"(?:(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?[ \t\u3000]*|\d{1,2}[:：]\d{2}[ \t\u3000]*)*$"
)


# A flat that is one wherever it stands: a block, a unit and a room (3栋2单元502房), or a block of
# flats (栋, 幢) and a room with 房 or 室 (5栋1702室). A tower's floor or an office (B座1708室,
# 3号楼会议室) has neither a unit nor a 栋's room; 3栋1502户 may count households.
_FLAT_ANYWHERE = re.compile(r"单元|[栋幢]\d{3,4}(?:室|房|号房)$")


def bare_rooms(text: str) -> List[Tuple[int, int, float]]:
    """(start, end, score) of each flat written bare after a household's label or opening a log line,
    or written as only a flat is (``_FLAT_ANYWHERE``)."""
    found = []
    for m in _BARE_ROOM.finditer(text):
        before = text[max(0, m.start() - 24):m.start()]
        if _FLAT_ANYWHERE.search(m.group()) or _ROOM_LABEL.search(before) or _LOG_LINE_START.search(text[:m.start()][-40:] if m.start() > 40 else text[:m.start()]):
            found.append((m.start(), m.end(), SCORE_WITH_NUMBER))
    return found


# A residential estate's name and a flat in it, with nothing above them (来电人反映其居住的绿地小区5栋1702室楼上漏水):
# a block and a room with 室/房/户 or a unit, so 3号楼会议室 and offices' towers (大厦, 广场) are not read.
_ESTATE_ROOM = re.compile(
    r"(?:小区|花园|家园|新村|山庄|公寓|苑)(?:[A-Z]区|[一二三四五六七八九十\d]+期)?"
    r"(?:[A-Z]|\d{1,3})(?:栋|座|幢|号楼)(?:\d{1,2}单元(?:\d{1,2}[A-Z]\d{2}|\d{3,4})(?:室|房|号房|户|号)?"
    r"|(?:\d{1,2}[A-Z]\d{2}|\d{3,4})(?:室|房|号房|户))(?![0-9A-Za-z])"
)
_LONGEST_ESTATE_NAME = 4
_BEFORE_ESTATE = _BEFORE_ROAD | frozenset("了称映报诉")


def bare_estate_rooms(text: str) -> List[Tuple[int, int, float]]:
    """(start, end, score) of each flat in a named estate read without an anchor: the estate's
    name runs back from its suffix over two to four characters, never over a particle or a verb."""
    found = []
    for m in _ESTATE_ROOM.finditer(text):
        start = m.start()
        while start > 0 and m.start() - start < _LONGEST_ESTATE_NAME and _ROAD_NAME_CHAR.match(text, start - 1) \
                and text[start - 1] not in _BEFORE_ESTATE:
            start -= 1
        if m.start() - start >= 2:
            found.append((start, m.end(), SCORE_WITH_NUMBER))
    return found


def parse_address(text: str, start: int, labelled: bool) -> Optional[Tuple[int, float]]:
    """Read one address from ``start``: (end, score), or None if there is none.

    ``labelled`` says an address label (住址：) stands right before ``start``, which
    allows an address that begins below the district (桂城街道…, 南海大道北88号).
    Below the town it reads villages, communities and village groups, then a road and
    number or a village lane and number, then an estate, building, unit and room, so that
    no house number or room is left after the part that was read.
    """
    p, admin = places.admin_end(text, start)
    fine_start = p
    m = (places.TOWN_ANY if admin or labelled else places.TOWN_KNOWN).match(text, p)
    if m:
        p = m.end()
    village = False
    for _ in range(3):  # 陈涌村委会 / 岗头村, 联和社区 …
        m = _VILLAGE.match(text, p) or (_COMMUNITY.match(text, p) if not village else None)
        if not m:
            break
        p, village = m.end(), True
    m = _HAMLET.match(text, p) if village else None
    hamlet = m is not None
    if m:
        p = m.end()
    m = _GROUP.match(text, p) if village else None
    grouped = m is not None or village and text.startswith("村民小组", p) and text[p - 1] == "村"
    if m:
        p = m.end()
    elif grouped:
        p += 4  # 白洞村委会新村|村民小组: the group is named as its village is
    m = (_SHORTHAND_AT.match(text, p) or _ESTATE_SHORTHAND.match(text, p)) if village else _ESTATE_SHORTHAND.match(text, p)
    if m and (village or p > fine_start or labelled):  # 保利花园5-3-602, …桂城街道中海锦城3-2-801
        return m.end(), SCORE_WITH_NUMBER
    has_number = False
    road = _ROAD.match(text, p)
    lane = _LANE.match(text, road.end()) if road else _LANE.match(text, p)  # 升平路仁寿里25号, 东华里29号
    number = _HOUSE_NUMBER.match(text, lane.end() if lane else road.end()) if road or lane else None
    if number:
        p, has_number = number.end(), True
    elif village and _LANE_NUMBER.match(text, p):
        p, has_number = _LANE_NUMBER.match(text, p).end(), True
    elif road and (labelled or village):
        p = road.end()
    if has_number:
        estate = _COMMUNITY.match(text, p)  # …路35号碧桂园11座1608房
        if estate and _BUILDING.match(text, estate.end()) and _BUILDING.match(text, estate.end()).end() > estate.end():
            p = estate.end()
    building = _BUILDING.match(text, p)
    if building and building.end() > p:
        p, has_number = building.end(), True
    elif has_number:
        m = _ESTATE_SHORTHAND.match(text, p) or _SHORTHAND_AT.match(text, p)  # 海五路28号金海湾3-2-801
        if m:
            p = m.end()
    if p == fine_start:
        return None  # administrative levels only: a place, not an address
    # a village group names a household's few dozen neighbours: as personal as a house number
    return p, SCORE_WITH_NUMBER if has_number or grouped or hamlet else SCORE_WITHOUT_NUMBER


# A gap inside an address as forms and OCR write it: spaces, a full-width space or one line break
# between two parts (佛山市禅城区 祖庙街道 升平路25号 3座 402房, 住址：佛山市南海区桂城街道\n南海大道北80号).
# Only between characters an address is made of, so a label or a sentence after it is not joined on,
# and after a digit only before 座, 栋, 室 … (…5号301\n联系电话: a bare room ends at the line's end).
_GAP = re.compile(r"(?<=[" + places.HAN_CHARS + r"0-9A-Za-z])[ \t\u3000]{0,3}\n?[ \t\u3000]{0,3}"
                  r"(?=[" + places.HAN_CHARS + r"0-9A-Za-z])(?<![" + places.HAN_CHARS + r"0-9A-Za-z])")
# After a digit a gap is closed only before what a number is the number of (…25号3⏎座402房), or, across
# a line, before the rest of a house or room number (升平路2⏎5号, 3座40⏎2房).
_NUMBER_GOES_ON = re.compile(r"\d{1,4}(?:号|室|房)")
_AFTER_DIGIT = frozenset("座栋幢单室房号楼层")


# A table's cell border inside an address, before the cell that holds its block or room
# (|…南海大道北80号|1栋1201房|): closed like a gap.
_CELL_GAP = re.compile(r"(?<=[" + places.HAN_CHARS + r"0-9])[ \t\u3000]*[|｜│][ \t\u3000]*"
                       r"(?=(?:[A-Z]|\d{1,3})(?:栋|座|幢|号楼|单元)|\d{3,4}(?:室|房|户))")
_MAY_ROOM = re.compile(r"[栋座幢楼]|\d[-－—]\d{1,2}[-－—]\d")
_MAY_GAP = re.compile(r"[" + places.HAN_CHARS + r"0-9A-Za-z][ \t\u3000\n]")


def _closed_offsets(offsets: List[int], gaps: List[Tuple[int, int]], keep: bool = False) -> List[int]:
    """Where ``offsets`` (sorted) of the text fall once ``gaps`` are closed; an offset inside a gap
    is left out, or (``keep``) taken to where the gap was."""
    out, removed, g, n = [], 0, 0, len(gaps)
    gap_start, gap_end = gaps[0] if gaps else (0, 0)
    append = out.append
    for offset in offsets:  # every token's offset: kept to plain comparisons
        while g < n and gap_end <= offset:
            removed += gap_end - gap_start
            g += 1
            if g < n:
                gap_start, gap_end = gaps[g]
        if g < n and gap_start <= offset:
            if keep:
                append(gap_start - removed)
            continue
        append(offset - removed)
    return out


def _close_gaps(text: str, gaps: List[Tuple[int, int]]) -> Tuple[str, List[int]]:
    """``text`` without the ``gaps``, and the offset in ``text`` of each character kept."""
    parts, where, pos = [], [], 0
    for start, end in gaps:
        parts.append(text[pos:start])
        where.extend(range(pos, start))
        pos = end
    parts.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(parts), where


# What the part of an address on a next line must hold to be read as one with the line above:
# a number, a village or group, a town (…桂城街道\n南海大道北80号), not a sentence (…街道\n经现场核查该路段).
_CONTINUED = re.compile(r"[0-9一二三四五六七八九十]|村|组|社|队|镇|街道|乡")


def _within_lines(text: str, span: Tuple[int, int, float], breaks: List[int]) -> Tuple[int, int, float]:
    """``span`` of the closed-up ``text``, cut at the first line break it crosses after which
    nothing reads as the rest of an address."""
    start, end, score = span
    for b in breaks:
        if start < b < end and not _CONTINUED.search(text, b, end) and text[b] not in _AFTER_DIGIT:
            return start, b, score
    return span


class ChineseAddressRecognizer(EntityRecognizer):
    """CN_ADDRESS from administrative levels, roads, house numbers and address labels."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[ENTITY],
            name="ChineseAddressRecognizer",
            supported_language="zh",
            context=list(ADDRESS_CONTEXT),
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        token_starts = getattr(nlp_artifacts, "tokens_indices", None)
        original = text
        gaps = [m.span() for m in _GAP.finditer(text)
                if not text[m.start() - 1].isdigit() or text[m.end()] in _AFTER_DIGIT
                or "\n" in m.group() and _NUMBER_GOES_ON.match(text, m.end())] if _MAY_GAP.search(text) else []
        if "|" in text or "｜" in text or "│" in text:
            gaps = sorted(gaps + [m.span() for m in _CELL_GAP.finditer(text)])
        if gaps:  # read the text with the gaps closed, then map the spans back
            text, where = _close_gaps(text, gaps)
            if token_starts is not None:
                token_starts = _closed_offsets(token_starts, gaps)
        found = self._anchored(text)
        taken = [(start, end) for start, end, _ in found]
        rooms = bare_rooms(original) if _MAY_ROOM.search(original) else []  # line starts: before closing gaps
        for start, end, score in bare_road_addresses(text, token_starts):
            if not any(start < t_end and t_start < end for t_start, t_end in taken):
                found.append((start, end, score))
        if gaps:
            breaks = _closed_offsets([start for start, end in gaps if "\n" in original[start:end]], gaps, keep=True)
            found = [(where[start], where[end - 1] + 1, score)
                     for start, end, score in (_within_lines(text, span, breaks) for span in found)]
        if "栋" in original or "座" in original or "幢" in original or "号楼" in original:  # before the bare flats
            found += [r for r in bare_estate_rooms(original) if not any(r[0] < end and start < r[1] for start, end, _ in found)]
        found += [r for r in rooms if not any(r[0] < end and start < r[1] for start, end, _ in found)]
        # villages read without an anchor, in the text as written: a gap closed would join a name
        # in the cell before to the village's (张三  黄土坡村3组)
        villages = [span for span in village_address.bare_villages(original, parse_address, SCORE_WITH_NUMBER)
                    if not any(span[0] < end and start < span[1] for start, end, _ in found)]
        return [self._result(start, end, score) for start, end, score in found] \
            + [self._result(start, end, score, household=True) for start, end, score in villages]

    def _anchored(self, text: str) -> List[Tuple[int, int, float]]:
        results = []
        pos = 0
        while True:
            anchor = _ANCHOR.search(text, pos)
            if anchor is None:
                return results
            labelled = anchor.group("label") is not None
            start = anchor.end() if labelled else anchor.start()
            found = parse_address(text, start, labelled)
            if found is None:
                pos = anchor.end()
                continue
            end, score = found
            results.append((start, end, score))
            pos = end

    def _result(self, start: int, end: int, score: float, household: bool = False) -> RecognizerResult:
        """A result; ``household``: a village address down to its group or number, which
        ``masking.text`` counts as a person between a public body and a contact point."""
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=score,
            textual_explanation="administrative levels, road and number",
        )
        metadata = {
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
        }
        if household:
            metadata[HOUSEHOLD_KEY] = True
        return RecognizerResult(ENTITY, start, end, score, explanation, metadata)
