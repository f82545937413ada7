from __future__ import annotations

from pathlib import Path

import pytest

from .paths import EXAMPLES


@pytest.fixture
def pingtan_2021_path() -> Path:
    return EXAMPLES / "pingtan-2021.json"


@pytest.fixture
def pingtan_2021(pingtan_2021_path: Path) -> dict:
    from opengovreport.io import read_document

    document, _ = read_document(pingtan_2021_path)
    return document
