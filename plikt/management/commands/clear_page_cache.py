"""``manage.py clear_page_cache``: forget every cached page (run it after each deploy).

Publishing clears the cache by itself (plikt/cache.py); a new release that changes templates,
CSS or Python does not, so the deploy step runs this once.
"""

from django.core.management.base import BaseCommand

from plikt import cache


class Command(BaseCommand):
    help = "Clear the full-page cache for anonymous readers, in every language."

    def handle(self, *args, **options):
        cache.clear()
        self.stdout.write("Page cache cleared.")
