"""Human-readable text of validation reports, in Chinese or English."""

from __future__ import annotations

from ..findings import Severity, ValidationReport

_WORDS = {
    "zh": {
        Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示",
        "valid": "通过", "invalid": "未通过", "sep": "，", "colon": "：",
        "more": "（另有 {n} 条提示，加 --all 逐条列出）",
        "none": "错误 0，警告 0，提示 0",
    },
    "en": {
        Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info",
        "valid": "valid", "invalid": "INVALID", "sep": ", ", "colon": ": ",
        "more": "({n} info findings; --all lists them)",
        "none": "error 0, warning 0, info 0",
    },
}


def format_report(report: ValidationReport, lang: str = "zh", list_info: bool = False) -> str:
    """Findings grouped by code, most severe first."""
    words = _WORDS[lang]
    if not report.findings:  # most reports of a large package: said in one line
        return f"{report.file or '<document>'}{words['colon']}{words['valid']} ({words['none']})\n"
    counts = report.counts
    summary = words["sep"].join(f"{words[s]} {counts[s.value]}" for s in Severity)
    status = words["valid"] if report.valid else words["invalid"]
    lines = [f"{report.file or '<document>'}{words['colon']}{status} ({summary})"]
    for code, findings in report.by_code().items():
        shown = [f for f in findings if list_info or f.severity is not Severity.INFO]
        severities = sorted({f.severity for f in findings}, key=lambda s: s.rank)
        label = "/".join(words[s] for s in severities)
        lines.append(f"  [{label}] {code} × {len(findings)}")
        for finding in shown:
            place = finding.pointers[0] if finding.pointers else "/"
            lines.append(f"    {place}  {finding.message(lang)}")
        hidden = len(findings) - len(shown)
        if hidden:
            lines.append("    " + words["more"].format(n=hidden))
    return "\n".join(lines) + "\n"
