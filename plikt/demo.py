"""Demo content for the core pages: the home page and the pages about what the duty is.

The text is not here: it is in ``plikt/content/`` (``home.toml`` and ``pages/``), read by
``plikt.content_files``. This module builds the home page and plants this app's pages; the
management command ``load_demo_content`` publishes them once every app has loaded.

The small helpers below (``text``, ``heading``, ``callout``, ``question``, ``translated``,
``add_child``, ``ensure_home``) build block values and pages from Python, for other apps'
seed data and for tests.
"""

import json
from pathlib import Path

from django.db import connection, transaction
from wagtail.models import Page, Site

from plikt import content_files, languages
from plikt.models import HomePage

CONTENT = Path(__file__).resolve().parent / "content"


def text(html: str) -> dict:
    return {"type": "text", "value": html}


def heading(value: str) -> dict:
    return {"type": "heading", "value": {"text": value, "level": "h2"}}


def callout(variant: str, title: str, html: str) -> dict:
    return {"type": "callout", "value": {"variant": variant, "heading": title, "text": html}}


def question(q: str, html: str) -> dict:
    return {"type": "question", "value": {"question": q, "answer": html}}


def translated(fields: dict) -> dict:
    """{"title": {"nb": ..., "en": ...}} -> {"title_nb": ..., "title_en": ...}."""
    values = {}
    for name, by_language in fields.items():
        for code, value in by_language.items():
            if isinstance(value, list):
                value = json.dumps(value)
            values[f"{name}_{code}"] = value
    return values


def ensure_root_paths():
    """Right after migrate the root page's per-language url_path columns are empty."""
    root = Page.get_first_root_node()
    changed = False
    for code in languages.CODES:
        if getattr(root, f"url_path_{code}", None) != "/":
            setattr(root, f"url_path_{code}", "/")
            changed = True
    if changed:
        Page.objects.filter(pk=root.pk).update(**{f"url_path_{c}": "/" for c in languages.CODES})
    # Its Norwegian title and slug too: Wagtail's migration wrote "Root"/"root" in the plain
    # columns only, and a root page without them fails validation on save, which
    # wagtail-modeltranslation's set_translation_url_paths does (README "Adding a language").
    if not root.title_nb or not root.slug_nb:
        with connection.cursor() as cursor:
            cursor.execute("SELECT title, slug FROM wagtailcore_page WHERE id = %s", [root.pk])
            title, slug = cursor.fetchone()
        fill = {
            "title_nb": root.title_nb or title or "Root",
            "slug_nb": root.slug_nb or slug or "root",
        }
        Page.objects.filter(pk=root.pk).update(**fill)
        root = Page.get_first_root_node()
    return root


def add_child(parent: Page, page: Page) -> Page:
    """Add and publish a page unless a sibling already has its Norwegian slug."""
    existing = parent.get_children().filter(slug_nb=page.slug_nb).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_home() -> HomePage:
    root = ensure_root_paths()
    home = HomePage.objects.first()
    if home is None:
        data = content_files.read(CONTENT / "home.toml")
        home = HomePage(
            **content_files.fields(HomePage, data, text=False),
            **content_files.fields(HomePage, data, text=True),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.save()
        if welcome.specific_class is Page and not welcome.get_children().exists():
            welcome.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    return home


@transaction.atomic
def load(home: HomePage | None = None) -> HomePage:
    home = home or ensure_home()
    content_files.plant(home, CONTENT / "pages")
    from plikt.redirects import seed_old_addresses

    seed_old_addresses(home)  # a few old-site addresses, as Redirects editors can extend
    return home
