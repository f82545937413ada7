"""Text normalization for label matching, keeping positions.

``prepare`` turns a page into the text the parser reads: pinyin glosses such as
``數(shù)`` dropped and traditional characters converted to simplified with
OpenCC (t2s), undoing the phrase swaps spam mirrors make (規範性檔案 → 规范性文件); other pages are left as
they are. ``Compact`` is that text with full-width forms folded (NFKC) and without
spaces, pipes and quote marks, with an index back into it, so that a label split
over lines or cells ("商业" / "企业") still matches and narrative is cut from the
page's own text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

# A pinyin gloss right after a Chinese character: 區(qū), 數(shù), 領(lǐng).
_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\)"
)
# Phrases that a Taiwan-style conversion (s2twp) swapped, as seen in spam mirrors; after
# converting characters back, the mainland phrase is restored.
PHRASE_SWAPS = {"规范性档案": "规范性文件", "资讯": "信息"}
_DROP = set(" \t\r\n\u3000\xa0|\u200b\u200c\u200d\ufeff“”‘’\"'「」『』")
_FOLD = {"〔": "[", "〕": "]", "【": "[", "】": "]", "—": "-", "–": "-", "－": "-", "﹣": "-", "：": ":"}


def has_traditional(text: str) -> bool:
    sample = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not sample:
        return False
    simplified = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, simplified) if a != b)
    return changed >= max(3, len(sample) // 200)


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def prepare(text: str) -> tuple[str, list[str]]:
    """The text to parse, and notes on what was changed (for diagnostics)."""
    notes = []
    if _PINYIN.search(text):
        text = _PINYIN.sub("", text)
        notes.append("pinyin glosses after characters were removed")
    if has_traditional(text):
        text = _t2s().convert(text)
        for swapped, original in PHRASE_SWAPS.items():
            text = text.replace(swapped, original)
        notes.append("traditional characters were converted to simplified (OpenCC t2s)")
    return text, notes


def canon(text: str) -> str:
    """A label or text as compared: no spaces, pipes or quotes; brackets and dashes folded."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(_FOLD.get(ch, ch) for ch in text if ch not in _DROP)


class Compact:
    """``text`` without ignorable characters, with positions mapped back."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        index: list[int] = []
        for position, original in enumerate(text):
            if original in _DROP:
                continue
            # Full-width forms fold per character, so positions still map back.
            for ch in unicodedata.normalize("NFKC", original) if ord(original) > 127 else original:
                if ch in _DROP:
                    continue
                chars.append(_FOLD.get(ch, ch))
                index.append(position)
        self.text = text
        self.compact = "".join(chars)
        self.index = index

    def start(self, compact_position: int) -> int:
        """Position in ``text`` of the compact character at ``compact_position``."""
        if compact_position >= len(self.index):
            return len(self.text)
        return self.index[compact_position]

    def end(self, compact_end: int) -> int:
        """Position in ``text`` just after the compact character before ``compact_end``."""
        if compact_end <= 0:
            return 0
        return self.index[compact_end - 1] + 1

    def line_of(self, position: int) -> int:
        return self.text.count("\n", 0, position) + 1


@lru_cache(maxsize=4)
def compact_of(text: str) -> Compact:
    """The Compact of ``text``, built once per page however many editions look at it."""
    return Compact(text)
