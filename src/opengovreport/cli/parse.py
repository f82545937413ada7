"""``opengovreport parse FILE...``: published pages (HTML or text) to report documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..editions.codelists import ISSUER_KIND, ISSUER_LEVEL, SCOPE


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "parse",
        help="parse published pages into report documents / 解析已发布的年度报告页面",
        description="Parse published report pages (HTML or text; UTF-8, UTF-8 with BOM or GB18030) "
        "into report documents. Every cell is read from the page or left out with a reason; "
        "numbers are never guessed. Diagnostics go to stderr. Exit 0: every page parsed; "
        "1: a page had no statistics table or an unsupported layout; 2: unusable input.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="a .json file (one page), a folder (one .json per page), or with "
                        "--format package a package folder or .zip; default: standard output")
    parser.add_argument("--format", choices=("json", "package", "result"), default="json",
                        help="json: report documents; package: a data package; result: the full "
                        "parse results (report, where each cell was read, diagnostics, findings)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--issuer", help="the issuing organ's name, when the page does not print it")
    parser.add_argument("--level", choices=ISSUER_LEVEL.values())
    parser.add_argument("--kind", choices=ISSUER_KIND.values())
    parser.add_argument("--scope", choices=SCOPE.values())
    parser.add_argument("--year", type=int)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import OpenGovReportError
    from ..io import dumps
    from ..package import to_package
    from ..parsing import parse

    options = {k: getattr(args, k) for k in ("issuer", "level", "kind", "scope", "year")
               if getattr(args, k) is not None}
    results = []
    unusable = 0
    for name in args.files:
        try:
            result = parse(Path(name), **options)
        except OpenGovReportError as exc:
            print(f"opengovreport: {exc}", file=sys.stderr)
            unusable += 1
            continue
        results.append(result)
        _summary(result, args.lang)
    parsed = [r for r in results if r.report is not None]
    if args.format == "package":
        if not args.output:
            print("opengovreport: --format package needs -o OUT", file=sys.stderr)
            return 2
        to_package([r.report for r in parsed if r.report is not None], args.output)
    elif args.format == "result":
        payload: Any = [r.to_dict() for r in results]
        _write(dumps(payload[0] if len(payload) == 1 else payload), args.output)
    elif args.output and len(args.files) > 1:
        folder = Path(args.output)
        folder.mkdir(parents=True, exist_ok=True)
        for result in parsed:
            assert result.report is not None and result.file is not None
            (folder / f"{Path(result.file).stem}.json").write_text(dumps(result.report), encoding="utf-8")
    else:
        documents = [r.report.to_dict() for r in parsed if r.report is not None]
        if documents:
            _write(dumps(documents[0] if len(documents) == 1 else documents), args.output)
    if unusable:
        return 2
    return 0 if len(parsed) == len(results) else 1


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _summary(result: Any, lang: str) -> None:
    zh = lang == "zh"
    name = result.file or "<page>"
    if result.report is None:
        first = result.diagnostics[-1]
        print(f"{name}: {first.message_zh if zh else first.message_en}", file=sys.stderr)
        return
    total = len(result.report.definition.cells)
    read = len(result.sources)
    head = (f"{name}：{result.edition} 版式，读取 {read}/{total} 个单元格" if zh
            else f"{name}: edition {result.edition}, {read}/{total} cells read")
    print(head, file=sys.stderr)
    for diagnostic in result.diagnostics:
        if diagnostic.severity == "info":
            continue
        print(f"  [{diagnostic.code}] {diagnostic.message_zh if zh else diagnostic.message_en}",
              file=sys.stderr)
    for finding in result.findings:
        if finding.severity.value != "info":
            print(f"  [{finding.code}] {finding.message(lang)}", file=sys.stderr)
