"""``opengovreport validate PATH...``: check report documents, print the findings."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .main import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE
from .inputs import expand
from .output import format_report


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "validate",
        help="validate report documents / 校验年度报告数据",
        description="Validate report documents (.json files, or folders of them) against the "
        "schema and rules of their edition. Exit 0: no error; 1: errors; 2: unusable input.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a .json file or a folder")
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
    from ..validation import validate

    reports = []
    unusable = 0
    inputs = list(expand(args.paths))
    for path, problem in inputs:
        if problem is not None:
            print(f"opengovreport: {path}: {problem}", file=sys.stderr)
            unusable += 1
            continue
        try:
            document, name = read_document(path)
            report = validate(document, file=name)
        except OpenGovReportError as exc:
            print(f"opengovreport: {exc.with_file(path)}", file=sys.stderr)
            unusable += 1
            continue
        reports.append(report)
        if args.format == "text":
            sys.stdout.write(format_report(report, lang=args.lang, list_info=args.all))

    if args.format == "json":
        single = len(inputs) == 1 and not Path(args.paths[0]).is_dir()
        payload = reports[0].to_dict() if single and reports else [r.to_dict() for r in reports]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if unusable:
        return EXIT_UNUSABLE
    return EXIT_OK if all(r.valid for r in reports) else EXIT_INVALID
