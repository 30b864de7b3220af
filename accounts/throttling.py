"""Sign-in throttling (django-axes) on two counts: a username tried from one address is paused
after AXES_FAILURE_LIMIT failures, and an address is paused after AXES_ADDRESS_FAILURE_LIMIT
failures whatever usernames it tried (one machine guessing many accounts).

django-axes compares one failure count with one limit, so the handler below gives it the larger
of the two counts on the pair's scale: the address's count reaches the pair's limit exactly
when it reaches its own. A successful sign-in forgives only the failures of that username from
that address, never the address's failures with other usernames.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def _failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottleHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS must be [["username", "ip_address"], "ip_address"]."""

    def get_failures(self, request, credentials=None):
        pair, address = self.get_user_attempts(request, credentials)
        failures = _failures(pair)
        if _failures(address) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # Read by the lockout page, to say that the address (not the account) is paused.
            request.axes_address_locked = True
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures

    def reset_user_attempts(self, request, credentials=None):
        pair, _address = self.filter_user_attempts(request, credentials)
        count, _by_model = pair.delete()
        return count
