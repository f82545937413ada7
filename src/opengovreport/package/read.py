"""Reading a data package back into report documents, with every table error located.

Table problems (a wrong header, a ragged row, a value that is not a number, a
duplicate key, a row for an unknown report) are findings naming the resource,
the CSV line and the column. The package is *unusable* (a PackageError) only
when it cannot be read safely or its descriptor is not JSON.

Packages are read as streams: ``reports.csv`` once to learn the reports, then every
table resource side by side, one report's rows at a time, so that memory does not
grow with the number of rows. That works when each table lists its rows grouped by
report, in the order of ``reports.csv``, as :func:`~opengovreport.package.to_package`
writes them. A package whose tables are ordered otherwise is noticed on the way and
read again with its rows gathered in memory: the documents and findings are the same,
only the memory used grows with the package.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json
import re
from pathlib import Path
from typing import IO, Any, Callable, Iterator

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


class _ConstraintError(ValueError):
    """A cell that was read but breaks its field's constraints."""


def _converter(spec: FieldSpec) -> Callable[[str], Any]:
    """text → value, as :func:`_parse_field` then :func:`_check_constraints` decide, faster
    for the common cells (whole numbers, plain text); CellError or _ConstraintError if not."""

    def slow(text: str) -> Any:
        value = _parse_field(spec, text)
        problem = _check_constraints(spec, value)
        if problem is not None:
            raise _ConstraintError(problem)
        return value

    c = spec.constraints
    if spec.type in ("integer", "number") and not set(c) - {"minimum", "required", "unique"}:
        minimum = c.get("minimum")

        def number(text: str) -> Any:
            if text.isdigit() and text.isascii():  # [0-9]+ exactly
                value = int(text)
                if minimum is None or value >= minimum:
                    return value
            return slow(text)

        return number
    if spec.type == "string" and not set(c) - {"required", "enum", "pattern", "unique"}:
        allowed = frozenset(c["enum"]) if "enum" in c else None
        pattern = re.compile(c["pattern"].strip("^$")).fullmatch if "pattern" in c else None

        def string(text: str) -> Any:
            if text == "" or text[0] == "'":
                return slow(text)
            if allowed is not None and text not in allowed:
                return slow(text)
            if pattern is not None and pattern(text) is None:
                return slow(text)
            return text

        return string
    return slow


def _fast_row(spec: ResourceSpec, header: list[str],
              unique_checked: bool = False) -> Callable[[list[str]], dict[str, Any]] | None:
    """A function making the record of a CSV row whose every cell reads without a problem.

    It raises CellError or _ConstraintError at the first problem, and the row is then read
    again cell by cell to report each one. Generated per table (its fields and header order);
    None for tables with a uniqueness constraint (reports.csv), which are read cell by cell,
    unless the caller checks uniqueness itself (``unique_checked``).
    """
    if not unique_checked and any(field.constraints.get("unique") for field in spec.fields):
        return None
    namespace: dict[str, Any] = {"INT": int}
    lines = ["def convert(raw):"]
    values = []
    for number, field in enumerate(spec.fields):
        c = field.constraints
        cell, slow = f"c{number}", f"SLOW{number}"
        namespace[slow] = _converter(field)
        lines.append(f"    {cell} = raw[{header.index(field.name)}]")
        if field.type in ("integer", "number") and not set(c) - {"minimum", "required"}:
            minimum = c.get("minimum")
            fast = f"INT({cell})" if minimum in (None, 0) else None
            if fast is not None:
                blank = "None" if not c.get("required") else f"{slow}({cell})"
                lines.append(f"    v{number} = {blank} if {cell} == '' else ({fast} if {cell}.isdigit() "
                             f"and {cell}.isascii() else {slow}({cell}))")
            else:
                lines.append(f"    v{number} = {slow}({cell})")
        elif field.type == "string" and not set(c) - {"required", "enum", "pattern"}:
            checks = [f"{cell} != ''", f"{cell}[0] != \"'\""]
            if "enum" in c:
                namespace[f"ENUM{number}"] = frozenset(c["enum"])
                checks = [f"{cell} in ENUM{number}", f"{cell}[0] != \"'\""]
            if "pattern" in c:
                namespace[f"PATTERN{number}"] = re.compile(c["pattern"].strip("^$")).fullmatch
                # Consecutive rows mostly repeat the text (a report's id): match it once.
                namespace[f"SAME{number}"] = [None]
                checks.append(f"({cell} == SAME{number}[0] or PATTERN{number}({cell}) is not None "
                              f"and SAME{number}.__setitem__(0, {cell}) is None)")
            lines.append(f"    v{number} = {cell} if {' and '.join(checks)} else {slow}({cell})")
        else:
            lines.append(f"    v{number} = {slow}({cell})")
        values.append(f"{field.name!r}: v{number}")
    lines.append(f"    return {{{', '.join(values)}}}")
    exec(compile("\n".join(lines) + "\n", f"<opengovreport row reader, {spec.name}>", "exec"), namespace)
    convert: Callable[[list[str]], dict[str, Any]] = namespace["convert"]
    return convert


