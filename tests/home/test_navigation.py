import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from ledendemocratie import context_processors
from members.models import Role

pytestmark = pytest.mark.django_db


def test_only_the_most_specific_menu_item_is_current(client, admin_member):
    client.force_login(admin_member)
    content = client.get("/terugkoppeling/beheer/").content.decode()
    assert content.count('aria-current="page"') == 1
    assert 'href="/terugkoppeling/beheer/" aria-current="page"' in content


def test_the_menu_follows_the_language(client, member):
    client.force_login(member)
    assert ">Terugkoppeling</a>" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    content = client.get("/").content.decode()
    assert ">Terugkoppeling</a>" not in content and 'lang="en"' in content


def test_the_menu_follows_a_role_granted_since_the_last_page(client, member):
    client.force_login(member)
    assert "/beheer/" not in client.get("/").content.decode()
    member.roles.create(role=Role.ADMIN)
    assert 'href="/beheer/"' in client.get("/").content.decode()


def test_a_member_without_roles_costs_no_role_query(client, member):
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        client.get("/terugkoppeling/")
    role_reads = [q["sql"] for q in queries if "members_roleassignment" in q["sql"]]
    assert len(role_reads) == 1 and "members_member" in role_reads[0]  # the sign-in's read


def test_an_htmx_fragment_does_not_work_out_the_menu(rf, member, monkeypatch):
    worked_out = []
    monkeypatch.setattr(context_processors, "_site_nav", worked_out.append)
    request = rf.get("/")
    request.user = member
    render_to_string("preferendum/_answer_status.html", {}, request=request)
    assert worked_out == []
