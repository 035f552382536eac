import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from members.models import Branch, Gender, Member, MemberKind, MemberStatus
from members.services.importing import members_import

pytestmark = pytest.mark.django_db

HEADER = (
    "lidnummer;voornaam;tussenvoegsel;achternaam;email;telefoon;geboortedatum;"
    "geslacht;postcode;afdeling;lid_sinds;soort"
)
ANNA = "1001;Anna;de;Vries;Anna@Example.org;0612345678;1980-02-03;v;3511 ab;Utrecht;01-05-2010;lid"
PIET = "1002;Piet;;Jansen;;;;m;;Nieuwdorp;;sympathisant"


@pytest.fixture
def export(tmp_path):
    """Write rows under the header to a file; returns its path."""

    def write(*rows, header=HEADER, encoding="utf-8", delimiter=";"):
        path = tmp_path / "leden.csv"
        lines = [header, *rows]
        text = "\r\n".join(line.replace(";", delimiter) for line in lines) + "\r\n"
        path.write_bytes(text.encode(encoding))
        return path

    return write


def test_good_file_creates_members_with_their_values(export):
    report = members_import(path=export(ANNA, PIET))
    assert (report.ok, report.created) == (True, 2)
    anna = Member.objects.get(member_number="1001")
    assert (anna.email, anna.infix, anna.postcode) == ("anna@example.org", "de", "3511AB")
    assert (anna.birth_date.isoformat(), anna.member_since.isoformat()) == (
        "1980-02-03",
        "2010-05-01",
    )
    assert (anna.gender, anna.kind, anna.branch.name) == (
        Gender.WOMAN,
        MemberKind.MEMBER,
        "Utrecht",
    )


def test_member_without_email_is_imported_without_address(export):
    members_import(path=export(PIET))
    piet = Member.objects.get(member_number="1002")
    assert piet.email is None
    assert piet.kind == MemberKind.SUPPORTER


def test_unknown_branches_are_created(export):
    report = members_import(path=export(ANNA, PIET))
    assert report.new_branches == ["Nieuwdorp", "Utrecht"]
    assert Branch.objects.filter(slug="nieuwdorp").exists()


def test_known_branch_is_reused_by_its_slug(export, branch_factory):
    utrecht = branch_factory(name="Utrecht", slug="utrecht")
    members_import(path=export(ANNA))
    assert Member.objects.get(member_number="1001").branch == utrecht


def test_second_identical_import_changes_nothing(export):
    path = export(ANNA, PIET)
    members_import(path=path)
    report = members_import(path=path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)


def test_changed_row_updates_the_member_found_by_number(export):
    members_import(path=export(ANNA))
    report = members_import(path=export(ANNA.replace("Vries", "Wit")))
    assert (report.updated, report.created) == (1, 0)
    assert Member.objects.get(member_number="1001").last_name == "Wit"


def test_free_gender_description_is_kept(export):
    members_import(path=export(PIET.replace(";m;", ";genderfluïde;")))
    piet = Member.objects.get(member_number="1002")
    assert (piet.gender, piet.gender_description) == (Gender.OTHER, "genderfluïde")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (ANNA.replace("Anna@Example.org", "anna@@example"), "ongeldig e-mailadres"),
        (ANNA.replace("1980-02-03", "1980-02-31"), "geboortedatum “1980-02-31” is geen datum"),
        (ANNA.replace("1980-02-03", "3 februari"), "is geen datum"),
        (ANNA.replace("01-05-2010", "2099-01-01"), "lid_sinds “2099-01-01” kan niet kloppen"),
        (ANNA.replace(";lid", ";donateur"), "onbekende soort “donateur”"),
        (ANNA.replace("1001;", ";"), "lidnummer ontbreekt"),
        (ANNA.replace(";Vries;", ";;"), "achternaam ontbreekt"),
        (ANNA.replace(";lid", ";"), "soort ontbreekt"),
        (ANNA + ";extra", "aantal kolommen"),
        (ANNA.replace("3511 ab", "12345678"), "postcode"),
        (ANNA.replace("Anna;", "A" * 101 + ";"), "voornaam is te lang"),
    ],
)
def test_bad_row_is_reported_with_its_line_and_nothing_is_written(export, row, reason):
    report = members_import(path=export(PIET, row))
    assert [line for line, _ in report.errors] == [3]
    assert reason in report.errors[0][1]
    assert not Member.objects.exists()


def test_duplicate_member_number_in_the_file_is_refused(export):
    report = members_import(path=export(ANNA, PIET.replace("1002", "1001")))
    assert report.errors == [(3, "lidnummer 1001 staat ook op regel 2")]


