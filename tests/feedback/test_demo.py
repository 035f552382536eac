import io

import pytest

from ledendemocratie.feedback import demo
from ledendemocratie.feedback.models import Feedback
from tests.feedback.fakes import participant

pytestmark = pytest.mark.django_db


def test_demo_publishes_on_the_newest_closed_round_and_event(fake_apps, member):
    fake_apps["round"].add_closed(1, weeks_ago=3, items=[(1, "A"), (2, "B"), (3, "C"), (4, "D")])
    fake_apps["event"].add_closed(2, weeks_ago=2, participants=[participant(member)])
    fake_apps["event"].add_closed(3, weeks_ago=8)
    demo.seed(stdout=io.StringIO())
    published = set(
        Feedback.objects.filter(state="published").values_list("process_kind", "process_id")
    )
    assert published == {("round", 1), ("event", 2)}


def test_demo_leaves_an_older_process_overdue(fake_apps):
    fake_apps["event"].add_closed(2, weeks_ago=2)
    fake_apps["event"].add_closed(3, weeks_ago=8)
    out = io.StringIO()
    demo.seed(stdout=out)
    assert "1 process(es) overdue" in out.getvalue()


def test_demo_runs_twice_without_change(fake_apps):
    fake_apps["round"].add_closed(1)
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    assert Feedback.objects.count() == 1


def test_demo_skips_apps_without_closed_processes(fake_apps):
    out = io.StringIO()
    demo.seed(stdout=out)
    assert "skipped" in out.getvalue() and not Feedback.objects.exists()
