"""The standard's reference pages (Markdown), generated from its definitions.

``docs/reference/`` holds the output of :func:`build_pages`; a test fails when a
page there is stale. Regenerate with::

    python -m opengovreport.reference
"""

from __future__ import annotations

import sys
from pathlib import Path

from .comparison import INDICATORS, Formula, Unavailable
from .editions import EDITION_CODES, Edition, get_edition
from .editions.codelists import ISSUER_KIND, ISSUER_LEVEL, SCOPE, Codelist
from .rules import RULES
from .validation import SCHEMA_CODES

GENERATED = "<!-- 本页由 `python -m opengovreport.reference` 生成，请勿手改 / generated, do not edit -->\n\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def edition_page(edition: Edition) -> str:
    lines = [
        GENERATED,
        f"# {edition.code} 版式 / Edition {edition.code}",
        "",
        f"{edition.instrument_zh}《{edition.title_zh}》",
        "",
        f"*{edition.title_en}.* 适用报告年度 / report years: {edition.report_years}. "
        f"单元格 / cells: {len(edition.cells)}.",
        "",
        "单元格编号即报告文档中的 JSON 路径（如 `a.b.c` 即 `/a/b/c`）。"
        "A cell id is its JSON path in a report document.",
        "",
    ]
    for table in edition.tables:
        optional = "（可选 / optional）" if table.optional else ""
        lines += [f"## {table.number_zh} {table.title_zh}{optional}", "", f"*{table.title_en}*", ""]
        if table.printed_rule_zh:
            lines += [f"> {table.printed_rule_zh}", ""]
        lines += ["| 行 / row | 列 / column | 编号 / id | 单位 / unit | 类型 / kind |",
                  "|---|---|---|---|---|"]
        for row in table.rows:
            heads = "".join(g.label_zh + " › " for g in table.groups_of(row))
            for column in row.columns:
                cell_id = ".".join(p for p in (table.key, row.key, column.key) if p)
                column_text = (f"{column.label_zh}<br>*{column.label_en}*" if column.key else "")
                lines.append(
                    f"| {_cell(heads + row.label_zh)}<br>*{_cell(row.label_en)}* | {_cell(column_text)} "
                    f"| `{cell_id}` | {column.unit} | {column.kind.value} |"
                )
        lines.append("")
    lines += ["## 正文 / Narrative", "", "| 编号 / key | 章节 / section |", "|---|---|"]
    lines += [f"| `narrative.{s.key}` | {s.label_zh} / {s.label_en} |" for s in edition.narrative_sections]
    lines.append("")
    return "\n".join(lines)


def rules_page() -> str:
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
        "| 编码 / code | 级别 / severity | 版式 / editions | 规则 / rule |",
        "|---|---|---|---|",
    ]
    for rule in RULES:
        lines.append(f"| [`{rule.code}`](#{rule.code.lower()}) | {rule.severity.value} | "
                     f"{', '.join(rule.editions)} | {_cell(rule.title_zh)} / {_cell(rule.title_en)} |")
    lines.append("")
    for rule in RULES:
        lines += [
            f"## {rule.code}",
            "",
            f"**{rule.title_zh}** / *{rule.title_en}*",
            "",
            f"- 级别 / severity: `{rule.severity.value}`",
            f"- 版式 / editions: {', '.join(rule.editions)}",
            f"- 公式: {rule.formula_zh}",
            f"- Formula: {rule.formula_en}",
            f"- 消息模板 / message (zh): {rule.fail_zh}",
            f"- Message template (en): {rule.fail_en}",
            "",
        ]
    lines += ["## 结构校验 / Schema checks", "",
              "JSON Schema 错误同样作为 `error` 级发现项报告。Schema errors are reported as `error` findings.",
              "", "| 编码 / code | JSON Schema 关键字 / keyword |", "|---|---|"]
    lines += [f"| `{code}` | `{keyword}` |" for keyword, code in SCHEMA_CODES.items()]
    lines.append("")
    return "\n".join(lines)


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
    lines = [GENERATED, "# 代码表 / Codelists", ""]
    lists: tuple[tuple[str, Codelist], ...] = (
        ("issuer.level", ISSUER_LEVEL), ("issuer.kind", ISSUER_KIND), ("scope", SCOPE),
    )
    for path, codelist in lists:
        lines += [f"## `{path}`", "", "| 代码 / code | 中文 | English | description |", "|---|---|---|---|"]
        lines += [f"| `{c.code}` | {c.label_zh} | {c.label_en} | {_cell(c.description_en)} |"
                  for c in codelist.codes]
        lines.append("")
    lines += ["## `edition`", "", "| 代码 / code | 文件 / instrument | 名称 / title |", "|---|---|---|"]
    for code in EDITION_CODES:
        edition = get_edition(code)
        lines.append(f"| `{code}` | {edition.instrument_zh} | {edition.title_zh} / {edition.title_en} |")
    lines.append("")
    return "\n".join(lines)


def build_pages() -> dict[str, str]:
    """File name (under docs/reference/) → Markdown text."""
    pages = {f"edition-{code}.md": edition_page(get_edition(code)) for code in EDITION_CODES}
    pages["rules.md"] = rules_page()
    pages["indicators.md"] = indicators_page()
    pages["codelists.md"] = codelists_page()
    return pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    target = root / "docs" / "reference"
    target.mkdir(parents=True, exist_ok=True)
    for name, text in build_pages().items():
        (target / name).write_text(text, encoding="utf-8")
        print(target.relative_to(root) / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