# Where a table finding comes in the package's list: by resource, then by phase (reading,
# keys, rows against reports, missing rows), then by line, as reading whole tables gave.
_READ, _KEYS, _ROWS, _MISSING = range(4)


class _Findings:
    """The package's table findings, put in a stable order at the end.

    Each item is (sort key, finding, whether it makes its resource unreadable): rows may
    have been lost, so the resource does not also report missing rows.
    """

    def __init__(self) -> None:
        self.items: list[tuple[tuple[int, int, int, int], Finding, bool]] = []

    def add(self, resource: int, phase: int, line: int, finding: Finding, unreadable: bool = False) -> None:
        self.items.append(((resource, phase, line, len(self.items)), finding, unreadable))

    def ordered(self) -> list[Finding]:
        return [finding for _, finding, _ in sorted(self.items, key=lambda item: item[0])]


class _Table:
    """One resource read as a stream of rows: header checked, cells parsed, problems noted."""

    def __init__(self, spec: ResourceSpec, position: int, findings: _Findings) -> None:
        self.spec = spec
        self.position = position
        self.findings = findings
        self.unreadable = False
        """Rows may have been lost (a ragged row, a bad key cell …): do not call rows missing."""

    def note(self, finding: Finding, line: int, phase: int = _READ) -> None:
        unreadable = phase == _READ and (finding.code not in ("TABLE-TYPE", "TABLE-CONSTRAINT") or (
            finding.location is not None and finding.location.column in self.spec.primary_key))
        self.findings.add(self.position, phase, line, finding, unreadable)
        if unreadable:
            self.unreadable = True

    def rows(self, stream: IO[bytes] | None, skip: tuple[dict[str, int], int] | None = None,
             ) -> Iterator[tuple[int, dict[str, Any]]]:
        """(CSV line, record) of every row whose key cells could be read.

        A cell that cannot be read is reported and left out of its row's record (never
        replaced by a blank); a row whose cells do not match the header is left out.
        ``skip`` = (report positions, start): the leading rows of reports before ``start``
        (or of unknown reports) are passed over unread, as another process reads them.
        """
        spec = self.spec
        name = spec.name
        if stream is None:
            return
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
        reader = csv.reader(text)
        line = 1
        try:
            try:
                header = next(reader)
            except StopIteration:
                self.note(_finding("TABLE-HEADER", Location(name, 1), "文件为空，缺少表头。",
                                   "the file is empty; the header row is missing."), 1)
                return
            expected = spec.field_names()
            missing = [n for n in expected if n not in header]
            extra = [n for n in header if n not in expected]
            duplicated = sorted({n for n in header if header.count(n) > 1})
            if missing or extra or duplicated:
                for n in missing:
                    self.note(_finding("TABLE-HEADER", Location(name, 1, n),
                                       "缺少此列。", "this column is missing.", expected=n), 1)
                for n in extra:
                    self.note(_finding("TABLE-HEADER", Location(name, 1, n),
                                       "表结构中没有此列。", "the table schema has no such column.",
                                       actual=n), 1)
                for n in duplicated:
                    self.note(_finding("TABLE-HEADER", Location(name, 1, n),
                                       "此列出现多次。", "this column appears more than once.",
                                       actual=n), 1)
                return
            width = len(header)
            fields = [(f.name, header.index(f.name), _converter(f), f) for f in spec.fields]
            unique: dict[str, dict[Any, int]] = {
                f.name: {} for f in spec.fields if f.constraints.get("unique")
            }
            keys = spec.primary_key
            fast = _fast_row(spec, header)
            if skip is not None and "report_id" in header:
                positions, start = skip
                at = header.index("report_id")
                for raw in reader:
                    line += 1
                    if len(raw) == width and not raw[at].startswith("'"):
                        position = positions.get(raw[at])
                        if position is None or position < start:
                            continue
                    break  # this row is the part's first (or is odd): read it properly
                else:
                    return
                reader = itertools.chain([raw], reader)
                line -= 1
            for raw in reader:
                line += 1
                if fast is not None and len(raw) == width:
                    try:
                        yield line, fast(raw)
                        continue
                    except (CellError, _ConstraintError):
                        pass  # read again cell by cell, to report every problem
                if len(raw) != width:
                    code = "TABLE-EXTRA-CELL" if len(raw) > width else "TABLE-MISSING-CELL"
                    self.note(_finding(
                        code, Location(name, line),
                        f"此行有 {len(raw)} 个单元格，表头有 {width} 列。",
                        f"the row has {len(raw)} cells, the header {width}.",
                        expected=width, actual=len(raw)), line)
                    continue
                record: dict[str, Any] = {}
                for field_name, index, convert, field in fields:
                    cell = raw[index]
                    try:
                        value = convert(cell)
                    except CellError as exc:
                        self.note(_finding("TABLE-TYPE", Location(name, line, field_name),
                                           f"无法读作 {field.type}：{cell!r}", str(exc),
                                           expected=field.type, actual=cell), line)
                        continue
                    except _ConstraintError as exc:
                        self.note(_finding("TABLE-CONSTRAINT", Location(name, line, field_name),
                                           f"值 {cell!r} 不符合约束：{exc}", f"{cell!r} {exc}",
                                           actual=cell), line)
                        continue
                    if unique and field_name in unique and value is not None:
                        seen = unique[field_name]
                        if value in seen:
                            self.note(_finding(
                                "TABLE-PRIMARY-KEY", Location(name, line, field_name),
                                f"{cell!r} 与第 {seen[value]} 行重复。",
                                f"{cell!r} repeats line {seen[value]}.", actual=cell), line)
                            continue
                        seen[value] = line
                    record[field_name] = value
                for key in keys:
                    if key not in record:
                        break  # an unreadable key cell is reported already
                else:
                    yield line, record
        except csv.Error as exc:
            self.note(_finding("TABLE-FORMAT", Location(name, line + 1),
                               f"不是有效的 CSV：{exc}", f"not valid CSV: {exc}"), line + 1)
        except UnicodeDecodeError as exc:
            self.note(_finding("TABLE-ENCODING", Location(name, line + 1),
                               f"不是 UTF-8 文本（第 {line + 1} 行附近，字节 {exc.start}）；请存为 UTF-8。",
                               f"not UTF-8 text (near line {line + 1}); save it as UTF-8."), line + 1)
        finally:
            text.close()

    def duplicate_key(self, key: tuple[Any, ...], line: int, first: int) -> None:
        self.findings.add(self.position, _KEYS, line, _finding(
            "TABLE-PRIMARY-KEY", Location(self.spec.name, line),
            f"主键 {key} 与第 {first} 行重复。",
            f"primary key {key} repeats line {first}.", actual=str(key)))


