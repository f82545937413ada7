"""Edition 2019: 国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》."""

from __future__ import annotations

from .common import (
    APPLICANT_COLUMNS,
    NARRATIVE_SECTIONS,
    applications_table,
    review_litigation_table,
)
from .definition import CellKind, Column, Edition, Row, Table

_DOCUMENT_COLUMNS = (
    Column("new_made", "本年新制作数量", "Newly made this year"),
    Column("new_published", "本年新公开数量", "Newly published this year"),
    Column("total_published", "对外公开总数量", "Published in all"),
)
_ITEM_COLUMNS = (
    Column("previous_items", "上一年项目数量", "Items last year"),
    Column("change", "本年增/减", "Change this year", kind=CellKind.SIGNED_COUNT),
    Column("decisions", "处理决定数量", "Decisions"),
)


def build() -> Edition:
    def items(key: str, zh: str, en: str, section: str) -> Row:
        return Row(key, zh, en, _ITEM_COLUMNS, section_zh=section)

    proactive = Table(
        key="proactive",
        number_zh="二",
        title_zh="二、主动公开政府信息情况",
        title_en="II. Information disclosed proactively",
        rows=(
            Row("regulations", "规章", "Regulations (规章)", _DOCUMENT_COLUMNS,
                section_zh="第二十条第（一）项"),
            Row("normative_documents", "规范性文件", "Normative documents", _DOCUMENT_COLUMNS,
                section_zh="第二十条第（一）项"),
            items("licensing", "行政许可", "Administrative licensing", "第二十条第（五）项"),
            items("other_services", "其他对外管理服务事项", "Other external management services",
                  "第二十条第（五）项"),
            items("penalty", "行政处罚", "Administrative penalties", "第二十条第（六）项"),
            items("coercion", "行政强制", "Administrative coercion", "第二十条第（六）项"),
            Row("fees", "行政事业性收费", "Administrative fees", _ITEM_COLUMNS[:2],
                section_zh="第二十条第（八）项"),
            Row(
                "procurement",
                "政府集中采购",
                "Centralized government procurement",
                (
                    Column("projects", "采购项目数量", "Procurement projects"),
                    Column("amount_10k_yuan", "采购总金额", "Total amount (10,000 yuan)",
                           kind=CellKind.MONEY, unit="万元"),
                ),
                section_zh="第二十条第（九）项",
            ),
        ),
    )
    other_processing = (
        Row("outcome.other", "（六）其他处理", "(6) Other handling", APPLICANT_COLUMNS),
    )
    applications = applications_table(other_processing)
    return Edition(
        code="2019",
        title_zh="中华人民共和国政府信息公开工作年度报告格式（试行）",
        title_en="Format of the annual report on government information disclosure (trial, 2019)",
        instrument_zh="国办公开办函〔2019〕60号",
        report_years="2019–2020",
        tables=(proactive, applications, review_litigation_table()),
        narrative_sections=NARRATIVE_SECTIONS,
    )
