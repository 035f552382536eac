"""The ballot form, built from the vote's items, and the committee's share form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from votes.models import BallotItem, ItemKind, Method
from votes.services.casting import MOTION_ANSWERS

MOTION_LABELS = dict(zip(MOTION_ANSWERS, (_("voor"), _("tegen"), _("blanco")), strict=True))


def _rank_field(item, n: int, name: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=name,
        required=False,
        min_value=1,
        max_value=len(item.option_list),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "rank"}),
    )


class BallotForm(forms.Form):
    """One field per motion or choice, one number field per candidate of a ranking."""

    def __init__(self, *args, items: list[BallotItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in self.items:
            name = f"item-{item.pk}"
            if item.kind == ItemKind.MOTION:
                choices = list(MOTION_LABELS.items())
                self.fields[name] = forms.ChoiceField(
                    label=item.title, choices=choices, widget=forms.RadioSelect
                )
            elif item.method == Method.SINGLE:
                choices = [(o, o) for o in item.option_list] + [("", _("blanco"))]
                self.fields[name] = forms.ChoiceField(
                    label=item.title, choices=choices, widget=forms.RadioSelect, required=False
                )
            elif item.method == Method.APPROVAL:
                self.fields[name] = forms.MultipleChoiceField(
                    label=item.title,
                    choices=[(o, o) for o in item.option_list],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            else:
                for n, option in enumerate(item.option_list):
                    self.fields[f"{name}-{n}"] = _rank_field(item, n, option)

    def item_rows(self):
        """(item, [bound fields]) per item, for the template."""
        return [
            (
                item,
                [
                    f
                    for f in self
                    if f.name == f"item-{item.pk}" or f.name.startswith(f"item-{item.pk}-")
                ],
            )
            for item in self.items
        ]

    def answers(self) -> dict[int, object]:
        """{item pk: raw answer}, rankings as {candidate: number or None}."""
        data = self.cleaned_data
        result = {}
        for item in self.items:
            name = f"item-{item.pk}"
            if name in data:
                result[item.pk] = data[name]
            else:
                options = item.option_list
                result[item.pk] = {o: data.get(f"{name}-{n}") for n, o in enumerate(options)}
        return result


class ShareForm(forms.Form):
    first = forms.CharField(label=_("Sleuteldeel van het eerste lid"), max_length=100)
    second = forms.CharField(label=_("Sleuteldeel van het tweede lid"), max_length=100)
