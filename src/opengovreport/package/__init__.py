"""Data packages: many reports as a Frictionless Data Package (v2) of CSV tables.

Submodules load on first use; see :mod:`.layout` for what a package contains.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "to_package": ".write",
    "build_package": ".write",
    "PackageWriteError": ".write",
    "from_package": ".read",
    "read_package": ".read",
    "PackageData": ".read",
    "PackageError": ".source",
    "Limits": ".source",
    "validate_package": ".validate",
    "export_sqlite": ".export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'opengovreport.package' has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
