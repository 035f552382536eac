from functools import lru_cache

from django.template.loader import render_to_string
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

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


# The site header's own links, beside the navigation.
SITE_URLS = ("home", "set_language", "account_login", "account_logout")


def navigation(request):
    """The main menu as HTML (``site_nav``: worked out only where a page shows it, not for
    htmx fragments) and the header's links (``site_urls``)."""
    return {
        "site_nav": SimpleLazyObject(lambda: _site_nav(request)),
        "site_urls": {name: site_url(name) for name in SITE_URLS},
    }


def _site_nav(request) -> str:
    user = request.user
    items = [
        (str(label), site_url(url_name))
        for source in NAVIGATION_SOURCES
        for label, url_name in source.nav_items(user)
    ]
    # The longest matching prefix is current, so "/terugkoppeling/beheer/" doesn't also
    # mark "/terugkoppeling/"; "/" (if ever a menu item) only marks the home page itself.
    matching = [url for _label, url in items if _is_under(request.path, url)]
    current = max(matching, key=len, default=None)
    return _menu(tuple(items), current, get_language())


@lru_cache(maxsize=512)
def _menu(items: tuple[tuple[str, str], ...], current: str | None, language: str) -> str:
    """The menu's HTML: the same for everyone who sees the same entries on the same page,
    so it is rendered once per process rather than on every page."""
    entries = [{"label": label, "url": url, "current": url == current} for label, url in items]
    return render_to_string("_site_nav.html", {"items": entries})


def site_url(url_name: str) -> str:
    """``reverse(url_name)`` for a URL without arguments, worked out once: every page
    shows the same dozen links, and reversing them was a fifth of rendering a page."""
    return _reversed(url_name, get_script_prefix(), get_resolver(get_urlconf()))


@lru_cache(maxsize=128)
def _reversed(url_name: str, prefix: str, resolver) -> str:
    # The prefix and resolver are part of the key: a change of either is another answer.
    return reverse(url_name)


def _is_under(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)
