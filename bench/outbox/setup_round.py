"""Create N active members and a scheduled national round (run as a Django script)."""

import sys
from datetime import timedelta

import django

django.setup()

from django.utils import timezone  # noqa: E402

from members.models import Branch, Member  # noqa: E402
from preferendum.models import Round, RoundState, Statement  # noqa: E402

count = int(sys.argv[1])
branch = Branch.objects.create(name="Bench", slug="bench", province="utrecht")
Member.objects.bulk_create(
    (
        Member(
            email=f"lid{n}@bench.example.org",
            member_number=f"B{n}",
            branch=branch,
            first_name="Lid",
            last_name=str(n),
        )
        for n in range(count)
    ),
    batch_size=5000,
)
now = timezone.now()
round_ = Round.objects.create(
    title="Benchmarkronde",
    state=RoundState.SCHEDULED,
    opens_at=now,
    closes_at=now + timedelta(days=7),
)
for position in range(1, 5):
    Statement.objects.create(round=round_, position=position, text=f"Stelling {position}")
print(round_.pk)
