#!/usr/bin/env python3
"""Screenshots of each page type at 360×740, 320×640 and 1280 px, into docs/screenshots/.

Run by hand after a visible change (not by the test suite), against a running site whose
database holds the demo content, with the same environment as the site:

    make run                                    # in one terminal (or any server)
    DJANGO_DEBUG=1 .venv/bin/python bin/screenshots.py http://127.0.0.1:8000

Uses Debian's Chromium through Playwright. First screen only (viewport, not full page), so the
PNGs stay small enough to commit.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTHS = {360: 740, 320: 640, 1280: 800}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def page_types() -> list[tuple[str, str]]:
    """(slug for the file name, path) of the first live page of each type, plus search."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plikt.settings")
    import django

    django.setup()
    from django.utils import translation
    from wagtail.models import Page

    found, seen = [], set()
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        name = type(page).__name__
        if name in seen:
            continue
        seen.add(name)
        with translation.override("nb"):
            found.append((name.lower(), page.get_url()))
        if name == "SelfCheckPage":  # a question step too, as its form leads to it
            found.append(("selfcheckpage-question", found[-1][1] + "?offence=listed&asked=offence"))
    found.append(("search", "/search/?q=plikt"))
    found.append(("notfound", "/finnes-ikke/"))
    found.append(("homepage-se-fallback", "/se/"))
    found.append(("offencepage-en", "/en/offences/penal-code-282/"))
    found.append(("selfcheckpage-question-se", "/se/har-jeg-avvergingsplikt/?start"))
    return found


def main() -> None:
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    targets = page_types()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            tab = context.new_page()
            for name, path in targets:
                tab.goto(base + path, wait_until="load")
                target = OUT / f"{name}-{width}.png"
                tab.screenshot(path=str(target))
                print(f"{target.relative_to(ROOT)}  {path}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
