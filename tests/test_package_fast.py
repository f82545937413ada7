"""Well-formed packages are read fast with exactly the careful reader's results; others are declined."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any, Callable

import attrs
import pytest

from opengovreport import load
from opengovreport.package import fast, to_package, validate_package

from .packages import edit_descriptor, rewrite_csv
from .paths import DATAPACKAGES, EXAMPLES

SHIPPED = sorted(p.parent for p in DATAPACKAGES.glob("*/datapackage.json"))


def careful(package: Path, workers: int = 1) -> Any:
    """validate_package with the fast reading switched off: the reference."""
    original = fast.validate_well_formed
    fast.validate_well_formed = lambda *args, **kwargs: None  # type: ignore[assignment]
    try:
        return validate_package(package, workers=workers)
    finally:
        fast.validate_well_formed = original  # type: ignore[assignment]


def _many(tmp_path: Path, copies: int = 6) -> Path:
    """A package of every example under several issuers (so reports of all editions alternate)."""
    reports = []
    for copy in range(copies):
        for path in sorted(EXAMPLES.glob("*.json")):
            report = load(path)
            issuer = attrs.evolve(report.issuer, name=f"{report.issuer.name}{copy}")
            reports.append(attrs.evolve(report, id=f"{path.stem}-{copy}", issuer=issuer))
    package = tmp_path / "many"
    to_package(reports, package)
    return package


@pytest.mark.parametrize("package", SHIPPED, ids=lambda p: p.name)
def test_shipped_packages_are_read_fast_with_the_careful_results(package: Path) -> None:
    result = fast.validate_well_formed(package)
    assert result is not None
    assert result == careful(package)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parts_in_several_processes_give_the_careful_results(tmp_path: Path, workers: int) -> None:
    package = _many(tmp_path)
    result = fast.validate_well_formed(package, workers=workers, parallel_from=2)
    assert result is not None
    assert result == careful(package)


def test_tables_are_entered_mid_way_by_byte_offset(tmp_path: Path) -> None:
    from opengovreport.package.read import PackageReader

    package = _many(tmp_path)
    with PackageReader(package) as reader:
        reports = fast._Reports(reader)
        parts = fast._split(reader, reports, 2)
    assert len(parts) == 2 and parts[1][2] is not None
    start = parts[1][0]
    offsets = parts[1][2]
    first_2021 = next(reports.ids[at] for at in range(start, len(reports.ids)) if reports.editions[at] == "2021")
    data = (package / "data" / "2021" / "applications.csv").read_bytes()
    assert data[offsets["applications_2021"]:].startswith(first_2021.encode() + b",")


def test_quoted_cells_keep_one_process_and_the_same_result(tmp_path: Path) -> None:
    package = _many(tmp_path)
    # A quoted cell may hold a line break, so no line is surely a row: one process reads.
    path = package / "data" / "2021" / "proactive.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",规章,", ',"规章",', 1), encoding="utf-8")
    from opengovreport.package.read import PackageReader

    with PackageReader(package) as reader:
        assert fast._split(reader, fast._Reports(reader), 2) == [(0, len(fast._Reports(reader).ids), None)]
    result = fast.validate_well_formed(package, workers=2, parallel_from=2)
    assert result == careful(package)


DECLINED = [
    ("rows-reordered", "data/2021/proactive.csv", lambda rows: rows.insert(1, rows.pop(2))),
    ("label-changed", "data/2021/proactive.csv", lambda rows: rows[1].__setitem__(2, "规章（省）")),
    ("header-reordered", "data/2021/review_litigation.csv",
     lambda rows: [row.insert(3, row.pop(4)) for row in rows]),
    ("row-missing", "data/2021/applications.csv", lambda rows: rows.pop(3)),
    ("cell-unreadable", "data/2021/applications.csv", lambda rows: rows[3].__setitem__(4, "x")),
    ("fraction-in-count", "data/2021/applications.csv", lambda rows: rows[3].__setitem__(4, "2.5")),
    ("value-in-a-column-the-row-lacks", "data/2021/proactive.csv", lambda rows: rows[1].__setitem__(6, "3")),
    ("unknown-report", "data/narrative.csv", lambda rows: rows.append(["nobody", "overview", "x"])),
    ("ragged-row", "data/2021/applications.csv", lambda rows: rows[5].pop()),
    ("extension-row", "data/extensions.csv",
     lambda rows: rows.append(["pingtan-2021-0", "extra", "额外", "", "", '{"a": 1}'])),
    ("repeated-report", "data/reports.csv", lambda rows: rows.append(list(rows[1]))),
]


@pytest.mark.parametrize("name, file, change", DECLINED, ids=[d[0] for d in DECLINED])
def test_anything_not_plainly_well_formed_is_left_to_the_careful_reader(
        tmp_path: Path, name: str, file: str, change: Callable[[list[list[str]]], Any]) -> None:
    package = _many(tmp_path, copies=2)
    rewrite_csv(package / file, change)
    for workers in (1, 2):
        assert fast.validate_well_formed(package, workers=workers, parallel_from=2) is None, name
    assert validate_package(package) == careful(package)


def test_an_extra_resource_is_left_to_the_careful_reader(tmp_path: Path) -> None:
    package = _many(tmp_path, copies=1)
    (package / "data" / "notes.csv").write_text("a\n1\n", encoding="utf-8")
    edit_descriptor(package, lambda d: d["resources"].append(
        {"name": "notes", "path": "data/notes.csv", "format": "csv"}))
    assert fast.validate_well_formed(package) is None
    codes = [f.code for f in validate_package(package)[0].findings]
    assert "PACKAGE-EXTRA-RESOURCE" in codes


def test_a_report_that_breaks_its_schema_outside_the_tables_gets_the_reference_findings(tmp_path: Path) -> None:
    package = _many(tmp_path, copies=1)
    # Allowed by the table schemas, refused by the report schema: the standard's version,
    # and a 2014-only narrative section in a 2021 report.
    rewrite_csv(package / "data" / "reports.csv", lambda rows: rows[1].__setitem__(2, "9.9"))
    first_2021 = next(r[0] for r in csv.reader(io.StringIO((package / "data" / "reports.csv").read_text(
        encoding="utf-8"))) if r[3] == "2021")
    rewrite_csv(package / "data" / "narrative.csv",
                 lambda rows: next(row for row in rows if row[0] == first_2021).__setitem__(1, "key_areas"))
    result = fast.validate_well_formed(package)
    assert result is not None
    assert result == careful(package)
    codes = {f.code for r in result for f in r.findings}
    assert any(code.startswith("SCHEMA-") for code in codes)


def test_zip_packages_are_read_fast_in_one_process(tmp_path: Path) -> None:
    package = _many(tmp_path, copies=2)
    archive = shutil.make_archive(str(tmp_path / "many"), "zip", package)
    result = fast.validate_well_formed(archive, workers=2, parallel_from=2)
    assert result is not None
    assert result == careful(Path(archive))
