"""Synthetic source data for the demo world of 佛山 (Foshan).

Four source tables, each owned by one department (see docs/api.md, "Demo world"):

========================  ==================  ==============  =======================
table                     owner               key             rows for ``people=n``
========================  ==================  ==============  =======================
``population``            市公安局            ``id_number``   n
``enterprises``           市市场监督管理局    ``credit_code`` max(500, n // 10)
``social_insurance``      市人社局            ``id_number``   about 0.7 n (a subset)
``medical_visits``        市卫生健康局        ``visit_id``    about 0.5 n
========================  ==================  ==============  =======================

Everything is deterministic for a given seed: Faker (zh_CN) is seeded and used once to
fill name and trade-name pools, and every table draws from its own ``random.Random``.
Rows come out in a fixed order, so a world of n people is the first n people of a
larger world with the same seed; that is what ``if_exists="grow"`` relies on to grow a
table (say ``population`` to 1,000,000 rows for a benchmark) without duplicates.

Realism, briefly: citizen ID numbers carry 佛山 district area codes (about 10% are
migrants with area codes from elsewhere), a birth date equal to ``birth_date`` and a
17th digit that is odd for 男 and even for 女, all with a GB 11643 check digit.
Credit codes are GB 32100 codes (registration authority 9, a 佛山 area code, an
organisation code with its GB 11714 check character, the mod-31 check character).
Addresses are built from real 佛山 镇街 (towns and sub-districts), never from Faker's
random provinces. ``REFERENCE_DATE`` stands for "today" so ages do not drift.
``social_insurance.employer_credit_code`` is NULL for 城乡居民基本养老保险 (no employer);
``medical_visits.district`` is the hospital's district, not always the patient's.

Speed (2 shared cores): the 10,000-people world goes into SQLite in about 1 s;
``create_population`` writes 1,000,000 rows into PostgreSQL in about 60 s (half of it
generating rows, half inserting), using about 100 MB.

    from gateway.demo_data import create_demo_sources
    counts = create_demo_sources(sa.create_engine("sqlite:///demo.db"), people=10_000)

Per table: ``create_population(engine, people=1_000_000)`` and its siblings take the
same arguments; ``population_rows(people, seed)`` and friends just yield dicts.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import random
import sys
import time
import zlib
from bisect import bisect_right
from decimal import Decimal
from itertools import accumulate
from typing import Callable, Iterator, Literal, Mapping, Sequence, TypeVar

import sqlalchemy as sa
from faker import Faker
from faker.providers.company.zh_CN import Provider as _FakerCompany

from gateway.identifiers import CREDIT_ALPHABET, id_check_digit, make_credit_code

DEFAULT_SEED = 20201101
REFERENCE_DATE = dt.date(2026, 11, 1)  # "today" of the demo world
DEFAULT_CHUNK_SIZE = 10_000

# --------------------------------------------------------------------------- places

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

# --------------------------------------------------------------------------- tables

DEMO_METADATA = sa.MetaData()
_MYSQL = {"mysql_charset": "utf8mb4", "mysql_collate": "utf8mb4_unicode_ci"}

POPULATION = sa.Table(
    "population", DEMO_METADATA,
    sa.Column("id_number", sa.String(18), primary_key=True, comment="公民身份号码"),
    sa.Column("name", sa.String(32), nullable=False),
    sa.Column("gender", sa.String(2), nullable=False, comment="男/女"),
    sa.Column("birth_date", sa.Date, nullable=False),
    sa.Column("ethnicity", sa.String(16), nullable=False),
    sa.Column("phone", sa.String(11), nullable=False),
    sa.Column("address", sa.String(128), nullable=False),
    sa.Column("district", sa.String(8), nullable=False),
    sa.Index("ix_population_district", "district"),
    sa.Index("ix_population_birth_date", "birth_date"),
    comment="人口基础信息", info={"owner": "市公安局", "dataset": "population"}, **_MYSQL,
)

ENTERPRISES = sa.Table(
    "enterprises", DEMO_METADATA,
    sa.Column("credit_code", sa.String(18), primary_key=True, comment="统一社会信用代码"),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("legal_representative", sa.String(32), nullable=False),
    sa.Column("registered_capital", sa.Numeric(14, 2), nullable=False, comment="万元"),
    sa.Column("industry", sa.String(32), nullable=False),
    sa.Column("district", sa.String(8), nullable=False),
    sa.Column("established_on", sa.Date, nullable=False),
    sa.Column("status", sa.String(8), nullable=False, comment="存续/在业/注销/吊销"),
    sa.Index("ix_enterprises_district", "district"),
    sa.Index("ix_enterprises_industry", "industry"),
    sa.Index("ix_enterprises_status", "status"),
    comment="企业登记信息", info={"owner": "市市场监督管理局", "dataset": "enterprises"},
    **_MYSQL,
)

SOCIAL_INSURANCE = sa.Table(
    "social_insurance", DEMO_METADATA,
    sa.Column("id_number", sa.String(18), primary_key=True, comment="公民身份号码"),
    sa.Column("name", sa.String(32), nullable=False),
    # NULL for 城乡居民基本养老保险, which residents join without an employer.
    sa.Column("employer_credit_code", sa.String(18), nullable=True),
    sa.Column("insurance_type", sa.String(16), nullable=False),
    sa.Column("monthly_base", sa.Numeric(14, 2), nullable=False, comment="元/月"),
    sa.Column("since", sa.Date, nullable=False),
    sa.Column("status", sa.String(8), nullable=False),
    sa.Column("district", sa.String(8), nullable=False),
    sa.Index("ix_social_insurance_district_type", "district", "insurance_type"),
    sa.Index("ix_social_insurance_employer", "employer_credit_code"),
    comment="社会保险参保信息", info={"owner": "市人社局", "dataset": "socialInsurance"},
    **_MYSQL,
)

MEDICAL_VISITS = sa.Table(
    "medical_visits", DEMO_METADATA,
    sa.Column("visit_id", sa.String(20), primary_key=True),
    sa.Column("id_number", sa.String(18), nullable=False),
    sa.Column("visit_date", sa.Date, nullable=False),
    sa.Column("hospital", sa.String(64), nullable=False),
    sa.Column("department", sa.String(16), nullable=False),
    sa.Column("diagnosis", sa.String(64), nullable=False),
    sa.Column("cost", sa.Numeric(14, 2), nullable=False, comment="元"),
    sa.Column("district", sa.String(8), nullable=False, comment="the hospital's district"),
    sa.Index("ix_medical_visits_id_number", "id_number"),
    sa.Index("ix_medical_visits_visit_date", "visit_date"),
    sa.Index("ix_medical_visits_district", "district"),
    comment="就诊记录", info={"owner": "市卫生健康局", "dataset": "medicalVisits"}, **_MYSQL,
)

DEMO_TABLES: dict[str, sa.Table] = {
    t.name: t for t in (POPULATION, ENTERPRISES, SOCIAL_INSURANCE, MEDICAL_VISITS)
}
TABLE_OWNERS: dict[str, str] = {name: t.info["owner"] for name, t in DEMO_TABLES.items()}
_DATASET_ALIASES = {t.info["dataset"]: name for name, t in DEMO_TABLES.items()}

# --------------------------------------------------------------------------- vocabularies

ETHNICITIES = {"汉族": 950, "壮族": 16, "土家族": 7, "瑶族": 5, "苗族": 5, "回族": 3,
               "满族": 3, "侗族": 3, "布依族": 2, "彝族": 2, "畲族": 1, "蒙古族": 1,
               "黎族": 1, "朝鲜族": 1}

# Mobile prefixes (China Mobile dominates in 广东), then 8 random digits.
PHONE_PREFIXES = {
    "134": 3, "135": 6, "136": 6, "137": 6, "138": 6, "139": 6, "147": 1, "150": 4,
    "151": 3, "152": 3, "157": 2, "158": 3, "159": 4, "178": 1, "182": 2, "183": 2,
    "184": 1, "187": 2, "188": 2, "198": 1, "130": 2, "131": 2, "132": 2, "155": 2,
    "156": 2, "166": 1, "176": 1, "185": 2, "186": 3, "133": 2, "153": 1, "173": 1,
    "177": 1, "180": 2, "181": 2, "189": 3, "191": 1, "199": 1,
}

# Age bands (years) and shares; migrants are mostly of working age.
AGE_BANDS = {(0, 15): 15, (15, 25): 10, (25, 35): 20, (35, 45): 19, (45, 55): 15,
             (55, 65): 11, (65, 80): 8, (80, 98): 2}
MIGRANT_AGE_BANDS = {(16, 25): 25, (25, 35): 35, (35, 45): 25, (45, 60): 15}

# Surnames common in 佛山 (Cantonese-speaking locals); migrants use Faker's national list.
LOCAL_SURNAMES = {
    "陈": 12, "梁": 7, "黄": 7, "李": 6, "何": 4, "张": 3.5, "罗": 3, "吴": 3, "林": 3,
    "刘": 3, "冯": 2.5, "麦": 2, "潘": 2, "杨": 2, "关": 1.5, "周": 1.5, "邓": 1.5,
    "谭": 1.5, "卢": 1.5, "叶": 1.5, "区": 1.2, "伍": 1.2, "郭": 1.2, "郑": 1.2, "钟": 1.2,
    "苏": 1.3, "曾": 1.3, "谢": 1.3, "蔡": 1, "朱": 1, "莫": 1, "余": 1, "霍": 0.8,
    "胡": 0.8, "彭": 0.8, "徐": 0.8, "岑": 0.6, "江": 0.6, "简": 0.5, "杜": 0.5,
    "孔": 0.5, "庞": 0.5, "招": 0.4, "冼": 0.4, "甘": 0.4, "邝": 0.4, "龙": 0.4,
    "严": 0.4, "欧阳": 0.3, "植": 0.2,
}
_GIVEN_CHARS = {
    "男": ("志伟家俊嘉子浩国建永文锦荣耀振启健泽梓宇德冠卓柏铭晓",
          "明豪强华辉杰文荣安伦洪基朗轩锋昌鹏聪斌源贤乐勇威峰"),
    "女": ("嘉咏婉丽美淑慧晓雅佩凯秀雪诗梓燕碧少翠欣颖紫思巧",
          "欣婷仪珊敏玲琪怡诗雯华芳娟莹霞琳娜彤君妍萍贞莲晴"),
}

INDUSTRIES = {"制造业": 32, "批发和零售业": 28, "住宿和餐饮业": 9, "信息技术服务业": 8,
              "建筑业": 7, "交通运输业": 6, "租赁和商务服务业": 6, "房地产业": 2,
              "居民服务业": 2}
# Words between the trade name and 有限公司, per industry.
_INDUSTRY_WORDS = {
    "制造业": ("电器", "五金制品", "陶瓷", "家具", "机械设备", "塑料制品", "铝业", "纺织",
             "不锈钢制品", "照明电器", "卫浴", "模具", "涂料", "服装", "食品"),
    "批发和零售业": ("商贸", "贸易", "建材", "五金贸易", "百货", "供应链管理", "医药",
                 "电子商务"),
    "住宿和餐饮业": ("餐饮管理", "酒店管理", "饮食", "酒店"),
    "信息技术服务业": ("科技", "信息技术", "网络科技", "软件", "智能科技", "数据科技"),
    "建筑业": ("建筑工程", "建设工程", "装饰工程", "市政工程", "机电安装工程"),
    "交通运输业": ("物流", "运输", "货运代理", "供应链"),
    "租赁和商务服务业": ("企业管理咨询", "人力资源服务", "广告", "会展服务"),
    "房地产业": ("房地产开发", "物业管理", "置业"),
    "居民服务业": ("家政服务", "清洁服务", "洗染"),
    "农林牧渔业": ("农业发展", "花卉", "水产"),
}
# What a 个体工商户 (sole trader) calls itself, per industry.
_SHOP_WORDS = {
    "制造业": ("五金加工厂", "家具厂", "服装加工店"),
    "批发和零售业": ("便利店", "五金店", "士多店", "商行", "建材店"),
    "住宿和餐饮业": ("餐饮店", "大排档", "烧腊店", "粥铺", "茶餐厅"),
    "信息技术服务业": ("电脑维修部", "手机维修店"),
    "建筑业": ("装修工作室", "水电安装部"),
    "交通运输业": ("货运部", "搬运服务部"),
    "租赁和商务服务业": ("广告部", "图文快印店"),
    "房地产业": ("房产中介部",),
    "居民服务业": ("理发店", "洗衣店", "家政服务部"),
}
_TRADE_CHARS = ("华美宏盛德利顺兴隆丰泰鑫金源达安康伟恒嘉富佳浩骏诚信创新力中南粤"
                "海天景明锦卓越汇联森科荣耀永昌")
# (kind digit, share): 1 企业, 2 个体工商户, 3 农民专业合作社 (GB 32100 second character).
ENTERPRISE_KINDS = {"1": 85, "2": 12, "3": 3}
ENTERPRISE_STATUSES = {"存续": 55, "在业": 30, "注销": 10, "吊销": 5}
_CAPITAL_STEPS = {10: 10, 30: 6, 50: 12, 100: 20, 200: 12, 300: 8, 500: 10, 1000: 8,
                  2000: 4, 5000: 2, 10000: 1}

INSURANCE_TYPES = ("职工基本养老保险", "职工基本医疗保险", "失业保险", "工伤保险",
                   "城乡居民基本养老保险")
_WORKING_AGE_INSURANCE = {"职工基本养老保险": 45, "职工基本医疗保险": 25, "失业保险": 8,
                          "工伤保险": 7, "城乡居民基本养老保险": 15}
_RETIRED_INSURANCE = {"职工基本养老保险": 55, "城乡居民基本养老保险": 45}
INSURANCE_STATUSES = {"参保缴费": 80, "暂停缴费": 12, "终止参保": 8}
_RETIRED_STATUSES = {"参保缴费": 50, "暂停缴费": 20, "终止参保": 30}
INSURED_SHARE_OF_ADULTS = 0.82  # people under 16 are never insured; ~70% overall
MONTHLY_BASE_FLOOR, MONTHLY_BASE_CEILING = 1900, 30000

# Hospitals per district; the 佛山市 ones (in 禅城区) also treat the whole city.
HOSPITALS: dict[str, tuple[str, ...]] = {
    "禅城区": ("佛山市第一人民医院", "佛山市中医院", "佛山市妇幼保健院", "佛山市第二人民医院",
              "佛山市禅城区中心医院"),
    "南海区": ("佛山市南海区人民医院", "佛山市南海区第二人民医院", "佛山市南海区中医院",
              "佛山市南海区妇幼保健院"),
    "顺德区": ("佛山市顺德区第一人民医院", "佛山市顺德区中医院", "佛山市顺德区妇幼保健院",
              "佛山市顺德区乐从医院"),
    "三水区": ("佛山市三水区人民医院", "佛山市三水区中医院", "佛山市三水区妇幼保健院"),
    "高明区": ("佛山市高明区人民医院", "佛山市高明区中医院"),
}
_CITY_HOSPITALS = HOSPITALS["禅城区"][:4]

# department -> diagnoses (ICD-10 code and name)
DIAGNOSES: dict[str, tuple[str, ...]] = {
    "内科": ("J06.9 急性上呼吸道感染", "I10 原发性高血压", "E11.9 2型糖尿病",
           "K52.9 急性胃肠炎", "J18.9 社区获得性肺炎", "I25.1 冠状动脉粥样硬化性心脏病"),
    "外科": ("K35.8 急性阑尾炎", "K40.9 腹股沟疝", "T14.0 软组织挫伤", "K80.2 胆囊结石"),
    "骨科": ("M51.2 腰椎间盘突出", "S52.5 桡骨远端骨折", "M17.9 膝关节骨关节炎"),
    "儿科": ("J20.9 急性支气管炎", "B08.4 手足口病", "A09 感染性腹泻"),
    "妇产科": ("Z34.9 正常妊娠监督", "N76.0 急性阴道炎", "D25.9 子宫平滑肌瘤"),
    "眼科": ("H52.1 近视", "H10.9 结膜炎", "H26.9 白内障"),
    "口腔科": ("K02.9 龋病", "K05.3 慢性牙周炎"),
    "皮肤科": ("L30.9 湿疹", "L50.9 荨麻疹"),
    "急诊科": ("R10.4 腹痛", "T14.1 开放性伤口", "R50.9 发热"),
}
_ADULT_DEPARTMENTS = {"内科": 35, "外科": 12, "骨科": 10, "眼科": 6, "口腔科": 7,
                      "皮肤科": 6, "急诊科": 8}
_ELDER_DEPARTMENTS = {"内科": 55, "外科": 8, "骨科": 14, "眼科": 10, "急诊科": 8}
_CHILD_DEPARTMENTS = {"儿科": 70, "眼科": 8, "口腔科": 10, "皮肤科": 5, "急诊科": 7}
_MEDIAN_COST = {"内科": 260, "外科": 380, "骨科": 420, "儿科": 180, "妇产科": 300,
                "眼科": 220, "口腔科": 350, "皮肤科": 160, "急诊科": 450}
INPATIENT_SHARE = 0.04
VISIT_PERIOD = (dt.date(2026, 1, 1), REFERENCE_DATE - dt.timedelta(days=1))

# --------------------------------------------------------------------------- helpers

T = TypeVar("T")


def _picker(weights: Mapping[T, float]) -> Callable[[random.Random], T]:
    """A function rng -> item, drawing items with the given relative weights."""
    items = list(weights)
    cum = list(accumulate(weights.values()))
    total = cum[-1]
    last = len(items) - 1
    return lambda rng: items[bisect_right(cum, rng.random() * total, 0, last)]


def _choice(rng: random.Random, seq: Sequence[T]) -> T:
    """rng.choice that always uses one random() call, whatever len(seq) is."""
    return seq[int(rng.random() * len(seq))]


def _yyyymmdd(d: dt.date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


_pick_district = _picker(DISTRICT_WEIGHTS)
_pick_street = {d: _picker(w) for d, w in FOSHAN_STREETS.items()}
_pick_migrant_area = _picker(MIGRANT_AREA_CODES)
_pick_age_band = _picker(AGE_BANDS)
_pick_migrant_age_band = _picker(MIGRANT_AGE_BANDS)
_pick_ethnicity = _picker(ETHNICITIES)
_pick_phone_prefix = _picker(PHONE_PREFIXES)
_pick_local_surname = _picker(LOCAL_SURNAMES)
_pick_industry = _picker(INDUSTRIES)
_pick_kind = _picker(ENTERPRISE_KINDS)
_pick_enterprise_status = _picker(ENTERPRISE_STATUSES)
_pick_capital = _picker(_CAPITAL_STEPS)
_pick_working_insurance = _picker(_WORKING_AGE_INSURANCE)
_pick_retired_insurance = _picker(_RETIRED_INSURANCE)
_pick_insurance_status = _picker(INSURANCE_STATUSES)
_pick_retired_status = _picker(_RETIRED_STATUSES)
_pick_adult_department = _picker(_ADULT_DEPARTMENTS)
_pick_elder_department = _picker(_ELDER_DEPARTMENTS)
_pick_child_department = _picker(_CHILD_DEPARTMENTS)


class _NamePools:
    """Surname and given-name pools, drawn once from a seeded Faker and our own lists.

    Drawing a row's name is then two list look-ups instead of a Faker call."""

    def __init__(self, seed: int):
        fake = Faker("zh_CN")
        fake.seed_instance(seed)
        rng = random.Random(f"{seed}:names")
        self.local_surnames = [_pick_local_surname(rng) for _ in range(2000)]
        self.national_surnames = [fake.last_name() for _ in range(2000)]
        self.given: dict[str, list[str]] = {}
        for gender, faker_given in (("男", fake.first_name_male), ("女", fake.first_name_female)):
            first, second = _GIVEN_CHARS[gender]
            pool = [faker_given() for _ in range(800)]
            pool += [rng.choice(first) + rng.choice(second) for _ in range(2400)]
            pool += [rng.choice(second) for _ in range(300)]
            rng.shuffle(pool)
            self.given[gender] = pool
        # Faker's trade names, without place names, industry words or Latin letters
        trade = [p for p in _FakerCompany.company_prefixes
                 if 2 <= len(p) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in p)
                 and not any(w in p for w in ("电子", "软件", "科技", "信息", "计算机", "电脑",
                                              "公司", "济南", "黄石", "襄樊", "开发区", "数字"))]
        trade += [rng.choice(_TRADE_CHARS) + rng.choice(_TRADE_CHARS) for _ in range(600)]
        self.trade_names = [t for t in trade if t[0] != t[-1]]

    def name(self, rng: random.Random, gender: str, local: bool = True) -> str:
        surnames = self.local_surnames if local else self.national_surnames
        return _choice(rng, surnames) + _choice(rng, self.given[gender])


