from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffencesConfig(AppConfig):
    name = "offences"
    verbose_name = _("Offences")
