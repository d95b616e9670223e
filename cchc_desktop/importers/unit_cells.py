"""One cell that names both the lead unit and the coordinating units ("Cơ quan chủ trì, phối hợp").

Plans write it in several ways; each is split into (lead, coordinators):

    Chủ trì: Phòng Văn hóa - Xã hội; Phối hợp: Văn phòng HĐND và UBND        labels
    Phòng Văn hóa - Xã hội (chủ trì); Văn phòng HĐND và UBND                   a marker after the lead
    TTPVHCC chủ trì; Phòng Kinh tế phối hợp                                     a word after each unit
    Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với các phòng chuyên môn      a sentence

When the cell says none of this, the first unit named is taken as the lead and the split is
reported as unsure, so the preview flags it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_desktop.text import strip_marks

_MARK = re.compile(r"\s*\(\s*(chu tri|phoi hop)\s*\)\s*")
_GIVEN = re.compile(r"^(?:giao\s+(?:cho\s+)?)?(?P<lead>.+?)\s+chu\s+tri\b[\s,;:]*(?:(?:va\s+)?phoi\s+hop(?:\s+voi)?\s+"
                    r"(?P<coord>.+))?$")
_SUFFIX = re.compile(r"^(?P<unit>.+?)\s+(?P<role>chu tri|phoi hop)$")
_LABEL = re.compile(r"(?:^|(?<=[;\n.]))\s*[-+•]?\s*(?:(?:don vi|co quan|bo phan)\s+)?(chu tri|phoi hop|ct|ph)\s*:\s*")
_PIECES = re.compile(r"\s*(?:;|\n)\s*")


@dataclass(frozen=True)
class UnitSplit:
    lead: str
    coordinators: str
    sure: bool       # the cell said which is which


def split_unit_cell(text: str) -> UnitSplit:
    """``text`` (NFC) split into the lead unit(s) and the coordinating ones, as written."""
    plain = strip_marks(text)          # one character per character: spans map back to ``text``
    for reader in (_by_labels, _by_marks, _by_sentence, _by_suffixes):
        found = reader(text, plain)
        if found is not None:
            return found
    pieces = [p for p in _PIECES.split(text.strip()) if p.strip(" ,.")]
    if len(pieces) <= 1:
        return UnitSplit(text.strip(" ;,."), "", True)   # one unit: it leads
    return UnitSplit(pieces[0].strip(" ;,."), "\n".join(p.strip(" ;,.") for p in pieces[1:]), False)


def _by_labels(text: str, plain: str) -> UnitSplit | None:
    found = list(_LABEL.finditer(plain))
    if not found:
        return None
    values: dict[str, list[str]] = {"chu tri": [], "phoi hop": []}
    for match, nxt in zip(found, found[1:] + [None]):
        value = text[match.end():nxt.start() if nxt else len(text)].strip(" ;,.\n-+•")
        if value:
            values[{"ct": "chu tri", "ph": "phoi hop"}.get(match.group(1), match.group(1))].append(value)
    if not values["chu tri"]:
        return None
    return UnitSplit("\n".join(values["chu tri"]), "\n".join(values["phoi hop"]), True)


def _by_marks(text: str, plain: str) -> UnitSplit | None:
    """ "Phòng Văn hóa - Xã hội (chủ trì); Văn phòng HĐND và UBND": the marked unit leads."""
    if not _MARK.search(plain):
        return None
    lead, coordinators = [], []
    pieces = re.split(r"\s*[;\n]\s*", text)
    if len(pieces) == 1:
        pieces = re.split(r"\s*,\s*(?![^()]*\))", text)
    for piece in pieces:
        piece_plain = strip_marks(piece)
        mark = _MARK.search(piece_plain)
        name = (piece[:mark.start()] + piece[mark.end():]).strip(" ;,.") if mark else piece.strip(" ;,.")
        if not name:
            continue
        (lead if mark and mark.group(1) == "chu tri" else coordinators).append(name)
    return UnitSplit("\n".join(lead), "\n".join(coordinators), bool(lead)) if lead else None


def _by_sentence(text: str, plain: str) -> UnitSplit | None:
    """ "Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với các phòng chuyên môn"."""
    match = _GIVEN.match(plain.strip())
    if match is None or ";" in plain:
        return None
    offset = len(plain) - len(plain.lstrip())
    lead = text[offset + match.start("lead"):offset + match.end("lead")].strip(" ,;.")
    coordinators = text[offset + match.start("coord"):offset + match.end("coord")].strip(" ,;.") \
        if match.group("coord") else ""
    return UnitSplit(lead, coordinators, True) if lead else None


def _by_suffixes(text: str, plain: str) -> UnitSplit | None:
    """ "TTPVHCC chủ trì; Phòng Kinh tế phối hợp", "VH-XH chủ trì, các phòng phối hợp"."""
    pieces = [p for p in re.split(r"\s*[;,\n]\s*", text) if p.strip()]
    lead, coordinators = [], []
    for piece in pieces:
        match = _SUFFIX.match(strip_marks(piece).strip(" ."))
        if match is None:
            return None
        name = piece.strip(" .")[:match.end("unit")]
        (lead if match.group("role") == "chu tri" else coordinators).append(name.strip())
    return UnitSplit("\n".join(lead), "\n".join(coordinators), True) if lead else None
