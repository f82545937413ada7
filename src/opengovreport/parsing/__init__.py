"""Parsing published reports (HTML pages and text) into validated reports.

``parse(source)`` reads a page and returns a :class:`ParseResult`: the report, how
every cell was read, what could not be read and why, and the report's rule
findings (published mistakes are reported under their codes, never corrected).
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from .result import CellSource, Diagnostic, ParseResult

__all__ = ["CellSource", "Diagnostic", "ParseResult", "parse", "parse_text"]

EDITION_ORDER = ("2021", "2019", "2014")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIN_LABELS = 3


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "unknown (read as UTF-8, bad bytes replaced)"


def parse(source: str | os.PathLike[str] | bytes, **options: Any) -> ParseResult:
    """Parse a page from a path or its bytes: HTML or text (UTF-8, UTF-8 with BOM or GB18030),
    or, with the optional extras installed, a .docx or text-layer PDF file."""
    from ..io.json_io import read_file

    file = None
    if isinstance(source, bytes):
        data = source
    else:
        file = str(source)
        data = read_file(source, "a published page")
    from .documents import docx_to_text, is_docx, is_pdf, pdf_to_text

    options.setdefault("sha256", hashlib.sha256(data).hexdigest())
    if is_docx(data):
        return parse_text(docx_to_text(data, file), file=file, media_type=DOCX, **options)
    if is_pdf(data):
        return parse_text(pdf_to_text(data, file), file=file, media_type="application/pdf", **options)
    text, encoding = _decode(data)
    header, text = split_corpus_header(text)
    if header.get("URL"):
        options.setdefault("url", header["URL"])
    return parse_text(text, encoding=encoding, file=file, **options)


def split_corpus_header(text: str) -> tuple[dict[str, str], str]:
    """A stored page of the corpus starts with "URL: …" lines and a line "---": split them off."""
    if not text.startswith("URL:"):
        return {}, text
    head, separator, body = text.partition("\n---\n")
    if not separator or len(head) > 4000:
        return {}, text
    fields = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    return {k.strip(): v.strip() for k, v in fields.items()}, body


def parse_text(
    text: str,
    *,
    encoding: str = "utf-8",
    file: str | None = None,
    issuer: str | None = None,
    level: str | None = None,
    kind: str | None = None,
    scope: str | None = None,
    year: int | None = None,
    sha256: str | None = None,
    url: str | None = None,
    media_type: str | None = None,
) -> ParseResult:
    """Parse page text (HTML is recognized and flattened first)."""
    from ..editions import get_edition
    from ..model import Issuer, Report, Source
    from ..validation import validate
    from .extract import distinctive_headers, extract
    from .html import flatten, looks_like_html
    from .metadata import read_metadata, unsupported_layout
    from .normalize import prepare

    diagnostics: list[Diagnostic] = []
    if encoding not in ("utf-8", "utf-8-sig"):
        diagnostics.append(Diagnostic("PARSE-ENCODING", "info", f"文件编码为 {encoding}。",
                                      f"the file is encoded as {encoding}."))
    media_type = media_type or "text/plain"
    html_title, html_meta = "", {}
    if media_type in ("text/plain", "text/html") and looks_like_html(text):
        media_type = "text/html"
        text, info = flatten(text)
        html_title, html_meta = info["title"], info["meta"]
    text, notes = prepare(text)
    for note in notes:
        diagnostics.append(Diagnostic("PARSE-NORMALIZED", "info", note, note))

    def empty(status: str, code: str, zh: str, en: str) -> ParseResult:
        diagnostics.append(Diagnostic(code, "error", zh, en))
        return ParseResult(status, None, None, (), tuple(diagnostics), (), encoding, file)

    reason = unsupported_layout(text)
    # The edition is decided by the labels present, not by the year.
    found = {code: extract(text, code, read_values=False).labels_found for code in EDITION_ORDER}
    scores = {
        code: found[code] + 2 * distinctive_headers(text, code, tuple(c for c in EDITION_ORDER if c != code))
        for code in EDITION_ORDER
    }
    best = max(EDITION_ORDER, key=lambda c: (scores[c], -EDITION_ORDER.index(c)))
    if reason is not None:
        return empty("unsupported_layout", "PARSE-UNSUPPORTED-LAYOUT",
                     f"统计表不是三种全国版式之一：{reason}；不会强行套用。",
                     f"the statistics table is none of the three national editions: {reason}; "
                     "it is not forced into one.")
    if found[best] < MIN_LABELS:
        return empty("no_table", "PARSE-NO-TABLE", "页面上没有统计表（或只有标题、没有数值）。",
                     "the page has no statistics table (or only headings without values).")
    extraction = extract(text, best)
    edition = get_edition(best)
    diagnostics.extend(extraction.diagnostics)
    meta = read_metadata(text, best, html_title, html_meta)
    diagnostics.extend(meta.diagnostics)
    not_found = [c.id for c in edition.cells if c.id not in extraction.cells]
    if not_found:
        diagnostics.append(Diagnostic(
            "PARSE-CELLS-UNREAD", "warning",
            f"{len(not_found)} 个单元格未能读取（见上），报告中没有这些单元格（不是空白）。",
            f"{len(not_found)} cells could not be read (see above); the report leaves them out "
            "(they are unknown, not blank).",
            tuple(not_found)))
    cells = {c.id: extraction.cells[c.id].value for c in edition.cells if c.id in extraction.cells}
    report = Report(
        edition=best,
        year=year if year is not None else (meta.year if meta.year is not None else 0),
        issuer=Issuer(issuer if issuer is not None else meta.issuer,
                      level or meta.level, kind or meta.kind),
        scope=scope or meta.scope,
        published=meta.published,
        source=Source(url=url or meta.url, sha256=sha256, media_type=media_type),
        narrative=meta.narrative or None,
        cells=cells,
    )
    # Schema findings of a parsed report only restate what the diagnostics say (cells not
    # read, metadata not printed); the rule findings are the published numbers' own.
    findings = tuple(f for f in validate(report).findings if not f.code.startswith("SCHEMA-"))
    sources = tuple(extraction.cells[c.id] for c in edition.cells if c.id in extraction.cells)
    return ParseResult("parsed", report, best, sources, tuple(diagnostics), findings, encoding, file)
