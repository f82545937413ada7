"""``opengovreport indicators PATH...``: indicators comparable across editions."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from .inputs import expand
from .main import EXIT_OK, EXIT_UNUSABLE

CSV_COLUMNS = (
    "file", "issuer", "year", "edition", "scope", "indicator", "label", "value", "unit",
    "cells", "reason", "note",
)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "indicators",
        help="indicators comparable across editions / 跨版式可比指标",
        description="Compute the indicators that put reports of editions 2014, 2019 and 2021 on one "
        "time line. CSV has one row per report and indicator; an indicator an edition cannot "
        "supply, or whose cells are blank, is empty with the reason (never 0).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a .json document, a data package or a folder")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="language of labels, reasons and notes (default zh)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..comparison import get_indicator, indicators
    from ..errors import OpenGovReportError
    from ..io import dumps, load
    from ..package import from_package

    rows: list[dict[str, Any]] = []
    unusable = 0
    loaded = []
    for item in expand(args.paths):
        if item.problem is not None:
            print(f"opengovreport: {item.path}: {item.problem}", file=sys.stderr)
            unusable += 1
            continue
        try:
            if item.kind == "package":
                loaded.extend((f"{item.path}#{r.id or i + 1}", r)
                              for i, r in enumerate(from_package(item.path)))
            else:
                loaded.append((str(item.path), load(item.path)))
        except OpenGovReportError as exc:
            print(f"opengovreport: {exc.with_file(item.path)}", file=sys.stderr)
            unusable += 1
    for path, report in loaded:
        values = indicators(report)
        if args.format == "json":
            rows.append({
                "file": str(path), "issuer": report.issuer.name, "year": report.year,
                "edition": report.edition, "scope": report.scope,
                "indicators": [v.to_dict() for v in values],
            })
            continue
        for value in values:
            indicator = get_indicator(value.key)
            zh = args.lang == "zh"
            rows.append({
                "file": str(path), "issuer": report.issuer.name, "year": report.year,
                "edition": report.edition, "scope": report.scope, "indicator": value.key,
                "label": indicator.label_zh if zh else indicator.label_en,
                "value": "" if value.value is None else value.value,
                "unit": indicator.unit, "cells": " + ".join(value.cells),
                "reason": value.reason_zh if zh else value.reason_en,
                "note": value.note_zh if zh else value.note_en,
            })
    if args.format == "json":
        sys.stdout.write(dumps(rows))
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return EXIT_UNUSABLE if unusable else EXIT_OK
