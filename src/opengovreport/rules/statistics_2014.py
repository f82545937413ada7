"""The rules of edition 2014's statistics table and its 申请来源统计表 (FORMATS.md, L-*).

Sums come from the definition (``Row.sums_group``), 其中 rows from ``Row.subset_of``:
a rule names the total row or table it checks, never a list of parts.
"""

from __future__ import annotations

import decimal
import itertools
from typing import Any, Iterator, Mapping, Sequence

from ..editions import Cell, Edition, Table
from ..findings import Finding, Severity
from .base import ABSENT, QuickCheck, Relation, Relations, Rule, RuleInput, row_sums
from .base import shown as printable

EDITIONS = ("2014",)


def _sum_of(total_id: str) -> Relations:
    """'total = sum of its parts', the parts being those the definition gives."""

    def relations(edition: Edition) -> Iterator[Relation]:
        for table in edition.tables:
            for total, parts in row_sums(table):
                if total.id == total_id:
                    yield Relation(
                        left=(total.id,),
                        right=tuple(p.id for p in parts),
                        where_zh=f"“{total.row_label_zh}”",
                        where_en=f"“{total.row_label_en}”",
                    )

    return Relations(relations)


def _subsets(table: Table) -> Iterator[tuple[Cell, Cell]]:
    """(其中 cell, its parent cell) for each summable column of each subset row."""
    for row in table.rows:
        if row.subset_of is None:
            continue
        parent = table.row(row.subset_of)
        for column in row.columns:
            if column.summable:
                parent_column = next(c for c in parent.columns if c.key == column.key)
                yield Cell(table, row, column), Cell(table, parent, parent_column)


def _subset_relations(table: Table) -> Iterator[Relation]:
    for part, parent in _subsets(table):
        yield Relation(
            left=(part.id,),
            right=(parent.id,),
            where_zh=f"“{part.row_label_zh}”",
            where_en=f"“{part.row_label_en}”",
            comparison="at_most",
        )


def _l_subset(edition: Edition) -> Iterator[Relation]:
    return _subset_relations(edition.table(""))


def _l_channels_cover(edition: Edition) -> Iterator[Relation]:
    table = edition.table("")
    channels = tuple(
        Cell(table, row, row.columns[0]).id for row in table.leaf_rows_of("proactive.channels")
    )
    yield Relation(
        left=("proactive.items",), right=channels,
        where_zh="主动公开", where_en="Proactive disclosure", comparison="at_most",
    )


def _l_replies_completed(edition: Edition) -> Iterator[Relation]:
    yield Relation(
        left=("applications.replies.total",), right=("applications.completed.total",),
        where_zh="依申请公开", where_en="Disclosure on request",
    )


def _l_sources_sum(edition: Edition) -> Iterator[Relation]:
    table = edition.table("applicant_sources")
    for total, parts in row_sums(table):
        yield Relation(left=(total.id,), right=tuple(p.id for p in parts),
                       where_zh=f"“{total.row_label_zh}”", where_en=f"“{total.row_label_en}”")
    yield from _subset_relations(table)


def _l_sources_received(edition: Edition) -> Iterator[Relation]:
    yield Relation(
        left=("applicant_sources.total.count",), right=("applications.received.total",),
        where_zh="申请来源统计表", where_en="Sources of requests",
    )


def _decimals(value: Any) -> int:
    """How many decimals were printed (0.30 → 2)."""
    if isinstance(value, float):
        value = decimal.Decimal(repr(value))
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _share(count: Any, percent: Any, total: Any) -> tuple[decimal.Decimal, int, decimal.Decimal, bool]:
    """(count / total × 100 exactly, decimals printed, the printed share, whether they agree
    within the printed rounding)."""
    exact = decimal.Decimal(count) * 100 / decimal.Decimal(total)
    places = _decimals(percent)
    printed = decimal.Decimal(repr(percent)) if isinstance(percent, float) else decimal.Decimal(percent)
    tolerance = decimal.Decimal(5) * decimal.Decimal(10) ** (-places - 1)
    return exact, places, printed, abs(exact - printed) <= tolerance


_TOTAL_ID = "applicant_sources.total.count"


_PercentRow = tuple[str, str, tuple[str, str, str], str, str, dict[tuple[bool, bool, bool], tuple[str, str]]]
"""One row of the sources table as the share rule reads it: (count id, percent id, the
pointers of its percent, count and total, where in Chinese and in English, and the
messages for a share that cannot be checked by which of those three are known)."""


