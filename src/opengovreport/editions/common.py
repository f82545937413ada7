"""Parts of the tables that editions 2019 and 2021 share, defined once."""

from __future__ import annotations

from .definition import Column, Group, NarrativeSection, Row, Table

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人", "Natural persons"),
    Column("commercial_enterprise", "商业企业", "Commercial enterprises"),
    Column("research_institution", "科研机构", "Research institutions"),
    Column("public_interest_org", "社会公益组织", "Public-interest organizations"),
    Column("legal_service_org", "法律服务机构", "Legal service organizations"),
    Column("other_org", "其他", "Other legal persons or organizations"),
    Column("total", "总计", "Total", is_total=True),
)

APPLICANT_GROUP_LABEL_ZH = "法人或其他组织"
"""Printed above the five organization columns; it has no column of its own."""


def application_rows(other_processing: tuple[Row, ...]) -> tuple[Row, ...]:
    """Rows of table 三; the editions differ only in （六）其他处理."""

    def row(key: str, zh: str, en: str, **kw: object) -> Row:
        return Row(key, zh, en, APPLICANT_COLUMNS, **kw)  # type: ignore[arg-type]

    return (
        row("new_received", "一、本年新收政府信息公开申请数量", "I. New requests received this year"),
        row("carried_over", "二、上年结转政府信息公开申请数量", "II. Requests carried over from last year"),
        row("outcome.granted", "（一）予以公开", "(1) Disclosed"),
        row(
            "outcome.partially_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "(2) Partially disclosed (counted here only)",
        ),
        row("outcome.withheld.state_secret", "1.属于国家秘密", "1. State secret"),
        row("outcome.withheld.prohibited_by_law", "2.其他法律行政法规禁止公开", "2. Prohibited by other laws or regulations"),
        row("outcome.withheld.security_stability", "3.危及“三安全一稳定”", "3. Endangers security or stability"),
        row("outcome.withheld.third_party_rights", "4.保护第三方合法权益", "4. Protects third-party rights"),
        row("outcome.withheld.internal_affairs", "5.属于三类内部事务信息", "5. Internal affairs information"),
        row("outcome.withheld.process_information", "6.属于四类过程性信息", "6. Process information"),
        row("outcome.withheld.enforcement_files", "7.属于行政执法案卷", "7. Administrative enforcement files"),
        row("outcome.withheld.administrative_inquiry", "8.属于行政查询事项", "8. Administrative inquiry matter"),
        row("outcome.unable.not_held", "1.本机关不掌握相关政府信息", "1. Not held by this organ"),
        row("outcome.unable.needs_creation", "2.没有现成信息需要另行制作", "2. Would need to be newly created"),
        row("outcome.unable.unclear_after_correction", "3.补正后申请内容仍不明确", "3. Still unclear after correction"),
        row("outcome.not_processed.petition_complaint", "1.信访举报投诉类申请", "1. Petition, report or complaint"),
        row("outcome.not_processed.repeated", "2.重复申请", "2. Repeated request"),
        row("outcome.not_processed.publication", "3.要求提供公开出版物", "3. Asks for a public publication"),
        row("outcome.not_processed.excessive", "4.无正当理由大量反复申请", "4. Numerous repeated requests without good reason"),
        row(
            "outcome.not_processed.confirmation",
            "5.要求行政机关确认或重新出具已获取信息",
            "5. Asks the organ to confirm or reissue information already obtained",
        ),
        *other_processing,
        row("outcome.total", "（七）总计", "(7) Total", sums_group="outcome"),
        row("carried_forward", "四、结转下年度继续办理", "IV. Carried forward to next year"),
    )


def application_groups(other_processing_is_group: bool) -> tuple[Group, ...]:
    groups = [
        Group("outcome", "三、本年度办理结果", "III. Outcomes this year"),
        Group("outcome.withheld", "（三）不予公开", "(3) Withheld"),
        Group("outcome.unable", "（四）无法提供", "(4) Unable to provide"),
        Group("outcome.not_processed", "（五）不予处理", "(5) Not processed"),
    ]
    if other_processing_is_group:
        groups.append(Group("outcome.other", "（六）其他处理", "(6) Other handling"))
    return tuple(groups)


def applications_table(other_processing: tuple[Row, ...]) -> Table:
    """Table 三 of editions 2019 and 2021, which differ only in （六）其他处理.

    A （六） with several rows is a group of them (2021); a single row is the row itself (2019).
    """
    return Table(
        key="applications",
        number_zh="三",
        title_zh=APPLICATIONS_TITLE_ZH,
        title_en=APPLICATIONS_TITLE_EN,
        rows=application_rows(other_processing),
        groups=application_groups(other_processing_is_group=len(other_processing) > 1),
        printed_rule_zh=APPLICATIONS_PRINTED_RULE_ZH,
    )


APPLICATIONS_TITLE_ZH = "三、收到和处理政府信息公开申请情况"
APPLICATIONS_TITLE_EN = "III. Requests for government information received and handled"
APPLICATIONS_PRINTED_RULE_ZH = "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"

REVIEW_LITIGATION_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持", "Upheld"),
    Column("corrected", "结果纠正", "Corrected"),
    Column("other", "其他结果", "Other result"),
    Column("pending", "尚未审结", "Pending"),
    Column("total", "总计", "Total", is_total=True),
)


def review_litigation_table() -> Table:
    return Table(
        key="review_litigation",
        number_zh="四",
        title_zh="四、政府信息公开行政复议、行政诉讼情况",
        title_en="IV. Administrative reviews and lawsuits about disclosure",
        rows=(
            Row("review", "行政复议", "Administrative review", REVIEW_LITIGATION_COLUMNS),
            Row(
                "litigation_direct",
                "未经复议直接起诉",
                "Lawsuit filed directly",
                REVIEW_LITIGATION_COLUMNS,
            ),
            Row(
                "litigation_after_review",
                "复议后起诉",
                "Lawsuit filed after review",
                REVIEW_LITIGATION_COLUMNS,
            ),
        ),
        groups=(),
    )


LITIGATION_LABEL_ZH = "行政诉讼"
"""Printed above the two lawsuit blocks of table 四."""


NARRATIVE_SECTIONS = (
    NarrativeSection("introduction", "引言", "Introduction (the text before section 一)"),
    NarrativeSection("overview", "一、总体情况", "I. Overview"),
    NarrativeSection("problems", "五、存在的主要问题及改进情况", "V. Main problems and improvements"),
    NarrativeSection("other_matters", "六、其他需要报告的事项", "VI. Other matters to report"),
)
