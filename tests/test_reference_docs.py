"""The generated reference pages are fresh and list every cell id, rule code, resource and indicator."""

from __future__ import annotations

import csv

import pytest

from opengovreport.collection import COLLECTION_RULES
from opengovreport.comparison import INDICATORS
from opengovreport.editions import EDITION_CODES, get_edition
from opengovreport.package.layout import all_resources
from opengovreport.reference import build_pages
from opengovreport.rules import RULES, rules_for
from opengovreport.validation import SCHEMA_CODES

from .paths import FIXTURES, ROOT

PAGES = build_pages(ROOT)
DOCS = ROOT / "docs" / "reference"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_fresh(name: str) -> None:
    path = DOCS / name
    assert path.is_file() and path.read_text(encoding="utf-8") == PAGES[name], (
        f"{path} is stale: run python -m opengovreport.reference"
    )


def test_no_page_is_left_over() -> None:
    assert {p.name for p in DOCS.glob("*.md")} == set(PAGES), "docs/reference/ has pages that are not generated"


@pytest.mark.parametrize("code", EDITION_CODES)
def test_edition_page_lists_every_cell_and_its_pointer(code: str) -> None:
    page = PAGES[f"edition-{code}.md"]
    for cell in get_edition(code).cells:
        assert f"`{cell.id}`" in page
        assert f"`{cell.pointer}`" in page
    for table in get_edition(code).tables:
        for row in table.rows:
            assert f"`{row.key}`" in page  # the row ids of the printed layout
    for rule in rules_for(get_edition(code)):
        assert f"(rules.md#{rule.code.lower()})" in page


def test_rules_page_lists_every_rule_and_indicators_page_every_indicator() -> None:
    for rule in (*RULES, *COLLECTION_RULES):
        assert f"### {rule.code}" in PAGES["rules.md"]
    for code in SCHEMA_CODES.values():
        assert f"### {code}" in PAGES["rules.md"]
    for indicator in INDICATORS:
        assert f"`{indicator.key}`" in PAGES["indicators.md"]


def _section(page: str, code: str) -> str:
    start = page.index(f"### {code}\n")
    end = page.find("\n### ", start + 1)
    following = page.find("\n## ", start + 1)
    ends = [e for e in (end, following) if e >= 0]
    return page[start:min(ends)] if ends else page[start:]


def test_every_rule_has_a_failing_example_with_the_librarys_messages() -> None:
    page = PAGES["rules.md"]
    with (FIXTURES / "expected_findings.csv").open(encoding="utf-8", newline="") as handle:
        listed = {row["code"] for row in csv.DictReader(handle)
                  if "/invalid/" in row["file"] and row["severity"] in ("error", "warning")}
    for code in [r.code for r in RULES] + [r.code for r in COLLECTION_RULES] + sorted(listed):
        section = _section(page, code)
        assert "**示例 / Example" in section, f"{code} has no example"
        assert f"- 发现项 / finding: `{code}`" in section
        assert "- 中文消息：" in section and "- Message: " in section
        if code in listed:
            assert "tests/fixtures/" in section, f"{code}: the example should come from its fixture"


def test_package_page_lists_every_resource_and_column() -> None:
    page = PAGES["package.md"]
    for spec in all_resources(EDITION_CODES):
        section = _section(page, f"`{spec.name}`")
        assert f"`{spec.path}`" in section
        for field in spec.fields:
            assert f"| `{field.name}` |" in section, f"{spec.name}.{field.name}"
