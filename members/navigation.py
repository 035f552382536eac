from django.utils.translation import gettext_lazy as _

from members import permissions


def nav_items(user) -> list[tuple[str, str]]:
    """The members app's entries in the main navigation for this user."""
    items = []
    if permissions.is_signed_in(user):
        items.append((_("Mijn gegevens"), "my-data"))
    if permissions.can_import_members(user):
        items.append((_("Leden importeren"), "members:import"))
    if permissions.is_admin(user):
        items.append((_("Beheer"), "admin:index"))
    return items
