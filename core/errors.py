"""The one error contract of the services.

A service refuses a change by raising `ServiceError` with messages written for the user (and,
when one form field is at fault, its name); the interfaces show those messages next to the form
or at the top of the page. `NotAllowed` means the user may not do this; `Stale` means someone
saved the object since the form was read, and nothing was written.
"""


class ServiceError(Exception):
    """A refused change: `messages` say why, for the user; `field` names the form field at fault."""

    def __init__(self, *messages, field=None):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]
        self.field = field


class NotAllowed(ServiceError):
    """The user may not make this change (their role, scope or the object's state)."""


class Stale(ServiceError):
    """The object changed since the form was read; nothing was saved."""


class FileRejected(ServiceError):
    """An uploaded file refused for what it contains (not a photo, too large, not a PDF)."""


def require(user, perm, obj, message):
    """Raise NotAllowed(`message`) unless `user` has the object permission `perm` on `obj`."""
    if not user.has_perm(perm, obj):
        raise NotAllowed(message)
