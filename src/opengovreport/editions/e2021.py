"""Edition 2021: 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》."""

from __future__ import annotations

from .common import (
    APPLICANT_COLUMNS,
    NARRATIVE_SECTIONS,
    applications_table,
    review_litigation_table,
)
from .definition import CellKind, Column, Edition, Row, Table

_DOCUMENT_COLUMNS = (
    Column("issued", "本年制发件数", "Issued this year"),
    Column("repealed", "本年废止件数", "Repealed this year"),
    Column("in_force", "现行有效件数", "In force"),
)
_DECISIONS = (Column("decisions", "本年处理决定数量", "Decisions this year"),)


def build() -> Edition:
    proactive = Table(
        key="proactive",
        number_zh="二",
        title_zh="二、主动公开政府信息情况",
        title_en="II. Information disclosed proactively",
        rows=(
            Row("regulations", "规章", "Regulations (规章)", _DOCUMENT_COLUMNS,
                section_zh="第二十条第（一）项"),
            Row("normative_documents", "行政规范性文件", "Administrative normative documents",
                _DOCUMENT_COLUMNS, section_zh="第二十条第（一）项"),
            Row("licensing", "行政许可", "Administrative licensing", _DECISIONS,
                section_zh="第二十条第（五）项"),
            Row("penalty", "行政处罚", "Administrative penalties", _DECISIONS,
                section_zh="第二十条第（六）项"),
            Row("coercion", "行政强制", "Administrative coercion", _DECISIONS,
                section_zh="第二十条第（六）项"),
            Row(
                "fees",
                "行政事业性收费",
                "Administrative fees",
                (Column("amount_10k_yuan", "本年收费金额（单位：万元）",
                        "Fees collected this year (10,000 yuan)",
                        kind=CellKind.MONEY, unit="万元"),),
                section_zh="第二十条第（八）项",
            ),
        ),
    )
    other_processing = tuple(
        Row(key, zh, en, APPLICANT_COLUMNS)
        for key, zh, en in (
            (
                "outcome.other.no_correction",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "1. Applicant failed to correct in time; no longer processed",
            ),
            (
                "outcome.other.fee_unpaid",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "2. Applicant did not pay the fee in time; no longer processed",
            ),
            ("outcome.other.other", "3.其他", "3. Other"),
        )
    )
    applications = applications_table(other_processing)
    return Edition(
        code="2021",
        title_zh="中华人民共和国政府信息公开工作年度报告格式",
        title_en="Format of the annual report on government information disclosure (2021)",
        instrument_zh="国办公开办函〔2021〕30号",
        report_years="2021–",
        tables=(proactive, applications, review_litigation_table()),
        narrative_sections=NARRATIVE_SECTIONS,
    )
