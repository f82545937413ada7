"""``opengovreport export PACKAGE --to sqlite:///portal.db``: a database to query across reports."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="export a data package to SQLite / 导出到数据库",
        description="Export a data package (folder, datapackage.json or .zip) to an SQLite database "
        "with one table per resource, primary and foreign keys included.",
    )
    parser.add_argument("package", metavar="PACKAGE")
    parser.add_argument("--to", required=True, metavar="URL",
                        help="sqlite:///FILE, e.g. sqlite:///portal.db")
    parser.add_argument("--replace", action="store_true", help="overwrite an existing database file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..package import export_sqlite
    from ..package.export import sqlite_path

    try:
        sqlite_path(args.to)
    except ValueError as exc:
        print(f"opengovreport: {exc}", file=sys.stderr)
        return 2
    path = export_sqlite(args.package, args.to, replace=args.replace)
    print(f"{path}", file=sys.stderr)
    return 0
