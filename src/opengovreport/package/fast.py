"""Validating a well-formed data package fast, with the careful reader as the reference.

:func:`opengovreport.validate_package` first asks :func:`validate_well_formed` here. It
reads the package the way :func:`~opengovreport.package.to_package` writes one: every
table's header exactly as its schema lists the fields, each report's rows grouped in
the order of ``reports.csv``, its rows in the order the edition prints them, every
row present (an optional table: all or none), every cell readable as its field's
type, labels as the definition has them, no extension rows, no extra resources.
Then nothing in the tables has a finding, and the cells go straight from the CSV
text into the report's values in printed order — no document is assembled and no
schema check walks the tables again:

* whole numbers are read as the careful reader reads them (the same converters);
* a report whose tables are complete and whose cells are numbers of their kind is
  schema-valid exactly when its other members are (:func:`~opengovreport.validation.fast.metadata_check`);
  a report that is not gets its document assembled and :func:`~opengovreport.validate`
  says what is wrong, as before;
* the rules run on the values (:meth:`~opengovreport.validation.fast.Plan.rule_findings`).

At the first thing that is not plainly well formed the fast reading stops
(:class:`Decline`), and the careful reader (:mod:`opengovreport.package.read`) reads
the package from the start and reports every table problem where it is; the results
are the same either way, only a package with table problems takes longer.

Large folder packages are read by several processes, each taking a contiguous part of
the reports and starting each table at the byte where that part's rows begin (found
by searching for ``\\n<report id>,`` in tables without quoted cells, where every line
break ends a row).
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import mmap
from functools import partial
from pathlib import Path
from typing import IO, Any, Callable, Iterator, Sequence

import attrs

from ..collection import Entry
from ..editions import EDITION_CODES, Edition, get_edition
from ..findings import ValidationReport
from ..model.lazy import LazyDocument
from ..rules.base import ABSENT
from .cells import CellError, unescape_text
from .layout import EXTENSIONS, NARRATIVE, REPORTS, ResourceSpec, edition_resources, value_column_name
from .read import (
    PackageReader,
    _ConstraintError,
    _converter,
    _fast_row,
    _nest,
    is_known_resource,
    metadata_document,
)
from .processes import start_child, stop_children
from .source import Limits

__all__ = ["Decline", "validate_well_formed"]

Progress = Callable[[int, int], None]


class Decline(Exception):
    """The package is not plainly well formed here: the careful reader must read it."""


# -- reading one table's rows into values ------------------------------------------------------


class _TableFill:
    """How the rows of one table resource go into a report's values (built once per edition)."""

    def __init__(self, spec: ResourceSpec) -> None:
        table = spec.table
        assert table is not None and spec.edition is not None
        edition = get_edition(spec.edition)
        header = list(spec.field_names())
        self.spec = spec
        self.width = len(header)
        self.optional = table.optional
        self.row_ids = tuple(row.key for row in table.rows)
        index = edition.cell_index
        namespace: dict[str, Any] = {"INT": int}
        lines: list[str] = []
        label_at = header.index("row_label")
        cell_fields = [f for f in spec.fields if f.kind is not None]
        for number, row in enumerate(table.rows):
            own = {value_column_name(c): c for c in row.columns}
            namespace[f"LABEL{number}"] = row.label_zh
            lines.append(f"def fill{number}(raw, v):")
            lines.append(f"    label = raw[{label_at}]")
            lines.append(f"    if label != LABEL{number} and label != '': return False")
            for field in cell_fields:
                at = header.index(field.name)
                column = own.get(field.name)
                if column is None:
                    lines.append(f"    if raw[{at}] != '': return False")  # a column the row lacks
                    continue
                cell_id = ".".join(p for p in (table.key, row.key, column.key) if p)
                k = index[cell_id]
                slow = f"SLOW{at}"
                namespace[slow] = _converter(field)
                integer = column.kind.value in ("count", "signed_count")
                c = field.constraints
                lines.append(f"    c = raw[{at}]")
                # As the careful reader's row reader (read._fast_row) takes each cell:
                digits = c.get("minimum") in (None, 0) and not set(c) - {"minimum", "required"}
                blank = "v[{k}] = None" if not c.get("required") else f"v[{k}] = {slow}(c)"
                lines.append(f"    if c == '': {blank.format(k=k)}")
                if digits:
                    lines.append(f"    elif c.isdigit() and c.isascii(): v[{k}] = INT(c)")
                lines.append("    else:")
                lines.append(f"        x = {slow}(c)")
                if integer:
                    lines.append("        if x is not None and type(x) is not INT: return False")
                lines.append(f"        v[{k}] = x")
            lines.append("    return True")
        exec(compile("\n".join(lines) + "\n", f"<opengovreport package fill, {spec.name}>", "exec"), namespace)
        self.fills = tuple(namespace[f"fill{number}"] for number in range(len(table.rows)))

    def take(self, report_id: str, head: list[str] | None, rows: Iterator[list[str]],
             values: list[Any]) -> list[str] | None:
        """Put the rows of ``report_id`` (starting at ``head``) into ``values``; the next row."""
        ids, fills, width = self.row_ids, self.fills, self.width
        count = len(ids)
        taken = 0
        try:
            while head is not None and head[0] == report_id:
                if taken == count or len(head) != width or head[1] != ids[taken] \
                        or not fills[taken](head, values):
                    raise Decline(f"{self.spec.name}: row {head[1]!r} of {report_id}")
                taken += 1
                head = next(rows, None)
        except (CellError, _ConstraintError):
            raise Decline(f"{self.spec.name}: a cell of {report_id}") from None
        if taken != count and not (self.optional and taken == 0):
            raise Decline(f"{self.spec.name}: rows missing for {report_id}")
        return head


