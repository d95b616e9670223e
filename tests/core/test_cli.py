"""The headless commands, run as a user would: python main.py …"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CCHC_TODAY": "2026-11-25", "PYTHONIOENCODING": "utf-8"}
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *prefix, *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "Dữ liệu xã"
    result = run("demo", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "42 nhiệm vụ" in result.stdout
    return folder


def test_tasks_list_json(demo_dir):
    result = run("tasks", "list", "--json", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    tasks = json.loads(result.stdout)
    assert len(tasks) == 42
    first = tasks[0]
    for key in ("plan", "framework", "domain", "code", "parent_code", "name", "lead", "coordinators", "product",
                "deadline_text", "deadline", "status", "progress", "evidence_count"):
        assert key in first
    assert first["framework"] == "PAR" and first["domain"] == "I" and first["code"] == "1"
    assert isinstance(first["coordinators"], list)
    assert first["deadline"]["parts"][0]["kind"] == "due" and first["deadline"]["due"] == "2026-01-09"
    assert sum(t["evidence_count"] for t in tasks) == 4
    assert {t["domain"] for t in tasks} == {"I", "II", "III", "IV", "V", "VI", "VII"}


def test_evidence_add_and_verify(demo_dir, tmp_path):
    scan = tmp_path / "Quyết định 07-QD-UBND.pdf"
    scan.write_bytes(b"%PDF scan")
    result = run("evidence", "add", "--task", "7", "--domain", "II", str(scan), data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    assert "Đã đính kèm 1 tệp" in result.stdout
    tasks = json.loads(run("tasks", "list", "--json", data_dir=demo_dir).stdout)
    assert next(t for t in tasks if t["code"] == "7")["evidence_count"] == 1
    result = run("evidence", "verify", "--json", data_dir=demo_dir)
    report = json.loads(result.stdout)
    # 5 task files and the sample criteria sheet the self-assessment was loaded from
    assert result.returncode == 0 and report["ok"] and report["files_checked"] == 6


def test_bad_arguments_are_vietnamese_and_non_zero(demo_dir, tmp_path):
    result = run("tasks", "lst", data_dir=demo_dir)
    assert result.returncode == 2 and "Lỗi:" in result.stderr and "không hợp lệ" in result.stderr
    result = run("evidence", "add", "--task", "99", str(tmp_path / "x.pdf"), data_dir=demo_dir)
    assert result.returncode == 1 and "Không có nhiệm vụ STT 99" in result.stderr
    result = run("evidence", "add", "--task", "7", str(tmp_path / "khong-co.pdf"), data_dir=demo_dir)
    assert result.returncode == 1 and "Không tìm thấy tệp" in result.stderr
    result = run("plans", "add", "--title", "KH", "--year", "20x6", data_dir=demo_dir)
    assert result.returncode == 2 and "năm “20x6” không hợp lệ" in result.stderr


def test_newer_database_is_refused(tmp_path):
    import sqlite3
    folder = tmp_path / "moi-hon"
    folder.mkdir()
    from db.migrations import APPLICATION_ID
    conn = sqlite3.connect(folder / "cchc.sqlite3")
    conn.execute("PRAGMA user_version = 999")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")     # a newer CCHC Desktop's own data
    conn.close()
    result = run("tasks", "list", data_dir=folder)
    assert result.returncode == 1 and "phiên bản CCHC Desktop mới hơn" in result.stderr


def test_tasks_add_and_update(tmp_path):
    folder = tmp_path / "d"
    assert run("plans", "add", "--title", "KH CCHC 2026", "--year", "2026", data_dir=folder).returncode == 0
    result = run("tasks", "add", "--domain", "III", "--name", "Rà soát TTHC", "--deadline", "Quý I/2026",
                 "--lead", "TTPVHCC", data_dir=folder)
    assert result.returncode == 0, result.stderr
    result = run("tasks", "add", "--domain", "III", "--parent", "1", "--name", "Hộ tịch", data_dir=folder)
    assert "STT 1.1" in result.stdout
    result = run("tasks", "update", "--task", "1", "--status", "done", "--completed", "02/04/2026", data_dir=folder)
    assert result.returncode == 0, result.stderr
    tasks = json.loads(run("tasks", "list", "--json", data_dir=folder).stdout)
    assert tasks[0]["status"] == "done" and tasks[0]["finished_late"] and tasks[0]["lead"] == \
        "Trung tâm Phục vụ hành chính công"
    assert tasks[1]["parent_code"] == "1"


def test_core_never_imports_qt_or_heavy_modules():
    code = ("import sys; import cchc_desktop.cli, cchc_desktop.workspace, cchc_desktop.services.tasks; "
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'openpyxl', 'docx', 'reportlab')]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_import_plan_dry_run_touches_nothing(tmp_path):
    folder = tmp_path / "chua-co"
    seed = ROOT / "tests" / "data" / "seeds" / "000_6e2be833faf95f3b.txt"
    result = run("import-plan", str(seed), "--dry-run", "--json", data_dir=folder)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert not folder.exists()
    assert data["plan"] == {"title": "Kế hoạch nâng cao Chỉ số cải cách hành chính (PAR Index) xã Đình Lập năm 2026",
                            "number": "235/KH-UBND", "date": "2026-07-06", "year": 2026, "kind": "PAR_INDEX",
                            "commune": "Đình Lập"}
    assert len(data["tasks"]) == 36 and isinstance(data["warnings"], list)
    task = data["tasks"][0]
    assert set(task) >= {"framework", "domain", "code", "parent_code", "name", "product", "lead", "coordinators",
                         "deadline_text", "deadline"}
    assert task["lead"] == ["Phòng Văn hóa - Xã hội"] and task["deadline"]["understood"] is True


def test_import_then_export_from_the_command_line(tmp_path):
    folder = tmp_path / "dữ liệu"
    seed = ROOT / "tests" / "data" / "seeds" / "003_d94acb5e5da1ddce.txt"
    result = run("import-plan", str(seed), data_dir=folder)
    assert result.returncode == 0 and "Thêm 54 nhiệm vụ" in result.stdout, result.stderr
    again = run("import-plan", str(seed), "--json", data_dir=folder)
    assert json.loads(again.stdout)["unchanged"] == 54
    out = tmp_path / "xuất ra" / "kế hoạch.xlsx"
    result = run("export-plan", "--format", "xlsx", "--out", str(out), "--with-status", data_dir=folder)
    assert result.returncode == 0 and out.exists(), result.stderr
    assert json.loads(run("import-plan", str(out), "--json", data_dir=folder).stdout)["unchanged"] == 54
    bad = run("import-plan", str(tmp_path / "khong-co.docx"), data_dir=folder)
    assert bad.returncode == 1 and "Không tìm thấy tệp" in bad.stderr


def test_report_command_writes_every_format_and_kind(demo_dir, tmp_path):
    for fmt in ("pdf", "docx", "xlsx"):
        out = tmp_path / f"bao-cao.{fmt}"
        result = run("report", "--period", "2026-Q1", "--format", fmt, "--out", str(out), data_dir=demo_dir)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 2000
        assert "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026" in result.stdout
    assert (tmp_path / "bao-cao.pdf").read_bytes()[:5] == b"%PDF-"
    for kind in ("tasks", "evidence", "overdue"):
        out = tmp_path / f"{kind}.pdf"
        result = run("report", "--kind", kind, "--out", str(out), "--json", data_dir=demo_dir)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["kind"] == kind and out.exists()


def test_report_command_refusals(demo_dir, tmp_path):
    result = run("report", "--out", str(tmp_path / "x.pdf"), data_dir=demo_dir)
    assert result.returncode == 1 and "--period" in result.stderr
    result = run("report", "--period", "2026-Q1", "--out", str(tmp_path / "x.odt"), data_dir=demo_dir)
    assert result.returncode == 1 and "--format" in result.stderr
    result = run("report", "--period", "2026-Q1", "--number", "5x", "--out", str(tmp_path / "x.pdf"),
                 data_dir=demo_dir)
    assert result.returncode == 1 and "Số văn bản" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_report_issue_and_register(tmp_path):
    folder = tmp_path / "xã"
    assert run("demo", data_dir=folder).returncode == 0
    out = tmp_path / "bc.pdf"
    args = ("report", "--period", "2026-Q1", "--out", str(out), "--number", "3", "--date", "07/03/2026", "--issue")
    result = run(*args, data_dir=folder)
    assert result.returncode == 1 and "chưa viết" in result.stderr        # "Nguyên nhân: …" is still to write
    result = run("reports", "list", "--json", data_dir=folder)
    assert json.loads(result.stdout) == []
    result = run(*args, "--section", "III.2=- Hai nhiệm vụ chậm do thiếu kinh phí.", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "Đã vào sổ văn bản đã ban hành: số 03/BC-UBND, ngày 07/03/2026" in result.stdout
    register = json.loads(run("reports", "list", "--json", data_dir=folder).stdout)
    assert [r["number"] for r in register] == ["03/BC-UBND"]
    import hashlib
    assert hashlib.sha256(out.read_bytes()).hexdigest() == register[0]["sha256"]
    copy = tmp_path / "ban-sao.pdf"
    result = run("reports", "copy", "--id", str(register[0]["id"]), "--out", str(copy), data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == register[0]["sha256"]
    result = run("report", "--period", "2026-Q1", "--out", str(out), "--section", "XX=chữ", data_dir=folder)
    assert result.returncode == 1 and "III.2" in result.stderr


def test_backup_create_restore_and_check(tmp_path):
    source, target = tmp_path / "xã A", tmp_path / "máy mới"
    assert run("demo", data_dir=source).returncode == 0
    archive = tmp_path / "USB" / "SaoLuu.zip"
    result = run("backup", "create", "--out", str(archive), data_dir=source)
    assert result.returncode == 0, result.stderr
    assert archive.exists() and "Đã sao lưu 6 tệp" in result.stdout
    result = run("backup", "restore", str(archive), data_dir=target)
    assert result.returncode == 0, result.stderr
    assert "backup undo" in result.stdout
    result = run("check", "--json", data_dir=target)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["database"]["schema_version"] == report["database"]["expected_schema_version"]
    assert report["evidence"]["files"] == 5     # + the sample criteria sheet of the demo's self-assessment
    assert len(json.loads(run("tasks", "list", "--json", data_dir=target).stdout)) == 42
    # A damaged evidence file makes the check fail, with the reason.
    stored = next(p for p in (target / "minh-chung").rglob("*") if p.is_file() and len(p.name) == 64)
    stored.chmod(0o644)
    stored.write_bytes(b"bi sua")
    result = run("check", data_dir=target)
    assert result.returncode == 1 and "bị thay đổi" in result.stdout
    broken = tmp_path / "hong.zip"
    broken.write_bytes(archive.read_bytes()[:3000])
    result = run("backup", "restore", str(broken), data_dir=target)
    assert result.returncode == 1 and "không dùng được" in result.stderr


def test_demo_refuses_a_folder_that_holds_the_communes_data(tmp_path):
    """Issue 12.1: `demo` on the officer's folder leaves their tasks, values and calendar as they were."""
    folder = tmp_path / "Dữ liệu xã"
    assert run("plans", "add", "--title", "Kế hoạch CCHC năm 2026", "--year", "2026", data_dir=folder).returncode == 0
    assert run("tasks", "add", "--plan", "1", "--domain", "III", "--name", "Rà soát TTHC",
               data_dir=folder).returncode == 0
    assert run("periods", "preset", "--year", "2026", "--preset", "vinh_loc", data_dir=folder).returncode == 0
    assert run("stats", "set", "--period", "2026-Q1", "III.4.1=999", data_dir=folder).returncode == 0

    def state():
        return (run("tasks", "list", "--json", data_dir=folder).stdout,
                run("stats", "show", "--period", "2026-Q1", "--json", data_dir=folder).stdout,
                run("periods", "list", "--year", "2026", "--json", data_dir=folder).stdout)
    before = state()
    result = run("demo", data_dir=folder)
    assert result.returncode == 1
    assert "đang có dữ liệu của xã" in result.stderr and "Dữ liệu mẫu" in result.stderr
    assert state() == before
    assert not (folder / "du-lieu-mau.txt").exists()
    fresh = tmp_path / "Xem thử"
    assert run("demo", data_dir=fresh).returncode == 0
    again = run("demo", data_dir=fresh)              # the demo's own folder: nothing new, nothing refused
    assert again.returncode == 0 and "đã có sẵn" in again.stdout


