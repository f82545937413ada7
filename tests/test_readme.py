"""The README's library example runs and prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import os
import re

from .paths import ROOT


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_example_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = _python_blocks(readme)
    assert blocks, "the README must show a library example"
    for block in blocks:
        expected = [m.strip() for m in re.findall(r"#\s(.+)$", block, flags=re.M)]
        out = io.StringIO()
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(block, "README.md", "exec"), {})
        finally:
            os.chdir(cwd)
        printed = out.getvalue()
        for line in expected:
            assert line in printed, f"README promises {line!r}, the code printed:\n{printed}"


def test_readme_quick_start_has_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", readme)
    assert len(commands) == 2
    assert "opengovreport validate datapackages/" in commands[0]
    assert "pytest" in commands[1]
    assert commands[1] in ci, ".ci/run must run the README's test command"
