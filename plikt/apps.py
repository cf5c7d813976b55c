from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PliktConfig(AppConfig):
    name = "plikt"
    verbose_name = _("Plikt")

    def ready(self):
        # Every log line of a request carries its id, from the first to the last.
        from plikt import logging as plikt_logging

        plikt_logging.connect_signals()

        # Clear the full-page cache (and purge a CDN) when pages or snippets change.
        from plikt import cache

        cache.connect_signals()

        # Cheaper routing and multi-language URLs on top of wagtail-modeltranslation's patches.
        from plikt import routing

        routing.install()

        # Keep the per-language search text in step with what is published.
        from plikt import search

        search.connect_signals()

        # Out-of-date tracking for translations, and the Translators group's snippet rights.
        from plikt.i18n import signals

        signals.connect(self)
