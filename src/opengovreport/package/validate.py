"""Validating a data package: its descriptor and tables, every report, and the rules across reports."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from ..collection import COLLECTION_RULES, Entry, check_collection
from ..errors import EditionError, InputError
from ..findings import Finding, Severity, ValidationReport, sort_findings
from ..model import Report
from ..validation import validate
from .read import PackageReader, _Unsorted, merge_parts
from .processes import start_child, stop_children
from .source import Limits

Progress = Callable[[int, int], None]
"""Called as reports are validated: (reports done, reports in the package)."""

PARALLEL_FROM = 2000
"""Packages with fewer reports are validated in one process whatever ``workers`` says."""


def validate_package(path: str | Path, limits: Limits | None = None, *,
                     progress: Progress | None = None, workers: int = 1) -> list[ValidationReport]:
    """One ValidationReport for the package itself (descriptor, tables, X-* rules), then one per report.

    The package is read as a stream (see :mod:`opengovreport.package.read`): what is kept
    per report is its (small) validation report and the few cells the rules across
    reports read. Raises PackageError when the package cannot be read safely at all.
    A report whose edition cannot be read gets no report of its own; the table finding
    on its ``edition`` cell says why.

    ``workers`` > 1 reads and validates a large package in that many processes, each
    taking a contiguous part of the reports (where ``fork`` exists, and the tables are in
    report order); the result is the same as with one.

    A package laid out as :func:`to_package` writes one, without table problems, is read
    the fast way (:mod:`opengovreport.package.fast`); any other is read cell by cell, with
    every table problem located. The result is the same either way.
    """
    from .fast import validate_well_formed

    result = validate_well_formed(path, limits, progress=progress, workers=workers, parallel_from=PARALLEL_FROM)
    if result is not None:
        return result
    if workers > 1:
        result = _in_parts(path, limits, progress, workers)
        if result is not None:
            return result
    reports: list[ValidationReport] = []
    entries: list[tuple[str, Entry | Report]] = []

    def restart() -> None:
        reports.clear()
        entries.clear()

    with PackageReader(path, limits) as reader:
        name = reader.name
        for report_id, document in reader.all_documents(on_restart=restart):
            _check(reader, report_id, document, reports, entries)
            if progress is not None:
                progress(len(reports), reader.report_count)
        findings = list(reader.findings)
    return _result(name, findings, reports, entries)


def _check(reader: PackageReader, report_id: str, document: dict[str, Any],
           reports: list[ValidationReport], entries: list[tuple[str, Entry | Report]]) -> None:
    """Validate one report; keep its validation report and what the rules across reports read."""
    try:
        result = validate(document, file=f"{reader.name}#{report_id}")
    except EditionError:
        return  # the edition cell is unreadable: a table finding says so
    reports.append(result)
    entry = entry_of(document, result, report_id in reader.aggregates or report_id in reader.components)
    if entry is not None:
        entries.append((report_id, entry))


def entry_of(document: dict[str, Any], result: ValidationReport, everything: bool) -> Entry | None:
    """What the rules across reports read of a validated document (None when its schema
    findings say it cannot be read as a report)."""
    if not any(f.code.startswith("SCHEMA-") for f in result.findings):
        return Entry.of(document, everything)
    try:
        return Entry.of(Report.from_dict(document), everything)
    except InputError:
        return None  # its schema findings already say why


def _result(name: str, findings: list[Finding], reports: list[ValidationReport],
            entries: list[tuple[str, Entry | Report]]) -> list[ValidationReport]:
    findings = [*findings, *check_collection(entries)]  # type: ignore[arg-type]
    package_report = ValidationReport(
        findings=sort_findings(findings),
        file=name,
        edition=None,
        rules=tuple(rule.code for rule in COLLECTION_RULES),
    )
    return [package_report, *reports]


def _part(path: str | Path, limits: Limits | None, start: int, stop: int | None,
          counter: Any = None) -> tuple[Any, list[ValidationReport], list[tuple[str, Entry | Report]]]:
    reports: list[ValidationReport] = []
    entries: list[tuple[str, Entry | Report]] = []
    with PackageReader(path, limits) as reader:
        for report_id, document in reader.part(start, stop):
            _check(reader, report_id, document, reports, entries)
            if counter is not None and len(reports) % 64 == 0:
                counter.value = len(reports)
        return reader.part_found, reports, entries


def _in_parts(path: str | Path, limits: Limits | None, progress: Progress | None,
              workers: int) -> list[ValidationReport] | None:
    """Validate in ``workers`` processes; None when that cannot be done (then do it in one)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    with PackageReader(path, limits) as reader:
        total = reader.count_reports()
    if total < PARALLEL_FROM:
        return None
    bounds = [total * k // workers for k in range(workers)] + [None]
    children = []
    for k in range(1, workers):
        children.append(start_child(_child, path, limits, bounds[k], bounds[k + 1]))
    try:
        with PackageReader(path, limits) as reader:
            name = reader.name
            reports: list[ValidationReport] = []
            entries: list[tuple[str, Entry | Report]] = []
            for report_id, document in reader.part(0, bounds[1]):
                _check(reader, report_id, document, reports, entries)
                if progress is not None and len(reports) % 16 == 0:
                    progress(len(reports) + sum(child.counter.value for child in children), total)
            parts = [reader.part_found]
            for child in children:
                answer = child.receive.recv()
                child.process.join()
                if answer[0] != "ok":
                    return None  # not in report order (or unreadable): read it in one process
                part, child_reports, child_entries = answer[1]
                parts.append(part)
                reports.extend(child_reports)
                entries.extend(child_entries)
            findings = merge_parts(reader, parts)
    except _Unsorted:
        return None
    finally:
        stop_children(children)
    if progress is not None:
        progress(total, total)
    return _result(name, findings, reports, entries)


def _child(send: Any, path: str | Path, limits: Limits | None, start: int, stop: int | None,
           counter: Any) -> None:
    try:
        answer: tuple[str, Any] = ("ok", _part(path, limits, start, stop, counter))
    except _Unsorted:
        answer = ("unsorted", None)
    except BaseException as exc:  # anything else: the parent reads the package in one process
        answer = ("error", repr(exc))
    send.send(answer)
    send.close()


def default_workers() -> int:
    """Processes worth using for a large package here: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def package_is_valid(reports: list[ValidationReport]) -> bool:
    return not any(f.severity is Severity.ERROR for r in reports for f in r.findings)
