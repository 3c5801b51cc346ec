"""Snapshots for the sandbox: the same values from every source kind and path (PostgreSQL COPY,
row batches on PostgreSQL, MariaDB and SQLite), masking per batch as the open channel masks,
and the table policy the output checks get."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pyarrow as pa
import pytest
import sqlalchemy as sa

from gateway.sandbox_service import snapshots
from gateway.sources import arrow_reads as snapshot_reads
from gateway.catalog.datasets import Dataset, Field
from gateway.errors import SourceUnavailable
from gateway.catalog.field_policies import masking_keys
from gateway.settings import Settings
from masking.kinds import FieldKind
from masking.policies import MaskingKeys, mask_column
from tests.conftest import temp_database

TRICKY = [  # code, note, amount, day, flag, n
    ("A1", "plain", Decimal("6500.25"), dt.date(1990, 1, 2), True, 1),
    ("A2", "", Decimal("0"), dt.date(2026, 12, 31), False, -7),
    ("A3", None, None, None, None, None),
    ("A4", 'with "quotes", commas\nand a newline', Decimal("-12.5"), dt.date(1, 1, 1), True, 2 ** 40),
    ("A5", "广东省佛山市南海区桂城街道 \\N NULL", Decimal("123456789.01"), dt.date(2000, 2, 29), False, 0),
    ("A6", 'tab\there, \x01 and 😀, \\ "{}" null', Decimal("0.01"), dt.date(9999, 12, 31), True, -(2 ** 62)),
]
FIELDS = (
    Field(name="code", column="code", data_type="STRING", sensitivity="PUBLIC"),
    Field(name="note", column="note", data_type="STRING", sensitivity="PUBLIC"),
    Field(name="amount", column="amount", data_type="DECIMAL", sensitivity="PUBLIC"),
    Field(name="day", column="day", data_type="DATE", sensitivity="PUBLIC"),
    Field(name="flag", column="flag", data_type="BOOLEAN", sensitivity="PUBLIC"),
    Field(name="n", column="n", data_type="INT", sensitivity="PUBLIC"),
)


KEYS = MaskingKeys(hash_key="test-hash-key-test-hash-key-0123")


def dataset(fields=FIELDS, key="code") -> Dataset:
    return Dataset(code="tricky", name="t", description="", owner_department="renshe",
                   share_type="NONE", open_type="CONDITIONAL", source_code="s", table_name="tricky",
                   key_field=key, min_group_size=7, status="PUBLISHED", version=1, fields=fields)


def fill(url: str) -> sa.Engine:
    engine = sa.create_engine(url)
    meta = sa.MetaData()
    table = sa.Table("tricky", meta, sa.Column("code", sa.String(10), primary_key=True),
                     sa.Column("note", sa.Text), sa.Column("amount", sa.Numeric(14, 2)),
                     sa.Column("day", sa.Date), sa.Column("flag", sa.Boolean), sa.Column("n", sa.BigInteger))
    meta.drop_all(engine)
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(table.insert(), [dict(zip(("code", "note", "amount", "day", "flag", "n"), r)) for r in TRICKY])
    return engine


@pytest.fixture(scope="module", params=["postgresql", "mariadb", "sqlite"])
def source(request, tmp_path_factory):
    if request.param == "sqlite":
        engine = fill(f"sqlite:///{tmp_path_factory.mktemp('src') / 'tricky.sqlite'}")
        yield request.param, engine
        engine.dispose()
        return
    with temp_database(request.param) as url:
        engine = fill(url)
        yield request.param, engine
        engine.dispose()


def read(engine: sa.Engine, ds: Dataset, names, *, batch_rows: int = 2) -> pa.Table:
    plan = snapshots.plan_snapshot(ds, names)
    snapshot = snapshots.Snapshot(plan, engine.connect(), KEYS, batch_rows)
    try:
        table = snapshot.reader.read_all()
    finally:
        snapshot.close()
    assert snapshot.rows == table.num_rows
    return table.sort_by("code")


def refused_read(engine: sa.Engine, ds: Dataset, names) -> tuple[snapshots.Snapshot, BaseException]:
    """A snapshot whose reading fails, and what the researcher is told of it."""
    snapshot = snapshots.Snapshot(snapshots.plan_snapshot(ds, names), engine.connect(), KEYS, 2)
    with pytest.raises(Exception):
        snapshot.reader.read_all()
    snapshot.close()
    assert snapshot.error is not None
    return snapshot, snapshots.source_error(snapshot.error, ds, snapshot.dbapi)


def expected_columns() -> dict:
    return {
        "code": [r[0] for r in TRICKY], "note": [r[1] for r in TRICKY],
        "amount": [None if r[2] is None else float(r[2]) for r in TRICKY],
        "day": [r[3] for r in TRICKY], "flag": [r[4] for r in TRICKY], "n": [r[5] for r in TRICKY],
    }


@pytest.mark.parametrize("generic", [False, True], ids=["native", "rows"])
def test_every_value_arrives_unchanged_when_kept(source, generic, monkeypatch):
    _, engine = source
    if generic:  # PostgreSQL and MariaDB through the row batches other sources use
        monkeypatch.setattr(snapshot_reads, "NATIVE_PATHS", {})
    table = read(engine, dataset(), [f.name for f in FIELDS])
    assert table.schema.names == ["code", "note", "amount", "day", "flag", "n"]
    assert table.schema.field("amount").type == pa.float64()
    assert table.schema.field("day").type == pa.date32()
    assert table.to_pydict() == expected_columns()


@pytest.mark.parametrize("generic", [False, True], ids=["native", "rows"])
def test_a_table_gone_from_its_source_is_source_unavailable_on_every_path(source, generic, monkeypatch):
    """Both paths read the driver's own cursor, so they raise the driver's own error: it is
    told as SOURCE_UNAVAILABLE naming what the source lacks, as SQLAlchemy's would be."""
    kind, engine = source
    if generic:
        monkeypatch.setattr(snapshot_reads, "NATIVE_PATHS", {})
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE tricky RENAME TO tricky_gone"))
    try:
        snapshot, told = refused_read(engine, dataset(), ["code", "day"])
        assert not isinstance(snapshot.error, sa.exc.DBAPIError)
        assert isinstance(told, SourceUnavailable), (kind, repr(snapshot.error))
        assert "no table or column that the catalog names" in str(told) and "tricky" in str(told)
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE tricky_gone RENAME TO tricky"))
    assert read(engine, dataset(), ["code"]).num_rows == len(TRICKY)


