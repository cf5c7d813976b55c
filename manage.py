#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plikt.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # An empty DJANGO_SETTINGS_MODULE asks for none (makemessages runs so in a copy).
        if os.environ["DJANGO_SETTINGS_MODULE"]:
            settings.INSTALLED_APPS  # noqa: B018 - reads plikt/settings.py, which checks the env
    except ImproperlyConfigured as error:
        # A missing setting is the operator's to fix, not a bug: one line saying what to do,
        # instead of a traceback through Django's settings loader.
        sys.exit(f"manage.py: {error}")
    execute_from_command_line(sys.argv)
