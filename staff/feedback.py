"""How the staff pages show a refused change (core.errors.ServiceError): as page messages, or
next to the form field at fault."""

from django.contrib import messages

from core.errors import Stale


def show_error(request, error):
    """Each message of `error` as an error message at the top of the next page. An edit conflict
    (`Stale`) is tagged "stale", so the message offers to load the saved version."""
    extra_tags = "stale" if isinstance(error, Stale) else ""
    for message in error.messages:
        messages.error(request, message, extra_tags=extra_tags)


def form_add_error(form, error, *, field=None):
    """Each message of `error` on `form`: next to `field`, else the field the error names when
    the form has it, else at the top of the form."""
    target = field or (error.field if error.field in form.fields else None)
    for message in error.messages:
        form.add_error(target, message)


def form_error_messages(form):
    """Every error of a bound, invalid form, as a flat list of messages."""
    return [message for errors in form.errors.values() for message in errors]


def show_form_errors(request, form):
    """Each error of an invalid form as an error message at the top of the next page."""
    for message in form_error_messages(form):
        messages.error(request, message)