def _table_fill(spec: ResourceSpec) -> _TableFill:
    assert spec.edition is not None
    return get_edition(spec.edition).derived(("opengovreport.package.fast:fill", spec.name),
                                              lambda e: _TableFill(spec))


# -- the reports ----------------------------------------------------------------------------------


class _Reports:
    """reports.csv, read whole (one small row per report): ids and editions at once, each
    report's record (its cells read as the careful reader reads them) when its part asks."""

    def __init__(self, reader: PackageReader) -> None:
        width = len(REPORTS.fields)
        names = REPORTS.field_names()
        self.rows: list[list[str]] = []
        with reader.source.open(reader.paths[REPORTS.name]) as stream, _plain_csv(REPORTS):
            for raw in _csv_rows(stream, REPORTS):
                if len(raw) != width:
                    raise Decline("reports: a ragged row")
                self.rows.append(raw)
        id_at, edition_at, components_at = (names.index(n) for n in ("report_id", "edition", "components"))
        self.ids = [raw[id_at] for raw in self.rows]
        self.editions = [raw[edition_at] for raw in self.rows]
        self.position = {report_id: at for at, report_id in enumerate(self.ids)}
        if len(self.position) != len(self.ids):
            raise Decline("reports: a repeated report id")
        components = _converter(REPORTS.fields[components_at])
        try:
            listed = {at: components(raw[components_at]) for at, raw in enumerate(self.rows) if raw[components_at]}
        except (CellError, _ConstraintError):  # pragma: no cover - plain text always reads
            raise Decline("reports: components") from None
        self.aggregates = {self.ids[at] for at, text in listed.items() if text}
        """Reports that list components."""
        self.components = {part for text in listed.values() if text for part in text.split()}
        """Ids listed as some report's components."""
        self._convert = _fast_row(REPORTS, list(names), unique_checked=True)

    def record(self, at: int) -> dict[str, Any]:
        """The record of the report at ``at``, as the careful reader reads reports.csv."""
        assert self._convert is not None
        try:
            record = self._convert(self.rows[at])
        except (CellError, _ConstraintError):
            raise Decline("reports: a cell") from None
        return record


def _csv_rows(stream: IO[bytes], spec: ResourceSpec, header: bool = True) -> Iterator[list[str]]:
    """The rows of a CSV stream after its header, which must be exactly the schema's fields.

    (The csv reader itself, not a generator around it: a layer of Python per row costs
    more than reading the row. Its errors are caught where the rows are read.)
    """
    rows = csv.reader(io.TextIOWrapper(stream, encoding="utf-8-sig", newline=""))
    if header and next(rows, None) != list(spec.field_names()):
        raise Decline(f"{spec.name}: the header differs from the table schema")
    return rows


