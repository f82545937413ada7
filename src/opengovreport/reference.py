"""The standard's reference pages (Markdown), generated from its definitions.

``docs/reference/`` holds the output of :func:`build_pages`; a test fails when a
page there is stale. The pages are built from the edition definitions, the rules
(within a report and across reports), the codelists and the data package layout;
their examples come from the shipped data (``examples/``, ``datapackages/``) and
from the validation fixtures listed in ``tests/fixtures/expected_findings.csv``,
so they need a checkout of the repository. Regenerate with::

    python -m opengovreport.reference
"""

from __future__ import annotations

import csv
import decimal
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from .collection import COLLECTION_RULES, CollectionRule, aggregate, check_collection
from .comparison import INDICATORS, Formula, Unavailable
from .editions import EDITION_CODES, Edition, Table, get_edition
from .editions.definition import Row
from .editions.codelists import ISSUER_KIND, ISSUER_LEVEL, SCOPE, Codelist
from .findings import Finding
from .rules.base import RuleDeclaration
from .io import dumps
from .model import Issuer, Report
from .package.layout import (
    PROFILE_URL,
    FieldSpec,
    ResourceSpec,
    all_resources,
    codelist_resources,
    edition_resources,
    table_resource_name,
    value_column_name,
)
from .rules import RULES, rules_for
from .validation import SCHEMA_CODES, validate
from .version import STANDARD_VERSION

GENERATED = "<!-- 本页由 `python -m opengovreport.reference` 生成，请勿手改 / generated, do not edit -->\n\n"

FIXTURES = Path("tests") / "fixtures"
EXPECTED_FINDINGS = FIXTURES / "expected_findings.csv"
EXAMPLES = Path("examples")
PACKAGES = Path("datapackages")


