"""Settings for the test suite: the project's settings with DEBUG=True at import, as
`make run` has them (demo password backend, media URLs). pytest-django still runs each
test with settings.DEBUG=False, as Django's test runner does. Subprocesses that tests
start inherit the variable unless they set their own."""

import os

os.environ.setdefault("DEBUG", "True")

from ledendemocratie.settings import *  # noqa: E402, F403
