import shutil
import uuid

import pytest

from tests.faults.services import Platform, Postgres, Redis, missing_binaries


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A throwaway PostgreSQL cluster with a migrated template database."""
    if reason := missing_binaries():
        pytest.skip(reason)
    postgres = Postgres()
    postgres.init()
    postgres.create_database("ld_template")
    static = tmp_path_factory.mktemp("static-var")
    setup = Platform(postgres.url("ld_template"), "memory://", static)
    setup.manage("migrate", "--noinput", "-v", "0")
    setup.manage("collectstatic", "--noinput", "-v", "0")
    postgres.static_root = static / "static"
    yield postgres
    postgres.destroy()


@pytest.fixture
def redis():
    server = Redis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def platform(cluster, redis, tmp_path):
    """The platform against its own copy of the template database and its own Redis."""
    name = f"ld_fault_{uuid.uuid4().hex[:8]}"
    cluster.create_database(name, template="ld_template")
    shutil.copytree(cluster.static_root, tmp_path / "static")
    running = Platform(cluster.url(name), redis.url, tmp_path)
    yield running
    running.stop()
