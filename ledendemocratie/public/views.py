"""The public side: pages anyone can read and share, the congress page, the share helper."""

import hashlib
from urllib.parse import quote, urlencode

from csp.decorators import csp_update
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledendemocratie import processes
from ledendemocratie.public import selectors, services
from ledendemocratie.public.forms import MastodonForm
from ledendemocratie.public.models import Congress
from ledendemocratie.public.preview import preview_png
from members.permissions import is_admin
from shared.http import login_required_htmx

PER_PAGE = 20
PREVIEW_SECONDS = 24 * 3600


def index(request):
    page = Paginator(selectors.public_refs(), PER_PAGE).get_page(request.GET.get("pagina"))
    entries = [
        {
            "ref": ref,
            "kind_label": processes.kind_label(ref.kind),
            "url": selectors.public_url(ref.kind, ref.id),
        }
        for ref in page.object_list
    ]
    return render(request, "public/index.html", {"page": page, "entries": entries})


def _page_or_404(kind: str, pk: int) -> selectors.PublicPage:
    page = selectors.public_page(kind, pk)
    if page is None:
        raise Http404
    return page


def _query(**params) -> str:
    return urlencode(params, quote_via=quote)


def share_links(url: str, title: str) -> list[dict]:
    """Plain links: no third-party script, no tracker. Signal has no share address: copy."""
    text = f"{title} {url}"
    return [
        {"name": _("E-mail"), "href": "mailto:?" + _query(subject=title, body=url)},
        {"name": "WhatsApp", "href": "https://wa.me/?" + _query(text=text)},
        {"name": "Bluesky", "href": "https://bsky.app/intent/compose?" + _query(text=text)},
        {
            "name": "LinkedIn",
            "href": "https://www.linkedin.com/sharing/share-offsite/?" + _query(url=url),
        },
    ]


def page(request, kind: str, pk: int):
    found = _page_or_404(kind, pk)
    url = settings.SITE_URL + found.url
    context = {
        "page": found,
        "canonical_url": url,
        "image_url": settings.SITE_URL + request.path + "voorbeeld.png",
        "description": " ".join(found.summary.purpose.split())[:200],
        "share_links": share_links(url, found.ref.title),
        "can_choose": is_admin(request.user),
        "choice": selectors.page_choice(kind, pk) if is_admin(request.user) else None,
    }
    return render(request, "public/page.html", context)


def preview(request, kind: str, pk: int):
    found = _page_or_404(kind, pk)
    parts = {
        "site": _("Ledendemocratie"),
        "kind": str(found.kind_label),
        "title": found.ref.title,
        "stage": found.summary.stage,
        "bars": tuple((bar.label, bar.segments) for bar in found.summary.bars),
    }
    key = "public:preview:" + hashlib.sha256(repr(sorted(parts.items())).encode()).hexdigest()
    png = cache.get(key)
    if png is None:
        png = preview_png(**parts)
        cache.set(key, png, PREVIEW_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required_htmx
@require_POST
def choose(request, kind: str, pk: int):
    """An admin switches a process's public page on or off (a closed process has one by
    default). Opens from the process's page too, so it takes the process, not the page."""
    if not is_admin(request.user):
        raise Http404
    if kind not in processes.PROCESS_SOURCES or not processes.process_get(kind, pk):
        raise Http404
    enabled = request.POST.get("enabled") == "1"
    services.public_page_choose(kind=kind, process_id=pk, enabled=enabled, by=request.user)
    if enabled:
        return redirect("public:page", kind, pk)
    return redirect("public:index")


# The form's answer is a redirect to the member's own server, which form-action must allow.
@csp_update({"form-action": ["https:"]})
def share_mastodon(request):
    """Mastodon has no one address: ask for the member's server, then go to its share page."""
    form = MastodonForm(request.GET or None)
    if form.is_valid():
        url = settings.SITE_URL + form.cleaned_data["url"]
        text = f"{form.cleaned_data['text']} {url}".strip()
        return redirect(f"https://{form.cleaned_data['instance']}/share?{_query(text=text)}")
    return render(request, "public/share_mastodon.html", {"form": form})


def congress(request, slug: str):
    found = get_object_or_404(Congress, slug=slug)
    themes = selectors.congress_themes(found)
    return render(request, "public/congress.html", {"congress": found, "themes": themes})
