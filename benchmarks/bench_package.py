"""Validating a large data package: time and peak memory, beside ``frictionless validate``.

    python benchmarks/bench_package.py PACKAGE [--frictionless PACKAGE] [--runs 3]

Each run is a fresh process, ``opengovreport validate PACKAGE`` (text) with its
output thrown away; the table gives the median wall time and the peak resident memory
(``ru_maxrss`` of that process). ``frictionless validate`` runs on the package given with
``--frictionless`` (the same package by default; a smaller one of the same corpus is
scaled up by the ratio of report counts when the large one would take too long), in
the same run, so that the speed ratio compares like with like.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_measured(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MiB, exit code) of one fresh process, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def reports_in(package: Path) -> int:
    with (package / "data" / "reports.csv").open(encoding="utf-8", newline="") as handle:
        import csv

        return sum(1 for _ in csv.reader(handle)) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path)
    parser.add_argument("--frictionless", type=Path, default=None,
                        help="the package frictionless validates (default: the same)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    ours = [sys.executable, "-m", "opengovreport", "validate", str(args.package)]
    times, memory, codes = [], [], set()
    for _ in range(args.runs):
        elapsed, rss, code = run_measured(ours)
        times.append(elapsed)
        memory.append(rss)
        codes.add(code)
    n = reports_in(args.package)
    friction_package = args.frictionless or args.package
    m = reports_in(friction_package)
    friction = [sys.executable, "-m", "frictionless", "validate", str(friction_package / "datapackage.json")]
    f_elapsed, f_rss, f_code = run_measured(friction)
    scaled = f_elapsed * n / m
    result = {
        "reports": n,
        "seconds": statistics.median(times),
        "peak_rss_mib": max(memory),
        "exit_codes": sorted(codes),
        "frictionless_reports": m,
        "frictionless_seconds": f_elapsed,
        "frictionless_peak_rss_mib": f_rss,
        "frictionless_seconds_scaled": scaled,
        "speedup": scaled / statistics.median(times),
        "runs": args.runs,
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"Data package: {n:,} reports; median of {args.runs} runs (fresh processes)\n")
    print("| what | seconds | reports/s | peak RSS |")
    print("|---|---:|---:|---:|")
    print(f"| opengovreport validate ({n:,} reports) | {result['seconds']:.1f} | "
          f"{n / result['seconds']:,.0f} | {result['peak_rss_mib']:,.0f} MiB |")
    label = f"frictionless validate ({m:,} reports)"
    print(f"| {label} | {f_elapsed:.1f} | {m / f_elapsed:,.0f} | {f_rss:,.0f} MiB |")
    if m != n:
        print(f"| frictionless, scaled to {n:,} reports | {scaled:.0f} | {m / f_elapsed:,.0f} | |")
    print(f"\nopengovreport is **{result['speedup']:.0f}×** faster than frictionless "
          f"(exit codes: ours {sorted(codes)}, frictionless {f_code})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
