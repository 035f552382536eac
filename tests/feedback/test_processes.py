import pytest

from ledendemocratie import processes

pytestmark = pytest.mark.django_db


def test_personal_data_is_collected_per_kind(fake_apps, member):
    kinds = {"round", "panel", "event", "vote", "forum"}
    assert set(processes.personal_data(member)) == kinds


def test_every_kind_erases_personal_data(fake_apps, member):
    assert processes.erase_personal_data(member) == dict.fromkeys(
        ["round", "panel", "event", "vote", "forum"], 0
    )
