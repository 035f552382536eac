"""Putting a service's ``ValidationError`` on the form that asked for the change."""

from django.core.exceptions import ValidationError


def form_add_errors(form, error: ValidationError) -> None:
    """Errors about a field of the form go on that field, every other one on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
