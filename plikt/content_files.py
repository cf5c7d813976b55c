"""Demo pages read from TOML files that a lawyer or translator can review without Python.

Each app that seeds pages keeps them under ``<app>/content/pages/``. The folders mirror the
page tree: ``20-eksempler.toml`` is a page below the home page, and the files in the folder
``20-eksempler/`` are its children. The number in front of a name only sets the order among
siblings (and so the order of menus and lists); the page's address is its ``slug``.

A page file names its page type and holds one table per language (``[nb]`` and ``[en]``;
Sámi text comes only from qualified translators, through the admin, so a ``[se]`` table is
refused). Rich text is written in Markdown (paragraphs, ``-`` lists, ``**bold**``, links);
``[text](page:slik-avverger-du)`` links a page by its Norwegian slug, and Wagtail renders it
in the reader's language. A StreamField is an array of tables, one per block, with ``type``
naming the block of ``plikt.blocks.BodyBlock`` and the block's own field names as keys.
``plikt/content/README.md`` shows all of it with examples.

Loading happens in two passes, so that any page may link to any other, wherever it is in the
tree and whichever app seeds it: ``plant`` creates each missing page as an unpublished draft
with its title, slug and plain fields (each app's ``load`` plants its own, in order), and
``publish_planted``, run once after every app has loaded, fills the text fields of exactly
those drafts, resolving page links, and publishes them. A page that already exists is never
touched, so loading twice changes nothing.
"""

import tomllib
from pathlib import Path

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from markdown_it import MarkdownIt
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from plikt import languages

# The languages a content file may hold: the source and the one translation written with it.
FILE_LANGUAGES = (languages.DEFAULT, "en")
PAGE_FOLDER = "content/pages"

# Markdown that maps onto the rich-text features editors have (plikt.blocks.RICH_TEXT_FEATURES):
# no raw HTML, images, code, quotes or rules; headings only at level 3 and 4 inside a text (a
# level-2 section heading is a "heading" block).
_markdown = MarkdownIt("commonmark", {"html": False}).disable(
    ["code", "fence", "blockquote", "hr", "html_block", "lheading", "backticks", "image"]
)
# A line break inside a paragraph is only where the file's line ended: it joins as a space, so
# that editors and translators see one line of text per paragraph.
_markdown.add_render_rule("softbreak", lambda *args: " ")


class ContentFileError(ValueError):
    """A content file that cannot be loaded; the message names the file and what is wrong."""


def read(path: Path) -> dict:
    with open(path, "rb") as file:
        return tomllib.load(file)


# --- Values ---------------------------------------------------------------------------------


def plain(value: str) -> str:
    """A plain text field: the lines of a multi-line TOML string joined into one."""
    return " ".join(value.split())


def rich_text(markdown: str) -> str:
    """Markdown as Wagtail's rich-text HTML; ``page:<Norwegian slug>`` links become page links."""
    tokens = _markdown.parse(markdown)
    for token in tokens:
        if token.type == "heading_open" and token.tag not in ("h3", "h4"):
            raise ContentFileError(f"use ### or #### inside a text, not {token.markup}")
        for child in token.children or ():
            href = child.attrGet("href") or ""
            if child.type == "link_open" and href.startswith("page:"):
                child.attrs = {"linktype": "page", "id": str(page_id(href.removeprefix("page:")))}
    return _markdown.renderer.render(tokens, _markdown.options, {}).strip()


def page_id(slug: str) -> int:
    """The id of the one page with this Norwegian slug."""
    ids = list(Page.objects.filter(slug_nb=slug).values_list("pk", flat=True)[:2])
    if len(ids) != 1:
        problem = "no page has" if not ids else "more than one page has"
        raise ContentFileError(f"{problem} the Norwegian slug {slug!r}")
    return ids[0]


def block_value(block, value):
    """A block's value from a content file, as the StreamField stores it."""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value)
    if isinstance(block, blocks.PageChooserBlock):
        return page_id(value)
    if isinstance(block, blocks.ListBlock):
        return [block_value(block.child_block, item) for item in value]
    if isinstance(block, blocks.StructBlock):
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise ContentFileError(f"{block.name} has no field {', '.join(sorted(unknown))}")
        return {key: block_value(block.child_blocks[key], item) for key, item in value.items()}
    return value


def stream(field: StreamField, items: list[dict]):
    """A list of blocks (``type`` plus the block's fields) as a checked StreamField value."""
    raw = []
    for item in items:
        item = dict(item)
        kind = item.pop("type", None)
        block = field.stream_block.child_blocks.get(kind)
        if block is None:
            choices = ", ".join(field.stream_block.child_blocks)
            raise ContentFileError(f"block type {kind!r} is not one of {choices}")
        # A struct block's fields are keys of the table; any other block's value is under a key
        # named like its type: [[nb.body]] type = "text", text = "...".
        value = item if isinstance(block, blocks.StructBlock) else item.get(kind, "")
        raw.append({"type": kind, "value": block_value(block, value)})
    value = field.stream_block.to_python(raw)
    try:
        field.stream_block.clean(value)
    except ValidationError as error:
        problems = "; ".join(_problems(error.as_json_data(), field.name))
        raise ContentFileError(problems) from error
    return value


