"""Load an indicator catalog from an Excel sheet in the Phụ lục 01b layout.

Provinces change the form from year to year; ``province_sheet`` reads it the same way the statistics
import does: the header by its words (STT, Chỉ tiêu, Đơn vị tính, the value column, Chủ trì, Phối hợp),
domain rows in every form (I | name, "I. NAME" merged across, Arabic numbers, a title alone), codes
"2.1" under their domain (or this program's hidden code column). In the value column "a", "b" and
"=b/a*100" mark a ratio (or this program's own export, whose ratio cells hold formulas over the value
column). Kinds are read the way an officer reads the form: "Không = 0 Có = 1" is a yes/no, "%" with a
formula is a ratio, a row with sub-rows and no unit is a heading.
"""
from __future__ import annotations

import re
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers.domains import domain_by_name
from cchc_desktop.model import ROMAN
from cchc_desktop.importers.guard import check_file, detect_format
from cchc_desktop.importers.province_sheet import (COORD, DOMAIN_ROW, ITEM_ROW, LEAD, UNIT, VALUE, ProvinceSheet,
                                                   read_workbook)
from cchc_desktop.text import fold

_YESNO = re.compile(r"^(.*?)\s*=\s*([01])\s*[;,]?\s*(.*?)\s*=\s*([01])\s*$")
_CELL_REF = re.compile(r"\$?D\$?(\d+)")


def catalog_from_xlsx(path: Path | str) -> dict:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    path = Path(path)
    if detect_format(path, check_file(path)) != "xlsx":
        raise ValidationError(tr("Hãy chọn tệp Excel (.xlsx) theo mẫu Phụ lục 01b."))
    sheets = read_workbook(path)
    best = max(sheets, key=lambda sheet: len(sheet.items), default=None)
    items, by_row = _items(best) if best is not None else ([], {})
    if not items:
        raise ValidationError(tr("Không tìm thấy chỉ tiêu nào trong tệp."),
                              tr("Bảng cần dòng tiêu đề có “STT” và “Chỉ tiêu”; cột STT ghi I, II … cho lĩnh vực và "
                                 "1, 2.1 … cho chỉ tiêu."))
    _infer_kinds(items, by_row)
    return {"indicators": items, "rules": []}


def _items(sheet: ProvinceSheet) -> tuple[list[dict], dict[int, str]]:
    """The sheet's domain and indicator rows as catalog items; sheet row number → code."""
    items: list[dict] = []
    by_row: dict[int, str] = {}
    marker_col = sheet.first(VALUE)
    domain = numeral = None
    used: set[str] = set()

    def marker(row) -> str:
        if marker_col is None:
            return ""
        cells = [sheet.cell(r, marker_col) for r in [row, *row.continued]]
        return "".join(c.formula or c.text for c in cells)

    for row in sheet.rows:
        lead, coordinator = sheet.text(row, LEAD), sheet.text(row, COORD)
        if row.kind == DOMAIN_ROW:
            # The name decides (a sheet may number its domains in order, leaving one out), then the numeral.
            numeral = row.numeral
            domain = next((c for c in (domain_by_name(row.title), row.numeral, *ROMAN) if c and c not in used), None)
            if not domain or not row.title:
                continue
            used.add(domain)
            items.append({"code": domain, "domain": domain, "stt": domain, "parent": None, "name": row.title,
                          "unit": "", "kind": "group", "marker": "", "lead": lead, "coordinator": coordinator})
            by_row[row.number] = domain
            continue
        if row.kind != ITEM_ROW or not row.name:
            continue
        if row.code and "." in row.code:
            code = row.code
            item_domain, stt = code.split(".", 1)
        elif row.path and (row.numeral or domain):
            item_domain = domain if row.numeral in (None, numeral) else row.numeral
            stt = row.path
            code = f"{item_domain}.{stt}"
        else:
            continue
        parent = f"{item_domain}.{stt.rsplit('.', 1)[0]}" if "." in stt else item_domain
        items.append({"code": code, "domain": item_domain, "stt": stt, "parent": parent, "name": row.name,
                      "unit": sheet.text(row, UNIT), "kind": "", "marker": marker(row), "lead": lead,
                      "coordinator": coordinator})
        by_row[row.number] = code
    return items, by_row


def _infer_kinds(items: list[dict], by_row: dict[int, str]) -> None:
    children: dict[str, list[dict]] = {}
    for item in items:
        if item["parent"]:
            children.setdefault(item["parent"], []).append(item)
    markers = {item["code"]: item.pop("marker").replace(" ", "").replace("$", "").lower() for item in items}
    operands = {code for code, marker in markers.items() if marker in ("a", "b")}
    for item in items:
        if item["kind"] == "group":
            continue
        _kind_of(item, markers, operands, children, by_row)


def _kind_of(item: dict, markers: dict, operands: set, children: dict, by_row: dict) -> None:
    code, unit, kids = item["code"], item["unit"], children.get(item["code"], [])
    marker = markers[code]
    yes_no = _YESNO.match(unit)
    if yes_no:
        labels = {yes_no.group(2): yes_no.group(1), yes_no.group(4): yes_no.group(3)}
        item.update(kind="yesno", yes=labels.get("1", "Có"), no=labels.get("0", "Không"))
        return
    if marker.startswith("=") and "d" in marker:   # this program's export: =IF(OR(…),"",(D26/D25*100))
        expression = marker.rsplit('"",', 1)[-1]
        refs = [by_row.get(int(r)) for r in _CELL_REF.findall(expression.upper())]
        if len(refs) == 2 and all(refs) and "/" in expression:
            item.update(kind="ratio", formula=f"{refs[0]} / {refs[1]} * 100", unit="%")
            return
        if refs and all(refs):
            item.update(kind="sum", formula=" + ".join(refs))
            return
    if "b/a" in marker:
        own = [k for k in kids if markers[k["code"]] in ("a", "b")]
        scope = own or [k for k in children.get(item["parent"], []) if markers[k["code"]] in ("a", "b")]
        a = next((k["code"] for k in scope if markers[k["code"]] == "a"), None)
        b = next((k["code"] for k in scope if markers[k["code"]] == "b"), None)
        if a and b:
            item.update(kind="ratio", formula=f"{b} / {a} * 100", unit="%")
            return
    if code in operands:                            # "a" and "b" rows are the counts a ratio divides
        item["kind"] = "count"
    elif kids and (not unit or any(k["unit"] == "%" or "b/a" in markers[k["code"]] for k in kids)):
        item["kind"] = "group"
    elif kids and unit == "%" and len(kids) == 2:
        item.update(kind="ratio", formula=f"{kids[1]['code']} / {kids[0]['code']} * 100")
    elif kids:
        item.update(kind="sum", formula=" + ".join(k["code"] for k in kids))
    elif unit == "%":
        item["kind"] = "percent"
    elif unit or fold(item["name"]).startswith(("so ", "tong so")):
        item["kind"] = "count"
    else:
        item["kind"] = "number"
