"""Signal wiring for translation work, connected once from ``PliktConfig.ready``."""

from django.db.models.signals import post_migrate

from plikt.i18n import permissions, tracking


def connect(app_config) -> None:
    tracking.connect()
    post_migrate.connect(
        _after_migrate, sender=app_config, dispatch_uid="plikt_i18n_translator_permissions"
    )


def _after_migrate(**kwargs):
    permissions.grant_snippet_permissions()
