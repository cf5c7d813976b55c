#!/usr/bin/env python3
"""CPU instructions per request, counted by valgrind's callgrind through the Django test client.

Instruction counts do not drift with a noisy, shared CPU the way timings do. One valgrind run
serves every case: after warming up a case (templates compiled, caches filled), the script asks
callgrind to dump its counters, makes N requests, and dumps again; the second dump holds exactly
those N requests. Cases: home, an offence page, a guidance page and the offence index, each
uncached (PLIKT_PAGE_CACHE_SECONDS=0) and from the full-page cache.

Run against a database that holds the demo content, with production settings, e.g.:

    export DJANGO_SECRET_KEY=bench-only DJANGO_ALLOWED_HOSTS=testserver DATABASE_URL=postgres://...
    export REDIS_URL=redis://127.0.0.1:6379/8 DJANGO_SECURE_SSL_REDIRECT=0
    python manage.py migrate --noinput && python manage.py load_demo_content
    python manage.py collectstatic --noinput
    .venv/bin/python bench/callgrind.py            # about two minutes

Target: uncached <= 40 M instructions per request (bakerydemo's home page: 221 M).
"""

import glob
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10"))


def pick_urls():
    """(name, path) of the page types to measure; absent apps are left out."""
    from django.utils import translation
    from wagtail.models import Page

    urls = [("home", "/")]
    wanted = [
        ("offence page", "offences", "offencepage"),
        ("guidance page", "guidance", "guidancepage"),
        ("offence index", "offences", "offenceindexpage"),
    ]
    for name, app, model in wanted:
        page = (
            Page.objects.live()
            .filter(content_type__app_label=app, content_type__model=model)
            .order_by("path")
            .first()
        )
        if page is not None:
            with translation.override("nb"):
                urls.append((name, page.specific.get_url()))
    return urls


def dump(label: str) -> None:
    """Ask callgrind to write its counters now (and reset them); wait until it has."""
    proc = subprocess.Popen(
        ["callgrind_control", "--dump=" + label, str(os.getpid())],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # valgrind reads the request only while this process runs code, so poll, don't block.
    while proc.poll() is None:
        time.sleep(0.005)


def inner() -> None:
    """Runs under valgrind."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plikt.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client()
    for name, url in pick_urls():
        for mode, seconds in (("uncached", 0), ("cached", 600)):
            settings.PLIKT_PAGE_CACHE_SECONDS = seconds
            for _ in range(3):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
            if mode == "cached":
                assert response.get("X-Page-Cache") == "hit", url
            dump("before")
            for _ in range(REQUESTS):
                client.get(url)
            dump("case")  # callgrind keeps only the first word of a dump's label
            with open(os.environ["BENCH_CASES"], "a") as cases:
                cases.write(f"{name}|{mode}|{url}\n")


def totals(path: str) -> tuple[str, int]:
    text = Path(path).read_text(errors="replace")
    label = re.search(r"^desc: Trigger: (.*)$", text, re.M)
    summary = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
    return (label.group(1) if label else ""), int(summary.group(1)) if summary else 0


def outer() -> None:
    work = os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="plikt-callgrind-")
    os.makedirs(work, exist_ok=True)
    if True:
        out = os.path.join(work, "callgrind.out")
        os.environ["BENCH_CASES"] = os.path.join(work, "cases.txt")
        Path(os.environ["BENCH_CASES"]).write_text("")
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--inner",
        ]
        print("$", " ".join(command), file=sys.stderr)
        with open(os.path.join(work, "valgrind.log"), "w") as log:
            subprocess.run(command, check=True, stderr=log)
        cases = Path(os.environ["BENCH_CASES"]).read_text().splitlines()
        files = sorted(glob.glob(out + ".*"), key=lambda p: int(p.rsplit(".", 1)[1]))
        dumps = [totals(p) for p in files]
        measured = [count for label, count in dumps if label.endswith("case")]
        rows = []
        for case, instructions in zip(cases, measured, strict=True):
            name, mode, url = case.split("|")
            rows.append((name, mode, url, instructions / REQUESTS))
    print(f"{'page':<15} {'mode':<9} {'M instr/request':>16}  url")
    for name, mode, url, per_request in rows:
        print(f"{name:<15} {mode:<9} {per_request / 1e6:>16.1f}  {url}")


if __name__ == "__main__":
    inner() if "--inner" in sys.argv else outer()
