"""The opengovreport command: exit codes, output formats, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from opengovreport.cli.main import main
from opengovreport.package import read_package
from opengovreport.schema import validator

from .paths import DATAPACKAGES, EXAMPLES, FIXTURES
from .test_fixtures import EXPECTED


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_real_documents_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(DATAPACKAGES))
    assert code == 0
    packages = list(DATAPACKAGES.glob("*/datapackage.json"))
    reports = sum(len(read_package(p.parent).documents) for p in packages)
    assert len(packages) == 2 and reports == 6
    assert out.count("通过") == len(packages) + reports
    code, out, _ = run(capsys, "validate", str(EXAMPLES))
    assert code == 0 and out.count("通过") == 6


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_exit_code_and_code(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", str(FIXTURES / name))
    payload = json.loads(out)
    assert list(validator("validation-report.schema.json").iter_errors(payload)) == []
    main_findings = [f for f in payload["findings"] if f["severity"] != "info"]
    expected = [e for e in EXPECTED[name] if e[1] != "info"]
    assert sorted((f["code"], f["severity"]) for f in main_findings) == sorted(
        (c, s) for c, s, _ in expected
    )
    has_error = any(s == "error" for _, s, _ in expected)
    assert code == (1 if has_error else 0)
    assert payload["valid"] is (not has_error)


def test_json_for_many_files_is_an_array_that_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json", str(FIXTURES / "2021"))
    payload = json.loads(out)
    assert isinstance(payload, list)
    assert len(payload) == sum(1 for name in EXPECTED if name.startswith("2021/"))
    assert list(validator("validation-report.schema.json").iter_errors(payload)) == []
    assert code == 1
    first = payload[0]
    assert first["standard"] == "1.0" and first["edition"] == "2021"
    assert first["library"]["name"] == "opengovreport"
    assert "APP-BALANCE" in first["ruleset"]["rules"]


def test_text_output_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--lang", "en",
                       str(FIXTURES / "2021/invalid/rl-group-total.json"))
    assert code == 1
    assert "RL-GROUP-TOTAL" in out and "INVALID" in out and "upheld + corrected" in out


def test_text_output_groups_by_code_and_hides_info_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "2021/valid/blank-not-checkable.json")
    _, out, _ = run(capsys, "validate", path)
    assert "APP-BALANCE × 2" in out and "--all" in out
    _, out_all, _ = run(capsys, "validate", "--all", path)
    assert "无法判断" in out_all


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"{not json", "not JSON"),
        ('{"edition": "2021", "year": 2021}'.encode("gb18030") + "平潭".encode("gb18030"), "not JSON"),
        ('{"edition": "政府信息公开"}'.encode("gb18030"), "GB18030"),
        (b'{"edition": "2021", "edition": "2019"}', "more than once"),
        (b'{"standard": "1.0"}', "no 'edition'"),
        (b'{"edition": "1999"}', "unknown edition"),
        (b"[1, 2]", "JSON object"),
        (bytes(range(256)), "UTF-8"),
    ],
)
def test_unusable_input_exits_2_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2
    assert str(path) in err and message in err
    assert "Traceback" not in err + out


def test_unusable_among_usable_still_validates_the_rest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad), str(EXAMPLES / "pingtan-2021.json"))
    assert code == 2
    assert "pingtan-2021.json" in out and "bad.json" in err


def test_missing_path_and_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.json"))
    assert code == 2 and "no such file" in err
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 2 and "no .json document" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate")[0] == 2
    assert run(capsys)[0] == 2
    assert run(capsys, "frobnicate")[0] == 2


@pytest.mark.parametrize("edition", ["2021", "2019", "2014"])
def test_schema_command_prints_each_edition(capsys: pytest.CaptureFixture[str], edition: str) -> None:
    code, out, _ = run(capsys, "schema", "--edition", edition)
    assert code == 0 and json.loads(out)["$id"].endswith(f"/1.0/report-{edition}.schema.json")


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "--edition", "2021", "--path")
    assert code == 0 and Path(out.strip()).is_file()


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe\x00")
    result = subprocess.run(
        [sys.executable, "-m", "opengovreport", "validate", str(bad)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and str(bad) in result.stderr
    help_ = subprocess.run([sys.executable, "-m", "opengovreport", "--help"],
                           capture_output=True, text=True, check=False)
    assert help_.returncode == 0 and "validate" in help_.stdout
