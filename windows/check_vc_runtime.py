"""Check the Microsoft Visual C++ runtime bundled in the built folder.

Python, Qt and other wheels each bring ``msvcp140*.dll`` / ``vcruntime140*.dll``. When two different
versions end up in the folder, or an old one shadows the newer one Qt was built against, the program
crashes on start on some office PCs ("the procedure entry point … could not be located"). The pipeline
runs this on ``dist/CCHC-Desktop``; the version of each DLL is read with pefile.

    python -m windows.check_vc_runtime dist/CCHC-Desktop
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Callable

RUNTIME = re.compile(r"^(msvcp140(_\w+)?|vcruntime140(_\w+)?|concrt140)\.dll$", re.IGNORECASE)
# Qt 6.8+ needs the runtime of Visual Studio 2022 (14.3x); an older one in the folder is a crash waiting.
OLDEST = (14, 30)

Version = tuple[int, ...]


def runtime_dlls(folder: Path) -> list[Path]:
    """Every VC++ runtime DLL anywhere in the built folder."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and RUNTIME.match(p.name))


def file_version(path: Path) -> Version:
    """The FileVersion of a DLL (four numbers), read from its resources."""
    import pefile
    pe = pefile.PE(str(path), fast_load=True)
    try:
        pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_RESOURCE"]])
        info = pe.VS_FIXEDFILEINFO[0]
        return (info.FileVersionMS >> 16, info.FileVersionMS & 0xFFFF, info.FileVersionLS >> 16,
                info.FileVersionLS & 0xFFFF)
    finally:
        pe.close()


def problems(dlls: list[Path], version_of: Callable[[Path], Version] = file_version) -> list[str]:
    """What is wrong with the runtime DLLs found: one name in several versions, or a version older than
    ``OLDEST``. An empty list when the folder is right."""
    found: dict[str, dict[Version, list[Path]]] = {}
    for path in dlls:
        found.setdefault(path.name.lower(), {}).setdefault(version_of(path), []).append(path)
    wrong = []
    for name, versions in sorted(found.items()):
        if len(versions) > 1:
            listed = "; ".join(f"{'.'.join(map(str, v))} ({len(paths)} tệp)" for v, paths in sorted(versions.items()))
            wrong.append(f"{name}: nhiều phiên bản cùng có mặt: {listed}")
        for version in versions:
            if version[:2] < OLDEST:
                wrong.append(f"{name}: phiên bản {'.'.join(map(str, version))} quá cũ "
                             f"(cần {OLDEST[0]}.{OLDEST[1]} trở lên)")
    return wrong


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("dist") / "CCHC-Desktop"
    dlls = runtime_dlls(folder)
    if not dlls:
        print(f"Không thấy DLL VC++ nào trong {folder}: bản đóng gói thiếu thư viện chạy.")
        return 1
    wrong = problems(dlls)
    for line in wrong:
        print(line)
    if not wrong:
        print(f"VC++ runtime: {len(dlls)} tệp, mỗi tên một phiên bản, không có bản cũ.")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
