"""How a rule is declared and how its checks become findings."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import attrs

from ..editions import Cell, CellKind, Edition, Table
from ..findings import Finding, Severity
from .arithmetic import Operand, OperandState, Outcome, _sum, operand


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
        integer, signed = self.edition.derived(_operand_options, _operand_options)[cell_id]
        raw = self.cells.get(cell_id, _ABSENT_OPERAND)
        if type(raw) is int and (raw >= 0 or signed):  # the common case, decided at once
            return Operand(cell_id, OperandState.PRINTED, raw)
        if raw is _ABSENT_OPERAND:
            return operand(cell_id, integer=integer, signed=signed)
        return operand(cell_id, raw, integer=integer, signed=signed)


_ABSENT_OPERAND = object()


def _operand_options(edition: Edition) -> dict[str, tuple[bool, bool]]:
    """Cell id → (integer, signed): how :func:`operand` reads the cell's values."""
    return {
        cell.id: (cell.kind in (CellKind.COUNT, CellKind.SIGNED_COUNT), cell.kind is CellKind.SIGNED_COUNT)
        for cell in edition.cells
    }


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

QuickCheck = Callable[[Sequence[Any], Mapping[str, Any]], bool]
"""(cell values in the edition's printed order, document) → True when the rule certainly has
no finding. It is only asked about schema-valid documents (every cell None or a number of its
kind; cells of an absent optional table are ``ABSENT``) and may say False whenever unsure: the
rule's evaluator then decides."""

ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "ABSENT", "__slots__": ()})()
"""The value of a cell the document does not have, in the sequences given to quick checks."""


class Relations:
    """The evaluator of a rule that is a list of relations fixed by the edition's definition.

    The list is built once per Edition (kept on it), and fast validation can check the
    relations without building findings (:mod:`opengovreport.validation.fast`).
    """

    def __init__(self, build: Callable[[Edition], Iterable[Relation]], *, table: str | None = None) -> None:
        self._build = build
        self.table = table
        """The rule applies only to documents that give some cell of this (optional) table."""

    def relations(self, edition: Edition) -> tuple[Relation, ...]:
        return edition.derived(self, lambda e: tuple(self._build(e)))

    def __call__(self, rule: "Rule", data: RuleInput) -> Iterator[Finding]:
        if self.table is not None and not data.has_table(self.table):
            return iter(())
        return relation_findings(rule, data, self.relations(data.edition))


@attrs.frozen(slots=True)
class RuleDeclaration:
    """What every rule declares: a stable code, its severity and editions, and its formula."""

    code: str
    severity: Severity = attrs.field(converter=Severity)
    editions: tuple[str, ...]
    title_zh: str
    title_en: str
    formula_zh: str
    formula_en: str


@attrs.frozen(slots=True)
class Rule(RuleDeclaration):
    """A named check with a stable code (like an IATI ruleset entry)."""

    fail_zh: str
    """Message template when the rule fails; fields depend on the rule (see its evaluator)."""
    fail_en: str
    evaluate: Evaluator = attrs.field(repr=False)
    quick: Callable[[Edition], QuickCheck] | None = attrs.field(default=None, repr=False)
    """For a rule whose evaluator is not :class:`Relations`: builds (once per edition) a
    :data:`QuickCheck` that fast validation asks before running the evaluator."""
    not_checkable_zh: str = "{where}：{unknowns}，无法判断“{title}”是否成立；若将这些单元格按 0 计，{with_zero}。"
    not_checkable_en: str = (
        "{where}: {unknowns}, so “{title}” cannot be checked; reading those cells as 0 it {with_zero}."
    )

    def applies_to(self, edition: Edition) -> bool:
        return edition.code in self.editions


def _fmt(value: Any) -> str:
    return format(value, "f") if hasattr(value, "is_finite") else shown(value)


def shown(value: Any) -> str:
    """``str(value)``, except for an integer too long to print (more than 4300 digits)."""
    try:
        return str(value)
    except ValueError:
        return f"<{int(abs(value).bit_length() * 0.30103) + 1} digits>"


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


