"""Reading an edition's cells from page text, label by label in printed order.

For every row of the edition, its label is found after the previous row's; the
text between the label and the next heading holds the row's values. That text is
read in whichever way the page was flattened: cells ended by pipes ("56 |"),
whitespace-separated cells (one per line, PDF text), or digits run together
(fused; see :mod:`.split`). A value is never invented: a cell that cannot be read
with certainty stays unread and a diagnostic says why.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..editions import CellKind, Column
from .labels import RowTarget, headings, targets
from .normalize import canon, compact_of
from .result import CellSource, Diagnostic
from .split import agreed, candidates, satisfies, solve_joint
from .values import UNITS, is_value_text, read_value

_NOISE_TOKEN = re.compile(r"^[?\ufffd]+$")
_QUOTES = re.compile("[“”‘’\"'「」『』]")
_RL_ANCHORS = ("四、政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼情况")
_RL_HEADERS = {canon(t) for t in ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持",
                                  "结果纠正", "其他结果", "尚未审结", "总计")}


@dataclass
class Extraction:
    edition: str
    cells: dict[str, CellSource] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    labels_found: int = 0
    headers_found: int = 0
    table_start: int | None = None
    table_end: int = 0


@dataclass
class _Gap:
    text: str
    start: int
    at_end: bool
    line: int


def _occurrences(haystack: str, needle: str, start: int = 0) -> list[int]:
    found = []
    position = haystack.find(needle, start)
    while position != -1:
        found.append(position)
        position = haystack.find(needle, position + 1)
    return found


class _Page:
    def __init__(self, text: str, edition: str) -> None:
        self.text = text
        self.compact = compact_of(text)
        spans = []
        for heading in headings(edition):
            for at in _occurrences(self.compact.compact, heading):
                spans.append((at, at + len(heading)))
        # Keep the longest heading at each place: "行政规范性文件" is not "规范性文件".
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        kept: list[tuple[int, int]] = []
        for span in spans:
            if kept and span[0] < kept[-1][1]:
                continue
            kept.append(span)
        # A page cut inside a label ("3.补正后申请内容" at its very end): that label still ends
        # the row before it.
        prefixes = heading_prefixes(edition)
        longest = max((len(p) for p in prefixes), default=0)
        tail_start = max(kept[-1][1] if kept else 0, len(self.compact.compact) - longest)
        tail = self.compact.compact[tail_start:]
        for offset in range(len(tail) - 1):
            piece = tail[offset:]
            if len(piece) >= 3 and piece in prefixes:
                kept.append((tail_start + offset, len(self.compact.compact)))
                break
        self.stops = kept
        self.stop_starts = [s for s, _ in kept]

    def covered_by_longer(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.stop_starts, start) - 1
        for s, e in self.stops[max(index - 1, 0): index + 2]:
            if s <= start and end <= e and (s, e) != (start, end):
                return True
        return False

    def gap_after(self, label_end: int) -> _Gap:
        index = bisect.bisect_left(self.stop_starts, label_end)
        stop = self.stop_starts[index] if index < len(self.stop_starts) else len(self.compact.compact)
        start = self.compact.end(label_end)
        end = self.compact.start(stop) if stop < len(self.compact.compact) else len(self.text)
        return _Gap(self.text[start:end], start, stop >= len(self.compact.compact),
                    self.compact.line_of(start))


def _tokens(gap: _Gap) -> tuple[list[str], bool, str]:
    """(value tokens in order, whether they end the row cleanly, mode)."""
    # A label's closing quote (危及“三安全一稳定”) is left in the gap: it is not a value.
    text = _QUOTES.sub(" ", gap.text)
    if "|" in text:
        items = text.split("|")
        terminated = items[1:-1]  # the first belongs to the label's cell; the last is unended
        tokens = []
        for item in terminated:
            token = unicodedata.normalize("NFKC", item).strip()
            if not is_value_text(token):
                return tokens, True, "pipe"
            tokens.append(token)
        return tokens, not gap.at_end, "pipe"
    raw = unicodedata.normalize("NFKC", text).split()
    # Values on separate lines were separate cells: only values on one line can have fused.
    mode = "line" if "\n" in text.strip() else "space"
    tokens = []
    for token in raw:
        if _NOISE_TOKEN.match(token) or token in UNITS:
            continue
        if not is_value_text(token):
            return tokens, True, mode
        tokens.append(token)
    return tokens, not gap.at_end, mode


def _read_row(page: _Page, result: Extraction, target: RowTarget, gap: _Gap,
              fused_rows: dict[str, Any]) -> None:
    tokens, complete, mode = _tokens(gap)
    n = len(target.cells)
    if not complete and mode != "pipe" and tokens and not gap.text[-1:].isspace():
        # The page ends right after the last value, which may have been cut short ("76" of
        # "769"). Keep it only when the row's own sum proves it whole.
        whole = False
        if len(tokens) == n and target.constraints and all(t.isdigit() for t in tokens):
            whole = all(int(tokens[t]) == sum(int(tokens[i]) for i in parts)
                        for t, parts in target.constraints)
        if not whole:
            tokens = tokens[:-1]
    name = target.row.key if target.row is not None else target.table.key

    def put(index: int, token: str, method: str, value: Any = None, note: str = "") -> None:
        cell_id, column = target.cells[index]
        if method in ("cell", "partial"):
            read = read_value(token, column.kind)
            if read.problem:
                result.diagnostics.append(Diagnostic(
                    "PARSE-UNREADABLE-VALUE", "warning",
                    f"“{cell_id}”的值 {token!r} 无法读取：{read.problem}",
                    f"{cell_id}: {token!r} cannot be read: {read.problem}", (cell_id,), gap.line))
                return
            value, note = read.value, read.note
            if note and ("sign" in note or "minus" in note or "garbled" in note):
                result.diagnostics.append(Diagnostic(
                    "PARSE-VALUE-FIXED", "warning", f"“{cell_id}”：{note}", f"{cell_id}: {note}",
                    (cell_id,), gap.line))
            if value is None:
                method = "blank"
        result.cells[cell_id] = CellSource(cell_id, value, token, gap.line, gap.start, method, note)

    if mode == "pipe" and len(tokens) > n:
        tokens = tokens[:n]  # row-end markers ("||") after the row's cells
    if len(tokens) == n:
        for index in range(n):
            put(index, tokens[index], "cell")
        return
    if not tokens:
        if complete and _QUOTES.sub("", gap.text).strip(" \t\r\n|\xa0\u3000") == "":
            for index in range(n):
                put(index, "", "cell")
            return
        result.diagnostics.append(Diagnostic(
            "PARSE-CELL-NOT-FOUND", "warning", f"“{name}”行没有读到数值。",
            f"no values found for row {name!r}.", tuple(c for c, _ in target.cells), gap.line))
        return
    if len(tokens) < n and complete and mode == "line":
        placed = _placements(tokens, target)
        if len(placed) == 1:
            for index, token in placed[0].items():
                put(index, token, "cell")
            for index in set(range(n)) - set(placed[0]):
                put(index, "", "cell")
            result.diagnostics.append(Diagnostic(
                "PARSE-BLANKS-PLACED", "info",
                f"“{name}”行只印了 {len(tokens)} 个数，按列的取值范围只有一种对应，其余为空。",
                f"row {name!r} prints {len(tokens)} of {n} values; only one placement fits the "
                "columns, the others are blank.", tuple(c for c, _ in target.cells), gap.line))
            return
    if len(tokens) < n and all(t.isdigit() for t in tokens) and mode == "space":
        options = [o for o in candidates(tokens, n) if satisfies(o, target.constraints)]
        if len(options) == 1:
            for index, value in enumerate(options[0]):
                put(index, " ".join(tokens), "fused", value,
                    "digits run together; the only split its sums allow")
            return
        if options:
            fused_rows[name] = (target, options, tokens, gap.line)
            return
    if not complete and len(tokens) < n:
        # The page ends inside this row: the cells printed so far are in column order.
        for index, token in enumerate(tokens):
            put(index, token, "partial")
        missing = tuple(c for c, _ in target.cells[len(tokens):])
        result.diagnostics.append(Diagnostic(
            "PARSE-CUT-OFF", "info", f"页面在“{name}”行中截断，其余单元格未读。",
            f"the page ends inside row {name!r}; the remaining cells are not read.", missing, gap.line))
        return
    result.diagnostics.append(Diagnostic(
        "PARSE-COUNT-MISMATCH", "warning",
        f"“{name}”行应有 {n} 个单元格，读到 {len(tokens)} 个（{' '.join(tokens)}），无法确定对应关系。",
        f"row {name!r} has {n} cells but {len(tokens)} values were read ({' '.join(tokens)}); "
        "which is which cannot be told.", tuple(c for c, _ in target.cells), gap.line))


def _placements(tokens: list[str], target: RowTarget) -> list[dict[int, str]]:
    """Ways to put fewer tokens than columns, in order, into columns whose kinds accept them."""
    import itertools

    options = []
    for columns in itertools.combinations(range(len(target.cells)), len(tokens)):
        fits = True
        for index, token in zip(columns, tokens):
            column = target.cells[index][1]
            read = read_value(token, column.kind)
            if read.problem or (column.kind is CellKind.PERCENT and read.value is not None
                                and read.value > 100):
                fits = False
                break
        if fits:
            options.append(dict(zip(columns, tokens)))
        if len(options) > 1:
            break
    return options


def _applications_relations(targets_: tuple[RowTarget, ...]) -> list[Any]:
    rows = {t.row.key: t for t in targets_ if t.row is not None and t.table.key == "applications"}
    if not rows:
        return []
    leaves = [k for k in rows if k.startswith("outcome.") and k != "outcome.total"]
    relations = []
    for column in range(len(rows["new_received"].cells)):
        relations.append(([("outcome.total", column)], [(leaf, column) for leaf in leaves]))
        relations.append(([("new_received", column), ("carried_over", column)],
                          [("outcome.total", column), ("carried_forward", column)]))
    return relations


def _resolve_fused(result: Extraction, fused_rows: dict[str, Any], all_targets: tuple[RowTarget, ...]) -> None:
    if not fused_rows:
        return
    options = {name: entry[1] for name, entry in fused_rows.items()}
    known: dict[str, tuple[Any, ...]] = {}
    for target in all_targets:
        if target.row is None or target.table.key != "applications":
            continue
        values = tuple(
            (result.cells[c].value if c in result.cells and isinstance(result.cells[c].value, int) else None)
            for c, _ in target.cells
        )
        known[target.row.key] = values
    relations = _applications_relations(all_targets)
    application_rows = {k: v for k, v in options.items() if fused_rows[k][0].table.key == "applications"}
    if application_rows:
        fixed = {k: v for k, v in known.items() if k not in application_rows}
        options.update(solve_joint(application_rows, relations, fixed))
    for name, (target, _, tokens, line) in fused_rows.items():
        remaining = options[name]
        values = agreed(remaining) if remaining else [None] * len(target.cells)
        undecided = []
        for (cell_id, _), value in zip(target.cells, values):
            if value is None:
                undecided.append(cell_id)
                continue
            result.cells[cell_id] = CellSource(
                cell_id, value, " ".join(tokens), line, 0, "fused",
                "digits run together; every split the table's sums allow agrees on this cell")
        if undecided:
            result.diagnostics.append(Diagnostic(
                "PARSE-AMBIGUOUS-SPLIT", "warning",
                f"“{name}”行的数字连在一起（{' '.join(tokens)}），可有 {len(remaining)} 种拆分，"
                f"{len(undecided)} 个单元格无法确定，留空。",
                f"row {name!r} has digits run together ({' '.join(tokens)}) that split "
                f"{len(remaining)} ways; {len(undecided)} cells are left unread.",
                tuple(undecided), line, tuple(tuple(o) for o in remaining[:20])))


def _find_label(page: _Page, target: RowTarget, position: int) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for form in target.labels:
        for at in _occurrences(page.compact.compact, form, position):
            end = at + len(form)
            if page.covered_by_longer(at, end):
                continue
            gap = page.gap_after(end)
            tokens, _, _ = _tokens(gap)
            stripped = _QUOTES.sub("", gap.text).strip(" \t\r\n|\xa0\u3000")
            # A label in the narrative ("本年度制发规章0件") is followed by prose, not by values.
            if tokens or stripped == "" or gap.at_end:
                if best is None or at < best[0]:
                    best = (at, end)
                break
    return best


def _find_review_litigation(page: _Page, position: int) -> int | None:
    """End (compact) of table 四's header block, after which its 15 values follow."""
    compact = page.compact.compact
    anchor = None
    for text in _RL_ANCHORS:
        at = compact.find(canon(text), position)
        if at != -1:
            anchor = at + len(canon(text))
            break
    if anchor is None:
        at = compact.find(canon("行政复议"), position)
        if at == -1:
            return None
        anchor = at
    cursor = anchor
    while True:
        for header in sorted(_RL_HEADERS, key=len, reverse=True):
            if compact.startswith(header, cursor):
                cursor += len(header)
                break
        else:
            return cursor if cursor > anchor else None


