from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from plikt import content_files

# Each app's demo module has load(home); they run in this order. Page files
# (<app>/content/pages/) are planted as drafts by their app's load and published together at
# the end, so that a page may link to any other. Re-running changes nothing.
DEMO_MODULES = ["plikt.demo", "offences.demo", "guidance.demo"]


class Command(BaseCommand):
    help = "Build the demo page tree in Norwegian and English. Safe to run more than once."

    @transaction.atomic
    def handle(self, *args, **options):
        home = None
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
                continue
            home = module.load() if home is None else module.load(home)
        content_files.publish_planted(home)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under {home.url_path}"))
