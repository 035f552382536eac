from django.utils.translation import gettext as _

from votes.permissions import can_list_votes


def nav_items(user) -> list[tuple[str, str]]:
    """This app's entries in the main navigation for this user: (label, url name)."""
    return [(_("Stemmingen"), "votes:vote-list")] if can_list_votes(user) else []
