from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.models import Branch, Member, MemberStatus
from members.services.accounts import (
    account_secure_adopted,
    erased_number_digests,
    is_erased_number,
    member_retire_rights,
)
from members.services.importing.reading import (
    ADDRESS_COLUMNS,
    HeaderError,
    header_columns,
    open_rows,
)
from members.services.importing.validating import FIELDS, MemberRow, parse_row
from shared.chunks import chunked
from shared.db import statements_unprepared

CHUNK_SIZE = 1000
# The member field each optional address column fills (ADDRESS_COLUMNS' order in FIELDS).
ADDRESS_FIELDS = dict(zip(ADDRESS_COLUMNS, FIELDS[-len(ADDRESS_COLUMNS) :], strict=True))
Progress = Callable[[str, int, int], None]  # phase ("validating"/"writing"), done, total
Finish = Callable[["ImportReport"], bool]  # inside the transaction: False rolls it all back


@dataclass
class ImportReport:
    full: bool = False
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    new_branches: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    erased: list[int] = field(default_factory=list)  # lines of members erased on request
    fallback_lines: list[int] = field(default_factory=list)  # read as Windows-1252
    branches_without_province: list[str] = field(default_factory=list)
    adopted: int = 0  # self-made accounts the import took over
    secured: int = 0  # of which unverified: password, addresses and sessions ended
    current_members: int = 0  # before a full import
    would_retire: int = 0
    needs_confirmation: bool = False  # a full import retiring too many, not confirmed
    superseded: bool = False  # another attempt finished this import: nothing was kept

    @property
    def ok(self) -> bool:
        return not self.errors and not self.needs_confirmation and not self.superseded

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Plan:
    """What the validation pass learned: numbers, addresses and branches in the file."""

    numbers: dict[str, int] = field(default_factory=dict)  # member number → line
    emails: dict[str, tuple[int, str]] = field(default_factory=dict)  # → (line, number)
    branches: dict[str, tuple[str, str]] = field(default_factory=dict)  # slug → name, province
    adopt: dict[str, int] = field(default_factory=dict)  # e-mail → pk of an account to take over
    release: list[int] = field(default_factory=list)  # members whose address goes to another
    erased: set[str] = field(default_factory=set)  # numbers of members erased on request
    retiring: list[int] = field(default_factory=list)  # full import: pks to make former

    def add(self, line: int, row: MemberRow) -> list[str]:
        errors = []
        first = self.numbers.setdefault(row.member_number, line)
        if first != line:
            errors.append(
                _("lidnummer %(number)s staat ook op regel %(line)s")
                % {"number": row.member_number, "line": first}
            )
        if row.email:
            first = self.emails.setdefault(row.email, (line, row.member_number))[0]
            if first != line:
                errors.append(
                    _("e-mailadres %(email)s staat ook op regel %(line)s")
                    % {"email": row.email, "line": first}
                )
        if row.branch_name:
            slug = row.values[FIELDS.index("branch")]
            name, province = self.branches.get(slug, (row.branch_name, ""))
            self.branches[slug] = (name, province or row.province)
        return errors


def members_import(
    *,
    path: Path,
    full: bool = False,
    dry_run: bool = False,
    confirm_retire: bool = False,
    progress: Progress | None = None,
    finish: Finish | None = None,
    today: date | None = None,
    actor: Member | None = None,
) -> ImportReport:
    """Import the member administration's export; see the package docstring.

    Nothing is written when any row is invalid: the report then lists every bad row.
    With ``full``, active members missing from the file become former members (never
    deleted); an empty file is always refused, and a full import that would retire more
    than MEMBER_IMPORT_MAX_RETIRE_SHARE of current members needs ``confirm_retire``.
    ``dry_run`` does all the work in a transaction that is rolled back. ``finish`` runs
    in that transaction after the writes; when it returns False, nothing is kept.
    """
    report = ImportReport(full=full, dry_run=dry_run)
    today = today or timezone.localdate()
    progress = progress or (lambda phase, done, total: None)
    try:
        plan = _validate(Path(path), report, progress, today)
    except HeaderError as error:
        report.errors.append((1, str(error)))
        return report
    if not report.errors and report.rows == 0:
        report.errors.append((1, _("het bestand bevat geen leden, alleen de eerste regel")))
    if report.errors or (full and not _retire_allowed(plan, report, confirm_retire)):
        return report
    with transaction.atomic(), statements_unprepared():
        with transaction.atomic():
            _write(Path(path), plan, report, progress, today, actor)
            transaction.set_rollback(dry_run)
        if finish is not None and not finish(report):
            report.superseded = True
            transaction.set_rollback(True)
    return report


def _validate(path: Path, report: ImportReport, progress: Progress, today: date) -> _Plan:
    plan = _Plan()
    erased = erased_number_digests()
    with open_rows(path, report.fallback_lines) as rows:
        for line, values in rows:
            report.rows += 1
            row, errors = parse_row(values, today=today)
            if row is not None and is_erased_number(row.member_number, erased):
                # Erased on request: an export that still lists them does not bring them back.
                report.erased.append(line)
                plan.erased.add(row.member_number)
                continue
            if row is not None:
                errors = plan.add(line, row)
            if errors:
                report.errors.append((line, "; ".join(errors)))
            if report.rows % 10_000 == 0:
                progress("validating", report.rows, 0)
    report.errors += _email_conflicts(plan, full=report.full)
    report.errors.sort()
    return plan


