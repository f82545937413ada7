"""The web validator: a small Flask app over the library (``pip install "opengovreport[web]"``).

No rule is implemented here: uploads go through :mod:`.checks`, which calls the same
``validate``, ``validate_package`` and ``parse`` as the command line. Results are
kept in memory (the last few, for downloads); uploads are never written into the
project, and nothing is fetched from the network.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from typing import Any

from ..editions import get_edition
from ..findings import Severity
from ..rules import RULES
from ..collection import COLLECTION_RULES
from ..version import STANDARD_VERSION, __version__
from .checks import Outcome, check_upload, package_zip, report_json, severity_order

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
KEPT_RESULTS = 32

TEXT = {
    "zh": {
        "title": "政府信息公开工作年度报告校验", "upload": "上传文件", "paste": "或粘贴内容",
        "kind": "类型", "auto": "自动识别", "document": "报告 JSON 文档", "package": "数据包（.zip）",
        "page": "已发布的页面（HTML 或文本）", "submit": "校验", "valid": "通过（无错误）",
        "invalid": "未通过（有错误）", "error": "错误", "warning": "警告", "info": "提示",
        "findings": "发现项", "none": "没有发现问题。", "unread": "未能读取的单元格",
        "downloads": "下载", "report_json": "报告 JSON", "package_zip": "数据包 .zip",
        "validation_json": "校验结果 JSON", "row": "行", "rules": "规则说明", "back": "返回",
        "package_findings": "数据包整体", "limit": "上传大小上限", "lang": "English",
        "blank": "空白", "diagnostics": "解析说明", "intro": "上传或粘贴一份年度报告：JSON 文档、"
        "数据包，或网站上发布的页面。结果按印出的表格显示，有问题的单元格会被标出。",
    },
    "en": {
        "title": "Annual report validator", "upload": "Upload a file", "paste": "or paste it",
        "kind": "Kind", "auto": "detect", "document": "report document (JSON)",
        "package": "data package (.zip)", "page": "published page (HTML or text)",
        "submit": "Validate", "valid": "valid (no error)", "invalid": "INVALID (errors)",
        "error": "error", "warning": "warning", "info": "info", "findings": "Findings",
        "none": "No problem found.", "unread": "Cells that could not be read",
        "downloads": "Downloads", "report_json": "report JSON", "package_zip": "data package .zip",
        "validation_json": "validation report JSON", "row": "row", "rules": "rules", "back": "back",
        "package_findings": "The package as a whole", "limit": "upload limit", "lang": "中文",
        "blank": "blank", "diagnostics": "Parser diagnostics", "intro": "Upload or paste an annual "
        "report: a JSON document, a data package, or a page as published. The result shows the "
        "tables as printed, with the cells of every finding highlighted.",
    },
}


def table_blocks(edition_code: str) -> list[dict[str, Any]]:
    """The edition's tables as printed: blocks of rows that share their columns."""
    edition = get_edition(edition_code)
    tables = []
    for table in edition.tables:
        blocks: list[dict[str, Any]] = []
        for row in table.rows:
            columns = tuple(row.columns)
            if not blocks or blocks[-1]["columns"] != columns:
                blocks.append({"columns": columns, "rows": [], "section": row.section_zh})
            heads = [g for g in table.groups_of(row)
                     if next(r for r in table.rows if r.key.startswith(g.key + ".")) is row]
            blocks[-1]["rows"].append({
                "row": row,
                "headings": heads,
                "cells": [(".".join(p for p in (table.key, row.key, c.key) if p), c) for c in row.columns],
            })
        tables.append({"table": table, "blocks": blocks})
    return tables


def create_app(max_upload: int = DEFAULT_MAX_UPLOAD) -> Any:
    from flask import Flask, Response, abort, render_template, request

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_upload
    results: OrderedDict[str, Outcome] = OrderedDict()

    def lang() -> str:
        return "en" if request.args.get("lang") == "en" else "zh"

    def page(template: str, **context: Any) -> str:
        code = lang()
        return render_template(template, t=TEXT[code], lang=code, other="zh" if code == "en" else "en",
                               version=__version__, standard=STANDARD_VERSION,
                               max_upload=app.config["MAX_CONTENT_LENGTH"], **context)

    @app.get("/")
    def index() -> str:
        return page("index.html")

    @app.post("/validate")
    def run() -> str:
        upload = request.files.get("file")
        kind = request.form.get("kind", "auto")
        if upload is not None and upload.filename:
            name, data = upload.filename, upload.read()
        else:
            text = request.form.get("text", "")
            if not text.strip():
                return page("index.html", error=TEXT[lang()]["upload"] + "?")
            name, data = "pasted", text.encode("utf-8")
        outcome = check_upload(name, data, kind)
        token = secrets.token_urlsafe(12)
        results[token] = outcome
        while len(results) > KEPT_RESULTS:
            results.popitem(last=False)
        return page("result.html", outcome=outcome, token=token, table_blocks=table_blocks,
                    group=severity_order, Severity=Severity)

    @app.get("/download/<token>/<what>")
    def download(token: str, what: str) -> Response:
        outcome = results.get(token)
        if outcome is None:
            abort(404)
        if what == "validation.json":
            return Response(outcome.validation_json(), mimetype="application/json",
                            headers={"Content-Disposition": "attachment; filename=validation.json"})
        reports = outcome.reports_for_download()
        if not reports:
            abort(404)
        if what == "report.json":
            text = report_json(reports[0]) if len(reports) == 1 else "[" + ",".join(
                report_json(r) for r in reports) + "]"
            return Response(text, mimetype="application/json",
                            headers={"Content-Disposition": "attachment; filename=report.json"})
        if what == "package.zip":
            try:
                data = package_zip(reports)
            except Exception as exc:  # a report that breaks the schema cannot be packaged as given
                return Response(str(exc), status=422, mimetype="text/plain")
            return Response(data, mimetype="application/zip",
                            headers={"Content-Disposition": "attachment; filename=package.zip"})
        abort(404)

    @app.get("/rules")
    def rules() -> str:
        return page("rules.html", rules=RULES, collection_rules=COLLECTION_RULES)

    @app.errorhandler(413)
    def too_large(_: Any) -> tuple[str, int]:
        return page("index.html", error=f"{TEXT[lang()]['limit']}: {app.config['MAX_CONTENT_LENGTH']} bytes"), 413

    return app


def serve(host: str = "127.0.0.1", port: int = 8000, max_upload: int = DEFAULT_MAX_UPLOAD) -> None:
    """Run the validator on a local address (loopback by default)."""
    app = create_app(max_upload)
    app.run(host=host, port=port, debug=False)