@pytest.mark.parametrize("generic", [False, True], ids=["native", "rows"])
def test_values_their_catalog_type_cannot_hold_are_source_unavailable_naming_the_field(source, generic,
                                                                                       monkeypatch):
    """Text in a DATE field, and on MariaDB its zero date 0000-00-00: every path says which
    field cannot be read, quoting no value, instead of INTERNAL."""
    kind, engine = source
    if generic:
        monkeypatch.setattr(snapshot_reads, "NATIVE_PATHS", {})
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE IF EXISTS unreadable"))
        conn.execute(sa.text("CREATE TABLE unreadable (code VARCHAR(4), day VARCHAR(12))"))
        conn.execute(sa.text("INSERT INTO unreadable VALUES ('B1', '2020-01-01'), ('B2', 'secret-42')"))
        if kind == "mariadb":
            conn.execute(sa.text("SET SESSION sql_mode = ''"))
            conn.execute(sa.text("CREATE OR REPLACE TABLE zero_dates (code VARCHAR(4), day DATE)"))
            conn.execute(sa.text("INSERT INTO zero_dates VALUES ('B1', '2020-01-01'), ('B2', '0000-00-00')"))
    code = Field(name="code", column="code", data_type="STRING", sensitivity="PUBLIC")
    day = Field(name="day", column="day", data_type="DATE", sensitivity="PUBLIC")
    number = Field(name="n", column="code", data_type="INT", sensitivity="PUBLIC")  # 'B1' is no INT
    cases = [("unreadable", (code, day), "field day", "as DATE"), ("unreadable", (code, number), "field n", "as INT")]
    if kind == "mariadb":
        cases.append(("zero_dates", (code, day), "field day", "as DATE"))
    for table, fields, named, typed in cases:
        ds = Dataset(**{**dataset(fields).__dict__, "table_name": table})
        snapshot, told = refused_read(engine, ds, [f.name for f in fields])
        assert isinstance(told, SourceUnavailable), (kind, table, repr(snapshot.error))
        message = str(told)
        assert "cannot be read" in message and "tricky" in message, message
        assert "secret-42" not in message and "0000-00-00" not in message.split("(")[0]
        assert named in message and typed in message, (kind, table, message)



@pytest.mark.parametrize("generic", [False, True], ids=["native", "rows"])
def test_a_gbk_table_on_mariadb_arrives_as_the_same_text(generic, monkeypatch):
    """Older departmental MySQL/MariaDB tables are often GBK: the JSON rows (which MariaDB
    writes in utf8mb4) and the row batches carry their Chinese text unchanged."""
    if generic:
        monkeypatch.setattr(snapshot_reads, "NATIVE_PATHS", {})
    with temp_database("mariadb") as url:
        engine = sa.create_engine(url)
        try:
            with engine.begin() as conn:
                conn.execute(sa.text("CREATE TABLE gbk_names (code VARCHAR(4), note VARCHAR(40), day DATE) "
                                     "CHARACTER SET gbk"))
                conn.execute(sa.text("INSERT INTO gbk_names VALUES ('G1', '佛山市禅城区 张三（户籍）', "
                                     "'2020-01-02'), ('G2', NULL, NULL)"))
            fields = tuple(f for f in FIELDS if f.name in ("code", "note", "day"))
            ds = Dataset(**{**dataset(fields).__dict__, "table_name": "gbk_names"})
            assert read(engine, ds, ["code", "note", "day"]).to_pydict() == {
                "code": ["G1", "G2"], "note": ["佛山市禅城区 张三（户籍）", None], "day": [dt.date(2020, 1, 2), None]}
        finally:
            engine.dispose()

