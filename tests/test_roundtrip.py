"""Report.from_dict / to_dict and JSON text round-trip losslessly (property tests)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from opengovreport import Report, dumps
from opengovreport.io import parse_json
from opengovreport.validation import validate

from .strategies import documents

EXAMPLES = 250
_seen: list[int] = []


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_dict_and_json_round_trip(document: dict) -> None:
    _seen.append(1)
    report = Report.from_dict(document)
    assert report.to_dict() == document
    assert Report.from_dict(report.to_dict()) == report
    # JSON text: exact decimals, nulls and zeros distinct, nothing lost.
    text = dumps(report)
    assert parse_json(text) == document
    assert Report.from_dict(parse_json(text)) == report
    # Generated documents are schema-valid: only rule findings may appear.
    codes = {f.code for f in validate(report).findings}
    assert not any(code.startswith("SCHEMA-") for code in codes), codes


def test_round_trip_ran_at_least_200_examples() -> None:
    # Runs after the property test (file order); fails if Hypothesis ran too few.
    assert len(_seen) >= 200, f"only {len(_seen)} examples ran"