def default_root() -> Path:
    """The repository this module sits in (an editable install), else the working directory."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / EXPECTED_FINDINGS).is_file() else Path.cwd()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _json_text(value: Any) -> str:
    """A JSON value as it is written in a document (decimals as printed)."""
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {_json_text(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_json_text(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=decimal.Decimal)


def _table_heading(table: Table) -> str:
    # Titles of 2019/2021 already begin with their number (二、…); 2014's (附件1) do not.
    title = table.title_zh if table.title_zh.startswith(table.number_zh) else (
        f"{table.number_zh} {table.title_zh}")
    return title + ("（可选 / optional）" if table.optional else "")


# ---------------------------------------------------------------- the shipped data

@dataclass(frozen=True)
class Sources:
    """What the pages quote: the repository's example documents, packages and fixtures."""

    root: Path

    def examples(self) -> dict[str, Path]:
        """Document id → example file."""
        result = {}
        for path in sorted((self.root / EXAMPLES).glob("*.json")):
            document = _read_json(path)
            result[str(document.get("id") or path.stem)] = path
        return result

    def example_of(self, edition: str) -> Path:
        """The earliest shipped example document of an edition."""
        candidates = [(int(_read_json(p)["year"]), p) for p in self.examples().values()
                      if _read_json(p).get("edition") == edition]
        return min(candidates)[1]

    def fixture_rows(self) -> list[dict[str, str]]:
        with (self.root / EXPECTED_FINDINGS).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _leaves(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{pointer}/{key}")
    else:
        yield pointer, value


_ABSENT = object()


def changed_members(before: Any, after: Any) -> list[tuple[str, Any, Any]]:
    """(JSON Pointer, value before, value after) of every leaf that differs; _ABSENT where missing."""
    old, new = dict(_leaves(before)), dict(_leaves(after))
    pointers = list(old) + [p for p in new if p not in old]
    return [(p, old.get(p, _ABSENT), new.get(p, _ABSENT)) for p in pointers
            if old.get(p, _ABSENT) != new.get(p, _ABSENT)
            or type(old.get(p, _ABSENT)) is not type(new.get(p, _ABSENT))]


def _shown(value: Any) -> str:
    if value is _ABSENT:
        return "（无 / absent）"
    if value is None:
        return "`null`（空白 / blank）"
    return f"`{_json_text(value)}`"


def _member_label(edition: Edition, pointer: str) -> str:
    cell_id = pointer.strip("/").replace("/", ".")
    try:
        cell = edition.cell(cell_id)
    except KeyError:
        return "—"
    return f"{cell.label_zh}<br>*{cell.label_en}*"


@dataclass(frozen=True)
class Example:
    """A failing example: which fixture, what was changed in which shipped report, what it gives."""

    fixture: str
    base: str
    changes: tuple[tuple[str, Any, Any], ...]
    finding: Finding
    edition: Edition


def fixture_examples(sources: Sources) -> dict[str, list[Example]]:
    """Code → one example per edition, from the first invalid fixture listed for that code."""
    examples: dict[str, list[Example]] = {}
    bases = sources.examples()
    seen: set[tuple[str, str]] = set()
    for row in sources.fixture_rows():
        name, code, severity, pointer = row["file"], row["code"], row["severity"], row["pointer"]
        if "/invalid/" not in name or not code or severity == "info":
            continue
        edition_code = name.split("/")[0]
        if (code, edition_code) in seen:
            continue
        seen.add((code, edition_code))
        path = sources.root / FIXTURES / name
        document = _read_json(path)
        base_path = bases[str(document["id"])]
        findings = validate(document, file=name).findings
        finding = next((f for f in findings if f.code == code and f.severity.value == severity
                        and f.pointers[0] == pointer), None)
        if finding is None:
            raise AssertionError(f"{name} does not give {code} {severity} at {pointer}")
        examples.setdefault(code, []).append(Example(
            fixture=sources.rel(path), base=sources.rel(base_path),
            changes=tuple(changed_members(_read_json(base_path), document)),
            finding=finding, edition=get_edition(edition_code),
        ))
    return examples


def _finding_lines(finding: Finding) -> list[str]:
    return [
        f"- 发现项 / finding: `{finding.code}` `{finding.severity.value}` at `{finding.pointers[0]}`",
        f"- 中文消息：{finding.message_zh}",
        f"- Message: {finding.message_en}",
    ]


def example_lines(example: Example) -> list[str]:
    lines = [
        f"**示例 / Example（{example.edition.code}）**：`{example.fixture}`，即随附报告 "
        f"`{example.base}` 改动如下 / the shipped report with these changes:",
        "",
        "| 位置 / pointer | 单元格 / cell | 原值 / was | 改为 / now |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{pointer}` | {_member_label(example.edition, pointer)} | {_cell(_shown(before))} "
              f"| {_cell(_shown(after))} |" for pointer, before, after in example.changes]
    lines += ["", *_finding_lines(example.finding), ""]
    return lines


# ---------------------------------------------------------------- rules across reports

@dataclass(frozen=True)
class CollectionExample:
    description_zh: str
    description_en: str
    changes: tuple[tuple[str, str, Any, Any], ...]
    """(report id, pointer, before, after)."""
    findings: tuple[Finding, ...]
    edition: Edition


def _load(path: Path) -> Report:
    return Report.from_dict(_read_json(path))


def _collection_example(code: str, zh: str, en: str, base: Sequence[tuple[str, Report]],
                        changes: dict[str, dict[str, Any]] | None = None,
                        added: Sequence[tuple[str, Report]] = ()) -> CollectionExample:
    """The findings of ``code`` that ``changes`` (and ``added`` reports) bring to the ``base`` reports.

    Without changes, the findings of ``code`` the base reports have as shipped.
    """
    changes = changes or {}
    before = check_collection(base)
    items = [(rid, r.with_cells(changes[rid]) if rid in changes else r) for rid, r in base] + list(added)
    if changes or added:
        known = {(f.code, f.pointers) for f in before}
        findings = [f for f in check_collection(items) if (f.code, f.pointers) not in known]
    else:
        findings = [f for f in before if f.code == code]
    if not findings or any(f.code != code for f in findings):
        raise AssertionError(f"the example of {code} gives {[f.code for f in findings]}")
    reports = dict(base)
    shown = tuple((rid, "/" + cid.replace(".", "/"), reports[rid].cell(cid), value)
                  for rid, cells in changes.items() for cid, value in cells.items())
    return CollectionExample(zh, en, shown, tuple(findings), reports[base[0][0]].definition)


def collection_examples(sources: Sources) -> dict[str, CollectionExample]:
    """Code → an example built from the shipped Pingtan reports."""
    examples = sources.examples()
    r2023, r2024 = _load(examples["pingtan-2023"]), _load(examples["pingtan-2024"])
    pair = [("pingtan-2023", r2023), ("pingtan-2024", r2024)]
    carried = "applications.carried_over.natural_person"
    total_id = "pingtan-2024-aggregate"
    total = aggregate([r2024], issuer=Issuer(name="汇总示例", level="prefectural", kind="other"),
                      report_id=total_id)
    received = "applications.new_received.natural_person"
    return {
        "X-DUPLICATE": _collection_example(
            "X-DUPLICATE",
            "同一份 `pingtan-2023` 以另一编号 `pingtan-2023-copy` 再次放入集合。",
            "The same report `pingtan-2023` is added again under the id `pingtan-2023-copy`.",
            [("pingtan-2023", r2023)], added=[("pingtan-2023-copy", r2023)],
        ),
        "X-CARRY": _collection_example(
            "X-CARRY",
            "随附的 `pingtan-2023` 与 `pingtan-2024`，改动后者的一个单元格（只列出改动带来的发现项）。",
            "The shipped `pingtan-2023` and `pingtan-2024`, one cell of the latter changed (only the findings "
            "the change brings are listed).",
            pair, {"pingtan-2024": {carried: r2024.cell(carried) + 1}},
        ),
        "X-STOCK": _collection_example(
            "X-STOCK",
            "随附的 `pingtan-2023` 与 `pingtan-2024`，未作改动：随附数据本身即有此警告。",
            "The shipped `pingtan-2023` and `pingtan-2024`, unchanged: the shipped data has this warning.",
            pair,
        ),
        "X-AGGREGATE": _collection_example(
            "X-AGGREGATE",
            f"`{total_id}`（发布机关“汇总示例”）是 `aggregate([pingtan-2024])` 得出的汇总报告，唯一的组成报告是 "
            "`pingtan-2024`；再改动它的一个单元格。",
            f"`{total_id}` (issuer “汇总示例”, an example aggregate) is `aggregate([pingtan-2024])`, whose "
            "one component is `pingtan-2024`, with one of its cells changed.",
            [("pingtan-2024", r2024), (total_id, total)], {total_id: {received: total.cell(received) + 1}},
        ),
    }


def rule_heading(rule: RuleDeclaration) -> list[str]:
    """A rule's heading, title and declaration (code, severity, editions, formula)."""
    return [
        f"### {rule.code}",
        "",
        f"**{rule.title_zh}** / *{rule.title_en}*",
        "",
        f"- 级别 / severity: `{rule.severity.value}`",
        f"- 版式 / editions: {', '.join(rule.editions)}",
        f"- 公式: {rule.formula_zh}",
        f"- Formula: {rule.formula_en}",
    ]


def collection_rule_lines(rule: CollectionRule, example: CollectionExample | None) -> list[str]:
    lines = [*rule_heading(rule), ""]
    if example is None:
        return lines
    lines += [f"**示例 / Example**：{example.description_zh} *{example.description_en}*", ""]
    if example.changes:
        lines += ["| 报告 / report | 位置 / pointer | 单元格 / cell | 原值 / was | 改为 / now |",
                  "|---|---|---|---|---|"]
        lines += [f"| `{report_id}` | `{pointer}` | {_member_label(example.edition, pointer)} "
                  f"| {_shown(before)} | {_shown(after)} |"
                  for report_id, pointer, before, after in example.changes]
        lines.append("")
    for finding in example.findings:
        lines += [*_finding_lines(finding), ""]
    return lines


# ---------------------------------------------------------------- editions

def _grid_blocks(table: Table) -> list[tuple[str, list[Row]]]:
    """The table as printed: blocks of rows under one header (2019/2021 table 二 has several).

    A table whose rows hold one value each (2014) is one block, its printed headings rows of it.
    """
    single = all(not c.key for row in table.rows for c in row.columns)
    blocks: list[tuple[str, list[Row]]] = []
    section, signature = "", None
    for row in table.rows:
        row_signature = tuple(c.key for c in row.columns)
        new_section = bool(row.section_zh) and row.section_zh != section and not single
        if not blocks or row_signature != signature or new_section:
            blocks.append((row.section_zh if new_section else "", []))
            signature = row_signature
        if row.section_zh:
            section = row.section_zh
        blocks[-1][1].append(row)
    return blocks


def printed_layout(table: Table) -> list[str]:
    """Markdown tables of ``table`` as printed: its rows, headings and columns, with their ids."""
    lines: list[str] = []
    single = all(not c.key for row in table.rows for c in row.columns)
    shown_groups: set[str] = set()
    section = ""
    for block_section, rows in _grid_blocks(table):
        if block_section:
            lines += [f"**{block_section}**", ""]
        columns = [] if single else list(rows[0].columns)
        head = ["行 / row", "`row_id`"]
        head += ["单位 / unit"] if single else [f"{c.label_zh}<br>`{c.key}`" for c in columns]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        empty = " |" * (len(head) - 1)
        for row in rows:
            groups = table.groups_of(row)
            for depth, group in enumerate(groups):
                if group.key not in shown_groups:
                    shown_groups.add(group.key)
                    indent = "　" * depth
                    lines.append(f"| {indent}**{_cell(group.label_zh)}**<br>{indent}*{_cell(group.label_en)}* |"
                                 + empty)
            indent = "　" * len(groups)
            if single and row.section_zh and row.section_zh != section:
                lines.append(f"| {indent}**{_cell(row.section_zh)}** |" + empty)
            if row.section_zh:
                section = row.section_zh
            cells = [row.columns[0].unit] if single else [c.unit for c in row.columns]
            lines.append(f"| {indent}{_cell(row.label_zh)}<br>{indent}*{_cell(row.label_en)}* "
                         f"| `{row.key}` | " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _csv_place_text(table: Table, resource: str) -> str:
    columns = {value_column_name(c) for row in table.rows for c in row.columns}
    if columns == {"value"}:
        return (f"数据包中，单元格在 `{resource}` 里 `row_id` 为其行编号的那一行的 `value` 列。"
                f"In a data package a cell is in column `value` of the line of `{resource}` whose `row_id` is its row.")
    return (f"数据包中，单元格在 `{resource}` 里 `row_id` 为其行编号的那一行、以其列编号为名的那一列。"
            f"In a data package a cell is in the line of `{resource}` whose `row_id` is its row, in the column "
            "named by its column key.")


def _example_document(path: Path, edition: Edition) -> str:
    """The example document with long texts cut and only its smallest table kept."""
    document = _read_json(path)
    tables = [t.key for t in edition.tables if t.key and t.key in document]
    smallest = min(tables, key=lambda k: sum(1 for _ in _leaves(document[k])))
    trimmed: dict[str, Any] = {}
    table_members = {c.id.split(".")[0] for c in edition.cells}
    for key, value in document.items():
        if key == "narrative":
            trimmed[key] = {k: (v[:24] + "…" if isinstance(v, str) and len(v) > 24 else v)
                            for k, v in value.items()}
        elif key in table_members and key != smallest:
            continue
        else:
            trimmed[key] = value
    return dumps(trimmed).rstrip("\n")


def edition_page(edition: Edition, sources: Sources) -> str:
    example = sources.example_of(edition.code)
    lines = [
        GENERATED,
        f"# {edition.code} 版式 / Edition {edition.code}",
        "",
        f"{edition.instrument_zh}《{edition.title_zh}》",
        "",
        f"*{edition.title_en}.* 适用报告年度 / report years: {edition.report_years}. "
        f"单元格 / cells: {len(edition.cells)}. JSON Schema: `report-{edition.code}.schema.json`"
        f"（`opengovreport schema --edition {edition.code}`）.",
        "",
        "单元格编号即报告文档中的 JSON 路径：编号 `a.b.c` 的数写在 JSON Pointer `/a/b/c` 处；编号由表、行、列三段组成"
        "（表编号 + `row_id` + 列名），数据包中的 CSV 用同样的 `row_id` 和列名。空白单元格写 `null`，印出的 0 写 `0`。",
        "",
        "A cell id is its JSON path in a report document: cell `a.b.c` is at JSON Pointer `/a/b/c`. It is made "
        "of the table key, the row id and the column key; a data package's CSV tables use the same row ids and "
        "column names. A blank cell is `null`, a printed zero `0`.",
        "",
        "## 适用规则 / Rules",
        "",
        " · ".join(f"[`{rule.code}`](rules.md#{rule.code.lower()})" for rule in rules_for(edition))
        + " · " + " · ".join(f"[`{rule.code}`](rules.md#{rule.code.lower()})"
                            for rule in COLLECTION_RULES if edition.code in rule.editions),
        "",
        "## 示例文档 / Example document",
        "",
        f"随附的 `{sources.rel(example)}`（正文截短，只留一张表）/ the shipped document, texts cut short, "
        "one table kept:",
        "",
        "```json",
        _example_document(example, edition),
        "```",
        "",
    ]
    for table in edition.tables:
        resource = table_resource_name(edition, table)
        lines += [f"## {_table_heading(table)}", "", f"*{table.title_en}*", ""]
        if table.printed_rule_zh:
            lines += [f"> {table.printed_rule_zh}", ""]
        where = (f"JSON: `/{table.key}/…`；" if table.key else "JSON: 文档顶层 / top level；")
        lines += [f"{where}数据包资源 / package resource: [`{resource}`](package.md#{resource}) "
                  f"(`data/{edition.code}/{table.resource_name}.csv`)", "",
                  "### 印出的样式 / As printed", ""]
        lines += printed_layout(table)
        lines += ["### 单元格 / Cells", "",
                  _csv_place_text(table, resource), "",
                  "| 编号 / id | JSON Pointer | 名称 / label | 单位 · 类型 / unit · kind |",
                  "|---|---|---|---|"]
        for cell in (c for c in edition.cells if c.table is table):
            lines.append(f"| `{cell.id}` | `{cell.pointer}` | {_cell(cell.label_zh)}<br>*{_cell(cell.label_en)}* "
                         f"| {cell.unit} · {cell.kind.value} |")
        lines.append("")
    lines += ["## 正文 / Narrative", "", "| 编号 / key | 章节 / section |", "|---|---|"]
    lines += [f"| `narrative.{s.key}` | {s.label_zh} / {s.label_en} |" for s in edition.narrative_sections]
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- rules

def rules_page(sources: Sources) -> str:
    examples = fixture_examples(sources)
    across = collection_examples(sources)
    lines = [
        GENERATED,
        "# 规则 / Rules",
        "",
        "每条规则有稳定的编码；编码永不改作他义。遇到空白单元格：只有当空白无论取何非负值都不能使规则成立时才判为失败；"
        "所有单元格都有数且成立才算通过；否则报告为 `info`（无法核对），并说明若空白按 0 计是否成立。",
        "",
        "Every rule has a stable code, never reused for another meaning. With blank operands a rule fails "
        "only when no non-negative values of the blanks could make it hold, passes only when every operand "
        "is printed and it holds, and is otherwise reported as `info` (not checkable).",
        "",
        "每条规则的示例取自 `tests/fixtures/` 中为它准备的无效样例：随附的真实报告改动几个单元格，恰好违反这一条规则；"
        "下面列出改动和库给出的发现项。Each example is the rule's invalid fixture: a shipped report with a few "
        "cells changed so that it breaks exactly this rule, and the finding the library gives.",
        "",
        "| 编码 / code | 级别 / severity | 版式 / editions | 规则 / rule |",
        "|---|---|---|---|",
    ]
    for rule in (*RULES, *COLLECTION_RULES):
        lines.append(f"| [`{rule.code}`](#{rule.code.lower()}) | {rule.severity.value} | "
                     f"{', '.join(rule.editions)} | {_cell(rule.title_zh)} / {_cell(rule.title_en)} |")
    lines += ["", "## 单份报告内的规则 / Rules within a report", ""]
    for rule in RULES:
        lines += [
            *rule_heading(rule),
            f"- 消息模板 / message (zh): {rule.fail_zh}",
            f"- Message template (en): {rule.fail_en}",
            "",
        ]
        for example in examples.get(rule.code, []):
            lines += example_lines(example)
    lines += [
        "## 跨报告规则 / Rules across reports", "",
        "`opengovreport validate` 校验数据包时，以及 `opengovreport.check_collection()`，对一组报告检查下列规则；"
        "发现项的位置写作 `/reports/<报告编号>/<单元格路径>`。示例取自随附的平潭综合实验区报告。",
        "",
        "These rules look at a collection of reports (a data package, or `opengovreport.check_collection()`); "
        "their findings point at `/reports/<report id>/<cell pointer>`. The examples use the shipped Pingtan "
        "reports.",
        "",
    ]
    for rule in COLLECTION_RULES:
        lines += collection_rule_lines(rule, across.get(rule.code))
    lines += ["## 结构校验 / Schema checks", "",
              "JSON Schema 错误同样作为 `error` 级发现项报告。Schema errors are reported as `error` findings.",
              "", "| 编码 / code | JSON Schema 关键字 / keyword |", "|---|---|"]
    lines += [f"| [`{code}`](#{code.lower()}) | `{keyword}` |" for keyword, code in SCHEMA_CODES.items()]
    lines.append("")
    for code in SCHEMA_CODES.values():
        lines += [f"### {code}", ""]
        shown = examples.get(code, [])
        if not shown:
            lines += ["（无样例 / no fixture）", ""]
        for example in shown:
            lines += example_lines(example)
    return "\n".join(lines)


# ---------------------------------------------------------------- data packages

def _constraints_text(spec: FieldSpec) -> str:
    parts = []
    for key, value in spec.constraints.items():
        if key == "enum" and isinstance(value, list) and len(value) > 8:
            parts.append(f"enum: {len(value)} 个值 / values")
        elif key == "enum":
            parts.append("enum: " + ", ".join(f"`{v}`" for v in value))
        elif isinstance(value, bool):
            parts.append(key if value else f"{key}: false")
        else:
            parts.append(f"{key}: `{value}`")
    return "; ".join(parts)


def resource_lines(spec: ResourceSpec) -> list[str]:
    lines = [
        f"### `{spec.name}`",
        "",
        f"**{spec.title}** — {spec.description}",
        "",
        f"- 路径 / path: `{spec.path}`",
        f"- 主键 / primary key: " + ", ".join(f"`{f}`" for f in spec.primary_key),
    ]
    for fields, resource, reference in spec.foreign_keys:
        lines.append(f"- 外键 / foreign key: ({', '.join(fields)}) → `{resource}` ({', '.join(reference)})")
    if spec.table is not None and spec.edition is not None:
        lines.append(f"- 表格 / table: [{spec.edition} 版式 {_table_heading(spec.table)}]"
                     f"(edition-{spec.edition}.md)")
    lines += ["", "| 列 / column | 类型 / type | 名称 / title | 说明 / description | 约束 / constraints |",
              "|---|---|---|---|---|"]
    lines += [f"| `{f.name}` | {f.type} | {_cell(f.title)} | {_cell(f.description)} | {_cell(_constraints_text(f))} |"
              for f in spec.fields]
    lines.append("")
    return lines


def _csv_head(path: Path, rows: int) -> str:
    with path.open(encoding="utf-8") as handle:  # universal newlines: the CSV has \r\n
        return "".join(line for _, line in zip(range(rows + 1), handle)).rstrip("\n")


def package_page(sources: Sources) -> str:
    pingtan = sources.root / PACKAGES / "pingtan"
    descriptor = _read_json(pingtan / "datapackage.json")
    editions_in = tuple(dict.fromkeys(r["edition"] for r in csv.DictReader(
        (pingtan / "data" / "reports.csv").open(encoding="utf-8", newline=""))))
    lines = [
        GENERATED,
        "# 数据包 / Data packages",
        "",
        "多份报告以 Frictionless Data Package（v2）发布：`datapackage.json` 加若干 CSV 资源。每张官方表格按版式各成一个资源，"
        "行是印出的行（`row_id`），列是印出的列；`reports` 资源每份报告一行；代码表随包附带。数据包中有哪些表格资源，"
        "取决于其中报告的版式。",
        "",
        "Many reports travel as a Frictionless Data Package (v2): a `datapackage.json` and CSV resources. Each "
        "official table of each edition is one resource whose rows are the printed rows (`row_id`) and whose "
        "columns are the printed columns; `reports` has one row per report; the codelists travel with the "
        "package. Which table resources a package has depends on the editions of its reports.",
        "",
        "## `datapackage.json`",
        "",
        "除 Data Package v2 的要求外，描述文件须以 `opengovreport` 属性声明所遵循的标准版本和配置文件（profile），"
        "并声明语言 / Besides Data Package v2, the descriptor declares the standard version and profile it follows:",
        "",
        "```json",
        json.dumps({"opengovreport": {"standard": STANDARD_VERSION, "profile": PROFILE_URL}},
                   ensure_ascii=False, indent=2),
        "```",
        "",
        f"随附的 `{sources.rel(pingtan)}`（{_cell(str(descriptor.get('title', '')))}）有以下资源 / "
        "the shipped package has these resources:",
        "",
        " · ".join(f"`{r['name']}`" for r in descriptor["resources"]),
        "",
        f"即 `all_resources({editions_in!r})`。其 `data/2021/applications.csv` 开头几行 / its first lines:",
        "",
        "```text",
        _csv_head(pingtan / "data" / "2021" / "applications.csv", 3),
        "```",
        "",
        "CSV 中空单元格表示印出的空白（`null`），`0` 是印出的零。An empty CSV cell is a printed blank (`null`); "
        "`0` is a printed zero.",
        "",
        "## 通用资源 / Resources of every package",
        "",
    ]
    common = all_resources(())
    for spec in common:
        if spec.name.startswith("codelist_"):
            continue
        lines += resource_lines(spec)
    for code in EDITION_CODES:
        edition = get_edition(code)
        lines += [f"## {code} 版式的表格资源 / Table resources of edition {code}", "",
                  f"{edition.instrument_zh}《{edition.title_zh}》；报告年度 / report years {edition.report_years}.", ""]
        for spec in edition_resources(code):
            lines += resource_lines(spec)
    lines += ["## 代码表资源 / Codelist resources", "",
              "代码表内容见 [代码表 / codelists](codelists.md)。The codes are listed on the codelists page.", ""]
    for spec in codelist_resources():
        lines += resource_lines(spec)
    return "\n".join(lines)


# ---------------------------------------------------------------- indicators, codelists

def indicators_page() -> str:
    lines = [
        GENERATED,
        "# 跨版式可比指标 / Indicators comparable across editions",
        "",
        "`opengovreport indicators` 与 `opengovreport.indicators(report)` 计算下列指标。某版式无对应项，或所需单元格为空时，"
        "指标为空（null）并说明原因，从不记为 0。",
        "",
        "These indicators put reports of every edition on one time line. An indicator an edition cannot "
        "supply, or whose cells are blank, is null with the reason, never 0. Formulas add up cells; `*` "
        "stands for one id segment.",
        "",
    ]
    for indicator in INDICATORS:
        lines += [f"## `{indicator.key}` {indicator.label_zh} / {indicator.label_en}", "",
                  indicator.description_en, "", "| 版式 / edition | 公式 / formula | 说明 / note |",
                  "|---|---|---|"]
        for code in EDITION_CODES:
            formula = indicator.formulas[code]
            if isinstance(formula, Unavailable):
                lines.append(f"| {code} | — (null) | {_cell(formula.reason_zh)} {_cell(formula.reason_en)} |")
            else:
                assert isinstance(formula, Formula)
                terms = " + ".join(f"`{t}`" for t in formula.terms)
                lines.append(f"| {code} | {terms} | {_cell(formula.note_zh)} {_cell(formula.note_en)} |")
        lines.append("")
    return "\n".join(lines)


def codelists_page() -> str:
    lines = [GENERATED, "# 代码表 / Codelists", "",
             "数据包中的代码表资源见 [数据包 / data packages](package.md#codelist-resources)。"
             "In a data package the codelists are resources too.", ""]
    lists: tuple[tuple[str, Codelist], ...] = (
        ("issuer.level", ISSUER_LEVEL), ("issuer.kind", ISSUER_KIND), ("scope", SCOPE),
    )
    for path, codelist in lists:
        lines += [f"## `{path}`", "", "| 代码 / code | 中文 | English | description |", "|---|---|---|---|"]
        lines += [f"| `{c.code}` | {c.label_zh} | {c.label_en} | {_cell(c.description_en)} |"
                  for c in codelist.codes]
        lines.append("")
    lines += ["## `edition`", "", "| 代码 / code | 文件 / instrument | 名称 / title | 报告年度 / years |",
              "|---|---|---|---|"]
    for code in EDITION_CODES:
        edition = get_edition(code)
        lines.append(f"| [`{code}`](edition-{code}.md) | {edition.instrument_zh} | "
                     f"{edition.title_zh} / {edition.title_en} | {edition.report_years} |")
    lines.append("")
    return "\n".join(lines)


def build_pages(root: Path | None = None) -> dict[str, str]:
    """File name (under docs/reference/) → Markdown text; ``root`` is the repository."""
    sources = Sources(Path(root) if root is not None else default_root())
    pages = {f"edition-{code}.md": edition_page(get_edition(code), sources) for code in EDITION_CODES}
    pages["rules.md"] = rules_page(sources)
    pages["package.md"] = package_page(sources)
    pages["indicators.md"] = indicators_page()
    pages["codelists.md"] = codelists_page()
    return pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    target = root / "docs" / "reference"
    target.mkdir(parents=True, exist_ok=True)
    for name, text in build_pages(root).items():
        (target / name).write_text(text, encoding="utf-8")
        print(target.relative_to(root) / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
