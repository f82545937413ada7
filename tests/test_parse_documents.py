"""Word and text-layer PDF reports: the same tables, read through the same extractor."""

from __future__ import annotations

import io

import pytest

from opengovreport import load
from opengovreport.parsing import parse

from .paths import EXAMPLES

REPORT = load(EXAMPLES / "pingtan-2021.json")


def _rows():  # type: ignore[no-untyped-def]
    """(label, values) of every printed row of the report, in printed order (table 四 as one row)."""
    definition = REPORT.definition
    for table in definition.tables:
        yield ("__title__", table.title_zh)
        if table.key == "review_litigation":
            yield ("行政复议 行政诉讼 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计",
                   [REPORT.cell(f"{table.key}.{r.key}.{c.key}") for r in table.rows for c in r.columns])
            continue
        for group in table.groups:
            pass
        for row in table.rows:
            for group in table.groups_of(row):
                if row.key.startswith(group.key + ".") and row == next(
                        r for r in table.rows if r.key.startswith(group.key + ".")):
                    yield ("__title__", group.label_zh)
            yield (row.label_zh, [REPORT.cell(f"{table.key}.{row.key}.{c.key}") for c in row.columns])


def _text(value: object) -> str:
    return "" if value is None else str(value)


def test_docx_tables(tmp_path) -> None:  # type: ignore[no-untyped-def]
    docx = pytest.importorskip("docx", reason="python-docx is in the test extra")
    document = docx.Document()
    document.add_paragraph("平潭综合实验区2021年度政府信息公开工作年度报告")
    table = None
    for label, values in _rows():
        if label == "__title__":
            document.add_paragraph(values)
            table = None
            continue
        if len(values) > 7:  # table 四: two header rows with merged cells, then its fifteen values
            table = document.add_table(rows=0, cols=15)
            top = table.add_row().cells
            top[0].merge(top[4]).text = "行政复议"
            top[5].merge(top[14]).text = "行政诉讼"
            middle = table.add_row().cells
            middle[5].merge(middle[9]).text = "未经复议直接起诉"
            middle[10].merge(middle[14]).text = "复议后起诉"
            for cell, text in zip(table.add_row().cells, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3):
                cell.text = text
            for cell, value in zip(table.add_row().cells, values):
                cell.text = _text(value)
            table = None
            continue
        if table is None:
            table = document.add_table(rows=0, cols=8)
        cells = table.add_row().cells
        cells[0].text = label
        for index, value in enumerate(values):
            cells[index + 1].text = _text(value)
    path = tmp_path / "report.docx"
    document.save(path)
    result = parse(path)
    assert result.status == "parsed" and result.edition == "2021"
    assert result.report is not None and result.report.source is not None
    assert result.report.source.media_type.endswith("wordprocessingml.document")
    assert result.cells_read == dict(REPORT.cells)


def test_pdf_text_layer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pdfplumber", reason="pdfplumber is in the test extra")
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab is in the test extra")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    canvas = canvas_module.Canvas(buffer)
    y = 800
    lines = ["平潭综合实验区2021年度政府信息公开工作年度报告"]
    for label, values in _rows():
        lines.append(values if label == "__title__" else f"{label} {' '.join(_text(v) or '/' for v in values)}")
    for line in lines:
        if y < 60:
            canvas.showPage()
            y = 800
        canvas.setFont("STSong-Light", 7)
        canvas.drawString(20, y, line)
        y -= 12
    canvas.save()
    path = tmp_path / "report.pdf"
    path.write_bytes(buffer.getvalue())
    result = parse(path)
    assert result.status == "parsed" and result.edition == "2021"
    assert result.cells_read == dict(REPORT.cells)
