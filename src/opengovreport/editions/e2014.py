"""Edition 2014: the 政府信息公开情况统计表 (国办发〔2014〕32号 era), reports on ~2014–2018.

Labels are exactly as printed in the reference example, the 连云港市 2017 report
(附件1 and 附件2 of tests/corpus/000_965a7cb5ed049dd9.txt), half-width brackets
and colons included; the parser's label matching folds widths.
"""

from __future__ import annotations

from .definition import CellKind, Column, Edition, Group, NarrativeSection, Row, Table

VALUE_LABEL_ZH = "统计数"


def _row(key: str, zh: str, en: str, unit: str = "件", *, kind: CellKind = CellKind.COUNT,
         sums_group: str | None = None, subset_of: str | None = None, section_zh: str = "") -> Row:
    # Every row of the statistics table holds one value (统计数) whose unit the row decides.
    column = Column("", VALUE_LABEL_ZH, "Value", kind=kind, unit=unit)
    return Row(key, zh, en, (column,), sums_group=sums_group, subset_of=subset_of,
               section_zh=section_zh)


def _statistics() -> Table:
    money = CellKind.MONEY
    return Table(
        key="",
        name="statistics",
        number_zh="附件1",
        title_zh="政府信息公开情况统计表",
        title_en="Statistics of government information disclosure",
        groups=(
            Group("proactive", "一、主动公开情况", "I. Proactive disclosure"),
            Group("proactive.channels", "(二)通过不同渠道和方式公开政府信息的情况",
                  "(2) Information disclosed through each channel"),
            Group("responses", "二、回应解读情况", "II. Responses and interpretation"),
            Group("applications", "三、依申请公开情况", "III. Disclosure on request"),
            Group("organization", "八、机构建设和保障经费情况", "VIII. Organization and funding"),
            Group("meetings", "九、政府信息公开会议和培训情况", "IX. Meetings and training"),
        ),
        rows=(
            _row("proactive.items", "(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)",
                 "(1) Items disclosed proactively (counted once across channels)", "条"),
            _row("proactive.normative_documents_published", "其中:主动公开规范性文件数",
                 "of which: normative documents disclosed", "条", subset_of="proactive.items"),
            _row("proactive.normative_documents_issued", "制发规范性文件总数",
                 "Normative documents issued", "件"),
            _row("proactive.channels.gazette", "1.政府公报公开政府信息数", "1. Government gazette", "条"),
            _row("proactive.channels.website", "2.政府网站公开政府信息数", "2. Government website", "条"),
            _row("proactive.channels.weibo", "3.政务微博公开政府信息数", "3. Government Weibo", "条"),
            _row("proactive.channels.wechat", "4.政务微信公开政府信息数", "4. Government WeChat", "条"),
            _row("proactive.channels.other", "5.其他方式公开政府信息数", "5. Other channels", "条"),
            _row("responses.hotspots",
                 "(一)回应公众关注热点或重大舆情数(不同方式回应同一热点或舆情计1次)",
                 "(1) Public concerns responded to (counted once across channels)", "次"),
            _row("responses.press_conferences", "1.参加或举办新闻发布会总次数",
                 "1. Press conferences held or attended", "次",
                 section_zh="(二)通过不同渠道和方式回应解读的情况"),
            _row("responses.press_conferences_by_principal", "其中:主要负责同志参加新闻发布会次数",
                 "of which: attended by the principal", "次",
                 subset_of="responses.press_conferences"),
            _row("responses.online_interviews", "2.政府网站在线访谈次数",
                 "2. Online interviews on the government website", "次"),
            _row("responses.online_interviews_by_principal",
                 "其中:主要负责同志参加政府网站在线访谈次数",
                 "of which: with the principal", "次", subset_of="responses.online_interviews"),
            _row("responses.interpretations", "3.政策解读稿件发布数",
                 "3. Policy interpretations published", "篇"),
            _row("responses.weibo_wechat", "4.微博微信回应事件数",
                 "4. Events responded to on Weibo/WeChat", "次"),
            _row("responses.other", "5.其他方式回应事件数", "5. Events responded to otherwise", "次"),
            _row("applications.received.total", "(一)收到申请数", "(1) Requests received",
                 sums_group="applications.received"),
            _row("applications.received.in_person", "1.当面申请数", "1. In person"),
            _row("applications.received.fax", "2.传真申请数", "2. By fax"),
            _row("applications.received.online", "3.网络申请数", "3. Online"),
            _row("applications.received.mail", "4.信函申请数", "4. By mail"),
            _row("applications.completed.total", "(二)申请办结数", "(2) Requests completed",
                 sums_group="applications.completed"),
            _row("applications.completed.on_time", "1.按时办结数", "1. On time"),
            _row("applications.completed.extended", "2.延期办结数", "2. After an extension"),
            _row("applications.replies.total", "(三)申请答复数", "(3) Replies",
                 sums_group="applications.replies"),
            _row("applications.replies.already_public", "1.属于已主动公开范围数",
                 "1. Already disclosed proactively"),
            _row("applications.replies.granted", "2.同意公开答复数", "2. Disclosure granted"),
            _row("applications.replies.partially_granted", "3.同意部分公开答复数",
                 "3. Partial disclosure granted"),
            _row("applications.replies.refused", "4.不同意公开答复数", "4. Disclosure refused",
                 sums_group="applications.refusal_reasons"),
            _row("applications.refusal_reasons.state_secret", "其中:涉及国家秘密",
                 "of which: state secret"),
            _row("applications.refusal_reasons.commercial_secret", "涉及商业秘密", "Commercial secret"),
            _row("applications.refusal_reasons.personal_privacy", "涉及个人隐私", "Personal privacy"),
            _row("applications.refusal_reasons.security_stability",
                 "危及国家安全、公共安全、经济安全和社会稳定",
                 "Endangers national, public or economic security or social stability"),
            _row("applications.refusal_reasons.not_government_information",
                 "不是《条例》所指政府信息", "Not government information under the Regulations"),
            _row("applications.refusal_reasons.other_legal", "法律法规规定的其他情形",
                 "Other cases under laws and regulations"),
            _row("applications.replies.not_this_organ", "5.不属于本行政机关公开数",
                 "5. Not for this organ to disclose"),
            _row("applications.replies.nonexistent", "6.申请信息不存在数",
                 "6. Information does not exist"),
            _row("applications.replies.amend_requested", "7.告知作出更改补充数",
                 "7. Asked to amend or supplement the request"),
            _row("applications.replies.other_channel", "8.告知通过其他途径办理数",
                 "8. Told to use another channel"),
            _row("review.total", "四、行政复议数量", "IV. Administrative reviews",
                 sums_group="review"),
            _row("review.upheld", "(一)维持具体行政行为数", "(1) Upheld"),
            _row("review.corrected", "(二)被依法纠错数", "(2) Corrected"),
            _row("review.other", "(三)其他情形数", "(3) Other"),
            _row("litigation.total", "五、行政诉讼数量", "V. Lawsuits", sums_group="litigation"),
            _row("litigation.upheld_or_dismissed", "(一)维持具体行政行为或者驳回原告诉讼请求数",
                 "(1) Upheld or claim dismissed"),
            _row("litigation.corrected", "(二)被依法纠错数", "(2) Corrected"),
            _row("litigation.other", "(三)其他情形数", "(3) Other"),
            _row("complaints", "六、举报投诉数量", "VI. Reports and complaints"),
            _row("fees_10k_yuan", "七、依申请公开信息收取的费用",
                 "VII. Fees charged for disclosure on request", "万元", kind=money),
            _row("organization.dedicated_units", "(一)政府信息公开工作专门机构数",
                 "(1) Dedicated units", "个"),
            _row("organization.reading_points", "(二)设置政府信息公开查阅点数",
                 "(2) Public reading points", "个"),
            _row("organization.staff.total", "(三)从事政府信息公开工作人员数",
                 "(3) Staff working on disclosure", "人", sums_group="organization.staff"),
            _row("organization.staff.full_time",
                 "1.专职人员数(不包括政府公报及政府网站工作人员数)",
                 "1. Full-time (excluding gazette and website staff)", "人"),
            _row("organization.staff.part_time", "2.兼职人员数", "2. Part-time", "人"),
            _row("organization.budget_10k_yuan",
                 "(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)",
                 "(4) Dedicated budget (excluding gazette and website costs)", "万元", kind=money),
            _row("meetings.meetings", "(一)召开政府信息公开工作会议或专题会议数",
                 "(1) Meetings held", "次"),
            _row("meetings.courses", "(二)举办各类培训班数", "(2) Training courses held", "次"),
            _row("meetings.trainees", "(三)接受培训人员数", "(3) People trained", "人次"),
        ),
    )


