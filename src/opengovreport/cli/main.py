"""Entry point of the ``opengovreport`` command.

Exit codes: 0 no error, 1 the data has errors, 2 unusable input or usage.
No command ever ends in a traceback: unusable input is reported with the
file, the place and the reason.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from ..version import STANDARD_VERSION, __version__

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    from . import convert, export, indicators, parse, schema, serve, validate

    parser = argparse.ArgumentParser(
        prog="opengovreport",
        description="政府信息公开工作年度报告：校验、转换与数据标准 / "
        "Validate and convert government information-disclosure annual reports.",
    )
    parser.add_argument(
        "--version", action="version",
        version=f"opengovreport {__version__} (standard {STANDARD_VERSION})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (validate, parse, indicators, convert, export, schema, serve):
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from ..errors import OpenGovReportError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_UNUSABLE
    try:
        return int(args.run(args))
    except OpenGovReportError as exc:
        print(f"opengovreport: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # a file we were asked to write or read, e.g. a folder that is a file
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"opengovreport: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # a bug of ours: say so plainly, without a traceback
        print(
            f"opengovreport: internal error ({type(exc).__name__}: {exc}); "
            "please report it with the input that caused it",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
