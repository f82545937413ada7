"""How a rule is declared and how its checks become findings."""

from __future__ import annotations

import string
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import attrs

from ..editions import Cell, CellKind, Edition, Table
from ..findings import Finding, Severity
from .arithmetic import Operand, OperandState, _sum, operand


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
        # A table that is there is found at once by the ids of its cells; the scan by prefix
        # is for one that is not (and for cells that are no edition's).
        table_cells = self.edition.derived(_table_cells, _table_cells).get(key, ())
        if any(cell_id in self.cells for cell_id in table_cells):
            return True
        prefix = key + "."
        return any(cell_id.startswith(prefix) for cell_id in self.cells)

    def printed(self, cell_id: str) -> bool:
        """Whether the cell holds a usable number: ``self.operand(cell_id).known``, without
        building the operand in the common cases (a blank, a count)."""
        raw = self.cells.get(cell_id)
        if raw is None:  # blank, or not in the document
            return False
        if type(raw) is int and raw >= 0:
            return True
        return self.operand(cell_id).known

    def operand(self, cell_id: str) -> Operand:
        integer, signed = self.edition.derived(_operand_options, _operand_options)[cell_id]
        raw = self.cells.get(cell_id, _ABSENT_OPERAND)
        if type(raw) is int and (raw >= 0 or signed):  # the common case, decided at once
            return Operand(cell_id, OperandState.PRINTED, raw)
        if raw is _ABSENT_OPERAND:
            return operand(cell_id, integer=integer, signed=signed)
        return operand(cell_id, raw, integer=integer, signed=signed)


_ABSENT_OPERAND = object()


def _table_cells(edition: Edition) -> dict[str, list[str]]:
    """Table key → the ids of its cells that :meth:`RuleInput.has_table` would find by prefix."""
    cells: dict[str, list[str]] = {}
    for cell in edition.cells:
        if cell.id.startswith(cell.table.key + "."):
            cells.setdefault(cell.table.key, []).append(cell.id)
    return cells


def _operand_options(edition: Edition) -> dict[str, tuple[bool, bool]]:
    """Cell id → (integer, signed): how :func:`operand` reads the cell's values."""
    return {
        cell.id: (cell.kind in (CellKind.COUNT, CellKind.SIGNED_COUNT), cell.kind is CellKind.SIGNED_COUNT)
        for cell in edition.cells
    }


@attrs.frozen(slots=True, cache_hash=True)  # a key of the plans kept on the Edition
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
    if type(value) is int:  # the common case, decided without looking for is_finite
        return shown(value)
    return format(value, "f") if hasattr(value, "is_finite") else shown(value)


def shown(value: Any) -> str:
    """``str(value)``, except for an integer too long to print (more than 4300 digits)."""
    try:
        return str(value)
    except ValueError:
        return f"<{int(abs(value).bit_length() * 0.30103) + 1} digits>"


# -- deciding relations ----------------------------------------------------------------------
#
# Documents with findings have several relations each that do not plainly hold, and the
# national corpus has many such documents, so everything about a relation that does not
# depend on the values (where its cells are, their kinds and pointers, how an unknown cell
# is named, the message templates with the relation's place filled in) is worked out once
# per Edition and kept on it; deciding a relation is then a sum of its values.

_Unknown = tuple[str, str, str]
"""An unknown operand as a finding shows it: (pointer, Chinese words, English words)."""

_OperandSpec = tuple[str, bool, bool, _Unknown, _Unknown, _Unknown]
"""One cell of a relation: (id, integer, signed, and how it is shown when blank, missing,
or not a valid number)."""

_UNKNOWN_WORDS = {
    OperandState.BLANK: ("为空", "is blank"),
    OperandState.MISSING: ("缺失", "is missing"),
    OperandState.INVALID: ("不是有效数值", "is not a valid number"),
}

_FAIL_FIELDS = ("left", "right")
_NOT_CHECKABLE_FIELDS = ("left", "right", "unknowns", "with_zero")


