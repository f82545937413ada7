"""Edition definitions: the single source of every cell's id, labels, kind and unit.

Editions are built on first use, not at import time.
"""

from __future__ import annotations

from functools import cache

from .definition import Cell, CellKind, Column, Edition, Group, NarrativeSection, Row, Table

__all__ = [
    "Cell",
    "CellKind",
    "Column",
    "Edition",
    "Group",
    "NarrativeSection",
    "Row",
    "Table",
    "EDITION_CODES",
    "get_edition",
    "all_editions",
]

EDITION_CODES: tuple[str, ...] = ("2021", "2019", "2014")
"""Known editions, newest first."""


@cache
def get_edition(code: str) -> Edition:
    """The definition of edition ``code`` (``"2021"`` …); KeyError for an unknown code."""
    if code == "2021":
        from . import e2021

        return e2021.build()
    if code == "2019":
        from . import e2019

        return e2019.build()
    if code == "2014":
        from . import e2014

        return e2014.build()
    raise KeyError(f"unknown edition {code!r}; known editions: {', '.join(EDITION_CODES)}")


def all_editions() -> tuple[Edition, ...]:
    return tuple(get_edition(code) for code in EDITION_CODES)
