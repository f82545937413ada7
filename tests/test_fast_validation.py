"""Fast validation gives exactly the findings of the reference (jsonschema + every rule's evaluator)."""

from __future__ import annotations

import copy
import decimal
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opengovreport.editions import EDITION_CODES, get_edition
from opengovreport.errors import InputError
from opengovreport.io import dumps, read_document
from opengovreport.validation import validate, validate_bytes, validate_file
from opengovreport.validation import fast as fast_module
from opengovreport.validation.fast import plan, resolved_schema
from opengovreport.validation.typed import typed_check

from .paths import EXAMPLES, FIXTURES
from .strategies import documents

FIXTURE_FILES = sorted(FIXTURES.glob("*/*/*.json")) + sorted(EXAMPLES.glob("*.json"))

try:
    import orjson  # noqa: F401

    HAVE_ORJSON = True
except ImportError:  # pragma: no cover - orjson is in the test extras
    HAVE_ORJSON = False


def reference(document: Any, file: str | None = None) -> Any:
    return validate(document, file=file, fast=False)


def same_as_reference(document: dict[str, Any]) -> None:
    expected = reference(document)
    assert validate(document) == expected
    text = dumps(document).encode("utf-8")
    exact, _ = read_document(text)
    expected_from_text = expected if exact == document else reference(exact)
    assert validate_bytes(text) == expected_from_text
    assert fast_module.validate_bytes(text, loads=False) == expected_from_text


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_fixtures_give_identical_findings(path: Path) -> None:
    document, name = read_document(path)
    expected = reference(document, file=name)
    assert validate(document, file=name) == expected
    assert validate_file(path) == expected
    assert fast_module.validate_bytes(path.read_bytes(), file=name, loads=False) == expected


def test_the_fast_path_is_taken_for_clean_documents() -> None:
    # Not a test of findings but of speed's precondition: valid documents pass the compiled check.
    for path in FIXTURE_FILES:
        document, _ = read_document(path)
        if not any(f.code.startswith("SCHEMA-") for f in reference(document).findings):
            assert plan(get_edition(document["edition"])).check(document) is not None, path


def test_the_typed_path_is_taken_for_clean_documents() -> None:
    # With msgspec installed, schema-valid documents are settled by the typed check itself,
    # with the reference's findings (so the tests above exercise it, not only its fallbacks).
    taken = 0
    for path in FIXTURE_FILES:
        document, name = read_document(path)
        expected = reference(document, file=name)
        if any(f.code.startswith("SCHEMA-") for f in expected.findings) or "extensions" in document:
            continue
        result = typed_check(get_edition(document["edition"])).report(path.read_bytes(), name)
        assert result == expected, path
        taken += 1
    assert taken >= 30  # every schema-valid fixture and example without extensions


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d["proactive"]["regulations"].__setitem__("issued", 2**64), "past 64 bits"),
        (lambda d: d["proactive"]["regulations"].__setitem__("issued", decimal.Decimal("1.0")), "1.0 for a count"),
        (lambda d: d.__setitem__("extensions", {"x": {"label": "额外", "values": {"a": 1}}}), "extensions"),
        (lambda d: d["proactive"]["fees"].__setitem__("amount_10k_yuan", "0.5"), "a string for money"),
        (lambda d: d["proactive"]["fees"].__setitem__("amount_10k_yuan", decimal.Decimal("-0.5")), "below 0"),
        (lambda d: d["issuer"].__setitem__("level", "village"), "not in the enum"),
        (lambda d: d.__setitem__("published", "2022-02-30"), "not a date"),
        (lambda d: d.__setitem__("narrative", {}), "minProperties"),
        (lambda d: d.__setitem__("components", ["a", "a"]), "uniqueItems"),
    ],
)
def test_the_typed_path_declines_what_it_cannot_vouch_for(change: Any, why: str, pingtan_2021: dict) -> None:
    document = copy.deepcopy(pingtan_2021)
    change(document)
    text = dumps(document).encode("utf-8")
    assert typed_check(get_edition("2021")).report(text, None) is None, why
    assert validate_bytes(text) == reference(read_document(text)[0]), why


