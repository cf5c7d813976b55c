from django.apps import AppConfig


class PliktConfig(AppConfig):
    name = "plikt"
    verbose_name = "Plikt"

    def ready(self):
        # Keep the per-language search text in step with what is published.
        from plikt import search

        search.connect_signals()
