"""The vocabulary in which an edition's cells are defined.

This module depends on nothing but the standard library: every other part of
opengovreport (schemas, models, rules, docs, parser label tables) reads these
definitions, and none of them is read here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterator, TypeVar

T = TypeVar("T")


class CellKind(str, enum.Enum):
    """What a cell holds, which decides its JSON type and its constraints."""

    COUNT = "count"
    """A non-negative integer (件, 条, 次 …)."""
    SIGNED_COUNT = "signed_count"
    """An integer that may be negative (2019's 本年增/减)."""
    MONEY = "money"
    """A non-negative decimal amount in 万元 (10,000 yuan)."""
    PERCENT = "percent"
    """A non-negative decimal percentage, as printed (e.g. 2014's 占比(%))."""


@dataclass(frozen=True)
class Column:
    key: str
    """The last part of the cell id; "" for a row that holds a single value."""
    label_zh: str
    label_en: str
    kind: CellKind = CellKind.COUNT
    unit: str = "件"
    is_total: bool = False
    """A total column holds the sum of the row's other columns."""

    @property
    def summable(self) -> bool:
        """Whether values of this column add up (percentages as printed do not)."""
        return self.kind is not CellKind.PERCENT


@dataclass(frozen=True)
class Group:
    """A printed heading that spans several rows, e.g. （三）不予公开."""

    key: str
    """Dotted path relative to the table, the common prefix of its rows' keys."""
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class Row:
    key: str
    """Dotted path relative to the table, e.g. ``outcome.withheld.state_secret``."""
    label_zh: str
    label_en: str
    columns: tuple[Column, ...]
    sums_group: str | None = None
    """For a total row: the group whose every leaf row it adds up (e.g. ``outcome``)."""
    section_zh: str = ""
    """A printed heading above the row's block, e.g. 第二十条第（一）项."""
    subset_of: str | None = None
    """For a 其中 row: the key of the row it is part of (it is not a leaf of any sum)."""


@dataclass(frozen=True)
class Table:
    key: str
    """Prefix of the table's cell ids; "" when the rows are top-level (edition 2014)."""
    number_zh: str
    title_zh: str
    title_en: str
    rows: tuple[Row, ...]
    groups: tuple[Group, ...] = ()
    printed_rule_zh: str = ""
    """The 勾稽关系 the official template prints under the table, if any."""
    name: str = ""
    """A name for the table where its key is empty (e.g. data package resources)."""
    optional: bool = False
    """An optional table may be left out of a document as a whole."""

    @property
    def resource_name(self) -> str:
        return self.name or self.key

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(f"table {self.key!r} has no row {key!r}")

    def group(self, key: str) -> Group:
        for group in self.groups:
            if group.key == key:
                return group
        raise KeyError(f"table {self.key!r} has no group {key!r}")

    def leaf_rows_of(self, group_key: str) -> tuple[Row, ...]:
        """The rows that add up to the total of ``group_key`` ("" for the whole table).

        Left out: the group's own total row and 其中 (subset) rows. A row that is the
        total of another group (2014's 不同意公开 sums its reasons) is still a part here.
        """
        prefix = group_key + "." if group_key else ""
        return tuple(
            row
            for row in self.rows
            if row.key.startswith(prefix)
            and row.sums_group != group_key
            and row.subset_of is None
        )

    def groups_of(self, row: Row) -> tuple[Group, ...]:
        """The printed headings a row sits under, outermost first."""
        return tuple(g for g in self.groups if row.key.startswith(g.key + "."))


@dataclass(frozen=True)
class Cell:
    """One number of a report: the intersection of a row and a column."""

    table: Table
    row: Row
    column: Column

    @cached_property
    def id(self) -> str:
        return ".".join(part for part in (self.table.key, self.row.key, self.column.key) if part)

    @cached_property
    def pointer(self) -> str:
        """The cell's JSON Pointer inside a report document."""
        return "/" + self.id.replace(".", "/")

    @property
    def kind(self) -> CellKind:
        return self.column.kind

    @property
    def unit(self) -> str:
        return self.column.unit

    @cached_property
    def row_label_zh(self) -> str:
        """The row's label with the headings it sits under, as one reads the printed table."""
        return "".join([g.label_zh for g in self.table.groups_of(self.row)] + [self.row.label_zh])

    @cached_property
    def row_label_en(self) -> str:
        return ": ".join([g.label_en for g in self.table.groups_of(self.row)] + [self.row.label_en])

    @cached_property
    def label_zh(self) -> str:
        if not self.column.key:
            return self.row_label_zh
        return f"{self.row_label_zh} × {self.column.label_zh}"

    @cached_property
    def label_en(self) -> str:
        if not self.column.key:
            return self.row_label_en
        return f"{self.row_label_en} × {self.column.label_en}"


@dataclass(frozen=True)
class NarrativeSection:
    key: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class Edition:
    code: str
    title_zh: str
    title_en: str
    instrument_zh: str
    report_years: str
    tables: tuple[Table, ...]
    narrative_sections: tuple[NarrativeSection, ...] = field(default=())

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(f"edition {self.code} has no table {key!r}")

    @cached_property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell of the edition, in printed order."""
        return tuple(
            Cell(table, row, column)
            for table in self.tables
            for row in table.rows
            for column in row.columns
        )

    @cached_property
    def _cells_by_id(self) -> dict[str, Cell]:
        return {cell.id: cell for cell in self.cells}

    def cell(self, cell_id: str) -> Cell:
        try:
            return self._cells_by_id[cell_id]
        except KeyError:
            raise KeyError(f"edition {self.code} has no cell {cell_id!r}") from None

    def has_cell(self, cell_id: str) -> bool:
        return cell_id in self._cells_by_id

    @cached_property
    def _cells_by_pointer(self) -> dict[str, Cell]:
        return {cell.pointer: cell for cell in self.cells}

    def cell_at(self, pointer: str) -> Cell | None:
        """The cell whose JSON Pointer is ``pointer``, if it is one."""
        return self._cells_by_pointer.get(pointer)

    def cell_ids(self) -> Iterator[str]:
        return (cell.id for cell in self.cells)

    @cached_property
    def cell_index(self) -> dict[str, int]:
        """Cell id → position in :attr:`cells` (printed order)."""
        return {cell.id: index for index, cell in enumerate(self.cells)}

    def derived(self, key: Any, build: Callable[["Edition"], T]) -> T:
        """A value other modules compute from this definition (relations, compiled checks), built once.

        The value is kept on this Edition object, so it lives as long as the definition and
        there is no module-level cache; ``key`` names it (a module's own object or string).
        """
        memo: dict[Any, Any] | None = self.__dict__.get("_derived")
        if memo is None:
            memo = self.__dict__.setdefault("_derived", {})
        try:
            return memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = memo[key] = build(self)
            return value
