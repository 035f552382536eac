import threading

import pytest
from django.db import connection, connections

from preferendum import services
from preferendum.models import Answer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real concurrent transactions")


def test_simultaneous_submissions_leave_one_answer(member, open_round):
    statement = open_round.statements.first()
    barrier = threading.Barrier(8)
    errors = []

    def submit(value):
        try:
            barrier.wait()
            services.answer_save(statement=statement, member=member, value=value)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(v % 5 + 1,)) for v in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Answer.objects.filter(statement=statement, member=member).count() == 1
