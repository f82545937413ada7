"""How a rule is declared and how its checks become findings."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Mapping

import attrs

from ..editions import Cell, CellKind, Edition, Table
from ..findings import Finding, Severity
from .arithmetic import Decision, Operand, OperandState, Outcome, decide_at_most, decide_equal, operand


@attrs.frozen(slots=True)
class RuleInput:
    """What rules read from a report: its cells (raw values) and its metadata."""

    edition: Edition
    cells: Mapping[str, Any]
    """Cell id → raw value, for the cells the document has."""
    document: Mapping[str, Any]
    """The whole document, for metadata such as the issuer."""

    def has_table(self, key: str) -> bool:
        """Whether the document gives any cell of table ``key`` (optional tables may be absent)."""
        prefix = key + "."
        return any(cell_id.startswith(prefix) for cell_id in self.cells)

    def operand(self, cell_id: str) -> Operand:
        kind = self.edition.cell(cell_id).kind
        options = {
            "integer": kind in (CellKind.COUNT, CellKind.SIGNED_COUNT),
            "signed": kind is CellKind.SIGNED_COUNT,
        }
        if cell_id in self.cells:
            return operand(cell_id, self.cells[cell_id], **options)
        return operand(cell_id, **options)


@attrs.frozen(slots=True)
class Relation:
    """One instance of a rule: an (in)equality between two sums of cells."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    where_zh: str
    where_en: str
    comparison: str = "equal"
    """``equal`` (sum(left) = sum(right)) or ``at_most`` (sum(left) ≤ sum(right))."""


Evaluator = Callable[["Rule", RuleInput], Iterable[Finding]]


@attrs.frozen(slots=True)
class Rule:
    """A named check with a stable code (like an IATI ruleset entry)."""

    code: str
    severity: Severity = attrs.field(converter=Severity)
    editions: tuple[str, ...]
    title_zh: str
    title_en: str
    formula_zh: str
    formula_en: str
    fail_zh: str
    """Message template when the rule fails; fields depend on the rule (see its evaluator)."""
    fail_en: str
    evaluate: Evaluator = attrs.field(repr=False)
    not_checkable_zh: str = "{where}：{unknowns}，无法判断“{title}”是否成立；若将这些单元格按 0 计，{with_zero}。"
    not_checkable_en: str = (
        "{where}: {unknowns}, so “{title}” cannot be checked; reading those cells as 0 it {with_zero}."
    )

    def applies_to(self, edition: Edition) -> bool:
        return edition.code in self.editions


def _fmt(value: Any) -> str:
    return format(value, "f") if hasattr(value, "is_finite") else str(value)


def _unknowns_text(operands: Iterable[Operand], edition: Edition, lang: str) -> str:
    words = {
        OperandState.BLANK: ("为空", "is blank"),
        OperandState.MISSING: ("缺失", "is missing"),
        OperandState.INVALID: ("不是有效数值", "is not a valid number"),
    }
    parts = []
    for op in operands:
        cell = edition.cell(op.cell_id)
        zh, en = words[op.state]
        parts.append(f"“{cell.label_zh}”{zh}" if lang == "zh" else f"“{cell.label_en}” {en}")
    return ("；" if lang == "zh" else "; ").join(parts)


def _bound(decision: Decision, side: str) -> str | Any:
    """The printed sum of one side, as a bound when that side has unknowns."""
    printed = decision.left_printed if side == "left" else decision.right_printed
    unknown = decision.unknown_left if side == "left" else decision.unknown_right
    return f"≥ {_fmt(printed)}" if unknown else printed


def relation_findings(rule: Rule, data: RuleInput, relations: Iterable[Relation]) -> Iterator[Finding]:
    """Decide each relation and turn failures and undecidable cases into findings.

    Templates may use ``{where}``, ``{left}`` and ``{right}`` (the printed sums,
    as bounds where a side has unknowns) and ``{title}``.
    """
    for relation in relations:
        left = [data.operand(c) for c in relation.left]
        right = [data.operand(c) for c in relation.right]
        decide = decide_equal if relation.comparison == "equal" else decide_at_most
        decision = decide(left, right)
        if decision.outcome is Outcome.PASS:
            continue
        pointers = tuple(data.edition.cell(c).pointer for c in relation.left + relation.right)
        left_text, right_text = _bound(decision, "left"), _bound(decision, "right")
        common = {"left": _fmt(left_text), "right": _fmt(right_text)}
        if decision.outcome is Outcome.FAIL:
            yield Finding(
                code=rule.code,
                severity=rule.severity,
                pointers=pointers,
                expected=right_text,
                actual=left_text,
                message_zh=rule.fail_zh.format(where=relation.where_zh, title=rule.title_zh, **common),
                message_en=rule.fail_en.format(where=relation.where_en, title=rule.title_en, **common),
            )
        else:
            holds = decision.holds_with_unknowns_as_zero
            unknown = tuple(data.edition.cell(o.cell_id).pointer for o in decision.unknowns)
            yield Finding(
                code=rule.code,
                severity=Severity.INFO,
                # The unknown cells first: they are what stops the check.
                pointers=unknown + tuple(p for p in pointers if p not in unknown),
                expected=right_text,
                actual=left_text,
                message_zh=rule.not_checkable_zh.format(
                    where=relation.where_zh,
                    title=rule.title_zh,
                    unknowns=_unknowns_text(decision.unknowns, data.edition, "zh"),
                    with_zero="成立" if holds else "也不成立",
                    **common,
                ),
                message_en=rule.not_checkable_en.format(
                    where=relation.where_en,
                    title=rule.title_en,
                    unknowns=_unknowns_text(decision.unknowns, data.edition, "en"),
                    with_zero="would hold" if holds else "would not hold either",
                    **common,
                ),
            )


def column_sums(table: Table) -> Iterator[tuple[Cell, tuple[Cell, ...]]]:
    """(total cell, parts) for every row that has a total column."""
    for row in table.rows:
        totals = [c for c in row.columns if c.is_total]
        for total in totals:
            parts = tuple(Cell(table, row, c) for c in row.columns if not c.is_total)
            yield Cell(table, row, total), parts


def row_sums(table: Table) -> Iterator[tuple[Cell, tuple[Cell, ...]]]:
    """(total cell, parts) for every summable column of every total row."""
    for row in table.rows:
        if row.sums_group is None:
            continue
        leaves = table.leaf_rows_of(row.sums_group)
        for column in row.columns:
            if not column.summable:
                continue
            parts = tuple(
                Cell(table, leaf, part)
                for leaf in leaves
                for part in leaf.columns
                if part.key == column.key
            )
            yield Cell(table, row, column), parts
