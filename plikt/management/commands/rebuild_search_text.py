from django.core.management.base import BaseCommand

from plikt import search


class Command(BaseCommand):
    help = (
        "Rewrite the per-language search text of every live page. Publishing keeps it up to "
        "date; run this after importing content or restoring a database."
    )

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} live page(s) in every language."))
