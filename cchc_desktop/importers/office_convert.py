"""Old and foreign office files (.doc, .rtf, .odt, .ods, and .xls that xlrd cannot read) to .docx/.xlsx.

Through LibreOffice when it is installed (``soffice`` on PATH, or its standard Windows
folders); else, on Windows, through Microsoft Word or Excel driven by a small VBScript run
with ``cscript`` (part of Windows; no pywin32). Every conversion happens in a fresh
temporary folder, LibreOffice with its own profile there (so a LibreOffice window the
officer has open is never disturbed), under a time limit after which the whole process
group is killed; the folder is removed whatever happens.
"""
from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.errors import ValidationError, environment_problem
from cchc_desktop.i18n import tr
from cchc_desktop.importers.document import SourceDocument
from db.fs import force_delete

log = logging.getLogger(__name__)

CONVERT_TIMEOUT = 90.0        # seconds; a plan converts in a few, the first LibreOffice start in ~10
TEMP_PREFIX = "cchc-chuyen-doi-"
# LibreOffice export filter, and how the officer's own Save As dialog names the type.
TARGETS = {"docx": ("docx:MS Word 2007 XML", "Word Document (*.docx)", "Word"),
           "xlsx": ("xlsx:Calc MS Excel 2007 XML", "Excel Workbook (*.xlsx)", "Excel")}


class ConversionError(ValidationError):
    """The file could not be turned into .docx/.xlsx (no converter, timed out, or refused)."""


@dataclass(frozen=True)
class Converter:
    name: str         # "libreoffice" | "word" | "excel"
    program: str      # soffice, or cscript for Word/Excel

    @property
    def label(self) -> str:
        return {"libreoffice": "LibreOffice", "word": "Microsoft Word", "excel": "Microsoft Excel"}[self.name]


def target_of(kind: str) -> str:
    return "xlsx" if kind in ("xls", "ods", "xml-excel") else "docx"


def read_converted(path: Path, kind: str) -> SourceDocument:
    """``path`` converted to .docx/.xlsx and read as one; named and typed as the original.

    Raises ``UserError`` when the officer has something to do first (said in Vietnamese)."""
    from cchc_desktop.importers.docx_reader import read_docx
    from cchc_desktop.importers.xlsx_reader import read_xlsx
    target = target_of(kind)
    with converted(path, target) as new:
        try:
            document = read_docx(new) if target == "docx" else read_xlsx(new)
        except ValidationError as exc:
            raise _failed(path, target) from exc
    document.name, document.kind = path.name, kind
    return document


@contextmanager
def converted(path: Path, target: str, timeout: float | None = None) -> Iterator[Path]:
    """The converted file, inside a temporary folder that is gone once the block ends.

    Raises ``UserError`` when the officer has something to do first (said in Vietnamese)."""
    timeout = CONVERT_TIMEOUT if timeout is None else timeout
    converter = find_converter(target)
    if converter is None:
        raise _unavailable(path, target)
    work = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    try:
        yield _convert(converter, path, target, work, timeout)
    finally:
        _remove(work)


def find_converter(target: str) -> Converter | None:
    soffice = find_libreoffice()
    if soffice:
        return Converter("libreoffice", soffice)
    if sys.platform == "win32":
        app = TARGETS[target][2]
        cscript = _cscript()
        if cscript and _office_installed(app):
            return Converter(app.lower(), cscript)
    return None


def find_libreoffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for base in _program_folders():
            candidate = base / "LibreOffice" / "program" / "soffice.exe"
            if candidate.is_file():
                return str(candidate)
    elif sys.platform == "darwin":
        candidate = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
        if candidate.is_file():
            return str(candidate)
    return None


def _convert(converter: Converter, path: Path, target: str, work: Path, timeout: float) -> Path:
    # A copy with a plain name: no odd characters on the command line, no lock file beside the
    # original (which may sit on a read-only USB stick), and the original is never touched.
    source = work / f"nguon{path.suffix.lower() or '.bin'}"
    try:
        shutil.copyfile(path, source)
    except OSError as exc:
        raise environment_problem(exc, path) or exc
    out = work / "ket-qua"
    out.mkdir()
    expected = out / f"{source.stem}.{target}"
    try:
        code = _run(_command(converter, source, out, target, work), work, timeout)
    except subprocess.TimeoutExpired:
        raise ConversionError(
            tr("Chuyển tệp “{name}” sang {target} bằng {program} quá {seconds} giây nên đã dừng lại.",
               name=path.name, target=f".{target}", program=converter.label, seconds=int(timeout)),
            _save_as_hint(target)) from None
    except OSError as exc:
        raise ConversionError(tr("Không chạy được {program} để chuyển tệp “{name}”: {error}.",
                                 program=converter.label, name=path.name, error=exc.strerror or exc),
                              _save_as_hint(target)) from exc
    if code != 0 or not expected.is_file() or expected.stat().st_size == 0:
        raise _failed(path, target, converter)
    return expected


def _command(converter: Converter, source: Path, out: Path, target: str, work: Path) -> list[str]:
    if converter.name == "libreoffice":
        profile = (work / "ho-so-libreoffice").as_uri()
        return [converter.program, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
                "--nologo", f"-env:UserInstallation={profile}", "--convert-to", TARGETS[target][0],
                "--outdir", str(out), str(source)]
    script = work / "chuyen-doi.vbs"
    script.write_text(_VBSCRIPT, encoding="ascii")
    return [converter.program, "//nologo", "//B", str(script), converter.name, str(source),
            str(out / f"{source.stem}.{target}")]


