"""Comparing reports across editions: indicators that put them on one time line."""

from .compute import IndicatorValue, expand, get_indicator, indicators
from .definitions import INDICATORS, Formula, Indicator, Unavailable

__all__ = [
    "INDICATORS",
    "Formula",
    "Indicator",
    "IndicatorValue",
    "Unavailable",
    "expand",
    "get_indicator",
    "indicators",
]
