"""Issue "Ready for the Windows office PC", items 2, 3, 4 and 8: Windows file-system facts injected on Linux.

- a scanner or the indexer holds a file just written for a moment: renames fail with winerror 32 or 5;
- Windows refuses to delete a read-only file;
- Word or Acrobat holds the file it shows, so it cannot be overwritten;
- a path of 260 characters or more fails with winerror 206 (or "not found").
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

import db.fs
from cchc_desktop.errors import EnvironmentProblem, environment_problem
from cchc_desktop.files import write_bytes_atomically
from cchc_desktop.model import PlanInput, TaskInput
from cchc_desktop.safety import archive, names
from cchc_desktop.workspace import Clock, Workspace
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def _windows_error(winerror: int, filename=None) -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file", filename)
    exc.winerror = winerror
    return exc


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    waited: list[float] = []
    monkeypatch.setattr(db.fs, "_pause", waited.append)
    return waited


@pytest.fixture
def held_renames(monkeypatch, pauses):
    """``held_renames(n, winerror)``: the next ``n`` renames fail as a scanner's hold makes them fail."""
    real = os.replace
    state = {"left": 0, "winerror": 32, "tried": 0, "after": 0}

    def replace(source, target, *args, **kwargs):
        state["tried"] += 1
        if state["left"] > 0 and state["tried"] > state["after"]:
            state["left"] -= 1
            raise _windows_error(state["winerror"], str(source))
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)

    def hold(count: int, winerror: int = 32, after: int = 0) -> dict:
        state.update(left=count, winerror=winerror, tried=0, after=after)
        return state
    return hold


@pytest.fixture
def windows_deletes(monkeypatch):
    """Deleting a read-only file fails, as on Windows (Linux deletes it when the folder is writable)."""
    real = os.unlink

    def unlink(path, *, dir_fd=None):
        mode = os.stat(path, dir_fd=dir_fd, follow_symlinks=False).st_mode
        if stat.S_ISREG(mode) and not mode & stat.S_IWRITE:
            raise _windows_error(5, path)
        return real(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "remove", unlink)


# ---------------------------------------------------------------------------- the one rename helper

@pytest.mark.parametrize("winerror", [32, 5])
def test_a_brief_hold_is_ridden_out_with_back_off(tmp_path, held_renames, pauses, winerror):
    source = tmp_path / "moi.txt"
    source.write_text("mới", encoding="utf-8")
    state = held_renames(3, winerror)
    db.fs.replace(source, tmp_path / "dich.txt")
    assert (tmp_path / "dich.txt").read_text(encoding="utf-8") == "mới"
    assert state["tried"] == 4 and pauses == sorted(pauses) and len(pauses) == 3


def test_a_lasting_hold_fails_after_a_second_or_two(tmp_path, held_renames, pauses):
    source = tmp_path / "moi.txt"
    source.write_text("x", encoding="utf-8")
    held_renames(100)
    with pytest.raises(PermissionError, match="The process cannot access the file: .*moi.txt"):
        db.fs.replace(source, tmp_path / "dich.txt")
    assert 1.0 <= sum(pauses) <= 3.0 and source.exists()


def test_other_errors_are_not_retried(tmp_path, pauses):
    with pytest.raises(FileNotFoundError, match="No such file or directory: .*khong-co"):
        db.fs.replace(tmp_path / "khong-co", tmp_path / "dich")
    assert pauses == []


def test_every_rename_and_tree_delete_goes_through_the_helpers():
    raw = ("os.replace(", "os.rename(", "shutil.move(", "rmtree(", "ignore_errors", ".rename(")
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for folder in ("cchc_desktop", "db", "ui") for path in (ROOT / folder).rglob("*.py")
             if path.name != "fs.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if any(token in line for token in raw)]
    assert not found, found


# ---------------------------------------------------------------------------- where renames happen

def test_attaching_evidence_rides_out_a_scanner(session, held_renames, tmp_path):
    plan = session.plans.create(PlanInput("Kế hoạch", 2026))
    task = session.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ"))
    source = tmp_path / "QĐ 12.pdf"
    source.write_bytes(b"%PDF-1.4 quyet dinh")
    held_renames(2)
    (evidence_id,) = session.evidence.attach(task, [source]).added
    assert session.evidence.store.check(session.evidence.get(evidence_id).sha256) == "ok"


def test_an_export_held_open_in_word_says_to_close_it(tmp_path, held_renames):
    target = tmp_path / "Báo cáo quý I.docx"
    target.write_bytes(b"old")
    held_renames(100, 5)
    with pytest.raises(EnvironmentProblem) as caught:
        write_bytes_atomically(target, b"new")
    assert "đang được mở trong Word" in caught.value.message
    assert "Hãy đóng tệp trong Word rồi thử lại" in caught.value.hint
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]          # no temporary file left behind