def _run(command: list[str], work: Path, timeout: float) -> int:
    """Run ``command`` with its output in a file; past ``timeout`` kill it and all it started."""
    options: dict = {}
    if os.name == "nt":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
    else:
        options["start_new_session"] = True     # its own process group, killed as one
    with open(work / "nhat-ky.txt", "wb") as log:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   cwd=str(work), **options)
        try:
            code = process.wait(timeout)
        except BaseException:       # the time limit, or the program closing meanwhile
            _kill_tree(process)
            raise
        _kill_tree(process)         # whatever it left running (none normally)
    return code


def _kill_tree(process: subprocess.Popen) -> None:
    if os.name == "nt":
        if process.poll() is None:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True,
                           creationflags=subprocess.CREATE_NO_WINDOW)
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def _remove(work: Path) -> None:
    """Remove the temporary folder; on Windows a just-killed program may hold a file a moment longer than
    ``force_delete`` waits, so it is given a few more tries. What still remains is logged (the system's
    temporary folder is cleared by Windows in time)."""
    for attempt in range(4):
        try:
            force_delete(work)
            return
        except OSError as exc:
            last = exc
            time.sleep(0.5 * (attempt + 1))
    log.warning("temporary conversion folder %s not deleted: %s", work, last)


def _unavailable(path: Path, target: str) -> ConversionError:
    kind = path.suffix.lower() or ".doc/.xls"
    return ConversionError(
        tr("Để đọc tệp “{name}” (định dạng {kind}), chương trình cần LibreOffice hoặc Microsoft {app} trên máy "
           "này để chuyển sang {target}, nhưng máy không có.", name=path.name, kind=kind,
           app=TARGETS[target][2], target=f".{target}"),
        tr("Hãy mở tệp bằng {app} hoặc WPS (trên máy khác nếu máy này không có), chọn Tệp → Lưu thành → {label}, "
           "rồi nhập tệp {target} vừa lưu. Nếu cài LibreOffice (miễn phí), lần sau chương trình tự chuyển.",
           app=TARGETS[target][2], label=TARGETS[target][1], target=f".{target}"))


def _failed(path: Path, target: str, converter: Converter | None = None) -> ConversionError:
    by = tr(" bằng {program}", program=converter.label) if converter else ""
    return ConversionError(
        tr("Không chuyển được tệp “{name}” sang {target}{by}: tệp có thể bị hỏng, được đặt mật khẩu hoặc không "
           "phải văn bản/bảng tính.", name=path.name, target=f".{target}", by=by),
        _save_as_hint(target))


def _save_as_hint(target: str) -> str:
    _filter, label, app = TARGETS[target]
    return tr("Hãy mở tệp bằng {app} (hoặc WPS, LibreOffice), chọn Tệp → Lưu thành → {label}, rồi nhập tệp "
              "{target} vừa lưu.", app=app, label=label, target=f".{target}")


# ---------------------------------------------------------------------------------------------
# Windows without LibreOffice: Microsoft Word / Excel through COM, from a VBScript (cscript).
# Untested off Windows. Word is started by COM, not as a child of cscript: past the time limit
# cscript is killed, but a Word stuck on a dialog may stay in the background until logoff.

def _program_folders() -> list[Path]:
    names = [os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramW6432"),
             r"C:\Program Files", r"C:\Program Files (x86)"]
    seen: list[Path] = []
    for name in names:
        if name and Path(name) not in seen:
            seen.append(Path(name))
    return seen


def _cscript() -> str | None:
    system = Path(os.environ.get("SystemRoot", r"C:\Windows")) / "System32" / "cscript.exe"
    return str(system) if system.is_file() else shutil.which("cscript")


def _office_installed(app: str) -> bool:
    """Word or Excel registered for automation, or its program in the usual Office folders."""
    try:
        import winreg
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, rf"{app}.Application\CLSID"):
            return True
    except (ImportError, OSError):
        pass
    exe = "WINWORD.EXE" if app == "Word" else "EXCEL.EXE"
    for base in _program_folders():
        for version in ("root/Office16", "Office16", "root/Office15", "Office15", "Office14", "Office12"):
            if (base / "Microsoft Office" / version / exe).is_file():
                return True
    return False


# Exit codes: 3 the program would not start, 4 the file would not open, 5 it would not save.
# Word 2007 has no SaveAs2: SaveAs with the same format (16, .docx) then.
# A wrong password is passed on purpose: a protected file then fails at once instead of asking.
_VBSCRIPT = """' CCHC Desktop: open a file hidden in Word or Excel and save it as .docx / .xlsx.
Option Explicit
Dim app, src, dst, office, doc
app = WScript.Arguments(0)
src = WScript.Arguments(1)
dst = WScript.Arguments(2)
On Error Resume Next
If app = "word" Then
  Set office = CreateObject("Word.Application")
Else
  Set office = CreateObject("Excel.Application")
End If
If Err.Number <> 0 Then WScript.Quit 3
office.Visible = False
office.DisplayAlerts = 0
If app = "word" Then
  Set doc = office.Documents.Open(src, False, True, False, "cchc-khong-co-mat-khau")
Else
  office.AskToUpdateLinks = False
  Set doc = office.Workbooks.Open(src, 0, True, , "cchc-khong-co-mat-khau")
End If
If Err.Number <> 0 Then
  office.Quit
  WScript.Quit 4
End If
If app = "word" Then
  doc.SaveAs2 dst, 16
  If Err.Number <> 0 Then
    Err.Clear
    doc.SaveAs dst, 16
  End If
Else
  doc.SaveAs dst, 51
End If
If Err.Number <> 0 Then
  doc.Close False
  office.Quit
  WScript.Quit 5
End If
doc.Close False
office.Quit
WScript.Quit 0
"""
