from django.utils.translation import gettext_lazy as _

from beraad.permissions import can_view_call_list
from members.permissions import is_signed_in


def nav_items(user) -> list[tuple[str, str]]:
    """This app's entries in the main navigation for this user: (label, url name)."""
    items = []
    if is_signed_in(user):
        items.append((_("Beraad"), "beraad:panel-list"))
    if can_view_call_list(user):
        items.append((_("Bellijst"), "beraad:call-list"))
    return items
