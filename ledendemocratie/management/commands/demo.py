from django.core.management.base import BaseCommand
from django.db import transaction

from beraad import demo as beraad_demo
from events import demo as events_demo
from forum import demo as forum_demo
from ledendemocratie.feedback import demo as feedback_demo
from members import demo as members_demo
from preferendum import demo as preferendum_demo
from votes import demo as votes_demo

# Feedback comes last: it is about the rounds, panels and events seeded before it.
SEEDERS = [
    members_demo,
    preferendum_demo,
    beraad_demo,
    events_demo,
    votes_demo,
    forum_demo,
    feedback_demo,
]


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        for seeder in SEEDERS:
            with transaction.atomic():
                seeder.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(members_demo.ACCOUNTS_HELP))