def test_the_typed_path_keeps_printed_decimals(pingtan_2021: dict) -> None:
    document = copy.deepcopy(pingtan_2021)
    document["proactive"]["fees"]["amount_10k_yuan"] = decimal.Decimal("12.50")
    document["proactive"]["regulations"]["issued"] = 3  # a county organ: PRO-RULE-AUTHORITY reads the issuer
    text = dumps(document).encode("utf-8")
    assert b"12.50" in text
    result = typed_check(get_edition("2021")).report(text, None)
    assert result is not None
    assert result == reference(read_document(text)[0])
    assert "PRO-RULE-AUTHORITY" in {f.code for f in result.findings}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_give_identical_findings(document: dict[str, Any]) -> None:
    same_as_reference(document)


# Values that land in cells and metadata: every kind of thing a careless producer writes.
ODD_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=5),
    st.integers(min_value=2**63 - 2, max_value=2**70),
    st.integers(min_value=-(2**70), max_value=-(2**63)),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=0, max_value=10**6, places=3),
    st.text(max_size=5),
    st.sampled_from(["", "0", "-1", "2021", "1.0", "national", "a:b", "2024-02-30"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)

BASES = [read_document(path)[0] for path in FIXTURE_FILES]
"""Real and fixture documents of every edition: cheap starting points for mutations."""
VALID_BASES = [document for document in BASES if validate(document).valid]


def _places(document: Any, pointer: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every member's path in a document."""
    found = []
    if isinstance(document, dict):
        for key, value in document.items():
            found.append((*pointer, key))
            found.extend(_places(value, (*pointer, key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found.append((*pointer, index))
            found.extend(_places(value, (*pointer, index)))
    return found


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A real or fixture document with a few members replaced, removed or added."""
    document = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = _places(document)
        path = places[draw(st.integers(min_value=0, max_value=len(places) - 1))]
        parent: Any = document
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(ODD_VALUES)
        elif action == "remove" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "total", "2021", "a:b", ""]))] = draw(ODD_VALUES)
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_documents())
def test_mutated_documents_give_identical_findings(document: dict[str, Any]) -> None:
    code = document.get("edition")
    if not (isinstance(code, str) and code in EDITION_CODES):
        return  # no edition: an EditionError either way (tests/test_bad_input.py)
    assert repr(validate(document)) == repr(reference(document))  # repr, since NaN != NaN
    try:
        text = dumps(document).encode("utf-8")
    except ValueError:
        return  # not writable as JSON (NaN, a value JSON has no form for)
    try:
        exact, _ = read_document(text)
    except InputError as refused:
        with pytest.raises(InputError) as fast:
            validate_bytes(text)
        assert str(fast.value) == str(refused.value)
        return
    assert repr(validate_bytes(text)) == repr(reference(exact))


@st.composite
def rule_breaking_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A schema-valid document whose cells often break the rules: small numbers and blanks.

    Cells come from one seeded random source (cheap to draw for 200 cells), blanks
    and zeros being common so that rules pass, fail and cannot be checked.
    """
    base = draw(st.sampled_from(VALID_BASES))
    document = copy.deepcopy(base)
    edition = get_edition(document["edition"])
    rnd = draw(st.randoms(use_true_random=False))
    blank_rate, change_rate = rnd.random() * 0.3, rnd.random()
    for cell in edition.cells:
        parts = cell.id.split(".")
        node = document
        for part in parts[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict) or parts[-1] not in node or rnd.random() > change_rate:
            continue
        if rnd.random() < blank_rate:
            node[parts[-1]] = None
        elif cell.kind.value == "count":
            node[parts[-1]] = rnd.choice([0, 0, 1, 2, 3, rnd.randrange(10**6)])
        elif cell.kind.value == "signed_count":
            node[parts[-1]] = rnd.randrange(-5, 5)
        else:
            node[parts[-1]] = rnd.choice([0, 1, decimal.Decimal(rnd.randrange(10**5)).scaleb(-rnd.randrange(4))])
    return document


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_breaking_documents())
def test_rule_breaking_documents_give_identical_findings(document: dict[str, Any]) -> None:
    same_as_reference(document)


@pytest.mark.parametrize("code", EDITION_CODES)
def test_consistent_documents_pass_every_relation_quickly(code: str) -> None:
    """A document of zeros holds every relation: the fast path needs no evaluator."""
    edition = get_edition(code)
    values = tuple(0 for _ in edition.cells)
    assert plan(edition).relations_check(values) == []


@pytest.mark.skipif(not HAVE_ORJSON, reason="needs orjson")
@pytest.mark.parametrize(
    "text",
    [
        # a repeated key anywhere must be refused as the exact parser refuses it
        b'{"edition": "2021", "edition": "2021"}',
        b'{"edition": "2021", "issuer": {"name": "a", "name": "a"}}',
        # an escaped colon must not hide a repeated key from the count of colons
        b'{"edition": "2021", "issuer": {"name": "\\u003a", "name": "b"}}',
    ],
)
def test_repeated_keys_are_refused_by_both_parsers(text: bytes) -> None:
    with pytest.raises(InputError) as exact:
        read_document(text)
    with pytest.raises(InputError) as fast:
        validate_bytes(text)
    assert str(fast.value) == str(exact.value)


@pytest.mark.parametrize("code", EDITION_CODES)
def test_repeated_key_inside_a_valid_document_is_refused(code: str, pingtan_2021: dict) -> None:
    from opengovreport.editions import get_edition as edition_of

    edition = edition_of(code)
    path = next(p for p in FIXTURE_FILES if read_document(p)[0]["edition"] == code
                and validate(read_document(p)[0]).valid)
    text = path.read_bytes()
    first = edition.cells[0]
    key = f'"{first.id.split(".")[-1]}":'.encode()
    assert key in text
    broken = text.replace(key, key + b" null, " + key, 1)
    with pytest.raises(InputError, match="more than once"):
        validate_bytes(broken, file="x.json")


def test_escaped_colons_and_fractions_fall_back_to_the_exact_parser(pingtan_2021: dict) -> None:
    document = copy.deepcopy(pingtan_2021)
    document["issuer"]["name"] = "平潭:综合实验区"
    document["proactive"]["fees"]["amount_10k_yuan"] = decimal.Decimal("0.50")
    text = dumps(document).encode("utf-8").replace(b"\xe5\xb9\xb3\xe6\xbd\xad:", b"\\u5e73\\u6f6d\\u003a")
    expected = reference(read_document(text)[0])
    assert validate_bytes(text) == expected


def test_resolved_schema_has_no_refs() -> None:
    for code in EDITION_CODES:
        assert "$ref" not in repr(resolved_schema(get_edition(code)))


def test_compiled_checks_are_kept_on_the_edition() -> None:
    edition = get_edition("2021")
    assert plan(edition) is plan(edition)
    assert "_derived" in vars(edition)


# -- progress of long runs -------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_count_rate_and_time_left_on_a_terminal() -> None:
    from opengovreport.cli.progress import Progress

    now = [0.0]
    stream = _Terminal()
    progress = Progress(stream, clock=lambda: now[0])
    progress.update(10, 100)  # too early: nothing yet
    assert stream.getvalue() == ""
    now[0] = 2.0
    progress.update(40, 100)
    assert "40/100 reports" in stream.getvalue() and "20/s" in stream.getvalue()
    assert "3s left" in stream.getvalue()
    progress.close()
    assert stream.getvalue().endswith("\r\033[K")


def test_progress_is_silent_when_piped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from opengovreport.cli.main import main
    from opengovreport.cli.progress import Progress

    stream = io.StringIO()
    progress = Progress(stream, clock=iter(range(1000)).__next__)
    for done in range(50):
        progress.update(done, 50)
    progress.close()
    assert stream.getvalue() == ""
    assert main(["validate", str(EXAMPLES)]) == 0
    assert capsys.readouterr().err == ""


def test_jsonschema_is_told_to_skip_the_members_that_certainly_have_no_error(pingtan_2021: dict) -> None:
    from opengovreport.validation.fast import focused_validator, reference_validator

    document = copy.deepcopy(pingtan_2021)
    document["issuer"]["level"] = "village"
    edition = get_edition("2021")
    focused = focused_validator(edition, document)
    assert focused is not reference_validator(edition)
    skipped = {name for name, sub in focused.schema["properties"].items() if sub is True}
    assert "applications" in skipped and "issuer" not in skipped
    assert list(focused.iter_errors(document))[0].message == \
        list(reference_validator(edition).iter_errors(document))[0].message
    assert validate(document) == reference(document)
