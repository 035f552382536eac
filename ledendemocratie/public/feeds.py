"""Atom feeds of published outcomes and feedback: all of them, or one branch's."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ledendemocratie.public import selectors
from members.models import Branch


class OutcomesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, branch: str | None = None):
        return get_object_or_404(Branch, slug=branch) if branch else None

    def title(self, branch):
        if branch:
            return _("Ledendemocratie – uitkomsten en terugkoppeling in %(branch)s") % {
                "branch": branch.name
            }
        return _("Ledendemocratie – uitkomsten en terugkoppeling")

    def subtitle(self, branch):
        return _(
            "Wat er uit rondes, beraden, activiteiten en stemmingen kwam, en wat ermee is gedaan."
        )

    def link(self, branch):
        return reverse("public:index")

    def feed_url(self, branch):
        if branch:
            return reverse("public:feed-branch", args=[branch.slug])
        return reverse("public:feed")

    def author_name(self):
        return _("Ledendemocratie")

    def items(self, branch):
        return selectors.feed_items(branch_id=branch.pk if branch else None)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return settings.SITE_URL + item.url

    def item_updateddate(self, item):
        return item.updated

    def item_pubdate(self, item):
        return item.updated

    def item_categories(self, item):
        return [item.kind_label]
