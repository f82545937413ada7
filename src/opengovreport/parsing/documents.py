"""Word (.docx) and text-layer PDF files as text the extractor reads.

Optional: ``pip install "opengovreport[docx]"`` (python-docx) and
``pip install "opengovreport[pdf]"`` (pdfplumber). A .docx table becomes one line per
row with cells ended by pipes, as an HTML table does; a cell merged over several
rows is read once, where it starts. A PDF's text layer is read page by page; a
scanned PDF without one has no text to parse, which the parser then says.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def docx_to_text(data: bytes, file: str | None = None) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise InputError('reading .docx needs python-docx: pip install "opengovreport[docx]"',
                         file=file) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise InputError(f"not a readable .docx file: {exc}", file=file) from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                seen = set()
                for cell in row.cells:
                    tc = cell._tc
                    if id(tc) in seen:
                        continue  # a cell spanning several columns is listed once per column
                    seen.add(id(tc))
                    merge = tc.tcPr.vMerge if tc.tcPr is not None else None
                    if merge is not None and merge.val != "restart":
                        continue  # the continuation of a cell merged down: read where it starts
                    cells.append(" ".join(p.text.strip() for p in cell.paragraphs).strip())
                lines.append(" | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def pdf_to_text(data: bytes, file: str | None = None) -> str:
    try:
        import pdfplumber
    except ImportError:
        raise InputError('reading PDF needs pdfplumber: pip install "opengovreport[pdf]"',
                         file=file) from None
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds for a broken file
        raise InputError(f"not a readable PDF: {exc}", file=file) from None
    return "\n".join(pages) + "\n"
