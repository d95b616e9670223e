"""Evidence files: dedupe, atomic and verified copies, clean failure, verification."""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from cchc_desktop.errors import EnvironmentProblem, ValidationError
from cchc_desktop.evidence_store import EvidenceStore
from cchc_desktop.model import EvidenceInput, TaskInput
from cchc_desktop.services.evidence import guess_metadata


@pytest.fixture
def task_id(session, plan_id) -> int:
    return session.tasks.add(TaskInput(plan_id, "PAR", "I", "Ban hành Kế hoạch CCHC", code="1"))


def make_file(folder: Path, name: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path


def test_attach_copies_verified_and_read_only(session, task_id, tmp_path):
    source = make_file(tmp_path / "Tài liệu gốc", "Quyết định 123.pdf", b"%PDF-1.4 noi dung" * 1000)
    result = session.evidence.attach(task_id, [source])
    assert len(result.added) == 1
    item = session.evidence.get(result.added[0])
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    assert item.sha256 == sha and item.file_name == "Quyết định 123.pdf" and item.size == source.stat().st_size
    stored = session.evidence.store.path_for(sha)
    assert stored.read_bytes() == source.read_bytes()
    # read-only by its mode bits, which hold whoever runs the test (root would ignore them when writing)
    assert stat.S_IMODE(stored.stat().st_mode) == stat.S_IREAD
    assert list((session.workspace.evidence_dir / ".tam").glob("*")) == []
    assert session.tasks.row(task_id).evidence_count == 1


def test_same_file_twice_is_stored_once(session, plan_id, task_id, tmp_path):
    other = session.tasks.add(TaskInput(plan_id, "PAR", "II", "Nhiệm vụ khác", code="2"))
    a = make_file(tmp_path, "a.pdf", b"cung mot noi dung")
    b = make_file(tmp_path / "khac", "b-ban-sao.pdf", b"cung mot noi dung")
    session.evidence.attach(task_id, [a])
    session.evidence.attach(other, [b])
    again = session.evidence.attach(task_id, [b])
    assert again.added == [] and again.already_attached == ["b-ban-sao.pdf"]
    assert len(session.evidence.store.stored_hashes()) == 1
    assert session.one("SELECT count(*) FROM blobs")[0] == 1
    assert session.one("SELECT count(*) FROM evidence")[0] == 2


def test_failure_mid_copy_leaves_nothing(session, task_id, tmp_path, monkeypatch):
    good = make_file(tmp_path, "1.pdf", b"tep thu nhat")
    bad = make_file(tmp_path, "2.pdf", b"tep thu hai")
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(EnvironmentProblem) as info:
        session.evidence.attach(task_id, [good, bad])
    assert "Ổ đĩa đã đầy" in str(info.value)
    assert session.one("SELECT count(*) FROM evidence")[0] == 0
    assert session.one("SELECT count(*) FROM blobs")[0] == 0
    assert session.evidence.store.stored_hashes() == set()  # the first copy was rolled back too
    assert list((session.workspace.evidence_dir / ".tam").glob("*")) == []
    assert session.audit.for_task(task_id)[0].entity == "task"  # no evidence audit rows


def test_database_failure_after_copy_removes_new_files(session, task_id, tmp_path, monkeypatch):
    source = make_file(tmp_path, "x.pdf", b"noi dung")

    def broken(*args, **kwargs):
        raise RuntimeError("lỗi giả lập khi ghi cơ sở dữ liệu")

    monkeypatch.setattr(type(session.evidence), "_record", broken)
    with pytest.raises(RuntimeError, match="lỗi giả lập khi ghi cơ sở dữ liệu"):
        session.evidence.attach(task_id, [source])
    assert session.evidence.store.stored_hashes() == set()


def test_vanished_unreadable_empty_and_folder_inputs(session, task_id, tmp_path, monkeypatch):
    with pytest.raises(EnvironmentProblem) as info:
        session.evidence.attach(task_id, [tmp_path / "khong-co.pdf"])
    assert "Không tìm thấy tệp" in str(info.value)
    with pytest.raises(ValidationError, match="rỗng"):
        session.evidence.attach(task_id, [make_file(tmp_path, "rong.pdf", b"")])
    with pytest.raises(ValidationError, match="thư mục"):
        session.evidence.attach(task_id, [tmp_path])
    locked = make_file(tmp_path, "dang-mo.docx", b"word")
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(EnvironmentProblem) as info:
        session.evidence.attach(task_id, [locked])
    assert "chương trình khác" in str(info.value)
    assert session.one("SELECT count(*) FROM evidence")[0] == 0


def test_source_changing_during_copy_is_refused(tmp_path, monkeypatch):
    store = EvidenceStore(tmp_path / "kho")
    source = make_file(tmp_path, "dang-sua.xlsx", b"a" * 5000)

    def touch_while_copying(copied, size):
        source.write_bytes(b"b" * 6000)

    with pytest.raises(EnvironmentProblem, match="thay đổi trong lúc đang chép"):
        store.put(source, touch_while_copying)
    assert store.stored_hashes() == set()


def test_verify_finds_missing_and_changed(session, task_id, tmp_path):
    a = make_file(tmp_path, "a.pdf", b"tep a")
    b = make_file(tmp_path, "b.pdf", b"tep b")
    session.evidence.attach(task_id, [a, b])
    assert session.evidence.verify().ok
    store = session.evidence.store
    sha_a = hashlib.sha256(b"tep a").hexdigest()
    sha_b = hashlib.sha256(b"tep b").hexdigest()
    store.path_for(sha_a).unlink()
    path_b = store.path_for(sha_b)
    os.chmod(path_b, 0o644)
    path_b.write_bytes(b"tep b da bi sua")
    report = session.evidence.verify()
    assert not report.ok
    states = {p.file_name: p.state for p in report.problems}
    assert states == {"a.pdf": "missing", "b.pdf": "changed"}
    data = report.to_json()
    assert data["ok"] is False and data["files_checked"] == 2
    assert [m["file_name"] for m in data["missing"]] == ["a.pdf"]
    # Attaching the original again heals the store.
    session.evidence.attach(task_id, [a])  # already recorded: no new record, but the blob is back
    assert store.check(sha_a) == "ok"


def test_remove_to_bin_and_restore(session, task_id, tmp_path):
    (eid,) = session.evidence.attach(task_id, [make_file(tmp_path, "a.pdf", b"x")]).added
    session.evidence.remove(eid)
    assert session.evidence.list(task_id) == []
    assert [e.id for e in session.evidence.deleted()] == [eid]
    assert session.tasks.row(task_id).evidence_count == 0
    session.evidence.restore(eid)
    assert [e.id for e in session.evidence.list(task_id)] == [eid]
    actions = [(h.entity, h.action) for h in session.tasks.history(task_id)]
    assert ("evidence", "delete") in actions and ("evidence", "restore") in actions


def test_view_copy_is_separate_and_read_only(session, task_id, tmp_path):
    (eid,) = session.evidence.attach(task_id, [make_file(tmp_path, "Báo cáo: quý I?.pdf", b"pdf")]).added
    view = session.evidence.view_path(eid)
    assert view.read_bytes() == b"pdf" and view.name == "Báo cáo_ quý I_.pdf"
    assert view.stat().st_mode & 0o222 == 0
    assert view != session.evidence.store.path_for(session.evidence.get(eid).sha256)
    session.evidence.view_path(eid)  # a second opening overwrites its own read-only copy


def test_metadata_update_is_audited(session, task_id, tmp_path):
    (eid,) = session.evidence.attach(task_id, [make_file(tmp_path, "a.pdf", b"x")]).added
    session.evidence.update(eid, EvidenceInput("05/QĐ-UBND", date(2026, 1, 8), "UBND xã", "Ban hành kế hoạch"))
    item = session.evidence.get(eid)
    assert (item.doc_number, item.doc_date, item.summary) == ("05/QĐ-UBND", date(2026, 1, 8), "Ban hành kế hoạch")
    fields = {h.field for h in session.audit.for_entity("evidence", eid)}
    assert {"doc_number", "doc_date", "summary"} <= fields


@pytest.mark.parametrize(("name", "number", "day"), [
    ("123-QD-UBND.pdf", "123/QĐ-UBND", None),
    ("123_QĐ-UBND Quyết định ban hành.pdf", "123/QĐ-UBND", None),
    ("05-KH-UBND ngay 08.01.2026.docx", "05/KH-UBND", date(2026, 1, 8)),
    ("7-BC-UBND.pdf", "07/BC-UBND", None),  # NĐ 30: numbers below 10 take a leading zero
    ("154-2025-ND-CP.pdf", "154/2025/NĐ-CP", None),
    ("BC 12-BC-HDND.pdf", "12/BC-HĐND", None),
    ("anh chup hoi nghi 15-06-2026.jpg", "", date(2026, 6, 15)),
    ("scan0001.pdf", "", None),
])
def test_number_prefilled_from_file_name(name, number, day):
    meta = guess_metadata(name)
    assert meta.doc_number == number
    assert meta.doc_date == day


def test_interrupted_copy_temp_files_are_cleaned(tmp_path):
    store = EvidenceStore(tmp_path / "kho")
    store.temp_dir.mkdir(parents=True)
    stale = store.temp_dir / "abc.part"
    stale.write_bytes(b"nua chung")
    os.utime(stale, (1, 1))
    fresh = store.temp_dir / "def.part"
    fresh.write_bytes(b"dang chep")
    assert store.cleanup_temp() == 1
    assert not stale.exists() and fresh.exists()
