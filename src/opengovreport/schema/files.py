"""The packaged JSON Schema files, and validators that never touch the network."""

from __future__ import annotations

import decimal
import json
import math
import numbers
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..version import STANDARD_VERSION


def schema_dir(version: str = STANDARD_VERSION) -> Path:
    """The folder of packaged schema files of one standard version."""
    path = resources.files("opengovreport.schema").joinpath("data", version)
    return Path(str(path))


def schema_path(name: str, version: str = STANDARD_VERSION) -> Path:
    path = schema_dir(version) / name
    if not path.is_file():
        raise FileNotFoundError(f"no schema {name!r} in standard version {version}")
    return path


@cache
def load_schema(name: str, version: str = STANDARD_VERSION) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(schema_path(name, version).read_text(encoding="utf-8"))
    return result


@cache
def registry(version: str = STANDARD_VERSION) -> Any:
    """A referencing.Registry holding every packaged schema, so $refs resolve offline.

    Any $ref it cannot resolve fails instead of being fetched.
    """
    from referencing import Registry, Resource

    resources_ = []
    for path in sorted(schema_dir(version).glob("*.schema.json")):
        contents = load_schema(path.name, version)
        resources_.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources_)


def format_checker() -> Any:
    """The formats this standard asserts, checked the same way whatever extras are installed."""
    import datetime

    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())

    @checker.checks("date", raises=ValueError)
    def is_date(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if len(value) != 10:
            raise ValueError("expected YYYY-MM-DD")
        datetime.date.fromisoformat(value)
        return True

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if "T" not in value.upper():
            raise ValueError("expected a date and a time, e.g. 2024-03-01T08:00:00+08:00")
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        return True

    return checker


def _is_integer(checker: Any, instance: object) -> bool:
    # JSON's 3.0 is the integer 3 (JSON Schema 2020-12, §4.2.2); numbers parsed as
    # Decimal (to keep money exact) must follow the same rule as floats.
    if isinstance(instance, bool):
        return False
    if isinstance(instance, int):
        return True
    if isinstance(instance, float):
        return instance.is_integer()
    if isinstance(instance, decimal.Decimal):
        return instance.is_finite() and instance == instance.to_integral_value()
    return False


def _is_number(checker: Any, instance: object) -> bool:
    # JSON has no NaN or Infinity: a caller's float('nan') or Decimal('NaN') is not a number
    # (and a Decimal NaN could not even be compared with a minimum).
    if isinstance(instance, bool):
        return False
    if isinstance(instance, float):
        return math.isfinite(instance)
    if isinstance(instance, decimal.Decimal):
        return instance.is_finite()
    return isinstance(instance, numbers.Number)


@cache
def validator_class() -> Any:
    """Draft 2020-12 with this standard's integers (3.0 is one) and numbers (NaN is none)."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many(
            {"integer": _is_integer, "number": _is_number}
        ),
    )


@cache
def validator(name: str, version: str = STANDARD_VERSION) -> Any:
    """A Draft 2020-12 validator for the packaged schema ``name``, with offline $refs."""
    return validator_class()(load_schema(name, version), registry=registry(version),
                             format_checker=format_checker())
