from django.urls import reverse

from beraad import navigation as beraad_navigation
from events import navigation as events_navigation
from forum import navigation as forum_navigation
from ledendemocratie.feedback import navigation as feedback_navigation
from ledendemocratie.public import navigation as public_navigation
from members import navigation as members_navigation
from preferendum import navigation as preferendum_navigation
from votes import navigation as votes_navigation

# Order of the main navigation; each app says which of its pages this user may reach.
NAVIGATION_SOURCES = [
    preferendum_navigation,
    beraad_navigation,
    events_navigation,
    votes_navigation,
    forum_navigation,
    feedback_navigation,
    public_navigation,
    members_navigation,
]


def navigation(request):
    user = request.user
    items = [
        {"label": label, "url": reverse(url_name)}
        for source in NAVIGATION_SOURCES
        for label, url_name in source.nav_items(user)
    ]
    # The longest matching prefix is current, so "/terugkoppeling/beheer/" doesn't also
    # mark "/terugkoppeling/"; "/" (if ever a menu item) only marks the home page itself.
    matching = [item["url"] for item in items if _is_under(request.path, item["url"])]
    current = max(matching, key=len, default=None)
    for item in items:
        item["current"] = item["url"] == current
    return {"nav_items": items}


def _is_under(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
