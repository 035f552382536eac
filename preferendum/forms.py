from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from preferendum.models import AnswerValue, Suggestion
from preferendum.results import DIMENSIONS


class AnswerForm(forms.Form):
    """One statement's answer; prefixed per statement so a whole page is one form."""

    use_required_attribute = False  # the page is one form: statements may be left open

    value = forms.TypedChoiceField(
        label=_("Jouw antwoord"),
        choices=AnswerValue.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een antwoord.")},
    )
    comment = forms.CharField(
        label=_("Toelichting (optioneel)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
    )

    def has_answer(self) -> bool:
        return bool(self.data.get(self.add_prefix("value")))


def answer_cleaned(data, prefix: str) -> dict | None:
    """`AnswerForm(data, prefix=prefix).cleaned_data` when that form is valid, else None.

    The same fields clean the same values, without building a form: a form deep-copies
    its fields, which was a tenth of the CPU of saving an answer (the hot path). Bind an
    AnswerForm only to show what is wrong. AnswerForm has no clean methods of its own.
    """
    cleaned = {}
    for name, field in AnswerForm.base_fields.items():
        raw = field.widget.value_from_datadict(data, {}, f"{prefix}-{name}")
        try:
            cleaned[name] = field.clean(raw)
        except ValidationError:
            return None
    return cleaned


def answer_choices(prefix: str, current) -> list[dict]:
    """The scale as plain data: the statement partial renders it without widget templates,
    and without a form at all when nothing needs an error shown (the hot path)."""
    name, current = f"{prefix}-value", str(current)
    # Strings, not numbers: the template would localize every number it prints.
    return [
        {
            "value": str(value),
            "label": label,
            "checked": str(value) == current,
            "id": f"id_{name}_{i}",
        }
        for i, (value, label) in enumerate(AnswerValue.choices)
    ]


class FollowUpForm(forms.Form):
    follow_up = forms.BooleanField(
        label=_("Ik wil hier graag verder over praten"),
        required=False,
        help_text=_(
            "Dan mogen organisatoren je uitnodigen voor een gesprek over dit onderwerp. "
            "Alleen zo wordt je naam aan deze ronde gekoppeld; je antwoorden blijven geheim."
        ),
    )


class SuggestionForm(forms.ModelForm):
    class Meta:
        model = Suggestion
        fields = ["text", "why"]
        labels = {"text": _("Jouw stelling"), "why": _("Waarom is dit belangrijk?")}
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}


class BreakdownForm(forms.Form):
    uitsplitsing = forms.ChoiceField(
        label=_("Uitsplitsen naar"),
        choices=[("", _("geen uitsplitsing")), *DIMENSIONS.items()],
        required=False,
    )


class ScheduleForm(forms.Form):
    opens_at = forms.DateTimeField(
        label=_("Opent op"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Sluit op"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, ik weet het zeker"),
        error_messages={"required": _("Vink aan dat je het zeker weet.")},
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Samenvoegen met"), queryset=Suggestion.objects.none(), empty_label=None
    )

    def __init__(self, *args, suggestion: Suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Suggestion.objects.exclude(pk=suggestion.pk).exclude(
            status=Suggestion.Status.MERGED
        )


class AcceptForm(forms.Form):
    text = forms.CharField(label=_("Tekst van de stelling"), max_length=300)


class CommentFilterForm(forms.Form):
    statement = forms.TypedChoiceField(
        label=_("Stelling"), coerce=int, required=False, empty_value=None
    )
    value = forms.TypedChoiceField(
        label=_("Antwoord"),
        choices=[("", _("alle antwoorden")), *AnswerValue.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].choices = [("", _("alle stellingen"))] + [
            (s.pk, f"{s.position}. {s.text}") for s in statements
        ]
