"""Immutable models of report documents."""

from .frozen import FrozenDict
from .report import CellValue, Extension, Issuer, Report, Source

__all__ = ["CellValue", "Extension", "FrozenDict", "Issuer", "Report", "Source"]
