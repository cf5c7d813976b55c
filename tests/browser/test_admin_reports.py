"""The admin's reports as an editor sees them in Chromium: titles keep whole words.

Wagtail's listing CSS (``word-break: break-word``) let a crowded report squeeze its title
column to a letter's width, «Avvergingsplikte/n» (seen in both reports at 1100 px);
static/css/admin-reports.css keeps each word on one line.
"""

import pytest

from tests.browser.conftest import EDITOR_PASSWORD, sign_in_by_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# For every title in the listing: is the title cell at least as wide as its longest word?
NARROWEST = """
() => [...document.querySelectorAll("td.title a")].slice(0, 20).map((link) => {
    const words = link.innerText.split(/\\s+/).filter(Boolean);
    const probe = document.createElement("span");
    probe.style.whiteSpace = "nowrap";
    link.appendChild(probe);
    let widest = 0;
    for (const word of words) {
        probe.textContent = word;
        widest = Math.max(widest, probe.getBoundingClientRect().width);
    }
    probe.remove();
    return {title: link.innerText.trim(), room: link.getBoundingClientRect().width, widest};
})
"""


@pytest.fixture(scope="module")
def editor_context(browser):
    """One browser context for the module's reports: the admin's scripts and styles, loaded
    for the first report, come from the browser's cache for the next."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="nb-NO")
    yield context
    context.close()


@pytest.fixture
def editor_tab(editor_context, browser_server, shared_connection, django_user_model):
    editor = django_user_model.objects.create_superuser(
        "redaktor", "r@example.com", EDITOR_PASSWORD
    )
    # Each test has its own editor (rolled back with the test) and so its own session.
    editor_context.clear_cookies()
    sign_in_by_cookie(editor_context, browser_server.url, editor)
    page = editor_context.new_page()
    yield page
    page.close()


@pytest.mark.parametrize(
    "path", ["/admin/reports/legal-review/", "/admin/reports/translation-status/"]
)
def test_report_titles_never_break_inside_a_word(editor_tab, browser_server, path):
    editor_tab.goto(browser_server.url + path)
    titles = editor_tab.evaluate(NARROWEST)
    assert titles
    squeezed = [t for t in titles if t["room"] + 1 < t["widest"]]
    assert not squeezed, squeezed
