"""Deciding a sum rule when some operands are blank.

Every count is ≥ 0, so a rule with blank operands can sometimes still be
decided (FORMATS.md, "Blank operands"):

* it **fails** when no non-negative values of the unknown operands can make it hold;
* it **passes** only when every operand is printed and it holds;
* otherwise it is **not checkable**, and we say whether it would hold with the
  unknowns read as 0 (never deciding it that way).

An operand is *unknown* when it is blank (null), absent, or not a usable
number (the schema reports the bad value; the rule must not guess it).
"""

from __future__ import annotations

import decimal
import enum
import math
from typing import Any, Sequence

import attrs

Number = int | decimal.Decimal | float


class OperandState(str, enum.Enum):
    PRINTED = "printed"
    BLANK = "blank"
    MISSING = "missing"
    INVALID = "invalid"


class Outcome(str, enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    NOT_CHECKABLE = "not_checkable"


@attrs.frozen(slots=True)
class Operand:
    cell_id: str
    state: OperandState
    value: Number = 0
    """The printed value; 0 for an unknown operand (only used for the 'as 0' reading)."""

    @property
    def known(self) -> bool:
        return self.state is OperandState.PRINTED


_ABSENT = object()


def operand(cell_id: str, raw: Any = _ABSENT, *, integer: bool = True, signed: bool = False) -> Operand:
    """Classify the raw document value of a cell as an operand.

    ``integer`` cells (counts) accept only whole numbers; ``signed`` cells accept
    negative values. Anything else is INVALID: the schema reports it, and the
    rule treats it as unknown rather than guessing what was meant.
    """
    if raw is _ABSENT:
        return Operand(cell_id, OperandState.MISSING)
    if raw is None:
        return Operand(cell_id, OperandState.BLANK)
    if isinstance(raw, bool) or not isinstance(raw, (int, float, decimal.Decimal)):
        return Operand(cell_id, OperandState.INVALID)
    if isinstance(raw, float) and not math.isfinite(raw):
        return Operand(cell_id, OperandState.INVALID)
    if isinstance(raw, decimal.Decimal) and not raw.is_finite():
        return Operand(cell_id, OperandState.INVALID)
    if integer and not isinstance(raw, int) and raw != int(raw):
        return Operand(cell_id, OperandState.INVALID)
    if raw < 0 and not signed:
        return Operand(cell_id, OperandState.INVALID)
    return Operand(cell_id, OperandState.PRINTED, raw)


_INT = frozenset({int})


def _sum(values: Sequence[Number]) -> Number:
    # Decimal and float do not mix; money cells parsed from JSON are Decimal,
    # but a caller's dict may hold floats, so widen floats to Decimal exactly.
    kinds = set(map(type, values))
    if kinds <= _INT:
        return sum(values)
    if decimal.Decimal in kinds or any(isinstance(v, decimal.Decimal) for v in values):
        return sum((decimal.Decimal(str(v)) if isinstance(v, float) else decimal.Decimal(v)
                    for v in values), decimal.Decimal(0))
    return sum(values)


@attrs.frozen(slots=True)
class Decision:
    outcome: Outcome
    left_printed: Number
    right_printed: Number
    unknown_left: tuple[Operand, ...]
    unknown_right: tuple[Operand, ...]
    holds_with_unknowns_as_zero: bool
    """Whether the rule would hold if every unknown operand were 0 (said, never used to decide)."""

    @property
    def unknowns(self) -> tuple[Operand, ...]:
        return self.unknown_left + self.unknown_right


def _split(operands: Sequence[Operand]) -> tuple[Number, tuple[Operand, ...]]:
    return (
        _sum([o.value for o in operands if o.known]),
        tuple(o for o in operands if not o.known),
    )


def decide_equal(left: Sequence[Operand], right: Sequence[Operand]) -> Decision:
    """sum(left) = sum(right), every unknown operand being some value ≥ 0."""
    lp, lu = _split(left)
    rp, ru = _split(right)
    if not lu and not ru:
        outcome = Outcome.PASS if lp == rp else Outcome.FAIL
    elif lu and not ru:
        # Unknowns can only add to the left: impossible if the left already exceeds.
        outcome = Outcome.FAIL if lp > rp else Outcome.NOT_CHECKABLE
    elif ru and not lu:
        outcome = Outcome.FAIL if rp > lp else Outcome.NOT_CHECKABLE
    else:
        outcome = Outcome.NOT_CHECKABLE
    return Decision(outcome, lp, rp, lu, ru, lp == rp)


def decide_at_most(left: Sequence[Operand], right: Sequence[Operand]) -> Decision:
    """sum(left) ≤ sum(right), every unknown operand being some value ≥ 0."""
    lp, lu = _split(left)
    rp, ru = _split(right)
    if not lu and not ru:
        outcome = Outcome.PASS if lp <= rp else Outcome.FAIL
    elif not ru and lp > rp:
        # Unknowns on the left only make it larger; the right cannot grow.
        outcome = Outcome.FAIL
    else:
        outcome = Outcome.NOT_CHECKABLE
    return Decision(outcome, lp, rp, lu, ru, lp <= rp)
