"""The staff home page: what waits for the signed-in user, and the festivals of their scope."""

from django.shortcuts import render

from accounts.selectors import units_for_user, user_scope
from events.selectors import festival_dashboard
from staff.decorators import staff_area_required


@staff_area_required
def dashboard(request):
    scope = user_scope(request.user)
    return render(
        request,
        "staff/dashboard.html",
        {
            "scope": scope,
            "festivals": festival_dashboard(request.user),
            "unit_count": units_for_user(request.user).current().count(),
        },
    )
