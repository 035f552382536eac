from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.services.importing.importer import ImportReport


def report_lines(report: ImportReport) -> list[str]:
    """The outcome of an import, one line per figure (command and mail), in the active language.

    The Dutch singular and plural are the same text, so the Dutch output does not change.
    """
    if report.needs_confirmation:
        return [_confirmation_line(report)]
    if not report.ok:
        line = ngettext(
            "%(rows)s regels gelezen, %(errors)s fout: niets ingelezen.",
            "%(rows)s regels gelezen, %(errors)s fout: niets ingelezen.",
            report.rows,
        )
        return [line % {"rows": report.rows, "errors": len(report.errors)}]
    lines = [
        ngettext("%(rows)s regels gelezen", "%(rows)s regels gelezen", report.rows)
        % {"rows": report.rows},
        _("%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd")
        % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    ]
    if report.full:
        retired = ngettext(
            "%(retired)s oud-lid geworden", "%(retired)s oud-lid geworden", report.retired
        )
        lines.append(retired % {"retired": report.retired})
    if report.new_branches:
        lines.append(_("nieuwe afdelingen: %(names)s") % {"names": ", ".join(report.new_branches)})
    lines += _notes(report)
    if report.dry_run:
        lines.append(_("proefdraai: er is niets opgeslagen"))
    return lines


def _confirmation_line(report: ImportReport) -> str:
    return _(
        "Niets ingelezen: deze volledige export zou %(retire)s van de %(current)s huidige "
        "leden oud-lid maken. Klopt dat, bevestig dan (commando: --confirm-retire)."
    ) % {"retire": report.would_retire, "current": report.current_members}


def _notes(report: ImportReport) -> list[str]:
    """What an admin should know or check: skipped, guessed or incomplete things."""
    notes = []
    if report.erased:
        notes.append(
            _("verwijderd op verzoek, overgeslagen: regel %(lines)s")
            % {"lines": _line_list(report.erased)}
        )
    if report.fallback_lines:
        notes.append(
            _("gelezen als Windows-1252 (controleer de accenten): regel %(lines)s")
            % {"lines": _line_list(report.fallback_lines)}
        )
    if report.adopted:
        notes.append(
            _(
                "%(adopted)s zelf aangemaakte accounts overgenomen, waarvan %(secured)s met een "
                "onbevestigd adres: hun wachtwoord en sessies zijn beëindigd"
            )
            % {"adopted": report.adopted, "secured": report.secured}
        )
    if report.branches_without_province:
        notes.append(
            _("afdelingen zonder provincie: %(names)s")
            % {"names": ", ".join(report.branches_without_province)}
        )
    return notes


def _line_list(lines: list[int], limit: int = 50) -> str:
    shown = ", ".join(str(line) for line in lines[:limit])
    return shown + (" …" if len(lines) > limit else "")
