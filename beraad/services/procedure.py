"""The announced procedure that makes the panel draw impossible to steer.

1. When the invitations go out, the panel page announces the date of the draw, the public
   random event whose value will be used (named, with its date and time, after registration
   closes) and the chairs' commitments: the SHA-256 of a secret word each chair gave when
   signing the letter.
2. When registration closes, the respondents (under fresh random pseudonyms) and the quotas
   are frozen as respondents.csv and categories.csv, and the SHA-256 of both files is
   published, before the public value exists.
3. After the event the admin enters its value and each chair reveals their word; a word that
   does not match its commitment, or a value entered before the event, is refused.

The seed is the SHA-256 (hex) of the UTF-8 text: the public value, then every revealed word
in the order of the announced commitments, each followed by one newline. So anyone can
recompute it with ``printf '%s\\n' VALUE WORD1 WORD2 | sha256sum``.
"""

import hashlib
import io
import secrets
import shlex
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from beraad.models import Invitation, LetterSignature, Panel, PanelState
from beraad.services.audit import audit_record
from beraad.services.panels import panel_require_state, panel_transition
from beraad.services.quotas import lottery_quota_rows
from shared import spreadsheet

MIN_SECRET_LENGTH = 8
ANNOUNCEMENT_FIELDS = ("draw_date", "public_source", "public_event_at")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def clean_secret(word: str) -> str:
    """A secret word or public value: one line, no surrounding spaces."""
    word = (word or "").strip()
    if "\n" in word or "\r" in word:
        raise ValidationError(_("Gebruik één regel, zonder regeleinde."))
    return word


def commitment_of(secret_word: str) -> str:
    """The SHA-256 a chair publishes when signing; refuses a word that is easy to guess."""
    word = clean_secret(secret_word)
    if len(word) < MIN_SECRET_LENGTH:
        raise ValidationError(
            _("Kies een geheim woord van minstens %(n)s tekens.") % {"n": MIN_SECRET_LENGTH}
        )
    return sha256_hex(word)


def signature_commit(*, signature: LetterSignature, secret_word: str) -> LetterSignature:
    """Store the commitment on a signature being made (called by letter_sign)."""
    signature.commitment = commitment_of(secret_word)
    return signature


def _signatures(panel: Panel):
    letter = getattr(panel, "letter", None)
    if letter is None:
        return LetterSignature.objects.none()
    return LetterSignature.objects.filter(
        letter=letter, voided_at__isnull=True, text_hash=letter.text_hash
    ).order_by("signed_at", "pk")


def commitments(panel: Panel) -> list[LetterSignature]:
    """The valid signatures of the sent letter that carry a commitment, in signing order:
    the announced commitments, whose reveals form the seed in this order."""
    return list(_signatures(panel).exclude(commitment=""))


def announcement_problems(panel: Panel, *, with_commitments: bool = True) -> list[str]:
    """Why the draw cannot be announced yet ([] when it can). A new announcement after
    sending (a new public event) cannot ask for commitments: the signatures are final."""
    problems = []
    if not all(getattr(panel, name) for name in ANNOUNCEMENT_FIELDS):
        problems.append(
            _(
                "Vul bij de instellingen de datum van de loting en de publieke trekking "
                "(naam, datum en tijd) in: die worden met de uitnodigingen aangekondigd."
            )
        )
    elif panel.public_event_at <= timezone.now():
        problems.append(_("De publieke trekking moet na het sluiten van de aanmelding zijn."))
    elif panel.draw_date < timezone.localdate(panel.public_event_at):
        problems.append(_("De loting kan niet vóór de publieke trekking zijn."))
    if with_commitments and _signatures(panel).filter(commitment="").exists():
        problems.append(
            _("Een voorzitter tekende zonder geheim woord; laat de brief opnieuw tekenen.")
        )
    return problems


def panel_announce_draw(*, panel: Panel, actor, again: bool = False) -> Panel:
    """Publish the procedure with the invitations (called by panel_send_invitations), or
    again with a new public event while registration is open (called by panel_update)."""
    if problems := announcement_problems(panel, with_commitments=not again):
        raise ValidationError(problems)
    panel.draw_announced_at = timezone.now()
    panel.save(update_fields=["draw_announced_at"])
    audit_record(panel=panel, actor=actor, action="draw_announced", details=announcement(panel))
    return panel


