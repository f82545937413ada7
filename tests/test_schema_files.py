"""The shipped JSON Schemas: fresh against the definition, identical in schema/ and the package."""

from __future__ import annotations

import json
from typing import Any, Iterator
from urllib.parse import urljoin

import pytest
from referencing.exceptions import Unresolvable

from opengovreport.schema import load_schema, registry, schema_dir, validator
from opengovreport.schema.generate import build_schemas, render, schema_id
from opengovreport.version import SCHEMA_BASE_URL, STANDARD_VERSION

from .paths import ROOT

REPO_DIR = ROOT / "schema" / STANDARD_VERSION
GENERATED = build_schemas()


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_repo_copy_is_fresh(name: str) -> None:
    path = REPO_DIR / name
    assert path.is_file(), f"{path} is missing: run python -m opengovreport.schema.generate"
    assert path.read_text(encoding="utf-8") == render(GENERATED[name]), (
        f"{path} is stale against the cell definition: run python -m opengovreport.schema.generate"
    )


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_packaged_copy_equals_repo_copy(name: str) -> None:
    packaged = schema_dir() / name
    assert packaged.read_bytes() == (REPO_DIR / name).read_bytes()


def test_no_extra_schema_files() -> None:
    assert {p.name for p in REPO_DIR.glob("*.json")} == set(GENERATED)
    assert {p.name for p in schema_dir().glob("*.json")} == set(GENERATED)


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_ids_and_refs_agree_on_the_version(name: str) -> None:
    schema = load_schema(name)
    assert schema["$id"] == schema_id(name)
    assert schema["$id"].startswith(f"{SCHEMA_BASE_URL}{STANDARD_VERSION}/")
    for ref in _refs(schema):
        target = urljoin(schema["$id"], ref)
        assert target.startswith(f"{SCHEMA_BASE_URL}{STANDARD_VERSION}/"), (name, ref)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_every_ref_resolves_locally(name: str) -> None:
    schema = load_schema(name)
    resolver = registry().resolver(base_uri=schema["$id"])
    for ref in set(_refs(schema)):
        try:
            resolver.lookup(ref)
        except Unresolvable as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{name}: $ref {ref!r} does not resolve offline: {exc}")


def test_registry_never_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.request

    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("validation tried to reach the network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with pytest.raises(Unresolvable):
        registry().resolver().lookup(f"{SCHEMA_BASE_URL}{STANDARD_VERSION}/nope.schema.json")


def test_schemas_are_valid_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    for name in GENERATED:
        Draft202012Validator.check_schema(load_schema(name))


def test_real_document_validates_against_the_schema(pingtan_2021: dict) -> None:
    errors = list(validator("report-2021.schema.json").iter_errors(pingtan_2021))
    assert errors == []


def test_schema_lists_every_cell_with_its_label() -> None:
    from opengovreport.editions import get_edition

    schema = load_schema("report-2021.schema.json")
    for cell in get_edition("2021").cells:
        node = schema
        for part in cell.id.split("."):
            node = node["properties"][part]
        assert node["title"] == cell.column.label_zh
        assert node["$ref"].endswith(f"#/$defs/{cell.kind.value}")


def test_generated_json_is_stable_text() -> None:
    text = render(GENERATED["report-2021.schema.json"])
    assert json.loads(text) == GENERATED["report-2021.schema.json"]
    assert text.endswith("\n")
