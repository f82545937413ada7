"""Writing reports as a data package (a folder or a .zip)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import InputError
from ..io.json_io import dumps
from ..model import Report
from ..version import STANDARD_VERSION
from .cells import escape_text, format_number
from .layout import (
    DATA_PACKAGE_V2,
    EXTENSIONS,
    NARRATIVE,
    PROFILE_URL,
    REPORTS,
    ResourceSpec,
    all_resources,
    codelist_rows,
    edition_resources,
    value_column_name,
)

DEFAULT_LICENSE = {
    "name": "CC0-1.0",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
    "title": "CC0 1.0 (this transcription; the reports are public government information)",
}


class PackageWriteError(InputError):
    """A report cannot be written to a package without changing it."""


def generated_report_id(report: Report) -> str:
    """A stable id for a report that has none: edition, year, scope and a hash of the issuer."""
    issuer = f"{report.issuer.name}|{report.issuer.division_code or ''}"
    digest = hashlib.sha1(issuer.encode("utf-8")).hexdigest()[:10]
    return f"r{report.year}-{report.edition}-{report.scope}-{digest}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    return escape_text(str(value))


def _reports_row(report_id: str, report: Report) -> list[str]:
    issuer, source = report.issuer, report.source
    values = {
        "report_id": report_id,
        "document_id": report.id,
        "standard": report.standard,
        "edition": report.edition,
        "year": report.year,
        "issuer_name": issuer.name,
        "issuer_division_code": issuer.division_code,
        "issuer_level": issuer.level,
        "issuer_kind": issuer.kind,
        "scope": report.scope,
        "published": report.published,
        "source_url": source.url if source else None,
        "source_retrieved": source.retrieved if source else None,
        "source_sha256": source.sha256 if source else None,
        "source_media_type": source.media_type if source else None,
        "components": " ".join(report.components) if report.components is not None else None,
    }
    return [_text(values[name]) for name in REPORTS.field_names()]


def _table_rows(report_id: str, report: Report, spec: ResourceSpec) -> list[list[str]]:
    table = spec.table
    assert table is not None
    names = spec.field_names()
    rows = []
    for row in table.rows:
        values: dict[str, str] = {name: "" for name in names}
        values["report_id"] = report_id
        values["row_id"] = row.key
        values["row_label"] = escape_text(row.label_zh)
        if "unit" in values:
            values["unit"] = row.columns[0].unit
        for column in row.columns:
            cell_id = ".".join(p for p in (table.key, row.key, column.key) if p)
            values[value_column_name(column)] = format_number(report.cells.get(cell_id))
        rows.append([values[name] for name in names])
    return rows


def _check_writable(report: Report, name: str) -> None:
    """Refuse what a package could not hold as given: schema errors would be changed by CSV."""
    from ..validation import validate

    problems = [f for f in validate(report).findings if f.code.startswith("SCHEMA-")]
    if problems:
        first = problems[0]
        raise PackageWriteError(
            f"report {name} breaks the schema ({first.code}: {first.message_en}); fix it before "
            "packaging, since a CSV cell could not keep the value as given",
            pointer=first.pointers[0] if first.pointers else None,
        )


def _csv_text(spec: ResourceSpec, rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    # RFC 4180 line ends: with them the writer quotes any text holding "\r" or "\n".
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(spec.field_names())
    writer.writerows(rows)
    return out.getvalue()


def build_package(
    reports: Iterable[Report | Mapping[str, Any]],
    *,
    name: str = "opengovreport-reports",
    title: str = "政府信息公开工作年度报告 / Government information disclosure annual reports",
    version: str = "1.0.0",
    licenses: list[dict[str, str]] | None = None,
    contributors: list[dict[str, Any]] | None = None,
    description: str | None = None,
) -> dict[str, str]:
    """Path inside the package → file text, for ``datapackage.json`` and every CSV."""
    collected: list[tuple[str, Report]] = []
    used: set[str] = set()
    for index, item in enumerate(reports):
        report = item if isinstance(item, Report) else Report.from_dict(item)
        report_id = report.id or generated_report_id(report)
        if report_id in used:
            if report.id is not None:
                raise PackageWriteError(f"two reports have the id {report_id!r}", pointer="/id")
            suffix = 2
            while f"{report_id}-{suffix}" in used:
                suffix += 1
            report_id = f"{report_id}-{suffix}"
        used.add(report_id)
        _check_writable(report, report.id or f"#{index + 1}")
        collected.append((report_id, report))

    editions = tuple(dict.fromkeys(report.edition for _, report in collected))
    resources = all_resources(editions)
    rows: dict[str, list[list[str]]] = {spec.name: [] for spec in resources}
    for report_id, report in collected:
        rows["reports"].append(_reports_row(report_id, report))
        for spec in edition_resources(report.edition):
            assert spec.table is not None
            table_present = any(
                cell.table.key == spec.table.key and cell.id in report.cells
                for cell in report.definition.cells
            ) if spec.table.optional else True
            if table_present:
                rows[spec.name].extend(_table_rows(report_id, report, spec))
        for section, text in (report.narrative or {}).items():
            rows["narrative"].append([report_id, section, _text(text)])
        for ext_name, ext in (report.extensions or {}).items():
            values = dumps(dict(ext.values)).strip() if ext.values is not None else ""
            rows["extensions"].append([
                report_id, _text(ext_name), _text(ext.label), _text(ext.label_en),
                _text(ext.table), escape_text(values),
            ])
    rows.update(codelist_rows())

    sources = [
        {"title": f"{report.issuer.name} {report.year}", "path": report.source.url}
        for _, report in collected
        if report.source is not None and report.source.url
    ]
    descriptor: dict[str, Any] = {
        "$schema": DATA_PACKAGE_V2,
        "name": name,
        "title": title,
        "version": version,
        "description": description
        or f"{len(collected)} 份政府信息公开工作年度报告，按 opengovreport 标准 {STANDARD_VERSION} 编排。"
        f" {len(collected)} annual reports in the opengovreport standard {STANDARD_VERSION}.",
        "licenses": licenses or [DEFAULT_LICENSE],
        "contributors": contributors or [{"title": "opengovreport", "roles": ["creator"]}],
        "languages": ["zh", "en"],
        "opengovreport": {"standard": STANDARD_VERSION, "profile": PROFILE_URL},
        "resources": [spec.descriptor() for spec in resources],
    }
    if sources:
        descriptor["sources"] = sources
    files = {"datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"}
    for spec in resources:
        files[spec.path] = _csv_text(spec, rows[spec.name])
    return files


def to_package(
    reports: Iterable[Report | Mapping[str, Any]], path: str | Path, **metadata: Any
) -> Path:
    """Write reports as a data package: a folder, or a .zip when ``path`` ends in .zip.

    Returns the path of the written ``datapackage.json`` (or of the zip).
    """
    files = build_package(reports, **metadata)
    target = Path(path)
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text.encode("utf-8"))
        return target
    if target.name == "datapackage.json":
        target = target.parent
    for name, text in files.items():
        file = target / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8", newline="")
    return target / "datapackage.json"
