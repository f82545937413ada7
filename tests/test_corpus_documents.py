"""The shipped real documents agree with the verified corpus values they were built from."""

from __future__ import annotations

import decimal
import hashlib
import json
import re

import pytest

from opengovreport import load, validate

from .paths import CORPUS, EXAMPLES

YEARS = (2019, 2021, 2023, 2024, 2025)


@pytest.mark.parametrize("year", YEARS)
def test_every_cell_equals_the_truth_file(year: int) -> None:
    truth = json.loads((CORPUS / "truth" / f"pingtan-{year}.json").read_text(encoding="utf-8"),
                       parse_float=decimal.Decimal)
    report = load(EXAMPLES / f"pingtan-{year}.json")
    assert report.edition == truth["edition"] and report.year == truth["year"]
    assert report.issuer.name == truth["issuer"]
    assert dict(report.cells) == truth["cells"]
    assert len(report.cells) == len(report.definition.cells)


@pytest.mark.parametrize("year", YEARS)
def test_narrative_is_verbatim_page_text(year: int) -> None:
    report = load(EXAMPLES / f"pingtan-{year}.json")
    page = next((CORPUS / "pages").glob(f"{year}_*_pingtan-zhsyq.txt")).read_text(encoding="utf-8")
    assert report.narrative is not None
    for text in report.narrative.values():
        assert text and text in page


@pytest.mark.parametrize("year", YEARS)
def test_source_points_at_the_corpus_html(year: int) -> None:
    report = load(EXAMPLES / f"pingtan-{year}.json")
    html = (CORPUS / "html" / f"pingtan-{year}.html").read_bytes()
    assert report.source is not None
    assert report.source.sha256 == hashlib.sha256(html).hexdigest()
    assert f'content="{report.source.url}"' in html.decode("utf-8")
    assert re.search(rf'PubDate" content="{report.published}', html.decode("utf-8"))


@pytest.mark.parametrize("year", YEARS)
def test_real_documents_pass_every_rule(year: int) -> None:
    # The truth notes say every rule within these reports holds.
    result = validate(load(EXAMPLES / f"pingtan-{year}.json"))
    assert result.valid and result.findings == ()
