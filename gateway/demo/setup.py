"""The demo world of api.md: departments, principals, sources, catalog and grants.

`datagate serve --demo` calls ensure_demo_world(); it is idempotent (a second start reuses
what is there). Sources are SQLite files under DATAGATE_DATA_DIR/sources, filled with
synthetic people and enterprises (gateway.demo.data, Faker zh_CN, valid check digits).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
import logging
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gateway.demo import data as demo_data
from gateway.catalog.entries import publish, write_entry
from gateway.demo.lookups import seed_lookups
from gateway.demo.open_data import seed_open_data
from gateway.demo.workflows import seed_workflows
from gateway.identifiers import make_credit_code
from gateway.store.db import make_engine
from gateway.store.models import Department, Grant, Principal, Purpose, RoleAssignment, Source

if TYPE_CHECKING:
    from gateway.services import Services

log = logging.getLogger("datagate.demo")

DEPARTMENTS = [  # code, name, data authority, the first 17 characters of its credit code
    ("gongan", "市公安局", False, "11440600007010481"), ("shichang", "市市场监督管理局", False,
                                                       "11440600MB2C01127"),
    ("renshe", "市人力资源和社会保障局", False, "11440600007011289"),
    ("minzheng", "市民政局", False, "11440600007010537"),
    ("weijian", "市卫生健康局", False, "11440600MB2C01354"),
    ("shuju", "市政务服务数据管理局", True, "11440600MB2C10042"),
]
# each department's public contact for open data (fictional: the reserved .example domain)
CONTACTS = {code: (f"opendata@{code}.foshan.example", f"+86-757-8300-{n:04d}")
            for n, (code, *_) in enumerate(DEPARTMENTS, start=1)}

# name, display name, kind, department, roles, credit code
PRINCIPALS = [
    ("minzheng-app", "民政局低保审核系统", "APP", "minzheng", ["app"], None),
    ("renshe-app", "人社局业务系统", "APP", "renshe", ["app"], None),
    ("gongan-steward", "公安局数据专员", "PERSON", "gongan", ["steward"], None),
    ("minzheng-steward", "民政局数据专员", "PERSON", "minzheng", ["steward"], None),
    ("renshe-steward", "人社局数据专员", "PERSON", "renshe", ["steward"], None),
    ("shichang-steward", "市场监管局数据专员", "PERSON", "shichang", ["steward"], None),
    ("weijian-steward", "卫健局数据专员", "PERSON", "weijian", ["steward"], None),
    ("shuju-admin", "数据管理局平台运营", "PERSON", "shuju", ["data_authority"], None),
    ("security-admin", "安全管理员", "PERSON", "shuju", ["security_admin"], None),
    ("auditor", "审计员", "PERSON", "shuju", ["auditor"], None),
    ("researcher", "佛山市数智研究院分析员", "ORGANIZATION", None, ["researcher"],
     "91440604MA4W1XKR8K"),
]

PURPOSES = [
    ("subsistence-allowance-review", "最低生活保障审核", "§29: checking applicants' identity and income"),
    ("labour-market-research", "劳动力市场研究", "§36: conditional open research use"),
]

SOURCES = {  # source code -> (department, file, tables)
    "gongan-db": ("gongan", "gongan.sqlite", ["population"]),
    "shichang-db": ("shichang", "shichang.sqlite", ["enterprises"]),
    "renshe-db": ("renshe", "renshe.sqlite", ["social_insurance"]),
    "weijian-db": ("weijian", "weijian.sqlite", ["medical_visits"]),
}


def _f(name, column, data_type, sensitivity, description, **extra) -> dict:
    return {"name": name, "column": column, "data_type": data_type, "sensitivity": sensitivity,
            "description": description, **extra}


DATASETS = [
    {"code": "population", "theme": "人口户籍", "name": "人口基础信息", "owner_department": "gongan",
     "description": "Registered residents of Foshan: identity, contact and household district.",
     "share_type": "CONDITIONAL", "share_conditions": "按申请用途和字段授权，仅限查阅、比对",
     "open_type": "NONE", "open_conditions": "含个人信息，不予开放", "update_frequency": "daily",
     "provision_methods": ["API"], "source_code": "gongan-db", "table_name": "population",
     "key_field": "idNumber", "legal_basis": "《广东省政务数据资源共享管理办法》",
     "fields": [
         _f("idNumber", "id_number", "STRING", "DIRECT_IDENTIFIER", "公民身份号码 (GB 11643)",
            identifier_kind="ID_NUMBER"),
         _f("name", "name", "STRING", "PERSONAL", "姓名"),
         _f("gender", "gender", "STRING", "PERSONAL", "性别", dimension=True),
         _f("birthDate", "birth_date", "DATE", "PERSONAL", "出生日期"),
         _f("ethnicity", "ethnicity", "STRING", "SENSITIVE_PERSONAL", "民族（须本人同意，§31）",
            dimension=True, consent_required=True),
         _f("phone", "phone", "STRING", "PERSONAL", "联系电话"),
         _f("address", "address", "STRING", "PERSONAL", "户籍地址"),
         _f("district", "district", "STRING", "INTERNAL", "所属区", dimension=True),
     ]},
    {"code": "enterprises", "theme": "市场监管", "name": "企业登记信息", "owner_department": "shichang",
     "description": "Registered enterprises of Foshan (市场主体登记).",
     "share_type": "UNCONDITIONAL", "open_type": "UNCONDITIONAL", "update_frequency": "daily",
     "provision_methods": ["API", "DOWNLOAD"], "source_code": "shichang-db",
     "table_name": "enterprises", "key_field": "creditCode",
     # a public register whose rows anyone downloads: nothing for noise or dominance to hide
     "disclosure": {"dominanceN": 0, "countNoise": 0, "magnitudeNoise": 0},
     "fields": [
         _f("creditCode", "credit_code", "STRING", "PUBLIC", "统一社会信用代码 (GB 32100)",
            identifier_kind="CREDIT_CODE"),
         _f("name", "name", "STRING", "PUBLIC", "企业名称"),
         _f("legalRepresentative", "legal_representative", "STRING", "PERSONAL", "法定代表人",
            masking={"open": "mask", "kind": "NAME"}),
         _f("registeredCapital", "registered_capital", "DECIMAL", "PUBLIC", "注册资本（万元）",
            lower_bound=0, upper_bound=100000),
         _f("industry", "industry", "STRING", "PUBLIC", "行业", dimension=True),
         _f("district", "district", "STRING", "PUBLIC", "所属区", dimension=True),
         _f("establishedOn", "established_on", "DATE", "PUBLIC", "成立日期"),
         _f("status", "status", "STRING", "PUBLIC", "登记状态", dimension=True),
     ]},
    {"code": "socialInsurance", "theme": "社保就业", "name": "社会保险参保信息", "owner_department": "renshe",
     "description": "Social insurance enrolment of Foshan residents.",
     "share_type": "CONDITIONAL", "share_conditions": "按申请用途授权；统计结果可共享",
     "open_type": "CONDITIONAL", "open_conditions": "申请并签署使用承诺后，以下载、接口或沙箱方式使用",
     "open_commitment": ("本单位承诺：仅将所获社会保险参保数据用于申请所述用途；不尝试识别具体个人；"
                         "不向第三方提供；按期报告使用情况；用途完成或期满后销毁数据。"),
     "update_frequency": "monthly", "provision_methods": ["API", "DOWNLOAD", "SANDBOX"],
     "source_code": "renshe-db", "table_name": "social_insurance", "key_field": "idNumber",
     "fields": [
         _f("idNumber", "id_number", "STRING", "DIRECT_IDENTIFIER", "公民身份号码",
            identifier_kind="ID_NUMBER", masking={"open": "hash"}),
         _f("name", "name", "STRING", "PERSONAL", "姓名", masking={"open": "redact"}),
         # employer, start year and pay band together single out most of the insured: they are
         # quasi-identifiers, coarsened (employer to its issuer and district, years to 5 and 10,
         # pay to 10,000s) until each open row shares them with k - 1 others
         _f("employerCreditCode", "employer_credit_code", "STRING", "PUBLIC", "参保单位信用代码",
            masking={"quasi": True, "coarsen": [{"truncate": 8}, {"truncate": 2}]}),
         _f("insuranceType", "insurance_type", "STRING", "INTERNAL", "险种", dimension=True,
            masking={"open": "keep"}),
         _f("monthlyBase", "monthly_base", "DECIMAL", "PERSONAL", "月缴费基数（元）",
            lower_bound=0, upper_bound=40000,
            masking={"open": "generalize", "kind": "AMOUNT", "quasi": True,
                     "coarsen": [{"band": 10000}]}),
         _f("since", "since", "DATE", "INTERNAL", "参保日期",
            masking={"open": "generalize", "kind": "DATE", "quasi": True,
                     "coarsen": [{"band": 5}, {"band": 10}]}),
         _f("status", "status", "STRING", "INTERNAL", "参保状态", dimension=True,
            masking={"open": "keep"}),
         _f("district", "district", "STRING", "INTERNAL", "所属区", dimension=True,
            masking={"open": "keep"}),
     ]},
    {"code": "medicalVisits", "theme": "医疗卫生", "name": "就诊记录", "owner_department": "weijian",
     "description": "Hospital visits; health data, neither shared nor open.",
     "share_type": "NONE", "share_conditions": "涉及健康隐私，不予共享",
     "open_type": "NONE", "open_conditions": "不予开放", "update_frequency": "daily",
     "provision_methods": [], "source_code": "weijian-db", "table_name": "medical_visits",
     "key_field": "visitId",
     "fields": [
         _f("visitId", "visit_id", "STRING", "INTERNAL", "就诊流水号"),
         _f("idNumber", "id_number", "STRING", "DIRECT_IDENTIFIER", "公民身份号码",
            identifier_kind="ID_NUMBER"),
         _f("visitDate", "visit_date", "DATE", "SENSITIVE_PERSONAL", "就诊日期"),
         _f("hospital", "hospital", "STRING", "INTERNAL", "医疗机构", dimension=True),
         _f("department", "department", "STRING", "INTERNAL", "科室", dimension=True),
         _f("diagnosis", "diagnosis", "STRING", "SENSITIVE_PERSONAL", "诊断"),
         _f("cost", "cost", "DECIMAL", "SENSITIVE_PERSONAL", "费用（元）"),
         _f("district", "district", "STRING", "INTERNAL", "所属区", dimension=True),
     ]},
]

MINZHENG_GRANTS = [  # (dataset, modes, fields)
    ("population", ["LOOKUP"], ["name", "gender", "birthDate", "district"]),
    ("population", ["COMPARE"], ["name", "phone"]),
    ("socialInsurance", ["STATS"], ["district", "insuranceType", "monthlyBase"]),
]
DEMO_GRANT_EXPIRY = dt.datetime(2027, 12, 31, 16, 0, tzinfo=dt.timezone.utc)  # 2028-01-01 +08


def ensure_demo_world(services: Services, data_dir: Path, people: int = 10_000,
                      source_urls: dict[str, str] | None = None, populate: bool = True) -> bool:
    """Create the demo world unless it exists; True if it was created now.

    ``source_urls`` may point a source code at another database (tests use PostgreSQL and
    MariaDB sources this way); by default each is a SQLite file under ``data_dir/sources``.
    With ``populate=False`` the source tables are taken as already filled.
    """
    sessions, now = services.store, services.clock.now()
    with sessions() as session:
        if session.get(Department, "gongan") is not None:
            return False
    urls = dict(source_urls or {})
    for code, (_, filename, _) in SOURCES.items():
        urls.setdefault(code, f"sqlite:///{(data_dir / 'sources' / filename).resolve()}")
    if populate:
        fill_sources(urls, people)
    with sessions() as session, session.begin():
        _write_world(session, now, urls)
    citizen = _first_person(urls["gongan-db"])
    seed_workflows(services, citizen)
    seed_open_data(services)
    seed_lookups(services, citizen)
    log.info("demo world created with %d people", people)
    return True


def fill_sources(urls: dict[str, str], people: int) -> None:
    """Write the synthetic demo tables into the databases the source codes point at."""
    engines = {}
    for code, (_, _, tables) in SOURCES.items():
        engine = make_engine(urls[code])
        for table in tables:
            engines[table] = engine
    try:
        demo_data.create_demo_sources(engines, people=people)
    finally:
        for engine in set(engines.values()):
            engine.dispose()


def _first_person(url: str) -> str:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(demo_data.POPULATION.c.id_number)
                                .order_by(demo_data.POPULATION.c.id_number).limit(1)).scalar_one()
    finally:
        engine.dispose()


def _write_world(session: Session, now: dt.datetime, urls: dict[str, str]) -> None:
    for code, name, authority, credit in DEPARTMENTS:
        session.add(Department(code=code, name=name, is_data_authority=authority,
                               credit_code=make_credit_code(credit),
                               contact_email=CONTACTS[code][0], contact_phone=CONTACTS[code][1]))
    session.flush()
    for name, display, kind, dept, roles, credit in PRINCIPALS:
        principal = Principal(name=name, display_name=display, kind=kind, department_code=dept,
                              credit_code=credit)
        principal.roles = [RoleAssignment(role=r, assigned_by="demo", assigned_at=now) for r in roles]
        session.add(principal)
    for code, name, description in PURPOSES:
        session.add(Purpose(code=code, name=name, description=description))
    for code, (dept, _, _) in SOURCES.items():
        session.add(Source(code=code, url=urls[code], department_code=dept,
                           description=f"demo source of {dept}"))
    session.flush()
    for spec in DATASETS:
        entry = write_entry(session, spec, now)
        publish(session, entry, by="demo", now=now, note="demo world")
    for dataset, modes, fields in MINZHENG_GRANTS:
        session.add(Grant(dataset_code=dataset, department_code="minzheng", modes=modes,
                          fields=fields, purpose="subsistence-allowance-review",
                          expires_at=DEMO_GRANT_EXPIRY, created_at=now, created_by="demo",
                          origin="DEMO"))
