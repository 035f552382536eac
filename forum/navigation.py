from django.utils.translation import gettext as _

from forum.permissions import expert_of
from members.permissions import is_current_member


def nav_items(user) -> list[tuple[str, str]]:
    """The forum for members and for invited experts."""
    if is_current_member(user) or expert_of(user) is not None:
        return [(_("Forum"), "forum:conversation-list")]
    return []
