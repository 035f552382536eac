import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from events.models import Attendance, Event, EventType, Table
from events.services.invitations import SCOPE_BRANCH, SCOPE_PROVINCE
from events.topics import topic_choices
from members.models import Province

GUEST_FORM_SALT = "events.guest-form"
GUEST_FORM_MIN_SECONDS = 3
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventFilterForm(forms.Form):
    mine = forms.BooleanField(label=_("Mijn afdeling"), required=False)
    province = forms.ChoiceField(
        label=_("Provincie"), required=False, choices=[("", _("Alle"))] + Province.choices
    )
    event_type = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle"))] + EventType.choices
    )
    online = forms.BooleanField(label=_("Alleen online"), required=False)
    period = forms.ChoiceField(
        label=_("Periode"),
        required=False,
        choices=[
            ("", _("Alles")),
            ("week", _("Komende week")),
            ("maand", _("Komende maand")),
            ("kwartaal", _("Komende drie maanden")),
        ],
    )


class EventForm(forms.ModelForm):
    meeting_link = forms.URLField(
        label=_("Link naar de online bijeenkomst"),
        required=False,
        assume_scheme="https",
        help_text=_("Alleen zichtbaar voor wie is aangemeld."),
    )
    topic = forms.ChoiceField(label=_("Gaat over"), required=False)

    class Meta:
        model = Event
        fields = [
            "branch",
            "title",
            "event_type",
            "description",
            "starts_at",
            "ends_at",
            "format",
            "address",
            "meeting_link",
            "capacity",
            "audience",
            "partners",
            "feedback_promised",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "partners": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, branches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = branches
        self.fields["topic"].choices = [("", _("Geen"))] + topic_choices()
        if self.instance.topic_kind:
            self.initial["topic"] = f"{self.instance.topic_kind}:{self.instance.topic_id}"

    def service_fields(self) -> dict:
        """The cleaned values as keyword arguments for event_create / event_update."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        kind, _sep, pk = (self.cleaned_data.get("topic") or "").partition(":")
        data["topic_kind"], data["topic_id"] = kind, int(pk) if pk else None
        return data


class RegisterForm(forms.Form):
    agreed_to_moderate = forms.BooleanField(
        label=_("Ik wil gespreksleider zijn aan een van de tafels"), required=False
    )


def guest_form_started(now: float | None = None) -> str:
    return signing.dumps(now or time.time(), salt=GUEST_FORM_SALT)


class GuestForm(forms.Form):
    """A guest's registration. Spam is held off by a hidden field that people leave empty,
    a signed start time (bots submit at once) and, in the view, a limit per IP address."""

    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Dit veld moet leeg blijven."))
        return ""

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=GUEST_FORM_SALT)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("Laad de pagina opnieuw en probeer het nog eens.")
            ) from error
        if time.time() - float(started) < GUEST_FORM_MIN_SECONDS:
            raise forms.ValidationError(_("Dat ging wel erg snel. Probeer het nog eens."))
        return started


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Ja, ik weet het zeker"))


class AttendanceForm(forms.Form):
    """Attended / no-show per confirmed registration; fields are named r<registration id>."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        for registration in registrations:
            self.fields[f"r{registration.pk}"] = forms.ChoiceField(
                label=registration.name,
                choices=Attendance.choices,
                required=False,
                initial=registration.attendance,
                widget=forms.RadioSelect,
            )

    def by_registration(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Verslag: wat kwam er ter sprake?"), widget=forms.Textarea, required=False
    )


class NotesForm(forms.Form):
    heading = forms.CharField(label=_("Kop (in één zin)"), max_length=200)
    text = forms.CharField(label=_("Notities"), widget=forms.Textarea)


class InviteForm(forms.Form):
    round_id = forms.TypedChoiceField(label=_("Preferendumronde"), coerce=int)
    scope = forms.ChoiceField(
        label=_("Wie"),
        choices=[
            (SCOPE_BRANCH, _("Leden van deze afdeling")),
            (SCOPE_PROVINCE, _("Leden in deze provincie")),
        ],
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round_id"].choices = [(r.id, r.title) for r in rounds]


class SplitForm(forms.Form):
    table_size = forms.IntegerField(
        label=_("Mensen per tafel (naast de gespreksleider)"), min_value=2, max_value=12, initial=6
    )


class SeatForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput)
    table = forms.ModelChoiceField(label=_("Naar tafel"), queryset=Table.objects.none())

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = event.tables.all()
        self.fields["table"].label_from_instance = lambda table: (
            _("Tafel %(n)s") % {"n": table.number}
        )


class ModeratorForm(forms.Form):
    table = forms.IntegerField(widget=forms.HiddenInput)
    moderator = forms.TypedChoiceField(
        label=_("Gespreksleider"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, candidates: list, **kwargs):
        """candidates: the members who agreed to moderate, read once for all tables."""
        super().__init__(*args, **kwargs)
        choices = [(member.pk, member.full_name or member.email) for member in candidates]
        self.fields["moderator"].choices = [("", _("Nog niemand"))] + choices
