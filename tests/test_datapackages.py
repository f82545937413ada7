"""Data packages: shipped packages, lossless round trips, located table errors, safety, export."""

from __future__ import annotations

import csv
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from opengovreport import Issuer, load
from opengovreport.cli.main import main
from opengovreport.collection import aggregate
from opengovreport.package import (
    PackageError,
    build_package,
    from_package,
    read_package,
    to_package,
    validate_package,
)

from .packages import copy_package, edit_descriptor, rewrite_csv
from .paths import DATAPACKAGES, EXAMPLES, ROOT
from .strategies import documents

SHIPPED = sorted(p.parent for p in DATAPACKAGES.glob("*/datapackage.json"))


def _build_tool():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_datapackages", ROOT / "tools" / "build_datapackages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_shipped_packages() -> None:
    assert {p.name for p in SHIPPED} == {"pingtan", "lianyungang"}


@pytest.mark.parametrize("package", SHIPPED, ids=lambda p: p.name)
def test_shipped_package_is_fresh(package: Path) -> None:
    files = _build_tool().files(package.name)
    on_disk = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert on_disk == set(files), "run python tools/build_datapackages.py"
    for name, text in files.items():
        assert (package / name).read_bytes().decode("utf-8") == text, f"{name} is stale"


@pytest.mark.parametrize("package", SHIPPED, ids=lambda p: p.name)
def test_frictionless_validates_shipped_package_offline(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("frictionless tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    from frictionless import Package

    report = Package(str(package / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("package", SHIPPED, ids=lambda p: p.name)
def test_shipped_package_validates_with_no_error(package: Path) -> None:
    results = validate_package(package)
    assert all(r.valid for r in results)
    assert [r.file for r in results[1:]] == [f"{package}#{rid}" for rid, _ in read_package(package).documents]


def test_pingtan_package_findings_are_the_truth_notes() -> None:
    package_report = validate_package(DATAPACKAGES / "pingtan")[0]
    # truth notes: X-STOCK fails 2023→2024 and 2024→2025 for 行政规范性文件; X-CARRY holds.
    got = sorted((f.code, f.pointers[0]) for f in package_report.findings)
    assert got == [
        ("X-STOCK", "/reports/pingtan-2024/proactive/normative_documents/in_force"),
        ("X-STOCK", "/reports/pingtan-2025/proactive/normative_documents/in_force"),
    ]


def test_examples_round_trip_through_folder_and_zip(tmp_path: Path) -> None:
    reports = [load(p) for p in sorted(EXAMPLES.glob("*.json"))]
    for target in (tmp_path / "folder", tmp_path / "p.zip"):
        to_package(reports, target)
        assert list(from_package(target)) == reports
    assert list(from_package(tmp_path / "folder" / "datapackage.json")) == reports


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_json_package_json_is_lossless(document: dict) -> None:
    from opengovreport import Report
    from opengovreport.io import dumps, parse_json

    report = Report.from_dict(document)
    with tempfile.TemporaryDirectory() as folder:
        to_package([report], Path(folder) / "p.zip")
        (back,) = from_package(Path(folder) / "p.zip")
    assert back == report
    assert parse_json(dumps(back)) == parse_json(dumps(report))


@pytest.mark.parametrize("bad_path, message", [
    ("../../etc/passwd", "leaves the package"),
    ("/etc/passwd", "absolute"),
    ("https://example.org/data.csv", "URL"),
    ("data\\reports.csv", "backslashes"),
    ("C:/Windows/win.ini", "absolute"),
    ("file:///etc/passwd", "URL"),
    ("data/../../outside.csv", "leaves the package"),
    ("", "relative file path"),
    ("data", "not a file"),
])
def test_unsafe_resource_paths_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           bad_path: str, message: str) -> None:
    package = copy_package(DATAPACKAGES / "lianyungang", tmp_path)
    edit_descriptor(package, lambda d: d["resources"][0].__setitem__("path", bad_path))
    with pytest.raises(PackageError, match=message):
        read_package(package)
    assert main(["validate", str(package)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(package) in err and "Traceback" not in err


def test_symlink_leaving_the_package_is_refused(tmp_path: Path) -> None:
    package = copy_package(DATAPACKAGES / "lianyungang", tmp_path)
    outside = tmp_path / "secret.csv"
    outside.write_text("report_id\n", encoding="utf-8")
    (package / "data" / "reports.csv").unlink()
    (package / "data" / "reports.csv").symlink_to(outside)
    with pytest.raises(PackageError, match="outside the package"):
        read_package(package)


def test_zip_member_with_traversal_name_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("datapackage.json", "{}")
        z.writestr("../evil.csv", "x")
    with pytest.raises(PackageError, match="outside the package"):
        read_package(archive)


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("datapackage.json", "{}")
        z.writestr("data/reports.csv", b"0" * (50 * 1024**2))
    with pytest.raises(PackageError, match="zip bomb"):
        read_package(archive)


TABLE_ERRORS = [
    ("header-renamed", "data/2014/statistics.csv",
     lambda rows: rows[0].__setitem__(4, "amount"), "TABLE-HEADER", "statistics_2014", 1, "value"),
    ("header-extra", "data/2014/statistics.csv",
     lambda rows: [row.append("x") for row in rows], "TABLE-HEADER", "statistics_2014", 1, "x"),
    ("extra-cell", "data/2014/statistics.csv",
     lambda rows: rows[3].append("9"), "TABLE-EXTRA-CELL", "statistics_2014", 4, None),
    ("missing-cell", "data/2014/statistics.csv",
     lambda rows: rows[3].pop(), "TABLE-MISSING-CELL", "statistics_2014", 4, None),
    ("not-a-number", "data/2014/statistics.csv",
     lambda rows: rows[2].__setitem__(4, "二十七"), "TABLE-TYPE", "statistics_2014", 3, "value"),
    ("negative", "data/2014/statistics.csv",
     lambda rows: rows[2].__setitem__(4, "-1"), "TABLE-CONSTRAINT", "statistics_2014", 3, "value"),
    ("fraction-in-count-row", "data/2014/statistics.csv",
     lambda rows: rows[2].__setitem__(4, "2.5"), "TABLE-TYPE", "statistics_2014", 3, "value"),
    ("unknown-row", "data/2014/statistics.csv",
     lambda rows: rows[2].__setitem__(1, "proactive.nonsense"), "TABLE-CONSTRAINT", "statistics_2014", 3, "row_id"),
    ("duplicate-key", "data/2014/statistics.csv",
     lambda rows: rows.append(list(rows[1])), "TABLE-PRIMARY-KEY", "statistics_2014", 60, None),
    ("unknown-report", "data/narrative.csv",
     lambda rows: rows.append(["nobody", "overview", "text"]), "TABLE-FOREIGN-KEY", "narrative", 6, "report_id"),
    ("missing-row", "data/2014/statistics.csv",
     lambda rows: rows.pop(5), "TABLE-MISSING-ROW", "statistics_2014", None, "row_id"),
]


@pytest.mark.parametrize("name, file, change, code, resource, row, column", TABLE_ERRORS,
                         ids=[t[0] for t in TABLE_ERRORS])
def test_table_errors_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                  file: str, change, code: str, resource: str,  # type: ignore[no-untyped-def]
                                  row: int | None, column: str | None) -> None:
    package = copy_package(DATAPACKAGES / "lianyungang", tmp_path)
    rewrite_csv(package / file, change)
    findings = [f for f in validate_package(package)[0].findings if f.severity.value == "error"]
    located = [(f.code, f.location.resource, f.location.row, f.location.column)
               for f in findings if f.location]
    if name == "header-renamed":  # a renamed column is one missing and one unknown column
        assert located == [(code, resource, row, column), (code, resource, row, "amount")]
    else:
        assert located == [(code, resource, row, column)]
    assert main(["validate", str(package)]) == 1
    out = capsys.readouterr().out
    assert code in out and resource in out
    with pytest.raises(PackageError):
        from_package(package)


def test_descriptor_without_the_standard_declaration(tmp_path: Path) -> None:
    package = copy_package(DATAPACKAGES / "lianyungang", tmp_path)
    edit_descriptor(package, lambda d: d.pop("opengovreport"))
    codes = [f.code for f in validate_package(package)[0].findings]
    assert codes == ["PACKAGE-PROFILE"]


def test_descriptor_that_breaks_data_package_v2(tmp_path: Path) -> None:
    package = copy_package(DATAPACKAGES / "lianyungang", tmp_path)
    edit_descriptor(package, lambda d: d.__setitem__("licenses", "CC0"))
    codes = {f.code for f in validate_package(package)[0].findings}
    assert "PACKAGE-DESCRIPTOR" in codes


def test_duplicate_reports_and_carry(tmp_path: Path) -> None:
    import attrs

    a = load(EXAMPLES / "pingtan-2023.json")
    duplicate = attrs.evolve(a, id="pingtan-2023-again")
    nxt = attrs.evolve(load(EXAMPLES / "pingtan-2024.json"))
    nxt = nxt.with_cells({"applications.carried_over.natural_person": 5,
                          "applications.carried_over.total": 5,
                          "applications.new_received.natural_person": 212,
                          "applications.new_received.total": 213})
    to_package([a, duplicate, nxt], tmp_path / "p")
    codes = sorted(f.code for f in validate_package(tmp_path / "p")[0].findings)
    assert codes.count("X-DUPLICATE") == 1
    assert "X-CARRY" in codes


def test_aggregate_sums_cells_and_x_aggregate_checks_it(tmp_path: Path) -> None:
    import attrs

    base = load(EXAMPLES / "pingtan-2021.json")
    one = attrs.evolve(base, id="organ-a", scope="organ", issuer=Issuer("甲局", "county", "department"))
    two = attrs.evolve(base, id="organ-b", scope="organ", issuer=Issuer("乙局", "county", "department"))
    total = aggregate([one, two], issuer=Issuer("某县人民政府", "county", "government"), report_id="county")
    assert total.cell("applications.new_received.total") == 140
    assert total.cell("proactive.fees.amount_10k_yuan") == 2 * base.cell("proactive.fees.amount_10k_yuan")
    assert total.components == ("organ-a", "organ-b")
    wrong = total.with_cells({"applications.new_received.natural_person": 129})
    to_package([one, two, wrong], tmp_path / "agg")
    findings = [f for f in validate_package(tmp_path / "agg")[0].findings if f.code == "X-AGGREGATE"]
    assert [f.pointers[0] for f in findings] == ["/reports/county/applications/new_received/natural_person"]
    blank = one.with_cells({"applications.new_received.total": None})
    assert aggregate([blank, two], issuer=Issuer("x", "county", "government")).cell(
        "applications.new_received.total") is None


def test_export_sqlite_totals_equal_the_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "portal.db"
    assert main(["export", str(DATAPACKAGES / "pingtan"), "--to", f"sqlite:///{db}"]) == 0
    reports = from_package(DATAPACKAGES / "pingtan")
    expected = sum(r.cell("applications.new_received.total") for r in reports if r.edition == "2021")
    connection = sqlite3.connect(db)
    got = connection.execute(
        "SELECT SUM(a.total) FROM applications_2021 a JOIN reports r ON r.report_id = a.report_id "
        "WHERE a.row_id = 'new_received' AND r.scope = 'aggregate'"
    ).fetchone()[0]
    assert got == expected
    fees = connection.execute(
        "SELECT amount_10k_yuan FROM proactive_2021 WHERE report_id = 'pingtan-2021' AND row_id = 'fees'"
    ).fetchone()[0]
    assert fees == pytest.approx(24252.311082)
    fk = connection.execute("PRAGMA foreign_key_list(applications_2021)").fetchall()
    assert any(row[2] == "reports" for row in fk)
    assert main(["export", str(DATAPACKAGES / "pingtan"), "--to", f"sqlite:///{db}"]) == 2
    assert "--replace" in capsys.readouterr().err


def test_convert_documents_to_package_and_back(tmp_path: Path) -> None:
    assert main(["convert", str(EXAMPLES), str(tmp_path / "all.zip")]) == 0
    assert main(["convert", str(tmp_path / "all.zip"), str(tmp_path / "docs")]) == 0
    for path in EXAMPLES.glob("*.json"):
        assert (tmp_path / "docs" / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_csv_text_that_a_spreadsheet_would_run_is_escaped_losslessly(tmp_path: Path) -> None:
    import attrs

    report = attrs.evolve(load(EXAMPLES / "pingtan-2021.json"),
                          narrative={"overview": "=HYPERLINK(\"x\")", "problems": "'quoted", "other_matters": "-5"})
    files = build_package([report])
    for line in files["data/narrative.csv"].splitlines()[1:]:
        cell = next(csv.reader([line]))[2]
        assert not cell.startswith(("=", "+", "-", "@"))
    to_package([report], tmp_path / "p")
    assert from_package(tmp_path / "p")[0].narrative == report.narrative
