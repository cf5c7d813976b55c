"""The one StreamField block library every page type builds its body from.

A StreamField stores a page body as a list of typed blocks. Each block below carries a
translated ``label``, an ``icon`` and a ``description`` (shown in the admin's block picker)
and a ``preview_value`` (rendered in the picker's preview), so an editor can see what a block
does before adding it. The preview values are Norwegian sample content, not interface text.
Templates live in ``templates/blocks/``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
        label=_("Level"),
        search_index=False,  # an editor's choice, not words a reader sees: kept out of search
    )

    class Meta:
        label = _("Heading")
        icon = "title"
        template = "blocks/heading.html"
        description = _("A section heading. Use level 2 for main sections.")
        preview_value = {"text": "Hva er avvergingsplikten?", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        label = _("Text")
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        description = _("Paragraphs of text with links and lists.")
        preview_value = (
            "<p>Alle har plikt til å prøve å avverge visse alvorlige lovbrudd, "
            "for eksempel vold i nære relasjoner.</p>"
        )


class CalloutBlock(blocks.StructBlock):
    variant = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("warning", _("Warning")),
            ("danger", _("Danger")),
            ("success", _("Good to know")),
        ],
        default="info",
        label=_("Kind"),
        search_index=False,  # the box's colour, not words a reader sees
    )
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        label = _("Callout")
        icon = "warning"
        template = "blocks/callout.html"
        description = _("A highlighted box for something the reader must not miss.")
        preview_value = {
            "variant": "warning",
            "heading": "Er noen i fare nå?",
            "text": "<p>Ring politiet på 112.</p>",
        }


class StepBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Step heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("What to do"), features=RICH_TEXT_FEATURES)

    class Meta:
        label = _("Step")
        icon = "order"


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        label = _("Steps")
        icon = "list-ol"
        template = "blocks/steps.html"
        description = _("Numbered steps, each with its own heading, read in order.")
        preview_value = {
            "heading": "Slik kan du gå fram",
            "steps": [
                {
                    "heading": "Snakk med personen",
                    "text": "<p>Lytt, og vis at du tror på det du hører.</p>",
                },
                {
                    "heading": "Bli enige om en plan",
                    "text": "<p>Avtal hva som skal skje videre.</p>",
                },
            ],
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        label = _("Question and answer")
        icon = "help"
        template = "blocks/question.html"
        description = _("A question the reader can open to see the answer.")
        preview_value = {
            "question": "Gjelder plikten også for meg?",
            "answer": "<p>Ja, plikten gjelder alle.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        label = _("Quote")
        icon = "openquote"
        template = "blocks/quote.html"
        description = _("A quotation, with who said it.")
        preview_value = {
            "quote": "Jeg var usikker, men det var riktig å si fra.",
            "attribution": "Lærer",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        label = _("Image")
        icon = "image"
        template = "blocks/image.html"
        description = _("An image with a required text alternative.")
        preview_value = {"alt": "", "caption": "Bildetekst"}


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("Or an address elsewhere"), required=False, search_index=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or give an address."))}
            )
        return value

    class Meta:
        label = _("Link")
        icon = "link"


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        label = _("Links")
        icon = "list-ul"
        template = "blocks/link_list.html"
        description = _("A list of links to pages here or elsewhere.")
        preview_value = {
            "heading": "Les mer",
            "links": [
                {
                    "title": "Lovdata: straffeloven § 196",
                    "url": "https://lovdata.no/lov/2005-05-20-28/§196",
                }
            ],
        }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = RichTextBlock()
    callout = CalloutBlock()
    steps = StepsBlock()
    question = QuestionBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    links = LinkListBlock()

    class Meta:
        block_counts = {}
