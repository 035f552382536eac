from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.models import Branch, MailKind, Member, TraitOption
from members.models.outbox import ESSENTIAL_MAIL_KINDS
from members.services.importing import COLUMNS
from members.services.importing.reading import detect_delimiter

MAX_IMPORT_BYTES = 100 * 1024 * 1024  # a 150,000-member export is about 20 MB
IMPORT_EXTENSIONS = (".csv", ".txt")


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("Export van de ledenadministratie (CSV)"),
        help_text=format_lazy(_("Eerste regel: {header}"), header=";".join(COLUMNS)),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )
    full = forms.BooleanField(
        label=_("Volledige export: wie niet in het bestand staat, wordt oud-lid"),
        required=False,
    )
    dry_run = forms.BooleanField(label=_("Alleen controleren (proefdraai)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(_("Kies een CSV-bestand (.csv of .txt)."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 100 MB."))
        _check_header(upload)
        return upload


def _check_header(upload) -> None:
    """Refuse binary files (a spreadsheet saved as .xlsx) and a wrong first line early."""
    upload.seek(0)
    start = upload.read(4096)
    upload.seek(0)
    if b"\0" in start:
        raise forms.ValidationError(_("Dit is geen tekstbestand. Sla de export op als CSV."))
    first_line = start.decode("utf-8-sig", errors="replace").splitlines()[0] if start else ""
    names = {name.strip().lower() for name in first_line.split(detect_delimiter(first_line))}
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise forms.ValidationError(
            _("De eerste regel mist de kolom(men): %(missing)s") % {"missing": ", ".join(missing)}
        )


class LanguageForm(forms.Form):
    """The language of the e-mail a member gets."""

    language = forms.ChoiceField(choices=Member._meta.get_field("language").choices)


class PreferenceForm(forms.Form):
    """Switch one kind of optional mail on or off."""

    kind = forms.ChoiceField(choices=[])
    wanted = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind, label) for kind, label in MailKind.choices if kind not in ESSENTIAL_MAIL_KINDS
        ]


class TraitAnswerForm(forms.Form):
    option = forms.ModelChoiceField(queryset=TraitOption.objects.none(), widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming om dit antwoord te bewaren en te gebruiken "
            "voor eerlijke lotingen en uitsplitsingen."
        ),
        error_messages={"required": _("Zonder je toestemming bewaren we dit antwoord niet.")},
    )

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = category.options.all()
        self.fields["option"].label = category.question
        self.fields["option"].error_messages["required"] = _("Kies een antwoord.")


class LinksRevokeForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat al mijn persoonlijke links in eerdere e-mails niet meer werken."),
        error_messages={"required": _("Vink aan dat je dit begrijpt.")},
    )


class DeletionRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Ik begrijp dat mijn gegevens worden gewist en dat ik daarna niet meer kan inloggen."
        ),
        error_messages={"required": _("Vink aan dat je dit begrijpt.")},
    )


class SupporterSignupForm(forms.Form):
    """Extra fields of allauth's sign-up (ACCOUNT_SIGNUP_FORM_CLASS); only supporters sign up."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    infix = forms.CharField(label=_("Tussenvoegsel"), max_length=30, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    branch = forms.ModelChoiceField(
        label=_("Afdeling (waar je woont)"),
        queryset=Branch.objects.all(),
        required=False,
        empty_label=_("– kies je afdeling –"),
    )
    field_order = ["email", "first_name", "infix", "last_name", "branch"]

    def signup(self, request, user):
        for name in ("first_name", "infix", "last_name", "branch"):
            setattr(user, name, self.cleaned_data[name])
        user.save(update_fields=["first_name", "infix", "last_name", "branch"])
