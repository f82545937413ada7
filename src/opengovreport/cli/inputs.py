"""Turning the PATH arguments of a command into input files."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator


def expand(paths: list[str], suffix: str = ".json") -> Iterator[tuple[Path, str | None]]:
    """(file, problem) for every input; a folder gives its files with ``suffix``, sorted."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob(f"*{suffix}") if p.is_file())
            if not files:
                yield path, f"the folder holds no {suffix} file"
            yield from ((f, None) for f in files)
        elif path.exists():
            yield path, None
        else:
            yield path, "no such file or folder"
