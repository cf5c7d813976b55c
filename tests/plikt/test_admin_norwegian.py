"""The admin speaks Norwegian to a Norwegian editor on the screens editors use.

Wagtail's own Norwegian catalog leaves many of these screens' strings in English and
wagtail-modeltranslation has none; the project's catalog supplies them
(``plikt/i18n/wagtail_strings.py``). Each screen below is rendered for an editor whose admin
language is Norwegian, and its visible text (text, tooltips, placeholders, labels, and the
strings the admin's scripts put on screen) is searched for two things:

- ``KNOWN_ENGLISH``: strings found in English on these screens by walking the admin in nb;
- every string the installed Wagtail packages' Norwegian catalogs leave untranslated, read
  from those catalogs, so a Wagtail upgrade that brings new English strings fails here too.
"""

import functools
import json
import re
from pathlib import Path

import polib
import pytest
import wagtail
import wagtail_modeltranslation
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation
from wagtail.models import Page, get_page_models
from wagtail.users.models import UserProfile

KNOWN_ENGLISH = [
    # Named in issue 14
    "Search all pages…",
    "Schedule to publish",
    "Autosave is paused",
    "Translation review",  # the workflow's name, as stored: «Send inn til Translation review»
    "View / edit fields for",  # wagtail-modeltranslation's language picker
    # The publishing schedule dialog
    "Set publishing schedule",
    "Choose when this page should go live and/or expire",
    "Save schedule",
    'This publishing schedule will only take effect after you select the "Schedule to publish" '
    "option",
    "No publishing schedule set",
    # The page editor and its side panels
    "Save changes",
    "Toggle preview",
    "Preview in mobile size",
    "Preview is out of date",
    "Checks",
    "Content metrics",
    "Reading time",
    "Readability",
    "Comments",
    "Add comment",
    "Choose who can view the live version of this page",
    "Visible to all",
    "The name of the page displayed on search engine results as the clickable headline.",
    "The descriptive text displayed underneath a headline in search engine results.",
    "A network error occurred",
    # Sidebar and dialogs on every screen
    "Editor Guide",
    "Help",
    "Keyboard shortcuts",
    "Toggle sidebar",
    "Locked pages",
    "Aging pages",
    "Site history",
    "Workflows",
    "Workflow tasks",
    # Explorer, search, reports, workflows
    "Search…",
    "Show filters",
    "Filter by",
    "Publish selected pages",
    "Move selected pages",
    "Has child pages",
    "Last published",
    "Locked by",
    "Date / Time",
    "Awaiting my review",
    "Requested by",
    "Add a workflow",
    "New workflow task",
    "Group approval task",
    "Moderators approval",  # Wagtail's default workflow, as its migration names it
]
SAME_IN_NORWEGIAN = {"status", "Status: "}  # Wagtail's English that is Norwegian as it is
MISSPELLED = ["Tiittel"]  # Wagtail's nb for "The page title as you'd like it to be seen ..."


def screens(home) -> dict[str, str]:
    """{what: admin URL}. Every page type's edit form holds the scheduling dialog too."""
    urls = {
        "dashboard": "/admin/",
        "page explorer": f"/admin/pages/{home.pk}/",
        "search": "/admin/pages/search/?q=plikt",
        "add page form": f"/admin/pages/add/plikt/contentpage/{home.pk}/",
        "report: locked pages": "/admin/reports/locked/",
        "report: aging pages": "/admin/reports/aging-pages/",
        "report: site history": "/admin/reports/site-history/",
        "report: workflows": "/admin/reports/workflow/",
        "report: workflow tasks": "/admin/reports/workflow_tasks/",
        "workflows": "/admin/workflows/list/",
        "workflow tasks": "/admin/workflows/tasks/index/",
    }
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.order_by("path").first()
        assert page is not None, f"the demo content has no {model.__name__} to edit"
        urls[f"edit form: {model.__name__}"] = f"/admin/pages/{page.pk}/edit/"
    return urls


def visible_strings(html: str) -> set[str]:
    """What an editor can read: text, tooltips, labels, and string values in scripts' JSON."""
    soup = BeautifulSoup(html, "lxml")
    found = set()
    for script in soup.find_all("script"):
        source = script.string or ""
        # Sidebar props, telepath data, inline config: string values, not the keys.
        for match in re.finditer(r'"((?:[^"\\]|\\.)*)"', source):
            if re.match(r"\s*:", source[match.end() : match.end() + 3]):
                continue
            try:
                found.add(json.loads(f'"{match.group(1)}"').strip())
            except ValueError:
                continue
        for match in re.finditer(r"'((?:[^'\\]|\\.)*)'", source):  # modeltranslation's config
            found.add(match.group(1).strip())
        script.decompose()
    for style in soup.find_all("style"):
        style.decompose()
    found.update(text.strip() for text in soup.find_all(string=True))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if name in ("title", "placeholder", "aria-label", "alt") or (
                name.startswith("data-") and name.endswith("-value")
            ):
                found.add(str(value).strip())
    found.discard("")
    return found


def untranslated_by_packages() -> set[str]:
    """Every msgid Wagtail's and wagtail-modeltranslation's nb catalogs leave empty."""
    english = set()
    for package in (wagtail, wagtail_modeltranslation):
        root = Path(package.__file__).parent
        for en in root.glob("**/locale/en/LC_MESSAGES/*.po"):
            norwegian = Path(str(en).replace("/en/LC_MESSAGES/", "/nb/LC_MESSAGES/"))
            done = set()
            if norwegian.exists():
                done = {e.msgid for e in polib.pofile(str(norwegian)) if e.translated()}
            for entry in polib.pofile(str(en)):
                if entry.msgid not in done:
                    english.add(entry.msgid)
                    if entry.msgid_plural:  # "There are %(counter)s matching pages"
                        english.add(entry.msgid_plural)
    return {msgid for msgid in english if len(msgid) > 2} - SAME_IN_NORWEGIAN


