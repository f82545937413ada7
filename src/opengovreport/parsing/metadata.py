"""Year, issuer, scope and narrative sections of a parsed page.

Numbers are never guessed; metadata sometimes has to be: the issuer's level and
kind are inferred from its name, and every inference is reported as a diagnostic
(``PARSE-GUESSED-METADATA``) that the user can override.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import canon, compact_of
from .result import Diagnostic

_TITLE = re.compile(r"(?P<issuer>[^\n|]{0,60}?)\s*(?P<year>20\d{2})\s*年\s*度?\s*(?:的)?政府信息公开(?:工作)?(?:情况的?)?(?:年度)?报告")
_TITLE_YEAR_FIRST = re.compile(r"(?P<year>20\d{2})\s*年\s*度?\s*(?P<issuer>[^\n|]{1,40}?)\s*政府信息公开(?:工作)?(?:年度)?报告")
_PERIOD = re.compile(r"统计期限[^0-9\n]{0,6}(20\d{2})\s*年\s*1\s*月\s*1\s*日[^0-9\n]{0,6}(20\d{2})\s*年\s*12\s*月\s*31\s*日")
_AGGREGATE_HINTS = ("汇总", "综合各", "各级单位", "各有关单位", "全区共", "全市共", "全县共", "我区各", "我市各")

NARRATIVE_HEADINGS = {
    "2021": (("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况"),
             ("other_matters", "六、其他需要报告的事项")),
}
NARRATIVE_HEADINGS["2019"] = NARRATIVE_HEADINGS["2021"]
_NEXT_AFTER_OVERVIEW = "二、主动公开政府信息情况"


@dataclass
class Metadata:
    year: int | None = None
    issuer: str = ""
    level: str | None = None
    kind: str | None = None
    scope: str = "organ"
    published: str | None = None
    url: str | None = None
    narrative: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def guess_kind(name: str) -> str | None:
    if re.search(r"人民政府(办公室|办公厅)?$", name):
        return "government"
    if re.search(r"(管委会|管理委员会)(办公室)?$", name):
        return "other"
    if re.search(r"(局|委员会|委|厅|办公室|中心|院|所|办|处|队|站|馆|署|部)$", name):
        return "department"
    return None


def guess_level(name: str) -> str | None:
    if re.search(r"(镇|乡|街道)(人民政府|办事处|政府)?$", name):
        return "township"
    if re.match(r"^(国务院|国家|中华人民共和国)", name):
        return "national"
    if re.search(r"(县|区|旗)", name):
        return "county"
    if re.search(r"(省|自治区)", name) and not re.search(r"市", name):
        return "provincial"
    if re.search(r"市", name):
        return "prefectural"
    return None


_ORGAN = r"[\u4e00-\u9fff]{1,30}?(?:人民政府办公室|人民政府办公厅|人民政府|管理委员会|管委会|委员会|办公室|局|厅|中心)"
_ORGAN_LINE = re.compile(rf"^\s*({_ORGAN})\s*$", re.M)
_ORGAN_SUBJECT = re.compile(rf"20\d{{2}}\s*年\s*[,，、]\s*({_ORGAN})")


def find_organ(text: str) -> str:
    """An organ named on a line of its own near the top, or as the subject of the first sentence."""
    head = text[:1500]
    match = _ORGAN_LINE.search(head)
    if match:
        return match.group(1)
    match = _ORGAN_SUBJECT.search(head)
    return match.group(1) if match else ""


def find_title(text: str, html_title: str = "") -> tuple[str, int | None]:
    for candidate in (html_title, text[:3000]):
        matches = [m for m in (_TITLE.search(candidate), _TITLE_YEAR_FIRST.search(candidate)) if m]
        if matches:
            match = min(matches, key=lambda m: m.start())
            issuer = re.sub(r"^(关于|当前位置.*?>>?|标题:\s*)", "", match.group("issuer")).strip(" :：>")
            issuer = re.sub(r"^(的|度)", "", issuer)
            return issuer, int(match.group("year"))
    return "", None


def read_metadata(text: str, edition: str, html_title: str = "", html_meta: dict[str, str] | None = None) -> Metadata:
    meta = Metadata()
    html_meta = html_meta or {}
    issuer, year = find_title(text, html_meta.get("ArticleTitle", "") or html_title)
    period = _PERIOD.search(text)
    if year is None and period:
        year = int(period.group(1))
    if year is None:
        opening = re.search(r"(20\d{2})\s*年\s*[,，、]", text[:600])
        if opening:
            year = int(opening.group(1))
            meta.diagnostics.append(Diagnostic(
                "PARSE-GUESSED-METADATA", "info", f"报告年度取自正文开头：{year}。",
                f"the report year is taken from the opening sentence: {year}."))
    meta.year = year
    if year is None:
        meta.diagnostics.append(Diagnostic("PARSE-NO-YEAR", "warning", "未找到报告年度。",
                                           "the report year was not found."))
    if period:
        meta.diagnostics.append(Diagnostic(
            "PARSE-PERIOD", "info", f"统计期限：{period.group(0)}", f"statistics period: {period.group(0)}"))
    if period and year is not None and (int(period.group(1)) != year or int(period.group(2)) != year):
        meta.diagnostics.append(Diagnostic(
            "PARSE-PERIOD-MISMATCH", "warning",
            f"统计期限写的是 {period.group(1)}–{period.group(2)} 年，与报告年度 {year} 不符。",
            f"the statistics period says {period.group(1)}–{period.group(2)}, not the report year {year}."))
    if not issuer:
        issuer = find_organ(text)
    meta.issuer = issuer
    if not issuer:
        meta.diagnostics.append(Diagnostic(
            "PARSE-NO-ISSUER", "warning", "页面未载明发布机关名称；请用 --issuer 指定。",
            "the page does not name the issuer; give it with --issuer."))
    meta.level, meta.kind = guess_level(issuer), guess_kind(issuer)
    compact = canon(text[:6000])
    if any(hint in compact for hint in _AGGREGATE_HINTS):
        meta.scope = "aggregate"
    if issuer:
        meta.diagnostics.append(Diagnostic(
            "PARSE-GUESSED-METADATA", "info",
            f"由名称推断：层级 {meta.level or '未知'}，类别 {meta.kind or '未知'}，范围 {meta.scope}；可用命令行选项更正。",
            f"inferred from the name and text: level {meta.level}, kind {meta.kind}, scope {meta.scope}; "
            "override with the command's options."))
    published = html_meta.get("PubDate", "")
    if re.match(r"^\d{4}-\d{2}-\d{2}", published):
        meta.published = published[:10]
    if html_meta.get("Url"):
        meta.url = html_meta["Url"]
    meta.narrative = narrative(text, edition)
    return meta


def narrative(text: str, edition: str) -> dict[str, str]:
    """Sections 一, 五 and 六 as printed (for editions 2019 and 2021), cut from the page's text."""
    headings = NARRATIVE_HEADINGS.get(edition)
    if not headings:
        return {}
    compact = compact_of(text)
    spots = []
    for key, heading in (*headings, ("_next", _NEXT_AFTER_OVERVIEW)):
        at = compact.compact.find(canon(heading))
        if at != -1:
            spots.append((at, at + len(canon(heading)), key))
    spots.sort()
    sections = {}
    for index, (start, end, key) in enumerate(spots):
        if key == "_next":
            continue
        stop = spots[index + 1][0] if index + 1 < len(spots) else len(compact.compact)
        body = text[compact.end(end): compact.start(stop) if stop < len(compact.compact) else len(text)]
        body = body.strip(" \t\r\n|\xa0")
        if key == "other_matters":
            body = re.sub(r"\s*附件下载\s*$", "", body)
        if body:
            sections[key] = body
    return sections


UNSUPPORTED_MARKERS = ("历年累计",)
UNSUPPORTED_PAIRS = (("指标名称", "计量单位"),)


def unsupported_layout(text: str) -> str | None:
    compact = canon(text)
    for marker in UNSUPPORTED_MARKERS:
        if marker in compact:
            return f"a statistics table with a {marker} column (a pre-2019 local layout)"
    for first, second in UNSUPPORTED_PAIRS:
        if first in compact and second in compact:
            return f"a {first}/{second} statistics table (a pre-2014 layout)"
    return None
