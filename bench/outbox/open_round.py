"""Open the benchmark round (its invitations go to the workers after commit)."""

import sys

import django

django.setup()

from preferendum.models import Round  # noqa: E402
from preferendum.services import round_open  # noqa: E402

assert round_open(round_=Round.objects.get(pk=int(sys.argv[1])))
