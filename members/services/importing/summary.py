from members.services.importing.importer import ImportReport


def report_lines(report: ImportReport) -> list[str]:
    """The outcome of an import in Dutch, one line per figure (command and mail)."""
    if not report.ok:
        return [f"{report.rows} regels gelezen, {len(report.errors)} fout: niets ingelezen."]
    lines = [
        f"{report.rows} regels gelezen",
        f"{report.created} nieuw, {report.updated} bijgewerkt, {report.unchanged} ongewijzigd",
    ]
    if report.full:
        lines.append(f"{report.retired} oud-lid geworden")
    if report.new_branches:
        lines.append("nieuwe afdelingen: " + ", ".join(report.new_branches))
    if report.dry_run:
        lines.append("proefdraai: er is niets opgeslagen")
    return lines
