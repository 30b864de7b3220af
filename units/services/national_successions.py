"""The successions of the 2025 reform (province merges, communes kept whole or divided) as the
national import writes them, with their audit entries: one step of the importer in
`units.services.import_national`."""

from collections import defaultdict

from auditlog.models import LogEntry

from core.audit import AuditChange, audit_log_bulk, audit_text
from units.enums import SuccessionKind
from units.models import UnitSuccession
from units.services.import_current import TWO_TIER_START
from units.services.national_data import (
    PROVINCE_LEGAL_BASIS,
    SOURCE,
    UPGRADED_KINDS,
    proper_name,
    same_name,
)


class SuccessionsMixin:
    """The successions step of the national importer (it uses the importer's data and report)."""

    def _successions(
        self, new_provinces, new_communes, merged, old_provinces, old_districts, old_communes
    ):
        counts = self.report.successions
        # (predecessor, successor, kind, is_default, legal basis); None stands for a unit that
        # could not be matched.
        edges = []
        for new_key in sorted(merged):
            for old_key in self.data.provinces[new_key]:
                edges.append(
                    (
                        old_provinces.get(old_key),
                        new_provinces.get(new_key),
                        SuccessionKind.MERGE,
                        False,
                        PROVINCE_LEGAL_BASIS,
                    )
                )

        def old_unit(old_key):
            province_key, district_key, ward_key = old_key.split("_", 2)
            if ward_key:
                return old_communes.get(old_key)
            return old_districts.get((province_key, district_key))

        predecessor_count = defaultdict(int)
        for province_key, communes in self.data.whole.items():
            for ward_key, olds in communes.items():
                predecessor_count[(province_key, ward_key)] += len(olds)
        for province_key, olds in self.data.divided.items():
            for successors in olds.values():
                for ward_key, _default in successors:
                    predecessor_count[(province_key, ward_key)] += 1

        for province_key, communes in sorted(self.data.whole.items()):
            for ward_key, olds in sorted(communes.items()):
                successor = new_communes.get((province_key, ward_key))
                several = predecessor_count[(province_key, ward_key)] > 1
                for old_key in olds:
                    predecessor = old_unit(old_key)
                    kind = (
                        SuccessionKind.MERGE
                        if several
                        else _one_to_one_kind(predecessor, successor)
                    )
                    edges.append((predecessor, successor, kind, False, ""))
        for province_key, olds in sorted(self.data.divided.items()):
            for old_key, successors in sorted(olds.items()):
                predecessor = old_unit(old_key)
                for ward_key, is_default in successors:
                    successor = new_communes.get((province_key, ward_key))
                    edges.append((predecessor, successor, SuccessionKind.SPLIT, is_default, ""))

        recorded = defaultdict(set)
        for predecessor_id, successor_id in UnitSuccession.objects.filter(
            date=TWO_TIER_START
        ).values_list("predecessor_id", "successor_id"):
            recorded[predecessor_id].add(successor_id)
        all_pairs = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
        wanted_by_predecessor = defaultdict(set)
        for predecessor, successor, *_rest in edges:
            if predecessor is not None and successor is not None:
                wanted_by_predecessor[predecessor.pk].add(successor.pk)

        created = []
        for predecessor, successor, kind, is_default, legal_basis in edges:
            if predecessor is None or successor is None:
                counts.skipped += 1
                continue
            pair = (predecessor.pk, successor.pk)
            if pair in all_pairs:
                counts.matched += 1
                continue
            already = recorded.get(predecessor.pk)
            if already and not already & wanted_by_predecessor[predecessor.pk]:
                # Recorded history says otherwise: keep it, say so.
                counts.skipped += 1
                self.report.notes.append(
                    f"{predecessor.name} ({predecessor.code}): kept its recorded successors; "
                    f"vietnamadminunits says {successor.name} ({successor.code})"
                )
                continue
            all_pairs.add(pair)
            created.append(
                UnitSuccession(
                    predecessor=predecessor,
                    successor=successor,
                    date=TWO_TIER_START,
                    kind=kind,
                    is_default=is_default,
                    legal_basis=legal_basis,
                )
            )
        UnitSuccession.objects.bulk_create(created, batch_size=2000)
        counts.created += len(created)
        return created

    # the audit trail ----------------------------------------------------------------------------

    def _audit(self, successions):
        changes = [
            AuditChange(
                unit,
                LogEntry.Action.CREATE,
                {
                    "code": ["None", unit.code],
                    "name": ["None", unit.name],
                    "kind": ["None", unit.kind],
                    "parent": ["None", audit_text(unit.parent_id)],
                    "valid_to": ["None", audit_text(unit.valid_to)],
                },
            )
            for unit in self.created_units
        ]
        changes += [
            AuditChange(
                unit, LogEntry.Action.UPDATE, {"valid_from": ["None", audit_text(unit.valid_from)]}
            )
            for unit in self.dated_units
        ]
        changes += [
            AuditChange(
                succession,
                LogEntry.Action.CREATE,
                {
                    "predecessor": ["None", audit_text(succession.predecessor_id)],
                    "successor": ["None", audit_text(succession.successor_id)],
                    "date": ["None", audit_text(succession.date)],
                    "kind": ["None", succession.kind],
                    "is_default": ["None", audit_text(succession.is_default)],
                    "legal_basis": ["None", succession.legal_basis],
                },
            )
            for succession in successions
        ]
        version = f" {self.data.version}" if self.data.version else ""
        audit_log_bulk(changes, additional_data={"source": f"{SOURCE}{version}"})


def _one_to_one_kind(predecessor, successor):
    """A commune that went whole into a new commune formed from it alone."""
    if predecessor is None or successor is None:
        return SuccessionKind.CONTINUE
    if same_name(predecessor.name, successor.name):
        return SuccessionKind.CONTINUE
    if (
        proper_name(predecessor.name) == proper_name(successor.name)
        and successor.kind in UPGRADED_KINDS
        and predecessor.kind not in UPGRADED_KINDS
    ):
        return SuccessionKind.UPGRADE
    return SuccessionKind.RENAME
