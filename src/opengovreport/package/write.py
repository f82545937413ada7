"""Writing reports as a data package (a folder or a .zip)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import IO, Any, Iterable, Mapping

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
            values["unit"] = escape_text(row.columns[0].unit)
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


class _Sinks:
    """One CSV writer per resource, each opened (header first) when its first row comes.

    Rows go straight to their files (or text buffers), so writing a package holds one
    report at a time, whatever the number of reports.
    """

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.handles: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}

    def writer(self, spec: ResourceSpec) -> Any:
        writer = self.writers.get(spec.name)
        if writer is None:
            if self.directory is None:
                handle: IO[str] = io.StringIO()
            else:
                path = self.directory / spec.path
                path.parent.mkdir(parents=True, exist_ok=True)
                handle = path.open("w", encoding="utf-8", newline="")
            self.handles[spec.name] = handle
            # RFC 4180 line ends: with them the writer quotes any text holding "\r" or "\n".
            writer = self.writers[spec.name] = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(spec.field_names())
        return writer

    def finish(self, resources: tuple[ResourceSpec, ...]) -> dict[str, str]:
        """Open what is still missing (header only), close everything; in memory: path → text."""
        for spec in resources:
            self.writer(spec)
        texts = {}
        by_name = {spec.name: spec for spec in resources}
        for name, handle in self.handles.items():
            if isinstance(handle, io.StringIO):
                texts[by_name[name].path] = handle.getvalue()
            handle.close()
        return texts

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()


def _write_reports(reports: Iterable[Report | Mapping[str, Any]], sinks: _Sinks) -> tuple[int, tuple[str, ...], list[dict[str, str]]]:
    """Write every report's rows; (how many, their editions in order of appearance, sources)."""
    used: set[str] = set()
    editions: dict[str, None] = {}
    sources: list[dict[str, str]] = []
    count = 0
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
        count += 1
        editions.setdefault(report.edition)
        if report.source is not None and report.source.url:
            sources.append({"title": f"{report.issuer.name} {report.year}", "path": report.source.url})

        sinks.writer(REPORTS).writerow(_reports_row(report_id, report))
        for spec in edition_resources(report.edition):
            assert spec.table is not None
            table_present = any(
                cell.table.key == spec.table.key and cell.id in report.cells
                for cell in report.definition.cells
            ) if spec.table.optional else True
            if table_present:
                sinks.writer(spec).writerows(_table_rows(report_id, report, spec))
        if report.narrative:
            sinks.writer(NARRATIVE).writerows(
                [report_id, section, _text(text)] for section, text in report.narrative.items()
            )
        for ext_name, ext in (report.extensions or {}).items():
            values = dumps(dict(ext.values)).strip() if ext.values is not None else ""
            sinks.writer(EXTENSIONS).writerow([
                report_id, _text(ext_name), _text(ext.label), _text(ext.label_en),
                _text(ext.table), escape_text(values),
            ])
    return count, tuple(editions), sources


def _descriptor(count: int, resources: tuple[ResourceSpec, ...], sources: list[dict[str, str]], *,
                name: str, title: str, version: str, licenses: list[dict[str, str]] | None,
                contributors: list[dict[str, Any]] | None, description: str | None) -> str:
    descriptor: dict[str, Any] = {
        "$schema": DATA_PACKAGE_V2,
        "name": name,
        "title": title,
        "version": version,
        "description": description
        or f"{count} 份政府信息公开工作年度报告，按 opengovreport 标准 {STANDARD_VERSION} 编排。"
        f" {count} annual reports in the opengovreport standard {STANDARD_VERSION}.",
        "licenses": licenses or [DEFAULT_LICENSE],
        "contributors": contributors or [{"title": "opengovreport", "roles": ["creator"]}],
        "languages": ["zh", "en"],
        "opengovreport": {"standard": STANDARD_VERSION, "profile": PROFILE_URL},
        "resources": [spec.descriptor() for spec in resources],
    }
    if sources:
        descriptor["sources"] = sources
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def _write(reports: Iterable[Report | Mapping[str, Any]], directory: Path | None,
           metadata: dict[str, Any]) -> dict[str, str]:
    """Write the package's files into ``directory``, or into memory (``None``).

    Returns path → text of every file (datapackage.json first, then the resources in
    descriptor order); for a directory the texts of the CSV files are empty strings.
    """
    sinks = _Sinks(directory)
    try:
        count, editions, sources = _write_reports(reports, sinks)
        resources = all_resources(editions)
        codelists = codelist_rows()
        for spec in resources:
            if spec.name in codelists:
                sinks.writer(spec).writerows([escape_text(cell) for cell in row] for row in codelists[spec.name])
        texts = sinks.finish(resources)
    except BaseException:
        sinks.close()
        raise
    descriptor = _descriptor(count, resources, sources, **metadata)
    if directory is not None:
        (directory / "datapackage.json").write_text(descriptor, encoding="utf-8", newline="")
    files = {"datapackage.json": descriptor}
    files.update((spec.path, texts.get(spec.path, "")) for spec in resources)
    return files


def _metadata(name: str, title: str, version: str, licenses: list[dict[str, str]] | None,
              contributors: list[dict[str, Any]] | None, description: str | None) -> dict[str, Any]:
    return {"name": name, "title": title, "version": version, "licenses": licenses,
            "contributors": contributors, "description": description}


_TITLE = "政府信息公开工作年度报告 / Government information disclosure annual reports"


def build_package(
    reports: Iterable[Report | Mapping[str, Any]],
    *,
    name: str = "opengovreport-reports",
    title: str = _TITLE,
    version: str = "1.0.0",
    licenses: list[dict[str, str]] | None = None,
    contributors: list[dict[str, Any]] | None = None,
    description: str | None = None,
) -> dict[str, str]:
    """Path inside the package → file text, for ``datapackage.json`` and every CSV."""
    return _write(reports, None, _metadata(name, title, version, licenses, contributors, description))


def to_package(
    reports: Iterable[Report | Mapping[str, Any]],
    path: str | Path,
    *,
    name: str = "opengovreport-reports",
    title: str = _TITLE,
    version: str = "1.0.0",
    licenses: list[dict[str, str]] | None = None,
    contributors: list[dict[str, Any]] | None = None,
    description: str | None = None,
) -> Path:
    """Write reports as a data package: a folder, or a .zip when ``path`` ends in .zip.

    Reports are written one at a time as they come (``reports`` may be a generator), so
    memory does not grow with their number. Returns the path of the written
    ``datapackage.json`` (or of the zip).
    """
    metadata = _metadata(name, title, version, licenses, contributors, description)
    target = Path(path)
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".opengovreport-") as folder:
            files = _write(reports, Path(folder), metadata)
            with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for member in files:
                    info = zipfile.ZipInfo(member, date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with (Path(folder) / member).open("rb") as source, archive.open(info, "w") as sink:
                        shutil.copyfileobj(source, sink, 1024 * 1024)
        return target
    if target.name == "datapackage.json":
        target = target.parent
    target.mkdir(parents=True, exist_ok=True)
    # Written beside the target first, so that a report refused half-way leaves nothing behind.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".opengovreport-") as folder:
        files = _write(reports, Path(folder), metadata)
        for member in files:
            (target / member).parent.mkdir(parents=True, exist_ok=True)
            os.replace(Path(folder) / member, target / member)
    return target / "datapackage.json"
