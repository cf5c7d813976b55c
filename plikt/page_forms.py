"""The page editor's form: a taken address says which page has it and what to do.

Wagtail 8 autosaves the "add page" form: as soon as an editor types, the page exists as a
draft. Leave the form and the draft stays, with its address (slug); add the page again and
wagtail-modeltranslation's check refuses the slug with "This slug is already in use", naming
no page. Here the error names the page that has the address, says whether it is a draft that
was never published (most likely such a left-behind form), and links to it, so the editor can
go on with the draft or delete it. A page base class uses it as ``base_form_class``.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from plikt import languages


class SitePageForm(WagtailAdminPageForm):
    def _post_clean(self):
        super()._post_clean()  # model validation: where the slug check adds its errors
        parent = getattr(self, "parent_page", None)
        if parent is None:
            return
        for code in languages.CODES:
            name = f"slug_{code}"
            if name not in self._errors:
                continue
            # The slug as the model has it (plikt.slugs may have repaired the one sent); when
            # the form refused it before the model saw it, the one sent.
            default = f"slug_{languages.DEFAULT}"
            slug = (
                getattr(self.instance, name, None)
                or self.data.get(name)
                or getattr(self.instance, default, None)
                or self.data.get(default)
            )
            holder = self._page_with_slug(parent, name, slug)
            if holder is not None:
                self._errors[name] = self.error_class([self._taken_message(slug, holder)])

    def _page_with_slug(self, parent, name, slug):
        if not slug:
            return None
        siblings = Page.objects.child_of(parent).order_by("path")
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        default = f"slug_{languages.DEFAULT}"
        for page in siblings:
            # An empty translated slug falls back to the Norwegian one, as in the address.
            if (getattr(page, name, None) or getattr(page, default, None)) == slug:
                return page
        return None

    @staticmethod
    def _taken_message(slug, page):
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        title = page.draft_title or page.title
        if not page.live and page.first_published_at is None:
            return format_html(
                _(
                    "The address “{slug}” is taken by the draft “{title}”, which has never been "
                    "published: probably saved automatically from an “add page” form that was "
                    'left. <a href="{url}">Open the draft</a> to go on with it, or delete it '
                    "and save this page again."
                ),
                slug=slug,
                title=title,
                url=edit_url,
            )
        return format_html(
            _(
                "The address “{slug}” is taken by the page “{title}” in the same place. Choose "
                'another address (Promote tab), or <a href="{url}">open that page</a>.'
            ),
            slug=slug,
            title=title,
            url=edit_url,
        )
