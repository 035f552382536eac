from django import forms
from django.core.exceptions import ValidationError

from shared.forms import form_add_errors


class _Form(forms.Form):
    title = forms.CharField()


def _bound():
    form = _Form({"title": "x"})
    form.is_valid()
    return form


def test_an_error_about_a_field_goes_on_that_field():
    form = _bound()
    form_add_errors(form, ValidationError({"title": "Te kort."}))
    assert form.errors == {"title": ["Te kort."]}


def test_an_error_about_no_field_of_the_form_goes_on_the_form():
    form = _bound()
    form_add_errors(form, ValidationError({"closes_at": "Te vroeg."}))
    assert form.non_field_errors() == ["Te vroeg."]


def test_a_plain_error_goes_on_the_form():
    form = _bound()
    form_add_errors(form, ValidationError(["Eerst publiceren.", "Dan sluiten."]))
    assert form.non_field_errors() == ["Eerst publiceren.", "Dan sluiten."]


def test_a_plain_error_goes_on_the_field_the_caller_names():
    form = _bound()
    form_add_errors(form, ValidationError("Komt niet overeen."), field="title")
    assert form.errors == {"title": ["Komt niet overeen."]}


def test_an_error_about_another_field_goes_on_the_field_the_caller_names():
    form = _bound()
    form_add_errors(form, ValidationError({"commitment": "Al onthuld."}), field="title")
    assert form.errors == {"title": ["Al onthuld."]}
