from django import forms
from django.utils.translation import gettext_lazy as _

from ledendemocratie.feedback.models import Feedback, FeedbackItem, Outcome


class ProcessChoiceForm(forms.Form):
    process = forms.ChoiceField(label=_("Afgesloten proces"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = choices

    def process_key(self) -> tuple[str, int]:
        kind, process_id = self.cleaned_data["process"].split(":")
        return kind, int(process_id)


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["summary", "decision", "reasoning", "is_public"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields[:3]}


class FeedbackItemForm(forms.ModelForm):
    class Meta:
        model = FeedbackItem
        fields = ["outcome", "reason", "review_date", "is_public"]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 2}),
            "review_date": forms.DateInput(attrs={"type": "date"}),
        }


FeedbackItemFormSet = forms.modelformset_factory(
    FeedbackItem, form=FeedbackItemForm, extra=0, can_delete=False
)


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Ik weet dat publiceren niet terug te draaien is en iedereen die meedeed mail krijgt."
        )
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(label=_("Correctie"), widget=forms.Textarea(attrs={"rows": 3}))
    item = forms.ModelChoiceField(
        FeedbackItem.objects.none(), label=_("Over stelling of aanbeveling"), required=False
    )
    outcome = forms.ChoiceField(
        label=_("Nieuwe uitkomst"), choices=[("", "–"), *Outcome.choices], required=False
    )
    review_date = forms.DateField(
        label=_("Opnieuw bekijken op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, feedback: Feedback, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = feedback.items.all()

    def clean(self):
        data = super().clean()
        if data.get("outcome") and not data.get("item"):
            self.add_error("item", _("Kies bij welke stelling of aanbeveling de uitkomst hoort."))
        return data


class CarryForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst van de nieuwe stelling"), widget=forms.Textarea(attrs={"rows": 3})
    )
    explanation = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("Ja, maak hier een nieuwe conceptstelling van."))
