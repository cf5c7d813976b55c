"""Template context shared by every page."""

from django.conf import settings


def quick_exit(request):
    """Where the "Exit this page" button goes (settings.QUICK_EXIT_URL)."""
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL}
