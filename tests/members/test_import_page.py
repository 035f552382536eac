import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Member, MemberImport
from tests.members.conftest import ROLES
from tests.members.test_import import ANNA, HEADER, PIET

pytestmark = pytest.mark.django_db
URL = reverse("members:import")
ALLOWED = {"admin"}


def _csv(*rows, name="leden.csv", header=HEADER):
    return SimpleUploadedFile(name, "\n".join([header, *rows]).encode(), "text/csv")


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    def post(file, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, {"file": file, **fields})

    return post


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_see_the_import_page(client, sign_in, role):
    sign_in(role)
    response = client.get(URL)
    expected = 200 if role in ALLOWED else (302 if role == "anonymous" else 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_can_start_an_import(client, sign_in, role, upload):
    sign_in(role)
    upload(_csv(ANNA))
    assert Member.objects.filter(member_number="1001").exists() == (role in ALLOWED)


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_see_an_import_report(client, sign_in, role, admin_member):
    job = MemberImport.objects.create(created_by=admin_member, filename="x.csv")
    sign_in(role)
    response = client.get(reverse("members:import-detail", args=[job.pk]))
    assert (response.status_code == 200) == (role in ALLOWED)


def test_uploaded_file_is_imported_and_the_report_shown(client, admin_member, upload):
    client.force_login(admin_member)
    response = upload(_csv(ANNA, PIET))
    job = MemberImport.objects.get()
    assert response.url == reverse("members:import-detail", args=[job.pk])
    assert job.status == MemberImport.Status.DONE
    assert "2 nieuw, 0 bijgewerkt, 0 ongewijzigd" in client.get(response.url).content.decode()


def test_uploaded_file_is_deleted_after_the_import(client, admin_member, upload):
    client.force_login(admin_member)
    upload(_csv(ANNA))
    assert not MemberImport.objects.get().file


def test_bad_rows_are_listed_on_the_report_page(client, admin_member, upload):
    client.force_login(admin_member)
    response = upload(_csv(ANNA.replace(";lid", ";x"), PIET))
    page = client.get(response.url).content.decode()
    assert MemberImport.objects.get().status == MemberImport.Status.REFUSED
    assert "onbekende soort “x”" in page
    assert not Member.objects.filter(member_number__in=["1001", "1002"]).exists()


def test_admin_gets_the_report_by_mail(client, admin_member, upload):
    client.force_login(admin_member)
    upload(_csv(ANNA))
    assert mail.outbox[-1].subject.endswith("Ledenimport klaar")
    assert "1 nieuw" in mail.outbox[-1].body


def test_dry_run_upload_writes_nothing(client, admin_member, upload):
    client.force_login(admin_member)
    upload(_csv(ANNA), dry_run="on")
    assert not Member.objects.filter(member_number="1001").exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (_csv(ANNA, name="leden.xlsx"), "Kies een CSV-bestand"),
        (SimpleUploadedFile("leden.csv", b"PK\x03\x04\x00\x00binary"), "geen tekstbestand"),
        (_csv(ANNA, header=HEADER.replace(";soort", "")), "mist de kolom(men): soort"),
    ],
)
def test_wrong_kind_of_file_is_refused_before_importing(client, admin_member, file, message):
    client.force_login(admin_member)
    response = client.post(URL, {"file": file})
    assert message in response.content.decode()
    assert not MemberImport.objects.exists()


def test_too_large_file_is_refused(client, admin_member, monkeypatch):
    monkeypatch.setattr("members.forms.MAX_IMPORT_BYTES", 10)
    client.force_login(admin_member)
    response = client.post(URL, {"file": _csv(ANNA)})
    assert "groter dan 100 MB" in response.content.decode()


def test_running_import_page_polls_its_progress(client, admin_member):
    job = MemberImport.objects.create(created_by=admin_member, filename="x.csv")
    client.force_login(admin_member)
    page = client.get(reverse("members:import-detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert 'http-equiv="refresh"' in page


def test_htmx_poll_gets_only_the_progress_partial(client, admin_member):
    job = MemberImport.objects.create(created_by=admin_member, filename="x.csv")
    client.force_login(admin_member)
    url = reverse("members:import-detail", args=[job.pk])
    page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert page.lstrip().startswith('<section id="import-progress"')


def test_import_task_run_twice_imports_once(admin_member, upload, client):
    from members.tasks import run_member_import

    client.force_login(admin_member)
    upload(_csv(ANNA))
    job = MemberImport.objects.get()
    run_member_import.delay(job.pk)
    job.refresh_from_db()
    assert job.report["created"] == 1


def test_progress_poll_after_the_session_ended_sends_htmx_to_the_login(client, admin_member):
    job = MemberImport.objects.create(created_by=admin_member, filename="x.csv")
    url = reverse("members:import-detail", args=[job.pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.headers["HX-Redirect"] == f"{reverse('account_login')}?next={url}"


def test_sweep_runs_an_import_whose_task_was_lost(admin_member, export_upload):
    from datetime import timedelta

    from django.utils import timezone

    from members.tasks import sweep_member_imports

    job = export_upload(admin_member)
    MemberImport.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))
    sweep_member_imports.delay()
    job.refresh_from_db()
    assert job.status == MemberImport.Status.DONE


@pytest.fixture
def export_upload(django_capture_on_commit_callbacks):
    """An upload whose Celery task never ran (on-commit callbacks dropped)."""
    from members.services.importing.jobs import member_import_start

    def start(by):
        with django_capture_on_commit_callbacks(execute=False):
            return member_import_start(by=by, upload=_csv(ANNA))

    return start