def read_rows(spec: ResourceSpec, data: bytes, display: str) -> tuple[list[tuple[int, dict[str, Any]]], list[Finding]]:
    """Rows of a resource as (CSV line, {field: value}); findings for everything unreadable."""
    findings = _Findings()
    table = _Table(spec, 0, findings)
    rows = list(table.rows(io.BytesIO(data)))
    return rows, findings.ordered()


def _descriptor_findings(descriptor: Any) -> list[Finding]:
    from importlib import resources as importlib_resources

    from jsonschema import Draft7Validator

    from ..schema.files import validator
    from ..schema.generate import PACKAGE_PROFILE

    findings = []
    v2 = json.loads(importlib_resources.files("opengovreport.package").joinpath(
        "profiles", "datapackage-2.0.json").read_text(encoding="utf-8"))
    checked = descriptor
    sources = descriptor.get("sources") if isinstance(descriptor, dict) else None
    if isinstance(sources, list) and len(sources) > 1:
        # A package lists one source per report: those that plainly follow the profile
        # (a title and a web address) need not go through jsonschema one by one.
        path = re.compile(v2["properties"]["sources"]["items"]["properties"]["path"]["pattern"]).search
        if all(type(item) is dict and item and item.keys() <= {"title", "path"}
               and all(type(value) is str for value in item.values())
               and ("path" not in item or path(item["path"]) is not None) for item in sources[1:]):
            checked = {**descriptor, "sources": sources[:1]}
    for error in Draft7Validator(v2).iter_errors(checked):
        pointer = "".join(f"/{p}" for p in error.absolute_path)
        findings.append(Finding("PACKAGE-DESCRIPTOR", Severity.ERROR, (pointer,),
                                f"datapackage.json {pointer or '/'} 不符合 Data Package v2：{error.message}",
                                f"datapackage.json {pointer or '/'} breaks Data Package v2: {error.message}"))
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


