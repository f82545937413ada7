"""What the web validator does with an upload, using the library's own functions only.

An upload is a report document (JSON), a data package (.zip) or a published page
(HTML or text, through the parser). Everything is handled in memory or in a
temporary folder that is removed before the request ends; nothing is fetched.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..editions import Cell, get_edition
from ..errors import OpenGovReportError
from ..findings import Finding, Severity, ValidationReport
from ..io import dumps, read_document
from ..model import Report
from ..parsing import ParseResult, parse
from ..package import build_package, validate_package
from ..package.source import Limits
from ..validation import validate


@dataclass
class CheckedReport:
    """One report as the page shows it: its cells, its findings, and what the parser said."""

    title: str
    document: dict[str, Any] | None
    report: Report | None
    validation: ValidationReport
    parse_result: ParseResult | None = None
    cell_findings: dict[str, list[Finding]] = field(default_factory=dict)
    """Cell id → the findings that involve it."""

    @property
    def edition(self) -> str | None:
        return self.validation.edition


@dataclass
class Outcome:
    kind: str
    """``document``, ``package`` or ``page``."""
    name: str
    reports: list[CheckedReport]
    package: ValidationReport | None = None
    error: str | None = None

    def validation_json(self) -> str:
        results = ([self.package] if self.package else []) + [r.validation for r in self.reports]
        payload: Any = [r.to_dict() for r in results]
        return json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)

    def reports_for_download(self) -> list[Report]:
        return [r.report for r in self.reports if r.report is not None]


def _index(report: ValidationReport, edition: str | None) -> dict[str, list[Finding]]:
    cells: dict[str, list[Finding]] = {}
    if edition is None:
        return cells
    definition = get_edition(edition)
    for finding in report.findings:
        for pointer in finding.pointers:
            cell: Cell | None = definition.cell_at(pointer)
            if cell is not None:
                cells.setdefault(cell.id, []).append(finding)
    return cells


def _checked(title: str, document: Any, parse_result: ParseResult | None = None,
             validation: ValidationReport | None = None) -> CheckedReport:
    validation = validation or validate(document, file=title)
    try:
        report = Report.from_dict(document)
    except OpenGovReportError:
        report = None
    return CheckedReport(title, document if isinstance(document, dict) else None, report, validation,
                         parse_result, _index(validation, validation.edition))


def detect_kind(name: str, data: bytes) -> str:
    lower = name.lower()
    if lower.endswith(".zip") or (data[:2] == b"PK" and not lower.endswith(".docx")):
        return "package"
    if lower.endswith(".json"):
        return "document"
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"{":
        return "document"
    return "page"


def check_upload(name: str, data: bytes, kind: str = "auto", limits: Limits | None = None) -> Outcome:
    """Validate an uploaded or pasted input; unusable input gives an Outcome with ``error``."""
    kind = detect_kind(name, data) if kind == "auto" else kind
    try:
        if kind == "document":
            document, _ = read_document(data)
            return Outcome(kind, name, [_checked(name, document)])
        if kind == "package":
            return _check_package(name, data, limits)
        result = parse(data)
        if result.report is None:
            message = result.diagnostics[-1] if result.diagnostics else None
            return Outcome(kind, name, [], error=message.message_zh + " / " + message.message_en
                           if message else "no statistics table")
        checked = _checked(name, result.report.to_dict(), result)
        return Outcome(kind, name, [checked])
    except OpenGovReportError as exc:
        return Outcome(kind, name, [], error=str(exc.with_file(name)))


def _check_package(name: str, data: bytes, limits: Limits | None) -> Outcome:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return Outcome("package", name, [], error=f"{name}: not a zip file (upload a data package as .zip)")
    with tempfile.TemporaryDirectory(prefix="opengovreport-") as folder:
        path = Path(folder) / "package.zip"
        path.write_bytes(data)
        results = validate_package(path, limits)
        from ..package import read_package

        documents = dict(read_package(path, limits).documents)
    package_report, report_results = results[0], results[1:]
    checked = []
    for result in report_results:
        report_id = (result.file or "").rsplit("#", 1)[-1]
        checked.append(_checked(report_id, documents.get(report_id, {}), validation=result))
    return Outcome("package", name, checked, package=package_report)


def package_zip(reports: list[Report]) -> bytes:
    """A data package of the reports, as .zip bytes (built in memory)."""
    files = build_package(reports, name="opengovreport-web")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, text in files.items():
            archive.writestr(path, text.encode("utf-8"))
    return buffer.getvalue()


def report_json(report: Report) -> str:
    return dumps(report)


def severity_order(findings: list[Finding]) -> dict[str, dict[str, list[Finding]]]:
    """Severity → code → findings, most severe first."""
    grouped: dict[str, dict[str, list[Finding]]] = {}
    for severity in Severity:
        codes: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.severity is severity:
                codes.setdefault(finding.code, []).append(finding)
        if codes:
            grouped[severity.value] = codes
    return grouped
