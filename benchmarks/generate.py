"""A deterministic synthetic corpus of report documents, for the benchmarks.

    python benchmarks/generate.py N [OUT] [--seed S] [--documents-only | --package-only]

writes N reports of all three editions to OUT (default ``benchmarks/corpus-N``):
``OUT/documents/<id>.json`` (one JSON document each, written by ``opengovreport.dumps``)
and ``OUT/package/`` (a data package, written by ``opengovreport.package.to_package``).

Cells come from the edition definitions (``get_edition(code).cells``); the values are
made to satisfy the relations of the error rules (each rule's own relation list), then
spoiled as real reports are: about 5 % break a rule, about 12 % have blank cells, and
a few in a thousand break the schema (those only among the JSON documents: a package
cannot hold them). Issuers report several consecutive years, carrying over what they
carried forward, so the rules across reports (X-CARRY, X-STOCK) have work to do.
The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import decimal
import random
import sys
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from opengovreport.editions import CellKind, Edition, get_edition  # noqa: E402
from opengovreport.editions.codelists import ISSUER_KIND, ISSUER_LEVEL  # noqa: E402
from opengovreport.model.tree import nest_cells  # noqa: E402
from opengovreport.rules import rules_for  # noqa: E402
from opengovreport.rules.base import Relations  # noqa: E402

BLANK_RATE = 0.12
BREAK_RATE = 0.05
SCHEMA_ERROR_RATE = 0.003

PLACES = ["平潭", "福清", "长乐", "连江", "罗源", "闽侯", "永泰", "闽清", "鼓楼", "台江", "仓山", "晋安",
          "马尾", "海沧", "湖里", "集美", "同安", "翔安", "思明", "鲤城", "丰泽", "洛江", "泉港", "惠安",
          "安溪", "永春", "德化", "石狮", "晋江", "南安", "连云", "海州", "赣榆", "东海", "灌云", "灌南"]
ORGANS = [("人民政府", "government"), ("发展和改革局", "department"), ("教育局", "department"),
          ("公安局", "department"), ("民政局", "department"), ("财政局", "department"),
          ("自然资源局", "department"), ("住房和城乡建设局", "department"),
          ("交通运输局", "department"), ("卫生健康委员会", "department"), ("市场监督管理局", "department"),
          ("生态环境局", "department"), ("应急管理局", "department"), ("医疗保障局", "department")]
EDITION_OF_YEAR = {**{y: "2014" for y in range(2014, 2019)}, 2019: "2019", 2020: "2019",
                   **{y: "2021" for y in range(2021, 2026)}}
SENTENCES = [
    "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。",
    "围绕群众关切，加大重点领域信息公开力度，及时回应社会关切。",
    "依申请公开工作依法规范办理，答复率百分之百，未发生因信息公开引发的行政复议纠错。",
    "政府信息公开平台建设进一步加强，政务新媒体与门户网站协同发布。",
    "存在的主要问题是部分栏目更新不够及时，政策解读形式较为单一。",
    "下一步，我们将加强业务培训，完善信息发布审核机制，提升公开质量。",
    "本报告所列数据的统计期限自1月1日起至12月31日止。",
]


def _integer_kinds() -> tuple[CellKind, ...]:
    return (CellKind.COUNT, CellKind.SIGNED_COUNT)


# Two warnings that tie one total to another table's total row: settled by _tie.
TIES = {"L-REPLIES-COMPLETED": ("applications.replies.total", "", "applications.completed.total"),
        "L-SOURCES-RECEIVED": ("applications.received.total", "applicant_sources", "total")}


def _relations(edition: Edition) -> list[Any]:
    """The relations of the edition's rules, from the rules themselves."""
    found = []
    for rule in rules_for(edition):
        if isinstance(rule.evaluate, Relations) and rule.code not in TIES:
            found.extend(rule.evaluate.relations(edition))
    return found


def _tie(edition: Edition, values: dict[str, Any], rnd: random.Random) -> None:
    """Make a total row's parts add up to another total (completed = replies; sources = received)."""
    for target, table_key, row_key in TIES.values():
        total = values.get(target)
        tables = [t for t in edition.tables if t.key == table_key]
        if not isinstance(total, int) or not tables:
            continue
        table = tables[0]
        row = table.row(row_key)
        column = row.columns[0]
        leaves = [".".join(p for p in (table.key, leaf.key, column.key) if p)
                  for leaf in table.leaf_rows_of(row.sums_group or "")]
        if not all(leaf in values for leaf in leaves):
            continue
        left = total
        for leaf in leaves[:-1]:
            values[leaf] = rnd.randrange(0, left + 1) if rnd.random() < 0.4 else 0
            left -= values[leaf]
        values[leaves[-1]] = left


