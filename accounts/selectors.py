"""Who may see what: the one place that answers "which units are in this user's scope"."""

from dataclasses import dataclass, field

from django.utils import timezone

from accounts.enums import Role
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

    With `roles`, only assignments of those roles count (administrators always do).
    """
    scope = user_scope(user)
    if scope.everything:
        return True
    if unit is None:
        return False
    roots = {
        a.unit_id for a in scope.assignments if a.unit_id and (roles is None or a.role in roles)
    }
    if not roots:
        return False
    unit_id = unit.pk if isinstance(unit, AdministrativeUnit) else unit
    cache = user.__dict__.setdefault("_antq_unit_checks", {})
    key = (unit_id, frozenset(roots))
    if key not in cache:
        cache[key] = UnitScope.objects.filter(root_id__in=roots, unit_id=unit_id).exists()
    return cache[key]


def units_for_user(user):
    """The units `user` may see (current and historical); every scoped query starts here."""
    return AdministrativeUnit.objects.in_scope(user_scope(user))


def scope_unit_of(obj):
    """The unit whose scope decides who may see `obj`."""
    if isinstance(obj, AdministrativeUnit):
        return obj
    return obj.scope_unit
