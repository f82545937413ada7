"""The arithmetic rules (勾稽关系) of every edition, as named checks with stable codes."""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..editions import Edition
from ..findings import Finding
from .base import Relation, Rule, RuleInput
from .core import RULES as _CORE_RULES
from .statistics_2014 import RULES as _STATISTICS_2014_RULES

RULES: tuple[Rule, ...] = _CORE_RULES + _STATISTICS_2014_RULES
"""Every rule, once; codes are unique and stable."""

__all__ = ["RULES", "Relation", "Rule", "RuleInput", "get_rule", "rules_for", "run_rules"]


def get_rule(code: str) -> Rule:
    for rule in RULES:
        if rule.code == code:
            return rule
    raise KeyError(f"no rule {code!r}")


def rules_for(edition: Edition) -> tuple[Rule, ...]:
    """The rules that apply to reports of ``edition``, in declaration order."""
    return tuple(rule for rule in RULES if rule.applies_to(edition))


def run_rules(edition: Edition, cells: Mapping[str, Any], document: Mapping[str, Any]) -> Iterator[Finding]:
    """Every finding of every rule of ``edition`` on one report's raw cell values."""
    data = RuleInput(edition=edition, cells=cells, document=document)
    for rule in rules_for(edition):
        yield from rule.evaluate(rule, data)
