from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.services.importing.importer import ImportReport


def report_lines(report: ImportReport) -> list[str]:
    """The outcome of an import, one line per figure (command and mail), in the active language.

    The Dutch singular and plural are the same text, so the Dutch output does not change.
    """
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
    if report.dry_run:
        lines.append(_("proefdraai: er is niets opgeslagen"))
    return lines
