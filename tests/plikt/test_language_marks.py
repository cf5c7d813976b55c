"""Every piece of text on a Sámi page carries the language it is really written in.

A Sámi page falls back to Norwegian wherever a translation is missing: interface strings of
the UI catalogs (locale/) and fields of pages and snippets. A screen reader reads text with
the rules of the nearest ``lang``, so Norwegian inside ``lang="se"`` is read as Sámi, which
makes it hard to follow. The crawl below visits every live page, every public route, the
steps of every GET form (self-check, offence filter, search) and the "not found" page in the
three Sámi languages, and fails on any visible text, checked attribute or ``<title>`` that is
not written in the page's language and yet sits in it.

What "written in the page's language" means is read from the sources, not from the page:
the strings of that language's UI catalog and the values stored in its own database
columns. Everything else a Sámi page shows comes from the Norwegian fallback.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import polib
import pytest
from bs4 import BeautifulSoup, Comment, NavigableString
from django.apps import apps
from django.test import Client
from django.utils.html import strip_tags
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from plikt import languages
from plikt.i18n.catalogs import LOCALE_DIR
from tests.plikt.public_urls import form_submissions, public_urls, same_page_steps

SAMI = ("se", "sma", "smj")
# Enough form steps to walk the self-check from "Start now" to an outcome (five questions).
STEPS = 8
# Attributes a screen reader announces, or a browser shows as a tooltip.
CHECKED_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
NOT_READ = ("script", "style", "template", "noscript")
# Text that is in no language: the site's name, numbers, section signs, phone numbers, web
# addresses (display_url of a helpline), punctuation.
_NEUTRAL = re.compile(
    r"^(Plikt|§+|\d[\d\s.,:–-]*|[\w.-]+\.(no|com|org)(/\S*)?|[\s\W\d_]+)$", re.IGNORECASE
)


def _normal(text: str) -> str:
    return " ".join(text.split())


def sami_sources(language: str) -> set[str]:
    """What exists in ``language`` itself: its catalog's msgstrs and its database columns."""
    found = set()
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    for entry in po.translated_entries():
        found.add(_normal(entry.msgstr))
        found.update(_normal(text) for text in entry.msgstr_plural.values())
    for model in apps.get_models():
        try:
            fields = translator.get_options_for_model(model).get_field_names()
        except NotRegistered:
            continue
        for field in fields:
            column = build_localized_fieldname(field, language)
            for value in model._default_manager.values_list(column, flat=True):
                if value:
                    found.add(_normal(strip_tags(str(value))))
    found.add(languages.BY_CODE[language].endonym)  # the language switcher's own name
    found.discard("")
    return found


def written_in(text: str, sources: set[str]) -> bool:
    return any(text in source for source in sources)


def language_of(element) -> str:
    """The language a screen reader uses for an element: its nearest ``lang`` attribute."""
    while element is not None and getattr(element, "attrs", None) is not None:
        if element.has_attr("lang"):
            return element["lang"]
        element = element.parent
    return ""


def readable_pieces(soup):
    """(element, text, where) for each visible text node and checked attribute of a page."""
    title = soup.find("title")
    if title is not None:
        yield title, _normal(title.get_text()), "<title>"
    body = soup.find("body") or soup
    # The text inside <script>, <style> ... is not read: collected in one pass over those
    # elements, not by walking up from each of a page's hundreds of text nodes (that walk was
    # a fifth of this crawl's time).
    if body.find_parent(NOT_READ) is None:
        not_read = {id(node) for element in body.find_all(NOT_READ) for node in element.descendants}
    else:
        not_read = {id(node) for node in body.descendants}
    for node in body.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if id(node) in not_read:
            continue
        text = _normal(str(node))
        if text:
            yield node.parent, text, f"<{node.parent.name}> text"
    for element in body.find_all(True):
        for attribute in CHECKED_ATTRIBUTES:
            value = _normal(element.get(attribute) or "")
            if value:
                yield element, value, f"<{element.name} {attribute}>"