def _percent_rows(edition: Edition) -> tuple[_PercentRow, ...]:
    """Every row of the sources table, worked out once (kept on the Edition)."""
    table = edition.table("applicant_sources")
    total = edition.cell(_TOTAL_ID)
    rows = []
    for row in table.rows:
        count_id, percent_id = f"applicant_sources.{row.key}.count", f"applicant_sources.{row.key}.percent"
        cells = (edition.cell(percent_id), edition.cell(count_id), total)
        where_zh, where_en = f"“{row.label_zh}”", f"“{row.label_en}”"
        cannot_check = {}
        for known in itertools.product((False, True), repeat=3):
            unknown = [c for c, is_known in zip(cells, known) if not is_known]
            reason_zh = "、".join(f"“{c.label_zh}”" for c in unknown) + "为空或无效" if unknown else "总数为 0"
            reason_en = ", ".join(f"“{c.label_en}”" for c in unknown) + " blank or invalid" if unknown else "the total is 0"
            cannot_check[known] = (f"{where_zh}：{reason_zh}，无法核对占比。",
                                   f"{where_en}: {reason_en}, so the share cannot be checked.")
        rows.append((count_id, percent_id, tuple(c.pointer for c in cells), where_zh, where_en, cannot_check))
    return tuple(rows)


def _l_sources_percent(rule: Rule, data: RuleInput) -> Iterator[Finding]:
    if not data.has_table("applicant_sources"):
        return
    total = data.operand(_TOTAL_ID)
    whole = total.value if type(total.value) is int and _rounds_quietly() else None
    rows = data.edition.derived(_percent_rows, _percent_rows)
    for count_id, percent_id, pointers, where_zh, where_en, cannot_check in rows:
        if data.cells.get(count_id, 0) is None and data.cells.get(percent_id, 0) is None:
            continue  # nothing printed in the row (both blank): nothing to check
        known = (data.printed(percent_id), data.printed(count_id), total.known)
        if not all(known) or total.value == 0:
            message_zh, message_en = cannot_check[known]
            yield Finding(
                code=rule.code, severity=Severity.INFO, pointers=pointers,
                expected=None, actual=None, message_zh=message_zh, message_en=message_en,
            )
            continue
        count, percent = data.operand(count_id), data.operand(percent_id)
        if (whole is not None and type(count.value) is int and type(percent.value) in _PRINTED_SHARE
                and _share_certainly_agrees(count.value, percent.value, whole)):
            continue  # as _share would find, without its Decimal arithmetic
        exact, places, printed, agrees = _share(count.value, percent.value, total.value)
        if agrees:
            continue
        shown = exact.quantize(decimal.Decimal(1).scaleb(-places)) if places else exact.quantize(decimal.Decimal(1))
        yield Finding(
            code=rule.code, severity=rule.severity, pointers=pointers,
            expected=str(shown), actual=str(printed),
            message_zh=rule.fail_zh.format(where=where_zh, count=printable(count.value), total=printable(total.value),
                                          expected=shown, actual=printed),
            message_en=rule.fail_en.format(where=where_en, count=printable(count.value), total=printable(total.value),
                                          expected=shown, actual=printed),
        )


_HUNDREDTHS = decimal.Decimal("0.01")


def _rounds_quietly() -> bool:
    """Whether the current Decimal context, in which :func:`_share` computes, rounds as
    :func:`_share_certainly_agrees` assumes: to 28 digits or more, without raising for it."""
    context = decimal.getcontext()
    return context.prec >= 28 and not context.traps[decimal.Inexact] and not context.traps[decimal.Rounded]