def test_duplicate_email_in_the_file_is_refused(export):
    report = members_import(path=export(ANNA, PIET.replace(";;;;m", ";anna@example.org;;;m")))
    assert report.errors == [(3, "e-mailadres anna@example.org staat ook op regel 2")]


def test_email_of_another_member_in_the_database_is_refused(export, member_factory):
    member_factory(email="anna@example.org", member_number="9999")
    report = members_import(path=export(ANNA))
    assert report.errors == [(2, "e-mailadres anna@example.org is al in gebruik bij lid 9999")]


def test_signed_up_supporter_with_the_email_is_taken_over(export, member_factory):
    supporter = member_factory(email="anna@example.org", member_number=None, supporter=True)
    report = members_import(path=export(ANNA))
    supporter.refresh_from_db()
    assert (report.created, report.updated) == (0, 1)
    assert (supporter.member_number, supporter.kind) == ("1001", MemberKind.MEMBER)


def test_every_bad_row_is_reported(export):
    report = members_import(path=export("x;;;;", ANNA.replace(";lid", ";?"), PIET))
    assert [line for line, _ in report.errors] == [2, 3]


def test_missing_column_in_the_header_is_reported_on_line_one(export):
    report = members_import(path=export(ANNA, header=HEADER.replace(";soort", "")))
    assert report.errors == [(1, "kolom ontbreekt in de eerste regel: soort")]


def test_comma_delimited_file_is_read(export):
    report = members_import(path=export(ANNA, PIET, delimiter=","))
    assert (report.ok, report.created) == (True, 2)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_file_in_each_accepted_encoding_keeps_accents(export, encoding):
    members_import(path=export(ANNA.replace("Anna;", "Anaïs;"), encoding=encoding))
    assert Member.objects.get(member_number="1001").first_name == "Anaïs"


def test_full_import_makes_missing_members_former_without_deleting(export, member_factory):
    missing = member_factory(member_number="5555")
    report = members_import(path=export(ANNA), full=True, confirm_retire=True)
    missing.refresh_from_db()
    assert report.retired == 1
    assert missing.status == MemberStatus.FORMER


def test_partial_import_leaves_missing_members_active(export, member_factory):
    missing = member_factory(member_number="5555")
    members_import(path=export(ANNA))
    missing.refresh_from_db()
    assert missing.status == MemberStatus.ACTIVE


def test_full_import_leaves_accounts_without_member_number_alone(export, member_factory):
    supporter = member_factory(member_number=None, supporter=True)
    members_import(path=export(ANNA), full=True)
    supporter.refresh_from_db()
    assert supporter.status == MemberStatus.ACTIVE


def test_former_member_back_in_the_file_is_active_again(export, member_factory):
    members_import(path=export(ANNA))
    Member.objects.filter(member_number="1001").update(status=MemberStatus.FORMER)
    members_import(path=export(ANNA))
    assert Member.objects.get(member_number="1001").status == MemberStatus.ACTIVE


def test_dry_run_reports_the_figures_and_writes_nothing(export):
    report = members_import(path=export(ANNA, PIET), dry_run=True)
    assert (report.created, report.dry_run) == (2, True)
    assert not Member.objects.exists()
    assert not Branch.objects.exists()


def test_command_prints_the_summary(export, capsys):
    call_command("import_members", str(export(ANNA)))
    assert "1 nieuw, 0 bijgewerkt, 0 ongewijzigd" in capsys.readouterr().out


def test_command_exits_non_zero_and_prints_every_bad_row(export, capsys):
    with pytest.raises(CommandError, match="1 foute regel"):
        call_command("import_members", str(export(ANNA.replace(";lid", ";x"))))
    assert "regel 2: onbekende soort “x”" in capsys.readouterr().err


def test_command_dry_run_writes_nothing(export):
    call_command("import_members", str(export(ANNA)), "--dry-run")
    assert not Member.objects.exists()


def test_command_full_retires_missing_members(export, member_factory):
    missing = member_factory(member_number="5555")
    call_command("import_members", str(export(ANNA)), "--full", "--confirm-retire")
    missing.refresh_from_db()
    assert missing.status == MemberStatus.FORMER


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements")
def test_import_plans_its_lookups_for_the_table_as_it_grows(export, monkeypatch):
    """A plan prepared while the table was nearly empty (a sequential scan) would be kept
    for every later chunk of a large first import, making it quadratic."""
    from members.services.importing import importer

    thresholds = []
    write_chunk = importer._write_chunk

    def spy(*args, **kwargs):
        thresholds.append(connection.connection.prepare_threshold)
        return write_chunk(*args, **kwargs)

    monkeypatch.setattr(importer, "_write_chunk", spy)
    members_import(path=export(ANNA, PIET))
    assert thresholds == [None]
