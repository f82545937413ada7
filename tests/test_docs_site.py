"""The documentation site: it builds with ``mkdocs build --strict``, lists every cell id and
rule code, and the examples in its guides run and print what they say they print.

Examples in the guides (docs/**/*.md outside docs/reference/) are run page by page, in
document order, in a scratch folder that sees the repository's ``examples/``,
``datapackages/`` and ``tests/`` (so that examples may write files):

- ```python blocks share one namespace per page; every ``# comment`` in them is printed
  output the block promises, and the promises must appear in that order (as in README.md);
- ```console blocks: each ``$ opengovreport …`` line runs the command line tool, and the
  lines up to the next ``$`` are exactly what it prints (stdout and stderr); ``$ echo $?``
  prints the last exit code and ``… | head -n N`` keeps the first N lines;
- a ```sql block followed by a ```text block runs on ``portal.db`` and prints its rows as
  ``sqlite3 -header`` does (``|`` between values, empty for NULL).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from opengovreport.cli.main import main as cli_main
from opengovreport.collection import COLLECTION_RULES
from opengovreport.editions import EDITION_CODES, get_edition
from opengovreport.rules import RULES
from opengovreport.validation import SCHEMA_CODES

from .paths import ROOT

DOCS = ROOT / "docs"
NOT_RUN: set[str] = set()
"""Guide pages whose examples are not run (none: every example in the guides runs)."""

GUIDES = sorted(
    p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")
    if not p.relative_to(DOCS).as_posix().startswith("reference/")
    and p.relative_to(DOCS).as_posix() not in NOT_RUN
)

BLOCK = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```\s*$", re.S | re.M)


# ---------------------------------------------------------------- the built site

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    target = tmp_path_factory.mktemp("site")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    pages = {p.relative_to(target).as_posix(): p.read_text(encoding="utf-8") for p in target.rglob("*.html")}
    return {"dir": target, "pages": pages, "seconds": time.monotonic() - started}


def _chinese_site(site: dict[str, Any]) -> str:
    return "\n".join(text for name, text in site["pages"].items() if not name.startswith("en/"))


def test_site_builds_strict_without_network_assets(site: dict[str, Any]) -> None:
    assert "index.html" in site["pages"] and "en/index.html" in site["pages"]
    for name, text in site["pages"].items():
        assert "fonts.googleapis.com" not in text, f"{name} loads web fonts"


@pytest.mark.parametrize("code", EDITION_CODES)
def test_site_lists_every_cell_id(site: dict[str, Any], code: str) -> None:
    html = _chinese_site(site)
    missing = [cell.id for cell in get_edition(code).cells if f"<code>{cell.id}</code>" not in html]
    assert not missing, f"cell ids of edition {code} missing from the site: {missing[:10]}"


def test_site_lists_every_rule_code(site: dict[str, Any]) -> None:
    html = _chinese_site(site)
    codes = [r.code for r in RULES] + [r.code for r in COLLECTION_RULES] + list(SCHEMA_CODES.values())
    missing = [code for code in codes if f'id="{code.lower()}"' not in html]
    assert not missing, f"rule codes without a section in the site: {missing}"


def test_every_guide_page_has_an_english_page_beside_it() -> None:
    chinese = [g for g in GUIDES if not g.endswith(".en.md")]
    assert chinese, "no guide pages found"
    for page in chinese:
        assert (DOCS / page.replace(".md", ".en.md")).is_file(), f"{page} has no English page"
    for page in NOT_RUN:
        assert (DOCS / page).is_file()


def test_built_pages_in_both_languages(site: dict[str, Any]) -> None:
    for page in (g for g in GUIDES if not g.endswith(".en.md")):
        stem = page.removesuffix(".md")
        html = "index.html" if stem == "index" else f"{stem}/index.html"
        assert html in site["pages"] and f"en/{html}" in site["pages"], html
        assert site["pages"][html] != site["pages"][f"en/{html}"], f"{html}: the English page is the Chinese one"


# ---------------------------------------------------------------- examples in the guides

def _blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(text)]


def _scratch(tmp_path: Path) -> Path:
    for name in ("examples", "datapackages", "tests"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    return tmp_path


def _run_python(block: str, namespace: dict[str, Any], page: str) -> None:
    expected = [m.strip() for m in re.findall(r"#\s(.+)$", block, flags=re.M)]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, page, "exec"), namespace)
    printed, position = out.getvalue(), 0
    for line in expected:
        found = printed.find(line, position)
        assert found >= 0, f"{page}: the example promises {line!r} (in this order); it printed:\n{printed}"
        position = found + len(line)


def _run_console(block: str, page: str, state: dict[str, Any]) -> None:
    commands: list[tuple[str, list[str]]] = []
    for line in block.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            commands.append((line[2:], []))
        else:
            assert commands, f"{page}: a console block must start with a $ command"
            commands[-1][1].append(line.rstrip())
    for command, expected in commands:
        keep = None
        match = re.fullmatch(r"(.*?)\s*\|\s*head -n (\d+)", command)
        if match:
            command, keep = match.group(1), int(match.group(2))
        if command == "echo $?":
            printed = f"{state.get('rc')}\n"
        else:
            argv = shlex.split(command)
            assert argv[0] == "opengovreport", f"{page}: only opengovreport commands run here: {command}"
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                state["rc"] = cli_main(argv[1:])
            printed = out.getvalue()
        lines = [line.rstrip() for line in printed.rstrip("\n").split("\n")] if printed.strip() else []
        if keep is not None:
            lines = lines[:keep]
        while expected and not expected[-1]:
            expected.pop()
        assert lines == expected, (f"{page}: `{command}` printed\n" + "\n".join(lines)
                                   + "\n\nbut the page shows\n" + "\n".join(expected))


def _sqlite_list(database: Path, sql: str) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        cursor = connection.execute(sql)
        rows = [[d[0] for d in cursor.description]] + [
            ["" if v is None else str(v) for v in row] for row in cursor.fetchall()]
    finally:
        connection.close()
    return ["|".join(row) for row in rows]


RUNNABLE = ("python", "console", "sql")
PAGES_WITH_EXAMPLES = [
    page for page in GUIDES
    if any(language in RUNNABLE for language, _ in _blocks((DOCS / page).read_text(encoding="utf-8")))
]


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES)
def test_guide_examples_run(page: str, tmp_path: Path) -> None:
    blocks = _blocks((DOCS / page).read_text(encoding="utf-8"))
    folder = _scratch(tmp_path)
    cwd = os.getcwd()
    os.chdir(folder)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    state: dict[str, Any] = {}
    try:
        for index, (language, body) in enumerate(blocks):
            if language == "python":
                _run_python(body, namespace, page)
            elif language == "console":
                _run_console(body, page, state)
            elif language == "sql":
                assert index + 1 < len(blocks) and blocks[index + 1][0] == "text", (
                    f"{page}: an sql block must be followed by a text block with its output")
                rows = _sqlite_list(folder / "portal.db", body)
                shown = blocks[index + 1][1].rstrip("\n").split("\n")
                assert rows == shown, f"{page}: the query gives\n" + "\n".join(rows)
    finally:
        os.chdir(cwd)


def test_the_docs_examples_are_found() -> None:
    pages = {page: _blocks((DOCS / page).read_text(encoding="utf-8")) for page in GUIDES}
    for page in ("guides/developer.md", "guides/developer.en.md"):
        assert sum(1 for language, _ in pages[page] if language == "python") >= 5, page
    for page in ("guides/publisher.md", "guides/portal.md"):
        assert any(language == "console" for language, _ in pages[page]), page
    for page in ("guides/portal.md", "guides/portal.en.md"):
        assert any(language == "sql" for language, _ in pages[page]), page


def _leaves(value: Any, pointer: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, item in value.items():
            result.update(_leaves(item, f"{pointer}/{key}"))
        return result
    return {pointer: value}


def _shipped_json() -> dict[str, dict[str, Any]]:
    files = [*sorted((ROOT / "examples").glob("*.json")), *sorted((ROOT / "datapackages").glob("*/datapackage.json"))]
    return {p.relative_to(ROOT).as_posix(): _leaves(json.loads(p.read_text(encoding="utf-8"))) for p in files}


def test_guide_data_comes_from_the_shipped_data() -> None:
    """JSON excerpts and CSV lines in the guides are taken from examples/ and datapackages/, not invented."""
    shipped = _shipped_json()
    csv_lines = {line for p in (ROOT / "datapackages").rglob("*.csv")
                 for line in p.read_text(encoding="utf-8").splitlines()}
    checked = 0
    for page in GUIDES:
        for language, body in _blocks((DOCS / page).read_text(encoding="utf-8")):
            if language == "json":
                text = body.strip()
                excerpt = json.loads(text if text.startswith("{") else "{" + text + "}")
                leaves = _leaves(excerpt)
                assert any(all(doc.get(k, object()) == v for k, v in leaves.items()) for doc in shipped.values()), (
                    f"{page}: a JSON excerpt is in no shipped document:\n{text}")
                checked += 1
            elif language == "text" and body.startswith("report_id,"):
                missing = [line for line in body.splitlines() if line not in csv_lines]
                assert not missing, f"{page}: CSV lines not in the shipped packages: {missing}"
                checked += 1
    assert checked >= 4
