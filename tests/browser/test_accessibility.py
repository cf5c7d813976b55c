"""The accessibility gate (WCAG 2.1 AA), in Chromium, on every public page in all five languages.

Every page in the sitemap, and every live page in each of the five languages (the sitemap
lists a language only where the page is really translated; readers still reach the fallback),
is loaded once at 320 px wide. On each load we record:

- axe-core violations for the WCAG 2.0 and 2.1 A and AA rules and axe's best-practice rules
  (such as ``region``: all content inside landmarks); no rule is disabled;
- whether the page scrolls sideways at 320 px;
- ``<html lang>`` and the language of the h1's text (``lang="nb"`` where it falls back);
- the order in which the Tab key visits links and controls, against their order in the page;
- where focus lands after the skip link.

The tests below each assert one of these over all pages, and list every page that fails.

Scope: ``make test`` audits one page of each page type in Norwegian, English and Northern
Sámi, and the home page in all five, which keeps the run short. ``PLIKT_A11Y_FULL=1`` (set by
.ci/run) audits every page in all five languages and every sitemap URL.
"""

import os
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import translation
from wagtail.models import Page

from plikt import languages
from plikt.i18n.fallback import is_filled
from tests.plikt.public_urls import static_routes

# django_db: pytest-django creates the test database only when a selected test asks for it,
# and this module alone (``pytest tests/browser/test_accessibility.py``) would not.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The WCAG rules, and axe's best practices on top (region, landmark-one-main, heading-order ...).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
_OTHERS = "|".join(c for c in languages.CODES if c != languages.DEFAULT)
PREFIX = re.compile(rf"^/({_OTHERS})/")

MARK_FOCUSABLES = """() => {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
    + ' select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const seenRadio = new Set();
  const inClosedDetails = (el) => {
    const closed = (node) => node && node.closest('details:not([open])');
    for (let d = closed(el); d; d = closed(d.parentElement)) {
      const summary = d.querySelector(':scope > summary');
      if (!summary || !summary.contains(el)) return true;
    }
    return false;
  };
  const found = [...document.querySelectorAll(selector)].filter((el) => {
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') return false;
    if (inClosedDetails(el)) return false;
    if (el.type === 'radio') {  // Tab stops once per radio group; arrows move inside it
      if (seenRadio.has(el.name)) return false;
      seenRadio.add(el.name);
    }
    return true;
  });
  found.forEach((el, i) => { el.dataset.tabOrder = i; });
  return found.map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.getAttribute('href') ? '[' + el.getAttribute('href') + ']' : ''));
}"""

# Installed in every document: records each element that receives focus, in order.
FOCUS_LOG = """
window.__focusLog = [];
document.addEventListener('focusin', (event) => {
  const el = event.target;
  window.__focusLog.push(el.dataset && el.dataset.tabOrder !== undefined
    ? Number(el.dataset.tabOrder) : el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''));
}, true);
"""

ACTIVE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return el.dataset.tabOrder !== undefined ? Number(el.dataset.tabOrder)
    : el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
}"""

H1_TEXT_LANGUAGES = """() => {
  const h1 = document.querySelector('main h1');
  if (!h1) return null;
  const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
  const found = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent.trim()) found.add(node.parentElement.closest('[lang]').lang);
  }
  return [...found];
}"""


# One round trip per page for everything measured before the Tab walk, in this order: axe
# first (it must not see the data-tab-order marks), then the layout and language facts, then
# the marks. Each ``evaluate`` costs a Python -> Playwright -> Chromium round trip, which on a
# slow machine is worth as much as a small measurement.
SURVEY = """async (tags) => {
  const axeResult = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
    elementRef: false, ancestry: false, xpath: false,
  });
  return {
    violations: axeResult.violations.map((v) => ({id: v.id, impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => ({target: n.target}))})),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    htmlLang: document.documentElement.lang,
    h1Languages: (H1_TEXT_LANGUAGES)(),
    focusables: (MARK_FOCUSABLES)(),
  };
}""".replace("(H1_TEXT_LANGUAGES)", f"({H1_TEXT_LANGUAGES})").replace(
    "(MARK_FOCUSABLES)", f"({MARK_FOCUSABLES})"
)


def language_of(path: str) -> str:
    match = PREFIX.match(path)
    return match.group(1) if match else languages.DEFAULT


def sitemap_paths(client) -> set[str]:
    response = client.get("/sitemap.xml")
    if response.status_code != 200:
        return set()
    tree = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    paths = set()
    for element in tree.iter():
        href = element.text if element.tag.endswith("loc") else element.get("href")
        if href and href.startswith("http"):
            paths.add(urlsplit(href).path)
    return paths


# Without PLIKT_A11Y_FULL: one page of each type in Norwegian, English and one Sámi language
# (fallback markup), which keeps ``make test`` quick; CI audits everything.
FAST_SCOPE_LANGUAGES = ("nb", "en", "se")


def full_scope() -> bool:
    return os.environ.get("PLIKT_A11Y_FULL") == "1"


def pages_to_check():
    """{path: expected language of the h1 text or None} for the public HTML pages in scope."""
    expected = {}
    types_seen = set()
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        first_of_type = type(page) not in types_seen
        types_seen.add(type(page))
        for code in languages.CODES:
            in_fast_scope = first_of_type and (code in FAST_SCOPE_LANGUAGES or page.depth == 2)
            if not (full_scope() or in_fast_scope):
                continue
            with translation.override(code):
                url = page.get_url()
            if url:
                h1_language = code if is_filled(page, "title", code) else languages.DEFAULT
                expected[url] = h1_language
    client = Client()
    sitemap = sitemap_paths(client)
    extra = set(static_routes()) | (sitemap if full_scope() else set())
    for path in extra:
        if path in expected or "/_util/" in path:  # Wagtail's private-page login forms
            continue
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            expected[path] = None  # not a page: its h1 is interface text
    return expected, sitemap


# Marks where the skip link will send focus, focuses the skip link and empties the focus log
# (the walk so far) in one round trip.
BEFORE_SKIP = """() => {
  const tabOrder = window.__focusLog.splice(0);
  const skip = document.querySelector('a.ds-skip-link');
  if (!skip) return {tabOrder, skip: false};
  const m = document.getElementById('main');
  const el = m && m.querySelector('[data-tab-order]');
  skip.focus();
  return {tabOrder, skip: true, firstInMain: el ? Number(el.dataset.tabOrder) : null};
}"""


def tab_presses(count: int) -> str:
    """``count`` presses of the Tab key as one Playwright call (a key held down to repeat).

    ``keyboard.press("Tab+Tab+Tab")`` sends Chromium a real keydown for each Tab (the later
    ones marked as the key's auto-repeat, as when a reader holds Tab down), each handled by
    the browser's own focus navigation before the next is sent, then the keyups: the same
    walk as ``count`` separate presses, for one round trip instead of ``count``."""
    return "+".join(["Tab"] * count)


def audit(tab, base_url: str, path: str) -> dict:
    response = tab.goto(base_url + path, wait_until="load")
    survey = tab.evaluate(SURVEY, WCAG_TAGS)
    result = {
        "status": response.status if response else None,
        "violations": [
            f"{v['id']} ({v['impact']}): {v['nodes'][0]['target'] if v['nodes'] else ''}"
            for v in survey["violations"]
        ],
        "overflow": survey["overflow"],
        "html_lang": survey["htmlLang"],
        "h1_languages": survey["h1Languages"],
        "focusables": survey["focusables"],
    }
    # One press more than there are stops: the walk must then leave the page (or wrap round).
    tab.keyboard.press(tab_presses(len(result["focusables"]) + 1))
    before_skip = tab.evaluate(BEFORE_SKIP)
    result["tab_order"] = before_skip["tabOrder"]
    if before_skip["skip"]:
        tab.keyboard.press("Enter")
        result["after_skip"] = tab.evaluate(
            "() => document.activeElement && document.activeElement.id"
        )
        tab.keyboard.press("Tab")
        landed = tab.evaluate(f"() => {{ window.__focusLog.splice(0); return ({ACTIVE})(); }}")
        result["tab_after_skip"] = (landed, before_skip["firstInMain"])
    else:
        result["after_skip"] = None
        result["tab_after_skip"] = (None, None)
    return result


@pytest.fixture(scope="module")
def audits(browser_server, tab, django_db_blocker):
    # axe-core and the focus log are compiled into each document as it loads, instead of
    # being sent over the wire after each navigation.
    tab.context.add_init_script(Axe().axe_script)
    tab.context.add_init_script(FOCUS_LOG)
    with django_db_blocker.unblock():
        expected, sitemap = pages_to_check()
        results = {}
        for path in sorted(expected):
            results[path] = audit(tab, browser_server.url, path)
            results[path]["expected_h1"] = expected[path]
    return {"results": results, "sitemap": sitemap}


def failures(audits, check):
    bad = {}
    for path, result in audits["results"].items():
        problem = check(path, result)
        if problem:
            bad[path] = problem
    return bad


def report(bad: dict) -> str:
    return "\n".join(f"{path}: {problem}" for path, problem in sorted(bad.items()))


def test_every_page_type_is_checked_in_all_five_languages(audits):
    checked = set(audits["results"])
    if full_scope():
        assert audits["sitemap"] <= checked
    for code in languages.CODES:
        assert any(language_of(path) == code for path in checked), code
    assert all(result["status"] == 200 for result in audits["results"].values())


def test_no_wcag_a_or_aa_violations(audits):
    bad = failures(audits, lambda path, r: r["violations"])
    assert not bad, "axe-core found WCAG 2.1 A/AA or best-practice violations:\n" + report(bad)


def test_no_horizontal_scrolling_at_320_px(audits):
    bad = failures(audits, lambda path, r: r["overflow"] > 0 and f"{r['overflow']} px too wide")
    assert not bad, report(bad)


def test_html_lang_matches_the_language_of_the_address(audits):
    bad = failures(
        audits,
        lambda path, r: r["html_lang"] != language_of(path) and f"lang={r['html_lang']!r}",
    )
    assert not bad, report(bad)


def test_fallback_text_is_marked_lang_nb(audits):
    def check(path, r):
        if r["expected_h1"] is None:
            return None
        if r["h1_languages"] != [r["expected_h1"]]:
            return f"h1 text in {r['h1_languages']}, expected [{r['expected_h1']!r}]"
        return None

    bad = failures(audits, check)
    assert not bad, report(bad)
    # The demo has no Sámi text, so Sámi pages must show marked Norwegian somewhere.
    assert any(
        r["h1_languages"] == ["nb"] and language_of(p) in {"se", "sma", "smj"}
        for p, r in audits["results"].items()
    )


def test_skip_link_moves_focus_to_the_main_content(audits):
    def check(path, r):
        if r["after_skip"] != "main":
            return f"focus went to {r['after_skip']!r}"
        landed, first_in_main = r["tab_after_skip"]
        if first_in_main is not None and landed != first_in_main:
            return f"Tab after the skip link went to {landed!r}, not the first control in main"
        return None

    bad = failures(audits, check)
    assert not bad, report(bad)


def test_tab_reaches_every_link_and_control_in_page_order(audits):
    def check(path, r):
        count = len(r["focusables"])
        walked = r["tab_order"][:count]
        if walked != list(range(count)):
            first = next(i for i, stop in enumerate(walked + [None] * count) if stop != i)
            return (
                f"Tab stop {first} was {walked[first]!r}, expected "
                f"{r['focusables'][first]!r} (walk: {walked})"
            )
        beyond = r["tab_order"][count : count + 1]  # nothing, or the skip link again
        if beyond not in ([], [0]):
            return f"after the last control Tab went to {beyond[0]!r}"
        return None

    bad = failures(audits, check)
    assert not bad, report(bad)
    first = next(iter(audits["results"].values()))
    assert first["focusables"][0].startswith("a[#main]"), "the skip link must come first"