def _retire_allowed(plan: _Plan, report: ImportReport, confirmed: bool) -> bool:
    """A full import retires the current members it misses: refuse retiring too many
    (a truncated file) unless the admin confirmed it."""
    current = Member.objects.filter(
        status=MemberStatus.ACTIVE, anonymised_at__isnull=True, member_number__isnull=False
    ).order_by()
    plan.retiring = [
        pk
        for pk, number in current.values_list("pk", "member_number").iterator(5000)
        if number not in plan.numbers
    ]
    report.current_members = current.count()
    report.would_retire = len(plan.retiring)
    share = settings.MEMBER_IMPORT_MAX_RETIRE_SHARE
    if report.would_retire > share * report.current_members and not confirmed:
        report.needs_confirmation = True
    return not report.needs_confirmation


def _email_conflicts(plan: _Plan, *, full: bool) -> list[tuple[int, str]]:
    """Addresses in the file that another member would still hold after the import.

    Uniqueness is checked against the state after the import, not row by row: a member
    in the file whose address goes to someone else gets their new one (two members may
    swap), and in a full import a member missing from the file (who becomes or is a
    former member) gives up an address the file gives to someone else. An account
    without a member number (a supporter who signed up) with the address is taken over
    by the row, unless the row's member number exists already.
    """
    conflicts = []
    holders = Member.objects.filter(email__isnull=False).order_by()
    for pk, email, number in holders.values_list("pk", "email", "member_number").iterator(5000):
        line, file_number = plan.emails.get(email.lower(), (None, None))
        if line is None or file_number == number:
            continue
        if number is None:
            plan.adopt[email.lower()] = pk
        elif number in plan.numbers or (full and number not in plan.erased):
            plan.release.append(pk)
        else:
            reason = _("e-mailadres %(email)s is al in gebruik bij lid %(number)s")
            conflicts.append((line, reason % {"email": email, "number": number}))
    taken = Member.objects.filter(
        member_number__in=[plan.emails[email][1] for email in plan.adopt]
    ).values_list("member_number", flat=True)
    for number in taken:
        email = next(e for e, (_line, n) in plan.emails.items() if n == number)
        reason = _("e-mailadres %(email)s is al in gebruik") % {"email": email}
        conflicts.append((plan.emails[email][0], reason))
    return conflicts


def _release_addresses(plan: _Plan) -> None:
    """Free the addresses that pass to another member before any row is written."""
    for chunk in chunked(plan.release, CHUNK_SIZE):
        Member.objects.filter(pk__in=chunk).update(email=None)
        EmailAddress.objects.filter(user_id__in=chunk).delete()


def _write(
    path: Path,
    plan: _Plan,
    report: ImportReport,
    progress: Progress,
    today: date,
    actor: Member | None,
):
    branch_ids = _branch_ids(plan.branches, report)
    _release_addresses(plan)
    columns = _Columns.of(path)
    done = 0
    with open_rows(path) as rows:
        for chunk in chunked(rows, CHUNK_SIZE):
            members = [parse_row(values, today=today)[0] for _line, values in chunk]
            members = [m for m in members if m.member_number not in plan.erased]
            _write_chunk(members, branch_ids, plan.adopt, report, columns)
            done += len(chunk)
            progress("writing", done, report.rows)
    _secure_adopted(plan.adopt, report, actor)
    if report.full:
        report.retired = _retire_missing(plan.retiring, actor)


def _secure_adopted(adopt: dict[str, int], report: ImportReport, actor: Member | None) -> None:
    for email, pk in adopt.items():
        report.adopted += 1
        if not account_secure_adopted(member_id=pk, email=email, actor=actor):
            report.secured += 1


def _branch_ids(branches: dict[str, tuple[str, str]], report: ImportReport) -> dict[str, int]:
    """Branch id per slug of the file's branch names.

    A branch is matched by its slug or by its slugified name (admins may have given it
    another slug), so the import never tries to create a branch that exists. New ones get
    the province of the file's "provincie" column; a known branch without a province gets
    it too. The report lists the branches of the file that still have none.
    """
    known = {}
    for pk, slug, name in Branch.objects.values_list("pk", "slug", "name"):
        known.setdefault(slug, pk)
        known.setdefault(slugify(name)[:120], pk)
    new = [
        Branch(name=name, slug=slug, province=province)
        for slug, (name, province) in branches.items()
        if slug not in known
    ]
    Branch.objects.bulk_create(new)
    report.new_branches = sorted(branch.name for branch in new)
    ids = {slug: known.get(slug) for slug in branches}
    ids |= dict(Branch.objects.filter(slug__in=[b.slug for b in new]).values_list("slug", "pk"))
    for slug, (_name, province) in branches.items():
        if province:
            Branch.objects.filter(pk=ids[slug], province="").update(province=province)
    report.branches_without_province = sorted(
        Branch.objects.filter(pk__in=ids.values(), province="").values_list("name", flat=True)
    )
    return ids