PLACEHOLDER = r"%(?:\([a-z_]+\))?[sd]"


@functools.cache
def shown_pattern(shown: str) -> tuple[re.Pattern, str] | None:
    """A msgid with placeholders as a regex (anything in their place), and its longest literal
    part; None when too little of it is English to tell ("%(count)s pages").

    Cached: each pattern is built once per run, not once per screen (there are more of them
    than ``re``'s own cache holds, so it used to compile them all again for every screen).
    """
    if len(re.sub(PLACEHOLDER, "", shown)) < 8:
        return None
    parts = [part for part in re.split(f"({PLACEHOLDER})", shown) if part]
    pattern = re.compile(
        "".join(".+?" if re.fullmatch(PLACEHOLDER, part) else re.escape(part) for part in parts)
    )
    literal = max((part for part in parts if not re.fullmatch(PLACEHOLDER, part)), key=len)
    return pattern, literal


def english_on_screen(msgids: set[str], strings: set[str]) -> list[str]:
    """The msgids shown as they are in English among the screen's strings.

    A lower-case msgid is a field name ("requested by"), shown with a capital ("Requested
    by"); in lower case it is also one of the admin's identifiers in its JSON ("workflow"),
    which no editor reads. A msgid with placeholders is matched with anything in their place.
    """
    # A string the pattern matches in full contains the pattern's literal parts: one substring
    # search in all of the screen's text rules most msgids out before trying each string
    # (trying every pattern on every string was most of this test's time).
    text = "\n".join(strings)
    found = []
    for msgid in msgids:
        shown = msgid[0].upper() + msgid[1:] if msgid.islower() else msgid
        if "%" not in shown:
            if shown in strings:
                found.append(msgid)
            continue
        compiled = shown_pattern(shown)
        if compiled is None:
            continue
        pattern, literal = compiled
        if literal not in text:
            continue
        if any(pattern.fullmatch(string) for string in strings if literal in string):
            found.append(msgid)
    return sorted(found)


@pytest.fixture
def norwegian_editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "nb"  # the admin language in the editor's account settings
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture(scope="module")
def package_english():
    return untranslated_by_packages()


def test_the_checked_strings_are_english_in_the_packages_own_catalogs(package_english):
    # Guards the list above: it holds Wagtail strings only where Wagtail leaves them English
    # (the two workflow names are data; wagtail-modeltranslation has no catalogs at all).
    not_in_catalogs = {"Translation review", "Moderators approval", "View / edit fields for"}
    from_catalogs = set(KNOWN_ENGLISH) - not_in_catalogs
    assert from_catalogs <= package_english
    with translation.override("nb"):
        assert translation.gettext("Schedule to publish") == "Planlegg publisering"


def test_every_screen_an_editor_uses_is_norwegian(norwegian_editor, home, package_english):
    left = {}
    for what, url in screens(home).items():
        response = norwegian_editor.get(url)
        assert response.status_code == 200, (what, url, response.status_code)
        html = response.content.decode()
        assert '<html lang="nb"' in html, (what, "not rendered in Norwegian")
        strings = visible_strings(html)
        english = english_on_screen(set(KNOWN_ENGLISH) | package_english, strings)
        english += [word for word in MISSPELLED if word in html]
        # The workflow's name in the submit button: «Send inn til Translation review».
        english += [s for s in strings if s.startswith("Send inn til ") and "review" in s]
        if english:
            left[what] = english
    assert not left, f"English left in the Norwegian admin: {left}"


def test_the_scheduling_dialog_is_on_the_edit_form_and_norwegian(norwegian_editor, home):
    html = norwegian_editor.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    dialog = BeautifulSoup(html, "lxml").find(id="schedule-publishing-dialog")
    assert dialog is not None, "the checked screens must include the scheduling dialog"
    text = dialog.get_text(" ", strip=True)
    assert "Sett publiseringsplan" in text or "Planlegg publisering" in html
    assert "Schedule" not in text and "publishing schedule" not in text


# Strings of the admin's scripts (Django's JavaScript catalog, locale/nb/LC_MESSAGES/djangojs.po),
# seen in English in the page editor in Chromium.
KNOWN_ENGLISH_IN_SCRIPTS = ["Collapse all", "Expand all", "Insert a block", "Add a comment"]


def test_the_admin_scripts_catalog_is_norwegian(norwegian_editor):
    source = norwegian_editor.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1))
    missing = [msgid for msgid in KNOWN_ENGLISH_IN_SCRIPTS if not catalog.get(msgid)]
    assert not missing, f"no Norwegian for the admin's scripts: {missing}"
    assert catalog["Collapse all"] == "Lukk alle"


def test_the_help_menu_speaks_each_editors_language_whoever_came_first(
    norwegian_editor, django_user_model
):
    # Wagtail builds its help menu once per process: an English editor first used to leave
    # "What's new in Wagtail" in English for everyone after.
    english = Client()
    user = django_user_model.objects.create_superuser("editor-en", "e@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    english.force_login(user)

    def whats_new(client):
        strings = visible_strings(client.get("/admin/").content.decode())
        return {s for s in strings if "Wagtail 8" in s}

    assert any(s.startswith("What's new in Wagtail") for s in whats_new(english))
    norwegian = whats_new(norwegian_editor)
    assert norwegian and not any(s.startswith("What's new") for s in norwegian), norwegian
