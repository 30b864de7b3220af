"""Who may see what: the one place that answers "which units are in this user's scope"."""

from dataclasses import dataclass, field

from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from units.models import AdministrativeUnit, UnitScope


@dataclass(frozen=True)
class UserScope:
    everything: bool = False
    root_unit_ids: tuple[int, ...] = ()
    roles: frozenset = field(default_factory=frozenset)
    assignments: tuple = ()

    @property
    def is_staff_member(self):
        return bool(self.roles)

    def has_role(self, role):
        return role in self.roles


_EMPTY = UserScope()


def user_scope(user):
    """The user's active roles and the units they are held for, cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _EMPTY
    cached = getattr(user, "_antq_scope", None)
    if cached is not None:
        return cached
    assignments = tuple(
        user.role_assignments.active_on(timezone.localdate()).select_related("unit")
    )
    roles = frozenset(Role(a.role) for a in assignments)
    everything = user.is_superuser or Role.ADMINISTRATOR in roles
    roots = tuple(sorted({a.unit_id for a in assignments if a.unit_id}))
    if user.is_superuser:
        roles = roles | {Role.ADMINISTRATOR}
    scope = UserScope(
        everything=everything, root_unit_ids=roots, roles=roles, assignments=assignments
    )
    user._antq_scope = scope
    return scope


def unit_in_scope(user, unit, *, roles=None):
    """True when `unit` (a row, current or historical) lies in the user's scope.

    With `roles`, only assignments of those roles count (administrators always do). The first
    check of a request loads the scope's unit ids; checks in loops then cost no query.
    """
    if user_scope(user).everything:
        return True
    if unit is None:
        return False
    unit_id = unit.pk if isinstance(unit, AdministrativeUnit) else unit
    return unit_id in scope_unit_ids(user, roles=roles)


def scope_unit_ids(user, *, roles=None):
    """The ids of the units (current and historical) in the user's scope, or in the scope of its
    assignments of `roles`; loaded once per user object (so once per request) and per set of
    roots. Administrators see everything: ask `user_scope(user).everything` first."""
    scope = user_scope(user)
    roots = frozenset(
        a.unit_id for a in scope.assignments if a.unit_id and (roles is None or a.role in roles)
    )
    if not roots:
        return frozenset()
    cache = getattr(user, "_antq_scope_units", None)
    if cache is None:
        cache = {}
        # Through setattr, so that a lazy request.user keeps it on the user it wraps.
        user._antq_scope_units = cache
    if roots not in cache:
        cache[roots] = frozenset(
            UnitScope.objects.filter(root_id__in=roots).values_list("unit_id", flat=True)
        )
    return cache[roots]


def units_for_user(user):
    """The units `user` may see (current and historical); every scoped query starts here."""
    return AdministrativeUnit.objects.in_scope(user_scope(user))


def scope_unit_of(obj):
    """The unit whose scope decides who may see `obj`."""
    if isinstance(obj, AdministrativeUnit):
        return obj
    return obj.scope_unit


def users_in_charge_of(unit, *, roles):
    """The active users holding today one of `roles` for a unit whose scope covers `unit` (a row,
    current or historical, or its id): the officials of a commune and of the units it succeeded,
    the staff of the districts and provinces above it. One query when evaluated; administrators
    of the whole country (who hold no unit) are not among them."""
    unit_id = unit.pk if isinstance(unit, AdministrativeUnit) else unit
    holders = (
        RoleAssignment.objects.active()
        .filter(
            role__in=list(roles),
            unit_id__in=UnitScope.objects.filter(unit_id=unit_id).values("root_id"),
        )
        .values("user_id")
    )
    return User.objects.filter(is_active=True, pk__in=holders)