def announcement(panel: Panel) -> dict:
    return {
        "draw_date": panel.draw_date.isoformat(),
        "public_source": panel.public_source,
        "public_event_at": panel.public_event_at.isoformat(),
        "commitments": [[s.name, s.commitment] for s in commitments(panel)],
    }


def _csv_text(header: list[str], rows) -> str:
    buffer = io.StringIO()
    writer = spreadsheet.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def respondents_csv(people: list, quotas: list) -> str:
    """respondents.csv: pseudonym, one column per category, household where it matters."""
    keys = list(dict.fromkeys(row[0] for row in quotas))
    rows = [[pid, *(values.get(key, "") for key in keys), hh] for pid, values, hh in people]
    return _csv_text(["id", *keys, "household"], rows)


def categories_csv(quotas: list) -> str:
    return _csv_text(["category", "feature", "min", "max"], quotas)


def _new_pseudonyms(panel: Panel, count: int) -> list[str]:
    taken = set(panel.invitations.values_list("pseudonym", flat=True))
    fresh: set[str] = set()
    while len(fresh) < count:
        candidate = secrets.token_hex(5)
        if candidate not in taken:
            fresh.add(candidate)
    return sorted(fresh)


def _household_labels(invitations: list[Invitation]) -> dict[str, str]:
    """A random label for each household that two or more respondents share; none else."""
    shared = [
        h for h, n in Counter(i.household for i in invitations if i.household).items() if n > 1
    ]
    return {h: f"h{secrets.token_hex(3)}" for h in shared}


def _freeze(panel: Panel) -> dict:
    invitations = list(
        panel.invitations.filter(status=Invitation.Status.ACCEPTED, consent_at__isnull=False)
    )
    for invitation, pseudonym in zip(
        invitations, _new_pseudonyms(panel, len(invitations)), strict=True
    ):
        invitation.pseudonym = pseudonym
    Invitation.objects.bulk_update(invitations, ["pseudonym"])
    labels = _household_labels(invitations)
    people = sorted(
        [i.pseudonym, i.category_values, labels.get(i.household, "")] for i in invitations
    )
    quotas = lottery_quota_rows(panel)
    respondents, categories = respondents_csv(people, quotas), categories_csv(quotas)
    return {
        "people": people,
        "quotas": quotas,
        "panel_size": panel.panel_size,
        "reserve_count": panel.reserve_size,
        "respondents_csv": respondents,
        "categories_csv": categories,
        "respondents_sha256": sha256_hex(respondents),
        "categories_sha256": sha256_hex(categories),
    }


@transaction.atomic
def panel_close_registration(*, panel: Panel, actor) -> Panel:
    """Close registration and freeze respondents and quotas, before the public value exists."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    panel_require_state(panel, PanelState.INVITATIONS_SENT)
    if panel.public_event_at and panel.public_event_at <= timezone.now():
        raise ValidationError(
            _(
                "De aangekondigde publieke trekking is al geweest: sluit de aanmelding vóór "
                "de trekking, of kondig bij de instellingen een nieuwe trekking aan."
            )
        )
    counts = {
        status: panel.invitations.filter(status=status).count()
        for status in ("invited", "accepted", "declined")
    }
    panel.frozen, panel.frozen_at = _freeze(panel), timezone.now()
    hashes = {k: panel.frozen[k] for k in ("respondents_sha256", "categories_sha256")}
    return panel_transition(
        panel=panel,
        actor=actor,
        to=PanelState.REGISTRATION_CLOSED,
        details={**counts, **hashes},
        inputs=hashes,
        fields=["frozen", "frozen_at"],
    )


@transaction.atomic
def signature_reveal(*, panel: Panel, chair, secret_word: str) -> LetterSignature:
    """A chair reveals the word behind their commitment; a word that does not match is refused."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    panel_require_state(panel, PanelState.REGISTRATION_CLOSED)
    signature = next((s for s in commitments(panel) if s.chair_id == chair.pk), None)
    if signature is None or not signature.commitment:
        raise ValidationError(_("Je hebt voor deze loting geen geheim woord vastgelegd."))
    if signature.reveal:
        raise ValidationError(_("Je hebt je geheime woord al onthuld."))
    word = clean_secret(secret_word)
    if sha256_hex(word) != signature.commitment:
        raise ValidationError(
            _("Dit woord past niet bij de SHA-256 die je bij het ondertekenen hebt gepubliceerd.")
        )
    signature.reveal, signature.revealed_at = word, timezone.now()
    signature.save(update_fields=["reveal", "revealed_at"])
    details = {"name": signature.name, "commitment": signature.commitment, "reveal": word}
    audit_record(panel=panel, actor=chair, action="secret_revealed", details=details)
    return signature


