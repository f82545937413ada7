"""The rules of editions 2021 and 2019 (FORMATS.md, "Rules"), each declared once.

Operands come from the edition definitions: total columns (``Column.is_total``)
and total rows (``Row.sums_group``) say what adds up to what, so a new edition
gets these rules by defining its tables, not by copying code.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, Iterator, Mapping, Sequence

from ..editions import Cell, Edition
from ..editions.codelists import ISSUER_KIND, ISSUER_LEVEL
from ..findings import Finding, Severity
from .arithmetic import Outcome
from .base import (QuickCheck, Relation, Relations, Rule, RuleInput, _operand_options, column_sums,
                   row_sums, shown)

APPLICATION_EDITIONS = ("2021", "2019")


def _app_balance(edition: Edition) -> Iterator[Relation]:
    columns = edition.table("applications").row("new_received").columns
    for column in columns:
        def cid(row: str) -> str:
            return f"applications.{row}.{column.key}"

        yield Relation(
            left=(cid("new_received"), cid("carried_over")),
            right=(cid("outcome.total"), cid("carried_forward")),
            where_zh=f"“{column.label_zh}”列",
            where_en=f"Column “{column.label_en}”",
        )


def _sum_relations(sums: Iterator[tuple[Cell, tuple[Cell, ...]]], by: str) -> Iterator[Relation]:
    """total = sum(parts), located by the total's column (``by="column"``) or row."""
    for total, parts in sums:
        if by == "column":
            where_zh, where_en = f"“{total.column.label_zh}”列", f"Column “{total.column.label_en}”"
        else:
            where_zh = f"“{total.row_label_zh}”行"
            where_en = f"Row “{total.row_label_en}”"
        yield Relation(
            left=(total.id,),
            right=tuple(p.id for p in parts),
            where_zh=where_zh,
            where_en=where_en,
        )


def _app_outcome_sum(edition: Edition) -> Iterator[Relation]:
    return _sum_relations(row_sums(edition.table("applications")), by="column")


def _app_column_total(edition: Edition) -> Iterator[Relation]:
    return _sum_relations(column_sums(edition.table("applications")), by="row")


def _rl_group_total(edition: Edition) -> Iterator[Relation]:
    return _sum_relations(column_sums(edition.table("review_litigation")), by="row")


def _totals(edition: Edition) -> tuple[dict[str, Cell], dict[str, list[Cell]]]:
    """(total id → total cell, total id → its parts) of every column and row total."""
    parts_of: dict[str, list[Cell]] = {}
    totals: dict[str, Cell] = {}
    for table in edition.tables:
        for total, parts in (*column_sums(table), *row_sums(table)):
            totals[total.id] = total
            parts_of.setdefault(total.id, []).extend(parts)
    # A part counted twice (a cell in both a column and a row sum) is listed once.
    return totals, {total_id: list(dict.fromkeys(parts)) for total_id, parts in parts_of.items()}


_Part = tuple[str, bool, str, str, str]
"""A part of a total: (id, signed, pointer, “label” in Chinese, “label” in English)."""


def _total_parts(edition: Edition) -> tuple[tuple[str, Cell, tuple[_Part, ...]], ...]:
    """(total id, total cell, its parts) for every total, with what a finding shows of each
    part worked out once (kept on the Edition)."""
    totals, parts_of = edition.derived(_totals, _totals)
    options = edition.derived(_operand_options, _operand_options)
    return tuple(
        (total_id, total, tuple((p.id, options[p.id][1], p.pointer, f"“{p.label_zh}” ", f"“{p.label_en}” ")
                                for p in parts_of[total_id]))
        for total_id, total in totals.items()
    )


def _total_blank(rule: Rule, data: RuleInput) -> Iterator[Finding]:
    cells = data.cells
    for total_id, total, parts in data.edition.derived(_total_parts, _total_parts):
        if cells.get(total_id, 0) is not None:  # printed, or not in the document
            continue
        pointers = [total.pointer]
        printed_zh: list[str] = []
        printed_en: list[str] = []
        for part_id, signed, pointer, label_zh, label_en in parts:
            raw = cells.get(part_id)
            if type(raw) is int and (raw >= 0 or signed):  # a printed count, as operand() reads it
                if raw == 0:
                    continue
            elif raw is None:  # blank, or not in the document
                continue
            else:  # not a plain count (a fraction, an odd value)
                op = data.operand(part_id)
                if not op.known or op.value == 0:
                    continue
            text = shown(raw)
            pointers.append(pointer)
            printed_zh.append(label_zh + text)
            printed_en.append(label_en + text)
        if not printed_zh:
            continue
        yield Finding(
            code=rule.code,
            severity=rule.severity,
            pointers=tuple(pointers),
            expected="a number",
            actual=None,
            message_zh=rule.fail_zh.format(total=total.label_zh, parts="、".join(printed_zh)),
            message_en=rule.fail_en.format(total=total.label_en, parts="; ".join(printed_en)),
        )


