from django.apps import AppConfig


class PreferendumConfig(AppConfig):
    name = "preferendum"
    verbose_name = "Preferendum"