def _share_certainly_agrees(count: int, percent: int | decimal.Decimal, total: int) -> bool:
    """True only when :func:`_share` would certainly find the printed share in agreement,
    decided with whole numbers (its Decimal arithmetic, on every row of every document of
    the edition, cost more than all the other quick checks); False when unsure. Callers
    make sure that :func:`_rounds_quietly`.

    With q = count × 100 / total and p the share printed with d decimals, ``_share`` rounds
    count × 100, q and q − p to the context's digits, each time by at most 10^−27 of the
    result, and asks whether what it gets is at most t = 5 × 10^−(d+1). So
    |q − p| + 10^−26 × (|q| + t) ≤ t is enough for its answer to be yes; multiplied by
    total × 10^(d+1) × 10^26, that is the comparison of whole numbers below. Shares near
    the edge of the printed rounding fail it, and so do numbers too long or too small for
    a share as reports print them: the evaluator decides those.
    """
    if total <= 0 or count < 0 or total.bit_length() > 200 or count.bit_length() > 200:
        return False
    if type(percent) is int:
        if percent.bit_length() > 200:
            return False
        digits, places = percent, 0
    else:
        if not percent.is_finite() or percent.adjusted() > 30:
            return False
        if percent.same_quantum(_HUNDREDTHS):  # two decimals, as nearly every report prints them
            places = 2
        else:
            exponent = percent.as_tuple().exponent
            if not isinstance(exponent, int) or not -30 <= exponent <= 30:
                return False  # not a share as reports print them: the evaluator decides
            places = max(0, -exponent)  # as _decimals counts them
        numerator, denominator = percent.as_integer_ratio()
        digits = numerator * 10**places // denominator  # exact: p × 10^d is whole
    scale = 10 ** (places + 1)
    off = abs(count * 100 * scale - 10 * digits * total)  # |q − p| × total × 10^(d+1)
    return off * 10**26 + count * 100 * scale + 5 * total <= 5 * total * 10**26


def _l_sources_percent_quick(edition: Edition) -> QuickCheck:
    """No finding when the optional table is left out, or when every row's count and share
    are printed whole numbers and decimals that certainly agree (as the evaluator decides it)."""
    index = edition.cell_index
    total = index[_TOTAL_ID]
    rows = [(index[count_id], index[percent_id])
            for count_id, percent_id, *_ in edition.derived(_percent_rows, _percent_rows)]

    def quick(values: Sequence[Any], document: Mapping[str, Any]) -> bool:
        if values[total] is ABSENT:
            return True
        whole = values[total]
        if type(whole) is not int or whole == 0 or not _rounds_quietly():
            return False
        for count_at, percent_at in rows:
            count, percent = values[count_at], values[percent_at]
            if count is None and percent is None:
                continue
            if type(count) is not int or type(percent) not in _PRINTED_SHARE:
                return False  # a blank or an odd value: the evaluator says what
            if not _share_certainly_agrees(count, percent, whole):
                return False
        return True

    return quick


_PRINTED_SHARE = (int, decimal.Decimal)


def _sum_rule(code: str, total_id: str, title_zh: str, title_en: str, formula_zh: str,
              formula_en: str) -> Rule:
    return Rule(
        code=code, severity="error", editions=EDITIONS,
        title_zh=title_zh, title_en=title_en, formula_zh=formula_zh, formula_en=formula_en,
        fail_zh="{where}为 {left}，而其分项之和为 {right}。",
        fail_en="{where} is {left}, but its parts add up to {right}.",
        evaluate=_sum_of(total_id),
    )


