"""Putting a service's ``ValidationError`` on the form that asked for the change."""

from django.core.exceptions import ValidationError


def form_add_errors(form, error: ValidationError, *, field: str | None = None) -> None:
    """Errors about a field of the form go on that field; every other one goes on `field`
    when the caller names the one field the service judged (a single-field form), else on
    the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, error)
