from django.utils.translation import gettext as _

from forum.permissions import can_use_forum


def nav_items(user) -> list[tuple[str, str]]:
    """The forum for members and for invited experts."""
    if can_use_forum(user):
        return [(_("Forum"), "forum:conversation-list")]
    return []
