from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not correct. Both are case-sensitive; after five failed "
            "attempts sign-in is paused for a while."
        ),
        "inactive": _("This account is disabled. Ask an administrator."),
    }
