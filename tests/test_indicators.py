"""Indicators comparable across editions, checked against hand calculation."""

from __future__ import annotations

import csv
import io
import json

import pytest

import opengovreport
from opengovreport.cli.main import main
from opengovreport.comparison import INDICATORS, Formula, Unavailable, expand
from opengovreport.editions import EDITION_CODES, get_edition

from .paths import EXAMPLES

LIANYUNGANG = EXAMPLES / "lianyungang-2017.json"


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda i: i.key)
def test_every_indicator_says_what_each_edition_supplies(indicator) -> None:  # type: ignore[no-untyped-def]
    assert set(indicator.formulas) == set(EDITION_CODES)
    for code, formula in indicator.formulas.items():
        if isinstance(formula, Unavailable):
            assert formula.reason_zh and formula.reason_en
            continue
        assert isinstance(formula, Formula)
        for term in formula.terms:
            assert expand(term, get_edition(code)), f"{indicator.key}/{code}: {term} matches no cell"


def test_lianyungang_2017_by_hand() -> None:
    # 附件1 of the 连云港 2017 report, added up by hand:
    expected = {
        "requests_received": 337,             # (一)收到申请数
        "requests_carried_over": None,        # no such row in 2014
        "requests_handled": 337,              # (二)申请办结数
        "granted_full": 45 + 137,             # 1.属于已主动公开范围数 + 2.同意公开答复数
        "granted_partial": 24,                # 3.同意部分公开答复数
        "withheld": 26,                       # 4.不同意公开答复数
        "unable_to_provide": 56 + 23,         # 5.不属于本行政机关公开数 + 6.申请信息不存在数
        "not_processed": None,                # no 不予处理 in 2014
        "other_handling": None,
        "requests_carried_forward": None,
        "reviews_total": 87,                  # 四、行政复议数量
        "reviews_corrected": 6,               # (二)被依法纠错数
        "lawsuits_total": 89,                 # 五、行政诉讼数量
        "lawsuits_corrected": 11,             # (二)被依法纠错数
        "normative_documents_issued": 27,     # 制发规范性文件总数
    }
    values = opengovreport.indicators(opengovreport.load(LIANYUNGANG))
    assert {v.key: v.value for v in values} == expected
    for value in values:
        if value.value is None:
            assert value.reason_zh and value.reason_en and value.cells == ()


def test_pingtan_2021_by_hand() -> None:
    values = {v.key: v.value for v in opengovreport.indicators(
        opengovreport.load(EXAMPLES / "pingtan-2021.json"))}
    assert values["requests_received"] == 70
    assert values["requests_handled"] == 69
    # 不予公开: internal_affairs 1 + enforcement_files 6 + administrative_inquiry 1
    assert values["withheld"] == 8
    assert values["lawsuits_total"] == 12 + 0
    assert values["normative_documents_issued"] == 69


def test_blank_cell_gives_null_with_reason_not_zero() -> None:
    report = opengovreport.load(EXAMPLES / "pingtan-2021.json").with_cells(
        {"review_litigation.litigation_after_review.total": None}
    )
    value = {v.key: v for v in opengovreport.indicators(report)}["lawsuits_total"]
    assert value.value is None
    assert "review_litigation.litigation_after_review.total" in value.reason_en


def test_cli_csv_prints_the_lianyungang_indicators(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["indicators", str(LIANYUNGANG)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_key = {r["indicator"]: r for r in rows}
    assert len(rows) == len(INDICATORS)
    assert by_key["granted_full"]["value"] == "182"
    assert by_key["not_processed"]["value"] == "" and by_key["not_processed"]["reason"]
    assert by_key["requests_received"]["issuer"] == "连云港市人民政府办公室"


def test_cli_json_for_several_editions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["indicators", "--format", "json", "--lang", "en", str(EXAMPLES)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {entry["edition"] for entry in payload} == {"2014", "2019", "2021"}
    years = sorted(entry["year"] for entry in payload)
    assert years[0] == 2017 and years[-1] == 2025


def test_cli_unusable_input(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["indicators", str(bad)]) == 2
    assert "edition" in capsys.readouterr().err
