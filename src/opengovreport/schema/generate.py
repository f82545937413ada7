"""Generate the standard's JSON Schemas from the edition definitions.

The files under ``schema/<version>/`` (and their packaged copies) are the
output of :func:`build_schemas`; a test fails when either copy is stale.
Regenerate both with::

    python -m opengovreport.schema.generate
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..editions import EDITION_CODES, CellKind, Edition, get_edition
from ..editions.codelists import ISSUER_KIND, ISSUER_LEVEL, SCOPE
from ..version import SCHEMA_BASE_URL, STANDARD_VERSION

DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMMON = "common.schema.json"
VALIDATION_REPORT = "validation-report.schema.json"
PACKAGE_PROFILE = "datapackage.schema.json"


def schema_id(name: str, version: str = STANDARD_VERSION) -> str:
    return f"{SCHEMA_BASE_URL}{version}/{name}"


def report_schema_name(edition_code: str) -> str:
    return f"report-{edition_code}.schema.json"


def _codes_enum(codelist: Any) -> dict[str, Any]:
    return {
        "enum": list(codelist.values()),
        "description": "; ".join(f"{c.code}: {c.label_zh} / {c.label_en}" for c in codelist.codes),
    }


def common_schema() -> dict[str, Any]:
    count = {
        "title": "计数 / count",
        "description": "A non-negative integer; null when the printed cell was blank, '/', '-', '—' or '无'.",
        "type": ["integer", "null"],
        "minimum": 0,
    }
    return {
        "$schema": DRAFT,
        "$id": schema_id(COMMON),
        "title": "opengovreport shared definitions",
        "description": "Definitions shared by the report schemas of every edition.",
        "$defs": {
            CellKind.COUNT.value: count,
            CellKind.SIGNED_COUNT.value: {
                "title": "带符号计数 / signed count",
                "description": "An integer that may be negative (printed '+3', '-8', '减4'); null when blank.",
                "type": ["integer", "null"],
            },
            CellKind.MONEY.value: {
                "title": "金额（万元） / money (10,000 yuan)",
                "description": "A non-negative decimal amount in 万元; null when blank.",
                "type": ["number", "null"],
                "minimum": 0,
            },
            CellKind.PERCENT.value: {
                "title": "百分比 / percent",
                "description": "A percentage as printed (e.g. 0.30 for “0.30”); null when blank.",
                "type": ["number", "null"],
                "minimum": 0,
            },
            "report_id": {
                "title": "报告编号 / report id",
                "description": "A stable identifier of a report: letters, digits, '.', '_' and '-'.",
                "type": "string",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$",
            },
            "standard": {
                "title": "标准版本 / standard version",
                "description": "The version of the opengovreport standard the document follows.",
                "const": STANDARD_VERSION,
            },
            "year": {
                "title": "报告年度 / report year",
                "description": "The statistics period is 1 January to 31 December of this year.",
                "type": "integer",
                "minimum": 2008,
            },
            "issuer": {
                "title": "发布机关 / issuer",
                "type": "object",
                "required": ["name", "level", "kind"],
                "additionalProperties": False,
                "properties": {
                    "name": {
                        "title": "机关名称 / name",
                        "description": "The organ's name in Chinese, as printed.",
                        "type": "string",
                        "minLength": 1,
                    },
                    "division_code": {
                        "title": "行政区划代码 / division code",
                        "description": "GB/T 2260 six-digit code of the organ's region.",
                        "type": "string",
                        "pattern": "^[0-9]{6}$",
                    },
                    "level": {"title": "层级 / level", **_codes_enum(ISSUER_LEVEL)},
                    "kind": {"title": "机关类别 / kind", **_codes_enum(ISSUER_KIND)},
                },
            },
            "scope": {"title": "报告范围 / scope", **_codes_enum(SCOPE)},
            "published": {
                "title": "发布日期 / publication date",
                "type": "string",
                "format": "date",
            },
            "source": {
                "title": "数据来源 / source",
                "description": "Leave it out when nothing is known; an empty object says nothing.",
                "type": "object",
                "minProperties": 1,
                "additionalProperties": False,
                "properties": {
                    "url": {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9+.-]*:\\S+$"},
                    "retrieved": {"type": "string", "format": "date-time"},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "media_type": {"type": "string", "pattern": "^[\\w.+-]+/[\\w.+-]+"},
                },
            },
            "extensions": {
                "title": "扩展行 / extensions",
                "description": "Rows that are not in the national template (e.g. a provincial variant's extra rows), by name.",
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {
                    "type": "object",
                    "required": ["label"],
                    "additionalProperties": False,
                    "properties": {
                        "label": {"type": "string", "minLength": 1},
                        "label_en": {"type": "string", "minLength": 1},
                        "table": {
                            "description": "The official table the row was printed in (its resource name, e.g. applications or statistics).",
                            "type": "string",
                            "minLength": 1,
                        },
                        "values": {
                            "type": "object",
                            "additionalProperties": {"type": ["number", "null"]},
                        },
                    },
                },
            },
        },
    }


def _join(*parts: str) -> str:
    return ".".join(p for p in parts if p)


def _cell_properties(edition: Edition) -> dict[str, Any]:
    """Schemas of the document members that hold the edition's cells, nested by id."""
    titles: dict[str, tuple[str, str]] = {}
    for table in edition.tables:
        if table.key:
            titles[table.key] = (table.title_zh, table.title_en)
        for group in table.groups:
            titles[_join(table.key, group.key)] = (group.label_zh, group.label_en)
        for row in table.rows:
            if any(column.key for column in row.columns):
                titles[_join(table.key, row.key)] = (row.label_zh, row.label_en)

    root: dict[str, Any] = {"properties": {}}
    for cell in edition.cells:
        parts = cell.id.split(".")
        node = root
        for depth, part in enumerate(parts[:-1]):
            child = node["properties"].get(part)
            if child is None:
                child = {}
                path = ".".join(parts[: depth + 1])
                if path in titles:
                    child["title"], child["description"] = titles[path]
                child.update({"type": "object", "properties": {}})
                node["properties"][part] = child
            node = child
        single = not cell.column.key
        node["properties"][parts[-1]] = {
            "$ref": f"{COMMON}#/$defs/{cell.kind.value}",
            "title": cell.row.label_zh if single else cell.column.label_zh,
            "description": f"{cell.row.label_en if single else cell.column.label_en} ({cell.unit})",
        }

    def close(node: dict[str, Any]) -> None:
        node["required"] = list(node["properties"])
        node["additionalProperties"] = False
        for child in node["properties"].values():
            if "$ref" not in child:
                close(child)

    for child in root["properties"].values():
        if "$ref" not in child:
            close(child)
    return root["properties"]


