"""Bad input never ends in an uncaught exception: it is a finding, or a usage error naming the place.

The list of what is covered, and why each case behaves as it does, is docs/bad-input.md.
The fuzz runs here are bounded (a fixed number of examples each) to keep CI quick.
"""

from __future__ import annotations

import copy
import csv
import decimal
import io
import json
import os
import random
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from opengovreport import Issuer, load
from opengovreport.cli.main import main
from opengovreport.editions import EDITION_CODES
from opengovreport.errors import InputError, OpenGovReportError
from opengovreport.findings import ValidationReport
from opengovreport.io import dumps, read_document
from opengovreport.package import PackageError, build_package, read_package, to_package, validate_package
from opengovreport.package.cells import escape_text, unescape_text
from opengovreport.validation import validate, validate_bytes

from .packages import copy_package, rewrite_csv
from .paths import DATAPACKAGES, EXAMPLES

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_exit(code: int, out: str, err: str, path: Path) -> None:
    """Exit 0, 1 or 2; never a traceback or an internal error; a usage error names the file."""
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in out + err
    assert "internal error" not in err, err
    if code == 2:
        assert str(path) in err


# -- JSON documents -------------------------------------------------------------------------

JSON_SCALARS = st.one_of(
    st.none(), st.booleans(),
    st.integers(), st.integers(min_value=10**18, max_value=10**40), st.integers(max_value=-(2**63)),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), st.sampled_from(["2021", "2019", "2014", "1.0", "", "national", "a:b"]),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["edition", "year", "issuer", "applications", "proactive",
                                       "name", "total", "x", ""]) | st.text(max_size=6),
                      children, max_size=5),
    max_leaves=25,
)
PYTHON_ODDITIES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.just(10**5000), st.just(-(10**5000)),
    st.just("长" * 100_000),
)


@st.composite
def documents_with_odd_members(draw: st.DrawFn) -> dict[str, Any]:
    """A real document with members replaced by arbitrary JSON values (and Python oddities)."""
    path = draw(st.sampled_from(sorted(EXAMPLES.glob("*.json"))))
    document = copy.deepcopy(read_document(path)[0])
    for _ in range(draw(st.integers(1, 3))):
        node: Any = document
        while isinstance(node, dict) and node and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(node)))
            if not isinstance(node[key], dict):
                break
            node = node[key]
        if isinstance(node, dict):
            key = draw(st.sampled_from(sorted(node) + ["unknown", "edition"]))
            node[key] = draw(JSON_VALUES | PYTHON_ODDITIES)
    return document


@FUZZ
@given(JSON_VALUES | documents_with_odd_members())
def test_validate_gives_findings_or_an_input_error(document: Any) -> None:
    try:
        result = validate(document)
    except InputError as exc:  # not an object, or no edition it knows
        assert exc.pointer in ("", "/edition")
        return
    assert isinstance(result, ValidationReport)
    if isinstance(document, dict) and document.get("edition") in EDITION_CODES:
        assert repr(result) == repr(validate(document, fast=False))  # repr: NaN != NaN


@FUZZ
@given(document=JSON_VALUES | documents_with_odd_members())
def test_cli_on_any_json_text(document: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "input.json"
    try:
        text = dumps(document)
    except (ValueError, RecursionError):  # NaN, Infinity, 5000 digits: not JSON (see below)
        assume(False)
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "validate", "--format", "json", str(path))
    assert_clean_exit(code, out, err, path)
    if code != 2:
        assert json.loads(out)["file"] == str(path)


@FUZZ
@given(data=st.binary(max_size=300) | st.builds(
    lambda text, cut: text[:cut], st.just((EXAMPLES / "pingtan-2021.json").read_bytes()),
    st.integers(0, 14_000)))
