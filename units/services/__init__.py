"""Every write to units, successions and the scope closure.

    scope            units_rebuild_scope: the `UnitScope` closure
    import_current   units_import_current: today's units from the `vietnam-provinces` package
    import_history   units_import_history: historical units and successions from CSV rows
    import_national  units_import_national: the tree of 30 June 2025 and the 2025 conversion map
                     from the `vietnamadminunits` package

Import from `units.services`; the modules are its layout, not its interface.
"""

from units.services.import_current import TWO_TIER_START, ImportCounts, units_import_current
from units.services.import_history import (
    SUCCESSION_COLUMNS,
    UNIT_COLUMNS,
    HistoryImportReport,
    RowError,
    parse_date,
    units_import_history,
)
from units.services.import_national import (
    LAST_THREE_TIER_DAY,
    NationalImportReport,
    load_national_data,
    national_history_loaded,
    units_import_national,
)
from units.services.scope import SCOPE_BATCH_SIZE, units_rebuild_scope

__all__ = [
    "LAST_THREE_TIER_DAY",
    "SCOPE_BATCH_SIZE",
    "SUCCESSION_COLUMNS",
    "TWO_TIER_START",
    "UNIT_COLUMNS",
    "HistoryImportReport",
    "ImportCounts",
    "NationalImportReport",
    "RowError",
    "load_national_data",
    "national_history_loaded",
    "parse_date",
    "units_import_current",
    "units_import_history",
    "units_import_national",
    "units_rebuild_scope",
]