def _restore_fixture(tmp_path: Path, session) -> tuple[Workspace, Path]:
    plan = session.plans.create(PlanInput("Kế hoạch của bản sao lưu", 2026))
    task = session.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ có minh chứng"))
    source = tmp_path / "minh chứng.pdf"
    source.write_bytes(b"%PDF-1.4 minh chung")
    session.evidence.attach(task, [source])
    backup = archive.create(session.workspace, tmp_path / "usb" / "SaoLuu.zip").path
    other = Workspace(tmp_path / "máy khác")
    other.prepare()
    with other.session(Clock(TODAY)) as s:
        s.plans.create(PlanInput("Kế hoạch đang dùng", 2026))
    return other, backup


def test_the_restore_swap_rides_out_a_scanner(tmp_path, session, held_renames):
    other, backup = _restore_fixture(tmp_path, session)
    archive.stage(other, backup)
    held_renames(3)
    archive.apply(other)
    other.prepare()
    with other.session(Clock(TODAY)) as s:
        assert [p.title for p in s.plans.list()] == ["Kế hoạch của bản sao lưu"]


def test_a_swap_held_too_long_is_a_message_and_the_next_start_finishes_it(tmp_path, session, held_renames):
    other, backup = _restore_fixture(tmp_path, session)
    archive.stage(other, backup)
    held_renames(100, after=2)          # the journal is written, the database set aside, then a file is held
    with pytest.raises(EnvironmentProblem) as caught:
        archive.apply(other)
    assert "Dữ liệu cũ và dữ liệu khôi phục đều còn nguyên" in caught.value.hint
    assert (other.data_dir / names.JOURNAL).exists()
    held_renames(0)
    other.prepare()                     # the next start: the swap is finished from the journal
    assert not (other.data_dir / names.JOURNAL).exists()
    with other.session(Clock(TODAY)) as s:
        assert [p.title for p in s.plans.list()] == ["Kế hoạch của bản sao lưu"]


# ---------------------------------------------------------------------------- read-only files

def test_a_cancelled_restore_leaves_nothing_that_blocks_the_next(tmp_path, session, windows_deletes):
    other, backup = _restore_fixture(tmp_path, session)
    staged = archive.stage(other, backup)
    assert any(not p.stat().st_mode & stat.S_IWRITE for p in staged.folder.rglob("*") if p.is_file())
    archive.discard_staging(other)                  # the officer pressed "Hủy"
    assert not (other.data_dir / names.STAGING).exists()
    archive.stage(other, backup)                     # and tries again later
    archive.apply(other)


def test_force_delete_clears_read_only_files_and_says_when_it_cannot(tmp_path, windows_deletes, monkeypatch):
    folder = tmp_path / "tam" / "con"
    folder.mkdir(parents=True)
    for name in ("a.pdf", "b.pdf"):
        (folder / name).write_bytes(b"x")
        os.chmod(folder / name, stat.S_IREAD)
    db.fs.force_delete(tmp_path / "tam")
    assert not (tmp_path / "tam").exists()
    single = tmp_path / "mot.pdf"
    single.write_bytes(b"x")
    os.chmod(single, stat.S_IREAD)
    db.fs.force_delete(single)
    assert not single.exists()
    db.fs.force_delete(tmp_path / "khong-co")            # nothing there is fine

    kept = tmp_path / "giu"
    kept.mkdir()
    (kept / "dang-mo.pdf").write_bytes(b"x")
    monkeypatch.setattr(db.fs, "_pause", lambda _s: None)
    real = os.unlink
    monkeypatch.setattr(os, "unlink", lambda path, *, dir_fd=None: (_ for _ in ()).throw(_windows_error(32, path))
                        if str(path).endswith("dang-mo.pdf") else real(path, dir_fd=dir_fd))
    with pytest.raises(PermissionError, match="dang-mo.pdf"):     # the file still held is named
        db.fs.force_delete(kept)


# ---------------------------------------------------------------------------- viewing copies

def _evidence(session, tmp_path, name="Quyết định 15.pdf", content=b"%PDF-1.4 quyet dinh"):
    plan = session.plans.create(PlanInput("Kế hoạch", 2026))
    task = session.tasks.add(TaskInput(plan, "PAR", "I", "Nhiệm vụ"))
    source = tmp_path / name
    source.write_bytes(content)
    (evidence_id,) = session.evidence.attach(task, [source]).added
    return evidence_id


def test_reopening_evidence_held_by_the_viewer_reuses_its_copy(session, tmp_path, held_renames):
    evidence_id = _evidence(session, tmp_path)
    first = session.evidence.view_path(evidence_id)
    held_renames(100)                     # Acrobat holds the copy: it could not be replaced now
    assert session.evidence.view_path(evidence_id) == first
    assert first.read_bytes() == b"%PDF-1.4 quyet dinh"


