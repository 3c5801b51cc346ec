"""佛山 places of the demo world: districts and their area codes, 镇街, roads, and the
area codes migrants' ID numbers were issued in."""
from __future__ import annotations

FOSHAN_DISTRICTS: dict[str, str] = {
    "440604": "禅城区",
    "440605": "南海区",
    "440606": "顺德区",
    "440607": "三水区",
    "440608": "高明区",
}
DISTRICT_CODES: dict[str, str] = {name: code for code, name in FOSHAN_DISTRICTS.items()}

# Resident population of the 2020 census, in 10,000s: 南海 and 顺德 are the largest.
DISTRICT_WEIGHTS: dict[str, float] = {
    "禅城区": 146, "南海区": 366, "顺德区": 323, "三水区": 80, "高明区": 45,
}

# 镇街 (sub-districts 街道 and towns 镇) of each district, with rough population weights.
FOSHAN_STREETS: dict[str, dict[str, float]] = {
    "禅城区": {"祖庙街道": 4, "石湾镇街道": 3, "张槎街道": 3, "南庄镇": 2},
    "南海区": {"桂城街道": 6, "大沥镇": 6, "狮山镇": 6, "里水镇": 3, "九江镇": 2,
              "西樵镇": 2, "丹灶镇": 2},
    "顺德区": {"大良街道": 4, "容桂街道": 5, "北滘镇": 3, "乐从镇": 2, "陈村镇": 2,
              "伦教街道": 2, "勒流街道": 2, "龙江镇": 2, "杏坛镇": 1, "均安镇": 1},
    "三水区": {"西南街道": 5, "云东海街道": 1, "白坭镇": 1, "乐平镇": 2, "芦苞镇": 1,
              "大塘镇": 1, "南山镇": 1},
    "高明区": {"荷城街道": 5, "杨和镇": 2, "明城镇": 1, "更合镇": 1},
}

# Every 镇街 name, e.g. for recognising addresses in free text.
FOSHAN_STREET_NAMES: tuple[str, ...] = tuple(s for streets in FOSHAN_STREETS.values() for s in streets)

# Roads of each district (names as they appear on 佛山 street signs).
FOSHAN_ROADS: dict[str, tuple[str, ...]] = {
    "禅城区": ("祖庙路", "人民路", "汾江中路", "季华五路", "绿景一路", "岭南大道北",
              "佛山大道中", "魁奇一路", "张槎一路", "文华北路", "同济西路", "建新路"),
    "南海区": ("南海大道北", "桂澜北路", "海八路", "灯湖东路", "南桂东路", "广佛路",
              "穗盐路", "建设大道", "桃园东路", "里广路", "樵金路", "金沙大道"),
    "顺德区": ("德胜东路", "南国东路", "清晖路", "凤山中路", "容奇大道中", "桂洲大道",
              "美的大道", "乐从大道", "龙洲路", "环市北路", "东乐路", "伦教大道"),
    "三水区": ("广海大道中", "健力宝南路", "张边路", "云东海大道", "乐平大道",
              "三达路", "西南大道", "芦苞大道"),
    "高明区": ("沧江路", "文昌路", "跃华路", "康怡路", "泰华路", "富湾大道", "明城大道"),
}

# Where migrants' ID numbers were issued: county-level area codes, weighted by how
# many people from there live in 佛山 (other 广东 cities, 广西, 湖南, 四川, ...).
MIGRANT_AREA_CODES: dict[str, float] = {
    "440882": 4, "440981": 4, "441424": 3, "445281": 3, "441625": 2,   # 广东
    "450881": 4, "450821": 3, "450921": 2,                             # 广西
    "430524": 3, "430426": 2, "431022": 2,                             # 湖南
    "511321": 2, "510921": 1,                                          # 四川
    "360121": 1, "421127": 1, "420117": 1, "410329": 1, "520121": 1,   # 江西 湖北 河南 贵州
}
MIGRANT_SHARE = 0.10
