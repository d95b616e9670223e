"""The plan's own details, read from the document around the appendix: number, date, year,
title, kind and commune. Whatever is missing stays None for the officer to fill in."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

from cchc_desktop.importers.document import SourceDocument
from cchc_desktop.text import strip_marks

_NUMBER = re.compile(r"(?:ke hoach so|so)\s*:?\s*(\d{0,5}\s*/\s*kh\s*-\s*[a-zd&]+)", re.I)
_DATE_SLASH = re.compile(r"ngay\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_YEAR = re.compile(r"nam\s+(20\d\d)\b")
_COMMUNE = re.compile(r"\bxa\s+([a-z]+(?:\s+[a-z]+){0,2}?)(?=\s+nam\b|\s*$|,|\)|\s+tinh\b|\s+huyen\b)")


@dataclass
class PlanMeta:
    title: str = ""
    number: str | None = None
    issued_on: date | None = None
    year: int | None = None
    kind: str = "CCHC"
    commune: str = ""

    def to_json(self) -> dict:
        return {"title": self.title, "number": self.number,
                "date": self.issued_on.isoformat() if self.issued_on else None, "year": self.year,
                "kind": self.kind, "commune": self.commune or None}


def plain(text: str) -> str:
    """Lower case without diacritics, one character per character (spans map back to ``text``)."""
    return strip_marks(text)


def extract_metadata(document: SourceDocument) -> PlanMeta:
    meta = PlanMeta()
    paragraphs = [unicodedata.normalize("NFC", p) for p in document.paragraphs]
    if _from_properties(document.properties, meta):
        return meta
    # "Số: /KH-UBND" heads the plan, "(Kèm theo Kế hoạch số 12/KH-UBND ngày 08/01/2026 …)" the
    # appendix: take the most complete reading.
    for text in paragraphs:
        if text.lstrip(" (")[:1] not in "SsKkBb":  # "Số: …", "(Kèm theo …", "Ban hành kèm theo …"
            continue
        start = plain(text[:24]).strip(" (")
        # "Thực hiện Kế hoạch số …" cites another plan; the plan's own number opens its line.
        if not (start.startswith("so") or start.startswith("kem theo") or start.startswith("ban hanh kem")):
            continue
        found = PlanMeta()
        _number_and_date(text, found)
        if found.number and _completeness(found) > _completeness(meta):
            meta.number, meta.issued_on = found.number, found.issued_on
    title, from_heading = _title(paragraphs)
    key = plain(title or "")
    meta.kind = ("PAR_INDEX" if "par index" in key or ("nang cao" in key and "chi so" in key and "papi" not in key)
                 else "SIPAS" if "sipas" in key else "PAPI" if "papi" in key else "CCHC")
    years = [int(y) for y in _YEAR.findall(key)]
    meta.year = years[-1] if years else None
    meta.commune = _commune(title or "") or _commune(" ".join(paragraphs[:40]))
    if from_heading:
        meta.title = title
    elif meta.commune and meta.year:  # an appendix heading names the tasks, not the plan
        meta.title = f"{KIND_TITLES[meta.kind]} xã {meta.commune} năm {meta.year}"
    else:
        meta.title = title or ""
    return meta


KIND_TITLES = {"CCHC": "Kế hoạch cải cách hành chính",
               "PAR_INDEX": "Kế hoạch nâng cao Chỉ số cải cách hành chính (PAR Index)",
               "SIPAS": "Kế hoạch nâng cao Chỉ số hài lòng (SIPAS)", "PAPI": "Kế hoạch nâng cao Chỉ số PAPI"}


def _completeness(meta: PlanMeta) -> int:
    if not meta.number:
        return 0
    return 1 + (meta.issued_on is not None) + any(c.isdigit() for c in meta.number.split("/")[0])


def _from_properties(props: dict[str, str], meta: PlanMeta) -> bool:
    """A file this program exported carries the plan exactly in its properties."""
    keywords = dict(part.split("=", 1) for part in props.get("keywords", "").split(";") if "=" in part)
    if keywords.get("cchc-desktop") != "1" or not props.get("title"):
        return False
    meta.title = props["title"]
    meta.number = props.get("subject") or None
    meta.kind = keywords.get("kind", "CCHC")
    meta.year = int(keywords["year"]) if keywords.get("year", "").isdigit() else None
    if keywords.get("date"):
        meta.issued_on = date.fromisoformat(keywords["date"])
    meta.commune = keywords.get("commune", "")
    return True


def _number_and_date(text: str, meta: PlanMeta) -> None:
    low = plain(text)
    match = _NUMBER.search(low)
    if not match:
        return
    raw = text[match.start(1):match.end(1)]
    meta.number = re.sub(r"\s+", "", raw).upper().replace("KH-", "KH-")
    after = low[match.end():match.end() + 80]
    for pattern in (_DATE_SLASH, _DATE_WORDS):
        found = pattern.search(after)
        if found:
            day, month, year = (int(g) for g in found.groups())
            try:
                meta.issued_on = date(year, month, day)
            except ValueError:
                pass
            break


def _title(paragraphs: list[str]) -> tuple[str | None, bool]:
    """The plan's title, and whether it came from the "KẾ HOẠCH" heading itself."""
    for index, text in enumerate(paragraphs[:60]):
        if plain(text).strip() == "ke hoach" and index + 1 < len(paragraphs):
            subject = " ".join(paragraphs[index + 1].split())
            if 5 < len(subject) < 200:
                subject = _sentence(subject) if subject.isupper() else subject
                return f"Kế hoạch {subject[0].lower()}{subject[1:]}", True
    for text in paragraphs[:80]:
        low = plain(text)
        if ("nhiem vu" in low or "ke hoach" in low) and text.isupper() and 20 < len(text) < 250:
            return _sentence(" ".join(text.split())), False
    return None, False


def _sentence(upper: str) -> str:
    """ "CÁC NHIỆM VỤ … XÃ ĐÌNH LẬP NĂM 2026" → "Các nhiệm vụ … xã Đình Lập năm 2026"."""
    text = upper.lower()
    text = re.sub(r"\b(xã|tỉnh|huyện)\s+((?:\w+\s?){1,3}?)(?=\s+năm\b|$)",
                  lambda m: f"{m.group(1)} {m.group(2).title()}", text)
    for keep in ("PAR INDEX", "PAPI", "SIPAS", "CCHC", "TTHC", "UBND", "HĐND", "DTI", "PCI"):
        text = re.sub(re.escape(keep.lower()), keep, text)
    return text[:1].upper() + text[1:]


def _commune(text: str) -> str:
    match = _COMMUNE.search(plain(text))
    if not match:
        return ""
    original = unicodedata.normalize("NFC", text)[match.start(1):match.end(1)]
    return " ".join(w[:1].upper() + w[1:].lower() for w in original.split())


def guess_year(texts: list[str]) -> int | None:
    """The year most deadlines mention, when the title says none."""
    years = Counter(int(y) for t in texts for y in re.findall(r"\b(20\d\d)\b", t))
    return years.most_common(1)[0][0] if years else None