def test_cli_on_any_bytes(data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Binary junk and truncated documents: exit 2 naming the file (or a finding, if it parses)."""
    path = tmp_path / "input.json"
    path.write_bytes(data)
    code, out, err = run(capsys, "validate", str(path))
    assert_clean_exit(code, out, err, path)
    with pytest.raises(InputError) if code == 2 else _nothing():
        validate_bytes(data, file=str(path))


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


REAL = (EXAMPLES / "pingtan-2021.json").read_bytes()


@pytest.mark.parametrize(
    "name, data, message, place",
    [
        ("empty", b"", "empty", None),
        ("blank", b" \r\n\t", "empty", None),
        ("truncated", REAL[: len(REAL) // 2], "not JSON", "line"),
        ("binary", bytes(range(256)) * 4, "UTF-8", "line"),
        ("gb18030", REAL.decode("utf-8").encode("gb18030"), "GB18030", "line"),
        ("utf-16", REAL.decode("utf-8").encode("utf-16"), "UTF-16", "line"),
        ("nan", b'{"edition": "2021", "year": NaN}', "NaN", None),
        ("infinity", b'{"edition": "2021", "year": -Infinity}', "Infinity", None),
        ("deep", b"[" * 50_000 + b"]" * 50_000, "nested too deeply", None),
        ("duplicate", b'{"edition": "2021", "issuer": {"name": "a", "name": "b"}}', "more than once", "/issuer"),
        ("huge-integer", b'{"edition": "2021", "year": 1' + b"0" * 5000 + b"}", "not JSON", None),
        ("not-object", b'["2021"]', "JSON object", "at /"),
        ("no-edition", b'{"year": 2021}', "no 'edition'", "at /"),
        ("wrong-edition", b'{"edition": 2021}', "unknown edition", "/edition"),
        ("unknown-edition", b'{"edition": "2030"}', "unknown edition", "/edition"),
    ],
)
def test_unusable_documents_exit_2_naming_file_and_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str,
    place: str | None,
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(data)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2 and out == ""
    assert str(path) in err and message in err, err
    if place is not None:
        assert place in err, err
    assert "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize(
    "name, change, code",
    [
        ("long-string", lambda d: d["issuer"].__setitem__("name", "长" * 200_000), 0),
        ("big-integer", lambda d: d["proactive"]["licensing"].__setitem__("decisions", 10**40), 0),
        ("float-in-count", lambda d: d["applications"]["new_received"].__setitem__("total", 70.5), 1),
        ("string-in-count", lambda d: d["applications"]["new_received"].__setitem__("total", "70"), 1),
        ("unknown-key", lambda d: d["applications"].__setitem__("extra", 1), 1),
        ("other-edition", lambda d: d.__setitem__("edition", "2014"), 1),
        ("deep-value", lambda d: d.__setitem__("narrative", json.loads("[" * 500 + "]" * 500)), 1),
    ],
)
def test_usable_but_wrong_documents_are_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, change: Any, code: int,
    pingtan_2021: dict[str, Any],
) -> None:
    document = copy.deepcopy(pingtan_2021)
    change(document)
    path = tmp_path / f"{name}.json"
    try:
        text = dumps(document)
    except RecursionError:  # the deep value: the standard library writes it
        text = json.dumps(document, ensure_ascii=False, default=str)
    path.write_text(text, encoding="utf-8")
    exit_code, out, err = run(capsys, "validate", "--format", "json", str(path))
    assert exit_code == code, err
    report = json.loads(out)
    assert report["file"] == str(path)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert bool(errors) == (code == 1)
    assert all(f["pointers"] and f["pointers"][0].startswith("/") for f in errors)


def test_bom_is_accepted_and_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain, bom = tmp_path / "plain.json", tmp_path / "bom.json"
    plain.write_bytes(REAL)
    bom.write_bytes(b"\xef\xbb\xbf" + REAL)
    assert run(capsys, "validate", "--format", "json", str(plain))[0] == 0
    assert validate_bytes(b"\xef\xbb\xbf" + REAL) == validate_bytes(REAL)


def test_validate_of_python_oddities_is_findings(pingtan_2021: dict[str, Any]) -> None:
    long_count = 10**5000
    for value in (float("nan"), float("inf"), decimal.Decimal("NaN"), decimal.Decimal("sNaN"),
                  decimal.Decimal("-Infinity"), long_count, -(10**5000), True, object()):
        document = copy.deepcopy(pingtan_2021)
        document["applications"]["new_received"]["total"] = value
        document["proactive"]["fees"]["amount_10k_yuan"] = value
        document["issuer"]["name"] = value
        result = validate(document)
        assert not result.valid
        pointers = {f.pointers[0] for f in result.findings if f.code.startswith("SCHEMA-")}
        assert "/issuer/name" in pointers
        if value is not long_count:  # a very long count is still a count
            assert "/applications/new_received/total" in pointers


# -- data packages: paths, archives, links ---------------------------------------------------


def test_linked_folder_leaving_the_package_is_refused(tmp_path: Path) -> None:
    package = copy_package(DATAPACKAGES / "lianyungang", tmp_path)
    outside = tmp_path / "outside"
    shutil.move(str(package / "data"), outside)
    os.symlink(outside, package / "data")
    with pytest.raises(PackageError, match="outside the package"):
        read_package(package)


@pytest.mark.parametrize("member", ["/etc/evil.csv", "C:/evil.csv", "data/../../evil.csv", "..\\evil.csv"])
def test_zip_members_that_climb_out_are_refused(tmp_path: Path, member: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("datapackage.json", "{}")
        z.writestr(member, "x")
    with pytest.raises(PackageError, match="outside the package"):
        read_package(archive)


def test_zip_member_larger_than_it_declares_is_refused(tmp_path: Path) -> None:
    """A zip header may lie about a member's size: reading stops at the declared size."""
    package = tmp_path / "p.zip"
    to_package([load(EXAMPLES / "lianyungang-2017.json")], package)
    data = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as z:
        info = z.getinfo("data/2014/statistics.csv")
    # Shrink the declared uncompressed size in both headers (local and central).
    for offset in _find_all(bytes(data), info.file_size.to_bytes(4, "little")):
        data[offset:offset + 4] = (100).to_bytes(4, "little")
    package.write_bytes(bytes(data))
    with pytest.raises((PackageError, zipfile.BadZipFile)):
        validate_package(package)
    code = main(["validate", str(package)])
    assert code == 2


def _find_all(data: bytes, needle: bytes) -> list[int]:
    found, start = [], 0
    while (at := data.find(needle, start)) != -1:
        found.append(at)
        start = at + 1
    return found


def test_total_expansion_limit(tmp_path: Path) -> None:
    from opengovreport.package import Limits

    package = tmp_path / "p.zip"
    to_package([load(EXAMPLES / "pingtan-2021.json")], package)
    with pytest.raises(PackageError, match="limit"):
        read_package(package, Limits(max_bytes=10_000))


# -- data packages: CSV content --------------------------------------------------------------


def _rewrite_csv(path: Path, change: Any) -> None:
    rewrite_csv(path, change, line_end="\r\n")


@pytest.mark.parametrize("name, data, code", [
    ("not-utf8", "report_id,x\n".encode("utf-16"), "TABLE-ENCODING"),
    ("gb18030", "report_id,平潭综合实验区政府信息公开\n".encode("gb18030"), "TABLE-ENCODING"),
    ("nul", b"report_id\x00,row_id\n", "TABLE-HEADER"),
    ("empty", b"", "TABLE-HEADER"),
    # An unterminated quote runs to the end: past csv's field size limit (TABLE-FORMAT), or,
    # where a library has lifted that limit for the process, a row short of cells.
    ("unterminated-quote", None, ("TABLE-FORMAT", "TABLE-MISSING-CELL")),
])
def test_unreadable_csv_is_located(tmp_path: Path, name: str, data: bytes | None, code: Any) -> None:
    package = copy_package(DATAPACKAGES / "lianyungang", tmp_path)
    target = package / "data" / "2014" / "statistics.csv"
    if data is None:
        text = target.read_text(encoding="utf-8")
        data = (text[:200] + '"' + "x" * 200_000).encode("utf-8")
    target.write_bytes(data)
    findings = [f for f in validate_package(package)[0].findings if f.code in code]
    assert findings and all(f.location is not None and f.location.resource == "statistics_2014"
                            for f in findings)


def test_unsorted_tables_give_the_same_documents(tmp_path: Path) -> None:
    """Rows not grouped by report in reports.csv order are read in memory, with the same result."""
    reports = [load(p) for p in sorted(EXAMPLES.glob("pingtan-*.json"))]
    sorted_package, shuffled = tmp_path / "sorted", tmp_path / "shuffled"
    to_package(reports, sorted_package)
    to_package(reports, shuffled)
    for path in (shuffled / "data").rglob("*.csv"):
        _rewrite_csv(path, lambda rows: rows.__setitem__(
            slice(1, None), random.Random(3).sample(rows[1:], len(rows) - 1)))
    expected, got = read_package(sorted_package), read_package(shuffled)
    assert dict(got.documents) == dict(expected.documents)
    assert [r.findings for r in validate_package(shuffled)[1:]] == \
        [r.findings for r in validate_package(sorted_package)[1:]]
    assert [f.code for f in got.findings] == [f.code for f in expected.findings]


CSV_NOISE = st.sampled_from(["", "-1", "1.5", "x", "=1+1", "1e3", " 7", "７", "\u0000", '"', "\n",
                             "99999999999999999999999", "NaN", "'", "outcome.total", "r1"])


@st.composite
def csv_edits(draw: st.DrawFn) -> list[tuple[str, int, int, str | None]]:
    """A few edits of a small package's CSV files: (file, row, column, new text or None to cut)."""
    files = ["data/reports.csv", "data/2014/statistics.csv", "data/narrative.csv",
             "data/extensions.csv", "data/2014/applicant_sources.csv"]
    return draw(st.lists(st.tuples(st.sampled_from(files), st.integers(0, 70), st.integers(0, 16),
                                   st.none() | CSV_NOISE), min_size=1, max_size=4))


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=csv_edits())
def test_fuzzed_csv_is_located_findings(edits: list[tuple[str, int, int, str | None]],
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    package = copy_package(DATAPACKAGES / "lianyungang", tmp_path_factory.mktemp("fuzz"))
    for file, row, column, text in edits:
        path = package / file
        if not path.exists():
            continue

        def change(rows: list[list[str]]) -> None:
            if not rows:
                return
            target = rows[row % len(rows)]
            if text is None:
                if target:
                    target.pop(column % len(target))  # a ragged row (or a header with a column cut)
            elif target:
                target[column % len(target)] = text
            else:
                target.append(text)

        _rewrite_csv(path, change)
    try:
        results = validate_package(package)
    except PackageError as exc:  # only an unsafe or unreadable package, never a crash
        assert str(package) in str(exc)
        return
    for finding in results[0].findings:
        if finding.code.startswith("TABLE-"):
            assert finding.location is not None and finding.location.resource
            if finding.code not in ("TABLE-MISSING-ROW", "TABLE-ENCODING", "TABLE-HEADER"):
                assert finding.location.row is not None


# -- CSV written for spreadsheets ------------------------------------------------------------

FORMULA = ("=", "+", "-", "@")


def test_escape_text_round_trips() -> None:
    for text in ["=SUM(A1)", "+1", "-1", "@x", "'quoted", "''", "plain", "", "\ttab", "\rcr", "平潭"]:
        assert unescape_text(escape_text(text)) == text
        assert not escape_text(text).startswith(FORMULA)


def test_every_text_column_is_escaped() -> None:
    """A report whose every text starts like a formula: no CSV text cell starts with = + - @."""
    base = load(EXAMPLES / "pingtan-2021.json")
    import attrs

    from opengovreport.model import Extension

    report = attrs.evolve(
        base,
        id="x-1",
        issuer=Issuer("=HYPERLINK(\"http://x\")", "county", "government", "350128"),
        narrative={s: f"{c}cmd|' /C calc'!A0" for s, c in zip(
            ("introduction", "overview", "problems", "other_matters"), FORMULA)},
        extensions={"@evil": Extension(label="-2+3", label_en="+cmd", table="=applications",
                                       values={"=x": 1})},
    )
    files = build_package([report])
    numeric = {"year", "value"} | {
        name for spec in __import__("opengovreport.package.layout", fromlist=["x"]).edition_resources("2021")
        for name in spec.field_names() if name not in ("report_id", "row_id", "row_label")
    }
    for path, text in files.items():
        if not path.endswith(".csv"):
            continue
        rows = list(csv.reader(io.StringIO(text, newline="")))
        header = rows[0]
        for row in rows[1:]:
            for name, cell in zip(header, row):
                if name in numeric:
                    continue  # numbers are written as numbers (a signed count may be -3)
                assert not cell.startswith(FORMULA), (path, name, cell)
    back = read_package_from_files(files)
    assert back.narrative == report.narrative and back.issuer.name == report.issuer.name
    assert back.extensions == report.extensions


def read_package_from_files(files: dict[str, str]) -> Any:
    import tempfile

    from opengovreport.package import from_package

    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            path = Path(folder) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        (report,) = from_package(folder)
    return report


def test_cli_never_shows_a_traceback_on_packages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = {
        "not-json.zip": b"PK\x03\x04 broken",
        "descriptor-not-json/datapackage.json": b"{",
        "descriptor-array/datapackage.json": b"[]",
        "no-resources/datapackage.json": b'{"name": "x"}',
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        code, out, err = run(capsys, "validate", str(path))
        assert code == 2 and "Traceback" not in err and "internal error" not in err, (name, err)


def test_open_errors_are_input_errors() -> None:
    assert issubclass(PackageError, InputError) and issubclass(InputError, OpenGovReportError)


# -- large packages in several processes ------------------------------------------------------


@pytest.mark.parametrize("damage", ["none", "bad-cells", "unknown-report", "unsorted"])
def test_package_in_parts_gives_the_same_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                damage: str) -> None:
    """Split between processes (forced for a small package), the findings are those of one."""
    import opengovreport.package.validate as package_validate

    monkeypatch.setattr(package_validate, "PARALLEL_FROM", 2)
    reports = [load(p) for p in sorted(EXAMPLES.glob("*.json"))]
    package = tmp_path / "p"
    to_package(reports, package)
    if damage == "bad-cells":
        _rewrite_csv(package / "data" / "2021" / "applications.csv",
                     lambda rows: [rows[i].__setitem__(4, "x") for i in (3, 40, 70)])
        _rewrite_csv(package / "data" / "narrative.csv", lambda rows: rows[-1].pop())
    elif damage == "unknown-report":
        _rewrite_csv(package / "data" / "2021" / "review_litigation.csv",
                     lambda rows: rows.insert(4, ["nobody", "review", "", "0", "0", "0", "0", "0"]))
    elif damage == "unsorted":
        _rewrite_csv(package / "data" / "2021" / "proactive.csv",
                     lambda rows: rows.__setitem__(slice(1, None), rows[:0:-1]))
    one = validate_package(package)
    taken = package_validate._in_parts(package, None, None, 2)
    assert (taken is None) == (damage == "unsorted")  # unsorted tables: read in one process
    for workers in (2, 3):
        parts = validate_package(package, workers=workers)
        assert [r.file for r in parts] == [r.file for r in one]
        assert parts[1:] == one[1:]
        assert parts[0].findings == one[0].findings
