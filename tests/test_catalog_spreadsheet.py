"""Catalog spreadsheets (docs/catalog-spreadsheet.md): departments' catalogs imported as drafts
over HTTP GraphQL and the command line, on a SQLite and a PostgreSQL store; bad sheets
reported cell by cell and imported not at all; export -> import gives the same drafts."""
from __future__ import annotations

import base64
import csv
import io

import openpyxl
import pytest
from faker import Faker
from starlette.testclient import TestClient
from typer.testing import CliRunner

from gateway.demo.setup import ensure_demo_world
from gateway.web.app import Gateway, create_app
from tests.conftest import Api, audited_since, codes, make_settings, newest_audit_id, temp_database

IMPORT = """mutation($file: String!, $format: CatalogFileFormat!, $dry: Boolean!, $name: String!) {
  importCatalog(file: $file, format: $format, dryRun: $dry, filename: $name) {
    dryRun imported rows
    entries { code name department fields draftId replacesDraft publishedVersion }
    problems { sheet row column header messageZh messageEn } } }"""
EXPORT = "query($format: CatalogFileFormat!, $drafts: Boolean!) { exportCatalog(format: $format, includeDrafts: $drafts) }"
DRAFTS = "{ catalogDrafts { id code department status entry } }"
ENTRY_HEADERS = ["数据资源代码", "数据资源名称", "数据资源摘要", "提供单位", "更新周期", "共享类型", "共享条件",
                 "开放类型", "开放条件", "提供方式", "法律依据", "来源库", "表名", "主键字段"]
FIELD_HEADERS = ["信息项代码", "信息项名称", "列名", "数据类型", "敏感级别", "标识类型", "维度", "需本人同意",
                 "开放脱敏方式", "脱敏数据种类", "取值下限", "取值上限"]
HEADERS = ["序号", *ENTRY_HEADERS, *FIELD_HEADERS]


def letter(header: str) -> str:
    return openpyxl.utils.get_column_letter(HEADERS.index(header) + 1)


# --- a department's catalog, as a steward writes it -------------------------------------------

def entry(code, name, summary, owner, share, open_, key, fields, *, frequency="每月",
          share_conditions="", open_conditions="", methods="接口", basis="", table=None, source=None):
    return {"数据资源代码": code, "数据资源名称": name, "数据资源摘要": summary, "提供单位": owner,
            "更新周期": frequency, "共享类型": share, "共享条件": share_conditions, "开放类型": open_,
            "开放条件": open_conditions, "提供方式": methods, "法律依据": basis, "来源库": source,
            "表名": table or code.lower(), "主键字段": key, "fields": fields}


def field(code, name, data_type="字符串", sensitivity="内部", **more):
    return {"信息项代码": code, "信息项名称": name, "列名": more.pop("column", None) or code.lower(),
            "数据类型": data_type, "敏感级别": sensitivity, **more}


def minzheng_catalog():
    return [
        entry("subsistenceAllowance", "最低生活保障对象信息", "城乡最低生活保障对象及其保障金额", "市民政局",
              "有条件共享", "不予开放", "idNumber", [
                  field("idNumber", "公民身份号码", sensitivity="直接标识符", 标识类型="公民身份号码"),
                  field("name", "姓名", sensitivity="个人信息", 开放脱敏方式="遮盖", 脱敏数据种类="姓名"),
                  field("district", "所属区", 维度="是"),
                  field("monthlyAmount", "月保障金额（元）", "小数", "个人信息", 取值下限=0, 取值上限=5000),
                  field("approvedOn", "审批日期", "日期")],
              share_conditions="仅限社会救助审核比对，按字段授权", open_conditions="含个人信息，不予开放",
              basis="《社会救助暂行办法》第九条"),
        entry("marriageRegistration", "婚姻登记信息", "本市办理的结婚、离婚登记", "minzheng",
              "有条件共享", "不予开放", "certificateNumber", [
                  field("certificateNumber", "结婚证字号", sensitivity="个人信息"),
                  field("idNumber", "公民身份号码", sensitivity="直接标识符", 标识类型="身份证号码"),
                  field("registeredOn", "登记日期", "日期", "个人信息")],
              frequency="每日", basis="《婚姻登记条例》"),
        entry("elderlyCareHomes", "养老机构信息", "经备案的养老机构及床位数", "市民政局",
              "无条件共享", "无条件开放", "creditCode", [
                  field("creditCode", "统一社会信用代码", sensitivity="公开", 标识类型="统一社会信用代码"),
                  field("homeName", "机构名称", sensitivity="公开"),
                  field("beds", "床位数", "整数", "公开", 取值下限=0, 取值上限=3000),
                  field("district", "所属区", sensitivity="公开", 维度="是")],
              methods="接口、下载", basis="《养老机构管理办法》"),
    ]


