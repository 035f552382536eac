from django.utils.translation import gettext as _

from events.permissions import can_view_dashboard


def nav_items(user) -> list[tuple[str, str]]:
    """This app's entries in the main navigation for this user: (label, url name)."""
    items = [(_("Activiteiten"), "events:event-list")]
    if can_view_dashboard(user):
        items.append((_("Organiseren"), "events:dashboard"))
    return items
