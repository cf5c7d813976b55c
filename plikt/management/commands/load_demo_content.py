from importlib import import_module

from django.core.management.base import BaseCommand

# Each app's demo module has load(home); they run in this order. Re-running changes nothing.
DEMO_MODULES = ["plikt.demo", "offences.demo", "guidance.demo"]


class Command(BaseCommand):
    help = "Build the demo page tree in Norwegian and English. Safe to run more than once."

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
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under {home.url_path}"))
