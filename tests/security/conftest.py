from tests.access.fixtures import _module_world, world  # noqa: F401
