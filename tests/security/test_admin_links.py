"""A link typed without a scheme in the admin site becomes https, never plain http."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def _link_fields(admin_member):
    request = RequestFactory().get("/beheer/")
    request.user = admin_member
    for model, model_admin in admin.site._registry.items():
        form_classes = [model_admin.get_form(request)]
        form_classes += [
            formset.form for formset, _ in model_admin.get_formsets_with_inlines(request)
        ]
        for form_class in form_classes:
            for name, field in form_class.base_fields.items():
                if isinstance(field, forms.URLField):
                    yield f"{model.__name__}.{name}", field


def test_every_admin_link_field_assumes_https(admin_member):
    fields = dict(_link_fields(admin_member))
    assert fields, "no admin form has a link field: the check below checks nothing"
    assert {name: field.assume_scheme for name, field in fields.items()} == dict.fromkeys(
        fields, "https"
    )
