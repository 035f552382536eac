from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from shared.http import login_required_htmx


@login_required_htmx
def _page(request):
    return HttpResponse("the page")


def _request(path, user, **headers):
    request = RequestFactory().get(path, headers=headers)
    request.user = user
    request.htmx = HtmxDetails(request)
    return request


def test_a_visitor_without_a_session_is_sent_to_login_and_back():
    response = _page(_request("/stemmingen/3/", AnonymousUser()))
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/stemmingen/3/"


def test_an_htmx_request_without_a_session_sends_the_whole_page_back_to_where_it_was():
    request = _request(
        "/stemmingen/3/fragment/",
        AnonymousUser(),
        HX_Request="true",
        HX_Current_URL="http://testserver/stemmingen/3/",
    )
    response = _page(request)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/stemmingen/3/"


def test_a_signed_in_member_gets_the_page(rf):
    class User:
        is_authenticated = True

    assert _page(_request("/stemmingen/3/", User())).content == b"the page"