def _required_tables(edition: Edition) -> list[str]:
    optional = {table.key for table in edition.tables if table.optional}
    roots = dict.fromkeys(cell.id.split(".")[0] for cell in edition.cells)
    return [key for key in roots if key not in optional]


def report_schema(edition: Edition) -> dict[str, Any]:
    def common(name: str) -> dict[str, Any]:
        return {"$ref": f"{COMMON}#/$defs/{name}"}

    properties: dict[str, Any] = {
        "id": common("report_id"),
        "components": {
            "title": "组成报告 / components",
            "description": "For an aggregate report: the ids of the reports it was compiled from.",
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": common("report_id"),
        },
        "standard": common("standard"),
        "edition": {"title": "版式 / edition", "const": edition.code},
        "year": common("year"),
        "issuer": common("issuer"),
        "scope": common("scope"),
        "published": common("published"),
        "source": common("source"),
        "narrative": {
            "title": "正文 / narrative",
            "description": "Leave it out when there is no text; an empty object says nothing.",
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": {
                s.key: {"title": s.label_zh, "description": s.label_en, "type": "string"}
                for s in edition.narrative_sections
            },
        },
    }
    properties.update(_cell_properties(edition))
    properties["extensions"] = common("extensions")
    return {
        "$schema": DRAFT,
        "$id": schema_id(report_schema_name(edition.code)),
        "title": f"政府信息公开工作年度报告（{edition.code} 版式） / Annual report, edition {edition.code}",
        "description": f"{edition.instrument_zh}《{edition.title_zh}》. {edition.title_en}.",
        "type": "object",
        "required": ["standard", "edition", "year", "issuer", "scope"] + _required_tables(edition),
        "additionalProperties": False,
        "properties": properties,
    }


