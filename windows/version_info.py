"""Version information for the Windows executables.

An executable without it (company, product, version, description) is what heuristic antivirus and
SmartScreen flag first. PyInstaller takes it as a text file holding a ``VSVersionInfo(...)`` expression,
which it reads on Windows; the text is written here so it can be built and checked anywhere."""
from __future__ import annotations

import re
from pathlib import Path

COMPANY = "Dự án CCHC Desktop"
PRODUCT = "CCHC Desktop"
COPYRIGHT = "Phần mềm dùng cho Ủy ban nhân dân cấp xã"
DESCRIPTIONS = {
    "CCHC-Desktop": "CCHC Desktop — theo dõi kế hoạch cải cách hành chính cấp xã",
    "cchc": "CCHC Desktop — dòng lệnh và tự kiểm tra",
}


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """"0.1.0" → (0, 1, 0, 0): Windows wants four numbers (0–65535). Raises ``ValueError`` otherwise."""
    release = re.match(r"^\d+(?:\.\d+){0,3}$", version.strip())
    if not release:     # "0.1.0rc1" would read as 0.1.0.1, the same as a later release
        raise ValueError(f"not a Windows file version: {version!r}")
    numbers = [int(part) for part in version.strip().split(".")]
    if any(n > 65535 for n in numbers):
        raise ValueError(f"not a Windows file version: {version!r}")
    return tuple((numbers + [0, 0, 0, 0])[:4])


def version_text(version: str, name: str) -> str:
    """The ``VSVersionInfo`` expression for executable ``name`` (a key of ``DESCRIPTIONS``)."""
    numbers = version_tuple(version)
    dotted = ".".join(str(n) for n in numbers)
    strings = {"CompanyName": COMPANY, "FileDescription": DESCRIPTIONS[name], "FileVersion": dotted,
               "InternalName": name, "LegalCopyright": COPYRIGHT, "OriginalFilename": f"{name}.exe",
               "ProductName": PRODUCT, "ProductVersion": dotted}
    entries = ",\n            ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    # 0x042A: Vietnamese; 1200: Unicode (UTF-16)
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('042A04B0', [
            {entries}])]),
    VarFileInfo([VarStruct('Translation', [0x042A, 1200])])
  ]
)
"""


def write_version_file(folder: Path, version: str, name: str) -> Path:
    """Write the text for ``name`` into ``folder``; the path to give PyInstaller's ``version=``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"version-{name}.txt"
    path.write_text(version_text(version, name), encoding="utf-8")
    return path
