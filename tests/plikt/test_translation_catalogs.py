"""UI string catalogs: complete in nb and en, empty but valid in Sámi, which falls back to nb."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from plikt import languages

LOCALE = Path(settings.BASE_DIR) / "locale"
SKIP_DIRS = {".venv", "node_modules", ".git", "locale", "tests", "media", "staticfiles", "static"}


def catalog(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def keys(po) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


@pytest.fixture(scope="module")
def marked_strings(tmp_path_factory) -> set:
    """Every string marked for translation, found by makemessages in a copy of the project.

    The copy keeps the real catalogs untouched: makemessages writes into LOCALE_PATHS, which
    the copied settings point at the copy's own empty locale/ folder.
    """
    if shutil.which("xgettext") is None:
        pytest.skip(
            "GNU gettext (xgettext) is not installed: cannot check that every marked UI string "
            "is in the catalogs. Install the 'gettext' package (.ci/run does)."
        )
    root = Path(settings.BASE_DIR)
    copy = tmp_path_factory.mktemp("project")
    for item in root.iterdir():
        if item.name in SKIP_DIRS or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, copy / item.name, ignore=shutil.ignore_patterns("__pycache__"))
        elif item.suffix in (".py", ".html"):
            shutil.copy(item, copy / item.name)
    (copy / "locale").mkdir()
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "makemessages", "-l", "nb", "--no-obsolete"],
        cwd=copy,
        env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
        check=True,
        capture_output=True,
        timeout=120,
    )
    return keys(polib.pofile(str(copy / "locale" / "nb" / "LC_MESSAGES" / "django.po")))


@pytest.mark.parametrize("code", languages.CODES)
def test_every_marked_string_is_in_every_catalog(marked_strings, code):
    missing = marked_strings - keys(catalog(code))
    assert not missing, (
        f"{len(missing)} marked string(s) missing from locale/{code}: run makemessages "
        f"(see README, Adding a language) and translate them: {sorted(missing)[:10]}"
    )


@pytest.mark.parametrize("code", ["nb", "en"])
def test_norwegian_and_english_catalogs_are_complete(code):
    po = catalog(code)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated and not fuzzy, (untranslated + fuzzy)[:10]
    assert len(po) > 0


@pytest.mark.parametrize("code", [c for c in languages.CODES if c not in ("nb", "en")])
def test_sami_catalogs_have_correct_headers_and_no_invented_text(code):
    po = catalog(code)
    assert po.metadata["Language"] == code
    assert po.metadata["Plural-Forms"] == languages.BY_CODE[code].plural_forms
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert not po.translated_entries(), "Sámi UI text comes only from a qualified translator"


@pytest.mark.parametrize("code", [c for c in languages.CODES if c not in ("nb", "en")])
def test_untranslated_sami_ui_strings_show_the_norwegian_wording(client, db, code):
    with translation.override("nb"):
        norwegian = translation.gettext("Skip to main content")
    assert norwegian != "Skip to main content", "the nb catalog must translate the skip link"
    response = client.get(f"/{code}/")
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.html["lang"] == code
    assert soup.select_one("a.ds-skip-link").get_text(strip=True) == norwegian


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}", text))


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_norwegian_translations_keep_every_placeholder_and_none_is_empty_or_fuzzy(domain):
    # A translation that loses «%(title)s» shows a broken message, or raises, on screen.
    po = polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / f"{domain}.po"))
    assert len(po) > 0
    wrong = []
    for entry in po:
        assert "fuzzy" not in entry.flags, entry.msgid
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        assert all(forms), f"empty msgstr: {entry.msgid!r}"
        source = placeholders(entry.msgid_plural or entry.msgid)
        for form in forms:
            # A singular form may say "one" instead of "%(count)s" (Norwegian «Én side»).
            if placeholders(form) != source and not (
                entry.msgid_plural and set(placeholders(form)) <= set(source)
            ):
                wrong.append((entry.msgid, form))
    assert not wrong, wrong[:5]


def test_the_wagtail_strings_the_project_supplies_are_norwegian():
    from plikt.i18n import wagtail_strings

    with translation.override("nb"):
        same = {"Status: "}  # Norwegian as it is
        english = [s for s in wagtail_strings.STRINGS if translation.gettext(s) == s]
        english = [s for s in english if s not in same]
    assert not english, english