def _problems(data, where: str) -> list[str]:
    """Wagtail's nested block errors as "body 2 variant: message" lines (blocks count from 1)."""
    found = [f"{where}: {message}" for message in data.get("messages", ())]
    children = data.get("blockErrors", {})
    items = children.items() if isinstance(children, dict) else enumerate(children)
    for key, child in items:
        if child:
            label = key + 1 if isinstance(key, int) else key
            found += _problems(child, f"{where} {label}")
    return found


# --- Fields -----------------------------------------------------------------------------------


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        raise ContentFileError(f"{model.__name__} has no field {name!r}") from None


def is_text(model_field) -> bool:
    """Rich text and StreamFields: filled in the second pass, when every page exists."""
    return isinstance(model_field, RichTextField | StreamField)


def convert(model_field, value):
    if isinstance(model_field, StreamField):
        return stream(model_field, value)
    if isinstance(model_field, RichTextField):
        return rich_text(value)
    return plain(value) if isinstance(value, str) else value


def _check_language(code: str) -> None:
    if code not in FILE_LANGUAGES:
        raise ContentFileError(
            f"{code!r}: content files hold Norwegian (nb) and English (en) only; Sámi text "
            "comes from qualified translators, in the admin"
        )


def fields(model, data: dict, text: bool) -> dict:
    """A page's field values from its file: the plain fields and ``name_nb``, ``name_en`` from
    the language tables; rich text and StreamFields only when ``text``."""
    values = {}
    for key, value in data.items():
        if key == "type":
            continue
        if key in languages.CODES:
            _check_language(key)
            for name, item in value.items():
                model_field = _field(model, name)
                if is_text(model_field) == text:
                    values[f"{name}_{key}"] = convert(model_field, item)
        elif not text:
            values[key] = convert(_field(model, key), value)
    return values


def record_fields(model, data: dict) -> dict:
    """A snippet's field values from one table of a file, where each translated field is a
    table of its own: ``name.nb = "..."``, ``name.en = "..."``."""
    values = {}
    for key, value in data.items():
        model_field = _field(model, key)
        if isinstance(value, dict):
            for code, item in value.items():
                _check_language(code)
                values[f"{key}_{code}"] = convert(model_field, item)
        else:
            values[key] = convert(model_field, value)
    return values


# --- Pages ------------------------------------------------------------------------------------


def page_files(folder: Path) -> list[tuple[Path, Path | None]]:
    """Every page file below ``folder`` with its parent's file, parents before children."""
    found = []

    def walk(directory: Path, parent: Path | None):
        for path in sorted(directory.glob("*.toml")):
            found.append((path, parent))
            if (children := path.with_suffix("")).is_dir():
                walk(children, path)

    walk(folder, None)
    return found


def app_page_folders() -> list[Path]:
    """``<app>/content/pages/`` of every installed app that has one."""
    folders = (Path(config.path) / PAGE_FOLDER for config in apps.get_app_configs())
    return [folder for folder in folders if folder.is_dir()]


def model_of(data: dict, path: Path):
    try:
        return apps.get_model(data["type"])
    except (KeyError, LookupError, ValueError):
        raise ContentFileError(
            f"{path}: type must name a page model, e.g. plikt.ContentPage"
        ) from None


def _slug(path: Path, data: dict) -> str:
    try:
        return data[languages.DEFAULT]["slug"]
    except KeyError:
        raise ContentFileError(f"{path}: [nb] has no slug") from None


def _existing(parent: Page, slug: str):
    page = parent.get_children().filter(slug_nb=slug).first()
    return page.specific if page else None


def plant(home: Page, folder: Path) -> None:
    """Pass 1: create each page of ``folder`` that does not exist yet, as an unpublished draft."""
    made = {}
    for path, parent_path in page_files(folder):
        data = read(path)
        parent = made[parent_path] if parent_path else home
        page = _existing(parent, _slug(path, data))
        if page is None:
            model = model_of(data, path)
            try:
                page = model(live=False, **fields(model, data, text=False))
            except ContentFileError as error:
                raise ContentFileError(f"{path}: {error}") from None
            parent.add_child(instance=page)
        made[path] = page


def is_planted(page: Page) -> bool:
    """A draft made by ``plant``: never published and without a single revision."""
    return not page.live and page.latest_revision_id is None and page.first_published_at is None


def publish_planted(home: Page, folders: list[Path] | None = None) -> None:
    """Pass 2: fill the text of every page ``plant`` made, links resolved, and publish it."""
    for folder in app_page_folders() if folders is None else folders:
        found = {}
        for path, parent_path in page_files(folder):
            data = read(path)
            parent = found.get(parent_path) if parent_path else home
            page = _existing(parent, _slug(path, data)) if parent else None
            found[path] = page
            if page is None or not is_planted(page):
                continue
            try:
                for name, value in fields(type(page), data, text=True).items():
                    setattr(page, name, value)
            except ContentFileError as error:
                raise ContentFileError(f"{path}: {error}") from None
            page.save_revision().publish()
