"""Throughput of validating JSON report documents, beside merely parsing them.

    python benchmarks/bench_documents.py CORPUS/documents [--runs 5] [--limit N]

Every file is read into memory first (disk is not measured); then, in each run and in
the same process, one after the other: parsing every file with orjson (the fastest
parser here), parsing with the standard library, and full validation of the bytes
(``opengovreport.validation.validate_bytes``: parse, schema, every rule). The table
gives the median of the runs, and the ratio validation / orjson measured within each
run (then its median). One core: this is a single process, single thread.

Also shown: ``validate(document)`` on documents parsed beforehand, the share of
documents with findings, and the reference path (jsonschema and every rule evaluator,
``validate(..., fast=False)``) on a sample, for scale.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def _timed(function, items) -> float:  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    for item in items:
        function(item)
    return time.perf_counter() - start


def measure(folder: Path, runs: int = 5, limit: int | None = None) -> dict[str, float]:
    import orjson

    from opengovreport.io import read_document
    from opengovreport.validation import validate, validate_bytes

    files = sorted(folder.glob("*.json"))[:limit]
    data = [path.read_bytes() for path in files]
    documents = [read_document(item)[0] for item in data]
    n = len(data)
    validate_bytes(data[0])  # build the compiled checks once, outside the timings
    for code in {d["edition"] for d in documents}:
        validate(next(d for d in documents if d["edition"] == code))

    clean = [item for item in data if not validate_bytes(item).findings]
    rows: dict[str, list[float]] = {"orjson": [], "json": [], "validate_bytes": [], "validate": [],
                                    "ratio": [], "clean": [], "clean_orjson": [], "clean_ratio": []}
    for _ in range(runs):
        t_orjson = _timed(orjson.loads, data)
        t_json = _timed(json.loads, data)
        t_full = _timed(validate_bytes, data)
        t_parsed = _timed(validate, documents)
        t_clean = _timed(validate_bytes, clean)
        t_clean_orjson = _timed(orjson.loads, clean)
        rows["orjson"].append(t_orjson)
        rows["json"].append(t_json)
        rows["validate_bytes"].append(t_full)
        rows["validate"].append(t_parsed)
        rows["ratio"].append(t_full / t_orjson)
        rows["clean"].append(t_clean)
        rows["clean_orjson"].append(t_clean_orjson)
        rows["clean_ratio"].append(t_clean / t_clean_orjson)
    sample = documents[: min(200, n)]
    t_reference = _timed(lambda d: validate(d, fast=False), sample) / len(sample)
    with_findings = n - len(clean)
    median = {k: statistics.median(v) for k, v in rows.items()}
    return {
        "documents": n,
        "bytes": sum(len(item) for item in data),
        "orjson_per_s": n / median["orjson"],
        "json_per_s": n / median["json"],
        "validate_bytes_per_s": n / median["validate_bytes"],
        "validate_parsed_per_s": n / median["validate"],
        "ratio_to_orjson": median["ratio"],
        "clean_documents": len(clean),
        "clean_per_s": len(clean) / median["clean"],
        "clean_ratio_to_orjson": median["clean_ratio"],
        "reference_per_s": 1 / t_reference,
        "with_findings": with_findings / n,
        "runs": runs,
    }


def table(result: dict[str, float]) -> str:
    n = int(result["documents"])
    lines = [
        f"JSON documents: {n:,} files, {result['bytes'] / n / 1024:.1f} KiB each on average, "
        f"{result['with_findings']:.0%} with findings; median of {int(result['runs'])} runs, one core",
        "",
        "| what | reports/s | µs/report |",
        "|---|---:|---:|",
    ]
    for key, label in [
        ("orjson_per_s", "parse only, orjson"),
        ("json_per_s", "parse only, json (standard library)"),
        ("validate_bytes_per_s", "**full validation from bytes** (parse + schema + every rule)"),
        ("validate_parsed_per_s", "validate(document), already parsed"),
        ("clean_per_s", "full validation, only the documents without findings"),
        ("reference_per_s", "reference: jsonschema + every evaluator (fast=False), 200 documents"),
    ]:
        lines.append(f"| {label} | {result[key]:,.0f} | {1e6 / result[key]:,.0f} |")
    lines.append("")
    lines.append(f"full validation / orjson parse (median of per-run ratios): **{result['ratio_to_orjson']:.1f}×** "
                 f"(documents without findings: {result['clean_ratio_to_orjson']:.1f}×)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    result = measure(args.folder, args.runs, args.limit)
    print(json.dumps(result) if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