def mislabelled(soup, language: str, sources: set[str]) -> list[str]:
    """Text that sits in ``language`` but is not written in it."""
    wrong = []
    for element, text, where in readable_pieces(soup):
        if language_of(element) != language or _NEUTRAL.match(text):
            continue
        if not written_in(text, sources):
            wrong.append(f"{where}: {text[:80]!r}")
    return wrong


def unanswered(soup, url):
    """Each form with radios sent without an answer: the self-check's error step."""
    for form in soup.find_all("form"):
        radios = {field.get("name") for field in form.find_all("input", type="radio")}
        if not radios:
            continue
        for submitted in form_submissions(BeautifulSoup(str(form), "lxml"), url):
            parts = urlsplit(submitted)
            kept = [(k, v) for k, v in parse_qsl(parts.query) if k not in radios]
            yield f"{parts.path}?{urlencode(kept)}"


def sami_pages():
    """Every public page in the three Sámi languages, with the steps of its GET forms."""
    starts = [url for url in public_urls() if url.split("/")[1] in SAMI]
    starts += [f"/{code}/finnes-ikke-{code}/" for code in SAMI]  # the "not found" page
    client = Client()
    seen = set()
    queue = [(url, 0) for url in starts]
    while queue:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):  # an old address: crawl where it leads
            queue.append((response["Location"], depth))
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        soup = BeautifulSoup(response.content, "lxml")
        yield url, response, soup
        if depth < STEPS:
            for submitted in form_submissions(soup, url, fill="voldtekt"):
                queue.append((submitted, depth + 1))
            queue.extend((link, depth + 1) for link in same_page_steps(soup, url))
            queue.extend((sent, STEPS) for sent in unanswered(soup, url))


@pytest.mark.django_db
def test_norwegian_fallback_on_sami_pages_is_marked_lang_nb():
    sources = {code: sami_sources(code) for code in SAMI}
    problems = {}
    pages = 0
    for url, response, soup in sami_pages():
        language = urlsplit(url).path.split("/")[1]
        assert soup.find("html")["lang"] == language, url
        assert response.status_code in (200, 404), url
        pages += 1
        wrong = mislabelled(soup, language, sources[language])
        if wrong:
            problems[url] = wrong
    # Every live page (about 80) in three languages, with the self-check's steps and filters.
    assert pages >= 300
    report = "\n".join(f"{url}\n    " + "\n    ".join(found[:8]) for url, found in problems.items())
    assert not problems, f"Norwegian read as Sámi on {len(problems)} pages:\n{report}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", SAMI)
def test_error_pages_in_sami_mark_their_norwegian(language, rf):
    """The 500 and 503 pages are rendered without the site's chrome or the database."""
    from plikt import errors

    sources = sami_sources(language)
    for response in (
        errors.server_error(rf.get(f"/{language}/")),
        errors.service_unavailable(rf.get(f"/{language}/")),
    ):
        soup = BeautifulSoup(response.content, "lxml")
        assert soup.find("html")["lang"] == language
        assert soup.find("h1").get_text(strip=True)
        assert mislabelled(soup, language, sources) == [], response.status_code


@pytest.mark.django_db
def test_translated_titles_inside_norwegian_chrome_are_read_in_the_page_language(client):
    """The footer and breadcrumb navs are marked nb for their Norwegian labels; a title a
    translator filled in must still be read as Sámi there ("[sma] …" is a placeholder)."""
    from plikt.models import ContentPage

    page = ContentPage.objects.get(slug_nb="hvem-har-plikten")
    page.title_sma = "[sma] Hvem har avvergingsplikten?"
    page.save_revision().publish()
    soup = BeautifulSoup(client.get("/sma/hvem-har-plikten/").content, "lxml")
    crumb = soup.select_one(".site-breadcrumbs [aria-current=page]")
    assert language_of(crumb.find_parent("nav")) == "nb"  # «Du er her»
    assert crumb.get_text(strip=True) == page.title_sma
    assert language_of(crumb.find(string=True).parent) == "sma"
    assert language_of(soup.find("title")) == "sma"
    assert language_of(soup.find("h1").find(string=True).parent) == "sma"
