from django.apps import AppConfig


class BeraadConfig(AppConfig):
    name = "beraad"
    verbose_name = "Ledenberaad"
