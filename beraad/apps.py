from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeraadConfig(AppConfig):
    name = "beraad"
    verbose_name = _("Ledenberaad")
