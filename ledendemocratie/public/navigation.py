from django.utils.translation import gettext_lazy as _


def nav_items(user) -> list[tuple[str, str]]:
    """ "Openbaar" for everyone: what the party's processes did, readable without login."""
    return [(_("Openbaar"), "public:index")]
