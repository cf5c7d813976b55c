import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Create a local 'admin' superuser with a random password, printed once (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(_("Only for local development: set DJANGO_DEBUG=1."))
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("User 'admin' exists; its password was printed when it was made.")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@localhost", password)
        self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/  user: admin  password: {password}")
