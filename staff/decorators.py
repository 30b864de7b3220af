from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def staff_area_required(view):
    """Signed in and holding at least one active role; anonymous visitors go to the sign-in page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("accounts.use_staff_area"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
