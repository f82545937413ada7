"""``opengovreport validate PATH...``: check report documents, print the findings."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .main import EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE
from .inputs import expand


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
    import gc

    from ..errors import OpenGovReportError
    from ..package import validate_package
    from ..package.validate import default_workers
    from ..validation import validate_file
    from .output import format_report
    from .progress import Progress

    inputs = list(expand(args.paths))
    documents = sum(1 for item in inputs if item.kind == "document" and item.problem is None)
    single = len(inputs) == 1 and inputs[0].kind == "document"
    out = _JsonArray(sys.stdout) if args.format == "json" and not single else None
    progress = Progress()
    unusable = 0
    invalid = False
    done_documents = 0
    singles = []
    try:
        for item in inputs:
            if item.problem is not None:
                print(f"opengovreport: {item.path}: {item.problem}", file=sys.stderr)
                unusable += 1
                continue
            try:
                if item.kind == "package":
                    def step(done: int, total: int, label: str = str(item.path)) -> None:
                        progress.update(done, total, label=label)

                    results = validate_package(item.path, progress=step, workers=default_workers())
                    # A large package's results live to the end and hold no reference cycles:
                    # keep the cycle collector from walking them again while they are printed.
                    gc.freeze()
                    progress.advance(len(results) - 1)
                else:
                    results = [validate_file(item.path)]
                    done_documents += 1
                    progress.update(done_documents, documents)
            except OpenGovReportError as exc:
                progress.close()
                print(f"opengovreport: {exc.with_file(item.path)}", file=sys.stderr)
                unusable += 1
                continue
            invalid = invalid or not all(r.valid for r in results)
            if args.format == "text":
                progress.clear_for(sys.stdout)
                for result in results:
                    sys.stdout.write(format_report(result, lang=args.lang, list_info=args.all))
            elif out is not None:
                progress.clear_for(sys.stdout)
                for result in results:
                    out.write(result.to_dict())
            else:
                singles.extend(results)
    finally:
        progress.close()

    if args.format == "json":
        if out is not None:
            out.close()
        elif len(singles) == 1:
            json.dump(singles[0].to_dict(), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            sys.stdout.write("[]\n")
    if unusable:
        return EXIT_UNUSABLE
    return EXIT_INVALID if invalid else EXIT_OK


class _JsonArray:
    """Writes a JSON array element by element, exactly as ``json.dump(list, indent=2)`` would."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.count = 0

    def write(self, element: Any) -> None:
        text = json.dumps(element, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.stream.write(("[\n  " if self.count == 0 else ",\n  ") + text)
        self.count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self.count else "[]\n")
