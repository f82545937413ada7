"""Immutable models of a report document.

The models keep every value exactly as the document gave it: ``None`` stays
``None``, ``0`` stays ``0``, and a wrong value (the string ``"3"`` or the float
``3.7`` in a count cell) is kept too, so that :func:`opengovreport.validate`
can report it as a finding instead of the model quietly coercing it. What the
models refuse is a *shape* they cannot hold (an unknown key, a table that is
not an object): that raises :class:`~opengovreport.errors.DocumentShapeError`
naming the JSON Pointer.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

import attrs

from ..editions import EDITION_CODES, Edition, get_edition
from ..errors import DocumentShapeError, EditionError
from .frozen import FrozenDict
from .tree import cell_tree, escape_pointer, nest_cells, short_repr, type_name, walk_cells

CellValue = Any
"""int, decimal.Decimal or float (money), None (blank) — or, in an invalid document, anything."""

_TOP_LEVEL = (
    "id",
    "components",
    "standard",
    "edition",
    "year",
    "issuer",
    "scope",
    "published",
    "source",
    "narrative",
    "extensions",
)


def _check_object(value: Any, pointer: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise DocumentShapeError(f"expected an object, found {type_name(value)}", pointer=pointer)
    for key in value:
        if key not in allowed:
            raise DocumentShapeError(
                f"unknown key {key!r}; allowed here: {', '.join(allowed)}",
                pointer=f"{pointer}/{escape_pointer(key)}",
            )
    for key in required:
        if key not in value:
            raise DocumentShapeError(f"required key {key!r} is missing", pointer=pointer)
    return value


def _optional(data: Mapping[str, Any], key: str, pointer: str) -> Any:
    """An optional member: absent is None; an explicit null is refused, not merged into absent."""
    if key in data and data[key] is None:
        raise DocumentShapeError(
            f"{key!r} is null; leave it out when there is nothing to say",
            pointer=f"{pointer}/{key}",
        )
    return data.get(key)


def _drop_none(items: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in items.items() if v is not None}


@attrs.frozen(slots=True)
class Issuer:
    """The organ that publishes the report."""

    name: str
    level: str | None = None
    """``national`` ``provincial`` ``prefectural`` ``county`` ``township``."""
    kind: str | None = None
    """``government`` ``department`` ``other``."""
    division_code: str | None = None
    """GB/T 2260 six-digit code of the organ's region."""

    _KEYS = ("name", "level", "kind", "division_code")

    @classmethod
    def from_dict(cls, data: Any, pointer: str = "/issuer") -> "Issuer":
        data = _check_object(data, pointer, cls._KEYS, required=("name",))
        return cls(
            name=data["name"],
            level=_optional(data, "level", pointer),
            kind=_optional(data, "kind", pointer),
            division_code=_optional(data, "division_code", pointer),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(
            {"name": self.name, "level": self.level, "kind": self.kind,
             "division_code": self.division_code}
        )


@attrs.frozen(slots=True)
class Source:
    """Where the report's data was taken from."""

    url: str | None = None
    retrieved: str | None = None
    """ISO 8601 date-time."""
    sha256: str | None = None
    media_type: str | None = None

    _KEYS = ("url", "retrieved", "sha256", "media_type")

    @classmethod
    def from_dict(cls, data: Any, pointer: str = "/source") -> "Source":
        data = _check_object(data, pointer, cls._KEYS)
        return cls(**{key: _optional(data, key, pointer) for key in cls._KEYS})

    def to_dict(self) -> dict[str, Any]:
        return _drop_none({key: getattr(self, key) for key in self._KEYS})


@attrs.frozen(slots=True)
class Extension:
    """A row that is not in the national template (a provincial variant's extra row)."""

    label: str
    values: FrozenDict[str, CellValue] | None = attrs.field(
        default=None, converter=attrs.converters.optional(FrozenDict)
    )
    """Column key → value; None when the document gives no values."""
    label_en: str | None = None
    table: str | None = None
    """Key of the official table the row was printed in, if any."""

    _KEYS = ("label", "label_en", "table", "values")

    @classmethod
    def from_dict(cls, data: Any, pointer: str) -> "Extension":
        data = _check_object(data, pointer, cls._KEYS, required=("label",))
        values = _optional(data, "values", pointer)
        if values is not None and not isinstance(values, Mapping):
            raise DocumentShapeError(
                f"expected an object, found {type_name(values)}", pointer=f"{pointer}/values"
            )
        return cls(
            label=data["label"],
            values=values,
            label_en=_optional(data, "label_en", pointer),
            table=_optional(data, "table", pointer),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(
            {"label": self.label, "label_en": self.label_en, "table": self.table,
             "values": dict(self.values) if self.values is not None else None}
        )


def _check_edition(value: Any) -> Edition:
    if value is None:
        raise EditionError("the document has no 'edition'", pointer="")
    if not isinstance(value, str) or value not in EDITION_CODES:
        raise EditionError(
            f"unknown edition {short_repr(value)}; expected one of {', '.join(EDITION_CODES)}",
            pointer="/edition",
        )
    return get_edition(value)


@attrs.frozen(slots=True)
class Report:
    """One annual report: metadata, narrative, and the cells of its edition's tables.

    Cells are addressed by their id (``report.cell("applications.new_received.total")``).
    ``cells`` holds exactly the cells the document gave, in printed order.
    """

    edition: str
    year: int
    issuer: Issuer
    scope: str
    cells: FrozenDict[str, CellValue] = attrs.field(factory=FrozenDict, converter=FrozenDict)
    standard: str = "1.0"
    published: str | None = None
    source: Source | None = None
    narrative: FrozenDict[str, Any] | None = attrs.field(
        default=None, converter=attrs.converters.optional(FrozenDict)
    )
    extensions: FrozenDict[str, Extension] | None = attrs.field(
        default=None, converter=attrs.converters.optional(FrozenDict)
    )
    id: str | None = None
    """A stable identifier of the report (letters, digits, '.', '_', '-'), e.g. for packages."""
    components: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(tuple)
    )
    """For an aggregate report: the ids of the reports it was compiled from, where known."""

    def __attrs_post_init__(self) -> None:
        edition = _check_edition(self.edition)
        for cell_id in self.cells:
            if not edition.has_cell(cell_id):
                raise DocumentShapeError(
                    f"edition {edition.code} has no cell {cell_id!r}",
                    pointer="/" + cell_id.replace(".", "/"),
                )

    @property
    def definition(self) -> Edition:
        """The edition definition this report follows."""
        return get_edition(self.edition)

    def cell(self, cell_id: str) -> CellValue:
        """The value of cell ``cell_id``: a number, or None when blank or absent.

        Raises KeyError when the edition has no such cell (a typo should not read as blank).
        """
        self.definition.cell(cell_id)
        return self.cells.get(cell_id)

    def iter_cells(self) -> Iterator[tuple[str, CellValue]]:
        """(id, value) for every cell of the edition in printed order; None where blank or absent."""
        for cell in self.definition.cells:
            yield cell.id, self.cells.get(cell.id)

    def row(self, row_id: str) -> dict[str, CellValue]:
        """Column key → value of one row, e.g. ``report.row("applications.new_received")``."""
        table_key, _, row_key = row_id.partition(".")
        row = self.definition.table(table_key).row(row_key)
        return {column.key: self.cells.get(f"{row_id}.{column.key}") for column in row.columns}

    def with_cells(self, updates: Mapping[str, CellValue]) -> "Report":
        """A copy with some cells set (a value of None makes the cell blank)."""
        return attrs.evolve(self, cells={**self.cells, **updates})

    @classmethod
    def from_dict(cls, document: Any) -> "Report":
        """Build a report from a JSON document (a dict), keeping every value as given."""
        if not isinstance(document, Mapping):
            raise DocumentShapeError(
                f"a report document is a JSON object, found {type_name(document)}", pointer=""
            )
        edition = _check_edition(document.get("edition"))
        allowed = _TOP_LEVEL + tuple(cell_tree(edition))
        _check_object(document, "", allowed, required=("standard", "year", "issuer", "scope"))

        def refuse(pointer: str, reason: str) -> None:
            raise DocumentShapeError(reason, pointer=pointer)

        cells = {cell.id: value for cell, value in walk_cells(document, edition, refuse)}
        ordered = {c.id: cells[c.id] for c in edition.cells if c.id in cells}

        source = _optional(document, "source", "")
        narrative = _optional(document, "narrative", "")
        if narrative is not None:
            sections = tuple(s.key for s in edition.narrative_sections)
            narrative = _check_object(narrative, "/narrative", sections)
        extensions = _optional(document, "extensions", "")
        if extensions is not None:
            if not isinstance(extensions, Mapping):
                raise DocumentShapeError(
                    f"expected an object, found {type_name(extensions)}", pointer="/extensions"
                )
            extensions = {
                name: Extension.from_dict(value, f"/extensions/{escape_pointer(name)}")
                for name, value in extensions.items()
            }
        components = _optional(document, "components", "")
        if components is not None and not isinstance(components, (list, tuple)):
            raise DocumentShapeError(
                f"expected an array, found {type_name(components)}", pointer="/components"
            )
        return cls(
            id=_optional(document, "id", ""),
            components=components,
            standard=document["standard"],
            edition=edition.code,
            year=document["year"],
            issuer=Issuer.from_dict(document["issuer"]),
            scope=document["scope"],
            published=_optional(document, "published", ""),
            source=Source.from_dict(source) if source is not None else None,
            narrative=narrative,
            extensions=extensions,
            cells=ordered,
        )

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON document (dict); ``from_dict(to_dict())`` equals the report."""
        document: dict[str, Any] = {}
        if self.id is not None:
            document["id"] = self.id
        if self.components is not None:
            document["components"] = list(self.components)
        document |= {
            "standard": self.standard,
            "edition": self.edition,
            "year": self.year,
            "issuer": self.issuer.to_dict(),
            "scope": self.scope,
        }
        if self.published is not None:
            document["published"] = self.published
        if self.source is not None:
            document["source"] = self.source.to_dict()
        if self.narrative is not None:
            document["narrative"] = dict(self.narrative)
        document.update(nest_cells(self.definition, self.cells))
        if self.extensions is not None:
            document["extensions"] = {k: v.to_dict() for k, v in self.extensions.items()}
        return document