class _Unsorted(Exception):
    """A table does not list its rows grouped by report in the order of reports.csv."""


class _Groups:
    """The rows of one resource, taken one report at a time.

    Streaming: rows must come grouped by report, in the order of reports.csv; a group
    that comes back, or comes after a later report's, raises _Unsorted. In memory:
    all rows are gathered first, so any order works.
    """

    def __init__(self, table: _Table, rows: Iterator[tuple[int, dict[str, Any]]],
                 order: dict[str, int], in_memory: bool, start: int = 0) -> None:
        self.table = table
        self.order = order
        self.rows = rows
        self.in_memory = in_memory
        self.buckets: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.unknown: list[tuple[int, dict[str, Any]]] = []
        self.head: tuple[int, dict[str, Any]] | None = None
        self.position = -1
        self.first_line: int | None = None
        """Streaming a part of the reports (``start`` > 0): the line of the first row kept."""
        if in_memory:
            for line, record in rows:
                self.buckets.setdefault(record["report_id"], []).append((line, record))
            self.check_keys_everywhere()
            return
        head = next(rows, None)
        while start and head is not None:
            at = order.get(head[1]["report_id"])
            if at is not None and at >= start:
                break
            head = next(rows, None)  # an earlier part's row (or an unknown report's before it)
        self.head = head
        self.first_line = head[0] if head is not None else None

    def check_keys_everywhere(self) -> None:
        self.check_keys(sorted(line_record for bucket in self.buckets.values() for line_record in bucket))

    def check_keys(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        """Report every row whose primary key an earlier one of ``rows`` has."""
        seen: dict[tuple[Any, ...], int] = {}
        keys = self.table.spec.primary_key
        for line, record in rows:
            key = tuple(record[name] for name in keys)
            if key in seen:
                self.table.duplicate_key(key, line, seen[key])
            else:
                seen[key] = line

    def take(self, report_id: str) -> list[tuple[int, dict[str, Any]]]:
        """The rows of ``report_id`` (rows of reports not in reports.csv are set aside)."""
        if self.in_memory:
            return self.buckets.pop(report_id, [])
        position = self.order[report_id]
        group: list[tuple[int, dict[str, Any]]] = []
        head, rows, order = self.head, self.rows, self.order
        while head is not None:
            at = order.get(head[1]["report_id"])
            if at == position:
                group.append(head)
            elif at is None:
                self.unknown.append(head)
            elif at < position or at <= self.position:
                self.head = head
                raise _Unsorted
            else:
                break
            head = next(rows, None)
        self.head = head
        self.position = position
        keys = self.table.spec.primary_key
        # Within one report's group the first key (report_id) is the same: look at the rest.
        if len(group) > 1 and (len(keys) != 2 or len({record.get(keys[1]) for _, record in group}) != len(group)):
            self.check_keys(group)
        return group

    def rest_until(self, stop: int) -> list[tuple[int, dict[str, Any]]]:
        """Streaming a part of the reports: rows of unknown reports up to the next part's rows."""
        head, order = self.head, self.order
        while head is not None:
            at = order.get(head[1]["report_id"])
            if at is None:
                self.unknown.append(head)
            elif at >= stop:
                break
            else:
                raise _Unsorted  # a row of a report of this part whose turn has passed
            head = next(self.rows, None)
        self.head = head
        left, self.unknown = self.unknown, []
        return left

    def rest(self) -> list[tuple[int, dict[str, Any]]]:
        """Rows left when every report has taken its own: rows of unknown reports."""
        if self.in_memory:
            left = sorted(line_record for bucket in self.buckets.values() for line_record in bucket)
            self.buckets.clear()
            return left
        while self.head is not None:
            if self.head[1]["report_id"] in self.order:
                raise _Unsorted  # a row of a report whose turn has passed
            self.unknown.append(self.head)
            self.head = next(self.rows, None)
        left, self.unknown = self.unknown, []
        return left


@attrs.frozen
class _Part:
    """What reading some of a package's reports found (picklable, to send between processes)."""

    start: int
    items: list[tuple[tuple[int, int, int, int], Finding, bool]]
    missing: list[tuple[int, list[tuple[int, Finding]]]]
    """(resource, missing-row findings of this part's reports), in report order."""
    first_lines: dict[int, int | None]
    """Resource → the line of the first row this part kept (a later part's rows begin there)."""
    unreadable: set[int]


def merge_parts(reader: "PackageReader", parts: list[_Part]) -> list[Finding]:
    """The package's findings from the parts that read its reports, in reading order.

    Each part read (and reported on) some rows of the part before it, or after it: a
    finding belongs to the part whose rows hold its line. Findings about the package as a
    whole (reports.csv, missing resources, headers) come from the first part.
    """
    parts = sorted(parts, key=lambda part: part.start)
    items: list[tuple[tuple[int, int, int, int], Finding]] = []
    unreadable: set[int] = set()
    for number, part in enumerate(parts):
        later = parts[number + 1] if number + 1 < len(parts) else None
        for (resource, phase, line, seq), finding, makes_unreadable in part.items:
            if number and (resource == 0 or line <= 1 or line < (part.first_lines.get(resource) or 0)
                           or part.first_lines.get(resource) is None):
                continue  # the first part has it
            end = later.first_lines.get(resource) if later is not None else None
            if later is not None and end is not None and line >= end:
                continue  # the next part has it
            items.append(((resource, phase, line, number * 10**9 + seq), finding))
            if makes_unreadable:
                unreadable.add(resource)
        unreadable |= {r for r in part.unreadable if number == 0 and r not in part.first_lines}
    for number, part in enumerate(parts):
        for resource, missing in part.missing:
            if resource not in unreadable:
                for _, finding in missing:
                    items.append(((resource, _MISSING, 0, number * 10**9 + len(items)), finding))
    extra = [
        _finding("PACKAGE-EXTRA-RESOURCE", Location(name),
                 "不是本标准的资源，未读取。", "not a resource of this standard; not read.",
                 severity=Severity.INFO)
        for name in reader.paths if not is_known_resource(name)
    ]
    ordered = [finding for _, finding in sorted(items, key=lambda item: item[0])]
    return [*reader.descriptor_findings, *ordered, *extra]


def is_known_resource(name: str) -> bool:
    """Whether a resource is one this standard defines (tables, reports, narrative, extensions,
    codelists); others are reported (PACKAGE-EXTRA-RESOURCE) and not read."""
    if name in (REPORTS.name, NARRATIVE.name, EXTENSIONS.name) or name.startswith("codelist_"):
        return True
    return any(spec.name == name for code in EDITION_CODES for spec in edition_resources(code))


@attrs.define
class _Report:
    """What pass one learns of a report: its place and edition."""

    position: int
    edition: str
    line: int


class PackageReader:
    """Reads one package: :meth:`documents` yields (report id, document) one by one.

    ``findings`` (descriptor and table problems) is complete once :meth:`documents` is
    exhausted. Use as a context manager.
    """

    def __init__(self, path: str | Path, limits: Limits | None = None) -> None:
        self.source = PackageSource(path, limits)
        try:
            self._open()
        except BaseException:
            self.source.close()
            raise

    def __enter__(self) -> "PackageReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.source.close()

    @property
    def name(self) -> str:
        return self.source.name

    def _open(self) -> None:
        source = self.source
        try:
            descriptor = parse_json(decode(source.read_descriptor(), source.descriptor_name),
                                    source.descriptor_name)
        except InputError as exc:
            raise PackageError(exc.reason, file=source.descriptor_name, line=exc.line,
                               column=exc.column, pointer=exc.pointer) from None
        if not isinstance(descriptor, dict):
            raise PackageError("datapackage.json is not a JSON object", file=source.descriptor_name)
        self.descriptor: dict[str, Any] = descriptor
        self.descriptor_findings = _descriptor_findings(descriptor)
        resources = descriptor.get("resources")
        if not isinstance(resources, list):
            raise PackageError("datapackage.json has no list of resources",
                               file=source.descriptor_name, pointer="/resources")
        self.paths: dict[str, str] = {}
        for index, resource in enumerate(resources):
            if not isinstance(resource, dict):
                continue
            resource_path = resource.get("path")
            if "data" in resource and resource_path is None:
                continue  # inline data: nothing to read from disk
            self.paths[str(resource.get("name"))] = check_resource_path(
                resource_path, f"{source.descriptor_name} (/resources/{index}/path)")
        self.findings: list[Finding] = list(self.descriptor_findings)
        self.report_count = 0

    def _stream(self, spec: ResourceSpec) -> IO[bytes] | None:
        path = self.paths.get(spec.name)
        return None if path is None else self.source.open(path)

    def documents(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every report's document, in the order of reports.csv.

        If the tables turn out not to be grouped by report in that order, raises
        :class:`_Unsorted` (before or after yielding some documents): read again with
        ``in_memory=True`` (:meth:`all_documents` does that).
        """
        yield from self._documents(in_memory=False)

    def count_reports(self) -> int:
        """How many reports reports.csv lists (its readable rows; it is read once more)."""
        if REPORTS.name not in self.paths:
            return 0
        ids: set[str] = set()
        with self._stream(REPORTS) as stream:  # type: ignore[union-attr]
            for _, record in _Table(REPORTS, 0, _Findings()).rows(stream):
                ids.add(record["report_id"])
        return len(ids)

    def part(self, start: int, stop: int | None) -> Iterator[tuple[str, dict[str, Any]]]:
        """The documents of the reports at positions ``start`` to ``stop``, streaming only
        (raises :class:`_Unsorted` for tables not in report order); then :attr:`part_found`
        holds what this part found, for :func:`merge_parts`."""
        yield from self._documents(in_memory=False, start=start, stop=stop)

    def all_documents(self, on_restart: Callable[[], None] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """:meth:`documents`, read again in memory when the tables are not in report order
        (``on_restart`` is called first, so a consumer can forget what it was given)."""
        try:
            yield from self._documents(in_memory=False)
            return
        except _Unsorted:
            if on_restart is not None:
                on_restart()
        yield from self._documents(in_memory=True)

    def _documents(self, in_memory: bool, start: int = 0,
                   stop: int | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """The documents of the reports at positions ``start`` to ``stop`` in reports.csv
        (all by default; parts are for reading a package with several processes, see
        :meth:`part` and :func:`merge_parts`)."""
        self.part_found: _Part | None = None
        findings = _Findings()
        self.findings = list(self.descriptor_findings)
        self.aggregates: set[str] = set()
        """Reports that list components (known once the first document is read)."""
        self.components: set[str] = set()
        """Ids listed as some report's components."""
        specs: list[ResourceSpec] = [REPORTS]
        for code in EDITION_CODES:
            specs.extend(edition_resources(code))
        specs += [NARRATIVE, EXTENSIONS]
        tables = {spec.name: _Table(spec, position, findings) for position, spec in enumerate(specs)}
        missing_rows: dict[str, list[tuple[int, Finding]]] = {}

        # Pass one: which reports there are, in which order, of which edition.
        reports: dict[str, _Report] = {}
        reports_table = tables[REPORTS.name]
        if REPORTS.name not in self.paths:
            findings.add(0, _READ, 0, _finding("PACKAGE-MISSING-RESOURCE", Location(REPORTS.name),
                                               "数据包缺少此资源。", "the package has no such resource."))
        else:
            with self._stream(REPORTS) as stream:  # type: ignore[union-attr]
                for line, record in reports_table.rows(stream):
                    reports[record["report_id"]] = _Report(len(reports), record.get("edition", ""), line)
                    if record.get("components"):
                        self.aggregates.add(record["report_id"])
                        self.components.update(record["components"].split())
        self.report_count = len(reports)
        editions_used = {r.edition for r in reports.values()}
        order = {report_id: r.position for report_id, r in reports.items()}

        # Pass two: every table side by side, one report at a time.
        groups: dict[str, _Groups] = {}
        opened: list[IO[bytes]] = []
        try:
            for spec in specs[1:]:
                table = tables[spec.name]
                required = spec.edition is None or spec.edition in editions_used
                if spec.name not in self.paths:
                    if required:
                        findings.add(table.position, _READ, 0, _finding(
                            "PACKAGE-MISSING-RESOURCE", Location(spec.name),
                            "数据包缺少此资源。", "the package has no such resource."))
                    table.unreadable = True
                    continue
                stream = self._stream(spec)
                assert stream is not None
                opened.append(stream)
                rows = table.rows(stream, (order, start) if start and not in_memory else None)
                groups[spec.name] = _Groups(table, rows, order, in_memory, start)
                if in_memory:
                    stream.close()

            if REPORTS.name in self.paths:
                with self._stream(REPORTS) as stream:  # type: ignore[union-attr]
                    # Rows of a repeated report id were left out (TABLE-PRIMARY-KEY) in pass one.
                    for line, record in _Table(REPORTS, 0, _Findings()).rows(stream):
                        report_id = record["report_id"]
                        at = reports[report_id].position
                        if at < start:
                            continue
                        if stop is not None and at >= stop:
                            break
                        yield report_id, self._document(record, reports, groups, tables, missing_rows)

            for spec in specs[1:]:
                group = groups.get(spec.name)
                if group is None:
                    continue
                for line, record in (group.rest() if stop is None else group.rest_until(stop)):
                    findings.add(tables[spec.name].position, _ROWS, line, _finding(
                        "TABLE-FOREIGN-KEY", Location(spec.name, line, "report_id"),
                        f"reports 中没有报告 {record['report_id']!r}。",
                        f"no report {record['report_id']!r} in reports.",
                        actual=record["report_id"]))
        finally:
            for stream in opened:
                stream.close()

        first_lines = {tables[name].position: group.first_line for name, group in groups.items()}
        missing = [(tables[name].position, items) for name, items in missing_rows.items()]
        unreadable = {table.position for table in tables.values() if table.unreadable}
        self.part_found = _Part(start, findings.items, missing, first_lines, unreadable)
        self.findings = merge_parts(self, [self.part_found])

    def _document(self, record: dict[str, Any], reports: dict[str, _Report], groups: dict[str, _Groups],
                  tables: dict[str, _Table], missing_rows: dict[str, list[tuple[int, Finding]]]) -> dict[str, Any]:
        report_id = record["report_id"]
        document = metadata_document(record)
        edition_code = reports[report_id].edition

        for code in EDITION_CODES:
            for spec in edition_resources(code):
                group = groups.get(spec.name)
                rows = group.take(report_id) if group is not None else []
                table = spec.table
                assert table is not None
                position = tables[spec.name].position
                present: set[str] = set()
                if rows and edition_code != code:
                    for line, row_record in rows:
                        tables[spec.name].findings.add(position, _ROWS, line, _finding(
                            "TABLE-FOREIGN-KEY", Location(spec.name, line, "report_id"),
                            f"报告 {report_id} 属于 {edition_code} 版式，不是 {code}。",
                            f"report {report_id} is of edition {edition_code}, not {code}.",
                            actual=report_id))
                    rows = []
                if rows:
                    assemblers = _row_assemblers(spec)
                    for line, row_record in rows:
                        row_id = row_record["row_id"]
                        present.add(row_id)
                        if not assemblers[row_id](row_record, document):
                            # Something to report: the careful way, field by field.
                            self._row(document, spec, line, row_record, _row_plan(spec)[row_id],
                                      position, tables)
                if edition_code == code and group is not None and not (table.optional and not present):
                    for row in table.rows:
                        if row.key not in present:
                            missing_rows.setdefault(spec.name, []).append((0, _finding(
                                "TABLE-MISSING-ROW", Location(spec.name, None, "row_id"),
                                f"报告 {report_id} 缺少“{row.label_zh}”行（{row.key}）。",
                                f"report {report_id} has no row {row.key!r}.", expected=row.key)))

        narrative = groups.get(NARRATIVE.name)
        if narrative is not None:
            for _, row_record in narrative.take(report_id):
                if "text" in row_record:
                    document.setdefault("narrative", {})[row_record["section"]] = row_record["text"] or ""
        extensions = groups.get(EXTENSIONS.name)
        if extensions is not None:
            for line, row_record in extensions.take(report_id):
                extension: dict[str, Any] = {}
                for key in ("label", "label_en", "table"):
                    if row_record.get(key) is not None:
                        extension[key] = row_record[key]
                if row_record.get("values") is not None:
                    try:
                        extension["values"] = parse_json(row_record["values"])
                    except InputError as exc:
                        tables[EXTENSIONS.name].findings.add(
                            tables[EXTENSIONS.name].position, _ROWS, line, _finding(
                                "TABLE-TYPE", Location(EXTENSIONS.name, line, "values"),
                                f"不是 JSON 对象：{exc.reason}", f"not a JSON object: {exc.reason}",
                                actual=row_record["values"]))
                        continue
                document.setdefault("extensions", {})[row_record["name"]] = extension
        return document

    def _row(self, document: dict[str, Any], spec: ResourceSpec, line: int, record: dict[str, Any],
             plan: "_RowPlan", position: int, tables: dict[str, _Table]) -> None:
        """Put one row's cells in the document, reporting every problem of the row."""
        findings = tables[spec.name].findings
        row, parents, cells, other = plan
        node: dict[str, Any] | None = None
        label = record.get("row_label")
        if label is not None and label != row.label_zh:
            findings.add(position, _ROWS, line, _finding(
                "PACKAGE-ROW-LABEL", Location(spec.name, line, "row_label"),
                f"行名称与定义不同（应为“{row.label_zh}”）；以 row_id 为准。",
                f"the label differs from the definition ({row.label_zh!r}); row_id decides.",
                severity=Severity.WARNING, expected=row.label_zh, actual=label))
        for field_name, key, integer in cells:
            if field_name not in record:
                continue  # unreadable (reported)
            value = record[field_name]
            if integer and value is not None and type(value) is not int:
                findings.add(position, _ROWS, line, _finding(
                    "TABLE-TYPE", Location(spec.name, line, field_name),
                    "应为整数。", "expected a whole number.", actual=str(value)))
                continue
            if node is None:  # made with the first cell, as a document holds no empty rows
                node = document
                for part in parents:
                    node = node.setdefault(part, {})
            node[key] = value
        for field_name in other:
            value = record.get(field_name)
            if value is not None:
                findings.add(position, _ROWS, line, _finding(
                    "TABLE-NOT-APPLICABLE", Location(spec.name, line, field_name),
                    f"“{row.label_zh}”行没有此列，应留空。",
                    f"row {row.key!r} has no such column; leave it empty.",
                    actual=str(value)))


def metadata_document(record: dict[str, Any]) -> dict[str, Any]:
    """The start of a report's document: what its row of reports.csv says (no tables yet)."""

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
    return document


def _row_assemblers(spec: ResourceSpec) -> dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]]:
    """row_id → a function putting a row's cells in a document, generated per table row; it
    returns False, having changed nothing, when the row has anything to report (a label that
    differs, an unreadable cell, a fraction in a count, a value in a column the row lacks)."""

    def build(edition: Any) -> dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]]:
        namespace: dict[str, Any] = {"int": int}
        lines: list[str] = []
        names = {}
        for number, (row_id, (row, parents, cells, other)) in enumerate(_row_plan(spec).items()):
            namespace[f"LABEL{number}"] = row.label_zh
            lines.append(f"def row{number}(rec, doc):")
            lines.append(f"    if len(rec) != {len(spec.fields)}: return False")
            lines.append("    label = rec.get('row_label')")
            lines.append(f"    if label is not None and label != LABEL{number}: return False")
            for field_name in other:
                lines.append(f"    if rec[{field_name!r}] is not None: return False")
            for position, (field_name, _, integer) in enumerate(cells):
                lines.append(f"    v{position} = rec[{field_name!r}]")
                if integer:
                    lines.append(f"    if v{position} is not None and type(v{position}) is not int: return False")
            node = "doc"
            for depth, part in enumerate(parents):
                lines.append(f"    n{depth} = {node}.get({part!r})")
                lines.append(f"    if n{depth} is None: n{depth} = {node}[{part!r}] = {{}}")
                node = f"n{depth}"
            for position, (_, key, _) in enumerate(cells):
                lines.append(f"    {node}[{key!r}] = v{position}")
            lines.append("    return True")
            names[row_id] = f"row{number}"
        exec(compile("\n".join(lines) + "\n", f"<opengovreport row assembly, {spec.name}>", "exec"), namespace)
        return {row_id: namespace[name] for row_id, name in names.items()}

    assert spec.edition is not None
    return get_edition(spec.edition).derived(("opengovreport.package.read:assemble", spec.name), build)


