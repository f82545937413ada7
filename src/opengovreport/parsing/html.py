"""HTML pages as text the extractor reads: one table row per line, cells ended by pipes.

A page is scanned as a stream of tags and text (a regular-expression tokenizer:
report pages are large Word-generated markup, and only the order of cells, rows
and blocks matters here). Script and style content is dropped; entities such as
``&nbsp;`` are decoded; a cell's text is the text of everything inside it.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<!--.*?-->|<![^>]*>|([^<]+)|<", re.S)
_DROP = re.compile(r"<(script|style|head)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""(\w+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.S | re.I)
_SPACE = re.compile(r"[ \t\r\n\xa0\u3000]+")
_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "section",
           "article", "ul", "ol"}


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head or "<table" in text[:200000].lower()


def _metadata(page: str) -> dict[str, Any]:
    meta: dict[str, str] = {}
    for tag in _META.findall(page):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag)}
        if "name" in attrs and "content" in attrs:
            meta[attrs["name"]] = html_lib.unescape(attrs["content"])
    title = _TITLE.search(page)
    return {"meta": meta, "title": _SPACE.sub(" ", html_lib.unescape(title.group(1))).strip() if title else ""}


def flatten(page: str) -> tuple[str, dict[str, Any]]:
    """(text with one table row per line, page metadata: title, meta tags, number of tables)."""
    info = _metadata(page)
    body = _DROP.sub(" ", page)
    lines: list[str] = []
    text: list[str] = []
    cell: list[str] | None = None
    row: list[str] | None = None
    tables = 0

    def flush() -> None:
        if text:
            line = _SPACE.sub(" ", html_lib.unescape("".join(text))).strip()
            if line:
                lines.append(line)
            text.clear()

    for match in _TOKEN.finditer(body):
        closing, tag, data = match.group(1), match.group(2), match.group(3)
        if data is not None or (tag is None and match.group(0) == "<"):
            (cell if cell is not None else text).append(data if data is not None else "<")
            continue
        if tag is None:
            continue  # a comment or a declaration
        tag = tag.lower()
        if tag == "table" and not closing:
            tables += 1
        if tag == "tr":
            if not closing:
                flush()
                row = []
            elif row is not None:
                if cell is not None:  # an unclosed cell
                    row.append(_SPACE.sub(" ", html_lib.unescape("".join(cell))).strip())
                    cell = None
                lines.append(" | ".join(row) + " |")
                row = None
        elif tag in ("td", "th"):
            if not closing:
                cell = []
            elif cell is not None:
                if row is not None:
                    row.append(_SPACE.sub(" ", html_lib.unescape("".join(cell))).strip())
                cell = None
        elif tag == "br" and cell is not None:
            cell.append(" ")
        elif tag in _BLOCKS and cell is None:
            flush()
    flush()
    info["tables"] = tables
    return "\n".join(lines) + "\n", info
