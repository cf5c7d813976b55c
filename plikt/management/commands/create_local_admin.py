import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

RESET = "DJANGO_DEBUG=1 .venv/bin/python manage.py changepassword admin"


class Command(BaseCommand):
    help = "Create a local 'admin' superuser with a random password, printed once (DEBUG only)."

    def add_arguments(self, parser):
        # `make run PORT=...` passes its port, so the address printed is the one served.
        parser.add_argument("--port", type=int, default=8000, help="runserver's port")

    def handle(self, *args, port, **options):
        if not settings.DEBUG:
            raise CommandError(_("Only for local development: set DJANGO_DEBUG=1."))
        admin_url = f"http://127.0.0.1:{port}/admin/"
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write(
                f"Admin: {admin_url}  user: admin (exists; its password was printed when it "
                f"was made). New password: {RESET}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(f"Admin: {admin_url}  user: admin  password: {password}")
