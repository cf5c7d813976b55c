""" "Exit this page" in headless Chromium: the shortcut, the history, the status messages.

QUICK_EXIT_URL points at a second local server started here, so no request leaves the
machine (the shared Chromium flags also make every other host fail to resolve).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


class NeutralPage(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        body = b"<!doctype html><title>Weather</title><h1>Weather</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def neutral_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), NeutralPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def tab_with_history(browser, browser_server, neutral_site, settings):
    """A fresh tab that visited a neutral page, then the site's English home page."""
    settings.QUICK_EXIT_URL = neutral_site + "/weather"
    context = browser.new_context()
    page = context.new_page()
    page.goto(neutral_site + "/before")
    page.goto(browser_server.url + "/en/")
    yield page
    context.close()


def status_text(page) -> str:
    return page.locator("[data-quick-exit-status]").text_content()


def test_three_shift_presses_leave_the_site_and_back_does_not_return(
    tab_with_history, browser_server, neutral_site
):
    page = tab_with_history
    page.keyboard.press("Shift")
    assert status_text(page) == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    assert status_text(page) == "Shift, press 1 more time to exit."
    with page.expect_navigation():
        page.keyboard.press("Shift")
    assert page.url == neutral_site + "/weather"

    page.go_back()
    assert page.url == neutral_site + "/before"
    assert not page.url.startswith(browser_server.url)


def test_the_button_leaves_the_same_way(tab_with_history, neutral_site):
    page = tab_with_history
    with page.expect_navigation():
        page.get_by_role("link", name="Exit this page").click()
    assert page.url == neutral_site + "/weather"
    page.go_back()
    assert page.url == neutral_site + "/before"


def test_presses_more_than_5_seconds_apart_do_not_leave(browser, browser_server, settings):
    settings.QUICK_EXIT_URL = "http://127.0.0.1:9/never"
    context = browser.new_context()
    page = context.new_page()
    page.clock.install()  # a fake clock: the 5 s wait costs no real time
    page.goto(browser_server.url + "/en/")
    url = page.url
    # The shortcut is described to screen readers once the script runs.
    link = page.get_by_role("link", name="Exit this page")
    hint = page.locator("#" + link.get_attribute("aria-describedby"))
    assert hint.text_content() == "Or press the Shift key 3 times."
    for _ in range(3):
        page.keyboard.press("Shift")
        page.clock.run_for(5100)
    assert status_text(page) == "Exit this page expired."
    # Another key between presses also starts the count again.
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    assert status_text(page) == "Shift, press 2 more times to exit."
    assert page.url == url
    context.close()