_Spec = tuple[tuple[str, bool, bool], ...]


def _relation_plans(edition: Edition) -> dict[Relation, tuple[_Spec, _Spec, tuple[str, ...]]]:
    """Relation → (its left and right cells as (id, integer, signed), their pointers), filled
    as relations are first decided; kept on the Edition."""
    return {}


def _plan_of(edition: Edition, relation: Relation) -> tuple[_Spec, _Spec, tuple[str, ...]]:
    plans = edition.derived(_relation_plans, _relation_plans)
    plan = plans.get(relation)
    if plan is None:
        options = edition.derived(_operand_options, _operand_options)
        left = tuple((c, *options[c]) for c in relation.left)
        right = tuple((c, *options[c]) for c in relation.right)
        pointers = tuple(edition.cell(c).pointer for c in relation.left + relation.right)
        plan = plans[relation] = (left, right, pointers)
    return plan


def _side(cells: Mapping[str, Any], spec: _Spec) -> tuple[Any, tuple[Operand, ...]]:
    """(sum of the printed operands, the unknown operands) of one side of a relation."""
    printed: list[Any] = []
    unknown: list[Operand] = []
    for cell_id, integer, signed in spec:
        raw = cells.get(cell_id, _ABSENT_OPERAND)
        if type(raw) is int and (raw >= 0 or signed):
            printed.append(raw)
            continue
        op = (operand(cell_id, integer=integer, signed=signed) if raw is _ABSENT_OPERAND
              else operand(cell_id, raw, integer=integer, signed=signed))
        if op.known:
            printed.append(op.value)
        else:
            unknown.append(op)
    return _sum(printed), tuple(unknown)


def relation_findings(rule: Rule, data: RuleInput, relations: Iterable[Relation]) -> Iterator[Finding]:
    """Decide each relation and turn failures and undecidable cases into findings.

    Templates may use ``{where}``, ``{left}`` and ``{right}`` (the printed sums,
    as bounds where a side has unknowns) and ``{title}``. Each relation is decided as
    :func:`~.arithmetic.decide_equal` or :func:`~.arithmetic.decide_at_most` decide it.
    """
    edition = data.edition
    cells = data.cells
    for relation in relations:
        left_spec, right_spec, pointers = _plan_of(edition, relation)
        lp, lu = _side(cells, left_spec)
        rp, ru = _side(cells, right_spec)
        if relation.comparison == "equal":
            holds = lp == rp
            if not lu and not ru:
                outcome = Outcome.PASS if holds else Outcome.FAIL
            elif lu and not ru:
                outcome = Outcome.FAIL if lp > rp else Outcome.NOT_CHECKABLE
            elif ru and not lu:
                outcome = Outcome.FAIL if rp > lp else Outcome.NOT_CHECKABLE
            else:
                outcome = Outcome.NOT_CHECKABLE
        else:
            holds = lp <= rp
            if not lu and not ru:
                outcome = Outcome.PASS if holds else Outcome.FAIL
            elif not ru and lp > rp:
                outcome = Outcome.FAIL
            else:
                outcome = Outcome.NOT_CHECKABLE
        if outcome is Outcome.PASS:
            continue
        left_text = f"≥ {_fmt(lp)}" if lu else lp
        right_text = f"≥ {_fmt(rp)}" if ru else rp
        common = {"left": _fmt(left_text), "right": _fmt(right_text)}
        if outcome is Outcome.FAIL:
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
            unknowns = lu + ru
            unknown = tuple(edition.cell(o.cell_id).pointer for o in unknowns)
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
                    unknowns=_unknowns_text(unknowns, edition, "zh"),
                    with_zero="成立" if holds else "也不成立",
                    **common,
                ),
                message_en=rule.not_checkable_en.format(
                    where=relation.where_en,
                    title=rule.title_en,
                    unknowns=_unknowns_text(unknowns, edition, "en"),
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