def _total_blank_quick(edition: Edition) -> QuickCheck:
    """No finding while no total cell is blank."""
    index = edition.cell_index
    totals = [index[total_id] for total_id in edition.derived(_totals, _totals)[0]]
    if not totals:
        return lambda values, document: True
    pick = itemgetter(*totals, totals[0])  # two or more: always a tuple

    def quick(values: Sequence[Any], document: Mapping[str, Any]) -> bool:
        return None not in pick(values)

    return quick


_MAY_MAKE_REGULATIONS = frozenset({
    ("national", "department"),
    ("provincial", "government"),
    ("prefectural", "government"),
})


def may_make_regulations(level: Any, kind: Any) -> bool:
    """Only the State Council's departments and provincial and 设区的市 governments make 规章."""
    return (level, kind) in _MAY_MAKE_REGULATIONS


def _pro_rule_authority_quick(edition: Edition) -> QuickCheck:
    """No finding while no regulation is counted, or the issuer may make regulations."""
    table = edition.table("proactive")
    row = table.row("regulations")
    index = edition.cell_index
    cells = [index[Cell(table, row, column).id] for column in row.columns]
    pick = itemgetter(*cells, cells[0])

    def quick(values: Sequence[Any], document: Mapping[str, Any]) -> bool:
        if all(value is None or value == 0 for value in pick(values)):
            return True
        issuer = document["issuer"]  # the schema requires it, with a level and a kind
        return (issuer["level"], issuer["kind"]) in _MAY_MAKE_REGULATIONS

    return quick


def _pro_rule_authority(rule: Rule, data: RuleInput) -> Iterator[Finding]:
    row = data.edition.table("proactive").row("regulations")
    cells = [Cell(data.edition.table("proactive"), row, column) for column in row.columns]
    positive = []
    for cell in cells:
        op = data.operand(cell.id)
        if op.known and op.value > 0:
            positive.append(cell)
    if not positive:
        return
    issuer = data.document.get("issuer")
    issuer = issuer if isinstance(issuer, dict) else {}
    level, kind = issuer.get("level"), issuer.get("kind")
    values = " | ".join(f"{c.column.label_zh} {shown(data.cells[c.id])}" for c in positive)
    values_en = " | ".join(f"{c.column.label_en} {shown(data.cells[c.id])}" for c in positive)
    pointers = tuple(c.pointer for c in positive) + ("/issuer/level", "/issuer/kind")
    level_code, kind_code = ISSUER_LEVEL.get(str(level)), ISSUER_KIND.get(str(kind))
    name = issuer.get("name", "")
    if level_code is None or kind_code is None:
        yield Finding(
            code=rule.code,
            severity=Severity.INFO,
            pointers=pointers,
            expected=None,
            actual=None,
            message_zh=f"报告了规章（{values}），但发布机关的层级或类别未填或无效，无法判断其是否有权制定规章。",
            message_en=f"Regulations are reported ({values_en}) but the issuer's level or kind is missing "
            "or invalid, so whether it may make regulations cannot be checked.",
        )
        return
    if may_make_regulations(level, kind):
        return
    yield Finding(
        code=rule.code,
        severity=rule.severity,
        pointers=pointers,
        expected=0,
        actual=data.cells[positive[0].id],
        message_zh=rule.fail_zh.format(
            issuer=shown(name), level=level_code.label_zh, kind=kind_code.label_zh, values=values
        ),
        message_en=rule.fail_en.format(
            issuer=shown(name), level=level_code.label_en, kind=kind_code.label_en, values=values_en
        ),
    )


