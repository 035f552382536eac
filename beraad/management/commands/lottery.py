import argparse

from django.core.management.base import BaseCommand, CommandError

from beraad.lottery import cli


class Command(BaseCommand):
    help = (
        "Loot een panel uit respondents.csv met de quota van categories.csv (LEXIMIN) en "
        "schrijft result.json; dezelfde opties als python -m beraad.lottery."
    )

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        code = cli.run(argparse.Namespace(**options))
        if code:
            raise CommandError(f"De loting is niet gelukt (code {code}).", returncode=code)
