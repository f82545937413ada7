"""Parser accuracy and speed on every corpus file that has a truth file.

    python benchmarks/parse_accuracy.py            # the table
    python benchmarks/parse_accuracy.py --repeat 5 # median time of 5 parses per file

Per file: truth cells, correct, wrong (a value different from the truth, including a
value where the truth has null), missing (not read); for the 平潭 pages, the cells read
beyond the page's truth file are checked against the verified HTML values ("extra").
Then pages per second for HTML and for text. The corpus is tests/corpus (a copy of
../shared/corpus), so this runs from a clean clone.
"""

from __future__ import annotations

import argparse
import decimal
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "src"))

from opengovreport.parsing import ParseResult, parse_text, split_corpus_header  # noqa: E402


@dataclass
class FileScore:
    name: str
    kind: str
    complete: bool
    truth_edition: str | None
    status: str
    edition: str | None
    truth: int
    correct: int
    wrong: list[tuple[str, object, object]]
    missing: list[str]
    extra_checked: int
    extra_wrong: list[tuple[str, object, object]]
    seconds: float
    result: ParseResult


def source_of(truth_name: str) -> tuple[Path, str]:
    if truth_name.startswith("pingtan-"):
        return CORPUS / "html" / f"{truth_name}.html", "html"
    if truth_name.startswith("000_"):
        return CORPUS / f"{truth_name}.txt", "text"
    return CORPUS / "pages" / f"{truth_name}.txt", "text"


def page_text(path: Path) -> str:
    """The page as stored: corpus page files start with a header block ended by '---'."""
    return split_corpus_header(path.read_text(encoding="utf-8"))[1]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"), parse_float=decimal.Decimal)


def evaluate(repeat: int = 1) -> list[FileScore]:
    scores = []
    for truth_path in sorted((CORPUS / "truth").glob("*.json")):
        name = truth_path.stem
        truth = _load(truth_path)
        source, kind = source_of(name)
        text = page_text(source)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            result = parse_text(text)
            times.append(time.perf_counter() - started)
        read = result.cells_read
        wrong, missing, correct = [], [], 0
        for cell, value in truth["cells"].items():
            if cell not in read:
                missing.append(cell)
            elif read[cell] == value and (read[cell] is None) == (value is None):
                correct += 1
            else:
                wrong.append((cell, value, read[cell]))
        extra_checked, extra_wrong = 0, []
        html_truth = CORPUS / "truth" / f"pingtan-{truth.get('year')}.json"
        if "pingtan-zhsyq" in name and html_truth.is_file():
            full = _load(html_truth)["cells"]
            for cell, value in read.items():
                if cell in truth["cells"] or cell not in full:
                    continue
                extra_checked += 1
                if full[cell] != value:
                    extra_wrong.append((cell, full[cell], value))
        scores.append(FileScore(
            name, kind, bool(truth.get("complete", True)), truth.get("edition"), result.status,
            result.edition, len(truth["cells"]), correct, wrong, missing, extra_checked,
            extra_wrong, statistics.median(times), result,
        ))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    scores = evaluate(args.repeat)
    header = f"{'file':48} {'status':18} {'ed.':5} {'truth':>5} {'ok':>5} {'wrong':>5} {'miss':>5} {'extra':>5} {'ms':>7}"
    print(header)
    print("-" * len(header))
    for s in scores:
        extra = f"{s.extra_checked - len(s.extra_wrong)}/{s.extra_checked}" if s.extra_checked else ""
        print(f"{s.name[:48]:48} {s.status:18} {str(s.edition or '-'):5} {s.truth:5} {s.correct:5} "
              f"{len(s.wrong):5} {len(s.missing):5} {extra:>5} {s.seconds * 1000:7.1f}")
    total = sum(s.truth for s in scores)
    correct = sum(s.correct for s in scores)
    wrong = sum(len(s.wrong) + len(s.extra_wrong) for s in scores)
    missing = sum(len(s.missing) for s in scores)
    complete = [s for s in scores if s.complete and s.truth]
    recovered = sum(s.correct for s in complete) / max(1, sum(s.truth for s in complete))
    print("-" * len(header))
    print(f"{'total':48} {'':18} {'':5} {total:5} {correct:5} {wrong:5} {missing:5}")
    print(f"complete reports: {recovered:.1%} of truth cells recovered; wrong cells in all files: {wrong}")
    for kind in ("html", "text"):
        seconds = sum(s.seconds for s in scores if s.kind == kind)
        pages = sum(1 for s in scores if s.kind == kind)
        if pages:
            print(f"{kind}: {pages} pages, {pages / seconds:.1f} pages/s (median of {args.repeat} runs each)")
    for s in scores:
        for cell, expected, got in s.wrong + s.extra_wrong:
            print(f"WRONG {s.name}: {cell} truth {expected!r}, parsed {got!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
