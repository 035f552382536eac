from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Leden")

    def ready(self):
        from allauth.account.signals import email_confirmed

        from members.receivers import address_verified

        email_confirmed.connect(address_verified, dispatch_uid="members.address_verified")
