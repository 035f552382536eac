from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "ledendemocratie.public"
    label = "public"
    verbose_name = _("Openbaar")
    default_auto_field = "django.db.models.BigAutoField"
