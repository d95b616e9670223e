"""The evidence package: one .zip the officer uploads or hands over on a USB stick.

Layout (every name safe on Windows, Vietnamese letters kept):

    <item code> - <item name, cut>/<file name>        each item's files, as attached
    DANH-MUC-TAI-LIEU-KIEM-CHUNG.csv                  the index: item, file, number/symbol, date, SHA-256
    DOC-TRUOC.txt                                     what the package is, for whoever opens it

Every file is checked against its SHA-256 as it is copied in: a file missing from the store or changed on
disk refuses the package (naming the item and the file) rather than hand over a wrong one. The zip is
written beside its target and renamed into place (``files.write_atomically``), so a killed run never leaves
a half package under the real name.
"""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cchc_desktop.errors import ValidationError
from cchc_desktop.evidence_store import safe_file_name
from cchc_desktop.files import write_atomically
from cchc_desktop.i18n import format_date, format_datetime, format_number, tr
from cchc_desktop.services.assessment import require_explanations

INDEX_NAME = "DANH-MUC-TAI-LIEU-KIEM-CHUNG.csv"
README_NAME = "DOC-TRUOC.txt"
FOLDER_NAME_CHARS = 60
CHUNK = 1 << 20


@dataclass
class PackageResult:
    path: Path
    files: int
    items: int


def _folder(code: str, name: str) -> str:
    short = " ".join(name.split())[:FOLDER_NAME_CHARS].rstrip(" .,;")
    return safe_file_name(f"{code} - {short}" if short else code)


def _unique(name: str, used: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 2
    while candidate.lower() in used:
        candidate = f"{stem} ({n}){dot}{ext}"
        n += 1
    used.add(candidate.lower())
    return candidate


def write_package(session, year: int, out: Path, progress=None) -> PackageResult:
    """Write the year's evidence package to ``out`` (a .zip).

    Raises ``ValidationError`` (Vietnamese) when there is nothing to package, an item with a score has
    neither evidence nor explanation, or a stored file is missing or changed; ``EnvironmentProblem`` when
    the target cannot be written."""
    view = session.assessment.view(year)
    require_explanations(view)
    evidence = session.assessment.evidence.list(year)
    if not evidence:
        raise ValidationError(tr("Bản tự đánh giá năm {year} chưa có tài liệu kiểm chứng nào.", year=year),
                              tr("Hãy đính kèm tài liệu cho các tiêu chí trước khi tạo gói."))
    names = {i.code: i.criterion.name for i in view.items}
    order = {i.code: n for n, i in enumerate(view.items)}
    evidence.sort(key=lambda e: (order.get(e.code, 1 << 30), e.id))
    store = session.evidence.store
    total = sum(e.size for e in evidence)

    stamp = datetime.fromisoformat(session.clock.now()).timetuple()[:6]

    def write(temp: Path) -> None:
        done, rows, used = 0, [], {}
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            for item in evidence:
                folder = _folder(item.code, names.get(item.code, ""))
                name = _unique(safe_file_name(item.file_name), used.setdefault(folder, set()))
                info = zipfile.ZipInfo(f"{folder}/{name}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                _add_checked(archive, store.path_for(item.sha256), info, item)
                done += item.size
                rows.append([item.code, names.get(item.code, ""), f"{folder}/{name}", item.doc_number,
                             format_date(item.doc_date), item.summary, item.size, item.sha256])
                if progress:
                    progress(done, total)
            archive.writestr(INDEX_NAME, _index(rows))
            archive.writestr(README_NAME, _readme(session, view, len(rows)))

    write_atomically(Path(out), write)
    return PackageResult(Path(out), len(evidence), len({e.code for e in evidence}))


def _add_checked(archive: zipfile.ZipFile, source: Path, arcname: zipfile.ZipInfo, item) -> None:
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as handle, archive.open(arcname, "w", force_zip64=item.size > (1 << 31)) as target:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                target.write(chunk)
    except FileNotFoundError:
        raise _damaged(item, tr("không còn trong kho tài liệu")) from None
    if digest.hexdigest() != item.sha256:
        raise _damaged(item, tr("đã bị thay đổi so với khi đính kèm"))


def _damaged(item, what: str) -> ValidationError:
    return ValidationError(tr("Tệp “{name}” của tiêu chí {code} {what}.", name=item.file_name, code=item.code, what=what),
                           tr("Hãy chạy “Kiểm tra tài liệu” rồi đính kèm lại tệp này trước khi tạo gói."))


def _index(rows: list[list]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([tr("Mã tiêu chí"), tr("Tiêu chí"), tr("Tệp trong gói"), tr("Số, ký hiệu"), tr("Ngày văn bản"),
                     tr("Trích yếu"), tr("Dung lượng (byte)"), "SHA-256"])
    writer.writerows(rows)
    return "\ufeff".encode("utf-8") + text.getvalue().encode("utf-8")   # the BOM: Excel then reads UTF-8


def _readme(session, view, files: int) -> str:
    profile = session.profile.get()
    lines = [tr("GÓI TÀI LIỆU KIỂM CHỨNG — TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {y}", y=view.assessment.year),
             tr("Đơn vị: UBND xã {c}", c=profile.commune) if profile.commune else "",
             tr("Bộ chỉ số: {label}", label=view.criteria_set.label),
             tr("Điểm tự chấm: {s}/{m} điểm ({p}%)", s=format_number(view.totals.self_total),
                m=format_number(view.totals.max_self), p=format_number(view.percent or 0)),
             tr("Số tệp: {n}. Mỗi thư mục là một tiêu chí (theo mã STT).", n=files),
             tr("Danh mục và mã SHA-256 của từng tệp: {index}", index=INDEX_NAME),
             tr("Tạo lúc {t} bằng CCHC Desktop.", t=format_datetime(session.clock.now()))]
    return "\r\n".join(line for line in lines if line) + "\r\n"