RULES: tuple[Rule, ...] = (
    _sum_rule("L-RECEIVED-SUM", "applications.received.total",
              "收到申请数等于各渠道申请数之和", "requests received = sum of channels",
              "(一)收到申请数 = 当面 + 传真 + 网络 + 信函",
              "received.total = in_person + fax + online + mail"),
    _sum_rule("L-COMPLETED-SUM", "applications.completed.total",
              "申请办结数等于按时与延期办结数之和", "completed = on time + extended",
              "(二)申请办结数 = 按时办结数 + 延期办结数",
              "completed.total = on_time + extended"),
    _sum_rule("L-REPLIES-SUM", "applications.replies.total",
              "申请答复数等于八类答复之和", "replies = sum of the eight kinds",
              "(三)申请答复数 = 1. 至 8. 各类答复数之和",
              "replies.total = sum of its eight categories"),
    _sum_rule("L-REFUSED-SUM", "applications.replies.refused",
              "不同意公开答复数等于六类理由之和", "refused = sum of the six reasons",
              "4.不同意公开答复数 = 其中六项理由之和",
              "replies.refused = sum of the six refusal_reasons"),
    _sum_rule("L-REVIEW-SUM", "review.total",
              "行政复议数量等于各结果之和", "reviews = sum of outcomes",
              "四、行政复议数量 = 维持 + 纠错 + 其他", "review.total = upheld + corrected + other"),
    _sum_rule("L-LITIGATION-SUM", "litigation.total",
              "行政诉讼数量等于各结果之和", "lawsuits = sum of outcomes",
              "五、行政诉讼数量 = 维持或驳回 + 纠错 + 其他",
              "litigation.total = upheld_or_dismissed + corrected + other"),
    _sum_rule("L-STAFF-SUM", "organization.staff.total",
              "工作人员数等于专职与兼职之和", "staff = full-time + part-time",
              "(三)从事政府信息公开工作人员数 = 专职 + 兼职",
              "staff.total = full_time + part_time"),
    Rule(
        code="L-SUBSET", severity="error", editions=EDITIONS,
        title_zh="“其中”项不大于其所属项", title_en="an 'of which' item is at most its parent",
        formula_zh="主动公开规范性文件数 ≤ 主动公开政府信息数；主要负责同志参加次数 ≤ 总次数",
        formula_en="normative_documents_published ≤ items; *_by_principal ≤ its total",
        fail_zh="{where}为 {left}，大于其所属项的 {right}。",
        fail_en="{where} is {left}, more than the {right} it is part of.",
        evaluate=Relations(_l_subset),
    ),
    Rule(
        code="L-CHANNELS-COVER", severity="warning", editions=EDITIONS,
        title_zh="各渠道公开数之和不小于主动公开数", title_en="channels cover the items",
        formula_zh="各渠道公开政府信息数之和 ≥ 主动公开政府信息数（同一信息在每个渠道各计一次）",
        formula_en="sum of proactive.channels ≥ proactive.items (an item counts once per channel)",
        fail_zh="{where}：主动公开政府信息数为 {left}，但各渠道公开数之和只有 {right}。",
        fail_en="{where}: {left} items were disclosed, but the channels add up to only {right}.",
        evaluate=Relations(_l_channels_cover),
    ),
    Rule(
        code="L-REPLIES-COMPLETED", severity="warning", editions=EDITIONS,
        title_zh="申请答复数等于申请办结数", title_en="replies = completed",
        formula_zh="(三)申请答复数 = (二)申请办结数", formula_en="replies.total = completed.total",
        fail_zh="{where}：申请答复数为 {left}，申请办结数为 {right}，通常两者相等。",
        fail_en="{where}: {left} replies but {right} requests completed; they are usually equal.",
        evaluate=Relations(_l_replies_completed),
    ),
    Rule(
        code="L-SOURCES-SUM", severity="error", editions=EDITIONS,
        title_zh="申请来源合计与分项一致", title_en="applicant sources add up",
        formula_zh="申请总数 = 七类来源之和；律师、科研人员、媒体从业人员各自 ≤ 公民",
        formula_en="applicant_sources.total = sum of the seven top rows; the three citizen sub-rows ≤ citizens",
        fail_zh="{where}为 {left}，与 {right} 不符。",
        fail_en="{where} is {left}, which does not agree with {right}.",
        evaluate=Relations(_l_sources_sum, table="applicant_sources"),
    ),
    Rule(
        code="L-SOURCES-RECEIVED", severity="warning", editions=EDITIONS,
        title_zh="申请来源总数等于收到申请数", title_en="sources total = requests received",
        formula_zh="申请来源统计表的申请总数 = 统计表(一)收到申请数",
        formula_en="applicant_sources.total = applications.received.total",
        fail_zh="{where}：申请总数为 {left}，而统计表的收到申请数为 {right}。",
        fail_en="{where}: the total is {left}, but the statistics table received {right} requests.",
        evaluate=Relations(_l_sources_received, table="applicant_sources"),
    ),
    Rule(
        code="L-SOURCES-PERCENT", severity="warning", editions=EDITIONS,
        title_zh="占比与申请数一致", title_en="shares agree with the counts",
        formula_zh="每行占比 = 申请数 ÷ 申请总数 × 100，在所印小数位的四舍五入范围内",
        formula_en="each percent = count / total × 100, within the printed rounding",
        fail_zh="{where}：{count} ÷ {total} × 100 应为 {expected}%，印的是 {actual}%。",
        fail_en="{where}: {count} / {total} × 100 is {expected}%, but {actual}% is printed.",
        evaluate=_l_sources_percent,
        quick=_l_sources_percent_quick,
    ),
)
