"""Turning the PATH arguments of a command into inputs: report documents and data packages."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class Input:
    path: Path
    kind: str
    """``document`` (a JSON report document) or ``package`` (a data package)."""
    problem: str | None = None


def _kind(path: Path) -> str:
    if path.name == "datapackage.json" or path.suffix.lower() == ".zip":
        return "package"
    return "document"


def _walk(folder: Path) -> Iterator[Input]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        here = Path(root)
        if "datapackage.json" in files:
            dirs.clear()  # a package's own files are read through the package
            yield Input(here, "package")
            continue
        for name in sorted(files):
            if name.endswith(".json") or name.lower().endswith(".zip"):
                yield Input(here / name, _kind(here / name))


def expand(paths: list[str]) -> Iterator[Input]:
    """Every input named: files as they are, folders searched for packages and .json documents."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = list(_walk(path))
            if not found:
                yield Input(path, "document", "the folder holds no .json document or data package")
            yield from found
        elif path.is_file():
            yield Input(path, _kind(path))
        else:
            yield Input(path, "document", "no such file or folder")
