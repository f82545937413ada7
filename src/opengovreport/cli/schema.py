"""``opengovreport schema``: print the JSON Schema of an edition, or its path."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..editions import EDITION_CODES


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of an edition / 输出某版式的 JSON Schema",
        description="Print the JSON Schema (Draft 2020-12) of a report document of one edition.",
    )
    parser.add_argument("--edition", choices=EDITION_CODES, default=EDITION_CODES[0])
    parser.add_argument("--path", action="store_true", help="print the schema file's path instead")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..schema import schema_path
    from ..schema.generate import report_schema_name

    path = schema_path(report_schema_name(args.edition))
    if args.path:
        print(path)
    else:
        sys.stdout.write(path.read_text(encoding="utf-8"))
    return 0
