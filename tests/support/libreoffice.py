"""LibreOffice headless, to check our files the way another office program reads them. ``./cchc test``
installs it (with Liberation fonts as its Times New Roman), so a missing one is a failure, not a skip."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def convert(source: Path, to: str, work: Path, timeout: int = 240) -> Path:
    """``source`` converted with ``--convert-to to`` into ``work``; returns the new file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: run the tests with ./cchc test, which installs it"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{work}/lo",
                    "--convert-to", to, "--outdir", str(work), str(source)], check=True, capture_output=True,
                   timeout=timeout)
    return work / f"{source.stem}.{to.split(':')[0]}"
