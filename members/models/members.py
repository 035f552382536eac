from functools import cached_property

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.branches import Branch
from shared import rows
from shared.links import link_key_new


class MemberKind(models.TextChoices):
    MEMBER = "lid", _("lid")
    SUPPORTER = "sympathisant", _("sympathisant")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("actief")
    FORMER = "former", _("oud-lid")
    # An invited outside expert's account (forum): not a member, so every member
    # permission (``is_current``) already refuses it.
    EXPERT = "expert", _("deskundige")


class Gender(models.TextChoices):
    WOMAN = "vrouw", _("vrouw")
    MAN = "man", _("man")
    NONBINARY = "non-binair", _("non-binair")
    OTHER = "anders", _("anders")
    UNKNOWN = "", _("onbekend")


class Role(models.TextChoices):
    ORGANISER = "organiser", _("afdelingsorganisator")
    CHAIR = "chair", _("partijvoorzitter")
    CALLER = "caller", _("beller")
    ADMIN = "admin", _("beheerder")


class MemberManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        member = self.model(email=self.normalize_email(email), **fields)
        member.set_password(password)
        member.save(using=self._db)
        return member

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class Member(AbstractBaseUser, PermissionsMixin):
    """A member or supporter; also the login account (e-mail is the login)."""

    email = models.EmailField(_("e-mailadres"), unique=True, null=True, blank=True)
    member_number = models.CharField(_("lidnummer"), max_length=20, unique=True, null=True)
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    infix = models.CharField(_("tussenvoegsel"), max_length=30, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    gender_description = models.CharField(_("eigen omschrijving"), max_length=60, blank=True)
    street = models.CharField(_("straat"), max_length=120, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=10, blank=True)
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=80, blank=True)
    branch = models.ForeignKey(
        Branch,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("afdeling"),
    )
    member_since = models.DateField(_("lid sinds"), null=True, blank=True)
    kind = models.CharField(
        _("soort"), max_length=20, choices=MemberKind.choices, default=MemberKind.MEMBER
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    language = models.CharField(
        _("voorkeurstaal"),
        max_length=2,
        choices=[("nl", "Nederlands"), ("en", "English")],
        default="nl",
    )
    is_active = models.BooleanField(_("kan inloggen"), default=True)
    is_staff = models.BooleanField(_("toegang tot beheer"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    deletion_requested_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # Keys of the member's personal links (shared.links): a new link_key revokes every
    # personal link, a new feed_key only the calendar feed's. Never shown or exported.
    link_key = models.CharField(max_length=32, default=link_key_new, editable=False)
    feed_key = models.CharField(max_length=32, default=link_key_new, editable=False)

    objects = MemberManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        if self.anonymised_at:
            return _("geanonimiseerd lid #%(pk)s") % {"pk": self.pk}
        return self.full_name or self.email or f"#{self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.infix, self.last_name) if part)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.first_name

    @property
    def is_current(self) -> bool:
        return self.status == MemberStatus.ACTIVE and self.anonymised_at is None

    @property
    def is_full_member(self) -> bool:
        return self.kind == MemberKind.MEMBER

    @cached_property
    def role_pairs(self) -> frozenset[tuple[str, int | None]]:
        # Hand-written: every page asks it (the navigation), and compiling the ORM query
        # cost more CPU than running it.
        with connection.cursor() as cursor:
            cursor.execute(_ROLE_PAIRS_SQL, [self.pk])
            return frozenset(cursor.fetchall())

    def has_role(self, role: str) -> bool:
        return any(held == role for held, _branch in self.role_pairs)

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or self.has_role(Role.ADMIN)

    @property
    def is_chair(self) -> bool:
        return self.has_role(Role.CHAIR)

    @property
    def organised_branch_ids(self) -> frozenset[int]:
        return frozenset(b for role, b in self.role_pairs if role == Role.ORGANISER)


class RoleAssignment(models.Model):
    """A role held by a member; an organiser's role is tied to one branch."""

    member = models.ForeignKey(Member, models.CASCADE, related_name="roles")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    branch = models.ForeignKey(
        Branch, models.CASCADE, null=True, blank=True, verbose_name=_("afdeling")
    )
    title = models.CharField(_("titel"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.UniqueConstraint(fields=["member", "role", "branch"], name="unique_branch_role"),
            models.UniqueConstraint(
                fields=["member", "role"],
                condition=Q(branch__isnull=True),
                name="unique_global_role",
            ),
            models.CheckConstraint(
                condition=Q(role=Role.ORGANISER, branch__isnull=False)
                | (~Q(role=Role.ORGANISER) & Q(branch__isnull=True)),
                name="organiser_role_has_branch",
            ),
        ]

    def __str__(self):
        return f"{self.member} – {self.get_role_display()}"


_ROLE_PAIRS_SQL = f"SELECT role, branch_id FROM {rows.table(RoleAssignment)} WHERE member_id = %s"
