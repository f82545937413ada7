"""Validate a report: its JSON Schema, then every rule of its edition."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ..editions import EDITION_CODES, get_edition
from ..errors import EditionError, InputError
from ..findings import Finding, ValidationReport, sort_findings
from ..model import Report
from ..model.tree import type_name, walk_cells
from ..rules import rules_for, run_rules
from .schema_findings import SCHEMA_CODES, schema_findings

__all__ = ["SCHEMA_CODES", "validate"]


def validate(report: Report | Mapping[str, Any], *, file: str | Path | None = None) -> ValidationReport:
    """Check a report (or a report document as a dict) against its schema and rules.

    Problems in the data come back as findings in the ValidationReport; only a
    document whose edition cannot be determined raises (an EditionError).
    """
    from ..schema import validator
    from ..schema.generate import report_schema_name

    document = report.to_dict() if isinstance(report, Report) else report
    file_name = str(file) if file is not None else None
    if not isinstance(document, Mapping):
        raise InputError(
            f"a report document is a JSON object, found {type_name(document)}",
            file=file_name, pointer="",
        )
    code = document.get("edition")
    if code is None:
        raise EditionError("the document has no 'edition'", file=file_name, pointer="")
    if not isinstance(code, str) or code not in EDITION_CODES:
        raise EditionError(
            f"unknown edition {code!r}; expected one of {', '.join(EDITION_CODES)}",
            file=file_name, pointer="/edition",
        )
    edition = get_edition(code)

    findings: list[Finding] = list(
        schema_findings(validator(report_schema_name(code)).iter_errors(document), edition)
    )
    cells = {cell.id: value for cell, value in walk_cells(document, edition)}
    findings.extend(run_rules(edition, cells, document))

    order = {cell.pointer: index for index, cell in enumerate(edition.cells)}
    return ValidationReport(
        findings=sort_findings(findings, order),
        file=file_name,
        edition=code,
        rules=tuple(rule.code for rule in rules_for(edition)),
    )
