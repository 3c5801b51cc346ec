"""A 10,000-row catalog spreadsheet imported on a SQLite and a PostgreSQL store; prints rows/s.

    .venv/bin/python bench/catalog_import.py [--entries 1000] [--fields 10] [--no-postgres]

Generates a department's catalog (Faker zh_CN, 市民政局): --entries entries of --fields
fields each, one row per field, as .xlsx (entry columns merged over each entry's rows, as
departments draw them) and as .csv. Then, on a fresh demo store of each kind (PostgreSQL:
a database of its own on DATAGATE_BENCH_POSTGRES_URL, default the local server, created and
dropped here), it times through gateway.workflows.catalog_import:

- reading the file alone (openpyxl; the csv module);
- a dry run (read, check against the catalog, report; nothing written);
- the real import (all drafts in one transaction, and their audit records).

Rows per second count data rows. docs/catalog-spreadsheet.md quotes a run.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import openpyxl  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from faker import Faker  # noqa: E402

from gateway.access.principals import load_caller  # noqa: E402
from gateway.catalog.sheet_template import COLUMNS  # noqa: E402
from gateway.catalog.spreadsheet import read_sheets, write_sheet  # noqa: E402
from gateway.demo.setup import ensure_demo_world  # noqa: E402
from gateway.services import Services  # noqa: E402
from gateway.settings import Settings  # noqa: E402
from gateway.workflows.catalog_import import import_catalog  # noqa: E402

PG_ADMIN = os.environ.get("DATAGATE_BENCH_POSTGRES_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
TYPES = ["字符串", "字符串", "字符串", "整数", "小数", "日期", "布尔"]
LEVELS = ["公开", "内部", "内部", "个人信息"]


def catalog_rows(entries: int, fields: int, seed: int = 7) -> list[list]:
    fake = Faker("zh_CN")
    Faker.seed(seed)
    headers = [c.zh for c in COLUMNS]
    rows = []
    for e in range(entries):
        first = {"数据资源代码": f"civilAffairs{e:05d}", "数据资源名称": f"{fake.company_prefix()}{fake.word()}信息",
                 "数据资源摘要": fake.sentence(), "提供单位": "市民政局", "更新周期": "每月",
                 "共享类型": "有条件共享", "共享条件": "按申请用途和字段授权", "开放类型": "不予开放",
                 "提供方式": "接口", "法律依据": "《社会救助暂行办法》", "表名": f"t_mz_{e:05d}",
                 "主键字段": "recordId"}
        for f in range(fields):
            values = {"信息项代码": "recordId" if f == 0 else f"item{f}",
                      "信息项名称": "记录编号" if f == 0 else fake.word() + fake.word(),
                      "列名": "record_id" if f == 0 else f"c{f}",
                      "数据类型": "字符串" if f == 0 else TYPES[f % len(TYPES)],
                      "敏感级别": LEVELS[f % len(LEVELS)], "维度": "是" if f % 5 == 4 else "否"}
            row = {**(first if f == 0 else {}), **values}
            rows.append([row.get(h) for h in headers])
    return rows


def as_xlsx(rows: list[list], fields: int) -> bytes:
    """The rows in a workbook with each entry's columns merged over its rows (normal mode:
    write_only cannot merge)."""
    book = openpyxl.load_workbook(io.BytesIO(write_sheet("xlsx", "数据资源目录", COLUMNS, rows)))
    sheet = book.worksheets[0]
    entry_columns = [i + 1 for i, c in enumerate(COLUMNS) if c.entry]
    for start in range(2, len(rows) + 2, fields):
        for column in entry_columns:
            sheet.merge_cells(start_row=start, start_column=column, end_row=start + fields - 1,
                              end_column=column)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@contextlib.contextmanager
def store(kind: str, folder: Path):
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'store.sqlite'}"
        return
    name = f"datagate_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield sa.engine.make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        admin.dispose()


def timed(what: str, rows: int, fn):
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"  {what:<34} {seconds:7.2f} s  {rows / seconds:9.0f} rows/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--fields", type=int, default=10)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    rows = catalog_rows(args.entries, args.fields)
    count = len(rows)
    files = {"xlsx": as_xlsx(rows, args.fields), "csv": write_sheet("csv", "", COLUMNS, rows)}
    print(f"{count} rows ({args.entries} entries x {args.fields} fields): "
          + ", ".join(f".{k} {len(v) / 1e6:.1f} MB" for k, v in files.items()))
    for fmt, content in files.items():
        timed(f"read .{fmt} (rows only)", count,
              lambda: read_sheets(content, fmt, f"catalog.{fmt}", COLUMNS))
    kinds = ["sqlite"] + ([] if args.no_postgres else ["postgresql"])
    for kind in kinds:
        with tempfile.TemporaryDirectory() as tmp, store(kind, Path(tmp)) as url:
            settings = Settings(data_dir=Path(tmp), database_url=url, dev_mode=True,
                                jwt_secret="bench-secret-not-for-production-0123456789",
                                hash_secret="bench-hash-secret-0123456789abcdef")
            services = Services(settings)
            ensure_demo_world(services, settings.data_dir, people=50)
            with services.store() as session:
                steward = load_caller(session, "minzheng-steward")
            print(f"{kind} store:")
            for fmt, content in files.items():
                report = timed(f"dry run .{fmt}", count, lambda: import_catalog(
                    services, steward, content, fmt, filename=f"catalog.{fmt}", dry_run=True))
                assert not report.problems, report.problems[:3]
                report = timed(f"import .{fmt} ({'new drafts' if fmt == 'xlsx' else 'replacing them'})",
                               count, lambda: import_catalog(
                                   services, steward, content, fmt, filename=f"catalog.{fmt}",
                                   dry_run=False))
                assert report.imported and len(report.entries) == args.entries
            services.close()


if __name__ == "__main__":
    main()
