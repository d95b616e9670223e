"""Every visible string goes through ``tr``; Vietnamese formats for dates and numbers.

Vietnamese is the source language, so ``tr`` returns its argument unless a catalog
overrides it. Going through one function keeps the door open for a catalog and lets a
test find strings that bypass it.
"""
from __future__ import annotations

import re
from datetime import date, datetime

_catalog: dict[str, str] = {}
MIN_YEAR, MAX_YEAR = 2000, 2100     # the years the program works in: any other is a typing slip


def tr(text: str, /, **values: object) -> str:
    """Translate (identity for Vietnamese) and fill ``{name}`` placeholders."""
    text = _catalog.get(text, text)
    return text.format(**values) if values else text


def install_catalog(catalog: dict[str, str]) -> None:
    _catalog.clear()
    _catalog.update(catalog)


def format_date(value: date | str | None) -> str:
    """dd/mm/yyyy, the way every Vietnamese office writes dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.strftime("%H:%M %d/%m/%Y")


def format_number(value: float | int | None, decimals: int | None = None) -> str:
    """1.234,5 — dot groups thousands, comma marks decimals."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def format_size(size: int) -> str:
    """Bytes as an officer reads them: "850 KB", "1,2 MB"."""
    if size < 1024:
        return f"{size} B"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{format_number(round(size, 1))} {unit}"
    return ""


_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\s*$")
_DIGITS_RE = re.compile(r"^\s*(\d{2})(\d{2})(\d{4}|\d{2})\s*$")      # 08012026, 080126 (typed without separators)
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_date(text: str) -> date | None:
    """Read a date as officers type it: 8/1/2026, 08/01/2026, 08-01-2026, 08.01.2026, 08012026, 8-1-26
    (a two-digit year is 20yy, up to 49), or ISO 2026-01-08. Day first, as in Vietnam. Blank gives None.

    Raises ValueError with a Vietnamese message for text that is not a real date, or a date whose year
    lies outside 2000–2100.
    """
    if text is None or not text.strip():
        return None
    shown = _shown(text.strip())
    m = _DATE_RE.match(text) or _DIGITS_RE.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        if len(m.group(3)) == 2:
            if year >= TWO_DIGIT_YEARS_UNTIL:
                raise ValueError(tr("Năm “{yy}” trong “{text}” không rõ là 19{yy} hay 20{yy}: hãy gõ đủ 4 chữ số "
                                    "của năm.", yy=m.group(3), text=shown))
            year += 2000
    else:
        m = _ISO_RE.match(text)
        if not m:
            raise ValueError(tr("“{text}” không phải là ngày. Hãy nhập theo dạng ngày/tháng/năm, "
                                "ví dụ 05/01/2026.", text=shown))
        year, month, day = (int(g) for g in m.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(tr("Ngày {text} không có trên lịch. Hãy kiểm tra lại ngày và tháng.",
                            text=shown)) from None
    problem = year_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# A two-digit year is 20yy up to 2049; "99" is refused rather than read as 2099 (or guessed as 1999).
TWO_DIGIT_YEARS_UNTIL = 50


def _shown(text: str, limit: int = 30) -> str:
    """What was typed, cut for a message line (a pasted paragraph must not widen the dialog)."""
    return text if len(text) <= limit else text[:limit] + "…"


def year_problem(value: date | None, what: str = "") -> str | None:
    """Why ``value`` cannot be a date of the program's (its year outside 2000–2100), or None."""
    if value is None or MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    text = tr("{what}ngày {d} có năm {y}, nằm ngoài khoảng {lo}–{hi}: hãy kiểm tra lại năm.",
              what=f"{what}: " if what else "", d=format_date(value), y=value.year, lo=MIN_YEAR, hi=MAX_YEAR)
    return text[:1].upper() + text[1:]


_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+$")


def parse_number(text: str) -> float | None:
    """Read a number as a Vietnamese officer types it: "1.234" is 1234, "12,5" is 12.5. Blank → None.

    Raises ValueError with a Vietnamese message for text that is not a number.
    """
    if text is None or not str(text).strip():
        return None
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(tr("“{text}” không phải là số.", text=str(text).strip())) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(tr("“{text}” không phải là số.", text=str(text).strip()))
    return value
