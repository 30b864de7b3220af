"""The data of the `vietnamadminunits` package as the national import reads it (without running
the package's code), the report of an import, and the name matching shared by both."""

import datetime
import importlib.util
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from core.search import normalize_search_text
from units.enums import UnitKind
from units.services.import_current import TWO_TIER_START

PACKAGE = "vietnamadminunits"
# The last day of the three-tier administration.
LAST_THREE_TIER_DAY = TWO_TIER_START - datetime.timedelta(days=1)
# Resolution of the National Assembly on the arrangement of provinces (12 June 2025).
PROVINCE_LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
SOURCE = "import_units (vietnamadminunits)"

PROVINCE_KINDS = {"Tỉnh": UnitKind.PROVINCE, "Thành phố": UnitKind.MUNICIPALITY}
DISTRICT_KINDS = {
    "Quận": UnitKind.URBAN_DISTRICT,
    "Huyện": UnitKind.DISTRICT,
    "Thị xã": UnitKind.TOWN,
    "Thành phố": UnitKind.PROVINCIAL_CITY,
}
COMMUNE_KINDS = {"Phường": UnitKind.WARD, "Thị trấn": UnitKind.TOWNSHIP, "Xã": UnitKind.COMMUNE}
UPGRADED_KINDS = {UnitKind.WARD, UnitKind.SPECIAL_ZONE}


# --- the package's data ---------------------------------------------------------------------------


@dataclass
class NationalData:
    """The package's tables, as plain rows.

    legacy      one dict per commune of 30 June 2025 (an island district without communes has a
                row with an empty ward): province, district and ward codes, names, kinds and keys
    current     one dict per commune of today: province and ward codes, names and keys
    provinces   new province key → the keys of the old provinces it was formed from
    whole       new province key → new ward key → keys "province_district_ward" of the old
                communes that went into it whole
    divided     new province key → old commune key → [(new ward key, is default)]
    """

    legacy: list
    current: list
    provinces: dict
    whole: dict
    divided: dict
    version: str = ""


def _package_folder():
    # find_spec locates the package without running its __init__ (which loads its parsers).
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"The {PACKAGE} package is not installed (pip install {PACKAGE}).")
    return Path(next(iter(spec.submodule_search_locations)))


def _package_version():
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - installed without metadata
        return ""


_LEGACY_SQL = """
    SELECT provinceKey, provinceCode, province, districtKey, districtCode, district, districtType,
           COALESCE(wardKey, '') AS wardKey, wardCode, ward, wardType
    FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode
"""
_CURRENT_SQL = """
    SELECT provinceKey, provinceCode, province, wardKey, wardCode, ward
    FROM admin_units ORDER BY provinceCode, wardCode
"""


def load_national_data():
    """The package's tables of 30 June 2025, of today and its 2025 conversion map."""
    folder = _package_folder() / "data"
    with sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        legacy = [dict(row) for row in connection.execute(_LEGACY_SQL)]
        current = [dict(row) for row in connection.execute(_CURRENT_SQL)]
    connection.close()
    with open(folder / "converter_2025.json", encoding="utf-8") as handle:
        conversion = json.load(handle)
    divided = {
        province: {
            old_key: [(new["newWardKey"], bool(new["isDefaultNewWard"])) for new in successors]
            for old_key, successors in communes.items()
        }
        for province, communes in conversion["DICT_PROVINCE_WARD_DIVIDED"].items()
    }
    return NationalData(
        legacy=legacy,
        current=current,
        provinces=conversion["DICT_PROVINCE"],
        whole=conversion["DICT_PROVINCE_WARD_NO_DIVIDED"],
        divided=divided,
        version=_package_version(),
    )


# --- the report -----------------------------------------------------------------------------------


@dataclass
class Counts:
    created: int = 0
    matched: int = 0
    skipped: int = 0

    def __str__(self):
        return f"{self.created} created, {self.matched} matched, {self.skipped} skipped"


@dataclass
class NationalImportReport:
    """What the import created, matched and skipped, and why it matched or skipped some."""

    provinces: Counts = field(default_factory=Counts)
    districts: Counts = field(default_factory=Counts)
    communes: Counts = field(default_factory=Counts)
    successions: Counts = field(default_factory=Counts)
    # Today's units of the package found among today's units of `vietnam-provinces`.
    current_by_code: int = 0
    current_by_name: list = field(default_factory=list)  # notes: the packages disagree on a code
    current_unmatched: list = field(default_factory=list)
    # Today's units given the start of their validity (1 July 2025).
    dated: int = 0
    notes: list = field(default_factory=list)
    scope_rows: int = 0
    scope_seconds: float = 0.0
    seconds: float = 0.0
    version: str = ""

    @property
    def changed(self):
        return bool(
            self.provinces.created
            or self.districts.created
            or self.communes.created
            or self.successions.created
            or self.dated
        )

    def lines(self, *, verbose=False, examples=5):
        """The summary as lines of text (the command prints them)."""
        lines = [
            f"30 June 2025 tree (vietnamadminunits {self.version}):",
            f"  provinces: {self.provinces}",
            f"  districts: {self.districts}",
            f"  communes: {self.communes}",
            f"  successions of 1 July 2025: {self.successions}",
            f"  today's units matched: {self.current_by_code} by code, "
            f"{len(self.current_by_name)} by name, {len(self.current_unmatched)} not found",
        ]
        if self.dated:
            lines.append(f"  today's units dated from 01/07/2025: {self.dated}")
        for title, notes in [
            (
                "Where vietnamadminunits and vietnam-provinces disagree on a code, "
                "matched by name within the province:",
                self.current_by_name,
            ),
            ("Not found among today's units (their successions skipped):", self.current_unmatched),
            ("Notes:", self.notes),
        ]:
            if not notes:
                continue
            lines.append(f"  {title}")
            shown = notes if verbose else notes[:examples]
            lines += [f"    {note}" for note in shown]
            if len(notes) > len(shown):
                lines.append(f"    … and {len(notes) - len(shown)} more (-v 2 lists them all)")
        if self.scope_rows:
            lines.append(f"  scope: {self.scope_rows} rows changed in {self.scope_seconds:.1f} s")
        lines.append(f"  done in {self.seconds:.1f} s")
        return lines


def same_name(a, b):
    """Names equal but for diacritic placement (Hòa/Hoà), spaces, case and apostrophes."""
    return name_key(a) == name_key(b)


_PUNCTUATION = str.maketrans({"’": None, "'": None, "-": " ", "–": " ", "—": " "})


def name_key(name):
    return normalize_search_text((name or "").translate(_PUNCTUATION))


def proper_name(name):
    """The name without its kind word: "Phường Rừng Thông" → "rung thong"."""
    key = name_key(name)
    for word in ("thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "huyen", "quan", "tinh"):
        if key.startswith(word + " "):
            return key.removeprefix(word + " ")
    return key.removeprefix("xa ")