_Template = tuple[str, Callable[[tuple[str, ...]], Any], frozenset[int]]
"""A message template made ready for one relation: (a printf-style format, what picks its
arguments out of the values of the template's fields, and the positions of the fields it
uses), used as ``format % pick(values)``."""


def _ready_template(template: str, where: str, title: str, fields: tuple[str, ...]) -> _Template:
    """``template`` with ``{where}`` and ``{title}`` filled in, as a printf-style format
    whose ``%s`` take the other fields: what formatting ``template`` by name gives, at a
    third of the cost of ``str.format`` (which reads the template anew every time).

    A template with anything else (a conversion, a format spec, another field, a broken
    brace) is formatted by name every time, exactly as written.
    """

    def by_name(values: tuple[str, ...]) -> str:
        return template.format(where=where, title=title, **dict(zip(fields, values)))

    every_field = frozenset(range(len(fields)))
    parts: list[str] = []
    picked: list[int] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return "%s", by_name, every_field
    for literal, name, spec, conversion in parsed:
        parts.append(literal.replace("%", "%%"))
        if name is None:
            continue
        if spec or conversion:
            return "%s", by_name, every_field
        if name in ("where", "title"):
            parts.append(format(where if name == "where" else title, "").replace("%", "%%"))
        elif name in fields:
            parts.append("%s")
            picked.append(fields.index(name))
        else:
            return "%s", by_name, every_field
    if not picked:
        return "".join(parts), lambda values: (), frozenset()
    # itemgetter of one position gives the value itself, which "…%s…" % takes as well
    return "".join(parts), itemgetter(*picked), frozenset(picked)


class _Messages:
    """A rule's message templates made ready for one relation (:func:`_ready_template`).

    Most findings are of one unknown cell, and the default not-checkable message does not
    show the sums: such messages depend only on the cell, how it is unknown and whether the
    relation would hold with it as 0, so they are written once and kept here.
    """

    __slots__ = ("rule", "fail_zh", "fail_en", "not_checkable_zh", "not_checkable_en", "by_unknown")

    def __init__(self, rule: Rule, where_zh: str, where_en: str) -> None:
        self.rule = rule
        self.fail_zh = _ready_template(rule.fail_zh, where_zh, rule.title_zh, _FAIL_FIELDS)
        self.fail_en = _ready_template(rule.fail_en, where_en, rule.title_en, _FAIL_FIELDS)
        self.not_checkable_zh = _ready_template(rule.not_checkable_zh, where_zh, rule.title_zh,
                                                _NOT_CHECKABLE_FIELDS)
        self.not_checkable_en = _ready_template(rule.not_checkable_en, where_en, rule.title_en,
                                                _NOT_CHECKABLE_FIELDS)
        sums = {_NOT_CHECKABLE_FIELDS.index("left"), _NOT_CHECKABLE_FIELDS.index("right")}
        shows_sums = self.not_checkable_zh[2] & sums or self.not_checkable_en[2] & sums
        self.by_unknown: dict[tuple[_Unknown, bool], tuple[str, str]] | None = None if shows_sums else {}
        """(the unknown cell as shown, holds with it as 0) → the not-checkable messages, when
        they do not show the sums."""

    def fail(self, left_value: Any, right_value: Any) -> tuple[str, str]:
        values = (_fmt(left_value), _fmt(right_value))
        return (self.fail_zh[0] % self.fail_zh[1](values), self.fail_en[0] % self.fail_en[1](values))

    def not_checkable(self, unknowns: list[_Unknown], holds: bool, left_value: Any,
                      right_value: Any) -> tuple[str, str]:
        key = None
        if len(unknowns) == 1:
            _, unknowns_zh, unknowns_en = unknowns[0]
            if self.by_unknown is not None:
                key = (unknowns[0], holds)
                known = self.by_unknown.get(key)
                if known is not None:
                    return known
        else:
            unknowns_zh = "；".join([u[1] for u in unknowns])
            unknowns_en = "; ".join([u[2] for u in unknowns])
        left, right = _fmt(left_value), _fmt(right_value)
        zh, en = self.not_checkable_zh, self.not_checkable_en
        messages = (
            zh[0] % zh[1]((left, right, unknowns_zh, "成立" if holds else "也不成立")),
            en[0] % en[1]((left, right, unknowns_en, "would hold" if holds else "would not hold either")),
        )
        if key is not None:
            self.by_unknown[key] = messages  # type: ignore[index]
        return messages


