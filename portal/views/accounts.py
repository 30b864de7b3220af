"""Sign-in, sign-out and password pages (public: outside /manage/)."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


def login_locked_out(request, credentials=None, *args, **kwargs):
    """What django-axes shows after too many failed sign-ins: the form again, with the reason."""
    if getattr(request, "axes_address_locked", False):
        # One address failed with many usernames (accounts.throttling).
        message = _(
            "Too many failed sign-in attempts from your network address. For your security, "
            "sign-in from it is paused: try again in 15 minutes."
        )
    else:
        message = _(
            "Too many failed sign-in attempts for this account. For your security, sign-in is "
            "paused: try again in 15 minutes or ask an administrator to unlock the account."
        )
    return render(
        request,
        "registration/login.html",
        {"form": LoginForm(request), "locked_out_message": message},
        status=429,
    )


password_change = auth_views.PasswordChangeView.as_view(
    success_url=reverse_lazy("password_change_done")
)
