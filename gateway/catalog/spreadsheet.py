"""Spreadsheets with named columns: reading .xlsx and .csv into rows, and writing them back.

What the columns mean is the caller's (gateway.catalog.sheet_template); this module finds
the header row, matches its headers to the template's columns by their Chinese or English
name, and reports what it cannot read as problems with a sheet, a row and a column, in
Chinese and English.

- Headers are NFKC-normalised (full-width letters, stray and ideographic spaces), a trailing
  `*` (a "required" mark) is dropped, and "中文 (English)" or a two-line "中文\\nEnglish"
  header matches either part. Title rows above the header row are skipped.
- .xlsx is read with openpyxl in read_only mode; a merged range's top-left value is copied
  into every cell of the range (a department's merged "共享类型" over an entry's rows reads
  as that value on each row). read_only mode does not see merged ranges, so they are read
  from the sheet's XML (_merged_ranges: eight times faster than openpyxl's normal mode on a
  catalog of 10,000 rows, docs/catalog-spreadsheet.md).
- .csv is UTF-8 (with or without the BOM Excel writes) or, failing that, GB18030 (what
  Excel on a Chinese Windows saves as "CSV").
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import unicodedata
import zipfile
from typing import Any, Iterable, Sequence


FORMATS = ("xlsx", "csv")
HEADER_SCAN_ROWS = 10  # title rows a department may put above the header row
HEADER_MIN_MATCHES = 3  # a row with fewer known headers is a title, or another sheet's table
MAX_ROWS = 100_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a .xlsx is a zip: refuse a "zip bomb" before openpyxl reads it
IGNORED_HEADERS = frozenset({"序号", "no", "no.", "备注", "remarks", "remark"})


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a template: the key its values go to, and the names it is known by."""
    key: str
    zh: str
    en: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.zh, self.en, *self.aliases)


@dataclasses.dataclass(frozen=True)
class Problem:
    """Something in the file that stops it being imported, where a person finds it."""
    sheet: str
    row: int  # 1-based, as the spreadsheet shows it; 0: the file as a whole
    column: str  # the column's letter ("C"), "" for a whole row or entry
    header: str  # the header as the file writes it, "" if none
    message_zh: str
    message_en: str

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Sheet:
    """The data rows of one sheet: per row its number and its values by column key (empty
    rows left out), and where each matched column is (key -> (letter, header))."""
    name: str
    header_row: int
    columns: dict[str, tuple[str, str]]
    rows: list[tuple[int, dict[str, Any]]]

    def problem(self, row: int, key: str | None, zh: str, en: str) -> Problem:
        letter, header = self.columns.get(key, ("", "")) if key else ("", "")
        return Problem(self.name, row, letter, header, zh, en)


def folded(text: str) -> str:
    """NFKC and trimmed: full-width letters, digits and spaces as their usual forms."""
    return unicodedata.normalize("NFKC", text).strip()


def _header_names(text: str) -> list[str]:
    """The names a header cell may be known by: itself, and each part of "中文 (English)"
    or of a two-line header; without spaces ("维  度", "share type") or a trailing "*"."""
    def bare(part: str) -> str:
        return re.sub(r"\s+", "", folded(part)).rstrip("*").casefold()

    names = [bare(text)]
    found = re.fullmatch(r"(.+?)\s*\((.+)\)", folded(text).rstrip("*").strip())
    if found:
        names += [bare(found.group(1)), bare(found.group(2))]
    if "\n" in text:
        names += [bare(p) for p in text.splitlines() if p.strip()]
    return names


def header_lookup(columns: Sequence[Column]) -> dict[str, Column]:
    lookup: dict[str, Column] = {}
    for column in columns:
        for name in column.names:
            key = _header_names(name)[0]
            assert key not in lookup, f"header {name!r} names two columns"
            lookup[key] = column
    return lookup


def read_sheets(content: bytes, fmt: str, filename: str,
                columns: Sequence[Column]) -> tuple[list[Sheet], list[Problem]]:
    """The sheets of a file that hold the template's table, and the problems of reading it."""
    label = filename.rsplit("/", 1)[-1] or fmt.upper()
    if fmt == "csv":
        text, problem = _decoded(content, label)
        if problem:
            return [], [problem]
        grids = [(label, list(csv.reader(io.StringIO(text, newline=""))))]
    else:
        grids, problem = _xlsx_grids(content, label)
        if problem:
            return [], [problem]
    lookup = header_lookup(columns)
    sheets, problems = [], []
    for name, grid in grids:
        sheet, found = _sheet(name, grid, lookup, columns)
        if sheet is not None:
            sheets.append(sheet)
            problems += found
    if not sheets:
        first = grids[0][0] if grids else label
        expected = "、".join(c.zh for c in columns if c.required)
        problems.append(Problem(first, 1, "", "", (
            f"找不到表头行：前{HEADER_SCAN_ROWS}行中没有一行使用模板列名（必填列：{expected}）。"
            "请用 datagate catalog template 生成的模板填写"),
            f"no header row: none of the first {HEADER_SCAN_ROWS} rows has the template's "
            f"column headers (required: {', '.join(c.en for c in columns if c.required)}); "
            "fill in the template `datagate catalog template` writes"))
    return sheets, problems


