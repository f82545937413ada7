"""Validate a report: its JSON Schema, then every rule of its edition."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ..editions import EDITION_CODES, get_edition
from ..errors import EditionError, InputError
from ..findings import Finding, ValidationReport, sort_findings
from ..model import Report
from ..model.tree import short_repr, type_name, walk_cells
from ..rules import rules_for, run_rules
from .schema_findings import SCHEMA_CODES, schema_findings

__all__ = ["SCHEMA_CODES", "validate", "validate_bytes", "validate_file"]


def validate(report: Report | Mapping[str, Any], *, file: str | Path | None = None,
             fast: bool = True) -> ValidationReport:
    """Check a report (or a report document as a dict) against its schema and rules.

    Problems in the data come back as findings in the ValidationReport; only a
    document whose edition cannot be determined raises (an EditionError).

    ``fast`` (the default) asks checks compiled from the edition first and runs
    jsonschema and the rule evaluators only where those cannot say that there is
    nothing to report; the findings are the same either way
    (:mod:`opengovreport.validation.fast`). ``fast=False`` always runs the
    reference: jsonschema on the packaged schema, then every rule's evaluator.
    """

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
            f"unknown edition {short_repr(code)}; expected one of {', '.join(EDITION_CODES)}",
            file=file_name, pointer="/edition",
        )
    edition = get_edition(code)

    if fast:
        from .fast import focused_validator, validate_document

        result = validate_document(document, edition, file_name)
        if result is not None:
            return result
        schema_validator = focused_validator(edition, document)
    else:
        from ..schema import validator
        from ..schema.generate import report_schema_name

        schema_validator = validator(report_schema_name(code))
    try:
        findings: list[Finding] = list(schema_findings(schema_validator.iter_errors(document), edition))
        if any(_too_long(f.actual) or _too_long(f.expected) for f in findings):
            raise ValueError("an integer too long to print")
    except ValueError:  # jsonschema (or a finding) could not print an integer of more than 4300 digits
        findings = list(schema_findings(schema_validator.iter_errors(_printable(document)), edition))
    cells = {cell.id: value for cell, value in walk_cells(document, edition)}
    findings.extend(run_rules(edition, cells, document))

    order = {cell.pointer: index for index, cell in enumerate(edition.cells)}
    return ValidationReport(
        findings=sort_findings(findings, order),
        file=file_name,
        edition=code,
        rules=tuple(rule.code for rule in rules_for(edition)),
    )


def validate_bytes(data: bytes, *, file: str | Path | None = None) -> ValidationReport:
    """Validate the JSON text of a report document: ``validate(read_document(data))``, faster.

    Raises :class:`~opengovreport.errors.InputError` for bytes that are not a usable
    document (not UTF-8, not JSON, a repeated key, no edition), naming ``file``.
    """
    from .fast import validate_bytes as _validate_bytes

    return _validate_bytes(data, file=str(file) if file is not None else None)


def validate_file(path: str | Path) -> ValidationReport:
    """Validate the report document in the JSON file ``path`` (see :func:`validate_bytes`)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a JSON file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    return validate_bytes(data, file=name)


class _LongInteger(int):
    """An integer too long for ``str`` (Python refuses more than 4300 digits): shown by length."""

    def __repr__(self) -> str:
        return f"<{int(abs(self).bit_length() * 0.30103) + 1}-digit integer>"

    __str__ = __repr__


def _too_long(value: Any) -> bool:
    return type(value) is int and value.bit_length() > _PRINTABLE_BITS


_PRINTABLE_BITS = 14000
"""Integers longer than this (about 4200 digits) are shown by their length."""


def _printable(value: Any) -> Any:
    """A copy of a document in which integers too long to print are :class:`_LongInteger`."""
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if _too_long(value):
        return _LongInteger(value)
    return value
