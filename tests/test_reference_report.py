"""The 连云港市 2017 reference report (edition 2014) against its source text.

The source is read here independently of the builder: for each row of the
definition, in printed order, the label is found in 附件1/附件2 and the number
printed after it (or nothing, for a blank) is compared with the document. A
transcription slip, a changed label or a lost blank fails.
"""

from __future__ import annotations

import decimal
import hashlib
import json
import re

import pytest

from opengovreport import load, validate
from opengovreport.editions import get_edition

from .paths import CORPUS, EXAMPLES

SOURCE = CORPUS / "000_965a7cb5ed049dd9.txt"
DOCUMENT = EXAMPLES / "lianyungang-2017.json"
NUMBER = re.compile(r"^\d+(\.\d+)?$")
UNITS = {"万元", "人次"}


def _source_lines() -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    lines = [line.replace("\xa0", " ").strip() for line in text.splitlines()]
    start = lines.index("附件1")
    return [line for line in lines[start:] if line]


def _read_source() -> dict[str, decimal.Decimal | None]:
    """Cell id → printed value, read by walking the printed labels in order."""
    edition = get_edition("2014")
    lines = _source_lines()
    values: dict[str, decimal.Decimal | None] = {}
    position = 0
    for table in edition.tables:
        for row in table.rows:
            # A label may be printed over two lines; find it at or after the cursor.
            for index in range(position, len(lines)):
                if lines[index] == row.label_zh:
                    position = index + 1
                    break
                if index + 1 < len(lines) and lines[index] + lines[index + 1] == row.label_zh:
                    position = index + 2
                    break
            else:
                pytest.fail(f"label {row.label_zh!r} not found in the source after line {position}")
            if position < len(lines) and lines[position] in UNITS:
                position += 1
            for column in row.columns:
                cell_id = ".".join(p for p in (table.key, row.key, column.key) if p)
                if position < len(lines) and NUMBER.match(lines[position]):
                    values[cell_id] = decimal.Decimal(lines[position])
                    position += 1
                else:
                    values[cell_id] = None
    return values


SOURCE_VALUES = _read_source()


def test_the_source_has_every_cell_of_the_edition() -> None:
    assert set(SOURCE_VALUES) == set(get_edition("2014").cell_ids())
    assert len(SOURCE_VALUES) == 80


@pytest.mark.parametrize("cell_id", sorted(SOURCE_VALUES))
def test_document_value_equals_the_printed_value(cell_id: str) -> None:
    report = load(DOCUMENT)
    printed = SOURCE_VALUES[cell_id]
    value = report.cell(cell_id)
    if printed is None:
        assert value is None
    else:
        assert value is not None and decimal.Decimal(str(value)) == printed
        # Printed decimals are kept: 0.30 stays 0.30.
        assert str(value) == str(printed)


def test_truth_file_agrees_with_the_document() -> None:
    truth = json.loads((CORPUS / "truth" / "000_965a7cb5ed049dd9.json").read_text(encoding="utf-8"),
                       parse_float=decimal.Decimal)
    report = load(DOCUMENT)
    assert report.cells == truth["cells"]
    assert report.issuer.name == truth["issuer"] and report.year == truth["year"]


def test_document_metadata() -> None:
    report = load(DOCUMENT)
    assert report.edition == "2014" and report.scope == "aggregate"
    assert report.source is not None
    assert report.source.sha256 == hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    text = SOURCE.read_text(encoding="utf-8").replace("\xa0", " ")
    assert report.narrative is not None and set(report.narrative) == {
        "introduction", "overview", "key_areas", "problems",
    }
    for section in report.narrative.values():
        for line in section.splitlines():
            assert line in text


def test_no_error_and_only_the_info_its_blanks_deserve() -> None:
    result = validate(load(DOCUMENT))
    assert result.valid
    assert result.counts == {"error": 0, "warning": 0, "info": 4}
    got = sorted((f.code, f.pointers[0]) for f in result.findings)
    assert got == sorted([
        # 申请总数 = 七类之和: 社会团体、宣传媒体、科研院校 blank (holds with blanks as 0).
        ("L-SOURCES-SUM", "/applicant_sources/social_groups/count"),
        # 科研人员, 媒体从业人员 ≤ 公民: blank.
        ("L-SOURCES-SUM", "/applicant_sources/citizens_researchers/count"),
        ("L-SOURCES-SUM", "/applicant_sources/citizens_media_workers/count"),
        # The 申请总数 row prints no percent.
        ("L-SOURCES-PERCENT", "/applicant_sources/total/percent"),
    ])
