"""The nesting of an edition's cells inside a report document.

A cell id is its JSON path: ``applications.outcome.granted.total`` lives at
``document["applications"]["outcome"]["granted"]["total"]``. This module is
the one place that turns ids into that nesting and back.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Callable, Iterator, Mapping

from ..editions import Cell, Edition

# A node is either a Cell (a leaf) or a dict of child nodes.
Node = Any


@cache
def cell_tree(edition: Edition) -> dict[str, Node]:
    """Nested dict of table → … → column whose leaves are the edition's cells."""
    root: dict[str, Node] = {}
    for cell in edition.cells:
        parts = cell.id.split(".")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = cell
    return root


def walk_cells(
    document: Mapping[str, Any],
    edition: Edition,
    on_problem: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[Cell, Any]]:
    """Yield (cell, value) for every cell present in ``document``.

    Where the document's shape departs from the edition (a table that is not an
    object, a key the edition does not define), ``on_problem(pointer, reason)`` is
    called and that part is skipped; with no callback it is skipped silently,
    which is what validation wants (the schema reports the problem).
    """

    def walk(node: Mapping[str, Node], value: Any, pointer: str) -> Iterator[tuple[Cell, Any]]:
        if not isinstance(value, Mapping):
            if on_problem is not None:
                on_problem(pointer, f"expected an object, found {type_name(value)}")
            return
        for key, child_value in value.items():
            child_pointer = f"{pointer}/{escape_pointer(key)}"
            child = node.get(key)
            if child is None:
                if on_problem is not None:
                    on_problem(child_pointer, f"edition {edition.code} defines no {key!r} here")
                continue
            if isinstance(child, Cell):
                yield child, child_value
            else:
                yield from walk(child, child_value, child_pointer)

    tree = cell_tree(edition)
    for key, node in tree.items():
        if key not in document:
            continue
        if isinstance(node, Cell):  # a top-level cell, e.g. 2014's complaints
            yield node, document[key]
        else:
            yield from walk(node, document[key], "/" + escape_pointer(key))


def nest_cells(edition: Edition, values: Mapping[str, Any]) -> dict[str, Any]:
    """The nested tables of a document holding ``values`` (cell id → value)."""
    tables: dict[str, Any] = {}
    for cell in edition.cells:
        if cell.id not in values:
            continue
        parts = cell.id.split(".")
        node = tables
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = values[cell.id]
    return tables


def escape_pointer(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, (float,)) or type(value).__name__ == "Decimal":
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__


def short_repr(value: Any, limit: int = 60) -> str:
    """``repr(value)`` for messages: cut to ``limit`` characters, and safe for any value
    (an integer of more than 4300 digits cannot be printed, a deep list cannot be repr'd)."""
    if type(value) is int and value.bit_length() > 200:
        return f"<{int(abs(value).bit_length() * 0.30103) + 1}-digit integer>"
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        return f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