def _getter(positions: tuple[int, ...]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """The values at ``positions`` of a sequence, as a sequence, in one call."""
    if len(positions) == 1:  # (itemgetter of one position gives the value itself)
        return itemgetter(slice(positions[0], positions[0] + 1))
    return itemgetter(*positions)


class RelationPlan:
    """What deciding one relation needs that the document does not change (see :func:`relation_plan`)."""

    __slots__ = ("left_ids", "right_ids", "left_at", "right_at", "left", "right", "pointers",
                 "pointers_after", "equal", "where_zh", "where_en", "messages")

    def __init__(self, edition: Edition, relation: Relation) -> None:
        options = edition.derived(_operand_options, _operand_options)
        index = edition.cell_index

        def spec(cell_id: str) -> _OperandSpec:
            cell = edition.cell(cell_id)
            shown_as = {
                state: (cell.pointer, f"“{cell.label_zh}”{zh}", f"“{cell.label_en}” {en}")
                for state, (zh, en) in _UNKNOWN_WORDS.items()
            }
            integer, signed = options[cell_id]
            return (cell_id, integer, signed, shown_as[OperandState.BLANK], shown_as[OperandState.MISSING],
                    shown_as[OperandState.INVALID])

        self.left_ids, self.right_ids = relation.left, relation.right
        self.left_at = _getter(tuple(index[c] for c in relation.left))
        self.right_at = _getter(tuple(index[c] for c in relation.right))
        """The values of each side's cells, from the values of every cell in printed order."""
        self.left = tuple(spec(c) for c in relation.left)
        self.right = tuple(spec(c) for c in relation.right)
        self.pointers = tuple(edition.cell(c).pointer for c in relation.left + relation.right)
        self.pointers_after = {p: (p, *(q for q in self.pointers if q != p)) for p in self.pointers}
        """Pointer → the pointers of a finding whose only unknown cell is there (it comes first)."""
        self.equal = relation.comparison == "equal"
        self.where_zh = relation.where_zh
        self.where_en = relation.where_en
        self.messages: _Messages | None = None
        """The messages of the last rule that decided this relation (a relation belongs to one rule)."""

    def decide(self, rule: Rule, left_values: Sequence[Any], right_values: Sequence[Any]) -> Finding | None:
        """The finding of ``rule`` on this relation when its cells hold these values (ABSENT
        for a cell the document does not have), or None when it holds.

        Decided as :func:`~.arithmetic.decide_equal` or :func:`~.arithmetic.decide_at_most`
        decide it: unknown operands are some value ≥ 0, which can only add to their side, so
        the relation fails when the side without unknowns is already beyond reach and is not
        checkable otherwise; it holds only when every operand is printed.
        """
        lp, lu = _side(left_values, self.left)
        rp, ru = _side(right_values, self.right)
        if self.equal:
            holds = lp == rp
            if lu:
                fails = not ru and lp > rp
            elif ru:
                fails = rp > lp
            elif holds:
                return None
            else:
                fails = True
        else:
            holds = lp <= rp
            if lu or ru:
                fails = not ru and lp > rp
            elif holds:
                return None
            else:
                fails = True
        left_value = f"≥ {_fmt(lp)}" if lu else lp
        right_value = f"≥ {_fmt(rp)}" if ru else rp
        messages = self.messages
        if messages is None or messages.rule is not rule:
            messages = self.messages = _Messages(rule, self.where_zh, self.where_en)
        if fails:
            message_zh, message_en = messages.fail(left_value, right_value)
            return Finding(
                code=rule.code,
                severity=rule.severity,
                pointers=self.pointers,
                expected=right_value,
                actual=left_value,
                message_zh=message_zh,
                message_en=message_en,
            )
        unknowns = lu + ru
        if len(unknowns) == 1:
            pointers = self.pointers_after[unknowns[0][0]]
        else:
            unknown = tuple(u[0] for u in unknowns)
            pointers = unknown + tuple(p for p in self.pointers if p not in unknown)
        message_zh, message_en = messages.not_checkable(unknowns, holds, left_value, right_value)
        return Finding(
            code=rule.code,
            severity=_INFO,
            # The unknown cells first: they are what stops the check.
            pointers=pointers,
            expected=right_value,
            actual=left_value,
            message_zh=message_zh,
            message_en=message_en,
        )


_INFO = Severity.INFO  # (an Enum member looked up on its class costs as much as a dict lookup)


def _relation_plans(edition: Edition) -> dict[Relation, RelationPlan]:
    """Relation → its plan, filled as relations are first decided; kept on the Edition."""
    return {}


def relation_plan(edition: Edition, relation: Relation) -> RelationPlan:
    """The plan of ``relation`` in ``edition`` (built on first use, kept on the Edition)."""
    plans = edition.derived(_relation_plans, _relation_plans)
    plan = plans.get(relation)
    if plan is None:
        plan = plans[relation] = RelationPlan(edition, relation)
    return plan


def _side(values: Sequence[Any], spec: tuple[_OperandSpec, ...]) -> tuple[Any, list[_Unknown]]:
    """(sum of the printed operands, the unknown operands) of one side of a relation whose
    cells hold ``values``."""
    total = 0
    unknown: list[_Unknown] = []
    for raw, operand_spec in zip(values, spec):
        if type(raw) is int and (raw >= 0 or operand_spec[2]):  # a printed count (or signed number)
            total += raw
        elif raw is None:
            unknown.append(operand_spec[3])
        elif raw is ABSENT:
            unknown.append(operand_spec[4])
        else:  # a fraction, a float or no number at all: read as operand() reads it
            return _side_of_any(values, spec)
    return total, unknown


def _side_of_any(values: Sequence[Any], spec: tuple[_OperandSpec, ...]) -> tuple[Any, list[_Unknown]]:
    """:func:`_side` for any values: every operand classified by :func:`operand`, and the
    printed ones added up by :func:`_sum` in order (Decimal sums round)."""
    printed: list[Any] = []
    unknown: list[_Unknown] = []
    for raw, (cell_id, integer, signed, blank, missing, invalid) in zip(values, spec):
        if raw is ABSENT:
            unknown.append(missing)
            continue
        op = operand(cell_id, raw, integer=integer, signed=signed)
        if op.known:
            printed.append(op.value)
        else:
            unknown.append(blank if op.state is OperandState.BLANK else invalid)
    return _sum(printed), unknown


def relation_findings(rule: Rule, data: RuleInput, relations: Iterable[Relation]) -> Iterator[Finding]:
    """Decide each relation and turn failures and undecidable cases into findings.

    Templates may use ``{where}``, ``{left}`` and ``{right}`` (the printed sums,
    as bounds where a side has unknowns) and ``{title}``. Each relation is decided as
    :func:`~.arithmetic.decide_equal` or :func:`~.arithmetic.decide_at_most` decide it.
    """
    edition = data.edition
    cells = data.cells
    for relation in relations:
        plan = relation_plan(edition, relation)
        finding = plan.decide(rule, [cells.get(c, ABSENT) for c in plan.left_ids],
                              [cells.get(c, ABSENT) for c in plan.right_ids])
        if finding is not None:
            yield finding


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
