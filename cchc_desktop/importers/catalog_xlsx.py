"""Load an indicator catalog from an Excel sheet in the Phụ lục 01b layout.

Provinces change the form from year to year: STT (Roman numerals for domains), Chỉ tiêu,
Đơn vị tính, then a column where "a", "b" and "=b/a*100" mark a ratio (or this program's
own export, whose ratio cells hold formulas over the value column). Kinds are read the way
an officer reads the form: "Không = 0 Có = 1" is a yes/no, "%" with a formula is a ratio,
a row with sub-rows and no unit is a heading.
"""
from __future__ import annotations

import re
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.importers.domains import split_roman
from cchc_desktop.importers.guard import check_file, detect_format
from cchc_desktop.text import fold

_YESNO = re.compile(r"^(.*?)\s*=\s*([01])\s*[;,]?\s*(.*?)\s*=\s*([01])\s*$")
_CELL_REF = re.compile(r"\$?D\$?(\d+)")
MAX_ROWS = 2000


def catalog_from_xlsx(path: Path | str) -> dict:
    path = Path(path)
    if detect_format(path, check_file(path)) != "xlsx":
        raise ValidationError(tr("Hãy chọn tệp Excel (.xlsx) theo mẫu Phụ lục 01b."))
    import openpyxl
    try:
        book = openpyxl.load_workbook(str(path), read_only=True, data_only=False)
    except Exception as exc:
        raise ValidationError(tr("Không đọc được tệp Excel “{name}”.", name=path.name)) from exc
    try:
        rows = [list(r) for i, r in enumerate(book.worksheets[0].iter_rows(values_only=True)) if i < MAX_ROWS]
    finally:
        book.close()
    items, by_row = _rows_to_items(rows)
    if not items:
        raise ValidationError(tr("Không tìm thấy chỉ tiêu nào trong tệp."),
                              tr("Cột đầu phải là STT (I, II … cho lĩnh vực; 1, 2.1 … cho chỉ tiêu)."))
    _infer_kinds(items, by_row)
    return {"indicators": items, "rules": []}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _rows_to_items(rows: list[list]) -> tuple[list[dict], dict[int, str]]:
    items: list[dict] = []
    by_row: dict[int, str] = {}
    domain = None
    for number, row in enumerate(rows, start=1):
        cells = [_text(c) for c in row] + [""] * 7
        stt, name = cells[0], re.sub(r"<[^>]+>", "", cells[1]).strip()
        numeral, rest = split_roman(stt)
        if numeral and not rest and name:
            domain = numeral
            items.append({"code": domain, "domain": domain, "stt": domain, "parent": None, "name": name, "unit": "",
                          "kind": "group", "marker": "", "lead": cells[4], "coordinator": cells[5]})
            by_row[number] = domain
            continue
        if not (domain and re.fullmatch(r"\d+(?:\.\d+)*\.?", stt) and name):
            if items and not stt and name and not cells[2]:   # a name cut by a page break
                items[-1]["name"] = f"{items[-1]['name']} {name}"
                if cells[3]:
                    items[-1]["marker"] += cells[3]
            continue
        stt = stt.rstrip(".")
        code = f"{domain}.{stt}"
        parent = f"{domain}.{stt.rsplit('.', 1)[0]}" if "." in stt else domain
        items.append({"code": code, "domain": domain, "stt": stt, "parent": parent, "name": name, "unit": cells[2],
                      "kind": "", "marker": cells[3], "lead": cells[4], "coordinator": cells[5]})
        by_row[number] = code
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
