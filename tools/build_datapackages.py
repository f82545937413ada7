"""Build the shipped data packages in datapackages/ from the report documents in examples/.

    python tools/build_datapackages.py

tests/test_datapackages.py fails when a shipped package differs from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from opengovreport import load  # noqa: E402
from opengovreport.package import build_package  # noqa: E402

PACKAGES: dict[str, dict[str, Any]] = {
    "pingtan": {
        "documents": ["pingtan-2019", "pingtan-2021", "pingtan-2023", "pingtan-2024", "pingtan-2025"],
        "title": "平潭综合实验区政府信息公开工作年度报告 2019–2025 / Pingtan annual reports",
        "description": "平潭综合实验区 2019、2021、2023、2024、2025 年度政府信息公开工作年度报告（全区汇总），"
        "数字取自已核对的页面转录。The Pingtan Comprehensive Experimental Zone's annual reports, "
        "numbers from verified transcriptions of the published pages.",
    },
    "lianyungang": {
        "documents": ["lianyungang-2017"],
        "title": "连云港市 2017 年度政府信息公开工作年度报告 / Lianyungang 2017 annual report",
        "description": "连云港市 2017 年度报告（2014 版统计表的参考样例，全市汇总）。The reference "
        "example of the 2014 statistics table.",
    },
}


def files(name: str) -> dict[str, str]:
    spec = PACKAGES[name]
    reports = [load(ROOT / "examples" / f"{document}.json") for document in spec["documents"]]
    return build_package(reports, name=name, title=spec["title"], description=spec["description"])


def main() -> int:
    for name in PACKAGES:
        for path, text in files(name).items():
            target = ROOT / "datapackages" / name / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        print(f"datapackages/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
