"""Reading and writing report documents as JSON.

Numbers with a fraction are read as :class:`decimal.Decimal`, so money such
as ``24252.311082`` survives a load/dump round trip digit for digit.
"""

from __future__ import annotations

import codecs
import decimal
import json
import os
from pathlib import Path
from typing import IO, Any, Mapping, Union

from ..errors import DuplicateKeyError, EncodingError, InputError, NotJSONError
from ..model import Report
from ..model.tree import escape_pointer

Source = Union[str, "os.PathLike[str]", IO[str], IO[bytes], Mapping[str, Any], bytes]


class _Object(dict):  # type: ignore[type-arg]
    """A parsed JSON object that remembers keys it saw more than once."""

    duplicates: list[str]


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    obj.duplicates = []
    for key, value in pairs:
        if key in obj:
            obj.duplicates.append(key)
        obj[key] = value
    return obj


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _find_duplicate(value: Any, pointer: str = "") -> tuple[str, str] | None:
    if isinstance(value, _Object):
        if value.duplicates:
            return pointer, value.duplicates[0]
        for key, child in value.items():
            found = _find_duplicate(child, f"{pointer}/{escape_pointer(key)}")
            if found:
                return found
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found = _find_duplicate(child, f"{pointer}/{index}")
            if found:
                return found
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _describe_encoding(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "it starts with a UTF-16 byte order mark; save it as UTF-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return "it is not text in UTF-8 (nor in GB18030)"
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "it looks like GB18030/GBK (common for Chinese Windows files); save it as UTF-8"
    return "it is not UTF-8; save it as UTF-8"


def decode(data: bytes, file: str | None = None) -> str:
    """UTF-8 text (a BOM is allowed and removed); EncodingError saying what it looks like."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError(
            f"not UTF-8 (byte {exc.start}): {_describe_encoding(data)}", file=file, line=line
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


class _RepeatedKey(Exception):
    """Raised while parsing when an object repeats a key (then the careful parse locates it)."""


def _fast_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _RepeatedKey
    return obj


def parse_json(text: str, file: str | None = None) -> Any:
    """Parse JSON text strictly: no NaN/Infinity, no duplicate keys, exact decimals."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise NotJSONError("the file is empty, expected a JSON object", file=file)
    try:
        return json.loads(
            text,
            object_pairs_hook=_fast_object,
            parse_float=decimal.Decimal,
            parse_constant=_reject_constant,
        )
    except _RepeatedKey:
        pass  # parse again, remembering every object's repeated keys, to say where
    except json.JSONDecodeError as exc:
        raise NotJSONError(f"not JSON: {exc.msg}", file=file, line=exc.lineno, column=exc.colno) from None
    except ValueError as exc:  # NaN / Infinity
        raise NotJSONError(f"not JSON: {exc}", file=file) from None
    except RecursionError:
        raise NotJSONError("not usable JSON: nested too deeply", file=file) from None
    try:
        value = json.loads(
            text,
            object_pairs_hook=_object_pairs,
            parse_float=decimal.Decimal,
            parse_constant=_reject_constant,
        )
        duplicate = _find_duplicate(value)
    except RecursionError:
        raise NotJSONError("not usable JSON: nested too deeply", file=file) from None
    if duplicate is not None:
        pointer, key = duplicate
        raise DuplicateKeyError(
            f"the key {key!r} appears more than once in the same object; one value would be lost",
            file=file,
            pointer=pointer,
        )
    return _plain(value)  # pragma: no cover - a repeated key was seen on the first parse


def read_file(path: str | os.PathLike[str], expected: str) -> bytes:
    """The bytes of a user's file; InputError naming the file and what was expected."""
    name = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError(f"is a folder, expected {expected}", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None


def _read(source: Source) -> tuple[Any, str | None]:
    """(parsed JSON value, file name) of any accepted source."""
    if isinstance(source, Mapping):
        return source, None
    if isinstance(source, bytes):
        return parse_json(decode(source)), None
    if isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        return parse_json(source), None
    if isinstance(source, (str, os.PathLike)):
        name = str(source)
        data = read_file(source, "a JSON file")
        return parse_json(decode(data, name), name), name
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        name = str(name) if isinstance(name, (str, os.PathLike)) else None
        content = source.read()
        text = decode(content, name) if isinstance(content, bytes) else content
        return parse_json(text, name), name
    raise TypeError(f"cannot read a report from {type(source).__name__}")


def read_document(source: Source) -> tuple[Any, str | None]:
    """The raw document (plain dicts, Decimal for fractional numbers) and its file name.

    Use this to validate input whose structure may be broken; :func:`load` is for
    documents that should be usable as a :class:`Report`.
    """
    return _read(source)


def load(source: Source) -> Report:
    """Load a report from a path, an open file, JSON text, bytes or a dict.

    Raises an :class:`~opengovreport.errors.InputError` subclass naming the file,
    the place and the reason when the input is not a usable report document.
    """
    document, name = _read(source)
    try:
        return Report.from_dict(document)
    except InputError as exc:
        raise exc.with_file(name) from None


def _encode(value: Any, indent: str, level: int) -> str:
    pad = indent * (level + 1)
    end = indent * level
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {_encode(v, indent, level + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [pad + _encode(v, indent, level + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as JSON")
        text = str(value)
        # str() may use exponent notation (1E+1), which JSON allows; keep it exact.
        return text
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"cannot write {value} as JSON")
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def dumps(report: Report | Mapping[str, Any] | list[Any]) -> str:
    """JSON text of a report, a document or any JSON value (two-space indent, exact
    decimals, trailing newline)."""
    document = report.to_dict() if isinstance(report, Report) else report
    return _encode(document, "  ", 0) + "\n"


def dump(report: Report | Mapping[str, Any], destination: str | os.PathLike[str] | IO[str]) -> None:
    """Write the report as JSON to a path or an open text file."""
    text = dumps(report)
    if hasattr(destination, "write"):
        destination.write(text)  # type: ignore[union-attr]
    else:
        Path(destination).write_text(text, encoding="utf-8")  # type: ignore[arg-type]
