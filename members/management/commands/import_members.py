from django.core.management.base import BaseCommand, CommandError

from members.services.importing import members_import
from members.services.importing.summary import report_lines


class Command(BaseCommand):
    help = (
        "Importeer leden uit de export van de ledenadministratie (CSV, ; of ,). "
        "Schrijft niets als er een foute regel is."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-bestand met de kolommen lidnummer;voornaam;…;soort")
        parser.add_argument(
            "--full",
            action="store_true",
            help="volledige export: wie ontbreekt wordt oud-lid (er wordt niets verwijderd)",
        )
        parser.add_argument("--dry-run", action="store_true", help="alleen controleren")

    def handle(self, *args, file, full, dry_run, **options):
        try:
            report = members_import(path=file, full=full, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error}") from error
        for line, reason in report.errors:
            self.stderr.write(f"regel {line}: {reason}")
        for line in report_lines(report):
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(f"{len(report.errors)} foute regel(s): er is niets ingelezen.")
