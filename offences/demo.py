"""The catalogue's demo content: categories and offences, read from ``offences/content/``.

The texts live in two TOML files a lawyer or translator can review without reading Python:
``categories.toml`` (the plain-language groups) and ``offences.toml`` (one entry per offence
straffeloven § 196 names, with its heading as the law gives it, plain titles, explanation,
example, conditions, search words and what still needs legal review). This module only turns
them into pages; the files' own comments say what each field means.

``load(home)`` is idempotent: categories are found by key and offences by their Norwegian
slug, and what exists is never overwritten (an editor may have changed it; ``manage.py
check_law`` is how an existing site is checked against the law). An offence page this loader
made that is no longer in the data is unpublished, not deleted, and flagged for legal review
with a note saying why, so that its revisions and translations stay for an editor to decide;
a page a person has edited is left alone. Sámi fields stay empty: only a qualified translator
fills them.
"""

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from offences.lovdata import cite
from offences.models import Law, Letter, OffenceCategory, OffenceIndexPage, OffencePage
from plikt.content_files import rich_text
from plikt.demo import add_child, heading, text, translated

CONTENT = Path(__file__).resolve().parent / "content"
LANGUAGES = ("nb", "en")  # the languages the data is written in; Sámi comes from translators

SLUG_PREFIX = {
    Law.STRAFFELOVEN: ("straffeloven", "penal-code"),
    Law.MILITAER_STRAFFELOV: ("militaer-straffelov", "military-penal-code"),
    Law.SIKKERHETSLOVEN: ("sikkerhetsloven", "security-act"),
}
RETIRED_NOTE = (
    "No longer in offences/content/offences.toml, so no longer in § 196 as the catalogue's "
    "data reads it: load_demo_content unpublished this page. Check § 196 on Lovdata, then "
    "delete the page or publish it again."
)

log = logging.getLogger(__name__)


def read(name: str) -> dict:
    with (CONTENT / name).open("rb") as file:
        return tomllib.load(file)


def by_field(texts: dict) -> dict:
    """{"nb": {"title": ...}, "en": {...}} -> {"title": {"nb": ..., "en": ...}}."""
    fields: dict = {}
    for code in LANGUAGES:
        for name, value in texts.get(code, {}).items():
            fields.setdefault(name, {})[code] = value
    return fields


@dataclass(frozen=True)
class Offence:
    """One ``[[offence]]`` entry of offences.toml."""

    section: str
    category: str
    texts: dict  # language code -> {"title": ..., "summary": ..., ...}
    law: str = Law.STRAFFELOVEN
    letter: str = Letter.A
    paragraph: int | None = None
    review: tuple[str, ...] = ()  # what a reviewer must check, as full notes

    @classmethod
    def from_data(cls, entry: dict, notes: dict) -> "Offence":
        citation = cite(entry["section"], entry.get("paragraph"))
        review = [notes[key].format(citation=citation, **entry) for key in entry.get("review", ())]
        if entry.get("note"):
            review.append(entry["note"])
        return cls(
            section=entry["section"],
            category=entry["category"],
            texts={code: entry.get(code, {}) for code in LANGUAGES},
            law=entry.get("law", Law.STRAFFELOVEN),
            letter=entry.get("letter", Letter.A),
            paragraph=entry.get("paragraph"),
            review=tuple(review),
        )

    @property
    def key(self) -> tuple:
        return (self.law, self.section, self.paragraph)

    def body(self, code: str, headings: dict) -> list[dict]:
        texts = self.texts[code]
        blocks = [text(rich_text(texts["about"]))] if texts.get("about") else []
        if texts.get("law_quote"):
            blocks.append(
                {
                    "type": "quote",
                    "value": {
                        "quote": texts["law_quote"],
                        "attribution": texts.get("law_quote_source", ""),
                    },
                }
            )
        if texts.get("example"):
            blocks += [heading(headings[code]["example"]), text(rich_text(texts["example"]))]
        return blocks

    def page(self, category: OffenceCategory, headings: dict) -> OffencePage:
        nb_prefix, en_prefix = SLUG_PREFIX[self.law]
        fields = {
            "slug": {"nb": f"{nb_prefix}-{self.section}", "en": f"{en_prefix}-{self.section}"},
            "body": {code: self.body(code, headings) for code in LANGUAGES},
        }
        for name, field in (
            ("title", "title"),
            ("official_title", "official_title"),
            ("summary", "summary"),
            ("condition", "special_conditions"),
            ("search_words", "search_words"),
        ):
            values = {
                code: self.texts[code][name] for code in LANGUAGES if name in self.texts[code]
            }
            if values:
                fields[field] = values
        return OffencePage(
            law=self.law,
            section=self.section,
            paragraph=self.paragraph,
            letter=self.letter,
            category=category,
            needs_legal_review=bool(self.review),
            legal_review_note="\n".join(self.review),
            show_in_menus=False,
            **translated(fields),
        )


def offences() -> list[Offence]:
    data = read("offences.toml")
    return [Offence.from_data(entry, data["notes"]) for entry in data["offence"]]


def load_categories() -> dict[str, OffenceCategory]:
    categories = {}
    for order, entry in enumerate(read("categories.toml")["category"], start=1):
        category = OffenceCategory.objects.filter(key=entry["key"]).first()
        if category is None:
            category = OffenceCategory.objects.create(
                key=entry["key"], sort_order=order * 10, **translated(by_field(entry))
            )
        categories[entry["key"]] = category
    return categories


def retire(index: OffenceIndexPage, keep: set[tuple]) -> list[OffencePage]:
    """Unpublish and flag the loader's own pages whose offence is no longer in the data."""
    retired = []
    for page in OffencePage.objects.child_of(index).live():
        if (page.law, page.section, page.paragraph) in keep:
            continue
        if page.revisions.exclude(user=None).exists():
            continue  # a person has worked on it: theirs to decide (check_law reports it)
        page.unpublish(log_action=False)
        page.needs_legal_review = True
        page.legal_review_note = "\n".join(filter(None, [RETIRED_NOTE, page.legal_review_note]))
        page.save_revision(log_action=False)
        page.save(update_fields=["needs_legal_review", "legal_review_note"])
        log.warning(
            "unpublished %s: no longer in the catalogue's data", page.legislation_identifier
        )
        retired.append(page)
    return retired


@transaction.atomic
def load(home):
    data = read("offences.toml")
    categories = load_categories()
    index = add_child(
        home, OffenceIndexPage(show_in_menus=True, **translated(by_field(data["index"])))
    )
    catalogue = offences()
    for offence in catalogue:
        add_child(index, offence.page(categories[offence.category], data["headings"]))
    retire(index, {offence.key for offence in catalogue})
    return home
