from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Branch, Member, MemberStatus
from members.services.importing.reading import HeaderError, open_rows
from members.services.importing.validating import FIELDS, MemberRow, parse_row
from members.utils import chunked

CHUNK_SIZE = 1000
# Member columns compared with (and written from) a row, after FIELDS' branch slug became an id.
DB_FIELDS = tuple("branch_id" if name == "branch" else name for name in FIELDS) + ("status",)
WRITE_FIELDS = [*FIELDS, "status", "member_number"]
Progress = Callable[[str, int, int], None]  # phase ("validating"/"writing"), done, total


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

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Plan:
    """What the validation pass learned: numbers, addresses and branches in the file."""

    numbers: dict[str, int] = field(default_factory=dict)  # member number → line
    emails: dict[str, tuple[int, str]] = field(default_factory=dict)  # → (line, number)
    branches: dict[str, str] = field(default_factory=dict)  # slug → name as written
    adopt: dict[str, int] = field(default_factory=dict)  # e-mail → pk of an account to take over

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
            self.branches.setdefault(row.values[FIELDS.index("branch")], row.branch_name)
        return errors


def members_import(
    *,
    path: Path,
    full: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
) -> ImportReport:
    """Import the member administration's export; see the package docstring.

    Nothing is written when any row is invalid: the report then lists every bad row.
    With ``full``, active members missing from the file become former members (never
    deleted). ``dry_run`` does all the work in a transaction that is rolled back.
    """
    report = ImportReport(full=full, dry_run=dry_run)
    today = today or timezone.localdate()
    progress = progress or (lambda phase, done, total: None)
    try:
        plan = _validate(Path(path), report, progress, today)
    except HeaderError as error:
        report.errors.append((1, str(error)))
        return report
    if report.errors:
        return report
    with transaction.atomic():
        _write(Path(path), plan, report, progress, today)
        transaction.set_rollback(dry_run)
    return report


def _validate(path: Path, report: ImportReport, progress: Progress, today: date) -> _Plan:
    plan = _Plan()
    with open_rows(path) as rows:
        for line, values in rows:
            report.rows += 1
            row, errors = parse_row(values, today=today)
            if row is not None:
                errors = plan.add(line, row)
            if errors:
                report.errors.append((line, "; ".join(errors)))
            if report.rows % 10_000 == 0:
                progress("validating", report.rows, 0)
    report.errors += _email_conflicts(plan)
    report.errors.sort()
    return plan


def _email_conflicts(plan: _Plan) -> list[tuple[int, str]]:
    """Addresses in the file that belong to another member in the database.

    An account without a member number (a supporter who signed up) with the address is
    taken over by the row, unless the row's member number exists already.
    """
    conflicts = []
    holders = Member.objects.filter(email__isnull=False).order_by()
    for pk, email, number in holders.values_list("pk", "email", "member_number").iterator(5000):
        line, file_number = plan.emails.get(email.lower(), (None, None))
        if line is None or file_number == number:
            continue
        if number is None:
            plan.adopt[email.lower()] = pk
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


def _write(path: Path, plan: _Plan, report: ImportReport, progress: Progress, today: date):
    branch_ids = _branch_ids(plan.branches, report)
    done = 0
    with open_rows(path) as rows:
        for chunk in chunked(rows, CHUNK_SIZE):
            members = [parse_row(values, today=today)[0] for _line, values in chunk]
            _write_chunk(members, branch_ids, plan.adopt, report)
            done += len(chunk)
            progress("writing", done, report.rows)
    if report.full:
        report.retired = _retire_missing(plan.numbers)


def _branch_ids(branches: dict[str, str], report: ImportReport) -> dict[str, int]:
    """Branch id per slug; branches not known yet are created."""
    ids = dict(Branch.objects.values_list("slug", "pk"))
    new = [Branch(name=name, slug=slug) for slug, name in branches.items() if slug not in ids]
    Branch.objects.bulk_create(new)
    report.new_branches = sorted(branch.name for branch in new)
    return ids | dict(Branch.objects.filter(slug__in=branches).values_list("slug", "pk"))


def _write_chunk(members: list[MemberRow], branch_ids, adopt, report: ImportReport) -> None:
    numbers = [member.member_number for member in members]
    existing = {
        row[1]: row
        for row in Member.objects.filter(member_number__in=numbers)
        .order_by()
        .values_list("pk", "member_number", *DB_FIELDS)
    }
    email_at = DB_FIELDS.index("email") + 2
    new, changed, readdressed = [], [], []
    for member in members:
        values = _db_values(member, branch_ids)
        number = member.member_number
        current = existing.get(number)
        if current is None and member.email in adopt:
            current = (adopt[member.email], number)
        fields = dict(zip(DB_FIELDS, values, strict=True), member_number=number)
        if current is None:
            new.append(fields)
        elif current[2:] == values:
            report.unchanged += 1
        else:
            changed.append(Member(pk=current[0], **fields))
            if len(current) > 2 and current[email_at] != member.email:
                readdressed.append(current[0])
    _insert(new)
    _update(changed)
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


def _update(members: list[Member]) -> None:
    """Changed members: on PostgreSQL COPY them into a temporary table and UPDATE … FROM it
    (bulk_update's CASE expressions get slow for thousands of rows), else bulk_update."""
    if connection.vendor != "postgresql" or not members:
        Member.objects.bulk_update(members, WRITE_FIELDS, batch_size=500)
        return
    fields = [Member._meta.pk, *(Member._meta.get_field(name) for name in WRITE_FIELDS)]
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in fields]
    table = quote(Member._meta.db_table)
    assignments = ", ".join(f"{column} = c.{column}" for column in columns[1:])
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS member_import_changes ON COMMIT DROP AS "
            f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        cursor.execute("TRUNCATE member_import_changes")
        with cursor.copy(f"COPY member_import_changes ({', '.join(columns)}) FROM STDIN") as copy:
            for member in members:
                copy.write_row([getattr(member, field.attname) for field in fields])
        cursor.execute(
            f"UPDATE {table} AS m SET {assignments} FROM member_import_changes AS c "
            f"WHERE m.{columns[0]} = c.{columns[0]}"
        )


def _retire_missing(numbers: dict[str, int]) -> int:
    """Active members missing from a full export become former members; none is deleted."""
    active = Member.objects.filter(
        status=MemberStatus.ACTIVE, anonymised_at__isnull=True, member_number__isnull=False
    ).order_by()
    missing = [
        pk
        for pk, number in active.values_list("pk", "member_number").iterator(5000)
        if number not in numbers
    ]
    for chunk in chunked(missing, CHUNK_SIZE):
        Member.objects.filter(pk__in=chunk).update(status=MemberStatus.FORMER)
    return len(missing)
