"""Many reports at once: the aggregate of several organs, and the rules across reports.

``X-DUPLICATE``, ``X-CARRY``, ``X-STOCK`` and ``X-AGGREGATE`` (FORMATS.md) look at
a collection of reports, e.g. the reports of one data package. They use the same
blank-operand semantics as the rules within a report.
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import attrs

from .editions import Column, Edition, get_edition
from .findings import Finding, Severity
from .model import Issuer, Report
from .model.tree import walk_cells
from .rules.arithmetic import Outcome, decide_equal
from .rules.base import ABSENT, RuleDeclaration, RuleInput



@attrs.frozen(slots=True)
class CollectionRule(RuleDeclaration):
    """A rule across reports, declared like the rules within one report."""

    evaluate: Callable[[Sequence[tuple[str, Report]]], Iterator[Finding]] = attrs.field(repr=False)


def aggregate(
    reports: Sequence[Report],
    *,
    issuer: Issuer,
    report_id: str | None = None,
    scope: str = "aggregate",
) -> Report:
    """The aggregate report of several organs: every cell is the sum of theirs.

    All reports must share edition and year. A cell is null when any component's
    cell is null or absent: an unknown part makes the sum unknown (the blank is
    never read as 0); ``X-AGGREGATE`` then compares with the blank-operand rules.
    The result lists its components' ids (reports without an id are refused).
    """
    if not reports:
        raise ValueError("aggregate() needs at least one report")
    editions = {r.edition for r in reports}
    years = {r.year for r in reports}
    if len(editions) != 1 or len(years) != 1:
        raise ValueError(f"reports of one edition and year only; got editions {sorted(editions)}, "
                         f"years {sorted(years)}")
    if any(r.id is None for r in reports):
        raise ValueError("every component report needs an id, so the aggregate can list it")
    edition = get_edition(reports[0].edition)
    cells: dict[str, Any] = {}
    for cell in edition.cells:
        if not cell.column.summable:
            continue
        values = [r.cells.get(cell.id) for r in reports]
        if any(v is None for v in values):
            if all(cell.id not in r.cells for r in reports):
                continue
            cells[cell.id] = None
        else:
            total = sum(values, decimal.Decimal(0)) if any(
                isinstance(v, (decimal.Decimal, float)) for v in values) else sum(values)
            cells[cell.id] = total
    return Report(
        id=report_id,
        components=tuple(r.id for r in reports if r.id is not None),
        edition=edition.code,
        year=reports[0].year,
        issuer=issuer,
        scope=scope,
        cells=cells,
    )


def _issuer_key(report: Report) -> tuple[Any, ...]:
    return (report.issuer.name, report.issuer.division_code, report.scope)


def _label(report_id: str, report: Report) -> str:
    return f"{report_id}（{report.issuer.name} {report.year}）"


def _pointer(report_id: str, cell_pointer: str) -> str:
    # Findings across reports point into the package: /reports/<id>/<cell pointer>.
    return f"/reports/{report_id}{cell_pointer}"


def duplicates(reports: Sequence[tuple[str, Report]]) -> Iterator[Finding]:
    seen: dict[tuple[Any, ...], str] = {}
    for report_id, report in reports:
        key = (*_issuer_key(report), report.year)
        if key in seen:
            yield Finding(
                "X-DUPLICATE", Severity.ERROR, (f"/reports/{report_id}", f"/reports/{seen[key]}"),
                f"{_label(report_id, report)} 与 {seen[key]} 是同一机关、同一年度、同一范围的报告。",
                f"{_label(report_id, report)} and {seen[key]} have the same issuer, year and scope.",
                expected=None, actual=report_id,
            )
        else:
            seen[key] = report_id


def _pairs(reports: Sequence[tuple[str, Report]], editions: set[str]) -> Iterator[tuple[str, Report, str, Report]]:
    """(previous id, previous, id, report) for consecutive years of one issuer and scope."""
    by_issuer: dict[tuple[Any, ...], dict[int, tuple[str, Report]]] = defaultdict(dict)
    for report_id, report in reports:
        if report.edition in editions and isinstance(report.year, int):
            by_issuer[_issuer_key(report)].setdefault(report.year, (report_id, report))
    for years in by_issuer.values():
        for year, (report_id, report) in sorted(years.items()):
            if year - 1 in years:
                previous_id, previous = years[year - 1]
                yield previous_id, previous, report_id, report


def _plain_counts(*values: Any) -> bool:
    """Whether every value is a printed whole number ≥ 0 (then a sum rule is plain arithmetic)."""
    return all(type(value) is int and value >= 0 for value in values)


def _operand(report: Report, cell_id: str) -> Any:
    data = RuleInput(edition=report.definition, cells=report.cells, document={})
    return data.operand(cell_id)


def _carry_columns(edition: Edition) -> tuple[Column, ...]:
    return edition.table("applications").row("carried_over").columns


def _stock_cells(row: str) -> Callable[[str], str]:
    def cid(column: str) -> str:
        return f"proactive.{row}.{column}"

    return cid


_STOCK_ROWS = ("regulations", "normative_documents")
_STOCK_COLUMNS = ("in_force", "issued", "repealed")


def needed_cells(edition: Edition) -> frozenset[str]:
    """The cells X-CARRY and X-STOCK read from a report of ``edition`` (X-AGGREGATE reads
    every summable cell, but only of aggregates and their components)."""

    def build(e: Edition) -> frozenset[str]:
        cells: set[str] = set()
        if e.code in ("2021", "2019"):
            for column in _carry_columns(e):
                cells |= {f"applications.carried_over.{column.key}",
                          f"applications.carried_forward.{column.key}"}
        if e.code == "2021":
            cells |= {_stock_cells(row)(column) for row in _STOCK_ROWS for column in _STOCK_COLUMNS}
        return frozenset(cells)

    return edition.derived(needed_cells, build)


_NOT_THERE = object()


def _document_issuer(given: Mapping[str, Any]) -> Issuer:
    return Issuer(name=given["name"], level=given.get("level"), kind=given.get("kind"),
                  division_code=given.get("division_code"))


@attrs.frozen(slots=True)
class Entry:
    """What the rules across reports read of one report; a :class:`Report` serves as well.

    Validating a large package keeps one Entry per report, holding only the cells
    :func:`needed_cells` names (all summable cells for aggregates and their components).
    """

    edition: str
    year: Any
    issuer: Issuer
    scope: Any
    cells: Mapping[str, Any]
    components: tuple[str, ...] | None = None

    @property
    def definition(self) -> Edition:
        return get_edition(self.edition)

    @classmethod
    def of(cls, report: Report | Mapping[str, Any], everything: bool = False) -> "Entry":
        """The entry of a Report, or of a schema-valid document."""
        if isinstance(report, Report):
            edition, year, issuer, scope = report.edition, report.year, report.issuer, report.scope
            cells: Mapping[str, Any] = report.cells
            components = report.components
        else:
            edition, year, scope = report["edition"], report["year"], report["scope"]
            issuer = _document_issuer(report["issuer"])
            components = tuple(report["components"]) if "components" in report else None
            if everything:
                cells = {cell.id: value for cell, value in walk_cells(report, get_edition(edition))}
            else:
                cells = {}
                for cell_id in needed_cells(get_edition(edition)):
                    node: Any = report
                    for part in cell_id.split("."):
                        node = node.get(part, _NOT_THERE) if isinstance(node, dict) else _NOT_THERE
                    if node is not _NOT_THERE:
                        cells[cell_id] = node
                return cls(edition=edition, year=year, issuer=issuer, scope=scope, cells=cells,
                           components=components)
        if not everything:
            wanted = needed_cells(get_edition(edition))
            cells = {cell_id: value for cell_id, value in cells.items() if cell_id in wanted}
        return cls(edition=edition, year=year, issuer=issuer, scope=scope, cells=cells,
                   components=components)

    @classmethod
    def of_values(cls, document: Mapping[str, Any], values: Sequence[Any], everything: bool = False) -> "Entry":
        """The entry of a schema-valid document whose cells are ``values`` (in the edition's
        printed order, ``ABSENT`` for cells it does not have), as :meth:`of` makes it."""
        definition = get_edition(document["edition"])
        if everything:
            cells = {cell.id: value for cell, value in zip(definition.cells, values) if value is not ABSENT}
        else:
            index = definition.cell_index
            cells = {cell_id: values[index[cell_id]] for cell_id in needed_cells(definition)
                     if values[index[cell_id]] is not ABSENT}
        return cls(edition=document["edition"], year=document["year"],
                   issuer=_document_issuer(document["issuer"]), scope=document["scope"], cells=cells,
                   components=tuple(document["components"]) if "components" in document else None)


def carry(reports: Sequence[tuple[str, Report]]) -> Iterator[Finding]:
    for previous_id, previous, report_id, report in _pairs(reports, {"2021", "2019"}):
        columns = _carry_columns(report.definition)
        for column in columns:
            now_id = f"applications.carried_over.{column.key}"
            before_id = f"applications.carried_forward.{column.key}"
            if _plain_counts(report.cells.get(now_id), previous.cells.get(before_id)) and \
                    report.cells[now_id] == previous.cells[before_id]:
                continue  # the common case, decided without building operands
            decision = decide_equal([_operand(report, now_id)], [_operand(previous, before_id)])
            if decision.outcome is Outcome.FAIL:
                yield Finding(
                    "X-CARRY", Severity.WARNING,
                    (_pointer(report_id, "/" + now_id.replace(".", "/")),
                     _pointer(previous_id, "/" + before_id.replace(".", "/"))),
                    f"“{column.label_zh}”列：{report.year} 年上年结转 {decision.left_printed}，"
                    f"而 {previous.year} 年结转下年度 {decision.right_printed}（{report.issuer.name}）。",
                    f"Column “{column.label_en}”: {decision.left_printed} carried over into {report.year}, "
                    f"but {decision.right_printed} carried forward from {previous.year} ({report.issuer.name}).",
                    expected=decision.right_printed, actual=decision.left_printed,
                )


def stock(reports: Sequence[tuple[str, Report]]) -> Iterator[Finding]:
    for previous_id, previous, report_id, report in _pairs(reports, {"2021"}):
        if previous.edition != "2021":
            continue
        for row in _STOCK_ROWS:
            cid = _stock_cells(row)

            # in_force(N) = in_force(N−1) + issued(N) − repealed(N), with every term ≥ 0:
            # in_force(N) + repealed(N) = in_force(N−1) + issued(N).
            now, before = report.cells, previous.cells
            terms = (now.get(cid("in_force")), now.get(cid("repealed")), before.get(cid("in_force")),
                     now.get(cid("issued")))
            if _plain_counts(*terms) and terms[0] + terms[1] == terms[2] + terms[3]:
                continue  # the common case, decided without building operands
            decision = decide_equal(
                [_operand(report, cid("in_force")), _operand(report, cid("repealed"))],
                [_operand(previous, cid("in_force")), _operand(report, cid("issued"))],
            )
            if decision.outcome is not Outcome.FAIL:
                continue
            label = report.definition.table("proactive").row(row).label_zh
            before = previous.cells.get(cid("in_force"))
            issued, repealed = report.cells.get(cid("issued")), report.cells.get(cid("repealed"))
            expected = before + issued - repealed if None not in (before, issued, repealed) else None
            yield Finding(
                "X-STOCK", Severity.WARNING,
                (_pointer(report_id, "/" + cid("in_force").replace(".", "/")),
                 _pointer(previous_id, "/" + cid("in_force").replace(".", "/")),
                 _pointer(report_id, "/" + cid("issued").replace(".", "/")),
                 _pointer(report_id, "/" + cid("repealed").replace(".", "/"))),
                f"{label}：{previous.year} 年现行有效 {before} + {report.year} 年制发 {issued} − 废止 "
                f"{repealed} = {expected}，但 {report.year} 年现行有效为 {report.cells.get(cid('in_force'))}"
                f"（{report.issuer.name}）。",
                f"{row}: {before} in force in {previous.year} + {issued} issued − {repealed} repealed in "
                f"{report.year} = {expected}, but {report.cells.get(cid('in_force'))} are in force in "
                f"{report.year} ({report.issuer.name}).",
                expected=expected, actual=report.cells.get(cid("in_force")),
            )


def aggregate_check(reports: Sequence[tuple[str, Report]]) -> Iterator[Finding]:
    by_id = dict(reports)
    for report_id, report in reports:
        if report.scope != "aggregate" or not report.components:
            continue
        components = [by_id.get(c) for c in report.components]
        if any(c is None for c in components) or any(
            c.edition != report.edition or c.year != report.year for c in components if c
        ):
            continue  # not every component is here (or comparable): nothing to compare
        for cell in report.definition.cells:
            if not cell.column.summable:
                continue
            decision = decide_equal(
                [_operand(report, cell.id)], [_operand(c, cell.id) for c in components if c]
            )
            if decision.outcome is Outcome.FAIL:
                yield Finding(
                    "X-AGGREGATE", Severity.WARNING,
                    (_pointer(report_id, cell.pointer),
                     *(_pointer(c, cell.pointer) for c in report.components)),
                    f"“{cell.label_zh}”：汇总报告为 {decision.left_printed}，组成报告之和为 {decision.right_printed}。",
                    f"“{cell.label_en}”: the aggregate says {decision.left_printed}, its components add up "
                    f"to {decision.right_printed}.",
                    expected=decision.right_printed, actual=decision.left_printed,
                )


COLLECTION_RULES: tuple[CollectionRule, ...] = (
    CollectionRule(
        "X-DUPLICATE", "error", ("2021", "2019", "2014"),
        "同一机关同一年度的重复报告", "duplicate report",
        "同一数据包中，不得有两份发布机关、年度和范围都相同的报告",
        "two reports with the same issuer, year and scope", duplicates,
    ),
    CollectionRule(
        "X-CARRY", "warning", ("2021", "2019"),
        "上年结转等于上一年度的结转下年度", "carried over = last year's carried forward",
        "同一机关、同一范围：第 N 年上年结转 = 第 N−1 年结转下年度（每列）",
        "same issuer and scope: carried_over (year N) = carried_forward (year N−1), each column", carry,
    ),
    CollectionRule(
        "X-STOCK", "warning", ("2021",),
        "现行有效件数与上年衔接", "documents in force follow from last year",
        "现行有效(N) = 现行有效(N−1) + 本年制发(N) − 本年废止(N)（规章、行政规范性文件）",
        "in_force (N) = in_force (N−1) + issued (N) − repealed (N), regulations and normative documents",
        stock,
    ),
    CollectionRule(
        "X-AGGREGATE", "warning", ("2021", "2019", "2014"),
        "汇总报告等于组成报告之和", "aggregate = sum of its components",
        "列出组成报告的汇总报告，每个单元格等于各组成报告之和",
        "an aggregate report that lists its component reports equals their sum, cell by cell",
        aggregate_check,
    ),
)


def check_collection(reports: Iterable[tuple[str, Report]]) -> list[Finding]:
    """Every finding of the rules across reports, given as (report id, report) pairs."""
    items = list(reports)
    return [finding for rule in COLLECTION_RULES for finding in rule.evaluate(items)]
