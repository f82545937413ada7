"""Start-up: ``import opengovreport`` and ``opengovreport --help``, each in fresh processes.

    python benchmarks/bench_startup.py [--runs 10]

``import`` is timed inside the process (from before to after the import statement);
``--help`` is the wall time of the installed console script, interpreter start-up
included, beside a bare ``python -c pass`` for scale. Medians of the runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    probe = "import time; t = time.perf_counter(); import opengovreport; print(time.perf_counter() - t)"
    imports = [float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(args.runs)]
    script = Path(sysconfig.get_path("scripts")) / "opengovreport"
    command = [str(script)] if script.exists() else [shutil.which("opengovreport") or "opengovreport"]
    helps = [wall([*command, "--help"]) for _ in range(args.runs)]
    bare = [wall([sys.executable, "-c", "pass"]) for _ in range(args.runs)]
    result = {
        "import_ms": statistics.median(imports) * 1000,
        "help_ms": statistics.median(helps) * 1000,
        "python_ms": statistics.median(bare) * 1000,
        "runs": args.runs,
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"Start-up: median of {args.runs} fresh processes\n")
    print("| what | ms |")
    print("|---|---:|")
    print(f"| import opengovreport (in the process) | {result['import_ms']:.1f} |")
    print(f"| opengovreport --help (wall, console script) | {result['help_ms']:.0f} |")
    print(f"| python -c pass (wall, for scale) | {result['python_ms']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