def test_closed_period_show_json_is_byte_identical_after_register_changes(tmp_path):
    """Issue 12.2, as the issue checks it."""
    folder = tmp_path / "xã"
    assert run("plans", "add", "--title", "Kế hoạch CCHC năm 2026", "--year", "2026", data_dir=folder).returncode == 0
    for n in (1, 2):
        assert run("tasks", "add", "--plan", "1", "--domain", "I", "--name", f"Nhiệm vụ {n}",
                   data_dir=folder).returncode == 0
    assert run("stats", "close", "--period", "2026-Q1", data_dir=folder).returncode == 0
    before = run("stats", "show", "--period", "2026-Q1", "--json", data_dir=folder).stdout
    assert run("tasks", "update", "--task", "1", "--domain", "I", "--status", "done", "--completed", "01/02/2026",
               data_dir=folder).returncode == 0
    assert run("tasks", "add", "--plan", "1", "--domain", "II", "--name", "Nhiệm vụ 3", data_dir=folder).returncode == 0
    assert run("plans", "add", "--title", "Kế hoạch khác", "--year", "2026", data_dir=folder).returncode == 0
    after = run("stats", "show", "--period", "2026-Q1", "--json", data_dir=folder).stdout
    assert after == before and '"value": 2.0' in before


def _parsers(parser):
    yield parser
    for action in parser._actions:
        for child in (action.choices or {}).values() if isinstance(action.choices, dict) else ():
            yield from _parsers(child)


def test_every_help_names_values_in_vietnamese():
    """argparse would print an option's value as its English dest in capitals ("--year YEAR")."""
    import re

    from cchc_desktop.cli import build_parser
    helps = [p.format_help() for p in _parsers(build_parser())]
    assert len(helps) > 20
    english = {m for text in helps for m in re.findall(r"--[a-z-]+ ([A-Z_]{2,})\b", text)} - {"STT"}
    assert english == set()
    assert all("Tùy chọn:" in text for text in helps)
