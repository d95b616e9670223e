"""Render resources/icons/cchc.svg into cchc.ico (the Windows program icon) and cchc-256.png.

    .venv/bin/python tools/make_icons.py
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data())))


def main() -> int:
    QGuiApplication(sys.argv[:1])
    folder = ROOT / "resources" / "icons"
    renderer = QSvgRenderer(str(folder / "cchc.svg"))
    images = [render(renderer, size) for size in SIZES]
    images[-1].save(folder / "cchc.ico", sizes=[(s, s) for s in SIZES])
    images[-1].save(folder / "cchc-256.png")
    print(folder / "cchc.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