def test_a_different_file_in_the_way_gets_a_new_folder_never_an_overwrite(session, tmp_path):
    evidence_id = _evidence(session, tmp_path)
    first = session.evidence.view_path(evidence_id)
    os.chmod(first, stat.S_IWRITE | stat.S_IREAD)
    first.write_bytes(b"edited in Word and saved")     # not the evidence any more
    second = session.evidence.view_path(evidence_id)
    assert second != first and second.name == first.name
    assert second.read_bytes() == b"%PDF-1.4 quyet dinh"
    assert first.read_bytes() == b"edited in Word and saved"
    assert not second.stat().st_mode & stat.S_IWRITE


# ---------------------------------------------------------------------------- long paths

def test_path_too_long_is_said_so():
    exc = OSError(errno.EINVAL, "The filename or extension is too long")
    exc.winerror = 206
    problem = environment_problem(exc, "C:\\Users\\Cán bộ\\Documents\\x.pdf")
    assert problem is not None and "Đường dẫn quá dài" in problem.message and "260" in problem.hint
    long_name = "C:\\" + "thư mục rất dài\\" * 20 + "báo cáo.pdf"
    missing = FileNotFoundError(errno.ENOENT, "The system cannot find the path specified", long_name)
    missing.winerror = 3
    assert "Đường dẫn quá dài" in environment_problem(missing).message
    short = FileNotFoundError(errno.ENOENT, "not found", "C:\\a.pdf")
    short.winerror = 2
    assert "Không tìm thấy" in environment_problem(short).message


def test_read_only_uris_keep_the_path_as_given_not_resolved(tmp_path):
    """A mapped drive (Z:\\) must not become \\\\server\\share, which SQLite refuses: the URI is built from the
    absolute path, never from resolve(). A symbolic link stands in for the mapping here."""
    from db.connection import read_only_uri
    real = tmp_path / "máy chủ" / "chia sẻ"
    real.mkdir(parents=True)
    mapped = tmp_path / "Z"
    mapped.symlink_to(real, target_is_directory=True)
    uri = read_only_uri(mapped / "cchc.sqlite3")
    assert uri.startswith(mapped.as_uri()) and "m%C3%A1y" not in uri
    offenders = [f"{path.relative_to(ROOT)}:{n}" for folder in ("cchc_desktop", "db", "ui")
                 for path in (ROOT / folder).rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if "resolve().as_uri()" in line]
    assert not offenders, offenders


# ---------------------------------------------------------------------------- what a fresh tester found

def test_a_start_after_a_swap_held_mid_way_finishes_it_even_with_evidence(tmp_path, session, held_renames):
    other, backup = _restore_fixture(tmp_path, session)
    with other.session(Clock(TODAY)) as s:                 # the data in use holds evidence too
        task = s.tasks.add(TaskInput(s.plans.list()[0].id, "PAR", "I", "Nhiệm vụ cũ"))
        old = tmp_path / "cu.pdf"
        old.write_bytes(b"%PDF-1.4 cu")
        s.evidence.attach(task, [old])
    archive.stage(other, backup)
    held_renames(6, after=2)            # the staged database is held as it is put in place
    with pytest.raises(EnvironmentProblem, match="Chưa hoàn tất được việc thay dữ liệu: một tệp trong thư mục dữ liệu "
                                                 "đang bị chương trình khác giữ"):
        archive.apply(other)
    held_renames(0)
    other.prepare()                     # any start, the window's or a command's, finishes the swap
    with other.session(Clock(TODAY)) as s:
        assert [p.title for p in s.plans.list()] == ["Kế hoạch của bản sao lưu"]


def test_a_held_journal_or_temporary_file_never_hides_the_outcome(tmp_path, session, monkeypatch, pauses):
    from cchc_desktop.evidence_store import EvidenceStore
    other, backup = _restore_fixture(tmp_path, session)
    archive.stage(other, backup)
    real_unlink = Path.unlink

    def unlink(self, missing_ok=False):
        if self.name == names.JOURNAL or self.suffix == ".part":
            raise _windows_error(32, str(self))
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    archive.apply(other)                # the swap is done; a journal the scanner holds goes next time
    store = EvidenceStore(tmp_path / "kho")
    source = tmp_path / "a.pdf"
    source.write_bytes(b"data")
    monkeypatch.setattr(os, "replace", lambda s, t: (_ for _ in ()).throw(_windows_error(32, str(s))))
    # the rename's reason, not the clean-up's PermissionError
    with pytest.raises(EnvironmentProblem, match="Tệp đang được một chương trình khác mở và khóa"):
        store.put(source)


def test_a_long_rename_target_is_said_too_long():
    long_name = "C:\\" + "thư mục\\" * 40 + "x.pdf"
    exc = FileNotFoundError(errno.ENOENT, "not found", "C:\\a.pdf", None, long_name)
    exc.winerror = 3
    assert "Đường dẫn quá dài" in environment_problem(exc).message
