"""Indicators comparable across editions: each declared once, with its formula per edition.

A formula is a sum of cells, given as cell-id patterns in which ``*`` stands for
one id segment (``applications.outcome.withheld.*.total`` is the total column of
every 不予公开 row). Where an edition has no equivalent, the formula is
:class:`Unavailable` with the reason, and the indicator is null, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Unavailable:
    reason_zh: str
    reason_en: str


@dataclass(frozen=True)
class Formula:
    terms: tuple[str, ...]
    """Cell-id patterns whose cells are added up."""
    note_zh: str = ""
    note_en: str = ""
    """Where the edition's meaning differs from the indicator's, said plainly."""


@dataclass(frozen=True)
class Indicator:
    key: str
    label_zh: str
    label_en: str
    description_en: str
    formulas: dict[str, Formula | Unavailable] = field(hash=False)
    unit: str = "件"


_NO_CARRY = Unavailable(
    "2014 版统计表没有结转栏目。", "The 2014 statistics table has no carried-over/forward rows."
)


def _same(terms: tuple[str, ...], **notes: str) -> dict[str, Formula | Unavailable]:
    """The same formula for editions 2021 and 2019, whose tables 三 and 四 share ids."""
    return {"2021": Formula(terms, **notes), "2019": Formula(terms, **notes)}


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "requests_received", "收到申请数", "Requests received",
        "New requests for disclosure received in the year.",
        {
            **_same(("applications.new_received.total",),
                    note_zh="本年新收，不含上年结转。", note_en="New this year; excludes those carried over."),
            "2014": Formula(("applications.received.total",)),
        },
    ),
    Indicator(
        "requests_carried_over", "上年结转申请数", "Requests carried over",
        "Requests carried over from the previous year.",
        {**_same(("applications.carried_over.total",)), "2014": _NO_CARRY},
    ),
    Indicator(
        "requests_handled", "办结申请数", "Requests handled",
        "Requests brought to an outcome in the year.",
        {
            **_same(("applications.outcome.total.total",)),
            "2014": Formula(("applications.completed.total",),
                            note_zh="申请办结数。", note_en="申请办结数 (requests completed)."),
        },
    ),
    Indicator(
        "granted_full", "予以公开", "Granted in full",
        "Requests answered by disclosing the information.",
        {
            **_same(("applications.outcome.granted.total",)),
            "2014": Formula(
                ("applications.replies.already_public", "applications.replies.granted"),
                note_zh="2014 版把“属于已主动公开范围”单列，2021 版计入予以公开，此处二者相加。",
                note_en="2014 counts 'already disclosed proactively' separately; 2021 counts it as "
                "granted, so both are added here.",
            ),
        },
    ),
    Indicator(
        "granted_partial", "部分公开", "Granted in part",
        "Requests answered by disclosing part of the information.",
        {
            **_same(("applications.outcome.partially_granted.total",)),
            "2014": Formula(("applications.replies.partially_granted",)),
        },
    ),
    Indicator(
        "withheld", "不予公开", "Refused or withheld",
        "Requests refused because the information is exempt.",
        {
            **_same(("applications.outcome.withheld.*.total",)),
            "2014": Formula(
                ("applications.replies.refused",),
                note_zh="2014 版“不同意公开”的理由含“不是《条例》所指政府信息”，2021 版不作为不予公开。",
                note_en="2014's 不同意公开 includes 'not government information under the "
                "Regulations', which 2021 does not count as withheld.",
            ),
        },
    ),
    Indicator(
        "unable_to_provide", "无法提供", "Unable to provide",
        "Requests that could not be met because the information is not held, would have to be "
        "created, or the request stayed unclear.",
        {
            **_same(("applications.outcome.unable.*.total",)),
            "2014": Formula(
                ("applications.replies.not_this_organ", "applications.replies.nonexistent"),
                note_zh="2014 版“不属于本行政机关公开”与“申请信息不存在”相加，最接近 2021 版的无法提供。",
                note_en="2014's 'not for this organ' plus 'does not exist', the closest to 2021's "
                "unable to provide.",
            ),
        },
    ),
    Indicator(
        "not_processed", "不予处理", "Not processed",
        "Requests not processed (petitions, repeated or excessive requests, publications, "
        "confirmations).",
        {
            **_same(("applications.outcome.not_processed.*.total",)),
            "2014": Unavailable(
                "2014 版没有“不予处理”类别；“告知通过其他途径办理”“告知作出更改补充”含义不同。",
                "2014 has no 不予处理 category; 'told to use another channel' and 'asked to amend' "
                "mean something else.",
            ),
        },
    ),
    Indicator(
        "other_handling", "其他处理", "Other handling",
        "Requests closed otherwise (no correction, fee unpaid, other).",
        {
            "2021": Formula(("applications.outcome.other.*.total",)),
            "2019": Formula(("applications.outcome.other.total",),
                            note_zh="2019 版其他处理只有一行。", note_en="One row in 2019."),
            "2014": Unavailable("2014 版没有“其他处理”类别。", "2014 has no 'other handling' category."),
        },
    ),
    Indicator(
        "requests_carried_forward", "结转下年度申请数", "Requests carried forward",
        "Requests still open at the end of the year.",
        {**_same(("applications.carried_forward.total",)), "2014": _NO_CARRY},
    ),
    Indicator(
        "reviews_total", "行政复议", "Administrative reviews",
        "Administrative reviews about disclosure.",
        {**_same(("review_litigation.review.total",)), "2014": Formula(("review.total",))},
    ),
    Indicator(
        "reviews_corrected", "行政复议被纠正", "Reviews that corrected the organ",
        "Administrative reviews whose result corrected the organ.",
        {**_same(("review_litigation.review.corrected",)), "2014": Formula(("review.corrected",))},
    ),
    Indicator(
        "lawsuits_total", "行政诉讼", "Lawsuits",
        "Lawsuits about disclosure, filed directly or after review.",
        {
            **_same(("review_litigation.litigation_direct.total",
                     "review_litigation.litigation_after_review.total"),
                    note_zh="未经复议直接起诉与复议后起诉相加。",
                    note_en="Filed directly plus filed after review."),
            "2014": Formula(("litigation.total",)),
        },
    ),
    Indicator(
        "lawsuits_corrected", "行政诉讼被纠正", "Lawsuits that corrected the organ",
        "Lawsuits whose result corrected the organ.",
        {
            **_same(("review_litigation.litigation_direct.corrected",
                     "review_litigation.litigation_after_review.corrected")),
            "2014": Formula(("litigation.corrected",)),
        },
    ),
    Indicator(
        "normative_documents_issued", "制发规范性文件", "Normative documents issued",
        "Normative documents the organ issued in the year.",
        {
            "2021": Formula(("proactive.normative_documents.issued",),
                            note_zh="行政规范性文件本年制发件数。", note_en="行政规范性文件 issued this year."),
            "2019": Formula(("proactive.normative_documents.new_made",),
                            note_zh="规范性文件本年新制作数量。", note_en="规范性文件 newly made this year."),
            "2014": Formula(("proactive.normative_documents_issued",)),
        },
    ),
)
