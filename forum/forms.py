from django import forms
from django.utils.translation import gettext_lazy as _

from forum.models import CONTRIBUTION_MAX, STATEMENT_MAX, Conversation
from members.models import Branch

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConversationForm(forms.ModelForm):
    moderator_emails = forms.CharField(
        label=_("Gespreksleiders (e-mailadressen, één per regel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Conversation
        fields = [
            "title",
            "introduction",
            "background",
            "opens_at",
            "closes_at",
            "audience",
            "province",
            "branch",
            "experts_in_map",
        ]
        widgets = {"opens_at": DATETIME_WIDGET, "closes_at": DATETIME_WIDGET}

    def __init__(self, *args, branches=None, **kwargs):
        super().__init__(*args, **kwargs)
        if branches is not None:
            self.fields["branch"].queryset = branches
        else:
            self.fields["branch"].queryset = Branch.objects.all()

    def moderator_email_list(self) -> list[str]:
        text = self.cleaned_data.get("moderator_emails", "")
        return [line.strip().lower() for line in text.splitlines() if line.strip()]


class ContributionForm(forms.Form):
    text = forms.CharField(
        label=_("Je bijdrage"),
        max_length=CONTRIBUTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": CONTRIBUTION_MAX}),
        help_text=_("Gewone tekst; links worden klikbaar. Hoogstens 2.000 tekens."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    despite_warning = forms.BooleanField(
        label=_("Toch plaatsen"), required=False, widget=forms.HiddenInput
    )


class EditForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst"),
        max_length=CONTRIBUTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": CONTRIBUTION_MAX}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=300)


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Waarom moet je bijdrage terug?"),
        max_length=CONTRIBUTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AppealDecisionForm(forms.Form):
    uphold = forms.TypedChoiceField(
        label=_("Besluit"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Bezwaar toekennen: terugzetten")), ("0", _("Bezwaar afwijzen"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Nieuwe stelling"),
        max_length=STATEMENT_MAX,
        widget=forms.TextInput(attrs={"maxlength": STATEMENT_MAX}),
        help_text=_("Kort en over één ding: hoogstens 140 tekens."),
    )


class VoteForm(forms.Form):
    value = forms.TypedChoiceField(
        coerce=int, choices=[("1", _("eens")), ("-1", _("oneens")), ("0", _("overslaan"))]
    )


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    organisation = forms.CharField(label=_("Organisatie"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Wat er naar voren kwam"), widget=forms.Textarea(attrs={"rows": 6})
    )
    disagreements = forms.CharField(
        label=_("Waar we het (nog) niet over eens zijn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CarryForm(forms.Form):
    text = forms.CharField(label=_("Stelling"), max_length=300)
    target = forms.ChoiceField(
        label=_("Waarheen"),
        choices=[
            ("round", _("Als conceptstelling in een preferendumronde")),
            ("panel", _("Als inbreng voor een ledenberaad")),
        ],
    )
    panel = forms.TypedChoiceField(label=_("Beraad"), coerce=int, required=False, choices=[])

    def __init__(self, *args, panels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].choices = [("", "—")] + [(p.pk, p.title) for p in panels]


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, Word, Excel, PowerPoint, LibreOffice, PNG of JPEG."),
    )
