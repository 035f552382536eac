from django.utils.translation import gettext_lazy as _

from beraad.permissions import can_list_panels, can_view_call_list


def nav_items(user) -> list[tuple[str, str]]:
    """This app's entries in the main navigation for this user: (label, url name)."""
    items = []
    if can_list_panels(user):
        items.append((_("Beraad"), "beraad:panel-list"))
    if can_view_call_list(user):
        items.append((_("Bellijst"), "beraad:call-list"))
    return items
