"""Behaviour the other tests left open, found by breaking the core by hand one small change at a time
(a "<" made "<=", a check dropped, an operand swapped) and seeing no test fail. Each test names the rule an
officer relies on; the comment after it says which break it stops."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from cchc_desktop.deadlines import WINDOW, parse_deadline
from cchc_desktop.model import PlanInput, TaskInput

DUE = date(2026, 11, 25)


def _plan(session, year: int = 2026) -> int:
    return session.plans.create(PlanInput(f"Kế hoạch CCHC năm {year}", year, "CCHC", "1/KH-UBND", date(year, 1, 8)))


# ---------------------------------------------------------------------------- deadlines

@pytest.mark.parametrize("text", ["15/03/2026 - 15/03/2026", "Từ ngày 15/3 đến ngày 15/3/2026"])
def test_a_range_whose_first_and_last_day_are_the_same_is_a_one_day_window(text):
    # deadlines._item: "left.start > right.end" made ">=" refused a one-day range as "ngày đầu sau ngày cuối"
    deadline = parse_deadline(text, 2026)
    assert deadline.understood
    assert [(p.kind, p.start, p.end) for p in deadline.parts] == [(WINDOW, date(2026, 3, 15), date(2026, 3, 15))]
    assert deadline.due == date(2026, 3, 15)


# ---------------------------------------------------------------------------- the overview

def test_the_overdue_chart_counts_a_task_due_today_as_not_yet_overdue(session):
    # overview.overdue_by_lead: "t.due_on < ?" made "<=" counted a task due today in the chart of overdue tasks
    plan = _plan(session)
    unit = session.units.list()[0]
    session.tasks.add(TaskInput(plan, "PAR", "III", "Hạn hôm nay", deadline_text="Ngày 25/11/2026",
                                lead_ids=[unit.id]))
    session.tasks.add(TaskInput(plan, "PAR", "III", "Hạn hôm qua", deadline_text="Ngày 24/11/2026",
                                lead_ids=[unit.id]))
    units, total = session.overview.overdue_by_lead(plan, DUE)
    assert total == 1
    assert [(u.unit_id, u.tasks) for u in units] == [(unit.id, 1)]
    units, total = session.overview.overdue_by_lead(plan, DUE + timedelta(days=1))
    assert total == 2 and [(u.unit_id, u.tasks) for u in units] == [(unit.id, 2)]


def test_a_domains_completion_rate_keeps_its_fraction(session):
    # overview.DomainSummary.done_percent: "100.0 * done / total" made "100 * done // total" said 33 % for 1 of 3
    from cchc_desktop.model import DONE, Domain
    from cchc_desktop.services.overview import DomainSummary, totals
    summary = DomainSummary(Domain("PAR", "II", "Cải cách thể chế", "Thể chế", 2))
    summary.counts[DONE], summary.counts["in_progress"] = 1, 2
    assert summary.total == 3
    assert summary.done_percent == pytest.approx(100 / 3)
    assert totals([summary]).done_percent == pytest.approx(100 / 3)


# ---------------------------------------------------------------------------- tasks

def test_progress_above_one_hundred_percent_is_refused(session):
    # tasks.TaskValidator._tracking: "0 <= progress <= 100" widened let 101 % be stored
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.model import IN_PROGRESS
    plan = _plan(session)
    task = session.tasks.add(TaskInput(plan, "PAR", "III", "Số hóa hồ sơ", deadline_text="Quý IV/2026"))
    with pytest.raises(ValidationError, match=r"^Tiến độ phải là số nguyên từ 0 đến 100 \(%\)\.$") as caught:
        session.tasks.update_progress(task, status=IN_PROGRESS, progress=101)
    assert caught.value.field == "progress"
    assert session.tasks.row(task).progress == 0
    session.tasks.update_progress(task, status=IN_PROGRESS, progress=100)      # the bound itself is allowed
    assert session.tasks.row(task).progress == 100


def test_a_task_not_started_may_not_have_even_one_percent_progress(session):
    # tasks.TaskValidator._tracking: "progress > 0" made "> 1" let a task "chưa triển khai" show 1 %
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.model import NOT_STARTED
    plan = _plan(session)
    task = session.tasks.add(TaskInput(plan, "PAR", "III", "Số hóa hồ sơ", deadline_text="Quý IV/2026"))
    with pytest.raises(ValidationError,
                       match=r"^Nhiệm vụ chưa triển khai thì tiến độ phải là 0%\. Nếu đã bắt đầu") as caught:
        session.tasks.update_progress(task, status=NOT_STARTED, progress=1)
    assert caught.value.field == "progress"
    assert session.tasks.row(task).progress == 0


def test_a_task_text_of_twenty_thousand_characters_is_kept_one_more_is_refused(session):
    # tasks.TaskValidator._text_fields: "> MAX_TEXT" loosened let a 20 001-character text in
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.services.tasks import MAX_TEXT
    assert MAX_TEXT == 20000
    plan = _plan(session)
    with pytest.raises(ValidationError, match=r"^Mục “Sản phẩm” quá dài \(tối đa 20000 ký tự\)\.$") as caught:
        session.tasks.add(TaskInput(plan, "PAR", "III", "Số hóa hồ sơ", product="x" * (MAX_TEXT + 1)))
    assert caught.value.field == "product"
    assert session.tasks.rows(plan) == []
    task = session.tasks.add(TaskInput(plan, "PAR", "III", "Số hóa hồ sơ", product="x" * MAX_TEXT))
    assert len(session.tasks.row(task).product) == MAX_TEXT


# ---------------------------------------------------------------------------- evidence

def test_a_copy_damaged_on_its_way_to_disk_is_refused_and_not_stored(tmp_path, monkeypatch):
    # evidence_store.put: the re-read of the written copy against the source's hash dropped, so a copy the disk
    # spoiled was stored under the source's hash as if it were the officer's file
    from cchc_desktop.errors import EnvironmentProblem
    from cchc_desktop.evidence_store import EvidenceStore
    store = EvidenceStore(tmp_path / "kho")
    source = tmp_path / "Quyết định 12.pdf"
    source.write_bytes(b"%PDF-1.4 noi dung that" * 100)
    real_copy = EvidenceStore._copy

    def spoiling_copy(self, src, temp, size, progress):
        digest = real_copy(self, src, temp, size, progress)
        data = bytearray(temp.read_bytes())
        data[10] ^= 0xFF                      # one byte flipped after the write: a failing disk
        temp.write_bytes(bytes(data))
        return digest

    monkeypatch.setattr(EvidenceStore, "_copy", spoiling_copy)
    with pytest.raises(EnvironmentProblem, match=r"^Bản chép của tệp “Quyết định 12\.pdf” bị sai lệch khi ghi "
                                                 r"xuống ổ đĩa\."):
        store.put(source)
    assert store.stored_hashes() == set()
    assert list(store.temp_dir.glob("*")) == []


@pytest.mark.parametrize(("name", "shown"), [("con.pdf", "_con.pdf"), ("Nul.txt", "_Nul.txt"),
                                             ("com1.docx", "_com1.docx")])
def test_a_viewer_copy_named_like_a_windows_device_in_small_letters_gets_an_underscore(tmp_path, name, shown):
    # evidence_store.safe_file_name: the ".upper()" before the device lookup dropped, so "con.pdf" (which
    # Windows cannot create, whatever its case) was written as it is
    from cchc_desktop.evidence_store import EvidenceStore
    store = EvidenceStore(tmp_path / "kho")
    source = tmp_path / "goc.bin"
    source.write_bytes(b"noi dung minh chung")
    blob = store.put(source)
    copy = store.view_copy(blob.sha256, name, tmp_path / "xem")
    assert copy.name == shown
    assert copy.read_bytes() == b"noi dung minh chung"


# ---------------------------------------------------------------------------- backup and restore

def _backup_and_other(session, tmp_path):
    from cchc_desktop.safety import archive
    from cchc_desktop.workspace import Clock, Workspace
    from tests.conftest import TODAY
    made = archive.create(session.workspace, tmp_path / "usb" / "SaoLuu.zip")
    other = Workspace(tmp_path / "máy khác")
    other.prepare()
    with other.session(Clock(TODAY)) as s:
        s.plans.create(PlanInput("Kế hoạch đang dùng", 2026))
    return made.path, other


@pytest.mark.parametrize(("spare", "refused"), [(-1, True), (0, False)])
def test_a_restore_needs_as_much_free_disk_as_the_backup_holds(session, demo, tmp_path, monkeypatch, spare, refused):
    # safety.archive.stage: "need > free" loosened (e.g. "need > free * 2") unpacked a backup onto a disk too small
    # for it; one byte short is refused, exactly enough is not
    import json
    import shutil
    import zipfile
    from collections import namedtuple
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.safety import archive
    path, other = _backup_and_other(session, tmp_path)
    with zipfile.ZipFile(path) as z:
        need = sum(e["size"] for e in json.loads(z.read("manifest.json"))["files"])
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10 * need, 0, need + spare))
    if refused:
        with pytest.raises(ValidationError, match=r"^Ổ đĩa không đủ chỗ để khôi phục: cần "):
            archive.stage(other, path)
        assert not (other.data_dir / archive.STAGING).exists()
    else:
        staged = archive.stage(other, path)
        assert staged.size == need
        archive.discard_staging(other)


# ---------------------------------------------------------------------------- importing a file sent back by the units

HEAD = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "Trạng thái", "Tiến độ (%)",
        "Kết quả thực hiện", "Ngày hoàn thành"]
LEAD = "Văn phòng HĐND và UBND"


def _preview(tmp_path, *rows):
    import openpyxl
    from cchc_desktop.importers import read_document
    from cchc_desktop.importers.analysis import analyze
    from cchc_desktop.services.units import builtin_matcher
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEAD)
    sheet.append(["I", "CẢI CÁCH THỂ CHẾ", "", "", "", "", "", ""])
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / "cap-nhat-don-vi.xlsx"
    book.save(path)
    return analyze(read_document(path), builtin_matcher())


def test_an_imported_progress_above_one_hundred_is_capped_at_one_hundred(tmp_path):
    # importers.analysis._tracking: "min(100, …)" dropped let "150%" become a progress of 150
    preview = _preview(tmp_path, ["1", "Rà soát văn bản quy phạm pháp luật", LEAD, "Quý II/2026", "Đang thực hiện",
                                  "150%", "", ""])
    [task] = preview.tasks
    assert (task.status, task.progress) == ("in_progress", 100)


def test_an_imported_row_with_an_empty_status_cell_is_not_started(tmp_path):
    # importers.analysis._tracking: an empty "Trạng thái" read as "not understood" (None) instead of "chưa triển khai"
    preview = _preview(tmp_path, ["1", "Tuyên truyền cải cách hành chính", LEAD, "Quý III/2026", "", "", "", ""])
    [task] = preview.tasks
    assert (task.status, task.progress) == ("not_started", None)
    assert not any("không hiểu trạng thái" in w for w in preview.warnings)


@pytest.mark.parametrize(("cell", "reason"), [("Không thực hiện: chờ hướng dẫn của tỉnh", "chờ hướng dẫn của tỉnh"),
                                              ("Tạm dừng", "(theo tệp cập nhật của đơn vị)")])
def test_an_imported_suspension_keeps_the_reason_written_after_the_colon(tmp_path, cell, reason):
    # importers.analysis: "Không thực hiện" is suspended (not "chưa triển khai"), and the reason after ":" is kept
    preview = _preview(tmp_path, ["1", "Kiểm tra công tác cải cách", LEAD, "Quý III/2026", cell, "", "", ""])
    [task] = preview.tasks
    assert (task.status, task.status_reason) == ("suspended", reason)


def test_an_impossible_completion_date_in_an_imported_row_is_dropped_with_a_warning(tmp_path):
    # importers.analysis._tracking: the warning for a completion date that is no date dropped: it vanished silently
    preview = _preview(tmp_path, ["1", "Tuyên truyền cải cách hành chính", LEAD, "Quý III/2026", "Hoàn thành", "100",
                                  "", "31/02/2026"])
    [task] = preview.tasks
    assert task.completed_on is None
    assert "Bảng 1 (trang tính “Sheet”), dòng 3: ngày hoàn thành “31/02/2026” không hợp lệ; đã bỏ qua." \
        in preview.warnings


def test_an_imported_task_name_of_three_letters_is_flagged_as_too_short(tmp_path):
    # importers.analysis._check_fields: "len(name) < 4" made "< 3" let a three-letter name ("Họp") pass unflagged
    preview = _preview(tmp_path, ["1", "Họp", LEAD, "Quý III/2026", "", "", "", ""],
                       ["2", "Họp giao ban", LEAD, "Quý III/2026", "", "", "", ""])
    short, fine = preview.tasks
    assert [(f.field, f.message) for f in short.flags] == [("name", "Tên nhiệm vụ quá ngắn: “Họp”.")]
    assert fine.flags == []


def test_a_third_row_with_the_same_number_gets_the_next_free_letter(tmp_path):
    # importers.analysis._dedupe_codes: remembering the bare code instead of the (framework, domain, code) key gave
    # two rows the same renamed number
    preview = _preview(tmp_path, *[["1", f"Nhiệm vụ thứ {n} của lĩnh vực", LEAD, "Quý III/2026", "", "", "", ""]
                                   for n in ("nhất", "hai", "ba")])
    assert [t.code for t in preview.tasks] == ["1", "1b", "1c"]
    assert len({t.key for t in preview.tasks}) == 3


def test_a_backup_of_the_very_next_format_version_is_refused(session, demo, tmp_path):
    # safety.archive._manifest: "format_version > FORMAT_VERSION" loosened by one let a backup of the next format in
    import json
    import zipfile
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.safety import archive
    path, other = _backup_and_other(session, tmp_path)
    newer = tmp_path / "ban-moi.zip"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(newer, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == archive.MANIFEST:
                manifest = json.loads(data)
                manifest["format_version"] = archive.FORMAT_VERSION + 1
                data = json.dumps(manifest).encode()
            new.writestr(info.filename, data)
    with pytest.raises(ValidationError, match=r"^Tệp sao lưu không dùng được: do phiên bản CCHC Desktop mới hơn "
                                              r"tạo ra\. Hãy cài phiên bản mới hơn rồi khôi phục\."):
        archive.stage(other, newer)
    assert not (other.data_dir / archive.STAGING).exists()


def _rewritten(path, out, change_manifest):
    import json
    import zipfile
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                change_manifest(manifest)
                data = json.dumps(manifest).encode()
            new.writestr(info.filename, data)
    return out


def test_a_backup_whose_manifest_says_an_evidence_file_is_longer_than_it_is_is_refused(session, demo, tmp_path):
    # safety.archive._extract: "size != limit" dropped accepted an entry shorter than the manifest says (its hash
    # alone matched), so a cut manifest/entry pair was taken as whole
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.safety import archive
    path, other = _backup_and_other(session, tmp_path)
    names = []

    def lengthen(manifest):
        entry = next(e for e in manifest["files"] if e["path"].startswith("minh-chung/"))
        entry["size"] += 1
        names.append(entry["path"])

    bad = _rewritten(path, tmp_path / "dai-hon.zip", lengthen)
    with pytest.raises(ValidationError, match=rf"^Tệp sao lưu không dùng được: mục “{names[0]}” không khớp mã kiểm "
                                              r"tra SHA-256 \(tệp đã bị sửa hoặc hỏng\)\."):
        archive.stage(other, bad)
    assert not (other.data_dir / archive.STAGING).exists()


@pytest.mark.parametrize(("room", "refused"), [(-1, True), (0, False)])
def test_a_backup_holding_more_than_the_total_limit_is_refused(session, demo, tmp_path, monkeypatch, room, refused):
    # safety.archive._manifest: the cap on the total unpacked size ("total > MAX_TOTAL_BYTES") loosened
    import zipfile
    from cchc_desktop.errors import ValidationError
    from cchc_desktop.safety import archive
    path, other = _backup_and_other(session, tmp_path)
    with zipfile.ZipFile(path) as z:
        total = sum(i.file_size for i in z.infolist())
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", total + room)
    if refused:
        with pytest.raises(ValidationError, match=r"^Tệp sao lưu không dùng được: dữ liệu bên trong quá lớn \("):
            archive.stage(other, path)
        assert not (other.data_dir / archive.STAGING).exists()
    else:
        archive.stage(other, path)
        archive.discard_staging(other)


# ---------------------------------------------------------------------------- the periodic report

def test_the_next_periods_tasks_are_listed_soonest_first_whatever_the_plans_order(session):
    # reports.periodic.upcoming_lists: the sort by due date dropped listed them in the plan's order
    from cchc_desktop.reports import document as d
    from cchc_desktop.workspace import Clock
    session.clock = Clock(date(2026, 3, 1))
    plan = _plan(session)
    for name, deadline in (("Việc hạn tháng năm", "Tháng 5/2026"), ("Việc hạn tháng tư", "Tháng 4/2026"),
                           ("Việc hạn cuối tháng ba", "Ngày 31/03/2026")):
        session.tasks.add(TaskInput(plan, "PAR", "II", name, deadline_text=deadline))
    q1 = session.periods.by_key("2026-Q1")
    blocks = session.reports.build(plan, "periodic", q1.id).document.body.blocks
    start = next(i for i, b in enumerate(blocks) if isinstance(b, d.Paragraph)
                 and b.text == "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI")
    listed = []
    for block in blocks[start + 1:]:
        if block.style == d.HEADING1:
            break
        if block.style == d.BULLET:
            listed.append(block.text)
    assert listed == ["- Việc hạn cuối tháng ba (hạn 31/03/2026).", "- Việc hạn tháng tư (hạn 30/04/2026).",
                      "- Việc hạn tháng năm (hạn 31/05/2026)."]