@dataclass(frozen=True)
class _Columns:
    """The member fields one file writes: FIELDS, less the optional address columns the
    file lacks (those keep their stored values; a column present but empty clears them)."""

    at: tuple[int, ...]  # positions in FIELDS (and MemberRow.values)
    db_fields: tuple[str, ...]  # compared with the stored member, branch as its id
    write_fields: tuple[str, ...]

    @classmethod
    def of(cls, path: Path) -> "_Columns":
        present = header_columns(path)
        kept = {ADDRESS_FIELDS[name] for name in ADDRESS_COLUMNS if name not in present}
        at = tuple(i for i, name in enumerate(FIELDS) if name not in kept)
        names = [FIELDS[i] for i in at]
        db_fields = tuple("branch_id" if name == "branch" else name for name in names)
        return cls(at, (*db_fields, "status"), (*names, "status", "member_number"))

    def values(self, member: MemberRow, branch_ids: dict[str, int]) -> tuple:
        values = _db_values(member, branch_ids)
        return (*(values[i] for i in self.at), values[-1])


def _write_chunk(
    members: list[MemberRow], branch_ids, adopt, report: ImportReport, columns: _Columns
) -> None:
    numbers = [member.member_number for member in members]
    existing = {
        row[1]: row
        for row in Member.objects.filter(member_number__in=numbers)
        .order_by()
        .values_list("pk", "member_number", *columns.db_fields)
    }
    email_at = columns.db_fields.index("email") + 2
    new, changed, readdressed = [], [], []
    for member in members:
        values = columns.values(member, branch_ids)
        number = member.member_number
        current = existing.get(number)
        if current is None and member.email in adopt:
            current = (adopt[member.email], number)
        fields = dict(zip(columns.db_fields, values, strict=True), member_number=number)
        if current is None:
            new.append(fields)
        elif current[2:] == values:
            report.unchanged += 1
        else:
            changed.append(Member(pk=current[0], **fields))
            if len(current) > 2 and current[email_at] != member.email:
                readdressed.append(current[0])
    _insert(new)
    _update(changed, columns.write_fields)
    # A login address that changed must not keep working: allauth re-adds it at login.
    EmailAddress.objects.filter(user_id__in=readdressed).delete()
    report.created += len(new)
    report.updated += len(changed)


def _db_values(member: MemberRow, branch_ids: dict[str, int]) -> tuple:
    values = list(member.values)
    branch_at = FIELDS.index("branch")
    values[branch_at] = branch_ids.get(values[branch_at])
    return (*values, MemberStatus.ACTIVE)


def _insert(rows: list[dict]) -> None:
    """New members: COPY on PostgreSQL (the bulk of a first import), else bulk_create."""
    if connection.vendor != "postgresql":
        Member.objects.bulk_create([Member(password="!", **row) for row in rows])
        return
    fields = [f for f in Member._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields} | {"password": "!"}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Member._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row.get(f.attname, _default(f, defaults)) for f in fields])


def _default(field, defaults: dict):
    """A callable default runs per row: each member gets their own personal-link keys."""
    return field.get_default() if callable(field.default) else defaults[field.attname]


def _update(members: list[Member], write_fields: tuple[str, ...]) -> None:
    """Changed members: on PostgreSQL COPY them into a temporary table and UPDATE … FROM it
    (bulk_update's CASE expressions get slow for thousands of rows), else bulk_update."""
    if connection.vendor != "postgresql" or not members:
        Member.objects.bulk_update(members, write_fields, batch_size=500)
        return
    fields = [Member._meta.pk, *(Member._meta.get_field(name) for name in write_fields)]
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in fields]
    table = quote(Member._meta.db_table)
    assignments = ", ".join(f"{column} = c.{column}" for column in columns[1:])
    with connection.cursor() as cursor:
        # Every column of the member table, so a file with other columns reuses it.
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS member_import_changes ON COMMIT DROP AS "
            f"SELECT * FROM {table} WITH NO DATA"
        )
        cursor.execute("TRUNCATE member_import_changes")
        with cursor.copy(f"COPY member_import_changes ({', '.join(columns)}) FROM STDIN") as copy:
            for member in members:
                copy.write_row([getattr(member, field.attname) for field in fields])
        cursor.execute(
            f"UPDATE {table} AS m SET {assignments} FROM member_import_changes AS c "
            f"WHERE m.{columns[0]} = c.{columns[0]}"
        )


def _retire_missing(retiring: list[int], actor: Member | None) -> int:
    """Active members missing from a full export become former members (none is deleted)
    and lose every role and admin right."""
    for chunk in chunked(retiring, CHUNK_SIZE):
        Member.objects.filter(pk__in=chunk).update(status=MemberStatus.FORMER)
        member_retire_rights(member_ids=chunk, actor=actor)
    return len(retiring)
