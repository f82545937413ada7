"""Closed vocabularies of the report document, with their labels."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    label_zh: str
    label_en: str
    description_en: str = ""


@dataclass(frozen=True)
class Codelist:
    name: str
    codes: tuple[Code, ...]

    def values(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes)

    def get(self, code: str) -> Code | None:
        for c in self.codes:
            if c.code == code:
                return c
        return None


ISSUER_LEVEL = Codelist(
    "issuer_level",
    (
        Code("national", "国家级", "National", "The State Council and its departments."),
        Code("provincial", "省级", "Provincial"),
        Code("prefectural", "地市级", "Prefectural", "设区的市, 自治州 and equivalent."),
        Code("county", "县级", "County", "Counties, county-level cities and urban districts."),
        Code("township", "乡镇级", "Township", "Townships and 街道."),
    ),
)

ISSUER_KIND = Codelist(
    "issuer_kind",
    (
        Code("government", "人民政府（含办公厅、办公室）", "Government",
             "A people's government or its general office."),
        Code("department", "政府部门", "Department", "A department of a government."),
        Code("other", "其他", "Other", "Any other organ that must report."),
    ),
)

SCOPE = Codelist(
    "scope",
    (
        Code("organ", "本机关", "Organ", "The organ's own work."),
        Code("aggregate", "本地区汇总", "Aggregate",
             "Compiled from the reports of many organs of a region."),
    ),
)