def rows_of(entries, *, repeat_entry=False):
    """One row per field; an entry's columns on its first row (or on every row)."""
    rows = []
    for e in entries:
        for i, f in enumerate(e["fields"]):
            row = {h: (e[h] if i == 0 or repeat_entry else None) for h in ENTRY_HEADERS}
            rows.append({**row, **f})
    return rows


def xlsx(rows, *, title=None, merge=False, blank_after=(), headers=HEADERS, sheet="目录") -> bytes:
    """A workbook as a department draws it: a title row, 序号, merged entry cells, blank rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    first_of_entry = None
    for number, row in enumerate(rows, start=1):
        ws.append([number if h == "序号" else row.get(h) for h in headers])
        if row.get("数据资源代码") is not None:
            first_of_entry = ws.max_row
        elif merge and first_of_entry:
            for h in ENTRY_HEADERS:
                column = headers.index(h) + 1
                ws.merge_cells(start_row=first_of_entry, start_column=column,
                               end_row=ws.max_row, end_column=column)
        if number in blank_after:
            ws.append([None] * len(headers))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding="utf-8-sig", headers=HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for number, row in enumerate(rows, start=1):
        writer.writerow([number if h == "序号" else ("" if row.get(h) is None else row.get(h))
                         for h in headers])
    return out.getvalue().encode(encoding)


# --- a gateway of its own (imports publish entries other tests do not expect) -----------------

@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def city(request, demo_source_urls, tmp_path_factory):
    def serve(url):
        settings = make_settings(tmp_path_factory.mktemp("catalog-data"), url)
        gw = Gateway(settings)
        ensure_demo_world(gw.services, settings.data_dir, source_urls=demo_source_urls,
                          populate=False)
        return gw

    if request.param == "sqlite":
        gw = serve(f"sqlite:///{tmp_path_factory.mktemp('catalog-store') / 'store.sqlite'}")
        yield from _served(gw)
    else:
        with temp_database("postgresql") as url:
            yield from _served(serve(url))


def _served(gw):
    with TestClient(create_app(gw.settings, gw)) as client:
        yield lambda principal=None: Api(client, gw, principal), gw
    gw.close()


def run_import(api, content: bytes, fmt="XLSX", dry=True, name="目录.xlsx") -> dict:
    return api.query(IMPORT, {"file": base64.b64encode(content).decode(), "format": fmt,
                              "dry": dry, "name": name})


def drafts_of(api, codes_: set[str]) -> dict[str, dict]:
    body = api.query(DRAFTS)
    return {d["code"]: d for d in body["data"]["catalogDrafts"] if d["code"] in codes_}


def where(problems) -> set[tuple[int, str]]:
    return {(p["row"], p["column"]) for p in problems}


# --- tests ----------------------------------------------------------------------------------

def test_a_department_catalog_with_merged_cells_title_and_blank_rows_imports_as_drafts(city):
    api, gw = city
    steward = api("minzheng-steward")
    content = xlsx(rows_of(minzheng_catalog()), title="佛山市民政局政务数据资源目录（2026年版）",
                   merge=True, blank_after=(5, 8))
    dry = run_import(steward, content)["data"]["importCatalog"]
    assert dry["problems"] == [] and dry["imported"] is False and dry["rows"] == 12
    assert [(e["code"], e["fields"], e["department"]) for e in dry["entries"]] == [
        ("subsistenceAllowance", 5, "minzheng"), ("marriageRegistration", 3, "minzheng"),
        ("elderlyCareHomes", 4, "minzheng")]
    assert drafts_of(steward, {"subsistenceAllowance"}) == {}, "a dry run saves nothing"

    before = newest_audit_id(gw)
    done = run_import(steward, content, dry=False)["data"]["importCatalog"]
    assert done["imported"] and all(e["draftId"] for e in done["entries"])
    drafts = drafts_of(steward, {"subsistenceAllowance", "marriageRegistration", "elderlyCareHomes"})
    allowance = drafts["subsistenceAllowance"]["entry"]
    assert drafts["subsistenceAllowance"]["status"] == "DRAFT"
    assert allowance["share_type"] == "CONDITIONAL" and allowance["open_type"] == "NONE"
    assert allowance["update_frequency"] == "monthly" and allowance["provision_methods"] == ["API"]
    assert allowance["legal_basis"] == "《社会救助暂行办法》第九条"
    assert allowance["fields"][1] == {
        "name": "name", "column": "name", "data_type": "STRING", "description": "姓名",
        "sensitivity": "PERSONAL", "identifier_kind": None, "dimension": False,
        "consent_required": False, "masking": {"open": "mask", "kind": "NAME"}}
    assert allowance["fields"][3]["upper_bound"] == 5000 and allowance["fields"][3]["data_type"] == "DECIMAL"
    assert drafts["marriageRegistration"]["entry"]["fields"][1]["identifier_kind"] == "ID_NUMBER"
    assert drafts["elderlyCareHomes"]["entry"]["provision_methods"] == ["API", "DOWNLOAD"]
    audit = [(r.action, r.outcome, r.dataset) for r in audited_since(gw, before)]
    assert ("IMPORT_CATALOG", "ALLOWED", None) in audit
    assert ("SAVE_CATALOG_DRAFT", "ALLOWED", "marriageRegistration") in audit
    summary = next(r for r in audited_since(gw, before) if r.action == "IMPORT_CATALOG")
    assert '"entries":3' in summary.detail and '"fields":12' in summary.detail


def test_full_width_characters_and_english_headers_are_read_as_the_template(city):
    api, _ = city
    rows = rows_of([entry("ｗｅｌｆａｒｅＨｏｍｅｓ", "福利院信息", "儿童福利机构", "市民政局", "ＵＮＣＯＮＤＩＴＩＯＮＡＬ",
                          "不予开放", "ｈｏｍｅＩｄ", [field("ｈｏｍｅＩｄ", "机构编号", "字符型"),
                                                  field("capacity", "核定床位", "整型", 维度="否")],
                          frequency="每 季度")])
    english = ["No.", "Code", "Name", "Summary", "Owner Department", "update frequency", "Share Type",
               "share conditions", "Open Type", "open conditions", "provision methods", "legal basis",
               "source", "table", "Key Field", "Field", "field description", "column", "Data Type",
               "sensitivity", "identifier kind", "dimension", "consent required", "open masking",
               "masking kind", "lower bound", "upper bound"]
    wide = [h if i % 2 else h.upper().replace(" ", "　") for i, h in enumerate(english)]  # ideographic spaces
    wide[1] = "Ｃｏｄｅ"  # full-width letters
    wide[4] = "提 供 单 位＊"  # spaced out, with a full-width "required" mark
    wide[6] = "共享类型（Share Type）"
    by_english = [{wide[HEADERS.index(k)]: v for k, v in row.items() if k in HEADERS} for row in rows]
    report = run_import(api("minzheng-steward"), xlsx(by_english, headers=wide))["data"]["importCatalog"]
    assert report["problems"] == []
    assert [(e["code"], e["fields"]) for e in report["entries"]] == [("welfareHomes", 2)]


def test_every_problem_of_a_bad_sheet_is_reported_by_row_and_column(city):
    api, gw = city
    steward = api("minzheng-steward")
    catalog = minzheng_catalog()
    catalog[0]["数据资源代码"] = "disabilityAllowance"
    catalog[1]["数据资源代码"] = "funeralServices"
    catalog[1]["共享类型"] = "部分共享"                          # unknown share type: row 6
    catalog[2]["数据资源代码"] = "disabilityAllowance"             # duplicate code: row 9
    catalog[2]["fields"][2]["数据类型"] = "数字"                    # unknown data type: row 11
    catalog[0]["fields"][4]["信息项代码"] = "approved_on"           # not camelCase: row 6
    police = entry("householdMoves", "户籍迁移信息", "户口迁入迁出", "市公安局", "有条件共享", "不予开放",
                   "moveId", [field("moveId", "迁移流水号")])   # another department's: row 13
    taken = entry("population", "人口信息", "", "", "有条件共享", "不予开放", "idNumber",
                  [field("idNumber", "公民身份号码")])            # gongan's published code: row 14
    rows = rows_of([*catalog, police, taken])
    rows[1]["共享类型"] = "无条件共享"                             # contradicts row 2: row 3
    rows[3]["开放脱敏方式"] = "保留"                                # personal data kept open: row 5
    content = xlsx(rows)
    problems = run_import(steward, content)["data"]["importCatalog"]["problems"]
    assert where(problems) == {
        (3, letter("共享类型")), (5, letter("开放脱敏方式")), (6, letter("信息项代码")),
        (7, letter("共享类型")), (10, letter("数据资源代码")), (12, letter("数据类型")),
        (14, letter("提供单位")), (15, letter("数据资源代码"))}, problems
    by_place = {(p["row"], p["column"]): p for p in problems}
    unknown = by_place[(7, letter("共享类型"))]
    assert unknown["header"] == "共享类型" and "部分共享" in unknown["messageZh"]
    assert "UNCONDITIONAL" in unknown["messageEn"] and "无条件共享" in unknown["messageZh"]
    assert "重复" in by_place[(10, letter("数据资源代码"))]["messageZh"]
    assert "repeats" in by_place[(10, letter("数据资源代码"))]["messageEn"]
    assert "市公安局" in by_place[(14, letter("提供单位"))]["messageZh"]
    assert all(p["sheet"] == "目录" and p["messageZh"] and p["messageEn"] for p in problems)

    before = newest_audit_id(gw)
    refused = run_import(steward, content, dry=False)
    assert codes(refused) == ["CATALOG_IMPORT_INVALID"] and refused["data"] is None
    extensions = refused["errors"][0]["extensions"]
    assert extensions["problemCount"] == 8 and where(extensions["problems"]) == where(problems)
    assert "nothing was imported" in refused["errors"][0]["message"]
    assert drafts_of(steward, {"disabilityAllowance", "householdMoves"}) == {}
    assert [(r.action, r.outcome, r.error_code) for r in audited_since(gw, before)] == [
        ("IMPORT_CATALOG", "DENIED", "CATALOG_IMPORT_INVALID")]


def test_wrong_headers_are_named_and_nothing_else_is_guessed(city):
    api, _ = city
    headers = [h.replace("共享类型", "共享类别").replace("数据类型", "字段类型") for h in HEADERS]
    rows = [{h.replace("共享类型", "共享类别").replace("数据类型", "字段类型"): v for h, v in r.items()}
            for r in rows_of(minzheng_catalog()[:1])]
    problems = run_import(api("minzheng-steward"), xlsx(rows, headers=headers))["data"]["importCatalog"]["problems"]
    header_row = [p for p in problems if p["row"] == 1]
    assert {(p["column"], p["header"]) for p in header_row} == {
        (letter("共享类型"), "共享类别"), (letter("数据类型"), "字段类型"), ("", "")}
    assert {p["messageEn"] for p in header_row if not p["column"]} == {
        "the required column 'share type' (共享类型) is missing",
        "the required column 'data type' (数据类型) is missing"}
    nothing = run_import(api("minzheng-steward"), xlsx([{"甲": 1, "乙": 2}], headers=["甲", "乙"]))
    [problem] = nothing["data"]["importCatalog"]["problems"]
    assert problem["row"] == 1 and "header row" in problem["messageEn"] and "表头" in problem["messageZh"]


def test_one_bad_row_among_many_good_ones_imports_nothing(city):
    api, _ = city
    fake = Faker("zh_CN")
    Faker.seed(17)
    good = [entry(f"serviceRecord{i}", f"{fake.company_prefix()}服务记录", fake.sentence(), "市民政局",
                  "有条件共享", "不予开放", "recordId",
                  [field("recordId", "记录编号"), field("applicant", "申请人", sensitivity="个人信息"),
                   field("address", fake.street_name() + "地址", sensitivity="个人信息"),
                   field("servedOn", "服务日期", "日期")]) for i in range(40)]
    rows = rows_of(good)
    rows[97]["数据类型"] = "时间"  # row 99 of 161
    steward = api("minzheng-steward")
    refused = run_import(steward, xlsx(rows), dry=False)
    assert codes(refused) == ["CATALOG_IMPORT_INVALID"]
    assert where(refused["errors"][0]["extensions"]["problems"]) == {(99, letter("数据类型"))}
    assert drafts_of(steward, {f"serviceRecord{i}" for i in range(40)}) == {}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_files_in_the_encodings_excel_writes(city, encoding):
    api, _ = city
    content = csv_bytes(rows_of(minzheng_catalog(), repeat_entry=True), encoding)
    report = run_import(api("minzheng-steward"), content, "CSV", name="民政目录.csv")["data"]["importCatalog"]
    assert report["problems"] == [] and report["rows"] == 12
    assert [e["fields"] for e in report["entries"]] == [5, 3, 4]


def test_export_then_import_gives_the_same_drafts(city):
    api, _ = city
    steward = api("weijian-steward")
    catalog = [entry("vaccinations", "预防接种记录", "儿童预防接种信息", "市卫生健康局", "有条件共享",
                     "有条件开放", "recordId", [
                         field("recordId", "接种记录号"),
                         field("idNumber", "受种者身份号码", sensitivity="直接标识符", 标识类型="公民身份号码",
                               开放脱敏方式="哈希"),
                         field("vaccine", "疫苗名称", 维度="是", 开放脱敏方式="保留"),
                         field("dose", "剂次", "整数", 取值下限=1, 取值上限=5),
                         field("ethnicity", "民族", sensitivity="敏感个人信息", 需本人同意="是", 维度="是")],
                     share_conditions="仅限疾控业务", open_conditions="申请并签署承诺", methods="接口、沙箱",
                     basis="《中华人民共和国疫苗管理法》", source="weijian-db", table="vaccinations")]
    first = run_import(steward, xlsx(rows_of(catalog)), dry=False)["data"]["importCatalog"]
    assert first["problems"] == [], first["problems"]
    before = drafts_of(steward, {"vaccinations", "medicalVisits"})
    for fmt in ("XLSX", "CSV"):
        exported = steward.query(EXPORT, {"format": fmt, "drafts": True})["data"]["exportCatalog"]
        again = run_import(steward, base64.b64decode(exported), fmt, dry=False,
                           name=f"export.{fmt.lower()}")["data"]["importCatalog"]
        assert again["problems"] == [], again["problems"]
        replaced = {e["code"]: e["replacesDraft"] for e in again["entries"]}
        after = drafts_of(steward, {"vaccinations", "medicalVisits"})
        assert replaced["vaccinations"] == before["vaccinations"]["id"]
        assert after["vaccinations"]["entry"] == before["vaccinations"]["entry"]
    # the published medicalVisits (demo) exported as published and imported as a new draft
    published = after["medicalVisits"]["entry"]
    assert published["key_field"] == "visitId" and published["share_type"] == "NONE"
    assert [f["name"] for f in published["fields"]][:3] == ["visitId", "idNumber", "visitDate"]


def test_a_published_entry_with_masking_bounds_and_commitment_survives_export(city):
    api, _ = city
    steward = api("renshe-steward")
    exported = steward.query(EXPORT, {"format": "XLSX", "drafts": False})["data"]["exportCatalog"]
    sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(exported))).worksheets[0]
    assert sheet["A1"].value == "数据资源代码" and sheet["A2"].value == "socialInsurance"
    report = run_import(steward, base64.b64decode(exported), dry=False)["data"]["importCatalog"]
    assert report["problems"] == [] and report["entries"][0]["publishedVersion"] == 1
    spec = drafts_of(steward, {"socialInsurance"})["socialInsurance"]["entry"]
    assert spec["open_commitment"].startswith("本单位承诺") and spec["source_code"] == "renshe-db"
    base = next(f for f in spec["fields"] if f["name"] == "monthlyBase")
    assert base["masking"] == {"open": "generalize", "kind": "AMOUNT"}
    assert (base["lower_bound"], base["upper_bound"]) == (0, 40000)


def test_imported_drafts_go_through_review_to_the_catalog(city):
    api, _ = city
    steward, admin = api("minzheng-steward"), api("shuju-admin")
    catalog = [entry("adoptionRegistration", "收养登记信息", "本市办理的收养登记", "市民政局", "有条件共享",
                     "不予开放", "registrationNo", [field("registrationNo", "收养登记证号"),
                                                   field("registeredOn", "登记日期", "日期")])]
    report = run_import(steward, xlsx(rows_of(catalog)), dry=False)["data"]["importCatalog"]
    draft = report["entries"][0]["draftId"]
    assert steward.query("mutation($id: ID!) { submitCatalogDraft(id: $id) { status } }",
                         {"id": draft})["data"]["submitCatalogDraft"]["status"] == "SUBMITTED"
    published = admin.query('mutation($id: ID!) { publishCatalogDraft(id: $id, note: "同意") { status } }',
                            {"id": draft})
    assert published["data"]["publishCatalogDraft"]["status"] == "PUBLISHED"
    listed = api("renshe-app").query("{ catalog { code name owner { code } } }")["data"]["catalog"]
    assert {"code": "adoptionRegistration", "name": "收养登记信息", "owner": {"code": "minzheng"}} in listed


def test_who_may_import_and_what_the_api_refuses(city):
    api, _ = city
    content = xlsx(rows_of(minzheng_catalog()[:1]))
    assert codes(run_import(api("minzheng-app"), content)) == ["FORBIDDEN"]
    assert codes(run_import(api(None), content)) in (["FORBIDDEN"], ["UNAUTHENTICATED"])
    assert codes(run_import(api("shuju-admin"), content)) == ["FORBIDDEN"], "drafts are a steward's"
    assert codes(api("minzheng-steward").query(IMPORT, {"file": "不是base64", "format": "XLSX",
                                                        "dry": True, "name": ""})) == ["BAD_INPUT"]
    damaged = run_import(api("minzheng-steward"), b"PK\x03\x04 not really a workbook")
    [problem] = damaged["data"]["importCatalog"]["problems"]
    assert problem["row"] == 0 and ".xlsx" in problem["messageEn"]
    assert codes(api("minzheng-app").query(EXPORT, {"format": "CSV", "drafts": True})) == ["FORBIDDEN"]
    every = api("shuju-admin").query(EXPORT, {"format": "CSV", "drafts": False})["data"]["exportCatalog"]
    listed = {row[0] for row in csv.reader(io.StringIO(base64.b64decode(every).decode("utf-8-sig")))}
    assert {"population", "enterprises", "socialInsurance", "medicalVisits"} <= listed


def test_the_command_line_imports_exports_and_writes_the_template(city, tmp_path, monkeypatch):
    from gateway.cli import app

    api, gw = city
    monkeypatch.setenv("DATAGATE_DATABASE_URL", gw.settings.store_url)
    monkeypatch.setenv("DATAGATE_DATA_DIR", str(gw.settings.data_dir))
    monkeypatch.setenv("COLUMNS", "400")  # rich's tables: no wrapped messages
    runner = CliRunner()
    template = tmp_path / "模板.xlsx"
    made = runner.invoke(app, ["catalog", "template", str(template)])
    assert made.exit_code == 0, made.output
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["数据资源目录", "填写说明"]
    assert book.worksheets[0]["A2"].value == "marriageRegistration"

    catalog = [entry("temporaryAssistance", "临时救助信息", "遭遇突发困难家庭的临时救助", "市民政局", "有条件共享",
                     "不予开放", "caseNo", [field("caseNo", "救助案件号"), field("amount", "救助金额", "小数")])]
    bad_rows = rows_of(catalog)
    bad_rows[1]["数据类型"] = "钱"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx(bad_rows))
    dry = runner.invoke(app, ["catalog", "import", str(bad), "--dry-run", "--as", "minzheng-steward"])
    assert dry.exit_code == 1 and "「钱」不是有效的数据类型" in dry.output and "nothing imported" in dry.output
    refused = runner.invoke(app, ["catalog", "import", str(bad), "--as", "minzheng-steward"])
    assert refused.exit_code == 2 and "CATALOG_IMPORT_INVALID" in refused.output
    assert "钱" in refused.output

    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(rows_of(catalog)))
    done = runner.invoke(app, ["catalog", "import", str(good), "--as", "minzheng-steward"])
    assert done.exit_code == 0, done.output
    assert "imported 1 entry" in done.output and "temporaryAssistance" in done.output
    assert "temporaryAssistance" in drafts_of(api("minzheng-steward"), {"temporaryAssistance"})
    forbidden = runner.invoke(app, ["catalog", "import", str(good), "--as", "minzheng-app"])
    assert forbidden.exit_code == 2 and "FORBIDDEN" in forbidden.output

    exported = tmp_path / "民政.csv"
    result = runner.invoke(app, ["catalog", "export", str(exported), "--as", "minzheng-steward"])
    assert result.exit_code == 0, result.output
    assert "temporaryAssistance,临时救助信息" in exported.read_bytes().decode("utf-8-sig")


def test_merged_cells_read_as_their_value_on_every_row_and_are_reported_once(city):
    api, _ = city
    catalog = [entry("socialWorkers", "社会工作者登记信息", "持证社会工作者", "市民政局", "有条件共享", "不予开放",
                     "certificateNo", [field("certificateNo", "证书编号", sensitivity="个人信息"),
                                       field("name", "姓名", sensitivity="个人信息"),
                                       field("employer", "执业机构", sensitivity="个人信息")]),
               entry("charityGroups", "慈善组织信息", "登记的慈善组织", "市民政局", "按需共享", "无条件开放",
                     "creditCode", [field("creditCode", "统一社会信用代码"), field("groupName", "组织名称")])]
    book = openpyxl.load_workbook(io.BytesIO(xlsx(rows_of(catalog), merge=True)))
    ws = book.active
    for header in ("数据类型", "敏感级别"):  # a field column merged over the first entry's rows
        column = HEADERS.index(header) + 1
        for row in (3, 4):
            ws.cell(row, column).value = None
        ws.merge_cells(start_row=2, start_column=column, end_row=4, end_column=column)
    out = io.BytesIO()
    book.save(out)
    report = run_import(api("minzheng-steward"), out.getvalue())["data"]["importCatalog"]
    assert [(p["row"], p["column"]) for p in report["problems"]] == [(5, letter("共享类型"))]
    assert "按需共享" in report["problems"][0]["messageZh"]
    assert [e["code"] for e in report["entries"]] == ["socialWorkers", "charityGroups"]


def test_another_departments_draft_code_and_an_unregistered_source_are_problems(city):
    api, _ = city
    health = [entry("careSubsidy", "护理补贴信息", "长期护理补贴", "市卫生健康局", "有条件共享", "不予开放",
                    "subsidyId", [field("subsidyId", "补贴编号")])]
    assert run_import(api("weijian-steward"), xlsx(rows_of(health)), dry=False)["data"]["importCatalog"]["imported"]
    ours = [entry("careSubsidy", "护理补贴发放", "", "", "有条件共享", "不予开放", "subsidyId",
                  [field("subsidyId", "补贴编号")]),
            entry("burialSites", "公墓信息", "经营性公墓", "市民政局", "无条件共享", "无条件开放", "siteId",
                  [field("siteId", "公墓编号")], source="minzheng-db")]
    problems = run_import(api("minzheng-steward"), xlsx(rows_of(ours)))["data"]["importCatalog"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(2, letter("数据资源代码")), (3, letter("来源库"))]
    assert "市卫生健康局" in problems[0]["messageZh"] and "minzheng-db" in problems[1]["messageEn"]


def test_theme_and_licence_columns_import_export_and_bad_ones_are_placed(city):
    """The DCAT metadata a steward keeps in the sheet (主题分类, 开放许可), as saveCatalogDraft
    takes it: a theme of the portal's list, a licence IRI."""
    api, _ = city
    steward = api("minzheng-steward")
    licence = "https://creativecommons.org/licenses/by/4.0/"
    [allowance] = [e for e in minzheng_catalog() if e["数据资源代码"] == "subsistenceAllowance"]
    allowance = {**allowance, "数据资源代码": "themedAllowance", "主题分类": "社会救助", "开放许可": licence}
    headers = ["序号", *ENTRY_HEADERS, "主题分类", "开放许可", *FIELD_HEADERS]
    rows = rows_of([allowance])
    rows[0].update({"主题分类": "社会救助", "开放许可": licence})
    report = run_import(steward, xlsx(rows, headers=headers), dry=False)["data"]["importCatalog"]
    assert report["problems"] == [] and report["imported"] == 1, report
    draft = drafts_of(steward, {"themedAllowance"})["themedAllowance"]["entry"]
    assert (draft["theme"], draft["license"]) == ("社会救助", licence)
    exported = steward.query(EXPORT, {"format": "CSV", "drafts": True})["data"]["exportCatalog"]
    text = base64.b64decode(exported).decode("utf-8-sig")
    assert "主题分类" in text.splitlines()[0] and licence in text and "社会救助" in text

    rows[0].update({"数据资源代码": "badlyThemed", "主题分类": "天气", "开放许可": "CC BY 4.0"})
    bad_headers = ["序号", *ENTRY_HEADERS, "主题分类", "开放许可", *FIELD_HEADERS]
    problems = run_import(steward, xlsx(rows, headers=bad_headers))["data"]["importCatalog"]["problems"]
    column = {h: openpyxl.utils.get_column_letter(bad_headers.index(h) + 1) for h in bad_headers}
    assert where(problems) == {(2, column["主题分类"]), (2, column["开放许可"])}, problems
    by_header = {p["header"]: p for p in problems}
    assert "社会救助" in by_header["主题分类"]["messageZh"] and "IRI" in by_header["开放许可"]["messageEn"]
