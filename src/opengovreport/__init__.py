"""opengovreport: the open data standard and library for 政府信息公开工作年度报告.

Everything public is importable from here; submodules load on first use so
that ``import opengovreport`` stays fast.

    >>> import opengovreport
    >>> report = opengovreport.load("report.json")          # doctest: +SKIP
    >>> opengovreport.validate(report).valid                # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .version import STANDARD_VERSION, __version__

_EXPORTS = {
    "load": "opengovreport.io",
    "dump": "opengovreport.io",
    "dumps": "opengovreport.io",
    "read_document": "opengovreport.io",
    "validate": "opengovreport.validation",
    "indicators": "opengovreport.comparison",
    "to_package": "opengovreport.package",
    "from_package": "opengovreport.package",
    "read_package": "opengovreport.package",
    "validate_package": "opengovreport.package",
    "export_sqlite": "opengovreport.package",
    "PackageError": "opengovreport.package",
    "aggregate": "opengovreport.collection",
    "parse": "opengovreport.parsing",
    "parse_text": "opengovreport.parsing",
    "ParseResult": "opengovreport.parsing",
    "check_collection": "opengovreport.collection",
    "IndicatorValue": "opengovreport.comparison",
    "INDICATORS": "opengovreport.comparison",
    "Report": "opengovreport.model",
    "Issuer": "opengovreport.model",
    "Source": "opengovreport.model",
    "Extension": "opengovreport.model",
    "Finding": "opengovreport.findings",
    "Severity": "opengovreport.findings",
    "ValidationReport": "opengovreport.findings",
    "get_edition": "opengovreport.editions",
    "EDITION_CODES": "opengovreport.editions",
    "RULES": "opengovreport.rules",
    "get_rule": "opengovreport.rules",
    "OpenGovReportError": "opengovreport.errors",
    "InputError": "opengovreport.errors",
}

__all__ = sorted([*_EXPORTS, "STANDARD_VERSION", "__version__"])

if TYPE_CHECKING:
    from .collection import aggregate, check_collection
    from .comparison import INDICATORS, IndicatorValue, indicators
    from .parsing import ParseResult, parse, parse_text
    from .package import (
        PackageError,
        export_sqlite,
        from_package,
        read_package,
        to_package,
        validate_package,
    )
    from .editions import EDITION_CODES, get_edition
    from .errors import InputError, OpenGovReportError
    from .findings import Finding, Severity, ValidationReport
    from .io import dump, dumps, load, read_document
    from .model import Extension, Issuer, Report, Source
    from .rules import RULES, get_rule
    from .validation import validate


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'opengovreport' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
