from pytest_factoryboy import register

from tests.beraad.factories import InvitationFactory, PanelFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.feedback.factories import FeedbackFactory, FeedbackItemFactory
from tests.feedback.fakes import fake_apps  # noqa: F401
from tests.preferendum.factories import AnswerFactory, RoundFactory, StatementFactory

register(FeedbackFactory)
register(FeedbackItemFactory)
register(EventFactory)
register(RegistrationFactory)
register(RoundFactory, "round_")
register(StatementFactory)
register(AnswerFactory)
register(PanelFactory)
register(InvitationFactory)
