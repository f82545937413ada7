"""``opengovreport convert IN... OUT``: between JSON report documents and data packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .inputs import expand


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "convert",
        help="convert between JSON documents and data packages / 格式转换",
        description="Convert report documents (.json files or folders) into a data package (a "
        "folder, or a .zip), or a data package into a folder of JSON documents (one per report, "
        "named by report id). Reports are written exactly as given; a document that breaks the "
        "schema is refused, since a CSV cell could not keep its value.",
    )
    parser.add_argument("inputs", nargs="+", metavar="IN")
    parser.add_argument("output", metavar="OUT")
    parser.add_argument("--to", choices=("auto", "package", "json"), default="auto",
                        help="what to write (auto: a package from documents, documents from packages; "
                        "a .zip OUT is always a package)")
    parser.add_argument("--name", default=None, help="the package's name (default: OUT's name)")
    parser.add_argument("--force", action="store_true", help="write into a non-empty folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..io import dump, load
    from ..package import from_package, to_package
    from ..package.write import generated_report_id

    reports = []
    items = list(expand(args.inputs))
    for item in items:
        if item.problem is not None:
            print(f"opengovreport: {item.path}: {item.problem}", file=sys.stderr)
            return 2
        if item.kind == "package":
            reports.extend(from_package(item.path))
        else:
            reports.append(load(item.path))
    output = Path(args.output)
    to = args.to
    if output.suffix.lower() == ".zip" or output.name == "datapackage.json":
        to = "package"
    elif to == "auto":
        to = "json" if any(item.kind == "package" for item in items) else "package"
    folder = output.parent if output.name == "datapackage.json" else output
    if folder.suffix.lower() != ".zip" and folder.is_dir() and any(folder.iterdir()) and not args.force:
        print(f"opengovreport: {folder}: the folder is not empty (use --force)", file=sys.stderr)
        return 2
    if to == "package":
        name = args.name or (output.stem if output.suffix else output.name) or "reports"
        written = to_package(reports, output, name=_package_name(name))
        print(f"{written}: {len(reports)} report(s)", file=sys.stderr)
        return 0
    output.mkdir(parents=True, exist_ok=True)
    for report in reports:
        dump(report, output / f"{report.id or generated_report_id(report)}.json")
    print(f"{output}: {len(reports)} document(s)", file=sys.stderr)
    return 0


def _package_name(name: str) -> str:
    # Data Package names are lower-case letters, digits and - . _
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-._") else "-" for ch in name.lower())
    return cleaned.strip("-._") or "reports"