def _decoded(content: bytes, label: str) -> tuple[str, Problem | None]:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return content.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return "", Problem(label, 0, "", "", "无法识别文件编码：请另存为 UTF-8 编码的 CSV",
                       "the file is neither UTF-8 nor GB18030 text: save it as CSV UTF-8")


def _xlsx_grids(content: bytes, label: str) -> tuple[list, Problem | None]:
    unreadable = Problem(label, 0, "", "", "无法读取：文件不是有效的 .xlsx 工作簿（旧版 .xls 请另存为 .xlsx）",
                         "not a readable .xlsx workbook (save an old .xls as .xlsx)")
    too_long = "工作表超过{0}行，请拆分后分批导入", "the sheet has more than {0} rows; split it"
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED_BYTES:
            return [], Problem(label, 0, "", "", "工作簿解压后过大，请拆分后分批导入",
                               "the workbook is too large once unzipped; split it")
        import openpyxl  # on use: 26 MiB that a worker which never reads a sheet need not hold

        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        grids = []
        for ws in book.worksheets:
            grid = []
            for row in ws.iter_rows(values_only=True):
                if len(grid) > MAX_ROWS + HEADER_SCAN_ROWS:
                    return [], Problem(ws.title, 0, "", "", too_long[0].format(MAX_ROWS),
                                       too_long[1].format(MAX_ROWS))
                grid.append(list(row))
            _fill_merged(grid, _merged_ranges(archive, ws))
            grids.append((ws.title, grid))
        book.close()
    except Exception:  # openpyxl and zipfile raise many kinds for a damaged file; all mean the same here
        return [], unreadable
    return grids, None


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def _merged_ranges(archive: zipfile.ZipFile, ws) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges as (min_col, min_row, max_col, max_row), read from its XML:
    openpyxl's read_only mode does not read them, and its normal mode, which does, spends
    seconds styling the cells of a catalog's thousands of merged ranges."""
    from openpyxl.utils import range_boundaries

    path = getattr(ws, "_worksheet_path", None)
    if path is None:
        return []
    return [range_boundaries(ref.decode()) for ref in _MERGE_CELL.findall(archive.read(path))]


def _fill_merged(grid: list[list], ranges) -> None:
    """A merged range's top-left value in each of its cells."""
    for min_col, min_row, max_col, max_row in ranges:
        if min_row > len(grid):
            continue
        top = grid[min_row - 1]
        value = top[min_col - 1] if min_col <= len(top) else None
        for r in range(min_row - 1, min(max_row, len(grid))):
            row = grid[r]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col - 1, max_col):
                row[c] = value


def _cell(value: Any) -> Any:
    """A cell's value as the template reads it: text trimmed (None if empty), whole floats
    as ints, dates as ISO text."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    return value


def _sheet(name: str, grid: list[list], lookup: dict[str, Column],
           columns: Sequence[Column]) -> tuple[Sheet | None, list[Problem]]:
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        matches = sum(1 for v in row if isinstance(v, str) and _match(v, lookup))
        if matches >= HEADER_MIN_MATCHES:
            break
    else:
        return None, []
    if len(grid) - index - 1 > MAX_ROWS:
        return None, [Problem(name, 0, "", "", f"工作表超过{MAX_ROWS}行，请拆分后分批导入",
                              f"the sheet has more than {MAX_ROWS} rows; split it")]
    from openpyxl.utils import get_column_letter

    header_row = index + 1
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    where: dict[str, tuple[str, str]] = {}
    for position, value in enumerate(grid[index]):
        text = "" if value is None else str(value).strip()
        letter = get_column_letter(position + 1)
        if not text or _header_names(text)[0] in IGNORED_HEADERS:
            continue
        column = _match(text, lookup)
        if column is None:
            problems.append(Problem(name, header_row, letter, text,
                                    f"无法识别的列名「{text}」：请改用模板列名，或删除此列",
                                    f"unknown column header {text!r}: use a header of the "
                                    "template, or remove the column"))
        elif column.key in positions:
            first = where[column.key]
            problems.append(Problem(name, header_row, letter, text,
                                    f"列名「{text}」与第{first[0]}列「{first[1]}」重复",
                                    f"header {text!r} repeats column {first[0]} ({first[1]!r})"))
        else:
            positions[column.key] = position
            where[column.key] = (letter, text)
    for column in columns:
        if column.required and column.key not in positions:
            problems.append(Problem(name, header_row, "", "", f"缺少必填列「{column.zh}」",
                                    f"the required column {column.en!r} ({column.zh}) is missing"))
    rows = []
    for number, row in enumerate(grid[header_row:], start=header_row + 1):
        values = {key: _cell(row[p]) if p < len(row) else None for key, p in positions.items()}
        if any(v is not None for v in values.values()):
            rows.append((number, values))
    return Sheet(name, header_row, where, rows), problems


def _match(text: str, lookup: dict[str, Column]) -> Column | None:
    for candidate in _header_names(text):
        if candidate in lookup:
            return lookup[candidate]
    return None


def write_sheet(fmt: str, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]],
                notes: Sequence[Sequence[str]] = ()) -> bytes:
    """A file of one table (Chinese headers), and for .xlsx a second sheet of notes."""
    headers = [c.zh for c in columns]
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")  # the BOM: Excel reads it as UTF-8
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(list(row))
    if notes:
        help_sheet = book.create_sheet("填写说明")
        for line in notes:
            help_sheet.append(list(line))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
