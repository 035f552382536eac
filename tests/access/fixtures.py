"""The access world as fixtures, shared by the access matrix and the security tests."""

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings

from tests.access.world import build_world


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world per module (and xdist worker), inside a transaction rolled back at the end.

    Each test still runs in its own savepoint (the ``db`` fixture), so what a POST
    changes is undone before the next page is tried.
    """
    media_root = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media_root),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = build_world()
        world.media_root = media_root
        for role, person in world.people.items():
            client = Client()
            client.force_login(person)
            world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield world
        transaction.set_rollback(True)


@pytest.fixture
def world(_module_world, db, settings):
    settings.MEDIA_ROOT = _module_world.media_root
    return _module_world
