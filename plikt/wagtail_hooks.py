"""Admin hooks of the core app: translation status report, translation files, edit notices.

Wagtail calls functions registered with ``@hooks.register("<hook name>")`` at fixed points:
``register_admin_urls`` adds URLs under /admin/, ``register_reports_menu_item`` adds an item
to the Reports menu, ``before_edit_page`` / ``before_edit_snippet`` run at the start of
an edit view (returning nothing lets the view carry on), and ``insert_global_admin_js`` adds
a script to every admin page.
"""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.utils.version import get_main_version

from plikt import languages
from plikt.i18n import tracking
from plikt.i18n.admin_views import PERMISSION, TranslationFilesView
from plikt.i18n.report import TranslationStatusView, field_label


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusView.as_view(),
            name="plikt_translation_status",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusView.as_view(results_only=True),
            name="plikt_translation_status_results",
        ),
        path("translation-files/", TranslationFilesView.as_view(), name="plikt_translation_files"),
    ]


class PageEditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


class TranslationFilesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return PageEditorsMenuItem(
        gettext_lazy("Translation status"),
        reverse("plikt_translation_status"),
        name="translation-status",
        icon_name="globe",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def register_translation_files_menu_item():
    return TranslationFilesMenuItem(
        gettext_lazy("Translation files"),
        reverse("plikt_translation_files"),
        name="translation-files",
        icon_name="download",
        order=1310,
    )


def _warn_outdated(request, obj):
    """Tell whoever opens the editor which translations no longer match the Norwegian text."""
    if request.method != "GET" or not tracking.is_translatable(type(obj)):
        return
    outdated = tracking.outdated_fields(obj)
    if not outdated:
        return
    model = type(obj)
    items = format_html_join(
        "",
        "<li><span lang='{}'>{}</span>: {}</li>",
        (
            (
                code,
                languages.BY_CODE[code].endonym,
                ", ".join(field_label(model, name) for name in names),
            )
            for code, names in outdated.items()
        ),
    )
    messages.warning(
        request,
        format_html(
            "{} <ul>{}</ul>",
            _(
                "The Norwegian text has changed since these translations were saved, "
                "so they are out of date:"
            ),
            items,
        ),
    )


@hooks.register("before_edit_page")
def warn_outdated_page_translations(request, page):
    _warn_outdated(request, page.specific)


@hooks.register("before_edit_snippet")
def warn_outdated_snippet_translations(request, instance):
    _warn_outdated(request, instance)


@hooks.register("insert_global_admin_js")
def keep_the_form_for_back():
    """Back after a failed save returns to the filled-in form (static/js/admin-forms.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-forms.js"))


@hooks.register("construct_help_menu")
def whats_new_in_the_editors_language(request, items):
    """Wagtail builds its help menu once per process, and its "What's new" label is formatted
    then, in the language of whoever came first: label it again for this editor."""
    version = get_main_version(include_patch=False)
    for item in items:
        if item.name == f"whats-new-in-wagtail-{version}":
            item.label = _("What's new in Wagtail %(version)s") % {"version": version}
