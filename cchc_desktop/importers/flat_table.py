"""Recover the task table from text that lost its cell borders (a PDF extract, seed 001).

A task starts with its number on a new line; its words then run through the columns in
header order (name, lead unit, coordinating units, product, deadline), wrapped at cell
width. The cells are found again by dynamic programming over word boundaries:

- a unit column must be a chain of unit names from the catalog ("Phòng Văn hóa - Xã hội",
  "UBND xã và Các phòng, ban"); an unknown name that looks like a unit counts for less;
- the deadline column must read as a deadline by an anchored rule ("Tháng 01/2026");
- text columns take what is between, and cuts that fall on a line break score a little.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cchc_desktop.deadlines import is_deadline_phrase
from cchc_desktop.i18n import tr
from cchc_desktop.importers.columns import CODE, COORD, DEADLINE, LEAD, NAME, ROLE_LABELS, looks_like_header_line
from cchc_desktop.importers.document import Table
from cchc_desktop.importers.domains import split_roman
from cchc_desktop.text import fold

MAX_UNIT_WORDS = 12
MAX_DEADLINE_WORDS = 8
_TASK_LINE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+(.*))?$")
_NUMBERING_ROW = re.compile(r"^(?:\d+\s+){2,}\d+$")
_CONNECTORS = {"va", ",", ";", "-", "–", "và"}
_UNIT_HEADS = {"phong", "van", "trung", "cac", "ubnd", "uy", "cong", "ban", "hoi", "to", "doan", "tram", "truong",
               "so", "thue", "bao", "mttq", "co", "don", "bo", "chi", "dang"}
_STOP = re.compile(r"^(?:phu\s+luc|noi\s+nhan)\b")


@dataclass
class _Word:
    text: str
    line_start: bool


def find_flat_table(paragraphs: list[str], matcher, plan_year: int) -> tuple[Table, list[str]] | None:
    """The table in ``paragraphs`` after a one-line header, or None when there is none."""
    for index, line in enumerate(paragraphs):
        roles = looks_like_header_line(line)
        if roles:
            rows, warnings = _recover(paragraphs[index + 1:], roles, matcher, plan_year)
            if rows:
                header = [tr(ROLE_LABELS[CODE])] + [tr(ROLE_LABELS[r]) for r in roles]
                return Table([header, *rows], flattened=True), warnings
    return None


def _recover(lines: list[str], roles: list[str], matcher, year: int) -> tuple[list[list[str]], list[str]]:
    records = _records(lines)
    splitter = _CellSplitter(roles, matcher, year)
    rows, warnings = [], []
    for kind, code, body in records:
        if kind == "section":
            rows.append([code, " ".join(body)] + [""] * (len(roles) - 1))
            continue
        cells, trailing = splitter.split(body)
        if trailing:
            warnings.append(tr("Nhiệm vụ {code}: phần chữ sau cột thời gian được ghép vào nội dung nhiệm vụ; "
                               "hãy kiểm tra lại.", code=code))
        rows.append([code] + cells)
    return rows, warnings


def _records(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """("section", numeral, title lines) and ("task", code, lines), in order."""
    records: list[tuple[str, str, list[str]]] = []
    last_top, after_section = 0, True
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("http://", "https://")) or _NUMBERING_ROW.match(line):
            continue
        if _STOP.match(fold(line)) and records:
            break
        if line in ("S", "TT", "STT", "S TT") or looks_like_header_line(line):
            continue
        numeral, rest = split_roman(line)
        if numeral and (not rest or _is_upper(rest)):
            records.append(("section", numeral, [rest] if rest else []))
            after_section = True
            continue
        if records and records[-1][0] == "section" and _is_upper(line) and not _TASK_LINE.match(line):
            records[-1][2].append(line)
            continue
        match = _TASK_LINE.match(line)
        if match and _expected(match.group(1), last_top, after_section):
            code = match.group(1)
            if "." not in code:
                last_top, after_section = int(code), False
            records.append(("task", code, [match.group(2)] if match.group(2) else []))
            continue
        if records and records[-1][0] == "task":
            records[-1][2].append(line)
    return records


def _expected(code: str, last_top: int, after_section: bool) -> bool:
    """Numbering runs on (1, 2, 3 …) or starts again at 1 after a domain row."""
    parts = [int(p) for p in code.split(".")]
    if len(parts) == 1:
        return parts[0] == last_top + 1 or (parts[0] == 1 and after_section)
    return parts[0] == last_top


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class _CellSplitter:
    def __init__(self, roles: list[str], matcher, year: int):
        self.roles, self.matcher, self.year = roles, matcher, year

    def split(self, lines: list[str]) -> tuple[list[str], str]:
        words = [_Word(w, i == 0) for line in lines for i, w in enumerate(line.split())]
        if not words:
            return [""] * len(self.roles), ""
        cuts = self._best_cuts(words)
        if cuts is None:  # nothing fits: keep everything as the task text
            return [_join(words) if r == NAME else "" for r in self.roles], ""
        cells = [_join(words[a:b]) for a, b in zip(cuts, cuts[1:])]
        trailing = _join(words[cuts[-1]:])
        if trailing:
            name_at = self.roles.index(NAME)
            cells[name_at] = f"{cells[name_at]}\n{trailing}".strip()
        return cells, trailing

    def _best_cuts(self, words: list[_Word]) -> list[int] | None:
        n = len(words)
        chains = _Chains(words, self.matcher)
        neg = float("-inf")
        # best[s][i]: score of covering words[:i] with the first s columns; back[s][i]: where column s-1 began
        best = [[neg] * (n + 1) for _ in range(len(self.roles) + 1)]
        back = [[0] * (n + 1) for _ in range(len(self.roles) + 1)]
        best[0][0] = 0.0
        for s, role in enumerate(self.roles):
            for i in range(n + 1):
                if best[s][i] == neg:
                    continue
                for j, gain in self._options(role, i, n, words, chains):
                    # A cell that ends where a line ends is more likely right (cells wrap by line).
                    score = best[s][i] + gain + (1.0 if j > i and (j == n or words[j].line_start) else 0.0)
                    if score > best[s + 1][j]:
                        best[s + 1][j] = score
                        back[s + 1][j] = i
        # Whatever follows the last column is trailing text, at a cost.
        end_scores = [(best[-1][i] - (3.0 if i < n else 0.0), i) for i in range(n + 1) if best[-1][i] != neg]
        if not end_scores:
            return None
        _score, end = max(end_scores)
        cuts = [end]
        for s in range(len(self.roles), 0, -1):
            cuts.append(back[s][cuts[-1]])
        return list(reversed(cuts))

    def _options(self, role: str, i: int, n: int, words, chains):
        if role in (LEAD, COORD):
            yield i, -4.0  # a missing unit is possible, but costly
            yield from chains.ends(i)
        elif role == DEADLINE:
            yield i, -6.0
            for j in range(i + 1, min(n, i + MAX_DEADLINE_WORDS) + 1):
                if _deadline(_join(words[i:j]), self.year):
                    yield j, 5.0
        else:
            start = i + 1 if role == NAME else i
            # A cell starts with a capital: a cut before a lower-case word is probably wrong.
            lower = role != NAME and i < n and words[i].text[:1].islower()
            for j in range(start, n + 1):
                yield j, (-1.0 if j == i else (-1.0 if lower else 0.0))


class _Chains:
    """Word spans that are unit names, and chains of them joined by "và", ",", ";"."""

    def __init__(self, words: list[_Word], matcher):
        self.words, self.matcher = words, matcher
        self._cache: dict[int, list[tuple[int, float]]] = {}

    def _spans(self, i: int, first: bool) -> list[tuple[int, float]]:
        """Unit names starting at word ``i``; the first of a cell starts with a capital letter."""
        found = []
        words = self.words
        if i >= len(words) or (first and not words[i].text[:1].isupper()):
            return found
        for j in range(i + 1, min(len(words), i + MAX_UNIT_WORDS) + 1):
            text = _join(words[i:j]).strip(" ,;.")
            if self.matcher.match(text) is not None:
                found.append((j, 3.0 + 0.05 * (j - i)))
        if not found and words[i].text[:1].isupper() and fold(words[i].text) in _UNIT_HEADS:
            for j in range(i + 2, min(len(words), i + 10) + 1):
                found.append((j, 1.0 - 0.02 * (j - i)))
        return found

    def ends(self, i: int) -> list[tuple[int, float]]:
        """(end, score) of every chain starting at ``i``."""
        if i >= len(self.words):
            return []
        if i in self._cache:
            return self._cache[i]
        results: dict[int, float] = {}
        frontier = [(i, 0.0, 0)]
        while frontier:
            start, score, count = frontier.pop()
            for end, gain in self._spans(start, first=count == 0):
                total = score + gain - (1.5 if count else 0.0)
                if total > results.get(end, float("-inf")):
                    results[end] = total
                    # Another unit follows only after "và", ",", ";" (or a bullet dash).
                    nxt = end
                    while nxt < len(self.words) and fold(self.words[nxt].text) in _CONNECTORS:
                        nxt += 1
                    joined = nxt > end or self.words[end - 1].text.endswith((",", ";"))
                    if joined and nxt < len(self.words) and count < 4:
                        frontier.append((nxt, total, count + 1))
        self._cache[i] = sorted(results.items())
        return self._cache[i]


@lru_cache(maxsize=4096)
def _deadline(text: str, year: int) -> bool:
    return is_deadline_phrase(text, year)


def _join(words: list[_Word]) -> str:
    out = []
    for w in words:
        if w.line_start and w.text in ("-", "–", "+", "•") and out:
            out.append("\n" + w.text)
        else:
            out.append(w.text)
    return " ".join(out).replace(" \n", "\n").strip()
