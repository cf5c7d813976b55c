"""Names the admin shows are marked for translation, not typed as plain strings.

makemessages (``test_translation_catalogs.py``) only finds strings someone marked. A plain
``verbose_name = "Offences"``, a model without ``verbose_name_plural`` (Django then adds an
English "s" to the Norwegian name: "forsides") or a block without a ``label`` (Wagtail makes
one from its name) slips past it, and editors see English or broken Norwegian. These tests
find such names by asking Django and Wagtail for what they would show.
"""

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise
from wagtail.fields import StreamField
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

PROJECT_APPS = ("plikt", "offences", "guidance")
PROJECT_MODELS = [model for app in PROJECT_APPS for model in apps.get_app_config(app).get_models()]
# What editors fill in: every page type and snippet of the project.
EDITED_MODELS = [
    model
    for model in {*get_page_models(), *get_snippet_models()}
    if model._meta.app_label in PROJECT_APPS
]


def label(model) -> str:
    return model._meta.label


@pytest.mark.parametrize("app", PROJECT_APPS)
def test_app_names_are_marked(app):
    config = apps.get_app_config(app)
    assert isinstance(config.verbose_name, Promise), f"{app}: wrap verbose_name in gettext_lazy"


def test_app_names_are_translated_into_norwegian():
    for app in ("offences", "guidance"):
        name = apps.get_app_config(app).verbose_name
        with translation.override("en"):
            english = str(name)
        with translation.override("nb"):
            assert str(name) != english, app


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=label)
def test_model_names_are_set_and_marked(model):
    # original_attrs: what Meta says, not the name Django makes up from the class name.
    meta = model._meta.original_attrs
    for attr in ("verbose_name", "verbose_name_plural"):
        assert isinstance(meta.get(attr), Promise), f"{label(model)}: set Meta.{attr} = _(...)"


@pytest.mark.parametrize("model", sorted(EDITED_MODELS, key=label), ids=label)
def test_fields_editors_see_have_marked_names_and_help(model):
    for field in model._meta.get_fields(include_parents=False):
        if not field.concrete or field.auto_created or not field.editable:
            continue
        assert isinstance(field.verbose_name, Promise), f"{label(model)}.{field.name}: name"
        if field.help_text:
            assert isinstance(field.help_text, Promise), f"{label(model)}.{field.name}: help"


def stream_blocks():
    seen = set()

    def walk(block, path):
        if id(block) in seen:
            return
        seen.add(id(block))
        yield path, block
        for name, child in getattr(block, "child_blocks", {}).items():
            yield from walk(child, f"{path}.{name}")
        if hasattr(block, "child_block"):
            yield from walk(block.child_block, f"{path}[]")

    for model in EDITED_MODELS:
        for field in model._meta.get_fields(include_parents=False):
            if isinstance(field, StreamField):
                for name, child in field.stream_block.child_blocks.items():
                    yield from walk(child, f"{label(model)}.{field.name}.{name}")


def test_every_block_has_a_marked_label_and_help():
    blocks = list(stream_blocks())
    assert blocks
    for path, block in blocks:
        assert isinstance(block.label, Promise), f"{path}: set label = _(...)"
        help_text = getattr(block.meta, "help_text", None)
        if help_text:
            assert isinstance(help_text, Promise), f"{path}: help_text"
