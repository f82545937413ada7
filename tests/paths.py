from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT / "tests" / "corpus"
DATAPACKAGES = ROOT / "datapackages"
EXAMPLES = ROOT / "examples"
