import pytest
from modeltranslation.translator import translator
from wagtail.models import get_page_models

from plikt.blocks import BodyBlock


@pytest.mark.parametrize("model", get_page_models(), ids=lambda m: m.__name__)
def test_every_page_type_is_registered_for_translation(model):
    assert model in translator.get_registered_models()


@pytest.mark.parametrize("name", list(BodyBlock.base_blocks))
def test_every_body_block_has_icon_description_and_preview(name):
    block = BodyBlock.base_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.get_description()
    assert block.get_preview_value() is not None


def test_image_block_requires_alt_text():
    assert BodyBlock.base_blocks["image"].child_blocks["alt"].required
