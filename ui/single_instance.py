"""A second start on the same data folder brings the first window forward instead of opening another.

The first program listens on a local socket named after the folder from the moment it holds the folder's
lock, and answers "starting" until its window is up. A second start knocks until it is told the window
was brought forward, with a small "Đang mở CCHC Desktop…" note meanwhile (a cold start under an antivirus
scan can take many seconds); only after ``WAIT_S`` does it open the folder read-only."""
from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QLocalServer

from cchc_desktop.i18n import tr

log = logging.getLogger(__name__)
WAIT_S = 20.0                  # how long a second start waits for the first window
KNOCK_TIMEOUT_MS = 1500        # one knock: connect, ask, hear back
KNOCK_EVERY_MS = 300
RAISED, STARTING, ABSENT = "raised", "starting", "absent"


def _sha1(data: bytes) -> str:
    """SHA-1 from CPython's own small module when it has one: ``hashlib`` loads OpenSSL first (~2.5 ms of
    every start, for one digest of a path). The digest is the same either way."""
    try:
        from _sha1 import sha1
    except ImportError:
        from hashlib import sha1
    return sha1(data).hexdigest()


def server_name(data_dir: Path) -> str:
    digest = _sha1(str(Path(data_dir).resolve()).encode("utf-8"))[:16]
    return f"cchc-desktop-{digest}"


def wait_limit() -> float:
    """``WAIT_S``, or the seconds in CCHC_SECOND_START_WAIT_S (tests of the read-only fallback)."""
    try:
        return float(os.environ.get("CCHC_SECOND_START_WAIT_S", WAIT_S))
    except ValueError:
        return WAIT_S


def allow_foreground() -> None:
    """On Windows, let the first program take the foreground: a process may bring its window forward
    only when the one the officer just started (this one) allows it, else the taskbar button only flashes."""
    if sys.platform != "win32":
        return
    try:
        import ctypes
        ctypes.windll.user32.AllowSetForegroundWindow(-1)   # ASFW_ANY
    except (AttributeError, OSError) as exc:
        log.info("AllowSetForegroundWindow unavailable: %s", exc)


class Knock(QObject):
    """One knock on the first program's door: ``answered`` gives RAISED, STARTING or ABSENT."""

    answered = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._done = False
        self._name = server_name(data_dir)
        from PySide6.QtNetwork import QLocalSocket     # a second start only: the first one only listens
        self.socket = QLocalSocket(self)
        self.socket.connected.connect(self._ask)
        self.socket.readyRead.connect(self._heard)
        self.socket.errorOccurred.connect(lambda _error: self._finish(ABSENT))

    def start(self) -> None:
        """Knock (once ``answered`` is connected: "nobody there" may be said before this returns)."""
        QTimer.singleShot(KNOCK_TIMEOUT_MS, self, lambda: self._finish(ABSENT))
        self.socket.connectToServer(self._name)

    def _ask(self) -> None:
        allow_foreground()
        self.socket.write(b"raise\n")

    def _heard(self) -> None:
        reply = bytes(self.socket.readAll().data())
        self._finish(RAISED if reply.startswith(b"ok") else STARTING if reply.startswith(b"starting") else ABSENT)

    def _finish(self, state: str) -> None:
        if not self._done:
            self._done = True
            self.socket.abort()
            self.answered.emit(state)


def wait_for_running(data_dir: Path, limit_s: float | None = None) -> bool:
    """Knock until the program open on ``data_dir`` brings its window forward (True), or ``limit_s``
    seconds pass (False). A small note says what is happening after the first knock goes unanswered."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QLabel
    limit_s = wait_limit() if limit_s is None else limit_s
    deadline = time.monotonic() + limit_s
    loop = QEventLoop()
    state = {"raised": False, "knock": None, "over": False}
    note = QLabel(tr("Đang mở CCHC Desktop…"))
    note.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.WindowStaysOnTopHint)
    note.setAlignment(Qt.AlignmentFlag.AlignCenter)
    note.setMargin(24)

    def knock() -> None:
        if state["over"]:
            return
        state["knock"] = Knock(data_dir)
        state["knock"].answered.connect(heard)
        state["knock"].start()

    def heard(answer: str) -> None:
        if state["over"]:
            return
        if answer == RAISED:
            state["raised"] = True
            loop.quit()
        elif time.monotonic() >= deadline:
            loop.quit()
        else:
            if not note.isVisible():
                note.show()
            QTimer.singleShot(KNOCK_EVERY_MS, knock)

    QTimer.singleShot(0, knock)
    # whatever a socket does or fails to say, the wait ends
    QTimer.singleShot(int((limit_s + 2 * KNOCK_TIMEOUT_MS / 1000) * 1000), loop, loop.quit)
    loop.exec()
    state["over"] = True
    note.close()
    return state["raised"]


def bring_forward(window) -> None:
    """Show ``window`` in front as it was: maximised stays maximised, minimised is restored to its size."""
    window_state = window.windowState()
    if window_state & Qt.WindowState.WindowMinimized:
        window.setWindowState((window_state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


class ActivationServer(QObject):
    """Listens for second starts from the moment the folder's lock is held; ``window`` is set once the
    window is up (until then a knock is answered "starting")."""

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.window = None
        self.server = QLocalServer(self)
        name = server_name(data_dir)
        QLocalServer.removeServer(name)   # we hold the folder's lock: any old socket is a crashed run's
        if not self.server.listen(name):
            log.warning("activation server not listening: %s", self.server.errorString())
        self.server.newConnection.connect(self._connected)

    def _connected(self) -> None:
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda: self._answer(socket))

    def _answer(self, socket) -> None:
        if not bytes(socket.readAll().data()).startswith(b"raise"):
            socket.disconnectFromServer()
            return
        if self.window is None:
            socket.write(b"starting\n")
        else:
            bring_forward(self.window)
            log.info("brought the window forward for a second start")
            socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
