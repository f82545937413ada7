"""Computing the cross-edition indicators of a report."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import attrs

from ..editions import CellKind, Edition, get_edition
from ..model import Report
from ..rules.arithmetic import OperandState, operand
from .definitions import INDICATORS, Formula, Indicator, Unavailable


@attrs.frozen(slots=True)
class IndicatorValue:
    """One indicator of one report: a value, or None with the reason."""

    key: str
    value: Any
    cells: tuple[str, ...]
    """The cells the formula adds up for this report's edition."""
    reason_zh: str = ""
    reason_en: str = ""
    """Why the value is None (blank cells, or no equivalent in the edition)."""
    note_zh: str = ""
    note_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "value": self.value,
            "cells": list(self.cells),
            "reason": {"zh": self.reason_zh, "en": self.reason_en} if self.value is None else None,
            "note": {"zh": self.note_zh, "en": self.note_en} if self.note_en else None,
        }


@cache
def expand(pattern: str, edition: Edition) -> tuple[str, ...]:
    """The cell ids of ``edition`` matching a pattern (``*`` = one id segment)."""
    regex = re.compile("^" + r"\.".join("[^.]+" if part == "*" else re.escape(part)
                                          for part in pattern.split(".")) + "$")
    return tuple(cell.id for cell in edition.cells if regex.match(cell.id))


def get_indicator(key: str) -> Indicator:
    for indicator in INDICATORS:
        if indicator.key == key:
            return indicator
    raise KeyError(f"no indicator {key!r}")


def _compute(indicator: Indicator, report: Report) -> IndicatorValue:
    edition = get_edition(report.edition)
    formula = indicator.formulas.get(report.edition)
    if formula is None or isinstance(formula, Unavailable):
        reason = formula or Unavailable("本版式无此指标。", "This edition has no such indicator.")
        return IndicatorValue(indicator.key, None, (), reason.reason_zh, reason.reason_en)
    assert isinstance(formula, Formula)
    cells = tuple(cell_id for term in formula.terms for cell_id in expand(term, edition))
    total: Any = 0
    unusable = []
    for cell_id in cells:
        integer = edition.cell(cell_id).kind in (CellKind.COUNT, CellKind.SIGNED_COUNT)
        op = (operand(cell_id, report.cells[cell_id], integer=integer)
              if cell_id in report.cells else operand(cell_id))
        if op.state is OperandState.PRINTED:
            total += op.value
        else:
            unusable.append((cell_id, op.state))
    if unusable:
        words = {OperandState.BLANK: ("为空", "blank"), OperandState.MISSING: ("缺失", "missing"),
                 OperandState.INVALID: ("无效", "invalid")}
        zh = "、".join(f"“{edition.cell(c).label_zh}”{words[s][0]}" for c, s in unusable)
        en = "; ".join(f"{c} {words[s][1]}" for c, s in unusable)
        return IndicatorValue(indicator.key, None, cells, f"{zh}，不作 0 计。",
                              f"{en}; not read as 0.", formula.note_zh, formula.note_en)
    return IndicatorValue(indicator.key, total, cells, note_zh=formula.note_zh,
                          note_en=formula.note_en)


def indicators(report: Report) -> tuple[IndicatorValue, ...]:
    """Every indicator of ``report``, in declaration order.

    A value is None, with the reason, when the edition has no equivalent or an
    operand is blank or invalid: a blank is never read as 0.
    """
    return tuple(_compute(indicator, report) for indicator in INDICATORS)
