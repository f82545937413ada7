"""Reading one printed cell: blanks, counts, signed counts, money."""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass

from ..editions import CellKind

BLANKS = {"", "/", "-", "—", "–", "无", "－", "——", "\\"}
_NUMBER = re.compile(
    r"^(?P<sign>[+\-−]+|减|增)?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<fraction>\.\d+)?(?P<unit>万元|元|%)?$"
)
_NOISE = re.compile(r"^[?\ufffd]\s*")
UNITS = {"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "%"}


@dataclass(frozen=True)
class Read:
    value: object
    """The value (None for a printed blank); meaningless when ``problem`` is set."""
    note: str = ""
    """How the text was read, when not plainly (e.g. "251000元 → 25.1 万元")."""
    problem: str = ""
    """Why the text could not be read as this cell's value (the cell stays unread)."""


def is_value_text(text: str) -> bool:
    """Whether a token looks like a cell value (so a heading or prose ends a row)."""
    text = _NOISE.sub("", text.strip())
    return text in BLANKS or bool(_NUMBER.match(text))


def read_value(text: str, kind: CellKind) -> Read:
    raw = text.strip()
    note = ""
    cleaned = _NOISE.sub("", raw)
    if cleaned != raw:
        note = f"garbled character before the value ignored ({raw!r})"
    if cleaned in BLANKS:
        return Read(None, note or (f"{cleaned!r} read as blank" if cleaned else ""))
    match = _NUMBER.match(cleaned)
    if not match:
        return Read(None, problem=f"not a number: {raw!r}")
    sign, digits, fraction, unit = (match.group(g) for g in ("sign", "digits", "fraction", "unit"))
    number = decimal.Decimal(digits.replace(",", "") + (fraction or ""))
    negative = sign is not None and (sign == "减" or set(sign) <= {"-", "−"})
    if sign is not None and sign not in ("减", "增", "+") and len(sign) > 1:
        note = f"{sign!r} read as one minus sign"
    if kind is CellKind.MONEY:
        if negative:
            return Read(None, problem=f"a negative amount: {raw!r}")
        if unit == "元":
            number = number / 10000
            note = f"{raw} → {number} 万元"
        elif unit == "%":
            return Read(None, problem=f"a percentage in a money cell: {raw!r}")
        value: object = int(number) if number == number.to_integral_value() and not fraction and unit != "元" else number
        return Read(value, note)
    if unit is not None and not (kind is CellKind.PERCENT and unit == "%"):
        return Read(None, problem=f"a unit in a count cell: {raw!r}")
    if kind is CellKind.PERCENT:
        return Read(number if fraction else int(number), note)
    if fraction:
        return Read(None, problem=f"a fraction in a count cell: {raw!r}")
    integer = int(number)
    if kind is CellKind.SIGNED_COUNT:
        return Read(-integer if negative else integer, note)
    if negative:
        return Read(None, problem=f"a negative number in a cell that cannot be negative: {raw!r}")
    if sign is not None:
        return Read(integer, f"sign {sign!r} in a cell that has none; read as {integer}")
    return Read(integer, note)