def extract(text: str, edition: str, read_values: bool = True) -> Extraction:
    """The edition's cells found in ``text``; with ``read_values=False`` only count the labels."""
    page = _Page(text, edition)
    result = Extraction(edition)
    all_targets = targets(edition)
    fused_rows: dict[str, Any] = {}
    position = 0
    for target in all_targets:
        if target.row is None:
            end = _find_review_litigation(page, position)
            if end is None:
                continue
            result.labels_found += 1
            if read_values:
                _read_row(page, result, target, page.gap_after(end), fused_rows)
            position = end
            continue
        found = _find_label(page, target, position)
        if found is None:
            continue
        start, end = found
        result.labels_found += 1
        if result.table_start is None:
            result.table_start = page.compact.start(start)
        if read_values:
            _read_row(page, result, target, page.gap_after(end), fused_rows)
        position = end
        result.table_end = page.compact.end(end)
    _resolve_fused(result, fused_rows, all_targets)
    return result


@cache
def heading_prefixes(edition: str) -> frozenset[str]:
    return frozenset(h[:i] for h in headings(edition) for i in range(3, len(h) + 1))


@cache
def _own_headers(edition: str, others: tuple[str, ...]) -> frozenset[str]:
    from ..editions import get_edition

    def headers(code: str) -> set[str]:
        return {canon(c.label_zh) for t in get_edition(code).tables for r in t.rows
                for c in r.columns if c.key and len(canon(c.label_zh)) >= 4}

    return frozenset(headers(edition) - set().union(*(headers(o) for o in others)))


def distinctive_headers(text: str, edition: str, others: tuple[str, ...]) -> int:
    """How many column headers only this edition prints appear in the text."""
    compact = compact_of(text).compact
    return sum(1 for h in _own_headers(edition, others) if h in compact)


def column_kind(column: Column) -> CellKind:
    return column.kind