def validation_report_schema() -> dict[str, Any]:
    message = {
        "type": "object",
        "required": ["zh", "en"],
        "additionalProperties": False,
        "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
    }
    value = {"type": ["number", "string", "null"]}
    finding = {
        "type": "object",
        "required": ["code", "severity", "pointers", "expected", "actual", "message"],
        "additionalProperties": False,
        "properties": {
            "code": {"type": "string", "pattern": "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "pointers": {"type": "array", "items": {"type": "string", "pattern": "^(/.*)?$"}},
            "expected": value,
            "actual": value,
            "message": message,
            "location": {
                "description": "For findings in a data package's tables.",
                "type": "object",
                "required": ["resource", "row", "column"],
                "additionalProperties": False,
                "properties": {
                    "resource": {"type": "string"},
                    "row": {"type": ["integer", "null"], "minimum": 1},
                    "column": {"type": ["string", "null"]},
                },
            },
        },
    }
    report = {
        "type": "object",
        "required": [
            "file", "valid", "standard", "edition", "ruleset", "library", "counts", "codes",
            "findings",
        ],
        "additionalProperties": False,
        "properties": {
            "file": {"type": ["string", "null"]},
            "valid": {"type": "boolean", "description": "True when there is no error finding."},
            "standard": {"type": "string"},
            "edition": {"type": ["string", "null"]},
            "ruleset": {
                "type": "object",
                "required": ["version", "rules"],
                "additionalProperties": False,
                "properties": {
                    "version": {"type": "string"},
                    "rules": {"type": "array", "items": {"type": "string"}},
                },
            },
            "library": {
                "type": "object",
                "required": ["name", "version"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string"}, "version": {"type": "string"}},
            },
            "counts": {
                "type": "object",
                "required": ["error", "warning", "info"],
                "additionalProperties": False,
                "properties": {
                    k: {"type": "integer", "minimum": 0} for k in ("error", "warning", "info")
                },
            },
            "codes": {
                "description": "Findings grouped by code: how many, and of which severities.",
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["count", "severities"],
                    "additionalProperties": False,
                    "properties": {
                        "count": {"type": "integer", "minimum": 1},
                        "severities": {
                            "type": "object",
                            "additionalProperties": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        },
    }
    return {
        "$schema": DRAFT,
        "$id": schema_id(VALIDATION_REPORT),
        "title": "opengovreport validation report",
        "description": "What `opengovreport validate --format json` prints: one report, or an array of them.",
        "$defs": {"finding": finding, "report": report},
        "anyOf": [
            {"$ref": "#/$defs/report"},
            {"type": "array", "items": {"$ref": "#/$defs/report"}},
        ],
    }


def package_profile() -> dict[str, Any]:
    """The opengovreport profile of a data package descriptor, on top of Data Package v2."""
    from ..package.layout import DATA_PACKAGE_V2, PROFILE_URL

    return {
        "$schema": DRAFT,
        "$id": schema_id(PACKAGE_PROFILE),
        "title": "opengovreport data package profile",
        "description": "What a datapackage.json of reports must say besides Data Package v2: the "
        "standard and profile it follows, its languages, and a reports resource.",
        "type": "object",
        "required": ["$schema", "name", "version", "licenses", "languages", "opengovreport",
                     "resources"],
        "properties": {
            "$schema": {"const": DATA_PACKAGE_V2},
            "name": {"type": "string", "minLength": 1},
            "version": {"type": "string", "minLength": 1},
            "licenses": {"type": "array", "minItems": 1},
            "languages": {
                "type": "array",
                "allOf": [{"contains": {"const": "zh"}}, {"contains": {"const": "en"}}],
            },
            "opengovreport": {
                "type": "object",
                "required": ["standard", "profile"],
                "properties": {
                    "standard": {"const": STANDARD_VERSION},
                    "profile": {"const": PROFILE_URL},
                },
            },
            "resources": {
                "type": "array",
                "contains": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {"name": {"const": "reports"}},
                },
            },
        },
    }


def build_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every file of this standard version."""
    schemas = {COMMON: common_schema(), VALIDATION_REPORT: validation_report_schema(),
               PACKAGE_PROFILE: package_profile()}
    for code in EDITION_CODES:
        schemas[report_schema_name(code)] = report_schema(get_edition(code))
    return schemas


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in build_schemas().items():
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Regenerate ``schema/<version>/`` and the packaged copy (run from the project root)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    targets = [
        root / "schema" / STANDARD_VERSION,
        root / "src" / "opengovreport" / "schema" / "data" / STANDARD_VERSION,
    ]
    for target in targets:
        for path in write_schemas(target):
            print(path.relative_to(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