_SOURCE_COLUMNS = (
    Column("count", "申请数(件)", "Requests", unit="件"),
    Column("percent", "占比(%)", "Share (%)", kind=CellKind.PERCENT, unit="%"),
)


def _applicant_sources() -> Table:
    def row(key: str, zh: str, en: str, **kw: str) -> Row:
        return Row(key, zh, en, _SOURCE_COLUMNS, **kw)  # type: ignore[arg-type]

    return Table(
        key="applicant_sources",
        number_zh="附件2",
        title_zh="政府信息公开申请来源统计表",
        title_en="Sources of disclosure requests",
        optional=True,
        rows=(
            row("party_government", "一、党政机关", "I. Party and government organs"),
            row("social_groups", "二、社会团体(含公益组织)", "II. Social groups (incl. public-interest)"),
            row("enterprises", "三、企业", "III. Enterprises"),
            row("media", "四、宣传媒体", "IV. Media"),
            row("research_schools", "五、科研院校", "V. Research institutes and schools"),
            row("citizens", "六、公民", "VI. Citizens"),
            row("citizens_lawyers", "其中:律师", "of which: lawyers", subset_of="citizens"),
            row("citizens_researchers", "科研人员", "Researchers", subset_of="citizens"),
            row("citizens_media_workers", "媒体从业人员", "Media workers", subset_of="citizens"),
            row("other", "七、其他", "VII. Other"),
            row("total", "政府信息公开申请总数", "Total requests", sums_group=""),
        ),
    )


def build() -> Edition:
    return Edition(
        code="2014",
        title_zh="政府信息公开情况统计表",
        title_en="Statistics table of government information disclosure (2014)",
        instrument_zh="国办发〔2014〕32号",
        report_years="~2014–2018",
        tables=(_statistics(), _applicant_sources()),
        narrative_sections=(
            NarrativeSection("introduction", "引言", "Introduction (the text before section 一)"),
            NarrativeSection("overview", "一、政府信息公开工作开展情况", "I. Overview of the work"),
            NarrativeSection("key_areas", "二、主动公开重点领域政府信息情况",
                             "II. Proactive disclosure in key areas"),
            NarrativeSection("problems", "三、存在的不足及改进措施",
                             "III. Shortcomings and improvements"),
            NarrativeSection("other_matters", "其他需要报告的事项", "Other matters to report"),
        ),
    )
