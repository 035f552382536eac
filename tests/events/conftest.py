from pytest_factoryboy import register

from tests.events.factories import EventFactory, RegistrationFactory, TableFactory

register(EventFactory)
register(RegistrationFactory)
register(TableFactory)