@contextlib.contextmanager
def _plain_csv(spec: ResourceSpec | None) -> Iterator[None]:
    """Declines at text that is not UTF-8 CSV (the careful reader locates the problem)."""
    try:
        yield
    except (csv.Error, UnicodeDecodeError):
        raise Decline(f"{spec.name if spec else 'a table'}: not plain UTF-8 CSV") from None


def _assemble(metadata: dict[str, Any], values: Sequence[Any], edition: Edition,
              narrative: dict[str, str] | None) -> dict[str, Any]:
    """A report's document exactly as the careful reader assembles it: what reports.csv says,
    the tables in order, then the narrative."""
    document = {k: v for k, v in metadata.items() if k != "narrative"}
    for cell, value in zip(edition.cells, values):
        if value is not ABSENT:
            _nest(document, cell.id, value)
    if narrative is not None:
        document["narrative"] = dict(narrative)
    return document


# -- one part of the reports ----------------------------------------------------------------------


class _Part:
    """Validates the reports at positions start … stop of a well-formed package."""

    def __init__(self, reader: PackageReader, reports: _Reports, start: int, stop: int,
                 offsets: dict[str, int] | None) -> None:
        self.reader = reader
        self.reports = reports
        self.start, self.stop = start, stop
        self.offsets = offsets or {}

    def _open(self, spec: ResourceSpec, opened: list[IO[bytes]]) -> tuple[list[str] | None, Iterator[list[str]]]:
        """The first row of this part in ``spec``'s table, and the rows after it."""
        offset = self.offsets.get(spec.name, 0)
        stream = self.reader.source.open(self.reader.paths[spec.name], offset)
        opened.append(stream)
        if offset:
            rows = _csv_rows(stream, spec, header=False)
            return next(rows, None), rows
        rows = _csv_rows(stream, spec)
        head = next(rows, None)
        if self.start:
            position = self.reports.position
            while head is not None and position.get(head[0], -1) < self.start:
                if head[0] not in position:
                    raise Decline(f"{spec.name}: a row of an unknown report")
                head = next(rows, None)
        return head, rows

    def run(self, counter: Callable[[int], None] | None = None) -> tuple[list[ValidationReport], list[tuple[str, Entry]]]:
        from ..validation import validate
        from ..validation.fast import metadata_check, plan
        from .validate import entry_of

        reader, reports = self.reader, self.reports
        name = reader.name
        present = [spec for code in EDITION_CODES for spec in edition_resources(code)
                   if spec.name in reader.paths]
        heads: dict[str, list[str] | None] = {}
        streams: dict[str, Iterator[list[str]]] = {}
        opened: list[IO[bytes]] = []
        results: list[ValidationReport] = []
        entries: list[tuple[str, Entry]] = []
        try:
            for spec in [*present, NARRATIVE, EXTENSIONS]:
                if spec.name in reader.paths:
                    heads[spec.name], streams[spec.name] = self._open(spec, opened)
            by_edition = {code: [(spec, _table_fill(spec)) for spec in present if spec.edition == code]
                          for code in EDITION_CODES}
            editions = {code: get_edition(code) for code in EDITION_CODES}
            plans = {code: plan(edition) for code, edition in editions.items()}
            metadata_checks = {code: metadata_check(edition) for code, edition in editions.items()}
            narrative_width = len(NARRATIVE.fields)
            section_at, text_at = NARRATIVE.field_names().index("section"), NARRATIVE.field_names().index("text")
            sections = frozenset(NARRATIVE.fields[section_at].constraints["enum"])
            aggregates, components = reports.aggregates, reports.components
            narrative_rows = streams.get(NARRATIVE.name)
            for at in range(self.start, self.stop):
                report_id = reports.ids[at]
                record = reports.record(at)
                code = record["edition"]
                edition = editions[code]
                values: list[Any] = [ABSENT] * len(edition.cells)
                for spec, fill in by_edition[code]:
                    heads[spec.name] = fill.take(report_id, heads[spec.name], streams[spec.name], values)
                narrative: dict[str, str] | None = None
                if narrative_rows is not None:
                    head = heads[NARRATIVE.name]
                    while head is not None and head[0] == report_id:
                        section = head[section_at] if len(head) == narrative_width else None
                        if section not in sections or (narrative and section in narrative):
                            raise Decline(f"narrative: a row of {report_id}")
                        (narrative := narrative or {})[section] = unescape_text(head[text_at])
                        head = next(narrative_rows, None)
                    heads[NARRATIVE.name] = head
                if heads.get(EXTENSIONS.name) is not None and heads[EXTENSIONS.name][0] == report_id:  # type: ignore[index]
                    raise Decline("extensions: rows to read carefully")
                metadata = metadata_document(record)
                if narrative is not None:
                    metadata["narrative"] = narrative
                document = LazyDocument(partial(_assemble, metadata, values, edition, narrative), known=metadata)
                file = f"{name}#{report_id}"
                everything = report_id in aggregates or report_id in components
                if metadata_checks[code](metadata) is None:
                    # Something is wrong outside the tables: the reference says what.
                    full = document.full()
                    result = validate(full, file=file)
                    results.append(result)
                    entry = entry_of(full, result, everything)
                    if entry is not None:
                        entries.append((report_id, entry))
                else:
                    cells = tuple(values)
                    results.append(plans[code].validate(cells, document, file))
                    entries.append((report_id, Entry.of_values(metadata, cells, everything)))
                if counter is not None and len(results) % 64 == 0:
                    counter(len(results))
            for spec_name, head in heads.items():
                if head is not None and self.reports.position.get(head[0], -1) < self.stop:
                    raise Decline(f"{spec_name}: rows out of order or of an unknown report")
        except (csv.Error, UnicodeDecodeError):
            raise Decline("a table is not plain UTF-8 CSV") from None
        finally:
            for stream in opened:
                stream.close()
        return results, entries


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while reports pile up, restored after.

    Validating a package creates millions of objects that live to the end (a result per
    report) and no reference cycles; the collector would walk them all again and again,
    which costs more than a tenth of the time on a large package. Memory is still freed
    as references go (reference counting does not pause).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- the package ----------------------------------------------------------------------------------