def seed_from(public_value: str, reveals: list[str]) -> str:
    return sha256_hex("".join(f"{part}\n" for part in [public_value, *reveals]))


def seed_command(public_value: str, reveals: list[str]) -> str:
    """The shell command that recomputes the seed, quoted so that it runs as printed."""
    parts = " ".join(shlex.quote(part) for part in [public_value, *reveals])
    return f"printf '%s\\n' {parts} | sha256sum"


def _event(panel: Panel) -> str:
    return date_format(timezone.localtime(panel.public_event_at), "DATETIME_FORMAT")


def seed_problems(panel: Panel, *, public_value: str, at) -> list[str]:
    """Every way the seed would break the announced procedure ([] when it follows it)."""
    if not (panel.draw_announced_at and panel.public_event_at and panel.frozen_at):
        return [_("De loting is niet volgens de procedure aangekondigd en vastgelegd.")]
    problems = []
    if panel.frozen_at >= panel.public_event_at:
        problems.append(_("De invoer is pas na de publieke trekking vastgelegd."))
    if at < panel.public_event_at:
        problems.append(
            _("De publieke trekking van %(at)s is nog niet geweest.") % {"at": _event(panel)}
        )
    if not public_value:
        problems.append(_("Vul de uitkomst van de publieke trekking in."))
    for signature in commitments(panel):
        if not signature.reveal:
            problems.append(
                _("%(name)s heeft het geheime woord nog niet onthuld.") % {"name": signature.name}
            )
        elif sha256_hex(signature.reveal) != signature.commitment:
            problems.append(
                _("Het woord van %(name)s past niet bij de aangekondigde SHA-256.")
                % {"name": signature.name}
            )
    return problems


def reveals(panel: Panel) -> list[str]:
    return [s.reveal for s in commitments(panel)]


@transaction.atomic
def panel_fix_seed(*, panel: Panel, actor, public_value: str) -> Panel:
    """Enter the public value after its event; the seed follows from it and the reveals."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    panel_require_state(panel, PanelState.REGISTRATION_CLOSED)
    if panel.seed_fixed_at:
        raise ValidationError(_("Het lotingsgetal is al vastgelegd."))
    value, now = clean_secret(public_value), timezone.now()
    if problems := seed_problems(panel, public_value=value, at=now):
        raise ValidationError(problems)
    panel.public_value, panel.public_value_at = value, now
    panel.seed, panel.seed_fixed_at = seed_from(value, reveals(panel)), now
    panel.full_clean()
    panel.save(update_fields=["public_value", "public_value_at", "seed", "seed_fixed_at"])
    details = {"public_value": value, "reveals": reveals(panel), "seed": panel.seed}
    audit_record(panel=panel, actor=actor, action="seed_fixed", details=details)
    return panel


def selection_problems(panel: Panel) -> list[str]:
    """The draw's own check: the stored seed must still follow the announced procedure."""
    if not panel.seed_fixed_at:
        return [_("Leg eerst het lotingsgetal vast volgens de aangekondigde procedure.")]
    problems = seed_problems(panel, public_value=panel.public_value, at=panel.public_value_at)
    if not problems and panel.seed != seed_from(panel.public_value, reveals(panel)):
        problems.append(_("Het lotingsgetal volgt niet uit de publieke waarde en de woorden."))
    return problems + frozen_problems(panel)


def frozen_problems(panel: Panel) -> list[str]:
    """The frozen inputs must still give the files whose SHA-256 the log published."""
    entry = panel.audit_entries.filter(action=PanelState.REGISTRATION_CLOSED).last()
    published = entry.details if entry else {}
    frozen = panel.frozen
    people, quotas = frozen.get("people", []), frozen.get("quotas", [])
    problems = []
    files = [
        (respondents_csv(people, quotas), "respondents_csv", "respondents_sha256"),
        (categories_csv(quotas), "categories_csv", "categories_sha256"),
    ]
    for text, stored, key in files:
        if not (sha256_hex(text) == sha256_hex(frozen.get(stored, "")) == published.get(key)):
            problems.append(
                _("De vastgelegde invoer past niet meer bij de gepubliceerde SHA-256 (%(file)s).")
                % {"file": stored.replace("_", ".")}
            )
    if frozen.get("panel_size") != panel.panel_size:
        problems.append(_("De omvang van het panel is na het vastleggen gewijzigd."))
    return problems
