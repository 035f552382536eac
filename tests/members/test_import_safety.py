"""Member imports that cannot hurt: worst files, swapped addresses, odd branches, erasure."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from members.models import Branch, ErasedMemberNumber, Member, MemberStatus, Province
from members.services.importing import importer, members_import
from members.services.privacy import member_anonymise
from tests.members.test_import import ANNA, HEADER, PIET

pytestmark = pytest.mark.django_db


def _row(number, email="", branch="Utrecht", first="Lid"):
    return f"{number};{first};;Achternaam;{email};;;v;;{branch};;lid"


@pytest.fixture
def export(tmp_path):
    def write(*rows, header=HEADER, raw: bytes | None = None):
        path = tmp_path / "leden.csv"
        lines = [header, *rows]
        path.write_bytes(raw if raw is not None else ("\n".join(lines) + "\n").encode())
        return path

    return write


@pytest.fixture
def twenty_members(member_factory):
    return [member_factory(member_number=str(9000 + n)) for n in range(20)]


def _job(path, **fields):
    from members.models import MemberImport

    job = MemberImport(filename="leden.csv", **fields)
    job.file.save("leden.csv", ContentFile(path.read_bytes()), save=False)
    job.save()
    return job


# --- full imports that would retire too many -------------------------------------------


def test_header_only_file_is_refused_and_retires_nobody(export, twenty_members):
    report = members_import(path=export(), full=True, confirm_retire=True)
    assert not report.ok
    assert report.errors[0][0] == 1
    assert not Member.objects.filter(status=MemberStatus.FORMER).exists()


def test_empty_file_is_refused_with_a_dutch_reason(export):
    report = members_import(path=export(raw=b""))
    assert report.errors == [(1, "het bestand is leeg")]


def test_truncated_full_import_is_refused_without_confirmation(export, twenty_members):
    rows = [_row(m.member_number) for m in twenty_members[:10]]
    report = members_import(path=export(*rows), full=True)
    assert report.needs_confirmation and (report.would_retire, report.current_members) == (10, 20)
    assert not Member.objects.filter(status=MemberStatus.FORMER).exists()


def test_confirmed_full_import_retires_the_missing_members(export, twenty_members):
    rows = [_row(m.member_number) for m in twenty_members[:10]]
    report = members_import(path=export(*rows), full=True, confirm_retire=True)
    assert report.retired == 10


def test_full_import_retiring_within_the_share_needs_no_confirmation(export, twenty_members):
    rows = [_row(m.member_number) for m in twenty_members[1:]]
    report = members_import(path=export(*rows), full=True)
    assert (report.ok, report.retired) == (True, 1)


def test_command_refuses_a_truncated_full_import_without_confirm_retire(export, twenty_members):
    with pytest.raises(CommandError, match="--confirm-retire"):
        call_command("import_members", str(export(_row("9000"))), "--full")
    assert not Member.objects.filter(status=MemberStatus.FORMER).exists()


# --- addresses checked against the state after the import -------------------------------


def test_two_members_may_swap_addresses_in_one_export(export, member_factory):
    member_factory(member_number="1", email="a@example.org")
    member_factory(member_number="2", email="b@example.org")
    report = members_import(path=export(_row("1", "b@example.org"), _row("2", "a@example.org")))
    assert report.ok, report.errors
    assert Member.objects.get(member_number="1").email == "b@example.org"
    assert Member.objects.get(member_number="2").email == "a@example.org"


def test_family_address_passes_from_a_leaving_member_to_a_new_one(export, member_factory):
    leaving = member_factory(member_number="1", email="gezin@example.org")
    for number in range(2, 30):
        member_factory(member_number=str(number))
    rows = [_row(str(n)) for n in range(2, 30)] + [_row("99", "gezin@example.org")]
    report = members_import(path=export(*rows), full=True)
    assert report.ok, report.errors
    leaving.refresh_from_db()
    assert (leaving.status, leaving.email) == (MemberStatus.FORMER, None)
    assert Member.objects.get(member_number="99").email == "gezin@example.org"


def test_address_kept_by_a_member_outside_a_partial_import_is_still_refused(export, member_factory):
    member_factory(member_number="1", email="gezin@example.org")
    report = members_import(path=export(_row("99", "gezin@example.org")))
    assert report.errors and report.errors[0][0] == 2


# --- branches and provinces ---------------------------------------------------------------


def test_branch_whose_slug_differs_from_its_name_is_matched_by_name(export):
    branch = Branch.objects.create(name="Den Haag", slug="s-gravenhage")
    report = members_import(path=export(_row("1", branch="Den Haag")))
    assert report.ok and report.new_branches == []
    assert Member.objects.get(member_number="1").branch == branch


def test_crash_while_writing_is_a_dutch_report_without_the_exception_name(
    export, member_factory, monkeypatch, django_capture_on_commit_callbacks
):
    from members.models import MemberImport
    from members.services.importing.jobs import member_import_run

    def explode(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: members_branch.name")

    monkeypatch.setattr(importer, "_write_chunk", explode)
    job = member_import_run(import_id=_job(export(ANNA)).pk)
    assert job.status == MemberImport.Status.FAILED
    assert "IntegrityError" not in job.report["crash"] and "onverwachte fout" in job.report["crash"]


def test_new_branch_takes_its_province_from_the_provincie_column(export):
    header = HEADER + ";provincie"
    members_import(path=export(_row("1", branch="Nieuwdorp") + ";Noord-Holland", header=header))
    assert Branch.objects.get(name="Nieuwdorp").province == Province.NOORD_HOLLAND


def test_known_branch_keeps_the_province_admins_gave_it(export):
    Branch.objects.create(name="Utrecht", slug="utrecht", province=Province.UTRECHT)
    header = HEADER + ";provincie"
    members_import(path=export(_row("1") + ";Limburg", header=header))
    assert Branch.objects.get(name="Utrecht").province == Province.UTRECHT


def test_report_lists_branches_without_a_province(export):
    report = members_import(path=export(_row("1", branch="Nieuwdorp")))
    assert report.branches_without_province == ["Nieuwdorp"]


def test_unknown_province_is_a_row_error(export):
    header = HEADER + ";provincie"
    report = members_import(path=export(_row("1") + ";Atlantis", header=header))
    assert report.errors == [(2, "onbekende provincie “Atlantis”")]


# --- encodings ----------------------------------------------------------------------------


def test_one_windows_1252_line_does_not_garble_the_utf8_lines(export):
    raw = (
        (HEADER + "\n" + _row("1", first="Zoë") + "\n").encode("utf-8")
        + (_row("2", first="Anaïs") + "\n").encode("cp1252")
        + (_row("3", first="Brontë") + "\n").encode("utf-8")
    )
    report = members_import(path=export(raw=raw))
    names = dict(Member.objects.values_list("member_number", "first_name"))
    assert names == {"1": "Zoë", "2": "Anaïs", "3": "Brontë"}
    assert report.fallback_lines == [3]


# --- members erased on request ----------------------------------------------------------


def test_member_erased_on_request_is_not_recreated_by_the_next_import(
    export, member_factory, admin_member
):
    erased = member_factory(member_number="1001")
    member_anonymise(member=erased, by=admin_member)
    report = members_import(path=export(ANNA, PIET))
    assert report.erased == [2]
    assert not Member.objects.filter(member_number="1001").exists()
    assert Member.objects.filter(member_number="1002").exists()


def test_erased_member_numbers_are_kept_only_as_a_keyed_hash(member_factory, admin_member):
    member_anonymise(member=member_factory(member_number="1001"), by=admin_member)
    digest = ErasedMemberNumber.objects.get().digest
    assert "1001" not in digest
    assert digest != hashlib.sha256(b"1001").hexdigest()


def test_report_says_erased_rows_were_skipped_on_request(export, member_factory, admin_member):
    from members.services.importing.summary import report_lines

    member_anonymise(member=member_factory(member_number="1001"), by=admin_member)
    lines = report_lines(members_import(path=export(ANNA)))
    assert any("verwijderd op verzoek" in line for line in lines)


# --- upload page: the confirmation step ------------------------------------------------


def test_upload_of_a_truncated_full_export_waits_for_confirmation_then_retires(
    client, admin_member, export, twenty_members, django_capture_on_commit_callbacks
):
    from members.models import MemberImport

    client.force_login(admin_member)
    with (
        open(export(_row("9000")), "rb") as upload,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post("/leden/import/", {"file": upload, "full": "on"})
    job = MemberImport.objects.get()
    assert job.status == MemberImport.Status.CONFIRM
    assert Member.objects.filter(status=MemberStatus.FORMER).count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/leden/import/{job.pk}/bevestigen/")
    job.refresh_from_db()
    assert job.status == MemberImport.Status.DONE
    missing = [m.pk for m in twenty_members[1:]]
    assert Member.objects.filter(pk__in=missing, status=MemberStatus.FORMER).count() == 19
