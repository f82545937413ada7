"""Loading JSON documents: encodings, exact decimals, and clear errors for unusable input."""

from __future__ import annotations

import decimal
import io
from pathlib import Path

import pytest

from opengovreport import dump, dumps, load
from opengovreport.errors import (
    DuplicateKeyError,
    EditionError,
    EncodingError,
    InputError,
    NotJSONError,
)
from opengovreport.io import read_document


def test_load_from_path_text_bytes_file_and_dict(pingtan_2021_path: Path, pingtan_2021: dict) -> None:
    text = pingtan_2021_path.read_text(encoding="utf-8")
    reports = [
        load(pingtan_2021_path),
        load(str(pingtan_2021_path)),
        load(text),
        load(text.encode("utf-8")),
        load(io.StringIO(text)),
        load(io.BytesIO(text.encode("utf-8"))),
        load(pingtan_2021),
    ]
    assert all(r == reports[0] for r in reports)


def test_bom_is_accepted(tmp_path: Path, pingtan_2021_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + pingtan_2021_path.read_bytes())
    assert load(path) == load(pingtan_2021_path)


def test_money_is_exact_through_load_and_dump(tmp_path: Path, pingtan_2021_path: Path) -> None:
    report = load(pingtan_2021_path)
    assert report.cell("proactive.fees.amount_10k_yuan") == decimal.Decimal("24252.311082")
    out = tmp_path / "out.json"
    dump(report, out)
    assert "24252.311082" in out.read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == pingtan_2021_path.read_text(encoding="utf-8")
    assert load(out) == report


def test_gb18030_is_named(tmp_path: Path, pingtan_2021_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(pingtan_2021_path.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(EncodingError) as info:
        load(path)
    assert "GB18030" in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.line is not None


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utf16.json"
    path.write_bytes('{"edition": "2021"}'.encode("utf-16"))
    with pytest.raises(EncodingError, match="UTF-16"):
        load(path)


@pytest.mark.parametrize(
    "text, where",
    [
        ('{"edition": "2021",', "line 1"),
        ('{\n  "a": 1,\n  "b": \n}', "line 4"),
        ("", "empty"),
        ("   \n", "empty"),
        ('{"a": NaN}', "NaN"),
        ('{"a": Infinity}', "Infinity"),
        ("[" * 100000 + "]" * 100000, "nested too deeply"),
    ],
)
def test_not_json(text: str, where: str) -> None:
    with pytest.raises(NotJSONError) as info:
        read_document(text.encode("utf-8"))
    assert where in str(info.value)


def test_duplicate_keys_are_refused_with_pointer() -> None:
    text = '{"edition": "2021", "issuer": {"name": "a", "name": "b"}}'
    with pytest.raises(DuplicateKeyError) as info:
        read_document(text)
    assert info.value.pointer == "/issuer"
    assert "'name'" in str(info.value)


def test_missing_and_unknown_edition(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"standard": "1.0"}', encoding="utf-8")
    with pytest.raises(EditionError) as info:
        load(path)
    assert info.value.file == str(path)
    path.write_text('{"edition": "2030"}', encoding="utf-8")
    with pytest.raises(EditionError, match="2030"):
        load(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "nope.json")
    with pytest.raises(InputError, match="folder"):
        load(tmp_path)


def test_dumps_writes_exact_decimals_and_no_nan() -> None:
    assert dumps({"a": decimal.Decimal("0.000001")}) == '{\n  "a": 0.000001\n}\n'
    with pytest.raises(ValueError):
        dumps({"a": float("nan")})
