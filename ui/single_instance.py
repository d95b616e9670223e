"""A second start on the same data folder brings the first window forward instead of opening another
(the first program listens on a local socket named after the folder)."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
WAIT_MS = 1500


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha1(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"cchc-desktop-{digest}"


def activate_running(data_dir: Path) -> bool:
    """Ask the program already open on ``data_dir`` to show its window. True if it answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(b"raise\n")
    socket.waitForBytesWritten(WAIT_MS)
    answered = socket.waitForReadyRead(WAIT_MS) and bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return answered


class ActivationServer(QObject):
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

    def _answer(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(b"raise") and self.window is not None:
            window = self.window
            window.showNormal()
            window.raise_()
            window.activateWindow()
            log.info("brought the window forward for a second start")
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
