"""The shortcuts rules take for speed say exactly what the plain computation says.

Fast validation is compared with the reference on whole documents elsewhere
(test_fast_validation.py); these tests aim at the shortcuts themselves, with values
and templates that documents rarely have.
"""

from __future__ import annotations

import decimal
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from opengovreport.editions import get_edition
from opengovreport.findings import Severity
from opengovreport.rules import rules_for
from opengovreport.rules.arithmetic import operand
from opengovreport.rules.base import (ABSENT, Relations, RuleInput, _ready_template, relation_findings,
                                      relation_plan)
from opengovreport.rules.statistics_2014 import _share, _share_certainly_agrees

FIELDS = ("left", "right", "unknowns", "with_zero")


@pytest.mark.parametrize(
    "template",
    [
        "{where}：{unknowns}，“{title}”{with_zero}。",
        "{where}: 100% of {left} {{braces}} {right} and {left} again",
        "{title}{title}%s%%",
        "no field at all",
        "{where!r} {left}",  # a conversion
        "{left:>8}",  # a format spec
        "{left.upper}",  # an attribute
        "{other}",  # a field the rules do not give
        "{}",  # a positional field
        "{where",  # a broken brace
    ],
)
def test_ready_templates_format_as_str_format(template: str) -> None:
    where, title = "“{0}”列 100%", "title %s {x}"
    values = ("≥ 12", "5", "“A”为空；“B”缺失", "也不成立")
    try:
        expected: Any = template.format(where=where, title=title, **dict(zip(FIELDS, values)))
    except (KeyError, IndexError, ValueError) as exc:
        expected = type(exc)
    form, pick, _ = _ready_template(template, where, title, FIELDS)
    try:
        got: Any = form % pick(values)
    except (KeyError, IndexError, ValueError) as exc:
        got = type(exc)
    assert got == expected


def _rule_and_relation(code: str) -> tuple[Any, Any, Any]:
    edition = get_edition("2021")
    rule = next(r for r in rules_for(edition) if r.code == code)
    assert isinstance(rule.evaluate, Relations)
    return edition, rule, rule.evaluate.relations(edition)[0]


def test_not_checkable_messages_that_show_the_sums_are_written_for_each_document() -> None:
    """Messages that do not show the sums are kept per unknown cell; these must not be."""
    edition, rule, relation = _rule_and_relation("APP-BALANCE")
    rule = attrs.evolve(rule, not_checkable_en="{where}: {unknowns}; left {left}, right {right}.")
    total, carried = relation.right
    seen = []
    for carried_forward in (1, 7):
        cells = {cell: 10 for cell in relation.left} | {total: None, carried: carried_forward}
        (finding,) = relation_findings(rule, RuleInput(edition=edition, cells=cells, document={}), [relation])
        seen.append(finding.message_en)
    assert seen[0].endswith("left 20, right ≥ 1.") and seen[1].endswith("left 20, right ≥ 7.")


def test_fast_and_plain_reading_of_a_relation_agree_on_odd_values() -> None:
    """Values no schema-valid document has (negative, fractional, not numbers, absent)."""
    edition, rule, relation = _rule_and_relation("APP-BALANCE")
    index = edition.cell_index
    odd = [-3, decimal.Decimal("2.5"), decimal.Decimal("4"), 2.0, "7", True, None, ABSENT, 10**5000]
    for value in odd:
        cells = {cell: 5 for cell in relation.left + relation.right} | {relation.left[0]: value}
        if value is ABSENT:
            del cells[relation.left[0]]
        data = RuleInput(edition=edition, cells=cells, document={})
        by_dict = list(relation_findings(rule, data, [relation]))
        values = [ABSENT] * len(edition.cells)
        for cell_id, raw in cells.items():
            values[index[cell_id]] = raw
        plan = relation_plan(edition, relation)
        by_values = plan.decide(rule, plan.left_at(values), plan.right_at(values))
        assert by_dict == ([by_values] if by_values is not None else []), value


@pytest.mark.parametrize("raw", [0, 3, -3, None, ABSENT, decimal.Decimal("1.5"), decimal.Decimal("-0"), 1.0,
                                 float("nan"), "3", True, decimal.Decimal("NaN")])
