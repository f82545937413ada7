"""Hypothesis strategies for report documents, generated from the edition definitions."""

from __future__ import annotations

import decimal
from typing import Any

from hypothesis import strategies as st

from opengovreport.editions import EDITION_CODES, CellKind, Edition, get_edition
from opengovreport.editions.codelists import ISSUER_KIND, ISSUER_LEVEL, SCOPE
from opengovreport.model.tree import nest_cells

_VALUES = {
    CellKind.COUNT: st.none() | st.integers(min_value=0, max_value=10**7),
    CellKind.SIGNED_COUNT: st.none() | st.integers(min_value=-(10**6), max_value=10**6),
    CellKind.MONEY: st.none()
    | st.integers(min_value=0, max_value=10**6)
    | st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False, allow_infinity=False)
    | st.decimals(min_value=0, max_value=10**4, places=2, allow_nan=False, allow_infinity=False),
    CellKind.PERCENT: st.none()
    | st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
}

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
)


def _optional(**members: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=members)


@st.composite
def documents(draw: st.DrawFn, edition: Edition | None = None) -> dict[str, Any]:
    """A schema-valid report document with random values, blanks and optional members."""
    edition = edition or get_edition(draw(st.sampled_from(EDITION_CODES)))
    left_out = {t.key for t in edition.tables if t.optional and draw(st.booleans())}
    cells = {cell.id: draw(_VALUES[cell.kind]) for cell in edition.cells
             if cell.table.key not in left_out}
    issuer = {
        "name": draw(_TEXT),
        "level": draw(st.sampled_from(ISSUER_LEVEL.values())),
        "kind": draw(st.sampled_from(ISSUER_KIND.values())),
        **draw(_optional(division_code=st.from_regex(r"\A[0-9]{6}\Z"))),
    }
    document: dict[str, Any] = {
        "standard": "1.0",
        "edition": edition.code,
        "year": draw(st.integers(min_value=2008, max_value=2100)),
        "issuer": issuer,
        "scope": draw(st.sampled_from(SCOPE.values())),
    }
    report_id = st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,20}\Z")
    document.update(
        draw(
            _optional(
                id=report_id,
                components=st.lists(report_id, min_size=1, max_size=4, unique=True),
                published=st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10),
                source=_optional(
                    url=st.from_regex(r"\Ahttps://[a-z]{1,10}\.gov\.cn/[a-z0-9_/]{0,20}\Z"),
                    sha256=st.from_regex(r"\A[0-9a-f]{64}\Z"),
                    media_type=st.sampled_from(["text/html", "application/pdf", "text/plain"]),
                    retrieved=st.datetimes(timezones=st.just(__import__("datetime").timezone.utc))
                    .map(lambda d: d.isoformat())
                    .filter(lambda s: len(s) >= 20),
                ).filter(bool),
                narrative=_optional(**{s.key: st.text(max_size=200) for s in edition.narrative_sections})
                .filter(bool),
                extensions=st.dictionaries(
                    st.from_regex(r"\A[a-z][a-z_]{0,15}\Z"),
                    st.fixed_dictionaries(
                        {"label": _TEXT},
                        optional={
                            "label_en": _TEXT,
                            "table": st.sampled_from([t.resource_name for t in edition.tables]),
                            "values": st.dictionaries(
                                st.from_regex(r"\A[a-z_]{1,12}\Z"),
                                st.none() | st.integers(min_value=0, max_value=10**6),
                                max_size=4,
                            ),
                        },
                    ),
                    min_size=1,
                    max_size=3,
                ),
            )
        )
    )
    document.update(nest_cells(edition, cells))
    return document


def as_decimal_json(value: Any) -> Any:
    """What a JSON round trip gives back: floats become Decimal."""
    if isinstance(value, dict):
        return {k: as_decimal_json(v) for k, v in value.items()}
    if isinstance(value, float):
        return decimal.Decimal(repr(value))
    return value
