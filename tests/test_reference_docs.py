"""The generated reference pages are fresh and list every cell id, rule code and indicator."""

from __future__ import annotations

import pytest

from opengovreport.comparison import INDICATORS
from opengovreport.editions import EDITION_CODES, get_edition
from opengovreport.reference import build_pages
from opengovreport.rules import RULES

from .paths import ROOT

PAGES = build_pages()
DOCS = ROOT / "docs" / "reference"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_fresh(name: str) -> None:
    path = DOCS / name
    assert path.is_file() and path.read_text(encoding="utf-8") == PAGES[name], (
        f"{path} is stale: run python -m opengovreport.reference"
    )


@pytest.mark.parametrize("code", EDITION_CODES)
def test_edition_page_lists_every_cell(code: str) -> None:
    page = PAGES[f"edition-{code}.md"]
    for cell in get_edition(code).cells:
        assert f"`{cell.id}`" in page


def test_rules_page_lists_every_rule_and_indicators_page_every_indicator() -> None:
    for rule in RULES:
        assert f"## {rule.code}" in PAGES["rules.md"]
    for indicator in INDICATORS:
        assert f"`{indicator.key}`" in PAGES["indicators.md"]