def _count(rnd: random.Random, scale: float) -> int:
    if rnd.random() < 0.45:
        return 0
    return int(rnd.lognormvariate(1.0, 1.2) * scale)


def _money(rnd: random.Random) -> Any:
    if rnd.random() < 0.6:
        return 0
    if rnd.random() < 0.3:
        return rnd.randrange(1, 500)
    return decimal.Decimal(rnd.randrange(1, 10**7)).scaleb(-rnd.choice([2, 2, 4, 6]))


def _consistent(edition: Edition, values: dict[str, Any]) -> None:
    """Change values until every relation of the error rules holds (a few rounds suffice)."""
    relations = _relations(edition)
    for _ in range(8):
        changed = False
        for relation in relations:
            if any(not isinstance(values.get(c), int) for c in relation.left + relation.right):
                continue
            left = sum(values[c] for c in relation.left)
            right = sum(values[c] for c in relation.right)
            if relation.comparison == "at_most":
                if left > right:
                    values[relation.left[0]] -= left - right
                    values[relation.left[0]] = max(values[relation.left[0]], 0)
                    changed = True
                continue
            if left == right:
                continue
            first = relation.left[0]
            others = sum(values[c] for c in relation.left[1:])
            if right - others >= 0:
                values[first] = right - others
            else:
                values[first] = 0
                values[relation.right[-1]] += others - right
            changed = True
        if not changed:
            return


def _percentages(edition: Edition, values: dict[str, Any]) -> None:
    """2014's 占比 column, as printed: count / total × 100 to two places."""
    total = values.get("applicant_sources.total.count")
    for cell in edition.cells:
        if cell.table.key == "applicant_sources" and cell.kind is CellKind.PERCENT:
            count = values.get(cell.id.replace(".percent", ".count"))
            if isinstance(total, int) and isinstance(count, int) and total:
                values[cell.id] = (decimal.Decimal(count) * 100 / total).quantize(decimal.Decimal("0.01"))
            else:
                values[cell.id] = None


class _Issuer:
    def __init__(self, number: int, rnd: random.Random) -> None:
        place = rnd.choice(PLACES)
        organ, kind = rnd.choice(ORGANS)
        level = rnd.choice(["county", "county", "county", "prefectural", "township"])
        suffix = {"county": "区", "prefectural": "市", "township": "镇"}[level]
        self.number = number
        self.issuer = {"name": f"{place}{suffix}{organ}", "level": level, "kind": kind,
                       "division_code": f"35{rnd.randrange(10**4):04d}"}
        if number % 97 == 0:
            self.issuer["level"], self.issuer["kind"] = "prefectural", "government"
        assert self.issuer["level"] in ISSUER_LEVEL.values() and self.issuer["kind"] in ISSUER_KIND.values()
        self.previous: dict[str, Any] | None = None