def test_printed_is_whether_the_operand_is_known(raw: Any) -> None:
    edition = get_edition("2014")
    for cell_id in ("applicant_sources.media.count", "applicant_sources.media.percent"):
        cells = {} if raw is ABSENT else {cell_id: raw}
        data = RuleInput(edition=edition, cells=cells, document={})
        assert data.printed(cell_id) is data.operand(cell_id).known


def test_has_table_finds_a_table_by_its_cells_or_their_prefix() -> None:
    edition = get_edition("2014")
    main = edition.cells[0].id  # a cell of the table without a key: its ids have no prefix
    assert not RuleInput(edition=edition, cells={main: 1}, document={}).has_table("")
    assert RuleInput(edition=edition, cells={"applicant_sources.media.count": None}, document={}).has_table(
        "applicant_sources")
    assert RuleInput(edition=edition, cells={"applicant_sources.unknown": 1}, document={}).has_table(
        "applicant_sources")
    assert not RuleInput(edition=edition, cells={main: 1}, document={}).has_table("applicant_sources")


def _percents() -> st.SearchStrategy[Any]:
    exponents = st.integers(min_value=-6, max_value=2)
    return st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.builds(lambda digits, exponent: decimal.Decimal(digits).scaleb(exponent),
                  st.integers(min_value=0, max_value=10**12), exponents),
    )


@settings(max_examples=3000, deadline=None)
@given(count=st.integers(min_value=0, max_value=10**9), total=st.integers(min_value=1, max_value=10**9),
       percent=_percents())
@example(count=1, total=8, percent=decimal.Decimal("12.50"))  # exactly the printed value
@example(count=1, total=8, percent=decimal.Decimal("12.4"))  # 12.5 is 0.1 off: the edge of the rounding
@example(count=1, total=3, percent=decimal.Decimal("33.33"))
@example(count=2, total=3, percent=decimal.Decimal("66.66"))  # 66.666… is 0.00666… off: beyond 0.005
@example(count=1, total=200, percent=decimal.Decimal("0.5"))
@example(count=1, total=400, percent=decimal.Decimal("0.3"))  # 0.25 is exactly 0.05 off: still agrees
@example(count=10**9, total=1, percent=10**11)
def test_the_whole_number_share_check_never_agrees_where_decimal_does_not(count: int, total: int,
                                                                            percent: Any) -> None:
    agrees = _share(count, percent, total)[3]
    if _share_certainly_agrees(count, percent, total):
        assert agrees
    # Near the printed value the check is not too careful to be of use:
    exact = decimal.Decimal(count) * 100 / decimal.Decimal(total)
    places = max(0, -percent.as_tuple().exponent) if isinstance(percent, decimal.Decimal) else 0
    if places <= 6 and abs(exact - decimal.Decimal(percent)) * 2 <= decimal.Decimal(5).scaleb(-places - 1):
        assert _share_certainly_agrees(count, percent, total)


def test_the_share_check_is_not_used_when_the_context_rounds_otherwise() -> None:
    edition = get_edition("2014")
    rule = next(r for r in rules_for(edition) if r.code == "L-SOURCES-PERCENT")
    assert rule.quick is not None
    quick = rule.quick(edition)
    index = edition.cell_index
    values: list[Any] = [0] * len(edition.cells)
    for row in edition.table("applicant_sources").rows:  # every row 1 of 3 requests: 33.33 %
        values[index[f"applicant_sources.{row.key}.count"]] = 1
        values[index[f"applicant_sources.{row.key}.percent"]] = decimal.Decimal("33.33")
    values[index["applicant_sources.total.count"]] = 3
    values[index["applicant_sources.total.percent"]] = decimal.Decimal("100.00")
    assert quick(values, {}) is True
    with decimal.localcontext() as context:
        context.prec = 5
        assert quick(values, {}) is False
    with decimal.localcontext() as context:
        context.traps[decimal.Inexact] = True
        assert quick(values, {}) is False


def test_severity_rank_and_converters() -> None:
    from opengovreport.findings import Finding

    assert [s.rank for s in Severity] == [0, 1, 2]
    finding = Finding(code="X", severity="info", pointers=["/a"], message_zh="", message_en="")
    assert finding.severity is Severity.INFO and finding.pointers == ("/a",)
    assert operand("x", None).known is False
