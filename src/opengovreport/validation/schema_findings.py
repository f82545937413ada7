"""JSON Schema errors as findings, so users read one list."""

from __future__ import annotations

import decimal
import json
from typing import Any, Iterator, Mapping

from ..editions import Edition
from ..findings import Finding, Severity
from ..model.tree import escape_pointer, type_name

# Schema keyword → finding code. Codes are stable: never reuse one.
SCHEMA_CODES: dict[str, str] = {
    "required": "SCHEMA-REQUIRED",
    "type": "SCHEMA-TYPE",
    "minimum": "SCHEMA-MINIMUM",
    "additionalProperties": "SCHEMA-ADDITIONAL",
    "enum": "SCHEMA-ENUM",
    "const": "SCHEMA-CONST",
    "pattern": "SCHEMA-PATTERN",
    "format": "SCHEMA-FORMAT",
    "minLength": "SCHEMA-MIN-LENGTH",
    "minProperties": "SCHEMA-MIN-PROPERTIES",
    "uniqueItems": "SCHEMA-UNIQUE-ITEMS",
    "minItems": "SCHEMA-MIN-ITEMS",
}

_TYPE_ZH = {
    "integer": "整数",
    "number": "数字",
    "string": "文本",
    "null": "空值（null）",
    "object": "对象",
    "array": "数组",
    "boolean": "布尔值",
}


def _non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return value != value or value in (float("inf"), float("-inf"))
    return isinstance(value, decimal.Decimal) and not value.is_finite()


def _pointer(path: Any) -> str:
    return "".join(f"/{escape_pointer(p)}" for p in path)


def _show(value: Any) -> str:
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, (dict, list)):
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (RecursionError, ValueError):  # nested too deeply, or NaN inside
            return "[…]" if isinstance(value, list) else "{…}"
        return text if len(text) <= 60 else text[:57] + "…"
    if isinstance(value, str) and len(value) > 200:
        return json.dumps(value[:197], ensure_ascii=False) + "…"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**60:
        return f"{'-' if value < 0 else ''}<{int(abs(value).bit_length() * 0.30103) + 1} digits>"
    return json.dumps(value, ensure_ascii=False, default=str)


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, (bool, dict, list)):
        return type_name(value) if value is not None else None
    if isinstance(value, (int, float, decimal.Decimal)):
        return value
    return str(value)


def _place(pointer: str, edition: Edition) -> tuple[str, str]:
    """How to name a place in messages: the cell's printed label where it is a cell."""
    cell = edition.cell_at(pointer)
    if cell is not None:
        return f"“{cell.label_zh}”（{pointer}）", f"“{cell.label_en}” ({pointer})"
    shown = pointer or "/"
    return shown, shown


def _types(expected: Any) -> tuple[str, str]:
    names = expected if isinstance(expected, list) else [expected]
    return "或".join(_TYPE_ZH.get(n, n) for n in names), " or ".join(names)


def schema_findings(errors: Iterator[Any], edition: Edition) -> Iterator[Finding]:
    """Findings for jsonschema ValidationErrors (one per missing or unknown member)."""
    for error in errors:
        keyword = error.validator
        code = SCHEMA_CODES.get(keyword, "SCHEMA-" + "".join(
            "-" + ch if ch.isupper() else ch.upper() for ch in keyword).lstrip("-"))
        pointer = _pointer(error.absolute_path)
        instance = error.instance

        if keyword == "required" and isinstance(instance, Mapping):
            for name in error.validator_value:
                if name in instance:
                    continue
                member = f"{pointer}/{escape_pointer(name)}"
                where_zh, where_en = _place(member, edition)
                yield Finding(code, Severity.ERROR, (member,),
                              f"缺少必填项 {where_zh}；空白单元格请填 null。",
                              f"Required member {where_en} is missing; a blank cell is null.",
                              expected="present", actual=None)
            continue
        if keyword == "additionalProperties" and isinstance(instance, Mapping):
            allowed = set(error.schema.get("properties", {}))
            for name in instance:
                if name in allowed:
                    continue
                member = f"{pointer}/{escape_pointer(name)}"
                listed = "、".join(sorted(allowed)) or "无"
                yield Finding(code, Severity.ERROR, (member,),
                              f"{member} 不是本版式定义的项（此处可用：{listed}）；非国家模板的行请放在 extensions 中。",
                              f"{member} is not defined by the edition (allowed here: {', '.join(sorted(allowed)) or 'none'}); "
                              "rows outside the national template belong in extensions.",
                              expected=None, actual=name)
            continue

        where_zh, where_en = _place(pointer, edition)
        if keyword == "type" and _non_finite(instance):
            zh, en = _types(error.validator_value)
            yield Finding(code, Severity.ERROR, (pointer,),
                          f"{where_zh} 的值 {_show(instance)} 不是数（JSON 没有 NaN 和 Infinity），应为{zh}。",
                          f"{where_en} is {_show(instance)}, which is not a number in JSON; expected {en}.",
                          expected=en, actual=str(instance))
        elif keyword == "type":
            zh, en = _types(error.validator_value)
            yield Finding(code, Severity.ERROR, (pointer,),
                          f"{where_zh} 的值 {_show(instance)} 是{_TYPE_ZH.get(type_name(instance), type_name(instance))}，应为{zh}；不会自动转换。",
                          f"{where_en} is {_show(instance)} ({type_name(instance)}); expected {en}. It is not converted.",
                          expected=en, actual=_scalar(instance))
        elif keyword == "minimum":
            yield Finding(code, Severity.ERROR, (pointer,),
                          f"{where_zh} 的值 {_show(instance)} 小于 {error.validator_value}。",
                          f"{where_en} is {_show(instance)}, less than {error.validator_value}.",
                          expected=f"≥ {error.validator_value}", actual=_scalar(instance))
        elif keyword in ("enum", "const"):
            allowed = error.validator_value if keyword == "enum" else [error.validator_value]
            shown = ", ".join(_show(v) for v in allowed)
            yield Finding(code, Severity.ERROR, (pointer,),
                          f"{where_zh} 的值 {_show(instance)} 不在允许的取值中：{shown}。",
                          f"{where_en} is {_show(instance)}; allowed: {shown}.",
                          expected=shown, actual=_scalar(instance))
        elif keyword == "pattern":
            yield Finding(code, Severity.ERROR, (pointer,),
                          f"{where_zh} 的值 {_show(instance)} 格式不对（应匹配 {error.validator_value}）。",
                          f"{where_en} is {_show(instance)}, which does not match {error.validator_value}.",
                          expected=error.validator_value, actual=_scalar(instance))
        elif keyword == "format":
            fmt = error.validator_value
            example = {"date": "2024-03-01", "date-time": "2024-03-01T08:00:00+08:00"}.get(fmt, fmt)
            yield Finding(code, Severity.ERROR, (pointer,),
                          f"{where_zh} 的值 {_show(instance)} 不是有效的 {fmt}（例如 {example}）。",
                          f"{where_en} is {_show(instance)}, not a valid {fmt} (e.g. {example}).",
                          expected=fmt, actual=_scalar(instance))
        elif keyword == "minLength":
            yield Finding(code, Severity.ERROR, (pointer,),
                          f"{where_zh} 不能为空字符串。",
                          f"{where_en} must not be an empty string.",
                          expected=f"at least {error.validator_value} character(s)",
                          actual=_scalar(instance))
        else:
            yield Finding(code, Severity.ERROR, (pointer,),
                          f"{where_zh}：{error.message}",
                          f"{where_en}: {error.message}",
                          expected=None, actual=_scalar(instance))
