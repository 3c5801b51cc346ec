"""The four demo source tables (SQLAlchemy Core), each owned by one department."""
from __future__ import annotations

import sqlalchemy as sa

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
