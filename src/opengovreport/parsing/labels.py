"""Label tables for parsing, generated from the edition definitions.

Every row label, column header, group heading and section heading of an edition
comes from its definition; only the printed variants seen in real reports are
listed here by hand (``KNOWN_VARIANTS``), each with the file it was seen in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..editions import Column, Edition, Row, Table, get_edition
from .normalize import canon

# Printed variants of template labels, as seen in the corpus (canonical label → variants).
KNOWN_VARIANTS: dict[str, tuple[str, ...]] = {
    # 2022_2021_changchun-erdao-fangwuzhengshou-blank-cells: template typos.
    "5.属于三类内部事务信息": ("5.属于三类内容事务信息",),
    "(二)部分公开(区分处理的,只计这一情形,不计其他情形)": (
        "(二)部分公开(区分处理的,只计这一情况,不计其他情形)",
        "(二)部分公开(区分处理的,只计这一情形,不计其他情况)",
    ),
    # 2021_2021_lantian-zrzy: non-standard column headers.
    "本年制发件数": ("本年发件",),
    "现行有效件数": ("现行有效件数(历史累计)", "现行有效件", "历史累计"),
    # 2019 edition headers printed with a break inside (本年新 / 制作数量).
    "本年新制作数量": ("本年新制作数",),
}

# Headings printed around the national tables (not cells).
EXTRA_HEADINGS = (
    "信息内容",
    "申请人情况",
    "法人或其他组织",
    "行政复议",
    "行政诉讼",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、政府信息公开工作存在的主要问题及改进情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "统计指标",
    "统计数",
    "申请来源",
)


def variants(label: str) -> tuple[str, ...]:
    """Canonical forms under which a label may be printed."""
    forms = [canon(label), *(canon(v) for v in KNOWN_VARIANTS.get(canon(label), ()))]
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class RowTarget:
    """A printed row whose values follow its label, in printed order."""

    table: Table
    row: Row | None
    """None for table 四 of editions 2019/2021, whose single data row has no label."""
    labels: tuple[str, ...]
    cells: tuple[tuple[str, Column], ...]
    """(cell id, column) in printed order."""
    constraints: tuple[tuple[int, tuple[int, ...]], ...] = ()
    """(index of a total, indexes of its parts) within the row's cells."""


def _cell_id(table: Table, row: Row, column: Column) -> str:
    return ".".join(p for p in (table.key, row.key, column.key) if p)


@cache
def targets(edition_code: str) -> tuple[RowTarget, ...]:
    edition = get_edition(edition_code)
    result: list[RowTarget] = []
    for table in edition.tables:
        if table.key == "review_litigation":
            cells = tuple((_cell_id(table, row, c), c) for row in table.rows for c in row.columns)
            constraints = []
            offset = 0
            for row in table.rows:
                indexes = list(range(offset, offset + len(row.columns)))
                total = [i for i, c in zip(indexes, row.columns) if c.is_total]
                parts = tuple(i for i, c in zip(indexes, row.columns) if not c.is_total)
                constraints.extend((t, parts) for t in total)
                offset += len(row.columns)
            result.append(RowTarget(table, None, (), cells, tuple(constraints)))
            continue
        for row in table.rows:
            cells = tuple((_cell_id(table, row, c), c) for c in row.columns)
            total = [i for i, c in enumerate(row.columns) if c.is_total]
            parts = tuple(i for i, c in enumerate(row.columns) if not c.is_total and c.summable)
            constraints = tuple((t, parts) for t in total)
            result.append(RowTarget(table, row, variants(row.label_zh), cells, constraints))
    return tuple(result)


@cache
def headings(edition_code: str) -> tuple[str, ...]:
    """Canonical texts that end a row's values: every label and heading of the edition."""
    edition: Edition = get_edition(edition_code)
    texts: list[str] = list(EXTRA_HEADINGS)
    for table in edition.tables:
        texts.append(table.title_zh)
        if table.printed_rule_zh:
            texts.append(f"({table.printed_rule_zh})")
        texts.extend(g.label_zh for g in table.groups)
        for row in table.rows:
            texts.append(row.label_zh)
            if row.section_zh:
                texts.append(row.section_zh)
            texts.extend(c.label_zh for c in row.columns if c.key)
    texts.extend(s.label_zh for s in edition.narrative_sections)
    forms = {form for text in texts for form in variants(text)}
    return tuple(sorted(forms, key=len, reverse=True))
