"""What the parser returns: a report, and how every cell was (or was not) read."""

from __future__ import annotations

from typing import Any

import attrs

from ..findings import Finding
from ..model import Report


@attrs.frozen(slots=True)
class CellSource:
    """Where and how one cell was read."""

    cell_id: str
    value: Any
    raw: str
    """The printed text of the cell (for a fused run: the whole run)."""
    line: int
    """Line of the parsed text (for HTML and .docx: of its table text, one table row per line)."""
    offset: int = 0
    """Character offset in the parsed text where the row's values start."""
    method: str = "cell"
    """``cell`` (one printed cell), ``blank`` (a printed blank), ``fused`` (split from digits run
    together, the only split the table's sums allow), ``partial`` (a row cut off by the page)."""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        if value is not None and not isinstance(value, (int, str)):
            value = str(value)
        return {"cell": self.cell_id, "value": value, "raw": self.raw, "line": self.line,
                "offset": self.offset, "method": self.method, "note": self.note}


@attrs.frozen(slots=True)
class Diagnostic:
    """Something the parser wants the user to know, with a stable code."""

    code: str
    severity: str
    """``error`` (nothing usable), ``warning`` (a cell or more not read, or read with a fix),
    ``info``."""
    message_zh: str
    message_en: str
    cells: tuple[str, ...] = ()
    line: int | None = None
    candidates: tuple[tuple[Any, ...], ...] = ()
    """For an ambiguous fused run: the splits that remained possible."""

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity,
                "message": {"zh": self.message_zh, "en": self.message_en},
                "cells": list(self.cells), "line": self.line,
                "candidates": [[str(v) for v in c] for c in self.candidates]}


@attrs.frozen(slots=True)
class ParseResult:
    """A parsed page: the report (None when there is no usable table), sources, diagnostics."""

    status: str
    """``parsed``, ``unsupported_layout``, ``no_table``."""
    report: Report | None
    edition: str | None
    sources: tuple[CellSource, ...]
    diagnostics: tuple[Diagnostic, ...]
    findings: tuple[Finding, ...] = ()
    """The report's rule findings: published mistakes, under their codes."""
    encoding: str = "utf-8"
    file: str | None = None

    @property
    def cells_read(self) -> dict[str, Any]:
        return {s.cell_id: s.value for s in self.sources}

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "edition": self.edition,
            "encoding": self.encoding,
            "report": self.report.to_dict() if self.report else None,
            "sources": [s.to_dict() for s in self.sources],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
            "findings": [f.to_dict() for f in self.findings],
        }
