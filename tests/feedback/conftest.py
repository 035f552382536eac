from pytest_factoryboy import register

from tests.feedback.factories import FeedbackFactory, FeedbackItemFactory
from tests.feedback.fakes import fake_apps  # noqa: F401

register(FeedbackFactory)
register(FeedbackItemFactory)
