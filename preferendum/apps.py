from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreferendumConfig(AppConfig):
    name = "preferendum"
    verbose_name = _("Preferendum")
