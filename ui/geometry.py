"""Window sizes from the screen the window is on, never fixed pixels: the usual commune PC has a
1366×768 screen (at 100 % or 125 % display scaling) and a taskbar, and a window whose bottom edge is
off the screen hides its buttons and status bar.

Sizes are in logical pixels (Qt's device-independent pixels), as the screen's ``availableGeometry``.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window before it is shown (title bar, borders); Windows 10's
# title bar is about 31 px at 100 %.
FRAME_WIDTH, FRAME_HEIGHT = 16, 40
MAIN_MINIMUM = QSize(1024, 600)        # the smallest main window that stays usable


def available(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary screen) not taken by the taskbar."""
    screen = None
    if widget is not None:
        anchor = widget.parentWidget() if not widget.isVisible() and widget.parentWidget() else widget
        screen = anchor.screen()
    return (screen or QGuiApplication.primaryScreen()).availableGeometry()


def fit(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` to ``width`` × ``height``, or less so that it and its frame fit on its screen."""
    area = available(window)
    window.resize(min(width, area.width() - FRAME_WIDTH), min(height, area.height() - FRAME_HEIGHT))


def clamp_onto_screen(window: QWidget) -> None:
    """Move (and if need be shrink) a top-level window so that all of it, frame included, is on screen."""
    area = available(window)
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def restore_main_window(window: QWidget, saved: str) -> None:
    """Show the main window as it was last closed (``saved``: ``geometry_text``), clamped to this
    screen; maximised on the first start or when what was saved cannot be read."""
    room = available(window).size() - QSize(FRAME_WIDTH, FRAME_HEIGHT)
    window.setMinimumSize(MAIN_MINIMUM.boundedTo(room))
    restored = bool(saved) and window.restoreGeometry(QByteArray.fromBase64(saved.encode("utf-8")))
    if not restored:
        fit(window, 1366, 768)
        window.showMaximized()
        return
    window.show()
    if not window.isMaximized():
        clamp_onto_screen(window)


def geometry_text(window: QWidget) -> str:
    """The window's geometry (position, size, maximised) as text to keep."""
    return bytes(window.saveGeometry().toBase64()).decode("ascii")
