"""Findings: what validation says about the data, and the report that collects them."""

from __future__ import annotations

import decimal
import enum
from collections import Counter
from typing import Any, Iterable, Mapping

import attrs

from .version import RULESET_VERSION, STANDARD_VERSION, __version__


class Severity(str, enum.Enum):
    ERROR = "error"
    """The numbers cannot all be right, or the document breaks the schema."""
    WARNING = "warning"
    """Suspicious; may be legitimate."""
    INFO = "info"
    """Not a fault: e.g. a rule that blank cells make impossible to check."""

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {"error": 0, "warning": 1, "info": 2}
"""Severity → rank (a Severity is its value as a str, and hashes as one)."""

Value = int | float | decimal.Decimal | str | None


@attrs.frozen(slots=True)
class Location:
    """Where in a data package's tables a finding is (CSV line numbers count the header as 1)."""

    resource: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [self.resource]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"resource": self.resource, "row": self.row, "column": self.column}


def _severity(value: Severity | str) -> Severity:
    # Calling the Enum costs about a microsecond even on a member; rules build many findings.
    return value if type(value) is Severity else Severity(value)


def _pointers(value: Iterable[str]) -> tuple[str, ...]:
    return value if type(value) is tuple else tuple(value)


@attrs.frozen(slots=True)
class Finding:
    """One problem (or observation) about a report, located by JSON Pointers."""

    code: str
    """Stable code of the rule or schema check, e.g. ``APP-BALANCE`` or ``SCHEMA-TYPE``."""
    severity: Severity = attrs.field(converter=_severity)
    pointers: tuple[str, ...] = attrs.field(converter=_pointers)
    """JSON Pointers of the cells or members involved; the first is the main one."""
    message_zh: str
    message_en: str
    expected: Value = None
    actual: Value = None
    location: Location | None = None
    """For findings in a data package's tables: resource, row and column."""

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    def to_dict(self) -> dict[str, Any]:
        result = {
            "code": self.code,
            "severity": self.severity.value,
            "pointers": list(self.pointers),
            "expected": _json_value(self.expected),
            "actual": _json_value(self.actual),
            "message": {"zh": self.message_zh, "en": self.message_en},
        }
        if self.location is not None:
            result["location"] = self.location.to_dict()
        return result


def _json_value(value: Value) -> Value:
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (int, float, str)) or value is None:
        return value
    return repr(value)


@attrs.frozen(slots=True)
class ValidationReport:
    """Everything validation found in one document."""

    findings: tuple[Finding, ...] = attrs.field(converter=tuple)
    file: str | None = None
    edition: str | None = None
    standard: str = STANDARD_VERSION
    ruleset_version: str = RULESET_VERSION
    rules: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    """Codes of the rules that were applied."""
    library_version: str = __version__

    @property
    def valid(self) -> bool:
        """True when no finding is an error (warnings and info allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(f.severity.value for f in self.findings)
        return {s.value: counter.get(s.value, 0) for s in Severity}

    def by_code(self) -> dict[str, list[Finding]]:
        """Findings grouped by code, most severe codes first."""
        groups: dict[str, list[Finding]] = {}
        for finding in sorted(self.findings, key=lambda f: (f.severity.rank, f.code)):
            groups.setdefault(finding.code, []).append(finding)
        return groups

    def of_severity(self, severity: Severity | str) -> list[Finding]:
        severity = Severity(severity)
        return [f for f in self.findings if f.severity is severity]

    def to_dict(self) -> dict[str, Any]:
        codes: dict[str, Any] = {}
        for code, findings in self.by_code().items():
            severities = Counter(f.severity.value for f in findings)
            codes[code] = {"count": len(findings), "severities": dict(severities)}
        return {
            "file": self.file,
            "valid": self.valid,
            "standard": self.standard,
            "edition": self.edition,
            "ruleset": {"version": self.ruleset_version, "rules": list(self.rules)},
            "library": {"name": "opengovreport", "version": self.library_version},
            "counts": self.counts,
            "codes": codes,
            "findings": [f.to_dict() for f in self.findings],
        }


def sort_findings(findings: Iterable[Finding], order: Mapping[str, int] | None = None) -> list[Finding]:
    """Most severe first, then in document order of the first pointer (as ``order`` ranks them)."""
    order = order or {}
    return sorted(
        findings,
        key=lambda f: (_RANK[f.severity], order.get(f.pointers[0] if f.pointers else "", -1), f.code),
    )
