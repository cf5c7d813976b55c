"""Every public page is valid HTML, by the W3C Nu HTML Checker (vnu), over the shared crawl.

The crawl (tests/plikt/public_urls.py) holds every live page in the five languages, the
public routes (search included) and every GET form reachable from them, so self-check steps
and search results are checked too. vnu is npm's ``vnu-jar``, pinned in package.json
(``npm ci``, which ``make css`` and .ci/run do) and run with the machine's Java. Without Java
or vnu the test skips with a message; ``REQUIRE_VNU=1`` (set by .ci/run) makes that a failure.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from guidance.selfcheck import ASKED_PARAM
from tests.plikt.public_urls import crawl_once

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def require_vnu() -> str:
    java = shutil.which("java")
    missing = [what for what, ok in (("java", java), (str(VNU), VNU.exists())) if not ok]
    if not missing:
        return java
    message = f"the Nu HTML Checker cannot run: missing {', '.join(missing)} (npm ci installs vnu)"
    if os.environ.get("REQUIRE_VNU") == "1":
        pytest.fail(message)
    pytest.skip(message)


def vnu_errors(java: str, documents: dict[str, bytes]) -> dict[str, list[str]]:
    """{url: ["line N: message", ...]} for each document vnu finds errors in."""
    with tempfile.TemporaryDirectory(prefix="plikt-vnu-") as folder:
        files = {}
        for number, (url, content) in enumerate(sorted(documents.items())):
            path = Path(folder) / f"{number:04d}.html"
            path.write_bytes(content)
            files[path.name] = url
        done = subprocess.run(  # noqa: S603 - our own arguments
            [
                java,
                "-jar",
                str(VNU),
                "--errors-only",
                "--format",
                "json",
                *(str(Path(folder) / name) for name in files),
            ],
            capture_output=True,
            check=False,
        )
    report = json.loads(done.stderr or done.stdout or b'{"messages": []}')
    found = {}
    for message in report["messages"]:
        # vnu names each file by a file: URL; its last part is the name given above.
        url = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url", "?"))
        found.setdefault(url, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
            f" [{message.get('extract', '').strip()[:80]}]"
        )
    return found


@pytest.mark.django_db
def test_every_public_page_is_valid_html():
    java = require_vnu()
    crawl = crawl_once()
    documents = {
        url: response.content
        for url, response in crawl.responses
        if response.status_code == 200 and "text/html" in response.get("Content-Type", "")
    }
    assert any("/sok/" in url and "q=" in url for url in documents), "no search results checked"
    assert any(f"{ASKED_PARAM}=" in url for url in documents), "no self-check steps checked"
    errors = vnu_errors(java, documents)
    report = "\n".join(
        f"{url}:\n  " + "\n  ".join(messages) for url, messages in sorted(errors.items())
    )
    assert not errors, f"vnu found errors on {len(errors)} of {len(documents)} pages:\n{report}"
