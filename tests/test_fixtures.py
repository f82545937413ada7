"""The BODS-style fixtures: one document per expected finding, listed in expected_findings.csv."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from opengovreport.io import read_document
from opengovreport.validation import validate

from .paths import FIXTURES

CSV = FIXTURES / "expected_findings.csv"


def _expected() -> dict[str, list[tuple[str, str, str]]]:
    rows: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    with CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found = rows[row["file"]]  # a row with empty code: no finding expected
            if row["code"]:
                found.append((row["code"], row["severity"], row["pointer"]))
    return rows


EXPECTED = _expected()
FIXTURE_FILES = sorted(
    p.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("*/*/*.json")
)


def test_every_fixture_is_listed_and_every_listed_file_exists() -> None:
    assert set(FIXTURE_FILES) - set(EXPECTED) == set(), "fixtures missing from expected_findings.csv"
    listed_valid = {f for f in FIXTURE_FILES if "/valid/" in f}
    assert set(EXPECTED) - set(FIXTURE_FILES) == set(), "listed fixtures that do not exist"
    assert listed_valid, "there must be valid fixtures too"


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_gives_exactly_the_listed_findings(name: str) -> None:
    document, file = read_document(FIXTURES / name)
    report = validate(document, file=file)
    expected = EXPECTED[name]
    # Errors and warnings: exactly the listed ones, no more.
    got_main = sorted((f.code, f.severity.value, f.pointers[0]) for f in report.findings
                      if f.severity.value != "info")
    want_main = sorted(e for e in expected if e[1] != "info")
    assert got_main == want_main
    # Info findings listed for a fixture must be among those produced.
    got_info = {(f.code, f.severity.value, f.pointers[0]) for f in report.findings
                if f.severity.value == "info"}
    for row in (e for e in expected if e[1] == "info"):
        assert row in got_info
    if "/invalid/" in name:
        assert len(want_main) == 1, "an invalid fixture must produce exactly one error or warning"
    else:
        assert report.valid and not want_main


def test_every_rule_and_schema_class_has_a_fixture() -> None:
    from opengovreport.rules import rules_for
    from opengovreport.editions import EDITION_CODES, get_edition

    def codes_in(prefix: str) -> set[str]:
        return {code for name, rows in EXPECTED.items() if name.startswith(prefix)
                for code, severity, _ in rows if severity != "info"}

    for edition in EDITION_CODES:
        edition_codes = codes_in(f"{edition}/invalid/")
        for rule in rules_for(get_edition(edition)):
            assert rule.code in edition_codes, f"no invalid fixture for {rule.code} in edition {edition}"
    codes = codes_in("")
    for code in ("SCHEMA-REQUIRED", "SCHEMA-TYPE", "SCHEMA-MINIMUM", "SCHEMA-ADDITIONAL",
                 "SCHEMA-ENUM", "SCHEMA-CONST", "SCHEMA-PATTERN", "SCHEMA-FORMAT"):
        assert code in codes, f"no invalid fixture for {code}"


def test_blank_operand_cases_are_covered() -> None:
    assert "2021/invalid/app-column-total-fails-despite-blanks.json" in EXPECTED
    assert any(s == "info" for _, s, _ in EXPECTED["2021/valid/blank-not-checkable.json"])
    assert EXPECTED["2021/valid/blank-passes.json"] == []
    document, _ = read_document(FIXTURES / "2021/valid/blank-passes.json")
    assert validate(document).findings == ()


def test_fixtures_are_what_the_generator_writes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stale: list[str] = []

    def compare(path: Path, text: str) -> None:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(str(path.relative_to(FIXTURES)))

    module.build(compare)
    assert stale == [], f"stale fixtures, run python tests/fixtures/make_fixtures.py: {stale}"
