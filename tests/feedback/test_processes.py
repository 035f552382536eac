import pytest

from ledendemocratie.feedback import processes

pytestmark = pytest.mark.django_db


def test_a_source_without_a_function_is_skipped(monkeypatch, member):
    monkeypatch.setitem(
        processes.PROCESS_SOURCES,
        "round",
        processes.ProcessSource("Ronde", object(), object(), "feedback:detail"),
    )
    assert processes.open_rounds_for_member(member) == []
    assert processes.process_get("round", 1) is None
    processes.mark_feedback_published("round", 1, url="/x/", summary="")


def test_personal_data_is_collected_per_kind(fake_apps, member):
    assert set(processes.personal_data(member)) == {"round", "panel", "event"}