RULES: tuple[Rule, ...] = (
    Rule(
        code="APP-BALANCE",
        severity="error",
        editions=APPLICATION_EDITIONS,
        title_zh="新收加上年结转等于办理结果总计加结转下年度",
        title_en="new + carried over = outcome total + carried forward",
        formula_zh="每列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
        formula_en="each column: new_received + carried_over = outcome.total + carried_forward",
        fail_zh="{where}：本年新收加上年结转为 {left}，而办理结果总计加结转下年度为 {right}，两者应相等。",
        fail_en="{where}: new requests plus those carried over come to {left}, but the outcome total "
        "plus those carried forward come to {right}; they must be equal.",
        evaluate=Relations(_app_balance),
    ),
    Rule(
        code="APP-OUTCOME-SUM",
        severity="error",
        editions=APPLICATION_EDITIONS,
        title_zh="办理结果总计等于各项办理结果之和",
        title_en="outcome total = sum of the outcomes",
        formula_zh="每列：（七）总计 = （一）至（六）各项之和",
        formula_en="each column: outcome.total = sum of every outcome leaf row",
        fail_zh="{where}：（七）总计为 {left}，而各项办理结果之和为 {right}。",
        fail_en="{where}: the outcome total is {left}, but the outcomes add up to {right}.",
        evaluate=Relations(_app_outcome_sum),
    ),
    Rule(
        code="APP-COLUMN-TOTAL",
        severity="error",
        editions=APPLICATION_EDITIONS,
        title_zh="总计列等于各类申请人之和",
        title_en="total column = sum of the applicant columns",
        formula_zh="每行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
        formula_en="each row: total = natural_person + commercial_enterprise + research_institution "
        "+ public_interest_org + legal_service_org + other_org",
        fail_zh="{where}：总计为 {left}，而各类申请人之和为 {right}。",
        fail_en="{where}: the total is {left}, but the applicant columns add up to {right}.",
        evaluate=Relations(_app_column_total),
    ),
    Rule(
        code="RL-GROUP-TOTAL",
        severity="error",
        editions=APPLICATION_EDITIONS,
        title_zh="复议、诉讼总计等于各结果之和",
        title_en="review/litigation total = sum of its results",
        formula_zh="每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        formula_en="each group: total = upheld + corrected + other + pending",
        fail_zh="{where}：总计为 {left}，而结果维持、结果纠正、其他结果、尚未审结之和为 {right}。",
        fail_en="{where}: the total is {left}, but upheld + corrected + other + pending come to {right}.",
        evaluate=Relations(_rl_group_total),
    ),
    Rule(
        code="TOTAL-BLANK",
        severity="warning",
        editions=("2021", "2019", "2014"),
        title_zh="总计为空而分项有数",
        title_en="total blank while its parts are printed",
        formula_zh="总计（总计列、总计行或 .total 单元格）为空时，其分项不应有非零数",
        formula_en="a total (总计 column or row, a .total cell) is not blank when some of its parts are non-zero",
        fail_zh="“{total}”为空，但其分项有数：{parts}。",
        fail_en="“{total}” is blank, but some of its parts are printed: {parts}.",
        evaluate=_total_blank,
        quick=_total_blank_quick,
    ),
    Rule(
        code="PRO-RULE-AUTHORITY",
        severity="warning",
        editions=APPLICATION_EDITIONS,
        title_zh="无规章制定权的机关报告了规章",
        title_en="regulations reported by an organ that cannot make them",
        formula_zh="规章各栏 > 0 时，发布机关应为国务院部门、省级人民政府或设区的市级人民政府",
        formula_en="any proactive.regulations cell > 0 only for a national department, a provincial "
        "government or a prefectural government",
        fail_zh="{issuer}（{level}，{kind}）报告了规章（{values}），但只有国务院部门、省级人民政府和"
        "设区的市级人民政府才能制定规章；这些可能是规范性文件或内部制度。",
        fail_en="{issuer} ({level}, {kind}) reports regulations ({values}), but only State Council "
        "departments and provincial and prefectural governments make regulations; these may be "
        "normative documents or internal rules.",
        evaluate=_pro_rule_authority,
        quick=_pro_rule_authority_quick,
    ),
)


def outcome_of(findings: list[Finding]) -> Outcome:
    """Summarize a rule's findings: fail if any has the rule's severity, else pass or not checkable."""
    if any(f.severity is not Severity.INFO for f in findings):
        return Outcome.FAIL
    return Outcome.NOT_CHECKABLE if findings else Outcome.PASS
