"""The edition definition against the normative spec (a copy of FORMATS.md in tests/spec)."""

from __future__ import annotations

import re

import pytest

from opengovreport.editions import CellKind, get_edition

from .paths import ROOT

SPEC = (ROOT / "tests" / "spec" / "FORMATS.md").read_text(encoding="utf-8")


def _section(title: str, next_title: str) -> str:
    start = SPEC.index(title)
    return SPEC[start : SPEC.index(next_title, start)]


def _spec_ids_2021() -> set[str]:
    ids: set[str] = set()
    proactive = _section("### 二、主动公开政府信息情况", "### 三、")
    for match in re.finditer(r"`(proactive\.[a-z_]+)\.([a-z_0-9]+)`((?: / `\.[a-z_]+`)*)", proactive):
        ids.add(f"{match.group(1)}.{match.group(2)}")
        ids.update(f"{match.group(1)}{suffix}" for suffix in re.findall(r"`(\.[a-z_]+)`", match.group(3)))
    applications = _section("### 三、收到和处理政府信息公开申请情况", "### 四、")
    columns = re.findall(r"`([a-z_]+)`", applications.split("| label |")[0])
    columns = [c for c in columns if c != "applications"]
    rows = re.findall(r"\| `(applications\.[a-z_.]+)` \|", applications)
    ids.update(f"{row}.{column}" for row in rows for column in columns)
    review = _section("### 四、", "## Edition 2019")
    rl_columns = [c for c in re.findall(r"`([a-z_]+)`", review) if c != "review_litigation"]
    groups = re.findall(r"`(review_litigation\.[a-z_]+)`", review)
    ids.update(f"{g}.{c}" for g in groups for c in rl_columns)
    return ids


def test_2021_cell_ids_are_the_spec_ids() -> None:
    edition = get_edition("2021")
    spec_ids = _spec_ids_2021()
    assert len(spec_ids) == 200
    assert set(edition.cell_ids()) == spec_ids


def test_2021_has_175_application_cells_and_15_review_cells() -> None:
    edition = get_edition("2021")
    counts = {t.key: sum(len(r.columns) for r in t.rows) for t in edition.tables}
    assert counts == {"proactive": 10, "applications": 175, "review_litigation": 15}


def test_every_cell_has_labels_kind_and_unit() -> None:
    for cell in get_edition("2021").cells:
        assert cell.label_zh and cell.label_en and cell.unit
        assert cell.pointer == "/" + cell.id.replace(".", "/")
    fees = get_edition("2021").cell("proactive.fees.amount_10k_yuan")
    assert fees.kind is CellKind.MONEY and fees.unit == "万元"


def test_application_row_labels_are_printed_in_the_spec() -> None:
    applications = _section("### 三、收到和处理政府信息公开申请情况", "### 四、")
    for row in get_edition("2021").table("applications").rows:
        assert row.label_zh in applications, row.label_zh


def test_outcome_total_sums_the_21_leaf_rows() -> None:
    table = get_edition("2021").table("applications")
    assert table.row("outcome.total").sums_group == "outcome"
    assert len(table.leaf_rows_of("outcome")) == 21


def test_unknown_edition_and_cell() -> None:
    with pytest.raises(KeyError):
        get_edition("1999")
    with pytest.raises(KeyError):
        get_edition("2021").cell("applications.nope.total")


def _ids_in_rows(section: str) -> list[str]:
    """Cell ids from the spec's table rows: full ids, `.sibling` suffixes, and `x.…` (same as above)."""
    ids: list[str] = []
    previous_columns: list[str] = []
    for line in section.splitlines():
        if not line.startswith("|"):
            continue
        last_full = None
        row_ids: list[str] = []
        for token in re.findall(r"`([^`]+)`", line):
            if token.endswith(".…"):
                base = token[:-2]
                row_ids.extend(f"{base}.{c}" for c in previous_columns)
            elif token.startswith("."):
                assert last_full is not None
                row_ids.append(last_full.rsplit(".", 1)[0] + token)
            elif re.fullmatch(r"[a-z_0-9]+(\.[a-z_0-9]+)*", token):
                row_ids.append(token)
                last_full = token
        if row_ids:
            previous_columns = [i.rsplit(".", 1)[-1] for i in row_ids]
            ids.extend(row_ids)
    return ids


def test_2019_proactive_ids_are_the_spec_ids() -> None:
    spec = set(_ids_in_rows(_section("Table 二 differs completely", "`change` is a **signed**")))
    edition = get_edition("2019")
    assert {c for c in edition.cell_ids() if c.startswith("proactive.")} == spec
    assert edition.cell("proactive.licensing.change").kind is CellKind.SIGNED_COUNT
    assert edition.cell("proactive.procurement.amount_10k_yuan").kind is CellKind.MONEY


def test_2019_has_161_application_cells_with_one_other_row() -> None:
    edition = get_edition("2019")
    applications = [c for c in edition.cell_ids() if c.startswith("applications.")]
    assert len(applications) == 161
    assert "applications.outcome.other.total" in applications
    assert set(c for c in edition.cell_ids() if c.startswith("review_litigation.")) == set(
        c for c in get_edition("2021").cell_ids() if c.startswith("review_litigation.")
    )


def test_2014_ids_are_the_spec_ids() -> None:
    section = _section("## Edition 2014", "Optional 申请来源统计表")
    spec = set(_ids_in_rows(section))
    edition = get_edition("2014")
    assert {c for c in edition.cell_ids() if not c.startswith("applicant_sources.")} == spec
    assert len(spec) == 58


def test_2014_applicant_sources_are_the_spec_rows() -> None:
    paragraph = _section("Optional 申请来源统计表", "## Rules")
    rows = [t for t in re.findall(r"`([a-z_]+)`", paragraph)
            if t not in {"applicant_sources", "count", "percent"}]
    edition = get_edition("2014")
    expected = {f"applicant_sources.{r}.{c}" for r in rows for c in ("count", "percent")}
    assert {c for c in edition.cell_ids() if c.startswith("applicant_sources.")} == expected


def test_2014_units_are_the_spec_units() -> None:
    edition = get_edition("2014")
    units = {cell.unit for cell in edition.cells}
    assert units == {"条", "件", "次", "篇", "个", "人", "人次", "万元", "%"}
    assert edition.cell("meetings.trainees").unit == "人次"
    assert edition.cell("organization.budget_10k_yuan").kind is CellKind.MONEY


def test_2014_labels_are_printed_in_the_reference_report() -> None:
    from .paths import CORPUS

    text = (CORPUS / "000_965a7cb5ed049dd9.txt").read_text(encoding="utf-8").replace("\xa0", " ")
    flat = re.sub(r"\s+", "", text)
    for table in get_edition("2014").tables:
        for row in table.rows:
            assert re.sub(r"\s+", "", row.label_zh) in flat, row.label_zh
