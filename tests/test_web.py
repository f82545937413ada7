"""The web validator, through Flask's test client: same findings as the library, safe output."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

flask = pytest.importorskip("flask", reason="the web validator is the [web] extra; the test extra installs it")

from opengovreport import load, validate  # noqa: E402
from opengovreport.io import dumps  # noqa: E402
from opengovreport.web import create_app  # noqa: E402

from .paths import CORPUS, DATAPACKAGES, EXAMPLES, FIXTURES  # noqa: E402


@pytest.fixture
def client():  # type: ignore[no-untyped-def]
    return create_app(max_upload=2 * 1024 * 1024).test_client()


def post(client, name: str, data: bytes, kind: str = "auto", lang: str = "zh"):  # type: ignore[no-untyped-def]
    return client.post(f"/validate?lang={lang}", data={"file": (io.BytesIO(data), name), "kind": kind},
                       content_type="multipart/form-data")


def cell_classes(html: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r'data-cell="([^"]+)"\s+class="([^"]*)"', html)}


def test_index_in_chinese_and_english(client) -> None:  # type: ignore[no-untyped-def]
    assert "上传文件" in client.get("/").get_data(as_text=True)
    assert "Upload a file" in client.get("/?lang=en").get_data(as_text=True)


def test_reference_report_shows_every_cell_blank_as_blank(client) -> None:  # type: ignore[no-untyped-def]
    html = post(client, "lianyungang-2017.json", (EXAMPLES / "lianyungang-2017.json").read_bytes()).get_data(as_text=True)
    classes = cell_classes(html)
    assert len(classes) == 80
    blank = re.search(r'data-cell="applicant_sources.social_groups.count"[^>]*>([^<]*)</td>', html)
    zero = re.search(r'data-cell="fees_10k_yuan"[^>]*>([^<]*)</td>', html)
    assert blank and blank.group(1) == "" and zero and zero.group(1) == "0"
    assert "status-valid" in html


def test_one_wrong_total_highlights_exactly_the_cells_of_the_failing_rule(client) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / "2021" / "invalid" / "rl-group-total.json"
    html = post(client, path.name, path.read_bytes()).get_data(as_text=True)
    flagged = {cell for cell, cls in cell_classes(html).items() if "error" in cls.split()}
    assert flagged == {f"review_litigation.review.{c}" for c in ("upheld", "corrected", "other", "pending", "total")}
    assert 'data-code="RL-GROUP-TOTAL"' in html and "status-invalid" in html


def test_script_in_narrative_is_shown_as_text(client) -> None:  # type: ignore[no-untyped-def]
    import attrs

    report = attrs.evolve(load(EXAMPLES / "pingtan-2021.json"), issuer=attrs.evolve(
        load(EXAMPLES / "pingtan-2021.json").issuer, name="<script>alert(1)</script>"),
        narrative={"overview": "<script>alert('x')</script>"})
    html = post(client, "x.json", dumps(report).encode("utf-8")).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_parsed_page_shows_unread_cells_and_diagnostics(client) -> None:  # type: ignore[no-untyped-def]
    page = (CORPUS / "pages" / "2021_2021_pingtan-zhsyq.txt").read_bytes()
    html = post(client, "page.txt", page, kind="page", lang="en").get_data(as_text=True)
    classes = cell_classes(html)
    assert "unread" in classes["proactive.normative_documents.issued"]
    assert "unread" not in classes["applications.new_received.total"]
    assert "PARSE-AMBIGUOUS-SPLIT" in html


def test_package_upload_and_downloads(client) -> None:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in (DATAPACKAGES / "pingtan").rglob("*"):
            if path.is_file():
                archive.write(path, path.relative_to(DATAPACKAGES / "pingtan").as_posix())
    html = post(client, "pingtan.zip", buffer.getvalue()).get_data(as_text=True)
    assert 'data-code="X-STOCK"' in html and html.count('<section class="report"') == 5
    token = re.search(r"/download/([^/]+)/validation.json", html).group(1)  # type: ignore[union-attr]
    validation = json.loads(client.get(f"/download/{token}/validation.json").get_data(as_text=True))
    assert validation[0]["codes"]["X-STOCK"]["count"] == 2
    reports = json.loads(client.get(f"/download/{token}/report.json").get_data(as_text=True))
    assert len(reports) == 5
    package = client.get(f"/download/{token}/package.zip")
    assert package.status_code == 200 and zipfile.is_zipfile(io.BytesIO(package.data))


def test_same_findings_as_the_library(client) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / "2014" / "invalid" / "l-sources-percent.json"
    html = post(client, path.name, path.read_bytes()).get_data(as_text=True)
    token = re.search(r"/download/([^/]+)/validation.json", html).group(1)  # type: ignore[union-attr]
    web = json.loads(client.get(f"/download/{token}/validation.json").get_data(as_text=True))
    library = validate(json.loads(path.read_text(encoding="utf-8"))).to_dict()
    assert [f["code"] for f in web["findings"]] == [f["code"] for f in library["findings"]]


def test_unusable_and_unsafe_uploads(client) -> None:  # type: ignore[no-untyped-def]
    html = post(client, "bad.json", b"{not json").get_data(as_text=True)
    assert 'id="problem"' in html and "not JSON" in html
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("datapackage.json", "{}")
        archive.writestr("../escape.csv", "x")
    html = post(client, "evil.zip", evil.getvalue()).get_data(as_text=True)
    assert "outside the package" in html
    too_big = post(client, "big.json", b" " * (3 * 1024 * 1024))
    assert too_big.status_code == 413


def test_rules_page_lists_every_code(client) -> None:  # type: ignore[no-untyped-def]
    from opengovreport.rules import RULES

    html = client.get("/rules").get_data(as_text=True)
    for rule in RULES:
        assert f'id="{rule.code}"' in html


def test_web_is_optional_for_the_library() -> None:
    import subprocess
    import sys

    code = "import sys; sys.modules['flask'] = None; import opengovreport; opengovreport.validate"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_serve_command_binds_to_loopback() -> None:
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "opengovreport", "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert "上传文件" in response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer on 127.0.0.1")
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err.decode("utf-8")
