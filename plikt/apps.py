from django.apps import AppConfig


class PliktConfig(AppConfig):
    name = "plikt"
    verbose_name = "Plikt"
