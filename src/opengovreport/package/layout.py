"""What a data package of reports contains: resources and table schemas, from the definitions.

Each official table of an edition is one resource whose rows are the table's
printed rows and whose columns are its printed columns (``applications_2021``:
report_id, row_id, row_label, natural_person … total), so a publisher reading
the CSV sees the table they printed. Nothing here is hand-kept: change an
edition's definition and the table schemas follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..editions import EDITION_CODES, CellKind, Column, Edition, Table, get_edition
from ..editions.codelists import ISSUER_KIND, ISSUER_LEVEL, SCOPE, Codelist
from ..version import SCHEMA_BASE_URL, STANDARD_VERSION

DATA_PACKAGE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
PROFILE_NAME = "datapackage.schema.json"
PROFILE_URL = f"{SCHEMA_BASE_URL}{STANDARD_VERSION}/{PROFILE_NAME}"

REPORT_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    """Table Schema type: string, integer, number, date, boolean."""
    title: str = ""
    description: str = ""
    constraints: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    kind: CellKind | None = None
    """For a cell column: the kind of the cells it holds."""

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.title:
            result["title"] = self.title
        if self.description:
            result["description"] = self.description
        if self.constraints:
            result["constraints"] = dict(self.constraints)
        return result


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    """(fields, resource, reference fields)."""
    edition: str | None = None
    table: Table | None = None
    """For a table resource: the edition table whose rows it holds."""

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def table_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [f.to_dict() for f in self.fields],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fields), "reference": {"resource": resource, "fields": list(ref)}}
                for fields, resource, ref in self.foreign_keys
            ]
        return schema

    def descriptor(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": "table",
            "path": self.path,
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": self.title,
            "description": self.description,
            "schema": self.table_schema(),
        }


_REPORT_ID = FieldSpec("report_id", "string", "报告编号", "Report id (reports.report_id).",
                       {"required": True, "pattern": REPORT_ID_PATTERN})
_TO_REPORTS = ((("report_id",), "reports", ("report_id",)),)

_FIELD_TYPE = {
    CellKind.COUNT: "integer",
    CellKind.SIGNED_COUNT: "integer",
    CellKind.MONEY: "number",
    CellKind.PERCENT: "number",
}


def cell_field(column: Column, name: str | None = None) -> FieldSpec:
    constraints = {} if column.kind is CellKind.SIGNED_COUNT else {"minimum": 0}
    return FieldSpec(
        name or column.key,
        _FIELD_TYPE[column.kind],
        column.label_zh,
        f"{column.label_en} ({column.unit}); empty when the printed cell was blank.",
        constraints,
        kind=column.kind,
    )


def value_column_name(column: Column) -> str:
    """The CSV column of a table column; single-value rows (2014) use ``value``."""
    return column.key or "value"


def table_resource_name(edition: Edition, table: Table) -> str:
    return f"{table.resource_name}_{edition.code}"


def table_resource(edition: Edition, table: Table) -> ResourceSpec:
    columns: dict[str, Column] = {}
    for row in table.rows:
        for column in row.columns:
            columns.setdefault(value_column_name(column), column)
    single_value = all(not c.key for row in table.rows for c in row.columns)
    fields = [
        _REPORT_ID,
        FieldSpec("row_id", "string", "行", "Row id (codelist rows).",
                  {"required": True, "enum": [row.key for row in table.rows]}),
        FieldSpec("row_label", "string", "行名称", "The row's label as printed (for reading only)."),
    ]
    if single_value:
        fields.append(FieldSpec("unit", "string", "单位", "The row's unit (for reading only)."))
    if single_value:
        # One "value" column holds rows of several kinds (2014: counts and 万元): the
        # column is a number; each row's own kind is checked when the package is read.
        kinds = {c.kind for row in table.rows for c in row.columns}
        widest = next((k for k in (CellKind.MONEY, CellKind.PERCENT) if k in kinds), CellKind.COUNT)
        fields.append(FieldSpec(
            "value", _FIELD_TYPE[widest], "统计数",
            "The row's value in the row's unit; whole numbers except in 万元 rows; empty when blank.",
            {"minimum": 0}, kind=widest,
        ))
    else:
        fields.extend(cell_field(column, name) for name, column in columns.items())
    return ResourceSpec(
        name=table_resource_name(edition, table),
        path=f"data/{edition.code}/{table.resource_name}.csv",
        title=f"{table.title_zh}（{edition.code} 版式）",
        description=f"{table.title_en}, edition {edition.code}: one row per printed row of each report.",
        fields=tuple(fields),
        primary_key=("report_id", "row_id"),
        foreign_keys=_TO_REPORTS,
        edition=edition.code,
        table=table,
    )


def narrative_sections() -> tuple[str, ...]:
    return tuple(dict.fromkeys(
        s.key for code in EDITION_CODES for s in get_edition(code).narrative_sections
    ))


def _codelist_fk(field_name: str, codelist: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    return ((field_name,), f"codelist_{codelist}", ("code",))


REPORTS = ResourceSpec(
    name="reports",
    path="data/reports.csv",
    title="报告",
    description="One row per report: edition, year, issuer, scope and source.",
    fields=(
        FieldSpec("report_id", "string", "报告编号", "Unique id of the report in the package.",
                  {"required": True, "unique": True, "pattern": REPORT_ID_PATTERN}),
        FieldSpec("document_id", "string", "文档编号",
                  "The report document's own id, empty when it had none."),
        FieldSpec("standard", "string", "标准版本", "Version of the standard.", {"required": True}),
        FieldSpec("edition", "string", "版式", "Edition (codelist edition).",
                  {"required": True, "enum": list(EDITION_CODES)}),
        FieldSpec("year", "integer", "报告年度", "Report year.", {"required": True, "minimum": 2008}),
        FieldSpec("issuer_name", "string", "机关名称", "The organ, as printed.", {"required": True}),
        FieldSpec("issuer_division_code", "string", "行政区划代码", "GB/T 2260 code.",
                  {"pattern": "^[0-9]{6}$"}),
        FieldSpec("issuer_level", "string", "层级", "Codelist issuer_level.",
                  {"enum": list(ISSUER_LEVEL.values())}),
        FieldSpec("issuer_kind", "string", "机关类别", "Codelist issuer_kind.",
                  {"enum": list(ISSUER_KIND.values())}),
        FieldSpec("scope", "string", "报告范围", "Codelist scope.",
                  {"required": True, "enum": list(SCOPE.values())}),
        FieldSpec("published", "date", "发布日期", "Date of publication."),
        FieldSpec("source_url", "string", "来源网址", "Where the report was published."),
        FieldSpec("source_retrieved", "string", "获取时间", "When it was retrieved (ISO 8601)."),
        FieldSpec("source_sha256", "string", "文件摘要", "SHA-256 of the source file.",
                  {"pattern": "^[0-9a-f]{64}$"}),
        FieldSpec("source_media_type", "string", "文件类型", "Media type of the source file."),
        FieldSpec("components", "string", "组成报告",
                  "For an aggregate report: the report ids it was compiled from, separated by spaces."),
    ),
    primary_key=("report_id",),
    foreign_keys=(
        _codelist_fk("edition", "edition"),
        _codelist_fk("scope", "scope"),
        _codelist_fk("issuer_level", "issuer_level"),
        _codelist_fk("issuer_kind", "issuer_kind"),
    ),
)

NARRATIVE = ResourceSpec(
    name="narrative",
    path="data/narrative.csv",
    title="正文",
    description="The report's text by section.",
    fields=(
        _REPORT_ID,
        FieldSpec("section", "string", "章节", "Narrative section.",
                  {"required": True, "enum": list(narrative_sections())}),
        FieldSpec("text", "string", "文本", "The section's text, as published."),
    ),
    primary_key=("report_id", "section"),
    foreign_keys=_TO_REPORTS,
)

EXTENSIONS = ResourceSpec(
    name="extensions",
    path="data/extensions.csv",
    title="扩展行",
    description="Rows outside the national template, by name; values as a JSON object.",
    fields=(
        _REPORT_ID,
        FieldSpec("name", "string", "名称", "The extension's name.", {"required": True}),
        FieldSpec("label", "string", "行名称", "Its label as printed.", {"required": True}),
        FieldSpec("label_en", "string", "英文名称", "English label."),
        FieldSpec("table", "string", "所在表", "The official table it was printed in."),
        FieldSpec("values", "string", "数值", "Column → value, as a JSON object; empty when none."),
    ),
    primary_key=("report_id", "name"),
    foreign_keys=_TO_REPORTS,
)

_CODE_FIELDS = (
    FieldSpec("code", "string", "代码", "", {"required": True, "unique": True}),
    FieldSpec("label_zh", "string", "中文名称"),
    FieldSpec("label_en", "string", "English label"),
    FieldSpec("description", "string", "说明"),
)


def _codelist_resource(name: str, title: str) -> ResourceSpec:
    return ResourceSpec(
        name=f"codelist_{name}", path=f"codelists/{name}.csv", title=title,
        description=f"Codelist {name}.", fields=_CODE_FIELDS, primary_key=("code",),
    )


def codelists() -> dict[str, Codelist | None]:
    """Name → codelist; None for the ones built from the editions (edition, rows, columns)."""
    return {"issuer_level": ISSUER_LEVEL, "issuer_kind": ISSUER_KIND, "scope": SCOPE, "edition": None}


CODELIST_ROWS = ResourceSpec(
    name="codelist_rows", path="codelists/rows.csv", title="行代码",
    description="Every row of every edition's tables.",
    fields=(
        FieldSpec("edition", "string", "版式", "", {"required": True}),
        FieldSpec("resource", "string", "资源", "The table resource.", {"required": True}),
        FieldSpec("code", "string", "行编号", "row_id in the table resource.", {"required": True}),
        FieldSpec("label_zh", "string", "中文名称"),
        FieldSpec("label_en", "string", "English label"),
        FieldSpec("description", "string", "说明", "Headings the row sits under."),
    ),
    primary_key=("resource", "code"),
)

CODELIST_COLUMNS = ResourceSpec(
    name="codelist_columns", path="codelists/columns.csv", title="列代码",
    description="Every column of every edition's tables (e.g. the applicant columns).",
    fields=(
        FieldSpec("edition", "string", "版式", "", {"required": True}),
        FieldSpec("resource", "string", "资源", "The table resource.", {"required": True}),
        FieldSpec("code", "string", "列名", "Column name in the table resource.", {"required": True}),
        FieldSpec("label_zh", "string", "中文名称"),
        FieldSpec("label_en", "string", "English label"),
        FieldSpec("description", "string", "说明", "Unit and kind."),
    ),
    primary_key=("resource", "code"),
)


@cache
def edition_resources(code: str) -> tuple[ResourceSpec, ...]:
    edition = get_edition(code)
    return tuple(table_resource(edition, table) for table in edition.tables)


def codelist_resources() -> tuple[ResourceSpec, ...]:
    titles = {"issuer_level": "机关层级", "issuer_kind": "机关类别", "scope": "报告范围",
              "edition": "版式"}
    return (*(_codelist_resource(name, titles[name]) for name in codelists()),
            CODELIST_ROWS, CODELIST_COLUMNS)


def codelist_rows() -> dict[str, list[list[str]]]:
    """Resource name → CSV rows (without header) of every codelist resource."""
    result: dict[str, list[list[str]]] = {}
    for name, codelist in codelists().items():
        if codelist is not None:
            result[f"codelist_{name}"] = [
                [c.code, c.label_zh, c.label_en, c.description_en] for c in codelist.codes
            ]
    result["codelist_edition"] = [
        [e.code, e.title_zh, e.title_en, f"{e.instrument_zh}; report years {e.report_years}"]
        for e in (get_edition(code) for code in EDITION_CODES)
    ]
    rows: list[list[str]] = []
    columns: list[list[str]] = []
    for code in EDITION_CODES:
        edition = get_edition(code)
        for table in edition.tables:
            resource = table_resource_name(edition, table)
            seen: set[str] = set()
            for row in table.rows:
                heads = " › ".join(g.label_zh for g in table.groups_of(row))
                rows.append([code, resource, row.key, row.label_zh, row.label_en, heads])
                for column in row.columns:
                    name = value_column_name(column)
                    if name not in seen:
                        seen.add(name)
                        columns.append([code, resource, name, column.label_zh, column.label_en,
                                        f"{column.unit}; {column.kind.value}"])
    result["codelist_rows"] = rows
    result["codelist_columns"] = columns
    return result


def all_resources(editions: tuple[str, ...]) -> tuple[ResourceSpec, ...]:
    """The resources of a package holding reports of ``editions``, in descriptor order."""
    tables = tuple(spec for code in EDITION_CODES if code in editions for spec in edition_resources(code))
    return (REPORTS, *tables, NARRATIVE, EXTENSIONS, *codelist_resources())
