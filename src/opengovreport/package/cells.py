"""Turning values into CSV text and back, exactly.

Numbers are written in plain decimal notation (24252.311082, 0.30): nothing is
rounded, and a blank cell is an empty string, distinct from "0".

Text that a spreadsheet would run as a formula (starting with = + - @) is written
with a leading apostrophe, as spreadsheets themselves do; a text that already
starts with an apostrophe gets one more. Reading removes exactly one, so the
round trip is lossless while a package opened in a spreadsheet runs nothing.
"""

from __future__ import annotations

import decimal
import re
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_INTEGER = re.compile(r"^[0-9]+$")
_SIGNED_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")


def escape_text(text: str) -> str:
    if text.startswith(_FORMULA_START) or text.startswith("'"):
        return "'" + text
    return text


def unescape_text(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def format_number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return format(decimal.Decimal(repr(value)), "f")
    raise TypeError(f"not a number: {value!r}")


class CellError(ValueError):
    """A CSV cell that cannot be read as its field's type."""


def parse_integer(text: str, signed: bool) -> int | None:
    if text == "":
        return None
    pattern = _SIGNED_INTEGER if signed else _INTEGER
    if not pattern.match(text):
        raise CellError("expected a whole number" + ("" if signed else " ≥ 0") + f", found {text!r}")
    return int(text)


def parse_number(text: str) -> int | decimal.Decimal | None:
    """A number as written: '7' → 7, '0.30' → Decimal('0.30') (printed decimals kept)."""
    if text == "":
        return None
    if not _NUMBER.match(text):
        raise CellError(f"expected a number, found {text!r}")
    if _SIGNED_INTEGER.match(text):
        return int(text)
    return decimal.Decimal(text)
