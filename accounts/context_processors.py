from accounts.selectors import user_scope


def roles(request):
    """The signed-in user's scope, for the navigation (no query for anonymous visitors)."""
    user = getattr(request, "user", None)
    return {"user_scope": user_scope(user) if user is not None else None}
