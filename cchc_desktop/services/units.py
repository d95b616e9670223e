"""The catalog of units (cơ quan, đơn vị) and reading unit cells of a plan.

Plans name the same unit many ways ("Phòng Văn hoá-Xã hội", "Phòng VHXH",
"Phòng Văn hóa – Xã hội"); every way maps to one catalog entry through its aliases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc_desktop.errors import NotFound, ValidationError
from cchc_desktop.i18n import tr
from cchc_desktop.model import UNIT_KINDS, Unit
from cchc_desktop.services.audit import CREATE, DELETE, UPDATE, diff
from cchc_desktop.text import clean_cell, fold
from cchc_desktop.text import strip_controls


_DASH = re.compile(r"\s*-\s*")
_TRAILING = re.compile(r"[.;:,]+$")
_COMMUNE_TAIL = re.compile(r"\s+(?:xa|cua xa|thuoc ubnd xa|tren dia ban xa)$")


@lru_cache(maxsize=16384)
def unit_key(text: str) -> str:
    """Matching key: folded, punctuation and spacing around dashes/& unified."""
    key = fold(text).replace("&", " va ").replace("–", "-")
    if "-" in key:
        key = _DASH.sub(" - ", key)
    return " ".join(_TRAILING.sub("", key).split())


def _strip_commune(key: str) -> str:
    return _COMMUNE_TAIL.sub("", key)


@dataclass(frozen=True)
class UnitMatch:
    text: str
    unit: Unit | None

    @property
    def known(self) -> bool:
        return self.unit is not None


class UnitMatcher:
    """Find catalog units in the free text of a "Chủ trì"/"Phối hợp" cell."""

    def __init__(self, units: list[Unit]):
        self._split_cache: dict[str, list[UnitMatch]] = {}  # a plan repeats the same unit cells
        self._by_key: dict[str, Unit] = {}
        for unit in units:
            for name in (unit.name, *unit.aliases):
                for key in {unit_key(name), _strip_commune(unit_key(name))}:
                    self._by_key.setdefault(key, unit)
            if unit.abbreviation:
                self._by_key.setdefault(unit_key(unit.abbreviation), unit)
                self._by_key.setdefault(unit_key("Phòng " + unit.abbreviation), unit)

    def match(self, text: str) -> Unit | None:
        key = unit_key(text)
        if not key:
            return None
        return self._by_key.get(key) or self._by_key.get(_strip_commune(key))

    def split(self, cell: str) -> list[UnitMatch]:
        """ "- Các phòng chuyên môn; - TTPVHCC." → two matches, in order, without repeats."""
        if cell not in self._split_cache:
            self._split_cache[cell] = self._split(cell)
        return list(self._split_cache[cell])

    def _split(self, cell: str) -> list[UnitMatch]:
        result: list[UnitMatch] = []
        for piece in _pieces(cell):
            unit = self.match(piece)
            if unit is not None:
                result.append(UnitMatch(piece, unit))
                continue
            # "Phòng Kinh tế, Các cơ quan, đơn vị liên quan": commas (or a bullet dash
            # lost in a one-line cell) may separate units or belong to a name; take the
            # reading in which every part is a known unit.
            parts = (_split_known(piece, ",", self) or _split_known(piece, " - ", self)
                     or _split_known(piece, " và ", self))
            result.extend(parts if parts else [UnitMatch(piece, None)])
        seen: set = set()
        unique = []
        for item in result:
            ident = item.unit.id if item.unit else unit_key(item.text)
            if ident not in seen:
                seen.add(ident)
                unique.append(item)
        return unique


_BULLETS = re.compile(r"(?:^|\n|;|(?<=[.;])\s)\s*[-–•+]\s+|;|\n")


def _pieces(cell: str) -> list[str]:
    text = re.sub(r"<[^>]*>", " ", cell or "")
    text = clean_cell(text)
    pieces = [p.strip(" .;,-–•") for p in _BULLETS.split(text)]
    return [p for p in pieces if p]


_SEPARATORS = {",": (re.compile(r"\s*,\s*"), ", "), " - ": (re.compile(r"\s+[-–]\s+"), " - "),
               " và ": (re.compile(r"\s+và\s+", re.I), " và ")}


def _split_known(piece: str, separator: str, matcher: UnitMatcher) -> list[UnitMatch] | None:
    """Split at ``separator`` so that every part is a known unit; None when no split works."""
    pattern, joiner = _SEPARATORS[separator]
    words = [w.strip() for w in pattern.split(piece)]
    if len(words) < 2:
        return None
    # Greedy from the left: the longest run of words that is a known unit.
    out: list[UnitMatch] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            candidate = joiner.join(words[i:j])
            unit = matcher.match(candidate)
            if unit is not None:
                out.append(UnitMatch(candidate, unit))
                i = j
                break
        else:
            return None
    return out


def builtin_matcher() -> UnitMatcher:
    """The catalog the program ships with, for reading a plan when no data folder is open."""
    from db.catalogs import UNITS
    return UnitMatcher([Unit(i, name, abbr, kind, aliases) for i, (name, abbr, kind, aliases)
                        in enumerate(UNITS, start=1)])


def validate_unit(name: str, abbreviation: str, kind: str) -> tuple[str, str, str]:
    """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
    name = " ".join(strip_controls(name or "").split())
    if not name:
        raise ValidationError(tr("Chưa nhập tên đơn vị."), field="name")
    if len(name) > 200:
        raise ValidationError(tr("Tên đơn vị quá dài (tối đa 200 ký tự)."), field="name")
    if kind not in UNIT_KINDS:
        raise ValidationError(tr("Loại đơn vị không hợp lệ."), field="kind")
    return name, " ".join((abbreviation or "").split()), kind


