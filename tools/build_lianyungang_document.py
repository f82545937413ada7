"""Build the 连云港市 2017 reference report (edition 2014) from the copied corpus.

Numbers come from the verified truth file (tests/corpus/truth/000_965a7cb5ed049dd9.json);
percentages keep their printed decimals (0.30, not 0.3); narrative sections are the
page text verbatim, injected spam included (the corpus is never tidied). Run from the
project root:

    python tools/build_lianyungang_document.py

tests/test_reference_report.py reads the source text independently and checks every
value of the document against it, so a transcription slip fails the suite.
"""

from __future__ import annotations

import decimal
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from opengovreport import Report, dump, get_edition, validate  # noqa: E402
from opengovreport.model.tree import nest_cells  # noqa: E402

SOURCE = ROOT / "tests" / "corpus" / "000_965a7cb5ed049dd9.txt"
TRUTH = ROOT / "tests" / "corpus" / "truth" / "000_965a7cb5ed049dd9.json"

# (narrative key, first line, line that ends the section)
SECTIONS = (
    ("introduction", "本年度报告根据", "一、2017年我市政府信息公开工作开展情况"),
    ("overview", "一、2017年我市政府信息公开工作开展情况", "二、主动公开重点领域政府信息情况"),
    ("key_areas", "二、主动公开重点领域政府信息情况", "三、2017年信息公开工作不足及2018年工作重点"),
    ("problems", "三、2017年信息公开工作不足及2018年工作重点", "附件:1."),
)


def narrative(lines: list[str]) -> dict[str, str]:
    texts = {}
    for key, first, stop in SECTIONS:
        start = next(i for i, line in enumerate(lines) if line.startswith(first))
        end = next(i for i, line in enumerate(lines) if i > start and line.startswith(stop))
        body = lines[start + (0 if key == "introduction" else 1) : end]
        texts[key] = "\n".join(line for line in body if line)
    return texts


def printed_decimals(raw: dict[str, str], cells: dict[str, object]) -> dict[str, object]:
    """Values as printed: a percent printed "0.30" is Decimal("0.30"), not 0.3."""
    result = dict(cells)
    for cell_id, value in cells.items():
        text = raw.get(cell_id, "")
        if value is not None and "." in text:
            assert decimal.Decimal(text) == decimal.Decimal(str(value)), cell_id
            result[cell_id] = decimal.Decimal(text)
    return result


def build() -> dict:
    data = SOURCE.read_bytes()
    lines = [line.replace("\xa0", " ").strip() for line in data.decode("utf-8").splitlines()]
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    edition = get_edition("2014")
    missing = [c.id for c in edition.cells if c.id not in truth["cells"]]
    if missing:
        raise SystemExit(f"truth lacks {missing}")
    return {
        "id": "lianyungang-2017",
        "standard": "1.0",
        "edition": "2014",
        "year": 2017,
        "issuer": {
            "name": truth["issuer"],
            "division_code": "320700",
            "level": "prefectural",
            "kind": "government",
        },
        "scope": "aggregate",
        # Printed "2018228": 年/月/日 were lost; only 2018-02-28 reads as a date.
        "published": "2018-02-28",
        "source": {"sha256": hashlib.sha256(data).hexdigest(), "media_type": "text/plain"},
        "narrative": narrative(lines),
        **nest_cells(edition, printed_decimals(truth["raw"], truth["cells"])),
    }


def main() -> int:
    out = ROOT / "examples"
    out.mkdir(parents=True, exist_ok=True)
    report = Report.from_dict(build())
    path = out / "lianyungang-2017.json"
    dump(report, path)
    print(f"{path.relative_to(ROOT)}: {validate(report).counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
