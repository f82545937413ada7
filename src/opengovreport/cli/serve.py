"""``opengovreport serve``: the web validator on a local address (needs the [web] extra)."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="run the web validator / 启动网页校验工具",
        description="Run the web validator for publishers. It binds to 127.0.0.1 (this machine "
        "only) unless --host says otherwise. Needs: pip install \"opengovreport[web]\".",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--max-upload-mb", type=float, default=20.0,
                        help="largest upload accepted, in MB (default 20)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import flask  # noqa: F401
    except ImportError:
        print('opengovreport: the web validator needs Flask: pip install "opengovreport[web]"',
              file=sys.stderr)
        return 2
    from ..web.app import serve

    print(f"opengovreport: http://{args.host}:{args.port}/", file=sys.stderr)
    serve(args.host, args.port, int(args.max_upload_mb * 1024 * 1024))
    return 0