@functools.lru_cache(maxsize=4)
def _name_pools(seed: int) -> _NamePools:
    return _NamePools(seed)


class _IdSequences:
    """Hands out the 3-digit sequence (digits 15-17) so that no two people share an ID.

    For each area code + birth date + gender there are 499 sequences (odd for 男, even
    for 女); they are handed out in a scrambled but fixed order."""

    def __init__(self) -> None:
        self._used: dict[str, int] = {}

    def take(self, first14: str, male: bool) -> str | None:
        key = first14 + ("1" if male else "0")
        n = self._used.get(key, 0)
        if n >= 499:
            return None  # all taken: the caller draws another birth date
        self._used[key] = n + 1
        m = (zlib.crc32(key.encode()) + 37 * n) % 499  # 37 is coprime with 499
        return f"{2 * m + 1 if male else 2 * m + 2:03d}"


def _age_in_years(birth: dt.date, on: dt.date = REFERENCE_DATE) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")


# --------------------------------------------------------------------------- row generators


def population_rows(people: int = 10_000, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield ``people`` rows of ``population`` (dicts keyed by column name)."""
    rng = random.Random(f"{seed}:population")
    names = _name_pools(seed)
    sequences = _IdSequences()
    ref = REFERENCE_DATE.toordinal()
    foshan_codes = list(FOSHAN_DISTRICTS)
    for _ in range(people):
        district = _pick_district(rng)
        migrant = rng.random() < MIGRANT_SHARE
        if migrant:
            area = _pick_migrant_area(rng)
            low, high = _pick_migrant_age_band(rng)
        else:  # most locals were registered in the district they live in
            area = DISTRICT_CODES[district] if rng.random() < 0.85 else _choice(rng, foshan_codes)
            low, high = _pick_age_band(rng)
        male = rng.random() < 0.52  # 佛山 has more men than women (migrant workers)
        gender = "男" if male else "女"
        while True:
            age_days = int((low + rng.random() * (high - low)) * 365.2425)
            birth = dt.date.fromordinal(ref - age_days)
            first14 = area + _yyyymmdd(birth)
            sequence = sequences.take(first14, male)
            if sequence is not None:
                break
        first17 = first14 + sequence
        street = _pick_street[district](rng)
        address = (f"广东省佛山市{district}{street}{_choice(rng, FOSHAN_ROADS[district])}"
                   f"{1 + int(rng.random() ** 2 * 300)}号")
        if rng.random() < 0.7:  # flats: building and room number
            address += (f"{1 + int(rng.random() * 20)}座"
                        f"{1 + int(rng.random() * 32)}{1 + int(rng.random() * 6):02d}房")
        yield {
            "id_number": first17 + id_check_digit(first17),
            "name": names.name(rng, gender, local=not migrant),
            "gender": gender,
            "birth_date": birth,
            "ethnicity": _pick_ethnicity(rng),
            "phone": _pick_phone_prefix(rng) + f"{int(rng.random() * 100_000_000):08d}",
            "address": address,
            "district": district,
        }


def enterprise_count(people: int) -> int:
    return max(500, people // 10)


def enterprise_rows(count: int, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield ``count`` rows of ``enterprises``; see ``enterprise_count(people)``."""
    rng = random.Random(f"{seed}:enterprises")
    names = _name_pools(seed)
    seen: set[str] = set()
    start = dt.date(1992, 1, 1).toordinal()
    span = REFERENCE_DATE.toordinal() - start
    emitted = 0
    while emitted < count:
        kind = _pick_kind(rng)
        district = _pick_district(rng)
        industry = "农林牧渔业" if kind == "3" else _pick_industry(rng)
        code = make_credit_code("9" + kind + DISTRICT_CODES[district] + _organisation_code(rng))
        trade = _choice(rng, names.trade_names)
        town = _pick_street[district](rng).removesuffix("街道").removesuffix("镇")
        if kind == "1":
            form = "股份有限公司" if rng.random() < 0.03 else "有限公司"
            name = f"佛山市{district}{trade}{_choice(rng, _INDUSTRY_WORDS[industry])}{form}"
            capital = _pick_capital(rng) if rng.random() < 0.85 else rng.lognormvariate(5, 1.3)
        elif kind == "2":
            surname = _choice(rng, names.local_surnames)
            name = f"佛山市{district}{town}{surname}记{_choice(rng, _SHOP_WORDS[industry])}"
            capital = 1 + rng.random() ** 2 * 49
        else:
            name = f"佛山市{district}{town}{trade}{_choice(rng, _INDUSTRY_WORDS[industry])}专业合作社"
            capital = 10 + rng.random() ** 2 * 490
        gender = "男" if rng.random() < 0.7 else "女"
        row = {
            "credit_code": code,
            "name": name,
            "legal_representative": names.name(rng, gender, local=rng.random() < 0.8),
            "registered_capital": _money(min(capital, 999_999)),
            "industry": industry,
            "district": district,
            # business registrations boomed after the 2014 reform: skew towards recent
            "established_on": dt.date.fromordinal(start + span - 1 - int(span * rng.random() ** 1.8)),
            "status": _pick_enterprise_status(rng),
        }
        if code in seen:  # astronomically rare; skip rather than break the primary key
            continue
        seen.add(code)
        emitted += 1
        yield row


def _organisation_code(rng: random.Random) -> str:
    """A GB 11714 organisation code: 8 characters and a check character (0-9 or X)."""
    if rng.random() < 0.6:  # codes issued since 2015 mostly start with MA
        body = "MA" + "".join(_choice(rng, CREDIT_ALPHABET) for _ in range(6))
    else:
        body = f"{int(rng.random() * 100_000_000):08d}"
    total = sum(int(c, 36) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


class _Insurer:
    """Decides, person by person, who is insured, how, and with which employer."""

    def __init__(self, seed: int, employers: Sequence[str]):
        self.rng = random.Random(f"{seed}:social_insurance")
        self.employers = employers
        self.earliest = dt.date(1995, 1, 1).toordinal()

    def row_for(self, person: dict) -> dict | None:
        rng = self.rng
        birth = person["birth_date"]
        age = _age_in_years(birth)
        if age < 16 or rng.random() >= INSURED_SHARE_OF_ADULTS:
            return None
        retired = age >= 60
        kind = _pick_retired_insurance(rng) if retired else _pick_working_insurance(rng)
        status = _pick_retired_status(rng) if retired else _pick_insurance_status(rng)
        employer = None if kind == "城乡居民基本养老保险" else _choice(rng, self.employers)
        if kind == "城乡居民基本养老保险" or rng.random() < 0.3:
            base = MONTHLY_BASE_FLOOR * (1 + 0.1 * int(rng.random() * 4))
        else:  # wages: median about 5,500 元, long tail, capped
            base = rng.lognormvariate(math.log(5500), 0.55)
        base = round(min(max(base, MONTHLY_BASE_FLOOR), MONTHLY_BASE_CEILING))
        first = max(self.earliest, birth.toordinal() + 5844)  # 16th birthday, about
        span = max(REFERENCE_DATE.toordinal() - first, 1)
        since = dt.date.fromordinal(REFERENCE_DATE.toordinal() - 1 - int(span * rng.random() ** 1.5))
        return {
            "id_number": person["id_number"],
            "name": person["name"],
            "employer_credit_code": employer,
            "insurance_type": kind,
            "monthly_base": Decimal(base).quantize(Decimal("0.01")),
            "since": since,
            "status": status,
            "district": person["district"],
        }


class _Clinic:
    """Gives each person 0, 1 or more visits; older people and children go more often."""

    def __init__(self, seed: int):
        self.rng = random.Random(f"{seed}:medical_visits")
        self.counter = 0
        self.first = VISIT_PERIOD[0].toordinal()
        self.span = VISIT_PERIOD[1].toordinal() - self.first + 1

    def _visit_count(self, age: int) -> int:
        mean = 0.6 if age < 14 else 0.36 if age < 60 else 1.13
        # Poisson by inversion: a handful of random() calls at most
        k, p, u = 0, math.exp(-mean), self.rng.random()
        cumulative = p
        while u > cumulative and k < 12:
            k += 1
            p *= mean / k
            cumulative += p
        return k

    def rows_for(self, person: dict) -> list[dict]:
        rng = self.rng
        birth = person["birth_date"]
        age = _age_in_years(birth)
        rows = []
        for _ in range(self._visit_count(age)):
            on = dt.date.fromordinal(max(birth.toordinal(), self.first + int(rng.random() * self.span)))
            if age < 14:
                department = _pick_child_department(rng)
            elif person["gender"] == "女" and 18 <= age <= 50 and rng.random() < 0.25:
                department = "妇产科"
            else:
                department = (_pick_elder_department if age >= 60 else _pick_adult_department)(rng)
            if rng.random() < 0.75:
                district = person["district"]
                hospital = _choice(rng, HOSPITALS[district])
            else:
                district, hospital = "禅城区", _choice(rng, _CITY_HOSPITALS)
            cost = rng.lognormvariate(math.log(_MEDIAN_COST[department]), 0.6)
            if rng.random() < INPATIENT_SHARE:
                cost *= 25
            self.counter += 1
            rows.append({
                "visit_id": f"V{_yyyymmdd(on)}{self.counter:07d}",
                "id_number": person["id_number"],
                "visit_date": on,
                "hospital": hospital,
                "department": department,
                "diagnosis": _choice(rng, DIAGNOSES[department]),
                "cost": _money(cost),
                "district": district,
            })
        return rows


def _employer_codes(people: int, seed: int) -> list[str]:
    """Credit codes of the enterprises that can employ people (active companies)."""
    return [e["credit_code"] for e in enterprise_rows(enterprise_count(people), seed)
            if e["status"] in ("存续", "在业") and e["credit_code"][1] != "3"]


def social_insurance_rows(people: int = 10_000, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield the ``social_insurance`` rows of the world with ``people`` people."""
    insurer = _Insurer(seed, _employer_codes(people, seed))
    for person in population_rows(people, seed):
        row = insurer.row_for(person)
        if row is not None:
            yield row


def medical_visit_rows(people: int = 10_000, seed: int = DEFAULT_SEED) -> Iterator[dict]:
    """Yield the ``medical_visits`` rows of the world with ``people`` people."""
    clinic = _Clinic(seed)
    for person in population_rows(people, seed):
        yield from clinic.rows_for(person)


def _world_rows(people: int, seed: int, tables: set[str]) -> Iterator[tuple[str, dict]]:
    """All rows of the wanted tables in one pass over the population: (table, row)."""
    if "enterprises" in tables:
        for row in enterprise_rows(enterprise_count(people), seed):
            yield "enterprises", row
    person_tables = tables - {"enterprises"}
    if not person_tables:
        return
    insurer = _Insurer(seed, _employer_codes(people, seed)) if "social_insurance" in tables else None
    clinic = _Clinic(seed) if "medical_visits" in tables else None
    for person in population_rows(people, seed):
        if "population" in tables:
            yield "population", person
        if insurer is not None and (row := insurer.row_for(person)) is not None:
            yield "social_insurance", row
        if clinic is not None:
            for row in clinic.rows_for(person):
                yield "medical_visits", row


# --------------------------------------------------------------------------- loading

IfExists = Literal["replace", "grow", "fail"]


class _Loader:
    """Buffers one table's rows and inserts them in chunks (Core insert + executemany)."""

    def __init__(self, engine: sa.Engine, table: sa.Table, if_exists: IfExists,
                 chunk_size: int, progress: bool):
        self.engine, self.table, self.chunk_size, self.progress = engine, table, chunk_size, progress
        self.buffer: list[dict] = []
        self.inserted = 0
        self.skip = 0
        self.started = time.perf_counter()
        if if_exists not in ("replace", "grow", "fail"):
            raise ValueError(f"if_exists must be 'replace', 'grow' or 'fail', not {if_exists!r}")
        exists = sa.inspect(engine).has_table(table.name)
        if exists and if_exists == "replace":
            table.drop(engine)
            exists = False
        if not exists:
            table.create(engine)
        elif if_exists == "grow":
            # rows come out in a fixed order: the ones already there are the first ones
            with engine.connect() as conn:
                self.skip = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        else:
            raise RuntimeError(f"table {table.name} already exists in {engine.url!r}; "
                               "pass if_exists='replace' or 'grow'")
        self.total = self.skip

    def add(self, row: dict) -> None:
        if self.skip:
            self.skip -= 1
            return
        self.buffer.append(row)
        if len(self.buffer) >= self.chunk_size:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        with self.engine.begin() as conn:
            conn.execute(self.table.insert(), self.buffer)
        self.inserted += len(self.buffer)
        self.total += len(self.buffer)
        self.buffer = []
        if self.progress:
            elapsed = time.perf_counter() - self.started
            print(f"{self.table.name}: {self.total:,} rows after {elapsed:.1f} s", file=sys.stderr)


def _load(engines: Mapping[str, sa.Engine], people: int, seed: int, *, if_exists: IfExists,
          chunk_size: int, progress: bool) -> dict[str, int]:
    loaders = {name: _Loader(engine, DEMO_TABLES[name], if_exists, chunk_size, progress)
               for name, engine in engines.items()}
    for name, row in _world_rows(people, seed, set(loaders)):
        loaders[name].add(row)
    for loader in loaders.values():
        loader.flush()
    return {name: loader.total for name, loader in loaders.items()}


def create_demo_sources(
    engine_by_table: Mapping[str, sa.Engine] | sa.Engine,
    people: int = 10_000,
    seed: int = DEFAULT_SEED,
    progress: bool = False,
    *,
    if_exists: IfExists = "replace",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> dict[str, int]:
    """Create the demo source tables and fill them; return the row count of each table.

    ``engine_by_table`` is one engine for all four tables, or a mapping from table name
    (``population``, ``enterprises``, ``social_insurance``, ``medical_visits``; the
    dataset codes ``socialInsurance`` and ``medicalVisits`` work too) to the engine of
    the department that owns it; tables left out of the mapping are not created.
    ``if_exists``: ``"replace"`` drops and recreates a table, ``"grow"`` keeps the rows
    already there (made with the same seed) and adds the rest, ``"fail"`` refuses.
    """
    if isinstance(engine_by_table, sa.Engine):
        engines = {name: engine_by_table for name in DEMO_TABLES}
    else:
        engines = {}
        for key, engine in engine_by_table.items():
            name = _DATASET_ALIASES.get(key, key)
            if name not in DEMO_TABLES:
                raise ValueError(f"no demo table called {key!r}; the tables are {sorted(DEMO_TABLES)}")
            engines[name] = engine
    return _load(engines, people, seed, if_exists=if_exists, chunk_size=chunk_size,
                 progress=progress)


def create_population(engine: sa.Engine, people: int = 10_000, seed: int = DEFAULT_SEED,
                      progress: bool = False, *, if_exists: IfExists = "replace",
                      chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Create and fill ``population`` alone, e.g. with 1,000,000 people for a benchmark.

    Returns its row count; the arguments are those of create_demo_sources."""
    return _load({"population": engine}, people, seed, if_exists=if_exists,
                 chunk_size=chunk_size, progress=progress)["population"]


def create_enterprises(engine: sa.Engine, people: int = 10_000, seed: int = DEFAULT_SEED,
                       progress: bool = False, *, if_exists: IfExists = "replace",
                       chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Create and fill ``enterprises`` (``enterprise_count(people)`` rows)."""
    return _load({"enterprises": engine}, people, seed, if_exists=if_exists,
                 chunk_size=chunk_size, progress=progress)["enterprises"]


def create_social_insurance(engine: sa.Engine, people: int = 10_000, seed: int = DEFAULT_SEED,
                            progress: bool = False, *, if_exists: IfExists = "replace",
                            chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Create and fill ``social_insurance`` for the world of ``people`` people."""
    return _load({"social_insurance": engine}, people, seed, if_exists=if_exists,
                 chunk_size=chunk_size, progress=progress)["social_insurance"]


def create_medical_visits(engine: sa.Engine, people: int = 10_000, seed: int = DEFAULT_SEED,
                          progress: bool = False, *, if_exists: IfExists = "replace",
                          chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Create and fill ``medical_visits`` for the world of ``people`` people."""
    return _load({"medical_visits": engine}, people, seed, if_exists=if_exists,
                 chunk_size=chunk_size, progress=progress)["medical_visits"]
