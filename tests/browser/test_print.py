"""Printing a guidance article and a case story in Chromium (print media emulated).

Requirement: guidance and case pages print cleanly, with no navigation and with link
addresses written out. One tab for both pages; the shared live server and browser.
"""

import pytest
from django.utils import translation

from guidance.models import CasePage, GuidancePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Not on paper: what is only there to move around the site, and the exit button.
HIDDEN = [
    ".ds-skip-link",
    ".quick-exit",
    ".site-header",
    ".language-switcher",
    ".site-header__search",
    ".site-breadcrumbs",
    ".site-footer__nav",
]
# On paper: the page itself, the helpline numbers and the footer's small print.
SHOWN = ["main h1", ".helplines", ".site-footer"]

# Whether the element is rendered at all (false for display: none on it or an ancestor).
RENDERED = "(selector) => document.querySelector(selector).checkVisibility()"

# Every link in the main text and the footer that is printed, with what follows it on paper.
LINKS = """() => [...document.querySelectorAll('main a[href], footer a[href]')]
  .filter((a) => a.getClientRects().length)
  .map((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"""


@pytest.fixture(scope="module")
def print_tab(browser):
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def english_url(model) -> str:
    with translation.override("en"):
        return model.objects.live().order_by("path").first().get_url()


@pytest.mark.parametrize("model", [GuidancePage, CasePage], ids=["guidance", "case"])
def test_guidance_and_case_pages_print_without_navigation_and_with_link_addresses(
    print_tab, browser_server, model
):
    page = print_tab
    response = page.goto(browser_server.url + english_url(model))
    assert response.status == 200
    assert page.evaluate("matchMedia('print').matches")

    printed = [selector for selector in HIDDEN if page.evaluate(RENDERED, selector)]
    assert not printed, f"printed: {printed}"
    missing = [selector for selector in SHOWN if not page.evaluate(RENDERED, selector)]
    assert not missing, f"not printed: {missing}"

    links = page.evaluate(LINKS)
    web = [(href, after) for href, after in links if href.startswith(("http", "/"))]
    assert any(href.startswith("https://lovdata.no/") for href, _after in web)
    missing = [href for href, after in web if f"({href})" not in after]
    assert not missing, f"printed without their address: {missing}"
    # Phone numbers are their own text: nothing added.
    assert all(after == "none" for href, after in links if href.startswith("tel:"))
