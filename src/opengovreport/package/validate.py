"""Validating a data package: its descriptor and tables, every report, and the rules across reports."""

from __future__ import annotations

from pathlib import Path

from ..collection import COLLECTION_RULES, check_collection
from ..errors import InputError
from ..findings import Finding, Severity, ValidationReport, sort_findings
from ..model import Report
from ..validation import validate
from .read import read_package
from .source import Limits


def validate_package(path: str | Path, limits: Limits | None = None) -> list[ValidationReport]:
    """One ValidationReport for the package itself (descriptor, tables, X-* rules), then one per report.

    Raises PackageError when the package cannot be read safely at all.
    """
    data = read_package(path, limits)
    reports: list[ValidationReport] = []
    usable: list[tuple[str, Report]] = []
    for report_id, document in data.documents:
        result = validate(document, file=f"{data.name}#{report_id}")
        reports.append(result)
        try:
            usable.append((report_id, Report.from_dict(document)))
        except InputError:
            continue  # its schema findings already say why
    findings: list[Finding] = [*data.findings, *check_collection(usable)]
    package_report = ValidationReport(
        findings=sort_findings(findings),
        file=data.name,
        edition=None,
        rules=tuple(rule.code for rule in COLLECTION_RULES),
    )
    return [package_report, *reports]


def package_is_valid(reports: list[ValidationReport]) -> bool:
    return not any(f.severity is Severity.ERROR for r in reports for f in r.findings)