def test_fields_come_in_catalog_order_and_only_those_asked(source):
    _, engine = source
    table = read(engine, dataset(), ["n", "code"])
    assert table.schema.names == ["code", "n"]


def test_masking_follows_the_open_channel_and_withholds_redacted_fields(source):
    _, engine = source
    fields = (
        Field(name="code", column="code", data_type="STRING", sensitivity="DIRECT_IDENTIFIER",
              identifier_kind="ID_NUMBER", masking=(("open", "hash"),)),
        Field(name="note", column="note", data_type="STRING", sensitivity="INTERNAL"),  # redacted
        Field(name="amount", column="amount", data_type="DECIMAL", sensitivity="PERSONAL",
              masking=(("kind", "AMOUNT"), ("open", "generalize"))),
        Field(name="day", column="day", data_type="DATE", sensitivity="PERSONAL",
              masking=(("kind", "BIRTH_DATE"), ("open", "generalize"))),
        Field(name="flag", column="flag", data_type="BOOLEAN", sensitivity="INTERNAL",
              masking=(("open", "keep"),)),
    )
    ds = dataset(fields)
    plan = snapshots.plan_snapshot(ds, ["code", "note", "amount", "day", "flag"])
    assert plan.withheld == ("note",)
    # personal amounts enter exact: only checked aggregates leave a session
    assert plan.masking == {"code": "hash", "day": "generalize", "note": "withheld"}
    policy = plan.table_policy()
    assert policy.identifier_columns == frozenset({"code"}) and policy.min_group_size == 7
    assert policy.people_column is None  # the key identifies the person: one row each
    # the amount enters as a number: its sums obey the dataset's dominance rule
    assert policy.magnitude_columns == frozenset({"amount"}) and policy.dominance == (2, 85.0)
    table = read(engine, ds, ["code", "note", "amount", "day", "flag"])
    assert table.schema.names == ["code", "amount", "day", "flag"]
    expected = expected_columns()
    masked = {
        "code": mask_column(expected["code"], FieldKind.ID_NUMBER, "hash", keys=KEYS),
        "amount": expected["amount"],
        "day": mask_column(expected["day"], FieldKind.BIRTH_DATE, "generalize"),
        "flag": expected["flag"],
    }
    rows = sorted(zip(*masked.values()), key=repr)
    assert sorted(zip(*table.to_pydict().values()), key=repr) == rows
    assert all(len(code) == 64 for code in masked["code"])


def test_batch_masking_by_distinct_values_equals_masking_each_value():
    names = pa.array((["陈志强", "欧阳娜娜", None, "李四"] * 50) + ["王五"])
    days = pa.array([dt.date(1990 + i % 7, 1 + i % 12, 1) for i in range(200)] + [None], pa.date32())
    for values, kind, operator in ((names, FieldKind.NAME, "generalize"), (names, FieldKind.NAME, "mask"),
                                   (names, FieldKind.NAME, "hash"), (days, FieldKind.DATE, "generalize"),
                                   (days, FieldKind.BIRTH_DATE, "generalize")):
        fast = snapshots.mask_array(values, kind, operator, KEYS)
        assert fast.to_pylist() == mask_column(values.to_pylist(), kind, operator, keys=KEYS), (kind, operator)


def test_people_are_counted_by_a_hashed_person_id_when_rows_are_not_people():
    fields = (
        Field(name="visitId", column="visit_id", data_type="STRING", sensitivity="INTERNAL",
              masking=(("open", "keep"),)),
        Field(name="idNumber", column="id_number", data_type="STRING", sensitivity="DIRECT_IDENTIFIER",
              identifier_kind="ID_NUMBER", masking=(("open", "hash"),)),
    )
    plan = snapshots.plan_snapshot(dataset(fields, key="visitId"), ["visitId", "idNumber"])
    assert plan.table_policy().people_column == "idNumber"
    masked = dataset(tuple(Field(**{**f.__dict__, "masking": ()}) for f in fields), key="visitId")
    assert snapshots.plan_snapshot(masked, ["idNumber"]).table_policy().people_column is None


def test_unknown_or_wholly_redacted_fields_are_bad_input():
    from gateway.errors import BadInput

    with pytest.raises(BadInput, match="no field"):
        snapshots.plan_snapshot(dataset(), ["nope"])
    redacted = dataset((Field(name="code", column="code", data_type="STRING", sensitivity="INTERNAL"),))
    with pytest.raises(BadInput, match="redacted"):
        snapshots.plan_snapshot(redacted, ["code"])


def test_the_hash_key_is_the_one_every_masking_path_uses(tmp_path):
    settings = Settings(data_dir=tmp_path)
    assert masking_keys(settings).hash_key == masking_keys(Settings(data_dir=tmp_path)).hash_key
    services = SimpleNamespace(settings=settings,
                               sources=SimpleNamespace(connect=lambda d, **_: sa.create_engine("sqlite://").connect()))
    snapshot = snapshots.open_snapshot(services, dataset(), ["code"])
    assert snapshot._keys.hash_key == masking_keys(settings).hash_key
    snapshot.close()
