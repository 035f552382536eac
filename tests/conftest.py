import pytest
from django.utils import translation
from pytest_factoryboy import register

from tests.members.factories import BranchFactory, MemberFactory, RoleAssignmentFactory

register(BranchFactory)
register(MemberFactory)
register(RoleAssignmentFactory)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Fast hashing, tasks run in-process and raise, mail kept in memory, files in tmp."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Sessions and cached results live in the (per-process) cache: start every test empty."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    """A request in English leaves English active in the thread: reset to the default."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    from ledendemocratie.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture
def admin_member(member_factory):
    return member_factory(admin=True)


@pytest.fixture
def chair(member_factory):
    return member_factory(chair=True)
