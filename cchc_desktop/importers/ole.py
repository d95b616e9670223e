"""What an OLE2 compound file (Office 97–2003) holds, read from its directory without any library.

.doc, .xls and password-protected .docx/.xlsx all start with the same eight bytes; the
names of the streams inside tell them apart ("WordDocument", "Workbook"/"Book",
"EncryptionInfo"). Only the header, the sectors of the FAT that chain the directory, and
the directory itself are read, with a cap on each, so a damaged or hostile file cannot
make this loop or read much.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DIRECTORY_SECTORS = 4096
MAX_DIFAT_SECTORS = 4096
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_WORD_IDENT = 0xA5EC
_WORD_ENCRYPTED = 0x0100      # fEncrypted in the FIB's flags (MS-DOC 2.5.2)


class NotOle(ValueError):
    """The file starts like an OLE2 file but its structure is broken."""


@dataclass(frozen=True)
class Stream:
    name: str
    start: int
    size: int


@dataclass(frozen=True)
class OleInfo:
    kind: str                     # "doc" | "xls" | "encrypted" | "other"
    streams: tuple[str, ...]
    word_encrypted: bool = False  # a .doc saved with a password to open


def inspect(path: Path) -> OleInfo:
    """The kind of compound file at ``path``; ``NotOle`` when its header or directory is broken."""
    with open(path, "rb") as handle:
        reader = _Reader(handle)
        streams = reader.directory()
        names = {s.name for s in streams}
        if names & {"EncryptionInfo", "EncryptedPackage"}:
            return OleInfo("encrypted", tuple(sorted(names)))
        if "WordDocument" in names:
            word = next(s for s in streams if s.name == "WordDocument")
            return OleInfo("doc", tuple(sorted(names)), reader.word_encrypted(word))
        if names & {"Workbook", "Book"}:
            return OleInfo("xls", tuple(sorted(names)))
        return OleInfo("other", tuple(sorted(names)))


class _Reader:
    def __init__(self, handle):
        self.handle = handle
        header = handle.read(512)
        if len(header) < 512 or not header.startswith(MAGIC):
            raise NotOle("short header")
        byte_order, shift = struct.unpack_from("<HH", header, 0x1C)
        if byte_order != 0xFFFE or shift not in (9, 12):
            raise NotOle("bad header")
        self.size = 1 << shift
        handle.seek(0, 2)
        self.file_size = handle.tell()
        self.first_directory = struct.unpack_from("<I", header, 0x30)[0]
        first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
        self.fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < 0xFFFFFFFA]
        self._more_difat(first_difat, difat_count)

    def _more_difat(self, sector: int, count: int) -> None:
        per = self.size // 4 - 1
        seen = set()
        while sector < 0xFFFFFFFA and count > 0 and len(seen) < MAX_DIFAT_SECTORS:
            if sector in seen:
                raise NotOle("DIFAT loop")
            seen.add(sector)
            data = self._sector(sector)
            entries = struct.unpack_from(f"<{per + 1}I", data)
            self.fat_sectors.extend(s for s in entries[:per] if s < 0xFFFFFFFA)
            sector, count = entries[per], count - 1

    def _sector(self, index: int) -> bytes:
        offset = (index + 1) * self.size
        if offset >= self.file_size:  # the last sector may be cut short, never missing
            raise NotOle("sector past the end")
        self.handle.seek(offset)
        data = self.handle.read(self.size)
        return data + b"\x00" * (self.size - len(data))

    def _next(self, sector: int) -> int:
        per = self.size // 4
        which = sector // per
        if which >= len(self.fat_sectors):
            raise NotOle("FAT too short")
        self.handle.seek((self.fat_sectors[which] + 1) * self.size + (sector % per) * 4)
        raw = self.handle.read(4)
        if len(raw) < 4:
            raise NotOle("FAT past the end")
        return struct.unpack("<I", raw)[0]

    def directory(self) -> list[Stream]:
        streams: list[Stream] = []
        sector, seen = self.first_directory, set()
        while sector != _END_OF_CHAIN:
            if sector in seen or len(seen) >= MAX_DIRECTORY_SECTORS or sector >= 0xFFFFFFFA:
                raise NotOle("directory chain broken")
            seen.add(sector)
            data = self._sector(sector)
            for at in range(0, self.size, 128):
                entry = data[at:at + 128]
                length, kind = struct.unpack_from("<HB", entry, 0x40)
                if kind not in (1, 2, 5) or not 2 <= length <= 64:
                    continue
                name = entry[:length - 2].decode("utf-16-le", "replace")
                start, size = struct.unpack_from("<IQ", entry, 0x74)
                streams.append(Stream(name, start, size if self.size == 4096 else size & 0xFFFFFFFF))
            sector = self._next(sector)
        if not streams:
            raise NotOle("empty directory")
        return streams

    def word_encrypted(self, word: Stream) -> bool:
        """Whether the Word stream's header says "encrypted" (a password to open the .doc)."""
        if word.size < 4096 or word.start >= 0xFFFFFFFA:  # tiny streams live elsewhere; a real one never is
            return False
        try:
            head = self._sector(word.start)
        except NotOle:
            return False
        ident, = struct.unpack_from("<H", head, 0)
        flags, = struct.unpack_from("<H", head, 0x0A)
        return ident == _WORD_IDENT and bool(flags & _WORD_ENCRYPTED)