def _report(issuer: _Issuer, year: int, rnd: random.Random, schema_errors: bool) -> dict[str, Any]:
    edition = get_edition(EDITION_OF_YEAR[year])
    scale = rnd.choice([0.5, 1, 1, 2, 5, 20])
    optional_left_out = {t.key for t in edition.tables if t.optional and rnd.random() < 0.6}
    values: dict[str, Any] = {}
    for cell in edition.cells:
        if cell.table.key in optional_left_out:
            continue
        if cell.kind is CellKind.COUNT:
            values[cell.id] = _count(rnd, scale)
        elif cell.kind is CellKind.SIGNED_COUNT:
            values[cell.id] = rnd.randrange(-20, 21)
        elif cell.kind is CellKind.MONEY:
            values[cell.id] = _money(rnd)
        else:
            values[cell.id] = None
    previous = issuer.previous
    if previous is not None and previous["edition"] != "2014" and edition.code != "2014":
        for cell in edition.cells:  # what last year carried forward is carried over
            if cell.id.startswith("applications.carried_over."):
                carried = previous["cells"].get(cell.id.replace("carried_over", "carried_forward"))
                if isinstance(carried, int):
                    values[cell.id] = carried
    may = (issuer.issuer["level"], issuer.issuer["kind"]) in {
        ("national", "department"), ("provincial", "government"), ("prefectural", "government")}
    if not may:  # only some organs make 规章
        for cell in edition.cells:
            if cell.id.startswith("proactive.regulations."):
                values[cell.id] = 0
    if edition.code == "2021":
        for row in ("regulations", "normative_documents"):
            if row == "regulations" and not may:
                continue
            before = previous["cells"].get(f"proactive.{row}.in_force") if previous and \
                previous["edition"] == "2021" else None
            issued = values[f"proactive.{row}.issued"]
            repealed = min(values[f"proactive.{row}.repealed"], before or 0)
            values[f"proactive.{row}.repealed"] = repealed
            values[f"proactive.{row}.in_force"] = (before if isinstance(before, int) else
                                                   rnd.randrange(0, 200)) + issued - repealed
    _consistent(edition, values)
    _tie(edition, values, rnd)
    _consistent(edition, values)
    if edition.code == "2014" and "applicant_sources" not in optional_left_out:
        _percentages(edition, values)

    counts = [c.id for c in edition.cells if c.kind is CellKind.COUNT and c.id in values]
    if rnd.random() < BREAK_RATE:
        cell_id = rnd.choice(counts)
        values[cell_id] += rnd.randrange(1, 6)
    if rnd.random() < BLANK_RATE:
        for cell_id in rnd.sample(counts, rnd.randrange(1, 12)):
            values[cell_id] = None
    issuer.previous = {"edition": edition.code, "cells": dict(values)}

    report_id = f"r{issuer.number:06d}-{year}"
    document: dict[str, Any] = {
        "id": report_id,
        "standard": "1.0",
        "edition": edition.code,
        "year": year,
        "issuer": dict(issuer.issuer),
        "scope": "organ" if issuer.issuer["kind"] != "government" else rnd.choice(["organ", "aggregate"]),
        "published": f"{year + 1}-0{rnd.randrange(1, 4)}-{rnd.randrange(10, 29)}",
    }
    if rnd.random() < 0.3:
        document["source"] = {"url": f"https://www.example.gov.cn/zwgk/{year}/{report_id}.htm",
                              "media_type": "text/html"}
    if rnd.random() < 0.8:
        sections = [s.key for s in edition.narrative_sections]
        document["narrative"] = {
            key: "".join(rnd.choice(SENTENCES) for _ in range(rnd.randrange(1, 6)))
            for key in rnd.sample(sections, rnd.randrange(1, len(sections) + 1))
        }
    document.update(nest_cells(edition, values))
    if schema_errors and rnd.random() < SCHEMA_ERROR_RATE:
        cell = rnd.choice(counts)
        parts = cell.split(".")
        node = document
        for part in parts[:-1]:
            node = node[part]
        node[parts[-1]] = rnd.choice([-1, "12", 3.5, True])
    return document


def reports(n: int, seed: int = 2024, *, schema_errors: bool = False) -> Iterator[dict[str, Any]]:
    """N report documents: issuers reporting runs of consecutive years, in a fixed order."""
    rnd = random.Random(seed)
    made = 0
    number = 0
    while made < n:
        number += 1
        issuer = _Issuer(number, rnd)
        start = rnd.randrange(2014, 2026)
        for year in range(start, min(start + rnd.randrange(1, 7), 2026)):
            if made == n:
                return
            yield _report(issuer, year, rnd, schema_errors)
            made += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, metavar="N")
    parser.add_argument("out", nargs="?", metavar="OUT")
    parser.add_argument("--seed", type=int, default=2024)
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--documents-only", action="store_true")
    what.add_argument("--package-only", action="store_true")
    args = parser.parse_args(argv)
    out = Path(args.out or ROOT / "benchmarks" / f"corpus-{args.n}")

    from opengovreport.io import dumps
    from opengovreport.package import to_package

    if not args.package_only:
        folder = out / "documents"
        folder.mkdir(parents=True, exist_ok=True)
        for document in reports(args.n, args.seed, schema_errors=True):
            (folder / f"{document['id']}.json").write_text(dumps(document), encoding="utf-8")
        print(f"{folder}: {args.n} documents", file=sys.stderr)
    if not args.documents_only:
        written = to_package(reports(args.n, args.seed), out / "package",
                             name=f"synthetic-{args.n}")
        print(f"{written}: {args.n} reports", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
