import pytest
from django.db import connection

from shared.db import statements_unprepared

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


@postgresql_only
def test_statements_are_not_prepared_inside_the_block():
    with statements_unprepared():
        assert connection.connection.prepare_threshold is None


@postgresql_only
def test_the_connection_prepares_again_after_the_block():
    connection.ensure_connection()
    before = connection.connection.prepare_threshold
    with statements_unprepared():
        pass
    assert connection.connection.prepare_threshold == before


@postgresql_only
def test_the_setting_comes_back_when_the_block_fails():
    connection.ensure_connection()
    before = connection.connection.prepare_threshold
    with pytest.raises(RuntimeError), statements_unprepared():
        raise RuntimeError
    assert connection.connection.prepare_threshold == before


def test_queries_run_inside_the_block_on_any_database():
    with statements_unprepared(), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
