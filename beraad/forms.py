from django import forms
from django.utils.translation import gettext_lazy as _

from beraad.categories import category_values, value_label
from beraad.models import Call, CategoryKind, Document, Invitation, Panel, Session
from beraad.services.panels import EDITABLE_FIELDS
from members.models import Branch, Member, Province, Role, TraitCategory


class PanelForm(forms.ModelForm):
    """The settings; what the signed letter or the draws depend on is shown but locked."""

    class Meta:
        model = Panel
        fields = EDITABLE_FIELDS
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "draw_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "public_event_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in locked:
            if name in self.fields:
                self.fields[name].disabled = True


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik heb dit gecontroleerd en wil deze stap nu zetten."),
        error_messages={"required": _("Vink aan dat je deze stap wilt zetten.")},
    )


class DrawForm(ConfirmForm):
    seed = forms.CharField(
        label=_("Lotingsgetal (leeg: het platform kiest een willekeurig getal)"),
        max_length=100,
        required=False,
    )


class SeedForm(ConfirmForm):
    public_value = forms.CharField(
        label=_("Uitkomst van de aangekondigde publieke trekking"),
        max_length=200,
        help_text=_("Precies zoals gepubliceerd, bijvoorbeeld: 3 12 19 27 33 41"),
    )


class SecretWordForm(forms.Form):
    secret_word = forms.CharField(
        label=_("Je geheime woord"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class CategoryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kenmerk"), choices=CategoryKind.choices)
    trait = forms.ModelChoiceField(
        label=_("Extra kenmerk"),
        queryset=TraitCategory.objects.filter(is_active=True),
        required=False,
    )
    tolerance = forms.IntegerField(
        label=_("Speling rond het aandeel in de ledenlijst (%)"),
        min_value=0,
        max_value=100,
        initial=20,
    )

    def clean(self):
        data = super().clean()
        if (data.get("kind") == CategoryKind.TRAIT) != bool(data.get("trait")):
            raise forms.ValidationError(_("Kies een extra kenmerk alleen bij ‘extra kenmerk’."))
        return data


class QuotaForm(forms.Form):
    min = forms.IntegerField(label=_("minimum"), min_value=0)
    max = forms.IntegerField(label=_("maximum"), min_value=0)
    oversampling = forms.DecimalField(
        label=_("overbemonstering"), min_value=0.1, max_value=10, decimal_places=2
    )

    def clean(self):
        data = super().clean()
        if data.get("min", 0) > data.get("max", 0):
            raise forms.ValidationError(_("Het minimum is groter dan het maximum."))
        return data


class LetterForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst van de brief"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Gebruik {{ naam }} voor de naam en {{ link }} voor de persoonlijke link."),
    )


class SignerForm(forms.Form):
    chair = forms.ModelChoiceField(
        label=_("Voorzitter"), queryset=Member.objects.filter(roles__role=Role.CHAIR).distinct()
    )


class SignatureForm(ConfirmForm):
    """Name and title come from the account; the hidden hash pins the text the chair read."""

    text_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    image = forms.ImageField(
        label=_("Handtekening (PNG of JPEG, hoogstens 1 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    secret_word = forms.CharField(
        label=_("Geheim woord voor het lotingsgetal"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Minstens 8 tekens. Alleen de SHA-256 ervan wordt gepubliceerd; bewaar het woord "
            "goed: je maakt het bekend bij de loting en het bepaalt mee het lotingsgetal."
        ),
    )


class ResponseForm(forms.Form):
    """The invitee's answer; one select per panel category to confirm their traits."""

    answer = forms.ChoiceField(
        label=_("Doe je mee?"),
        choices=[("accept", _("Ja, ik meld me aan")), ("decline", _("Nee, ik doe niet mee"))],
        widget=forms.RadioSelect,
    )
    availability = forms.MultipleChoiceField(
        label=_("Bij welke bijeenkomsten kun je zijn?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability_note = forms.CharField(
        label=_("Opmerking over je beschikbaarheid"), max_length=500, required=False
    )
    consent = forms.BooleanField(
        label=_("Ik geef toestemming om deze gegevens te gebruiken voor de loting en het beraad."),
        required=False,
    )

    def __init__(self, *args, invitation, categories, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.category_keys = []
        for category in categories:
            name = f"category_{category.key}"
            self.fields[name] = forms.ChoiceField(
                label=category.label,
                choices=[(v, value_label(category, v)) for v in category_values(category)],
                initial=invitation.category_values.get(category.key),
            )
            self.category_keys.append((name, category.key))
        self.fields["availability"].choices = [(str(s.pk), str(s)) for s in sessions]
        if not sessions:
            del self.fields["availability"]

    def clean(self):
        data = super().clean()
        if data.get("answer") == "accept" and not data.get("consent"):
            self.add_error("consent", _("Zonder toestemming kun je niet meeloten."))
        return data

    def category_fields(self):
        return [self[name] for name, _key in self.category_keys]

    def category_values(self) -> dict[str, str]:
        return {key: self.cleaned_data[name] for name, key in self.category_keys}


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = ["outcome", "note"]


def _callers():
    return Member.objects.filter(roles__role=Role.CALLER, is_active=True).distinct()


class CallFilterForm(forms.Form):
    """Which invitees the call list shows; the caller filters are for the coordinator."""

    branch = forms.ModelChoiceField(
        label=_("Afdeling"), queryset=Branch.objects.all(), required=False
    )
    province = forms.ChoiceField(
        label=_("Provincie"), choices=[("", "---------"), *Province.choices], required=False
    )
    caller = forms.ModelChoiceField(label=_("Beller"), queryset=_callers(), required=False)
    unassigned = forms.BooleanField(label=_("Alleen nog niet verdeeld"), required=False)

    def __init__(self, *args, coordinator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caller"].queryset = _callers()
        if not coordinator:
            del self.fields["caller"], self.fields["unassigned"]

    def selection(self) -> dict:
        """The selector's filters; nothing (all) when the form is empty or wrong."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class CallAssignForm(forms.Form):
    invitations = forms.ModelMultipleChoiceField(
        queryset=Invitation.objects.none(),
        error_messages={"required": _("Kies eerst de genodigden die je wilt verdelen.")},
    )
    caller = forms.ModelChoiceField(
        label=_("Geef aan beller"),
        queryset=_callers(),
        required=False,
        empty_label=_("niemand (toewijzing weghalen)"),
    )

    def __init__(self, *args, invitations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitations"].queryset = invitations or Invitation.objects.none()
        self.fields["caller"].queryset = _callers()


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "location", "event_id"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class DocumentForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("Bestand"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, LibreOffice, PNG of JPEG."),
    )

    class Meta:
        model = Document
        fields = ["title", "file", "url", "panel_only"]


class MemberInputForm(forms.Form):
    text = forms.CharField(
        label=_("Je inbreng of vraag voor het panel"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Aanbeveling"), widget=forms.Textarea(attrs={"rows": 3}))