def _offsets(reader: PackageReader, reports: _Reports, start: int) -> dict[str, int] | None:
    """Where, in each table without quoted cells, the rows of the report at ``start`` (or the
    next of its edition) begin; None when a table cannot be entered so (then rows are skipped)."""
    offsets: dict[str, int] = {}
    for code in EDITION_CODES:
        for spec in edition_resources(code):
            if spec.name not in reader.paths:
                continue
            first = next((reports.ids[at] for at in range(start, len(reports.ids))
                          if reports.editions[at] == code), None)
            path = reader.source.local_file(reader.paths[spec.name])
            if path is None:
                return None
            size = path.stat().st_size
            if first is None or size == 0:
                offsets[spec.name] = size
                continue
            with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                if data.find(b'"') != -1:
                    return None  # a quoted cell may hold a line break: no line is surely a row
                at = data.find(b"\n" + first.encode("ascii") + b",")
                if at == -1:
                    return None
                offsets[spec.name] = at + 1
    return offsets


def validate_well_formed(path: str | Path, limits: Limits | None = None, *, progress: Progress | None = None,
                         workers: int = 1, parallel_from: int = 2000) -> list[ValidationReport] | None:
    """:func:`~opengovreport.validate_package`'s result for a well-formed package; None for a
    package the careful reader must read (see the module's description)."""
    from .validate import _result

    try:
        with PackageReader(path, limits) as reader, _collection_paused():
            if any(not is_known_resource(name) for name in reader.paths):
                return None  # an extra resource: the careful reader says so
            if any(spec.name not in reader.paths for spec in (REPORTS, NARRATIVE, EXTENSIONS)):
                return None  # a missing resource: the careful reader says so
            reports = _Reports(reader)
            used = set(reports.editions)
            if any(spec.name not in reader.paths for code in used for spec in edition_resources(code)):
                return None  # a missing table: the careful reader says so
            total = len(reports.ids)
            parts = _split(reader, reports, workers if total >= parallel_from else 1)
            outcome = _run_parts(path, limits, reader, reports, parts, progress)
            if outcome is None:
                return None
            results, entries = outcome
            return _result(reader.name, list(reader.descriptor_findings), results, entries)  # type: ignore[arg-type]
    except Decline:
        return None


_CHILD_SHARE = 0.85
"""A child's part of the reports, relative to the parent's."""


