"""factory_boy factories and builders, one module per app (units, accounts, events, awards,
movements). The factories are re-exported here for short imports."""

from tests.factories.accounts import RoleFactory, UserFactory
from tests.factories.awards import (
    AwardFactory,
    DecisionFactory,
    IssuingAuthorityFactory,
    TributeFactory,
)
from tests.factories.events import FestivalFactory, FestivalReportFactory
from tests.factories.movements import MovementModelFactory
from tests.factories.units import ProvinceFactory, SuccessionFactory, UnitFactory

__all__ = [
    "AwardFactory",
    "DecisionFactory",
    "FestivalFactory",
    "FestivalReportFactory",
    "IssuingAuthorityFactory",
    "MovementModelFactory",
    "ProvinceFactory",
    "RoleFactory",
    "SuccessionFactory",
    "TributeFactory",
    "UnitFactory",
    "UserFactory",
]
