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
        parser.add_argument(
            "--confirm-retire",
            action="store_true",
            help="volledige export die meer dan 5%% van de leden oud-lid maakt: toch doorgaan",
        )

    def handle(self, *args, file, full, dry_run, confirm_retire, **options):
        try:
            report = members_import(
                path=file, full=full, dry_run=dry_run, confirm_retire=confirm_retire
            )
        except OSError as error:
            raise CommandError(f"Kan {file} niet lezen: {error}") from error
        except Exception as error:
            # Never a traceback for the admin: the transaction was rolled back.
            raise CommandError(
                "Onverwachte fout bij het inlezen; er is niets ingelezen."
            ) from error
        for line, reason in report.errors:
            self.stderr.write(f"regel {line}: {reason}")
        for line in report_lines(report):
            self.stdout.write(line)
        if report.needs_confirmation:
            raise CommandError("Niets ingelezen: bevestig met --confirm-retire.")
        if not report.ok:
            raise CommandError(f"{len(report.errors)} foute regel(s): er is niets ingelezen.")
