import pytest

from ledendemocratie import processes

pytestmark = pytest.mark.django_db


def test_personal_data_is_collected_per_kind(fake_apps, member):
    assert set(processes.personal_data(member)) == {"round", "panel", "event", "forum"}


def test_every_kind_erases_personal_data(fake_apps, member):
    assert processes.erase_personal_data(member) == {"round": 0, "panel": 0, "event": 0, "forum": 0}
