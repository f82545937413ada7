"""Reading a data package back into report documents, with every table error located.

Table problems (a wrong header, a ragged row, a value that is not a number, a
duplicate key, a row for an unknown report) are findings naming the resource,
the CSV line and the column. The package is *unusable* (a PackageError) only
when it cannot be read safely or its descriptor is not JSON.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

import attrs

from ..editions import EDITION_CODES, get_edition
from ..errors import InputError
from ..findings import Finding, Location, Severity
from ..io.json_io import decode, parse_json
from ..model import Report
from .cells import CellError, parse_integer, parse_number, unescape_text
from .layout import (
    EXTENSIONS,
    NARRATIVE,
    REPORTS,
    FieldSpec,
    ResourceSpec,
    edition_resources,
    value_column_name,
)
from .source import Limits, PackageError, PackageSource, check_resource_path


@attrs.frozen
class PackageData:
    """What a package holds: report documents by id, and what was wrong with its tables."""

    name: str
    descriptor: dict[str, Any]
    documents: tuple[tuple[str, dict[str, Any]], ...]
    findings: tuple[Finding, ...]


def _finding(code: str, location: Location, zh: str, en: str, *, severity: Severity = Severity.ERROR,
             expected: Any = None, actual: Any = None) -> Finding:
    where_zh = f"{location.resource}"
    if location.row is not None:
        where_zh += f" 第 {location.row} 行"
    if location.column is not None:
        where_zh += f" “{location.column}”列"
    return Finding(code, severity, (), f"{where_zh}：{zh}", f"{location}: {en}",
                   expected=expected, actual=actual, location=location)


def _parse_field(spec: FieldSpec, text: str) -> Any:
    """The value of a CSV cell of ``spec`` (None when empty); CellError when unreadable."""
    if spec.type == "integer":
        # Signs are read here and judged by the minimum constraint, so that "-1" is a
        # constraint error and "abc" a type error.
        value = parse_integer(text, signed=True)
    elif spec.type == "number":
        value = parse_number(text)
    elif spec.type == "date":
        if text == "":
            return None
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            raise CellError(f"expected a date YYYY-MM-DD, found {text!r}") from None
        if len(text) != 10:
            raise CellError(f"expected a date YYYY-MM-DD, found {text!r}")
        value = text
    else:
        value = unescape_text(text) if text != "" else None
    return value


def _check_constraints(spec: FieldSpec, value: Any) -> str | None:
    c = spec.constraints
    if value is None:
        return "a value is required" if c.get("required") else None
    if "minimum" in c and isinstance(value, (int, float)) or ("minimum" in c and hasattr(value, "is_finite")):
        if value < c["minimum"]:
            return f"must be ≥ {c['minimum']}"
    if "enum" in c and value not in c["enum"]:
        shown = ", ".join(map(str, c["enum"][:12])) + (" …" if len(c["enum"]) > 12 else "")
        return f"must be one of: {shown}"
    if "pattern" in c and isinstance(value, str) and not re.fullmatch(c["pattern"].strip("^$"), value):
        return f"does not match {c['pattern']}"
    return None


def read_rows(spec: ResourceSpec, data: bytes, display: str) -> tuple[list[tuple[int, dict[str, Any]]], list[Finding]]:
    """Rows of a resource as (CSV line, {field: value}); findings for everything unreadable.

    A cell that cannot be read is reported and left out of its row's record (never
    replaced by a blank); a row whose cells do not match the header is left out.
    """
    findings: list[Finding] = []
    try:
        text = decode(data, display)
    except InputError as exc:
        return [], [_finding("TABLE-ENCODING", Location(spec.name), f"不是 UTF-8 文本：{exc.reason}",
                             f"not UTF-8 text: {exc.reason}")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [_finding("TABLE-HEADER", Location(spec.name, 1), "文件为空，缺少表头。",
                             "the file is empty; the header row is missing.")]
    except csv.Error as exc:
        return [], [_finding("TABLE-FORMAT", Location(spec.name, 1), f"不是有效的 CSV：{exc}",
                             f"not valid CSV: {exc}")]
    expected = spec.field_names()
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if missing or extra or duplicated:
        for name in missing:
            findings.append(_finding("TABLE-HEADER", Location(spec.name, 1, name),
                                     "缺少此列。", "this column is missing.", expected=name))
        for name in extra:
            findings.append(_finding("TABLE-HEADER", Location(spec.name, 1, name),
                                     "表结构中没有此列。", "the table schema has no such column.",
                                     actual=name))
        for name in duplicated:
            findings.append(_finding("TABLE-HEADER", Location(spec.name, 1, name),
                                     "此列出现多次。", "this column appears more than once.",
                                     actual=name))
        return [], findings
    index = {name: header.index(name) for name in expected}
    fields = {f.name: f for f in spec.fields}
    rows: list[tuple[int, dict[str, Any]]] = []
    unique: dict[str, dict[Any, int]] = {f.name: {} for f in spec.fields if f.constraints.get("unique")}
    line = 1
    try:
        for raw in reader:
            line += 1
            if len(raw) != len(header):
                code = "TABLE-EXTRA-CELL" if len(raw) > len(header) else "TABLE-MISSING-CELL"
                findings.append(_finding(
                    code, Location(spec.name, line),
                    f"此行有 {len(raw)} 个单元格，表头有 {len(header)} 列。",
                    f"the row has {len(raw)} cells, the header {len(header)}.",
                    expected=len(header), actual=len(raw)))
                continue
            record: dict[str, Any] = {}
            for name, field in fields.items():
                cell = raw[index[name]]
                try:
                    value = _parse_field(field, cell)
                except CellError as exc:
                    findings.append(_finding("TABLE-TYPE", Location(spec.name, line, name),
                                             f"无法读作 {field.type}：{cell!r}", str(exc),
                                             expected=field.type, actual=cell))
                    continue
                problem = _check_constraints(field, value)
                if problem is not None:
                    findings.append(_finding("TABLE-CONSTRAINT", Location(spec.name, line, name),
                                             f"值 {cell!r} 不符合约束：{problem}", f"{cell!r} {problem}",
                                             actual=cell))
                    continue
                if name in unique and value is not None:
                    if value in unique[name]:
                        findings.append(_finding(
                            "TABLE-PRIMARY-KEY", Location(spec.name, line, name),
                            f"{cell!r} 与第 {unique[name][value]} 行重复。",
                            f"{cell!r} repeats line {unique[name][value]}.", actual=cell))
                        continue
                    unique[name][value] = line
                record[name] = value
            rows.append((line, record))
    except csv.Error as exc:
        findings.append(_finding("TABLE-FORMAT", Location(spec.name, line + 1),
                                 f"不是有效的 CSV：{exc}", f"not valid CSV: {exc}"))
    return rows, findings


def _primary_keys(spec: ResourceSpec, rows: list[tuple[int, dict[str, Any]]]) -> Iterator[Finding]:
    seen: dict[tuple[Any, ...], int] = {}
    for line, record in rows:
        if any(name not in record for name in spec.primary_key):
            continue  # an unreadable key cell is reported already
        key = tuple(record[name] for name in spec.primary_key)
        if key in seen:
            yield _finding("TABLE-PRIMARY-KEY", Location(spec.name, line),
                           f"主键 {key} 与第 {seen[key]} 行重复。",
                           f"primary key {key} repeats line {seen[key]}.", actual=str(key))
        else:
            seen[key] = line


def _descriptor_findings(descriptor: Any) -> list[Finding]:
    from ..schema.files import load_schema, validator
    from ..schema.generate import PACKAGE_PROFILE
    from jsonschema import Draft7Validator

    findings = []
    from importlib import resources as importlib_resources

    v2 = json.loads(importlib_resources.files("opengovreport.package").joinpath(
        "profiles", "datapackage-2.0.json").read_text(encoding="utf-8"))
    for error in Draft7Validator(v2).iter_errors(descriptor):
        pointer = "".join(f"/{p}" for p in error.absolute_path)
        findings.append(Finding("PACKAGE-DESCRIPTOR", Severity.ERROR, (pointer,),
                                f"datapackage.json {pointer or '/'} 不符合 Data Package v2：{error.message}",
                                f"datapackage.json {pointer or '/'} breaks Data Package v2: {error.message}"))
    load_schema(PACKAGE_PROFILE)
    for error in validator(PACKAGE_PROFILE).iter_errors(descriptor):
        pointer = "".join(f"/{p}" for p in error.absolute_path)
        findings.append(Finding("PACKAGE-PROFILE", Severity.ERROR, (pointer,),
                                f"datapackage.json {pointer or '/'} 不符合 opengovreport 数据包规范：{error.message}",
                                f"datapackage.json {pointer or '/'} breaks the opengovreport package "
                                f"profile: {error.message}"))
    return findings


def _nest(document: dict[str, Any], cell_id: str, value: Any) -> None:
    parts = cell_id.split(".")
    node = document
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def read_package(path: str | Path, limits: Limits | None = None) -> PackageData:
    """Read a package (folder, datapackage.json or .zip) into report documents and findings."""
    with PackageSource(path, limits) as source:
        try:
            descriptor = parse_json(decode(source.read_descriptor(), source.descriptor_name),
                                    source.descriptor_name)
        except InputError as exc:
            raise PackageError(exc.reason, file=source.descriptor_name, line=exc.line,
                               column=exc.column, pointer=exc.pointer) from None
        if not isinstance(descriptor, dict):
            raise PackageError("datapackage.json is not a JSON object", file=source.descriptor_name)
        findings = _descriptor_findings(descriptor)
        resources = descriptor.get("resources")
        if not isinstance(resources, list):
            raise PackageError("datapackage.json has no list of resources",
                               file=source.descriptor_name, pointer="/resources")
        by_name: dict[str, str] = {}
        for index, resource in enumerate(resources):
            if not isinstance(resource, dict):
                continue
            resource_path = resource.get("path")
            if "data" in resource and resource_path is None:
                continue  # inline data: nothing to read from disk
            by_name[str(resource.get("name"))] = check_resource_path(
                resource_path, f"{source.descriptor_name} (/resources/{index}/path)")

        unreadable: set[str] = set()

        def rows_of(spec: ResourceSpec, required: bool = True) -> list[tuple[int, dict[str, Any]]]:
            """The rows whose key cells could be read; notes resources not wholly readable."""
            if spec.name not in by_name:
                if required:
                    findings.append(_finding("PACKAGE-MISSING-RESOURCE", Location(spec.name),
                                             "数据包缺少此资源。", "the package has no such resource."))
                unreadable.add(spec.name)
                return []
            rows, problems = read_rows(spec, source.read(by_name[spec.name]),
                                       source.display(by_name[spec.name]))
            findings.extend(problems)
            findings.extend(_primary_keys(spec, rows))
            keyed = [(line, r) for line, r in rows if all(k in r for k in spec.primary_key)]
            if problems and any(p.code != "TABLE-TYPE" and p.code != "TABLE-CONSTRAINT"
                                or (p.location and p.location.column in spec.primary_key)
                                for p in problems):
                unreadable.add(spec.name)  # rows may be lost: do not also call them missing
            return keyed

        documents: dict[str, dict[str, Any]] = {}
        editions: dict[str, str] = {}
        for _, record in rows_of(REPORTS):
            report_id = record["report_id"]

            def put(target: dict[str, Any], key: str, field: str) -> None:
                # Absent (unreadable, reported) and empty cells both stay out of the document.
                if record.get(field) is not None:
                    target[key] = record[field]

            document: dict[str, Any] = {}
            put(document, "id", "document_id")
            if record.get("components") is not None:
                document["components"] = record["components"].split()
            for key in ("standard", "edition", "year"):
                put(document, key, key)
            issuer: dict[str, Any] = {}
            for key in ("name", "level", "kind", "division_code"):
                put(issuer, key, f"issuer_{key}")
            document["issuer"] = issuer
            put(document, "scope", "scope")
            put(document, "published", "published")
            source_fields: dict[str, Any] = {}
            for key in ("url", "retrieved", "sha256", "media_type"):
                put(source_fields, key, f"source_{key}")
            if source_fields:
                document["source"] = source_fields
            documents[report_id] = document
            editions[report_id] = record.get("edition", "")

        def owner(spec: ResourceSpec, line: int, record: dict[str, Any]) -> dict[str, Any] | None:
            document = documents.get(record["report_id"])
            if document is None:
                findings.append(_finding("TABLE-FOREIGN-KEY", Location(spec.name, line, "report_id"),
                                         f"reports 中没有报告 {record['report_id']!r}。",
                                         f"no report {record['report_id']!r} in reports.",
                                         actual=record["report_id"]))
            return document

        for code in EDITION_CODES:
            wanted = code in editions.values()
            edition = get_edition(code)
            for spec in edition_resources(code):
                table = spec.table
                assert table is not None
                seen_rows: dict[str, set[str]] = defaultdict(set)
                for line, record in rows_of(spec, required=wanted):
                    document = owner(spec, line, record)
                    if document is None:
                        continue
                    if editions[record["report_id"]] != code:
                        findings.append(_finding(
                            "TABLE-FOREIGN-KEY", Location(spec.name, line, "report_id"),
                            f"报告 {record['report_id']} 属于 {editions[record['report_id']]} 版式，不是 {code}。",
                            f"report {record['report_id']} is of edition {editions[record['report_id']]}, not {code}.",
                            actual=record["report_id"]))
                        continue
                    row = table.row(record["row_id"])
                    seen_rows[record["report_id"]].add(row.key)
                    if record.get("row_label") is not None and record["row_label"] != row.label_zh:
                        findings.append(_finding(
                            "PACKAGE-ROW-LABEL", Location(spec.name, line, "row_label"),
                            f"行名称与定义不同（应为“{row.label_zh}”）；以 row_id 为准。",
                            f"the label differs from the definition ({row.label_zh!r}); row_id decides.",
                            severity=Severity.WARNING, expected=row.label_zh, actual=record["row_label"]))
                    own = {value_column_name(c): c for c in row.columns}
                    for field in spec.fields:
                        if field.kind is None or field.name not in record:
                            continue  # not a cell column, or unreadable (reported)
                        value = record[field.name]
                        column = own.get(field.name)
                        if column is None:
                            if value is not None:
                                findings.append(_finding(
                                    "TABLE-NOT-APPLICABLE", Location(spec.name, line, field.name),
                                    f"“{row.label_zh}”行没有此列，应留空。",
                                    f"row {row.key!r} has no such column; leave it empty.",
                                    actual=str(value)))
                            continue
                        integer = column.kind.value in ("count", "signed_count")
                        if integer and value is not None and not isinstance(value, int):
                            findings.append(_finding("TABLE-TYPE", Location(spec.name, line, field.name),
                                                     "应为整数。", "expected a whole number.",
                                                     actual=str(value)))
                            continue
                        cell_id = ".".join(p for p in (table.key, row.key, column.key) if p)
                        _nest(document, cell_id, value)
                for report_id, report_edition in editions.items():
                    if report_edition != code or spec.name in unreadable:
                        continue
                    present = seen_rows.get(report_id, set())
                    if table.optional and not present:
                        continue
                    for row in table.rows:
                        if row.key not in present:
                            findings.append(_finding(
                                "TABLE-MISSING-ROW", Location(spec.name, None, "row_id"),
                                f"报告 {report_id} 缺少“{row.label_zh}”行（{row.key}）。",
                                f"report {report_id} has no row {row.key!r}.", expected=row.key))

        for line, record in rows_of(NARRATIVE):
            document = owner(NARRATIVE, line, record)
            if document is not None and "text" in record:
                document.setdefault("narrative", {})[record["section"]] = record["text"] or ""
        for line, record in rows_of(EXTENSIONS):
            document = owner(EXTENSIONS, line, record)
            if document is None:
                continue
            extension: dict[str, Any] = {}
            for key in ("label", "label_en", "table"):
                if record.get(key) is not None:
                    extension[key] = record[key]
            if record.get("values") is not None:
                try:
                    extension["values"] = parse_json(record["values"])
                except InputError as exc:
                    findings.append(_finding("TABLE-TYPE", Location(EXTENSIONS.name, line, "values"),
                                             f"不是 JSON 对象：{exc.reason}", f"not a JSON object: {exc.reason}",
                                             actual=record["values"]))
                    continue
            document.setdefault("extensions", {})[record["name"]] = extension

        known = {REPORTS.name, NARRATIVE.name, EXTENSIONS.name}
        known |= {spec.name for code in EDITION_CODES for spec in edition_resources(code)}
        for name in by_name:
            if name not in known and not name.startswith("codelist_"):
                findings.append(_finding("PACKAGE-EXTRA-RESOURCE", Location(name),
                                         "不是本标准的资源，未读取。", "not a resource of this standard; not read.",
                                         severity=Severity.INFO))
        return PackageData(
            name=source.name,
            descriptor=descriptor,
            documents=tuple(documents.items()),
            findings=tuple(findings),
        )


def from_package(path: str | Path, limits: Limits | None = None) -> tuple[Report, ...]:
    """The reports of a package; PackageError when its tables have errors.

    Use :func:`opengovreport.validate_package` to see every problem of a package.
    """
    data = read_package(path, limits)
    errors = [f for f in data.findings if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise PackageError(
            f"{len(errors)} table error(s), the first: {first.message_en}", file=data.name,
        )
    return tuple(Report.from_dict(document) for _, document in data.documents)
