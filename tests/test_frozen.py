"""The PyInstaller build: it builds, its --self-test passes, it finds its resources, keeps its data in the
user's folder, beside itself when the portable marker is there, or where --data-dir says, and paths with
Vietnamese letters and spaces work. Slow (a build), and run in CI like everything else.

The build goes to build/frozen-test/ and is reused by PyInstaller's own cache when nothing changed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "frozen-test"
APP = WORK / "dist" / "CCHC-Desktop"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def frozen() -> Path:
    pyinstaller = Path(sys.executable).with_name("pyinstaller" + EXE)
    result = subprocess.run([str(pyinstaller), str(ROOT / "pyinstaller.spec"), "--noconfirm", "--log-level", "WARN",
                             "--distpath", str(WORK / "dist"), "--workpath", str(WORK / "work")],
                            capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (APP / f"CCHC-Desktop{EXE}").exists() and (APP / f"cchc{EXE}").exists()
    return APP


def _run(app: Path, *args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_TODAY": "2026-11-25", **(env or {})}
    environment.pop("CCHC_BUNDLED_FONT", None)
    return subprocess.run([str(app / f"cchc{EXE}"), *args], capture_output=True, text=True, encoding="utf-8",
                          env=environment, timeout=timeout)


def test_built_program_passes_its_self_test(frozen):
    result = _run(frozen, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    for step in ("Cơ sở dữ liệu mới", "Dữ liệu mẫu", "Nhập kế hoạch mẫu", "tỷ lệ đúng hạn tự tính", "Báo cáo PDF",
                 "nhúng", "Báo cáo Word", "Báo cáo Excel", "Tài liệu kiểm chứng", "Sao lưu và khôi phục",
                 "Giao diện (Qt)"):
        assert step in result.stdout, step
    assert "LỖI" not in result.stdout


def test_built_program_leaves_out_what_it_does_not_use(frozen):
    files = {p.name for p in frozen.rglob("*")}
    for unused in ("QtQml.abi3.so", "QtQuick.abi3.so", "QtSql.abi3.so", "QtTest.abi3.so", "pytest", "hypothesis"):
        assert unused not in files, unused
    assert not list(frozen.rglob("translations/*.qm")), "Qt's own translations are not needed"
    assert (frozen / "_internal" / "resources" / "fonts" / "LiberationSerif-Regular.ttf").exists()


def test_data_folder_portable_and_explicit(frozen, tmp_path):
    home = tmp_path / "nhà của cán bộ"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"), "LOCALAPPDATA": str(home / "AppData")}
    result = _run(frozen, "demo", env=env)
    assert result.returncode == 0, result.stderr
    assert "CCHC Desktop" in result.stdout and str(home) in result.stdout          # the user's data folder
    marker = frozen / "cchc-portable.txt"
    marker.write_text("Dữ liệu nằm cạnh chương trình\n", encoding="utf-8")
    try:
        result = _run(frozen, "demo", env=env)
        assert result.returncode == 0, result.stderr
        assert (frozen / "DuLieuCCHC" / "cchc.sqlite3").exists()                  # beside the program
    finally:
        marker.unlink()
        shutil.rmtree(frozen / "DuLieuCCHC", ignore_errors=True)
    explicit = tmp_path / "Ổ USB" / "Dữ liệu CCHC xã Vĩnh Lộc"
    assert _run(frozen, "--data-dir", str(explicit), "demo", env=env).returncode == 0
    out = tmp_path / "Báo cáo gửi huyện" / "Báo cáo quý I.pdf"
    result = _run(frozen, "--data-dir", str(explicit), "report", "--period", "2026-Q1", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert _run(frozen, "--data-dir", str(explicit), "check", env=env).returncode == 0


def test_built_window_starts_and_shows(frozen, tmp_path):
    data = tmp_path / "dữ liệu"
    assert _run(frozen, "--data-dir", str(data), "demo").returncode == 0
    shots = tmp_path / "ảnh"
    window = subprocess.run([str(frozen / f"CCHC-Desktop{EXE}"), "--data-dir", str(data)],
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_SCREENSHOT_DIR": str(shots)},
                            capture_output=True, timeout=120)
    assert window.returncode == 0, window.stderr[-2000:]
    assert (shots / "cua-so.png").stat().st_size > 10_000 and (shots / "gioi-thieu.png").exists()
