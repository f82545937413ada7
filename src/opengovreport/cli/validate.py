"""``opengovreport validate PATH...``: check report documents, print the findings."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .main import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE
from .inputs import expand
from .output import format_report


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "validate",
        help="validate report documents and data packages / 校验年度报告数据",
        description="Validate report documents (.json) and data packages (a folder with "
        "datapackage.json, a datapackage.json, or a .zip) against the schema and rules of their "
        "edition, and packages against the rules across reports. Folders are searched. "
        "Exit 0: no error; 1: errors; 2: unusable input.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a .json document, a data package (folder, datapackage.json, .zip) or a folder")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text for people (default), json for programs")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="language of the text output (default zh)")
    parser.add_argument("--all", action="store_true",
                        help="list info findings one by one (by default they are counted)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import OpenGovReportError
    from ..io import read_document
    from ..package import validate_package
    from ..validation import validate

    reports = []
    unusable = 0
    inputs = list(expand(args.paths))
    for item in inputs:
        if item.problem is not None:
            print(f"opengovreport: {item.path}: {item.problem}", file=sys.stderr)
            unusable += 1
            continue
        try:
            if item.kind == "package":
                results = validate_package(item.path)
            else:
                document, name = read_document(item.path)
                results = [validate(document, file=name)]
        except OpenGovReportError as exc:
            print(f"opengovreport: {exc.with_file(item.path)}", file=sys.stderr)
            unusable += 1
            continue
        reports.extend(results)
        if args.format == "text":
            for result in results:
                sys.stdout.write(format_report(result, lang=args.lang, list_info=args.all))

    if args.format == "json":
        single = len(inputs) == 1 and inputs[0].kind == "document" and len(reports) == 1
        payload = reports[0].to_dict() if single else [r.to_dict() for r in reports]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if unusable:
        return EXIT_UNUSABLE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID
