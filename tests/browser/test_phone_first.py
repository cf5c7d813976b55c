"""Phone first, in Chromium at 360×740 and 320×640: what a reader sees before scrolling.

On every page type (home, content page, offence index, offence page, guidance article, each
self-check step, search, 404), in Norwegian, English and Northern Sámi:

- the h1 and the first line of the page's own text are on the first screen (on a self-check
  question: the question and its first answer);
- the emergency number (the first helpline, 112) is on the first screen;
- nothing scrolls sideways.

And the header's parts: one language control that works without JavaScript (a disclosure
listing the five languages, each in its own name), a search link instead of a search box,
breadcrumbs on one line, and long Norwegian words that break only at a hyphen.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from guidance import selfcheck as sc
from guidance.models import GuidancePage, Helpline, SelfCheckPage
from offences.models import OffenceIndexPage, OffencePage
from plikt import languages
from plikt.models import ContentPage, HomePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SCREENS = [(360, 740), (320, 640)]
SCREEN_IDS = [f"{width}x{height}" for width, height in SCREENS]
CHECKED_LANGUAGES = ("nb", "en", "se")

# The self-check's steps: the start page, every question (by the answers that lead to it,
# as its form sends them) and an outcome.
SELF_CHECK_STEPS = {
    "start": "",
    "offence": sc.START_QUERY,
    "under16": "?offence=close&asked=offence",
    "likely": "?offence=listed&asked=offence",
    "avertable": "?offence=listed&likely=yes&asked=likely",
    "risk": "?offence=listed&likely=yes&avertable=yes&asked=avertable",
    "outcome": "?offence=listed&likely=yes&avertable=yes&risk=no&asked=risk",
}


def url_of(model, code: str, position: int = 0) -> str:
    with translation.override(code):
        return model.objects.live().order_by("path")[position].get_url()


def offence_282(code: str) -> str:
    with translation.override(code):
        return OffencePage.objects.live().get(slug_nb="straffeloven-282").get_url()


def language_prefix(code: str) -> str:
    """The start of every address in ``code``: none for Norwegian, ``/en`` and so on."""
    return "" if code == languages.DEFAULT else f"/{code}"


def page_types(code: str) -> dict[str, str]:
    prefix = language_prefix(code)
    paths = {
        "home": url_of(HomePage, code),
        "content": url_of(ContentPage, code),
        "offence index": url_of(OffenceIndexPage, code),
        "offence": offence_282(code),
        "guidance article": url_of(GuidancePage, code),
        "search": f"{prefix}/search/",
        "search results": search_results_path(code),
        "404": f"{prefix}/finnes-ikke-{code}/",
    }
    self_check = url_of(SelfCheckPage, code)
    for step, query in SELF_CHECK_STEPS.items():
        paths[f"self-check {step}"] = self_check + query
    return paths


# What the first screen shows, measured in the page (viewport coordinates, before scrolling).
FIRST_SCREEN = """() => {
  const height = window.innerHeight;
  const onScreen = (rect) => rect && rect.width > 1 && rect.top >= 0 && rect.bottom <= height;
  const shown = (el) => el.checkVisibility({visibilityProperty: true});
  const main = document.querySelector('main');
  const h1 = main && main.querySelector('h1');
  // The first line of the page's own text after the h1: notices about the page (translation,
  // legal review) and the error summary are not its content.
  const skip = '.site-notice, .review-notice, .ds-error-summary, .ds-sr-only, [hidden]';
  let firstLine = null, firstText = null;
  if (h1) {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    walker.currentNode = h1;
    let node = walker.nextNode();
    while (node && h1.contains(node)) node = walker.nextNode();
    for (; node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.data.trim() || el.closest(skip) || !shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = [...range.getClientRects()].find((r) => r.width > 1);
      if (!rect) continue;
      firstLine = rect;
      firstText = node.data.trim().slice(0, 40);
      break;
    }
  }
  const radio = main && main.querySelector('input[type=radio]');
  const label = radio && document.querySelector(`label[for="${radio.id}"]`);
  const emergency = [...document.querySelectorAll('a[href="tel:112"]')].filter(shown);
  return {
    h1: h1 ? onScreen(h1.getBoundingClientRect()) : 'no h1',
    firstLine: firstLine ? onScreen(firstLine) : 'no text after the h1',
    firstText,
    firstAnswer: radio ? onScreen(radio.getBoundingClientRect())
      && onScreen(label.getBoundingClientRect()) : null,
    emergency: emergency.some((a) => onScreen(a.getBoundingClientRect())),
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


# Measurements taken on a page while it is loaded for one test, for a later test in this
# module that needs the same page at the same screen size: {(width, height, path): {name:
# result}}. A test that finds nothing here loads the page itself, so each test still runs on
# its own (``-k``); all of tests/browser runs in one worker, so in ``make test`` the later test
# reads what the earlier one measured instead of loading the page again.
MEASURED = {}


def measured(page, path: str) -> dict:
    size = page.viewport_size
    return MEASURED.setdefault((size["width"], size["height"], path), {})


@pytest.fixture(scope="module", params=SCREENS, ids=SCREEN_IDS)
def phone(request, browser):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("code", CHECKED_LANGUAGES)
def test_every_page_type_opens_with_its_heading_text_and_the_emergency_number(
    phone, browser_server, code
):
    assert Helpline.for_display()[0].number == "112"
    failures = []
    long_word_pages = set(long_word_paths())
    for name, path in page_types(code).items():
        response = phone.goto(browser_server.url + path, wait_until="load")
        assert response.status == (404 if name == "404" else 200), path
        seen = phone.evaluate(FIRST_SCREEN)
        # What later tests measure on the same pages at this screen size, while it is here.
        if path in long_word_pages:  # test_long_norwegian_words_break_only_at_a_hyphen
            measured(phone, path)["breaks"] = phone.evaluate(BREAKS_IN, LONG_WORDS)
        if name == "search results":  # test_the_search_page_shows_its_box_on_the_first_screen
            measured(phone, path)["search box"] = phone.evaluate(BOXES, SEARCH_BOX)
        if name == "content":  # test_search_in_the_header_is_a_link_not_a_box
            measured(phone, path)["header"] = phone.evaluate(BOXES, HEADER)
        problems = [
            f"{what}: {seen[what]}"
            for what in ("h1", "firstLine", "emergency")
            if seen[what] is not True
        ]
        if name.startswith("self-check") and name not in ("self-check start", "self-check outcome"):
            if seen["firstAnswer"] is not True:
                problems.append(f"first answer: {seen['firstAnswer']}")
        if seen["sideways"] > 0:
            problems.append(f"scrolls {seen['sideways']} px sideways")
        if problems:
            failures.append(f"{name} {path} (first text {seen['firstText']!r}): {problems}")
    assert not failures, "\n".join(failures)


# Where an element is, measured in the page as Playwright's ``is_visible()`` and
# ``bounding_box()`` measure it, so that a page loaded for the page-type test can be measured
# for the tests below in the same visit. ``strict``: exactly one element must match, as a
# Playwright locator requires; otherwise only the first is measured (``.first``).
BOXES = """(selectors) => Object.fromEntries(Object.entries(selectors).map(([name, query]) => {
  const [sel, strict] = query;
  const all = document.querySelectorAll(sel);
  if (!all.length || (strict && all.length !== 1)) return [name, {count: all.length}];
  const el = all[0];
  const rect = el.getBoundingClientRect();
  const visible = el.checkVisibility() && getComputedStyle(el).visibility === 'visible'
    && rect.width > 0 && rect.height > 0;
  return [name, {count: all.length, visible, y: rect.y, height: rect.height,
                 href: el.getAttribute('href')}];
}))"""

SEARCH_BOX = {"box": ("main input[type=search]", False)}
HEADER = {
    "input": ("header input", False),
    "search": ("header a.site-header__search", True),
    "summary": ("header details > summary", True),
    "header": ("header.site-header", True),
}


def search_results_path(code: str) -> str:
    return f"{language_prefix(code)}/search/?q=vold"


def boxes_on(page, base_url: str, path: str, what: str, selectors: dict) -> dict:
    """``selectors`` measured on ``path``: as the page-type test found them, or loaded now."""
    found = measured(page, path)
    if what not in found:
        page.goto(base_url + path, wait_until="load")
        found[what] = page.evaluate(BOXES, selectors)
    return found[what]


@pytest.mark.parametrize("code", languages.CODES)
def test_the_search_page_shows_its_box_on_the_first_screen(phone, browser_server, code):
    box = boxes_on(phone, browser_server.url, search_results_path(code), "search box", SEARCH_BOX)
    box = box["box"]
    assert box.get("visible"), box
    assert box["y"] + box["height"] <= phone.viewport_size["height"]


@pytest.fixture(scope="module")
def no_script(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_the_language_choice_is_one_disclosure_that_works_without_javascript(
    no_script, browser_server
):
    page = no_script
    page.goto(browser_server.url + offence_282("nb"), wait_until="load")
    switcher = page.locator("header nav.language-switcher")
    summary = switcher.locator("details > summary")
    assert summary.count() == 1 and summary.is_visible()
    links = switcher.locator("a[hreflang]")
    assert links.count() == len(languages.ALL)
    assert not any(links.nth(i).is_visible() for i in range(links.count()))  # closed: one line

    summary.click()
    named = [(links.nth(i).get_attribute("lang"), links.nth(i).inner_text()) for i in range(5)]
    assert named == [(language.code, language.endonym) for language in languages.ALL]
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    # The open list lies over the page, inside the screen, and leads to the same page.
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= 320
    switcher.locator("a[lang=en]").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(offence_282("en"))
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("code", CHECKED_LANGUAGES)
def test_search_in_the_header_is_a_link_not_a_box(phone, browser_server, code):
    boxes = boxes_on(phone, browser_server.url, url_of(ContentPage, code), "header", HEADER)
    assert boxes["input"]["count"] == 0
    search = boxes["search"]
    assert search.get("visible"), search
    with translation.override(code):  # each language's own word: /sok/, /en/search/
        assert search["href"] == reverse("search")
    # The header is one row under the exit bar: name, search and language side by side.
    tops = {round(boxes[name]["y"] / 20) for name in ("search", "summary")}
    assert len(tops) == 1
    assert boxes["header"]["height"] <= 80


# --- Breadcrumbs and long words --------------------------------------------------------

LINES_OF = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.checkVisibility())
  .map((el) => {
    const style = getComputedStyle(el);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
    return Math.round(el.getBoundingClientRect().height / line);
  })"""


@pytest.mark.parametrize("width", [360, 320, 700])
def test_the_breadcrumb_separator_never_wraps_onto_a_line_of_its_own(
    browser, browser_server, width
):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    try:
        for code in CHECKED_LANGUAGES:
            page.goto(browser_server.url + offence_282(code), wait_until="load")
            crumbs = page.locator("nav.site-breadcrumbs")
            assert crumbs.is_visible()
            # Each visible item (link and separator) takes exactly the lines its link takes.
            heights = page.evaluate(
                """() => [...document.querySelectorAll('nav.site-breadcrumbs li')]
                  .filter((li) => li.checkVisibility())
                  .map((li) => [li.getBoundingClientRect().height,
                                li.querySelector('a').getBoundingClientRect().height])"""
            )
            assert all(item <= link + 1 for item, link in heights), (code, heights)
            if width < 650:  # a phone: only the link up a level, not a trail of lines
                lines = page.evaluate(LINES_OF, "nav.site-breadcrumbs > a")
                assert len(lines) == 1 and lines[0] <= 2, (code, lines)
                assert not heights
    finally:
        context.close()


# Every place a word is broken across two lines, and the characters around the break.
BREAKS_IN = """(words) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.checkVisibility()) continue;
    const plain = [];  // positions of the letters, soft hyphens left out
    for (let i = 0; i < node.data.length; i++) if (node.data[i] !== '\\u00ad') plain.push(i);
    const text = plain.map((i) => node.data[i]).join('').toLowerCase();
    for (const word of words) {
      for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
        seen += 1;
        let previous = null;
        for (let k = at; k < at + word.length; k++) {
          range.setStart(node, plain[k]);
          range.setEnd(node, plain[k] + 1);
          const rect = [...range.getClientRects()].filter((r) => r.width > 0).pop();
          if (!rect) continue;
          if (previous && rect.top > previous.top + previous.height / 2) {
            const between = node.data.slice(plain[k - 1] + 1, plain[k]);
            found.push({word, at: text.slice(at, k) + '|' + text.slice(k, at + word.length),
                        hyphen: between.includes('\\u00ad')});
          }
          previous = rect;
        }
      }
    }
  }
  return {seen, found};
}"""


LONG_WORDS = ["avvergingsplikten", "mishandling"]


def long_word_paths() -> list[str]:
    return [
        url_of(HomePage, "nb"),
        offence_282("nb"),
        url_of(OffenceIndexPage, "nb"),
        url_of(SelfCheckPage, "nb") + sc.START_QUERY,
        url_of(ContentPage, "nb"),
        offence_282("se"),  # Norwegian fallback text on a Sámi page
    ]


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_long_norwegian_words_break_only_at_a_hyphen(browser, browser_server, width, height):
    paths = long_word_paths()
    # These pages at these screen sizes were most likely measured already, as they were
    # loaded for the page-type test above (the same screens): load only what was not.
    results = {path: MEASURED.get((width, height, path), {}).get("breaks") for path in paths}
    missing = [path for path, result in results.items() if result is None]
    if missing:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        try:
            for path in missing:
                page.goto(browser_server.url + path, wait_until="load")
                results[path] = page.evaluate(BREAKS_IN, LONG_WORDS)
        finally:
            context.close()
    seen, bad = 0, []
    for path, result in results.items():
        seen += result["seen"]
        bad += [(path, b["at"]) for b in result["found"] if not b["hyphen"]]
    assert seen >= len(paths), "the words to check are not on these pages any more"
    assert not bad, f"broken without a hyphen: {bad}"
