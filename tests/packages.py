"""Making damaged copies of data packages, for the tests of the package readers."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any, Callable


def copy_package(package: Path, tmp_path: Path) -> Path:
    target = tmp_path / package.name
    shutil.copytree(package, target)
    return target


def edit_descriptor(package: Path, change: Callable[[dict[str, Any]], Any]) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


def rewrite_csv(path: Path, change: Callable[[list[list[str]]], Any], line_end: str = "\n") -> None:
    """Read a CSV file's rows, let ``change`` edit them in place, write them back."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
