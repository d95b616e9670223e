"""Issue 13.9: a data folder on a network share is detected and SQLite runs there with the rollback journal."""
from __future__ import annotations

import sqlite3

import pytest

from cchc_desktop.model import PlanInput, TaskInput
from cchc_desktop.workspace import Clock, Workspace
from db import network
from tests.conftest import TODAY


@pytest.fixture
def mounts(tmp_path, monkeypatch):
    """A faked /proc/mounts: write the lines, then ask."""
    table = tmp_path / "mounts"

    def fake(*lines: str) -> None:
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")
        network.forget()

    monkeypatch.setattr(network, "MOUNTS", table)
    fake("/dev/sda1 / ext4 rw,relatime 0 0")
    yield fake
    network.forget()


def test_network_mounts_are_told_from_local_ones(mounts):
    mounts("/dev/sda1 / ext4 rw,relatime 0 0",
           "nas:/export /mnt/nfs nfs4 rw,relatime 0 0",
           "//may-chu/chia\\040se /mnt/ổ\\040mạng cifs rw 0 0",
           "//nas/du-lieu /media/smb smb3 rw 0 0",
           "cb@may: /home/cb/xa fuse.sshfs rw 0 0",
           "tmpfs /mnt/nfs/cache tmpfs rw 0 0",
           "/dev/sdb1 /media/usb vfat rw 0 0")
    assert network.network_share("/mnt/nfs/DuLieuCCHC") == "nfs4"
    assert network.network_share("/mnt/ổ mạng/Dữ liệu CCHC") == "cifs"
    assert network.network_share("/media/smb/x") == "smb3"
    assert network.network_share("/home/cb/xa/CCHC") == "fuse.sshfs"
    assert network.network_share("/mnt/nfs/cache/x") is None        # a local mount inside the share
    assert network.network_share("/mnt/nfsx") is None                # a name that only starts alike
    assert network.network_share("/media/usb/DuLieuCCHC") is None
    assert network.network_share("/home/cb") is None


@pytest.mark.parametrize("folder", ["\\\\may-chu\\chia se\\CCHC", "//may-chu/chia-se/CCHC",
                                    "\\\\?\\UNC\\may-chu\\chia-se\\CCHC"])
def test_unc_paths_are_network_shares(folder):
    assert network.network_share(folder) == "UNC"


def _journal(db) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


def test_a_data_folder_on_a_share_runs_with_the_rollback_journal(mounts, tmp_path):
    local = Workspace(tmp_path / "máy" / "dữ liệu")
    local.prepare()
    with local.session(Clock(TODAY)) as s:
        plan = s.plans.create(PlanInput("Kế hoạch", 2026))
        s.tasks.add(TaskInput(plan, "PAR", "I", "Làm trên máy"))
    assert local.network_share is None and _journal(local.db_path) == "wal"

    share = tmp_path / "ổ mạng"
    mounts("/dev/sda1 / ext4 rw 0 0", f"//may-chu/chia-se {str(share).replace(' ', chr(92) + '040')} cifs rw 0 0")
    (local.data_dir).rename(share.mkdir() or share / "dữ liệu")    # the folder copied onto the share, WAL and all
    remote = Workspace(share / "dữ liệu")
    assert remote.network_share == "cifs"
    remote.prepare()
    with remote.session(Clock(TODAY)) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        s.tasks.add(TaskInput(s.plans.list()[0].id, "PAR", "I", "Làm trên ổ mạng"))
        assert not (remote.data_dir / "cchc.sqlite3-wal").exists()
        assert len(s.tasks.rows(s.plans.list()[0].id)) == 2
    assert _journal(remote.db_path) == "delete"