_RowPlan = tuple[Any, tuple[str, ...], tuple[tuple[str, str, bool], ...], tuple[str, ...]]


def _row_plan(spec: ResourceSpec) -> dict[str, _RowPlan]:
    """row_id → (row, path of the row's object in a document, (field, key, whole number?) of
    its cells in field order, the cell fields the row does not have), built once per table."""
    table = spec.table
    assert table is not None

    def build(edition: Any) -> dict[str, _RowPlan]:
        assert table is not None
        plans: dict[str, _RowPlan] = {}
        for row in table.rows:
            own = {value_column_name(c): c for c in row.columns}
            cells: list[tuple[str, str, bool]] = []
            other: list[str] = []
            parents: tuple[str, ...] = ()
            for field in spec.fields:
                if field.kind is None:
                    continue
                column = own.get(field.name)
                if column is None:
                    other.append(field.name)
                    continue
                parts = [p for p in (table.key, row.key, column.key) if p]
                path = ".".join(parts).split(".")
                parents = tuple(path[:-1])
                cells.append((field.name, path[-1], column.kind.value in ("count", "signed_count")))
            plans[row.key] = (row, parents, tuple(cells), tuple(other))
        return plans

    assert spec.edition is not None
    return get_edition(spec.edition).derived(("opengovreport.package.read:rows", spec.name), build)


def read_package(path: str | Path, limits: Limits | None = None) -> PackageData:
    """Read a package (folder, datapackage.json or .zip) into report documents and findings."""
    with PackageReader(path, limits) as reader:
        documents: list[tuple[str, dict[str, Any]]] = []
        for item in reader.all_documents(on_restart=documents.clear):
            documents.append(item)
        return PackageData(
            name=reader.name,
            descriptor=reader.descriptor,
            documents=tuple(documents),
            findings=tuple(reader.findings),
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
