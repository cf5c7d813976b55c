"""Page weight budgets, first view, compressed as whitenoise serves them.

Readers often come on a phone in a hurry: HTML + CSS + JS of any page, gzipped, must stay under
50 KB and JavaScript under 8 KB, with no web fonts and nothing from another site.
Each public page type is checked in Norwegian and in a language it falls back from.
"""

import gzip
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.utils import translation
from wagtail.models import Page, get_page_models

from plikt import languages

TOTAL_BUDGET = 50 * 1024
JS_BUDGET = 8 * 1024


def gz(data: bytes) -> int:
    # whitenoise pre-compresses with gzip level 9 (and brotli, which is smaller still).
    return len(gzip.compress(data, compresslevel=9))


def one_live_page_per_type():
    pages = {}
    for model in get_page_models():
        if model is Page or model._meta.abstract:
            continue
        page = model.objects.live().filter(depth__gt=1).order_by("path").first()
        if page is not None:
            pages[model.__name__] = page
    return pages


def page_type_urls():
    """(id, path) for one live page of each type, in nb and Northern Sámi (fallback)."""
    urls = []
    for name, page in one_live_page_per_type().items():
        for code in (languages.DEFAULT, "se"):
            with translation.override(code):
                urls.append((f"{name}-{code}", page.get_url()))
    urls.append(("search-nb", "/sok/?q=plikt"))
    return urls


def static_file(url: str) -> bytes:
    path = urlsplit(url).path
    assert path.startswith("/static/"), f"{url} is not served from this site's static files"
    found = finders.find(path.removeprefix("/static/"))
    assert found, f"{url} does not exist"
    with open(found, "rb") as handle:
        return handle.read()


@pytest.fixture
def pages(db):
    return page_type_urls()


def test_every_page_type_is_covered(pages):
    names = {ident.rsplit("-", 1)[0] for ident, _url in pages}
    assert {"HomePage", "ContentPage"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("language", [languages.DEFAULT, "se"])
def test_pages_stay_within_the_weight_budget(client, language):
    for ident, url in page_type_urls():
        if not ident.endswith(language):
            continue
        response = client.get(url)
        if response.status_code == 404 and url.startswith("/sok/"):
            continue
        assert response.status_code == 200, url
        soup = BeautifulSoup(response.content, "lxml")
        css = [static_file(link["href"]) for link in soup.select("link[rel~=stylesheet]")]
        js = [static_file(script["src"]) for script in soup.select("script[src]")]
        html_size = gz(response.content)
        css_size = sum(gz(data) for data in css)
        js_size = sum(gz(data) for data in js)
        total = html_size + css_size + js_size
        assert total <= TOTAL_BUDGET, (
            f"{url}: {total} B gzipped (html {html_size}, css {css_size}, js {js_size})"
        )
        assert js_size <= JS_BUDGET, f"{url}: {js_size} B of JavaScript"


def test_stylesheet_loads_no_web_fonts_and_nothing_from_elsewhere():
    css = static_file("/static/css/plikt.css").decode()
    assert "@font-face" not in css
    assert "@import" not in css
    # Only inline SVG icons (data: URIs) may appear in url(...).
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert urls and all(url.startswith("data:") for url in urls)


@pytest.mark.django_db
def test_pages_request_nothing_from_other_sites_and_inline_no_script_or_style(client):
    for _ident, url in page_type_urls():
        response = client.get(url)
        if response.status_code != 200:
            continue
        soup = BeautifulSoup(response.content, "lxml")
        for tag, attr in (
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
            ("source", "srcset"),
            ("iframe", "src"),
        ):
            for element in soup.find_all(tag):
                value = element.get(attr, "")
                if tag == "link" and not {"stylesheet", "preload", "icon", "modulepreload"} & set(
                    element.get("rel", [])
                ):
                    continue  # canonical and hreflang links are not requests
                assert not urlsplit(value).netloc, f"{url} loads {value}"
        assert not soup.find("style"), f"{url} has an inline <style>"
        assert not soup.find(attrs={"style": True}), f"{url} has a style attribute"
        inline = [s for s in soup.find_all("script") if not s.get("src")]
        assert all(s.get("type") == "application/ld+json" for s in inline), f"{url} inline script"
        assert not soup.select('link[rel~="preload"][as="font"]')


def test_built_stylesheet_includes_every_site_stylesheet_as_it_is_now():
    """static/css/src/*.css reach readers only through the built bundle: rebuild after edits.

    (CI also rebuilds the whole bundle from the lockfile and fails on any difference.)
    """
    from django.conf import settings

    source_dir = settings.BASE_DIR / "static" / "css" / "src"
    bundle = (settings.BASE_DIR / "static" / "css" / "plikt.css").read_text(encoding="utf-8")
    stale = [
        path.name
        for path in sorted(source_dir.glob("*.css"))
        if path.read_text(encoding="utf-8").strip() not in bundle
    ]
    assert not stale, f"run `make css`: plikt.css is older than {stale}"
