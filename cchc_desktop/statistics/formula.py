"""Small, safe arithmetic over indicator codes: "III.4.3 / III.4.2 * 100", "VI.2 + VI.3".

No ``eval``: the formula is data from a catalog a province may send. A blank operand makes
the result blank (a blank is not a zero); dividing by zero gives a warning, never a number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\s*(?:(?P<code>(?:VIII|VII|VI|IV|V|III|II|I)(?:\.\d+)*)|(?P<number>\d+(?:\.\d+)?)|"
                    r"(?P<op>[-+*/()]))")


class FormulaError(ValueError):
    """The formula itself is malformed (a catalog problem, not a typing one)."""


@dataclass(frozen=True)
class Outcome:
    value: float | None
    problem: str = ""      # e.g. division by zero; the value is then None


@lru_cache(maxsize=1024)
def parse(text: str) -> tuple:
    """The formula as nested tuples: ("num", 100.0), ("ref", "III.4.2"), ("/", left, right).

    Raises ``FormulaError`` for a formula that cannot be read."""
    tokens, position = [], 0
    text = text.strip().lstrip("=")
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise FormulaError(f"không hiểu công thức “{text}” ở vị trí {position + 1}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    tree, rest = _expression(tokens)
    if rest:
        raise FormulaError(f"công thức “{text}” thừa phần cuối")
    return tree


def _expression(tokens):
    left, tokens = _term(tokens)
    while tokens and tokens[0] in (("op", "+"), ("op", "-")):
        op, (right, tokens) = tokens[0][1], _term(tokens[1:])
        left = (op, left, right)
    return left, tokens


def _term(tokens):
    left, tokens = _factor(tokens)
    while tokens and tokens[0] in (("op", "*"), ("op", "/")):
        op, (right, tokens) = tokens[0][1], _factor(tokens[1:])
        left = (op, left, right)
    return left, tokens


def _factor(tokens):
    if not tokens:
        raise FormulaError("công thức bị thiếu")
    kind, text = tokens[0]
    if kind == "number":
        return ("num", float(text)), tokens[1:]
    if kind == "code":
        return ("ref", text), tokens[1:]
    if (kind, text) == ("op", "("):
        inner, rest = _expression(tokens[1:])
        if not rest or rest[0] != ("op", ")"):
            raise FormulaError("thiếu dấu đóng ngoặc")
        return inner, rest[1:]
    if (kind, text) == ("op", "-"):
        inner, rest = _factor(tokens[1:])
        return ("-", ("num", 0.0), inner), rest
    raise FormulaError(f"không hiểu “{text}”")


def references(text: str) -> list[str]:
    found: list[str] = []

    def walk(node):
        if node[0] == "ref":
            found.append(node[1])
        elif node[0] != "num":
            walk(node[1])
            walk(node[2])
    walk(parse(text))
    return found


def evaluate(text: str, values: dict[str, float | None]) -> Outcome:
    """The formula's value, or None when an operand is blank or a divisor is zero."""
    try:
        return Outcome(_eval(parse(text), values))
    except ZeroDivisionError as exc:
        return Outcome(None, str(exc) or "chia cho 0")
    except _Blank:
        return Outcome(None)


class _Blank(Exception):
    pass


def _eval(node, values):
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "ref":
        value = values.get(node[1])
        if value is None:
            raise _Blank()
        return value
    left, right = _eval(node[1], values), _eval(node[2], values)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if right == 0:
        raise ZeroDivisionError("mẫu số bằng 0")
    return left / right