def _split(reader: PackageReader, reports: _Reports, workers: int) -> list[tuple[int, int, dict[str, int] | None]]:
    import multiprocessing

    total = len(reports.ids)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [(0, total, None)]
    # The parent takes a little more than its share: each child, when done, must still pack
    # and send its results, which the parent then unpacks.
    weights = [1.0] + [_CHILD_SHARE] * (workers - 1)
    edges = [sum(weights[:k]) / sum(weights) for k in range(workers)]
    bounds = [int(total * edge) for edge in edges] + [total]
    parts = []
    for k in range(workers):
        offsets = _offsets(reader, reports, bounds[k]) if k else None
        if k and offsets is None:
            return [(0, total, None)]  # cannot enter the tables mid-way: one process reads them
        parts.append((bounds[k], bounds[k + 1], offsets))
    return parts


def _run_parts(path: str | Path, limits: Limits | None, reader: PackageReader, reports: _Reports,
               parts: list[tuple[int, int, dict[str, int] | None]],
               progress: Progress | None) -> tuple[list[ValidationReport], list[tuple[str, Entry]]] | None:
    total = len(reports.ids)
    if len(parts) == 1:
        report = None if progress is None else (lambda done: progress(done, total))
        results, entries = _Part(reader, reports, 0, total, None).run(report)
        if progress is not None:
            progress(total, total)
        return results, entries

    children = []
    for start, stop, offsets in parts[1:]:
        children.append(start_child(_child, path, limits, reports, start, stop, offsets))
    try:
        def report(done: int) -> None:
            if progress is not None:
                progress(done + sum(child.counter.value for child in children), total)

        start, stop, _ = parts[0]
        results, entries = _Part(reader, reports, start, stop, None).run(report)
        for child in children:
            answer = child.receive.recv()
            child.process.join()
            if answer[0] != "ok":
                return None
            child_results, child_entries = _unpack(answer[1])
            results.extend(child_results)
            entries.extend(child_entries)
    finally:
        stop_children(children)
    if progress is not None:
        progress(total, total)
    return results, entries


# What a child sends back is made of tuples, strings and numbers: pickling attrs objects one
# by one costs several times more (half a second per 10,000 reports, each way).


def _pack(results: list[ValidationReport], entries: list[tuple[str, Entry]]) -> tuple[Any, Any]:
    packed_results = [
        (tuple((f.code, f.severity.value, f.pointers, f.message_zh, f.message_en, f.expected, f.actual,
                None if f.location is None else attrs.astuple(f.location)) for f in r.findings),
         r.file, r.edition, r.standard, r.ruleset_version, r.rules, r.library_version)
        for r in results
    ]
    packed_entries = [
        (report_id, e.edition, e.year, attrs.astuple(e.issuer), e.scope, e.cells, e.components)
        for report_id, e in entries
    ]
    return packed_results, packed_entries


def _unpack(packed: tuple[Any, Any]) -> tuple[list[ValidationReport], list[tuple[str, Entry]]]:
    from ..findings import Finding, Location
    from ..model import Issuer

    def finding(code: str, severity: str, pointers: tuple[str, ...], zh: str, en: str, expected: Any,
                actual: Any, location: tuple[Any, ...] | None) -> Finding:
        return Finding(code, severity, pointers, zh, en, expected, actual,
                       None if location is None else Location(*location))

    packed_results, packed_entries = packed
    results = [
        ValidationReport(tuple(finding(*fields) for fields in findings), *rest)
        for findings, *rest in packed_results
    ]
    entries = [
        (report_id, Entry(edition, year, Issuer(*issuer), scope, cells, components))
        for report_id, edition, year, issuer, scope, cells, components in packed_entries
    ]
    return results, entries


def _child(send: Any, path: str | Path, limits: Limits | None, reports: _Reports, start: int, stop: int,
           offsets: dict[str, int] | None, counter: Any) -> None:
    try:
        with PackageReader(path, limits) as reader, _collection_paused():
            def count(done: int) -> None:
                counter.value = done

            answer: tuple[str, Any] = ("ok", _pack(*_Part(reader, reports, start, stop, offsets).run(count)))
    except Decline as exc:
        answer = ("decline", str(exc))
    except BaseException as exc:  # anything else: the parent has the careful reader read it
        answer = ("error", repr(exc))
    send.send(answer)
    send.close()
