"""The search box and results page as a reader on a phone sees them, in Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Where the text typed into a search field starts, and where the magnifier (Designsystemet
# draws it as the ``.ds-search::after`` pseudo-element over the input) ends, in page pixels.
BOXES = """(selector) => {
  const input = document.querySelector(selector);
  const box = input.getBoundingClientRect();
  const style = getComputedStyle(input);
  const search = input.closest('.ds-search');
  const icon = getComputedStyle(search, '::after');
  const iconLeft = search.getBoundingClientRect().left + parseFloat(icon.marginInlineStart);
  return {
    textStart: box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
    iconContent: icon.content,
    iconLeft: iconLeft,
    iconRight: iconLeft + parseFloat(icon.width),
  };
}"""

GAPS = """() => {
  const hits = [...document.querySelectorAll('.search-result')];
  return hits.slice(1).map((hit, i) =>
    hit.getBoundingClientRect().top - hits[i].getBoundingClientRect().bottom);
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, reduced_motion="reduce")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("path", "selector"), [("/sok/", "#search-page-q"), ("/en/search/", "#search-page-q")]
)
def test_the_magnifier_does_not_cover_the_text_typed(browser_server, phone, path, selector):
    phone.goto(browser_server.url + path)
    phone.fill(selector, "voldtekt")
    boxes = phone.evaluate(BOXES, selector)
    assert boxes["iconContent"] not in ("none", "normal"), "no magnifier drawn"
    assert boxes["iconRight"] <= boxes["textStart"], boxes


def test_search_results_have_room_between_them(browser_server, phone):
    phone.goto(browser_server.url + "/sok/?q=vold")
    gaps = phone.evaluate(GAPS)
    assert len(gaps) >= 2
    assert min(gaps) >= 16, gaps
    assert phone.locator("input[name=q]").count() == 1
