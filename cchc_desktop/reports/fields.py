"""Numbers inside the officer's own prose: "{hoàn thành}", "{III.4.1}" are filled from the data each
time the report is written, so edited text keeps up with the register and the statistics form.

A field name is matched without case or diacritics ("{hoan thanh}" works too). An unknown
field is left as typed and reported, never silently dropped.
"""
from __future__ import annotations

import re

from cchc_desktop.text import fold

_FIELD = re.compile(r"\{([^{}\n]{1,80})\}")
_CODE = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII)(\.\d+[a-z]?)*$", re.I)


def field_key(name: str) -> str:
    name = name.strip()
    return name.upper() if _CODE.match(name) else fold(name)


def fill(text: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """``text`` with every known ``{field}`` replaced; and the unknown field names, in order."""
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        key = field_key(match.group(1))
        if key in values:
            return values[key]
        if match.group(1) not in unknown:
            unknown.append(match.group(1))
        return match.group(0)

    return _FIELD.sub(replace, text), unknown


def keyed(values: dict[str, str]) -> dict[str, str]:
    """Field values under their lookup keys."""
    return {field_key(name): value for name, value in values.items()}
