"""Build the 平潭综合实验区 report documents (editions 2019 and 2021) from the copied corpus.

Numbers come from the verified truth files (tests/corpus/truth/pingtan-<year>.json),
narrative text verbatim from the page text (tests/corpus/pages/…), source metadata
from the HTML page. Run from the project root:

    python tools/build_pingtan_documents.py

The output lives in examples/; tests/test_corpus_documents.py checks it
against the truth files, so a slip here fails the suite.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from opengovreport import Report, dump, get_edition, validate  # noqa: E402
from opengovreport.model.tree import nest_cells  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
YEARS = (2019, 2021, 2023, 2024, 2025)

INTRODUCTION_START = "根据《中华人民共和国政府信息公开条例》"

SECTIONS = (
    ("introduction", INTRODUCTION_START, "一、总体情况"),
    ("overview", "一、总体情况", "二、主动公开政府信息情况"),
    ("problems", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"),
    ("other_matters", "六、其他需要报告的事项", None),
)


def narrative(body: str) -> dict[str, str]:
    texts = {}
    for key, start, end in SECTIONS:
        begin = body.index(start) + (0 if key == "introduction" else len(start))
        stop = body.index(end, begin) if end else len(body)
        text = body[begin:stop].strip()
        text = re.sub(r"\s*附件下载\s*$", "", text)
        texts[key] = text
    return texts


def build(year: int) -> dict:
    truth = json.loads((CORPUS / "truth" / f"pingtan-{year}.json").read_text(encoding="utf-8"))
    html = (CORPUS / "html" / f"pingtan-{year}.html").read_bytes()
    page = next((CORPUS / "pages").glob(f"{year}_*_pingtan-zhsyq.txt")).read_text(encoding="utf-8")
    body = page.split("==================== 正文 ====================", 1)[1]
    text = html.decode("utf-8")
    url = re.search(r'<meta name="Url" content="([^"]+)"', text).group(1)
    published = re.search(r'<meta name="PubDate" content="(\d{4}-\d{2}-\d{2})', text).group(1)
    edition = get_edition(truth["edition"])
    missing = [c.id for c in edition.cells if c.id not in truth["cells"]]
    if missing:
        raise SystemExit(f"pingtan-{year}: truth lacks {missing}")
    document = {
        "id": f"pingtan-{year}",
        "standard": "1.0",
        "edition": truth["edition"],
        "year": truth["year"],
        "issuer": {
            "name": truth["issuer"],
            "division_code": "350128",
            "level": "prefectural",
            "kind": "other",
        },
        "scope": "aggregate",
        "published": published,
        "source": {
            "url": url,
            "sha256": hashlib.sha256(html).hexdigest(),
            "media_type": "text/html",
        },
        "narrative": narrative(body),
        **nest_cells(edition, truth["cells"]),
    }
    return document


def main() -> int:
    out = ROOT / "examples"
    out.mkdir(parents=True, exist_ok=True)
    for year in YEARS:
        document = json.loads(json.dumps(build(year)), parse_float=__import__("decimal").Decimal)
        report = Report.from_dict(document)
        result = validate(report)
        path = out / f"pingtan-{year}.json"
        dump(report, path)
        print(f"{path.relative_to(ROOT)}: {result.counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
