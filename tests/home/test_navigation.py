import pytest

pytestmark = pytest.mark.django_db


def test_only_the_most_specific_menu_item_is_current(client, admin_member):
    client.force_login(admin_member)
    content = client.get("/terugkoppeling/beheer/").content.decode()
    assert content.count('aria-current="page"') == 1
    assert 'href="/terugkoppeling/beheer/" aria-current="page"' in content
