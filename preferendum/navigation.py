from django.utils.translation import gettext_lazy as _

from preferendum.permissions import can_list_rounds, can_manage_rounds


def nav_items(user) -> list[tuple[str, str]]:
    """This app's entries in the main navigation for this user: (label, url name)."""
    items = []
    if can_list_rounds(user):
        items.append((_("Preferendum"), "preferendum:round-list"))
    if can_manage_rounds(user):
        items.append((_("Rondes beheren"), "preferendum:manage-rounds"))
    return items
