from django.utils.translation import gettext_lazy as _

from ledendemocratie.feedback import permissions


def nav_items(user) -> list[tuple[str, str]]:
    """ "Terugkoppeling" for everyone; the management pages for admins."""
    items = [(_("Terugkoppeling"), "feedback:overview")]
    if permissions.can_manage_feedback(user):
        items.append((_("Terugkoppeling beheren"), "feedback:manage"))
    return items
