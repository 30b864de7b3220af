"""Responses shared by the staff views."""

from django.http import HttpResponse
from django.shortcuts import redirect


def redirect_after_save(request, obj):
    """Go to `obj`'s page after a save: a plain redirect, or for an htmx request an HX-Redirect
    (htmx would otherwise swap the next page into the editor)."""
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = obj.get_absolute_url()
        return response
    return redirect(obj)
