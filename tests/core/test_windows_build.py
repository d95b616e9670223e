"""Issue "Ready for the Windows office PC", items 1 and 9: what can be checked here of the Windows build
(the pipeline itself runs on a Windows runner)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from cchc_desktop import __version__
from windows import check_vc_runtime
from windows.version_info import DESCRIPTIONS, version_text, version_tuple, write_version_file

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
WORKFLOW = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")


def test_spec_never_compresses_and_gives_both_executables_version_information():
    assert re.findall(r"upx\s*=\s*(\w+)", SPEC) and set(re.findall(r"upx\s*=\s*(\w+)", SPEC)) == {"False"}
    assert "version=None" not in SPEC
    for name in ("CCHC-Desktop", "cchc"):
        assert re.search(rf'EXE\([^)]*name="{name}"[^)]*version=version_info\("{name}"\)', SPEC, re.S), name


class _Recorder:
    """Stands in for PyInstaller's version classes (they exist only on Windows) to read the text back."""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


def _read_back(text: str) -> dict:
    names = {n: type(n, (_Recorder,), {}) for n in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo",
                                                   "StringTable", "StringStruct", "VarFileInfo", "VarStruct")}
    info = eval(text, {"__builtins__": {}}, names)    # noqa: S307 (our own text, built just above)
    table = info.kwargs["kids"][0].args[0][0]
    return {struct.args[0]: struct.args[1] for struct in table.args[1]} | {
        "filevers": info.kwargs["ffi"].kwargs["filevers"]}


@pytest.mark.parametrize("name", sorted(DESCRIPTIONS))
def test_version_information_names_the_program_in_vietnamese(name, tmp_path):
    fields = _read_back(write_version_file(tmp_path, __version__, name).read_text(encoding="utf-8"))
    assert fields["CompanyName"] and fields["ProductName"] == "CCHC Desktop"
    assert fields["FileDescription"] == DESCRIPTIONS[name] and "cải cách hành chính" in DESCRIPTIONS["CCHC-Desktop"]
    assert fields["OriginalFilename"] == f"{name}.exe"
    assert fields["filevers"] == version_tuple(__version__) and len(fields["filevers"]) == 4
    assert fields["FileVersion"].startswith(__version__)


def test_windows_versions_are_four_small_numbers():
    assert version_tuple("1.2") == (1, 2, 0, 0) and version_tuple("0.1.0") == (0, 1, 0, 0)
    for bad in ("", "bản thử", "1.70000", "0.1.0rc1"):
        with pytest.raises(ValueError, match=re.escape(f"not a Windows file version: {bad!r}")):   # for the builder
            version_tuple(bad)
    assert "StringStruct('FileVersion', '2.0.0.0')" in version_text("2", "cchc")


def _dll(folder: Path, name: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"MZ")
    return path


def test_vc_runtime_check_finds_mixed_and_old_versions(tmp_path):
    good = [_dll(tmp_path, "msvcp140.dll"), _dll(tmp_path, "VCRUNTIME140.dll"),
            _dll(tmp_path, "PySide6/msvcp140_1.dll"), _dll(tmp_path, "vcruntime140_1.dll")]
    _dll(tmp_path, "Qt6Core.dll")
    assert check_vc_runtime.runtime_dlls(tmp_path) == sorted(good)
    versions = {p: (14, 40, 33810, 0) for p in good}
    assert check_vc_runtime.problems(good, versions.__getitem__) == []
    second = _dll(tmp_path, "PySide6/msvcp140.dll")
    versions[second] = (14, 29, 30133, 0)
    found = check_vc_runtime.problems([*good, second], versions.__getitem__)
    assert any("msvcp140.dll: nhiều phiên bản" in line for line in found)
    assert any("14.29.30133.0 quá cũ" in line for line in found)


def test_the_pipeline_builds_tests_checks_signs_and_packages():
    steps = ("PYINSTALLER_COMPILE_BOOTLOADER=1", "--no-binary pyinstaller", "python -m pytest",
             "pyinstaller pyinstaller.spec", "python -m windows.check_vc_runtime", "--self-test",
             "signtool", "iscc.exe", "windows\\cchc.iss", "Thư mục thử", "Cán Bộ Xã", "Mã nguồn CCHC")
    missing = [step for step in steps if step not in WORKFLOW]
    assert not missing, missing
    assert "runs-on: windows" in WORKFLOW and "secrets.SIGNING_CERT" in WORKFLOW


def test_the_installer_script_installs_under_program_files_with_shortcuts():
    raw = (ROOT / "windows" / "cchc.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")           # Inno Setup reads UTF-8 only with its mark
    text = raw.decode("utf-8-sig")
    for needed in ("DefaultDirName={autopf}\\CCHC Desktop", "{group}\\CCHC Desktop", "{autodesktop}\\CCHC Desktop",
                   "CCHC-Desktop.exe", "recursesubdirs", "Tạo biểu tượng trên màn hình nền"):
        assert needed in text, needed