class UnitService:
    def __init__(self, session):
        self.session = session

    def list(self, *, include_deleted: bool = False) -> list[Unit]:
        where = "" if include_deleted else "WHERE u.deleted_at IS NULL"
        rows = self.session.rows(
            f"SELECT u.*, group_concat(a.alias, char(31)) AS aliases FROM units u "
            f"LEFT JOIN unit_aliases a ON a.unit_id = u.id {where} GROUP BY u.id "
            f"ORDER BY CASE u.kind WHEN 'unit' THEN 0 WHEN 'group' THEN 1 ELSE 2 END, u.name_key")
        return [_unit(r) for r in rows]

    def get(self, unit_id: int) -> Unit:
        """Raises ``NotFound`` when there is no such record."""
        row = self.session.one(
            "SELECT u.*, group_concat(a.alias, char(31)) AS aliases FROM units u "
            "LEFT JOIN unit_aliases a ON a.unit_id = u.id WHERE u.id = ? GROUP BY u.id", (unit_id,))
        if row is None:
            raise NotFound(tr("Không tìm thấy đơn vị số {id}.", id=unit_id))
        return _unit(row)

    def matcher(self) -> UnitMatcher:
        return UnitMatcher(self.list())

    def usage(self, unit_id: int) -> int:
        return self.session.one(
            "SELECT count(*) FROM task_units tu JOIN tasks t ON t.id = tu.task_id "
            "WHERE tu.unit_id = ? AND t.deleted_at IS NULL", (unit_id,))[0]

    def add(self, name: str, abbreviation: str = "", kind: str = "unit",
            aliases: list[str] | tuple[str, ...] = ()) -> int:
        name, abbreviation, kind = validate_unit(name, abbreviation, kind)
        self._check_unique(name, None)
        now = self.session.clock.now()
        with self.session.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO units (name, name_key, abbreviation, kind, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)", (name, fold(name), abbreviation, kind, now, now))
            unit_id = cur.lastrowid
            self._write_aliases(unit_id, aliases)
            self.session.audit.record("unit", unit_id, CREATE, {"name": (None, name)})
        return unit_id

    def update(self, unit_id: int, name: str, abbreviation: str, kind: str,
               aliases: list[str] | tuple[str, ...]) -> None:
        name, abbreviation, kind = validate_unit(name, abbreviation, kind)
        old = self.get(unit_id)
        self._check_unique(name, unit_id)
        aliases = tuple(dict.fromkeys(" ".join(a.split()) for a in aliases if a.strip()))
        changes = diff({"name": old.name, "abbreviation": old.abbreviation, "kind": old.kind,
                        "aliases": sorted(old.aliases)},
                       {"name": name, "abbreviation": abbreviation, "kind": kind,
                        "aliases": sorted(aliases)})
        if not changes:
            return
        with self.session.transaction() as conn:
            conn.execute("UPDATE units SET name = ?, name_key = ?, abbreviation = ?, kind = ?,"
                         " updated_at = ? WHERE id = ?",
                         (name, fold(name), abbreviation, kind, self.session.clock.now(), unit_id))
            conn.execute("DELETE FROM unit_aliases WHERE unit_id = ?", (unit_id,))
            self._write_aliases(unit_id, aliases)
            self.session.audit.record("unit", unit_id, UPDATE, changes)

    def delete(self, unit_id: int) -> None:
        """Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        unit = self.get(unit_id)
        used = self.usage(unit_id)
        if used:
            raise ValidationError(
                tr("Đơn vị “{name}” đang được giao ở {n} nhiệm vụ nên chưa xóa được.", name=unit.name, n=used),
                tr("Hãy dùng “Gộp vào đơn vị khác” để chuyển các nhiệm vụ sang đơn vị đúng."))
        with self.session.transaction() as conn:
            conn.execute("UPDATE units SET deleted_at = ? WHERE id = ?", (self.session.clock.now(), unit_id))
            self.session.audit.record("unit", unit_id, DELETE, {"name": (unit.name, None)})

    def merge(self, source_id: int, target_id: int) -> None:
        """Move every task of ``source`` to ``target``; the source name becomes an alias.

        Raises ``ValidationError`` when the input is refused (the reason in Vietnamese; nothing is written)."""
        if source_id == target_id:
            raise ValidationError(tr("Hãy chọn hai đơn vị khác nhau để gộp."))
        source, target = self.get(source_id), self.get(target_id)
        with self.session.transaction() as conn:
            rows = conn.execute("SELECT task_id, role, position FROM task_units WHERE unit_id = ?",
                                (source_id,)).fetchall()
            for task_id, role, position in rows:
                conn.execute("DELETE FROM task_units WHERE task_id = ? AND role = ? AND unit_id = ?",
                             (task_id, role, source_id))
                conn.execute("INSERT OR IGNORE INTO task_units (task_id, unit_id, role, position)"
                             " VALUES (?, ?, ?, ?)", (task_id, target_id, role, position))
                self.session.audit.record("task", task_id, "merge",
                                          {"leads" if role == "lead" else "coordinators":
                                           (source.name, target.name)}, task_id=task_id)
            self._write_aliases(target_id, (source.name, *source.aliases))
            conn.execute("UPDATE units SET deleted_at = ? WHERE id = ?", (self.session.clock.now(), source_id))
            self.session.audit.record("unit", source_id, "merge", {"name": (source.name, target.name)})

    def resolve(self, names: list[str]) -> list[int]:
        """Ids for unit names, adding unknown names to the catalog (inside the caller's transaction)."""
        matcher = self.matcher()
        ids = []
        for name in names:
            unit = matcher.match(name)
            ids.append(unit.id if unit else self.add(name))
        return ids

    def _check_unique(self, name: str, unit_id: int | None) -> None:
        row = self.session.one("SELECT id FROM units WHERE name_key = ? AND deleted_at IS NULL",
                               (fold(name),))
        if row and row["id"] != unit_id:
            raise ValidationError(tr("Đã có đơn vị “{name}” trong danh mục.", name=name),
                                  tr("Hãy dùng đơn vị có sẵn hoặc đặt tên khác."), field="name")

    def _write_aliases(self, unit_id: int, aliases) -> None:
        self.session.conn.executemany(
            "INSERT OR IGNORE INTO unit_aliases (unit_id, alias) VALUES (?, ?)",
            [(unit_id, " ".join(a.split())) for a in aliases if a and a.strip()])


def _unit(row) -> Unit:
    aliases = tuple(sorted(row["aliases"].split("\x1f"))) if row["aliases"] else ()
    return Unit(row["id"], row["name"], row["abbreviation"], row["kind"], aliases,
                row["deleted_at"] is not None)
